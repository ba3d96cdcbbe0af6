#!/usr/bin/env bash
# Builds sites with one flat section of N pages (all in one folder) and
# prints, per size, the build's wall time and the median, mean and largest
# size of the section's pages. A page's size must not grow with the size of
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

printf '| pages | build (s) | s / 1k pages | output (MB) | median page (bytes) | mean page | largest page (the section\x27s) |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  site="$work/site-$n"; out="$work/out-$n"
  gen "$n" "$site"
  rm -rf "$out" "$out.old"
  start=$(date +%s.%N)
  "$onramp" build "$site" --out "$out" -q
  end=$(date +%s.%N)
  python3 - "$n" "$start" "$end" "$out" <<'PY'
import os, sys, statistics
n, start, end, out = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
ref = os.path.join(out, "ref")
pages = [os.path.getsize(os.path.join(ref, d, "index.html")) for d in os.listdir(ref) if os.path.isdir(os.path.join(ref, d))]
total = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(out) for f in fs)
section = os.path.getsize(os.path.join(ref, "index.html"))
t = end - start
print(f"| {n:,} | {t:.2f} | {t / n * 1000:.2f} | {total / 1e6:.1f} | {statistics.median(pages):,.0f} | {statistics.mean(pages):,.0f} | {section:,} |")
PY
done
