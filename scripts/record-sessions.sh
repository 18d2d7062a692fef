#!/usr/bin/env bash
# Records the session-host and program-behaviour corpora (issue 10) with `hupsim record`,
# each trace named by the recorder's own id (`hupsim record … --print-id`):
#
#   Fixtures/recorded/bash-X.Y-sshd/            --session ssh through a real sshd (ssh -tt)
#   Fixtures/recorded/bash-X.Y-terminal/        --session terminal: xterm under Xvfb
#   Fixtures/recorded/bash-X.Y-tmux-pane/       --session tmux-pane: tmux reached over ssh -tt
#   Fixtures/recorded/bash-X.Y-hold/            --session hold: the recorder's pty, kept open
#   Fixtures/recorded/bash-X.Y-ssh-no-pty/      --session ssh-no-pty: ssh -T host 'cmd'
#   Fixtures/recorded/bash-X.Y-no-job-control/  --no-job-control through ssh -tt and on a held pty
#   Fixtures/recorded/bash-X.Y-programs/        --exits-on, --resets-signals (also a child's),
#                                               --writes, --reads, --on-read-error retry, --stdout
#   Fixtures/recorded/bash-X.Y-daemons/         --daemonizes (issue 14): every form, bg and fg, every
#                                               end; with nohup, writing, without job control, and a
#                                               child that detaches itself
#
#   scripts/record-sessions.sh [--repeat 3] [--out Fixtures/recorded] [--only NAME[,NAME…]]
#   (names: sshd, terminal, tmux-pane, hold, ssh-no-pty, no-job-control, programs, daemons,
#   shell-daemons)
#   Fixtures/recorded/<shell>-daemons/          shell-daemons: zsh, ksh93, mksh, dash, fish, tcsh and
#                                               busybox ash with each detaching form, exit and hang-up
#
# The impossible combinations are listed in each folder's SKIPPED.md with hupsim's reason.
# It only runs hupsim; it builds nothing. Run it on an otherwise idle machine: a loaded
# machine turns some real races the other way and marks more traces unstable.
set -euo pipefail

repeat=3
out=Fixtures/recorded
only=
hupsim=${HUPSIM:-.build/debug/hupsim}
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) repeat=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --only) only=,$2,; shift 2 ;;
    *) echo "usage: $0 [--repeat N] [--out DIR] [--only sshd,terminal,tmux-pane,hold,ssh-no-pty,no-job-control,programs,daemons,shell-daemons]" >&2; exit 64 ;;
  esac
done
version=$(/bin/bash --version | head -1 | sed -E 's/.*version ([0-9]+)\.([0-9]+).*/\1.\2/')
base="bash-$version"
scenarios=$(mktemp -d "${TMPDIR:-/tmp}/hupsim-sessions-XXXXXX")
trap 'rm -rf "$scenarios"' EXIT
count=0

# record FOLDER ARGS…: one trace, unless it exists; a combination that cannot happen goes
# to SKIPPED.md.
record() {
  local folder=$1; shift
  local dir="$out/$base-$folder"
  case $folder in */*) dir="$out/$folder" ;; esac
  mkdir -p "$dir"
  local skipped="$dir/SKIPPED.md"
  [ -s "$skipped" ] || printf '# Combinations not recorded for %s\n\nEach line is what `hupsim record` answered: the combination cannot happen or cannot be recorded.\n\n' "$(basename "$dir")" > "$skipped"
  local id status msg
  set +e
  id=$("$hupsim" record "$@" --print-id 2>&1)
  status=$?
  set -e
  if [ $status -ne 0 ]; then
    grep -qF -- "\`$*\`" "$skipped" || printf -- '- `%s`: %s\n' "$*" "${id#hupsim: }" >> "$skipped"
    return
  fi
  local file="$dir/$id.json"
  [ -s "$file" ] && return
  set +e
  msg=$("$hupsim" record "$@" --repeat "$repeat" --out "$file" 2>&1 >/dev/null)
  status=$?
  set -e
  case $status in
    0|1) count=$((count + 1)) ;;
    64) grep -qF "\`$id\`" "$skipped" || printf -- '- `%s`: %s\n' "$id" "${msg#hupsim: }" >> "$skipped"; rm -f "$file" ;;
    *) echo "recording $id failed ($status): $msg" >&2; rm -f "$file" ;;
  esac
}

wanted() { [ -z "$only" ] || [[ "$only" == *",$1,"* ]]; }

# The interactive session hosts: jobs started every way, catching or not, every end.
for folder in sshd terminal tmux-pane hold; do
  wanted "$folder" || continue
  case $folder in sshd) session=ssh ;; *) session=$folder ;; esac
  for state in bg stopped; do
    for launch in plain nohup setsid disown; do
      for probe in catch dfl; do
        for end in exit hangup kill-hup; do
          args=(--session "$session" --launch "$launch" --exit "$end")
          case $state in bg) args+=(--state running --bg) ;; *) args+=(--state "$state") ;; esac
          [ "$probe" = catch ] && args+=(--handles HUP,CONT,TERM)
          record "$folder" "${args[@]}"
        done
      done
    done
  done
  for launch in plain nohup setsid disown; do
    record "$folder" --session "$session" --launch "$launch" --state running --fg --exit hangup --handles HUP,CONT,TERM
  done
  # The typed ends that are not `exit`, and huponexit.
  record "$folder" --session "$session" --state stopped --exit logout
  record "$folder" --session "$session" --exit eof --handles HUP,CONT,TERM
  record "$folder" --session "$session" --exit exit --huponexit --handles HUP,CONT,TERM
  record "$folder" --session "$session" --launch nohup --exit exit --huponexit
  # Programs that write to and read the terminal.
  for launch in plain nohup; do
    for end in exit hangup; do
      record "$folder" --session "$session" --launch "$launch" --exit "$end" --writes
      record "$folder" --session "$session" --launch "$launch" --exit "$end" --reads --on-read-error retry
    done
  done
done

# ssh host 'cmd' without a pty.
if wanted ssh-no-pty; then
  for launch in plain nohup setsid subshell; do
    for program in dfl catch writes reads writes-file writes-null catch-pipe; do
      for end in exit hangup kill-hup; do
        args=(--session ssh-no-pty --launch "$launch" --exit "$end")
        case $program in
          catch) args+=(--handles HUP,CONT,TERM) ;;
          writes) args+=(--writes) ;;
          reads) args+=(--reads) ;;
          writes-file) args+=(--writes --stdout file) ;;
          writes-null) args+=(--writes --stdout null) ;;
          catch-pipe) args+=(--writes --handles PIPE) ;;
        esac
        record ssh-no-pty "${args[@]}"
      done
    done
  done
fi

# Without job control: `ssh -tt host 'cmd &'` and `sh -c` on a terminal that stays open.
if wanted no-job-control; then
  for session in ssh hold; do
    for launch in plain nohup setsid subshell; do
      for program in dfl catch; do
        for end in exit hangup kill-hup; do
          args=(--session "$session" --no-job-control --launch "$launch" --exit "$end")
          [ "$program" = catch ] && args+=(--handles HUP,CONT,TERM)
          record no-job-control "${args[@]}"
        done
      done
    done
  done
  for launch in plain nohup; do
    for end in exit hangup; do
      record no-job-control --no-job-control --launch "$launch" --exit "$end" --writes
    done
  done
fi

# Program behaviours, through the real sshd.
if wanted programs; then
  for launch in plain nohup setsid disown; do
    for end in exit hangup; do
      record programs --launch "$launch" --exit "$end" --exits-on HUP
      record programs --launch "$launch" --exit "$end" --exits-on HUP,TERM --handles CONT
      record programs --launch "$launch" --exit "$end" --resets-signals
      record programs --launch "$launch" --exit "$end" --resets-signals --handles HUP,CONT,TERM
      record programs --launch "$launch" --exit "$end" --writes --stdout file
      record programs --launch "$launch" --exit "$end" --reads --on-read-error retry
    done
  done
  # A job whose child resets dispositions (npm through libuv) or exits on SIGHUP.
  for launch in nohup plain; do
    for end in exit hangup; do
      for child in '"resetsSignals": true' '"exitsOn": ["SIGHUP"]' '"resetsSignals": true, "writes": true'; do
        file="$scenarios/$launch-$end-$(echo "$child" | tr -cd 'a-zA-Z').json"
        printf '{"jobs": [{"command": "./job", "launch": "%s", "processes": [{"command": "./child", %s}]}], "exit": "%s"}\n' \
          "$launch" "$child" "$end" > "$file"
        record programs --scenario "$file"
      done
    done
  done
fi
# Programs that detach themselves (daemon(3), daemon(0,1), the double fork, setsid() and
# setpgid(0,0) in place), through the real sshd: the recorder follows the detached process.
if wanted daemons; then
  for form in daemon daemon-keep-stdio double-fork setsid setpgid; do
    for state in bg fg; do
      for probe in catch dfl; do
        for end in exit logout hangup kill-hup; do
          args=(--daemonizes "$form" --exit "$end")
          case $state in bg) args+=(--state running --bg) ;; fg) args+=(--state running --fg) ;; esac
          [ "$probe" = catch ] && args+=(--handles HUP,CONT,TERM)
          record daemons "${args[@]}"
        done
      done
    done
  done
  # nohup in front of a daemon; a daemon that keeps the terminal and writes to it.
  for form in daemon daemon-keep-stdio double-fork setsid setpgid; do
    for end in exit hangup; do
      record daemons --launch nohup --daemonizes "$form" --exit "$end" --handles HUP,CONT,TERM
    done
  done
  for form in daemon-keep-stdio daemon; do
    for end in exit logout hangup; do
      record daemons --daemonizes "$form" --writes --exit "$end"
    done
  done
  # Without job control the job is in the shell's group: setsid() and setpgid() succeed.
  for form in daemon daemon-keep-stdio double-fork setsid setpgid; do
    for probe in catch dfl; do
      for end in exit hangup kill-hup; do
        args=(--no-job-control --daemonizes "$form" --exit "$end")
        [ "$probe" = catch ] && args+=(--handles HUP,CONT,TERM)
        record daemons "${args[@]}"
      done
    done
  done
  # The other session hosts: a held pty, xterm, a tmux pane, and ssh host 'cmd' without a
  # pty (where a daemon that keeps stdio keeps sshd's pipe, and ssh does not return).
  for session in hold terminal tmux-pane ssh-no-pty; do
    for form in daemon daemon-keep-stdio double-fork setsid setpgid; do
      for end in exit hangup; do
        record daemons --session "$session" --daemonizes "$form" --exit "$end" --handles HUP,CONT,TERM
      done
    done
  done
  # A job's child that detaches itself (it does not lead the job's group).
  for form in setsid setpgid daemon; do
    for end in exit hangup; do
      file="$scenarios/daemon-child-$form-$end.json"
      printf '{"jobs": [{"command": "./job", "handles": ["SIGHUP", "SIGCONT", "SIGTERM"], "processes": [{"command": "./child", "handles": ["SIGHUP", "SIGCONT", "SIGTERM"], "daemonizes": "%s"}]}], "exit": "%s"}\n' \
        "$form" "$end" > "$file"
      record daemons --scenario "$file"
    done
  done
fi
# The other shells with a program that detaches itself: each form, a running background job
# catching or not, ending by exit and by a hang-up (zsh, ksh93 and fish signal their running
# jobs; the detached process is no longer one of them).
if wanted shell-daemons; then
  for shell in zsh ksh93 mksh dash fish tcsh busybox-ash; do
    name=$("$hupsim" --shell "$shell" --format json | sed -n 's/.*"shell": *"\([^"]*\)".*/\1/p' | head -1)
    for form in daemon double-fork setsid setpgid; do
      for probe in catch dfl; do
        for end in exit hangup; do
          args=(--shell "$shell" --daemonizes "$form" --exit "$end")
          [ "$probe" = catch ] && args+=(--handles HUP,CONT,TERM)
          record "$name-daemons/" "${args[@]}"
        done
      done
    done
  done
fi
echo "recorded $count scenarios into $out/$base-* and $out/*-daemons"
