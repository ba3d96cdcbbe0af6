#!/usr/bin/env bash
# A command reference next to Hugo: few flat sections of thousands of
# pages, every page in nine languages (bench/gen-command-reference), built
# cold by onramp and Hugo alternately, in one run.
#
# Usage: bench/command-reference.sh [WORK] [PAGES] [RUNS]
#   WORK   folder for the corpus, the two sites and their outputs (default /tmp/onramp-cmdref)
#   PAGES  pages per language (default 7500)
#   RUNS   builds per tool (default 2)
#
# Prints, per tool and run: wall seconds, CPU seconds (user + system), peak
# memory (max RSS, MiB), pages written and the bytes of the files written.
# Needs python3, hugo on PATH (0.168: see ../shared/bench/README.md) and a
# release build of onramp. On ext4, run it at least five minutes after a
# large deletion (the previous run's outputs): ext4 skips inodes freed in
# the last minutes when it allocates, and a build that creates 67,000
# folders and files right after pays up to half its CPU time for it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../shared/bench}
work=${1:-/tmp/onramp-cmdref}
pages=${2:-7500}
runs=${3:-2}
onramp=${ONRAMP:-$here/../target/release/onramp}
mkdir -p "$work"
if [ ! -f "$work/corpus/corpus.json" ] || ! grep -q "\"pages\": $pages" "$work/corpus/corpus.json"; then
  "$here/gen-command-reference" "$work/corpus" --pages "$pages"
fi
locales=$(python3 -c "import json,sys; print(','.join(json.load(open(sys.argv[1]))['params']['locales']))" "$work/corpus/corpus.json")
# The two sites are laid out again only when the corpus is newer than them.
# Old sites are moved aside and deleted after the last run, as outputs are:
# a build right after tens of thousands of files were deleted pays ext4 for
# it, and only the first tool's first run would.
if [ ! -f "$work/sites.stamp" ] || [ "$work/corpus/corpus.json" -nt "$work/sites.stamp" ]; then
  for s in onramp-site hugo-site; do
    if [ -e "$work/$s" ]; then mv "$work/$s" "$work/old-$s-$$"; fi
  done
  "$here/to-onramp" "$work/corpus" "$work/onramp-site" --locales "$locales" >/dev/null
  "$shared/to-hugo" "$work/corpus" "$work/hugo-site" --locales "$locales" >/dev/null
  touch "$work/sites.stamp"
fi
sync
echo "uptime: $(uptime)"
echo "hugo: $(hugo version | head -c 60)"
printf '| tool | run | wall s | CPU s | peak MiB | files .html | file MB |\n|---|---:|---:|---:|---:|---:|---:|\n'
for run in $(seq 1 "$runs"); do
  for tool in onramp hugo; do
    out="$work/out-$tool-$run"
    # Outputs are moved aside, never deleted between runs (ext4 makes a build
    # right after a large deletion pay for it); all are removed at the end.
    if [ "$tool" = onramp ]; then
      cmd=("$onramp" build "$work/onramp-site" --out "$out" -q)
    else
      cmd=(hugo --quiet --source "$work/hugo-site" --destination "$out")
    fi
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "${cmd[@]}" >/dev/null
    read -r wall user sys rss < "$work/time"
    html=$(find "$out" -name '*.html' | wc -l)
    # The files' own bytes: `du -sb` would add each folder's size (4 KB per
    # page folder on ext4, a few dozen bytes on tmpfs) to both tools alike.
    bytes=$(find "$out" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    printf '| %s | %d | %.1f | %.1f | %d | %d | %d |\n' "$tool" "$run" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$html" "$((bytes / 1000000))"
  done
done
rm -rf "$work"/out-* "$work"/old-*
