#!/usr/bin/env bash
# Builds sites with one flat section of N pages (all in one folder) and
# prints, per size, the build's wall and CPU time (user + system; on a busy
# disk most of the wall time is the kernel creating files) and the median,
# mean and largest size of the section's pages. A page's size must not grow with the size of
# its section (the sidebar collapses long lists of siblings).
#
# Usage: bench/flat-section.sh [SIZES...]   (default: 500 2000 5000 20000)
# Uses target/release/onramp (built first with `cargo build --release`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
work=${BENCH_DIR:-/tmp/onramp-bench}/flat-section
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(500 2000 5000 20000)
(cd "$repo" && cargo build --release -q)
onramp="$repo/target/release/onramp"
mkdir -p "$work"

gen() { # size, folder
  local n=$1 site=$2
  [ -f "$site/.done" ] && return
  rm -rf "$site"; mkdir -p "$site/content/ref"
  printf 'title: Flat\ndescription: One flat section.\nbase_url: https://example.org/\nsearch:\n  enabled: false\n' > "$site/site.yaml"
  printf -- '---\ntitle: Home\n---\n\nHome.\n' > "$site/content/_index.md"
  printf -- '---\ntitle: Reference\n---\n\nEvery command.\n' > "$site/content/ref/_index.md"
  for ((i = 0; i < n; i++)); do
    printf -v slug 'c%06d' "$i"
    printf -- '---\ntitle: Command %s\n---\n\nWhat `%s` does, in a paragraph of text.\n' "$slug" "$slug" > "$site/content/ref/$slug.md"
  done
  touch "$site/.done"
}

printf '| pages | wall (s) | CPU (s) | CPU ms / page | output (MB) | median page (bytes) | mean page | largest page (the section\x27s) |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  site="$work/site-$n"; out="$work/out-$n"
  gen "$n" "$site"
  # An earlier output is moved aside and deleted after the last build: a
  # build right after tens of thousands of files were deleted spends far
  # more time creating its own (see ARCHITECTURE.md, Benchmarks).
  [ -e "$out" ] && mv "$out" "$work/old-$n-$$"
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$onramp" build "$site" --out "$out" -q
  python3 - "$n" "$work/time.txt" "$out" <<'PY'
import os, sys, statistics
n, out = int(sys.argv[1]), sys.argv[3]
wall, user, system = map(float, open(sys.argv[2]).read().split()[-3:])
cpu = user + system
ref = os.path.join(out, "ref")
pages = [os.path.getsize(os.path.join(ref, d, "index.html")) for d in os.listdir(ref) if os.path.isdir(os.path.join(ref, d))]
total = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(out) for f in fs)
section = os.path.getsize(os.path.join(ref, "index.html"))
print(f"| {n:,} | {wall:.2f} | {cpu:.2f} | {cpu / n * 1000:.3f} | {total / 1e6:.1f} | {statistics.median(pages):,.0f} | {statistics.mean(pages):,.0f} | {section:,} |")
PY
done
rm -rf "$work"/old-*
