#!/usr/bin/env bash
# Records the trace corpus under Fixtures/recorded/<shell>-<version>/ with `hupsim record`:
# every combination of login, shell options, job state, launch, probe and session end
# that can happen; the impossible ones are listed in SKIPPED.md with hupsim's reason.
#
#   scripts/record-corpus.sh --out DIR [--shell-path /bin/bash] [--repeat 3]
#   scripts/record-corpus.sh --out DIR --shell zsh|ksh93|mksh|dash|fish|tcsh|busybox-ash [--shell-path PATH] ...
#
# --out is required: the traces go to DIR/<shell>-<version>/ (the committed corpus is
# Fixtures/recorded; give that to re-record it). A trace already in DIR is kept and not
# recorded again (delete it to re-record). Each run takes about 1.2 s (median; up to 9 s),
# so bash's whole matrix (2 x 2 x 4 x 6 x 2 x 5 = 960 combinations, 752 possible) takes
# about 45 minutes with --repeat 3; the script says its estimate before it starts.
#
# For bash the release is read from `--version` and the options are huponexit off/on; for
# another shell --shell names it (its Debian release, or a release such as ksh93-1.0.10 with
# --shell-path to a build of it), the options are its own (zsh: hup
# on/off; mksh: nohup on/off) and the launches include its disown forms.
#                            [--logins "login nonlogin"] [--huponexit "off on"]
#                            [--states "bg stopped ttin fg"] [--launches "plain nohup ..."]
#                            [--probes "catch dfl"] [--ends "exit logout eof hangup kill-hup"]
#
# It only runs hupsim; it builds nothing. Run it on an otherwise idle machine: a loaded
# machine turns some real races the other way and marks more traces unstable.
set -euo pipefail

shell_path=/bin/bash
shell=bash
repeat=3
out=
hupsim=${HUPSIM:-.build/debug/hupsim}
logins="login nonlogin"
hoes="off on"
states="bg stopped ttin fg"
launches="plain nohup setsid disown disown-h subshell"
probes="catch dfl"
launches_given=0
launches_arg=
ends="exit logout eof hangup kill-hup"
while [ $# -gt 0 ]; do
  case "$1" in
    --shell-path) shell_path=$2; shift 2 ;;
    --shell) shell=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --logins) logins=$2; shift 2 ;;
    --huponexit) hoes=$2; shift 2 ;;
    --states) states=$2; shift 2 ;;
    --launches) launches=$2; launches_arg=$2; launches_given=1; shift 2 ;;
    --probes) probes=$2; shift 2 ;;
    --ends) ends=$2; shift 2 ;;
    *) echo "usage: $0 --out DIR [--shell NAME] [--shell-path PATH] [--repeat N] [--logins L] [--huponexit H] [--states S] [--launches L] [--probes P] [--ends E]" >&2; exit 64 ;;
  esac
done
[ -n "$out" ] || { echo "record-corpus.sh: give --out DIR, the folder to record into (Fixtures/recorded is the committed corpus)" >&2; exit 64; }
[ -x "$hupsim" ] || { echo "record-corpus.sh: $hupsim is not built; run swift build first (or set HUPSIM)" >&2; exit 69; }

if [ "$shell" = bash ]; then
  version=$("$shell_path" --version | head -1 | sed -E 's/.*version ([0-9]+)\.([0-9]+[b]?).*/\1.\2/; s/^([3-9])\.0+([0-9])/\1.\2/')
  name="bash-$version"
  shell_args=(--shell-path "$shell_path")
  option_sets="huponexit-off huponexit-on"
  [ "$hoes" = off ] && option_sets="huponexit-off"
else
  # The release hupsim models for the bare name, e.g. zsh-5.9.
  name=$("$hupsim" --shell "$shell" --format json | sed -n 's/.*"shell": *"\([^"]*\)".*/\1/p' | head -1)
  [ -n "$name" ] || { echo "hupsim does not know the shell $shell" >&2; exit 64; }
  shell_args=(--shell "$shell")
  [ "$shell_path" != /bin/bash ] && shell_args+=(--shell-path "$shell_path")
  case "${shell%%-[0-9]*}" in
    zsh) option_sets="default no_hup"; launches="plain nohup setsid subshell disown amp-bang" ;;
    mksh) option_sets="default no_nohup"; launches="plain nohup setsid subshell" ;;
    ksh93|fish) option_sets="default"; launches="plain nohup setsid subshell disown" ;;
    tcsh) option_sets="default"; launches="plain nohup setsid subshell hup" ;;
    *) option_sets="default"; launches="plain nohup setsid subshell" ;;
  esac
  [ "$launches_given" = 1 ] && launches=$launches_arg
fi
dir="$out/$name"
mkdir -p "$dir"
skipped="$dir/SKIPPED.md"
[ -s "$skipped" ] || printf '# Combinations not recorded for %s\n\nEach line is what `hupsim record` answered: the combination cannot happen.\n\n' "$name" > "$skipped"

combinations=0
for _ in $logins; do for _ in $option_sets; do for _ in $states; do for _ in $launches; do for _ in $probes; do for _ in $ends; do
  combinations=$((combinations + 1))
done; done; done; done; done; done
existing=$(find "$dir" -maxdepth 1 -name '*.json' -size +0 | wc -l)
seconds=$(( (combinations > existing ? combinations - existing : 0) * repeat * 12 / 10 ))
if [ "$seconds" -lt 60 ]; then estimate="under a minute"; else estimate="about $((seconds / 60)) minutes"; fi
echo "recording up to $combinations combinations x $repeat runs into $dir ($existing traces already there are kept);" \
  "$estimate at 1.2 s a run"

count=0
kept=0
for login in $logins; do
  for opts in $option_sets; do
    for state in $states; do
      for launch in $launches; do
        for probe in $probes; do
          for end in $ends; do
            args=("${shell_args[@]}" --launch "$launch" --exit "$end" --repeat "$repeat")
            [ "$login" = nonlogin ] && args+=(--no-login)
            case "$opts" in
              huponexit-on) args+=(--huponexit) ;;
              huponexit-off|default) ;;
              *) args+=(--shell-option "$opts") ;;
            esac
            case "$state" in
              bg) args+=(--state running --bg) ;;
              fg) args+=(--state running --fg) ;;
              *) args+=(--state "$state") ;;
            esac
            [ "$probe" = catch ] && args+=(--handles HUP,CONT,TERM)
            if [ "$shell" = bash ]; then id="$name-$login-huponexit-${opts#huponexit-}-$state-$launch-$probe-$end"
            else id="$name-$login-$opts-$state-$launch-$probe-$end"; fi
            file="$dir/$id.json"
            if [ -s "$file" ]; then kept=$((kept + 1)); continue; fi
            set +e
            msg=$("$hupsim" record "${args[@]}" --id "$id" --out "$file" 2>&1 >/dev/null)
            status=$?
            set -e
            case $status in
              0|1) count=$((count + 1)) ;;
              64) grep -qF "\`$id\`" "$skipped" || printf -- '- `%s`: %s\n' "$id" "${msg#hupsim: }" >> "$skipped"; rm -f "$file" ;;
              *) echo "recording $id failed ($status): $msg" >&2; rm -f "$file" ;;
            esac
          done
        done
      done
    done
  done
done
echo "recorded $count scenarios into $dir; kept $kept traces that were already there (delete them to record again)"
