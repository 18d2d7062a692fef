#ifdef __linux__
#define _GNU_SOURCE
#include "CHangupLinux.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#ifndef PR_SET_CHILD_SUBREAPER
#define PR_SET_CHILD_SUBREAPER 36
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

int CHangupLinux_open_pty(char *slave_path, size_t slave_path_len) {
  int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return -1;
  if (grantpt(fd) != 0 || unlockpt(fd) != 0 || ptsname_r(fd, slave_path, slave_path_len) != 0) {
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

int CHangupLinux_set_child_subreaper(void) {
  return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

pid_t CHangupLinux_spawn_session(const char *path, char *const argv[], char *const envp[],
                                 const char *slave_path, const char *cwd) {
  pid_t pid = fork();
  if (pid != 0) return pid;  // parent (or -1)

  // Child: only async-signal-safe calls from here on.
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  for (int sig = 1; sig < NSIG; sig++) {
    if (sig == SIGKILL || sig == SIGSTOP) continue;
    sigaction(sig, &dfl, NULL);
  }
  sigset_t empty;
  sigemptyset(&empty);
  sigprocmask(SIG_SETMASK, &empty, NULL);

  if (setsid() < 0) _exit(126);
  int slave = open(slave_path, O_RDWR);
  if (slave < 0) _exit(126);
  ioctl(slave, TIOCSCTTY, 0);
  if (dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0) _exit(126);
  if (slave > 2) close(slave);
  // Close everything else (the recorder's pipes, the master, logs).
  long max = sysconf(_SC_OPEN_MAX);
  if (max < 0 || max > 65536) max = 65536;
#ifdef SYS_close_range
  if (syscall(SYS_close_range, 3U, ~0U, 0U) != 0)
#endif
    for (int fd = 3; fd < max; fd++) close(fd);
  if (cwd != NULL && chdir(cwd) != 0) _exit(126);
  execve(path, argv, envp);
  _exit(127);
}

int CHangupLinux_pidfd_open(pid_t pid) {
  return (int)syscall(SYS_pidfd_open, pid, 0);
}

int CHangupLinux_pidfd_send_signal(int pidfd, int sig) {
  return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

// Linux 6.15 include/uapi/linux/pidfd.h, defined here for older headers.
struct changup_pidfd_info {
  uint64_t mask;
  uint64_t cgroupid;
  uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid, fsuid, fsgid;
  int32_t exit_code;
  uint32_t coredump_mask;
  uint32_t spare1;
};
// The layout the kernel reads: PIDFD_GET_INFO's size is part of the ioctl number, and
// exit_code must sit where Linux puts it (72 bytes, PIDFD_INFO_SIZE_VER1 in newer headers).
_Static_assert(sizeof(struct changup_pidfd_info) == 72, "struct pidfd_info is 72 bytes");
_Static_assert(offsetof(struct changup_pidfd_info, mask) == 0, "pidfd_info.mask at 0");
_Static_assert(offsetof(struct changup_pidfd_info, cgroupid) == 8, "pidfd_info.cgroupid at 8");
_Static_assert(offsetof(struct changup_pidfd_info, pid) == 16, "pidfd_info.pid at 16");
_Static_assert(offsetof(struct changup_pidfd_info, exit_code) == 60, "pidfd_info.exit_code at 60");
_Static_assert(offsetof(struct changup_pidfd_info, coredump_mask) == 64, "pidfd_info.coredump_mask at 64");
#define CHANGUP_PIDFD_INFO_EXIT (1UL << 3)
#define CHANGUP_PIDFD_GET_INFO _IOWR(0xFF, 11, struct changup_pidfd_info)

int CHangupLinux_pidfd_exit_status(int pidfd, int *status) {
  struct changup_pidfd_info info;
  memset(&info, 0, sizeof info);
  info.mask = CHANGUP_PIDFD_INFO_EXIT;
  if (ioctl(pidfd, CHANGUP_PIDFD_GET_INFO, &info) != 0) return -1;
  if ((info.mask & CHANGUP_PIDFD_INFO_EXIT) == 0) {
    errno = EAGAIN;
    return -1;
  }
  *status = info.exit_code;
  return 0;
}

int CHangupLinux_set_window_size(int fd, unsigned short rows, unsigned short columns) {
  struct winsize size;
  memset(&size, 0, sizeof size);
  size.ws_row = rows;
  size.ws_col = columns;
  return ioctl(fd, TIOCSWINSZ, &size);
}

int CHangupLinux_insert_input(int fd, const char *bytes, size_t count) {
  for (size_t i = 0; i < count; i++) {
    if (ioctl(fd, TIOCSTI, &bytes[i]) != 0) return -1;
  }
  return 0;
}

int CHangupLinux_wifexited(int status) { return WIFEXITED(status); }
int CHangupLinux_wexitstatus(int status) { return WEXITSTATUS(status); }
int CHangupLinux_wifsignaled(int status) { return WIFSIGNALED(status); }
int CHangupLinux_wtermsig(int status) { return WTERMSIG(status); }

#else
// Keeps the translation unit non-empty on other systems.
void CHangupLinux_i_do_nothing_off_linux(void) {}
#endif
