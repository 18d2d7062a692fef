#!/usr/bin/env bash
# Records the trace corpus under Fixtures/recorded/<shell>/ with `hupsim record`:
# every combination of login, huponexit, job state, launch, probe and session end
# that can happen; the impossible ones are listed in SKIPPED.md with hupsim's reason.
#
#   scripts/record-corpus.sh [--shell-path /bin/bash] [--repeat 3] [--out Fixtures/recorded]
#                            [--logins "login nonlogin"] [--huponexit "off on"]
#                            [--states "bg stopped ttin fg"] [--launches "plain nohup ..."]
#                            [--probes "catch dfl"] [--ends "exit logout eof hangup kill-hup"]
#
# It only runs hupsim; it builds nothing. Run it on an otherwise idle machine: a loaded
# machine turns some real races the other way and marks more traces unstable.
set -euo pipefail

shell_path=/bin/bash
repeat=3
out=Fixtures/recorded
hupsim=${HUPSIM:-.build/debug/hupsim}
logins="login nonlogin"
hoes="off on"
states="bg stopped ttin fg"
launches="plain nohup setsid disown disown-h subshell"
probes="catch dfl"
ends="exit logout eof hangup kill-hup"
while [ $# -gt 0 ]; do
  case "$1" in
    --shell-path) shell_path=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --logins) logins=$2; shift 2 ;;
    --huponexit) hoes=$2; shift 2 ;;
    --states) states=$2; shift 2 ;;
    --launches) launches=$2; shift 2 ;;
    --probes) probes=$2; shift 2 ;;
    --ends) ends=$2; shift 2 ;;
    *) echo "usage: $0 [--shell-path PATH] [--repeat N] [--out DIR] [--logins L] [--huponexit H] [--states S] [--launches L] [--probes P] [--ends E]" >&2; exit 64 ;;
  esac
done

version=$("$shell_path" --version | head -1 | sed -E 's/.*version ([0-9]+)\.([0-9]+[b]?).*/\1.\2/; s/^([3-9])\.0+([0-9])/\1.\2/')
dir="$out/bash-$version"
mkdir -p "$dir"
skipped="$dir/SKIPPED.md"
[ -s "$skipped" ] || printf '# Combinations not recorded for bash %s\n\nEach line is what `hupsim record` answered: the combination cannot happen.\n\n' "$version" > "$skipped"

count=0
for login in $logins; do
  for hoe in $hoes; do
    for state in $states; do
      for launch in $launches; do
        for probe in $probes; do
          for end in $ends; do
            args=(--shell-path "$shell_path" --launch "$launch" --exit "$end" --repeat "$repeat")
            [ "$login" = nonlogin ] && args+=(--no-login)
            [ "$hoe" = on ] && args+=(--huponexit)
            case "$state" in
              bg) args+=(--state running --bg) ;;
              fg) args+=(--state running --fg) ;;
              *) args+=(--state "$state") ;;
            esac
            [ "$probe" = catch ] && args+=(--handles HUP,CONT,TERM)
            id="bash-$version-$login-huponexit-$hoe-$state-$launch-$probe-$end"
            file="$dir/$id.json"
            [ -s "$file" ] && continue
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
echo "recorded $count scenarios into $dir"
