// The few Linux calls Swift cannot import (variadic prctl/ioctl, the posix_openpt
// family, fork+exec into a new session, pidfd_open and PIDFD_GET_INFO, the wait(2)
// status macros). Used by the recorder only: the probe and the model never touch it,
// and /proc is read in Swift (HangupProcFS). Everything is inside __linux__ so the
// module is empty elsewhere.
#ifndef CHANGUPLINUX_H
#define CHANGUPLINUX_H

#ifdef __linux__
#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

/// Opens a pty master (O_RDWR|O_NOCTTY|O_CLOEXEC), grants and unlocks it, and
/// writes the slave's path. Returns the master fd, or -1 with errno set.
int CHangupLinux_open_pty(char *slave_path, size_t slave_path_len);

/// prctl(PR_SET_CHILD_SUBREAPER, 1): orphaned descendants are re-parented to us.
int CHangupLinux_set_child_subreaper(void);

/// Forks a child that starts a new session on the pty slave and execs `path`:
/// every signal disposition reset to SIG_DFL and the mask cleared, setsid(),
/// the slave opened as stdin/stdout/stderr and made the controlling terminal
/// (TIOCSCTTY), every other fd closed, the working directory changed.
/// Returns the child's pid, or -1 with errno set. If exec fails the child exits 127.
pid_t CHangupLinux_spawn_session(const char *path, char *const argv[], char *const envp[],
                                 const char *slave_path, const char *cwd);

/// pidfd_open(pid, 0). Returns the fd or -1 with errno set.
int CHangupLinux_pidfd_open(pid_t pid);

/// pidfd_send_signal(pidfd, sig, NULL, 0): a signal to exactly the process the pidfd
/// names, never to a later process that reuses its pid. Returns 0 or -1 with errno set.
int CHangupLinux_pidfd_send_signal(int pidfd, int sig);

/// The exit code the kernel keeps for a pidfd's process once it has been reaped
/// (PIDFD_GET_INFO with PIDFD_INFO_EXIT, Linux 6.15+), in wait(2) status form.
/// Returns 0 and sets *status, or -1 (not exited yet, or not supported) with errno.
int CHangupLinux_pidfd_exit_status(int pidfd, int *status);

/// ioctl(fd, TIOCSWINSZ): the terminal's size, as a terminal emulator or ssh sets it.
int CHangupLinux_set_window_size(int fd, unsigned short rows, unsigned short columns);

/// ioctl(fd, TIOCSTI) for each byte: the bytes enter the terminal's input queue as if
/// typed on it (the recorder types into an xterm's terminal this way). Needs
/// CAP_SYS_ADMIN or dev.tty.legacy_tiocsti=1. Returns 0, or -1 with errno set.
int CHangupLinux_insert_input(int fd, const char *bytes, size_t count);

// wait(2) status helpers (macros in C).
int CHangupLinux_wifexited(int status);
int CHangupLinux_wexitstatus(int status);
int CHangupLinux_wifsignaled(int status);
int CHangupLinux_wtermsig(int status);

#endif // __linux__
#endif // CHANGUPLINUX_H
