#!/usr/bin/env bash
# Installs hupsim from this checkout, like a tool you use every day:
#
#   scripts/install.sh [--prefix DIR]              build and install (default prefix /usr/local)
#   scripts/install.sh [--prefix DIR] --uninstall  remove exactly what it installed there
#
# It builds the release binary with the Swift standard library linked statically (a
# toolchain option, no package is added), so the installed hupsim needs no Swift runtime
# libraries, and installs:
#
#   PREFIX/bin/hupsim
#   PREFIX/libexec/hupsim/hupsim-probe                  the job program `hupsim record` runs
#   PREFIX/share/man/man1/hupsim.1
#   PREFIX/share/bash-completion/completions/hupsim
#   PREFIX/share/zsh/site-functions/_hupsim
#   PREFIX/share/fish/vendor_completions.d/hupsim.fish
#   PREFIX/share/hupsim/install-manifest                what --uninstall removes
#
# The manifest lists every file it wrote and every directory it had to create, so
# --uninstall leaves PREFIX as it found it. It never overwrites a file it did not install.
set -euo pipefail

prefix=/usr/local
uninstall=0
usage() { echo "usage: scripts/install.sh [--prefix DIR] [--uninstall]" >&2; exit 64; }
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] && [ -n "$2" ] || usage; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; [ -n "$prefix" ] || usage; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
case "$prefix" in /*) ;; *) prefix="$(pwd)/$prefix" ;; esac
prefix=${prefix%/}
[ -n "$prefix" ] || prefix=/

manifest_rel=share/hupsim/install-manifest
manifest="$prefix/$manifest_rel"

# --uninstall: the files first, then the directories it created, deepest first, if empty.
if [ "$uninstall" = 1 ]; then
  if [ ! -f "$manifest" ]; then
    echo "install.sh: nothing to uninstall: $manifest does not exist (hupsim was not installed under $prefix by this script)" >&2
    exit 1
  fi
  files=()
  dirs=()
  while IFS=' ' read -r kind path; do
    case "$kind" in
      file) files+=("$path") ;;
      dir) dirs+=("$path") ;;
    esac
  done < "$manifest"
  removed=0
  for path in "${files[@]}"; do
    if [ -e "$prefix/$path" ] || [ -L "$prefix/$path" ]; then
      rm -f "$prefix/$path"
      removed=$((removed + 1))
      echo "removed $prefix/$path"
    fi
  done
  # Deepest first: a directory's path is longer than its parent's.
  while IFS= read -r dir; do
    [ -n "$dir" ] || continue
    target="$prefix/$dir"
    [ "$dir" = . ] && target=$prefix
    if [ -d "$target" ] && rmdir "$target" 2>/dev/null; then echo "removed $target/"; fi
  done < <(printf '%s\n' "${dirs[@]}" | awk '{ print length($0) " " $0 }' | sort -rn | cut -d' ' -f2-)
  echo "hupsim uninstalled from $prefix ($removed files)."
  exit 0
fi

repo=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$PATH:/opt/swift/usr/bin"
command -v swift >/dev/null || { echo "install.sh: swift is not installed (https://www.swift.org/install/)" >&2; exit 69; }

# The commit the binary is built from, for `hupsim --version` ("-dirty": uncommitted changes).
commit=unknown
if git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
  commit=$(git -C "$repo" rev-parse --short=12 HEAD)
  git -C "$repo" diff --quiet HEAD -- 2>/dev/null || commit="$commit-dirty"
fi

# Files already there: ours if the manifest of an earlier install lists them.
declare -A ours=()
created_before=()
if [ -f "$manifest" ]; then
  while IFS=' ' read -r kind path; do
    [ "$kind" = file ] && ours[$path]=1
    [ "$kind" = dir ] && created_before+=("$path")
  done < "$manifest"
fi
targets=(bin/hupsim libexec/hupsim/hupsim-probe share/man/man1/hupsim.1 share/bash-completion/completions/hupsim
         share/zsh/site-functions/_hupsim share/fish/vendor_completions.d/hupsim.fish)
for path in "${targets[@]}"; do
  if { [ -e "$prefix/$path" ] || [ -L "$prefix/$path" ]; } && [ -z "${ours[$path]:-}" ]; then
    echo "install.sh: $prefix/$path exists and was not installed by this script; remove it or choose another --prefix" >&2
    exit 73
  fi
done

# Its own build folder: the checkout's .build keeps its own flags (and may be locked by a
# running `swift build` or `swift test`).
build=(swift build -c release --static-swift-stdlib --product hupsim --scratch-path "$repo/.build/install")
echo "building hupsim (release, Swift standard library linked statically, commit $commit)..."
(cd "$repo" && HUPSIM_COMMIT=$commit "${build[@]}" >&2)
bin=$(cd "$repo" && HUPSIM_COMMIT=$commit "${build[@]}" --show-bin-path)
for product in hupsim hupsim-probe; do
  [ -x "$bin/$product" ] || { echo "install.sh: the build made no $bin/$product" >&2; exit 70; }
done

# Directories: remember the ones that did not exist, to remove them on --uninstall.
created=("${created_before[@]}")
make_dir() {
  local rel=$1 part="" piece
  local IFS=/
  for piece in $rel; do
    part=${part:+$part/}$piece
    if [ ! -d "$prefix/$part" ]; then
      mkdir "$prefix/$part"
      created+=("$part")
    fi
  done
}
# A prefix that did not exist is created, and removed again by --uninstall ("dir .").
if [ ! -d "$prefix" ]; then
  mkdir -p "$prefix"
  created+=(".")
fi
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
"$bin/hupsim" man > "$staging/hupsim.1"
"$bin/hupsim" completions bash > "$staging/hupsim.bash"
"$bin/hupsim" completions zsh > "$staging/_hupsim"
"$bin/hupsim" completions fish > "$staging/hupsim.fish"

installed=()
put() { # put SOURCE MODE RELATIVE-TARGET
  local source=$1 mode=$2 rel=$3
  make_dir "$(dirname "$rel")"
  install -m "$mode" "$source" "$prefix/$rel.new-$$"
  mv -f "$prefix/$rel.new-$$" "$prefix/$rel"
  installed+=("$rel")
  echo "  $prefix/$rel"
}
echo "installing into $prefix:"
put "$bin/hupsim" 755 bin/hupsim
put "$bin/hupsim-probe" 755 libexec/hupsim/hupsim-probe
put "$staging/hupsim.1" 644 share/man/man1/hupsim.1
put "$staging/hupsim.bash" 644 share/bash-completion/completions/hupsim
put "$staging/_hupsim" 644 share/zsh/site-functions/_hupsim
put "$staging/hupsim.fish" 644 share/fish/vendor_completions.d/hupsim.fish
make_dir "$(dirname "$manifest_rel")"
{
  for path in "${installed[@]}"; do echo "file $path"; done
  echo "file $manifest_rel"
  printf '%s\n' "${created[@]}" | awk 'NF && !seen[$0]++ { print "dir " $0 }'
} > "$manifest.new-$$"
mv -f "$manifest.new-$$" "$manifest"
echo "  $manifest (what --uninstall removes)"
echo
"$prefix/bin/hupsim" --version

# What the user may still need to do, said only when it is needed: each shell is asked where
# it looks, as far as that can be known without reading anyone's rc files.
case ":$PATH:" in *":$prefix/bin:"*) on_path=1 ;; *) on_path=0 ;; esac
in_data_dirs() { case ":${XDG_DATA_DIRS:-$1}:" in *":$prefix/share:"*|*":$prefix/share/:"*) return 0 ;; esac; return 1; }
echo
if [ "$on_path" = 0 ]; then
  echo "$prefix/bin is not on your PATH: add it (export PATH=\"$prefix/bin:\$PATH\"); man then finds the page too,"
  echo "  or now: MANPATH=$prefix/share/man: man hupsim"
fi
echo "Completions:"
if [ -f /usr/share/bash-completion/bash_completion ] && in_data_dirs /usr/local/share:/usr/share; then
  echo "  bash: loaded on first use by the bash-completion package"
else
  echo "  bash: add to ~/.bashrc:  source $prefix/share/bash-completion/completions/hupsim"
fi
if command -v zsh >/dev/null && zsh -fc 'print -l $fpath' 2>/dev/null | grep -qxF "$prefix/share/zsh/site-functions"; then
  echo "  zsh:  found on zsh's \$fpath (with compinit in ~/.zshrc: autoload -Uz compinit && compinit)"
else
  echo "  zsh:  add to ~/.zshrc before compinit:  fpath=($prefix/share/zsh/site-functions \$fpath)"
fi
if [ "$prefix" = /usr ] || in_data_dirs ""; then
  echo "  fish: found in vendor_completions.d"
else
  echo "  fish: add to ~/.config/fish/config.fish:  set -p fish_complete_path $prefix/share/fish/vendor_completions.d"
fi
echo "Uninstall with: scripts/install.sh --prefix $prefix --uninstall"
