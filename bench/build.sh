#!/usr/bin/env bash
# Cold build of the shared benchmark corpus with onramp, next to Hugo (and
# mdBook when installed), in one run. Prints wall time and peak memory.
#
# Usage: bench/build.sh [PAGES] [LOCALES] [RUNS]
#   PAGES default 10000, LOCALES default en (e.g. en,fr,de), RUNS default 3.
# Needs: python3, ../shared/bench (the corpus generator and peer adapters),
# hugo (apt-get install hugo); mdbook is optional (cargo install mdbook --locked).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
shared=${SHARED_BENCH:-$repo/../shared/bench}
pages=${1:-10000}; locales=${2:-en}; runs=${3:-3}
work=${BENCH_DIR:-/tmp/onramp-bench}
tag="${pages}-$(echo "$locales" | tr , _)"
mkdir -p "$work" && cd "$work"
[ -f "corpus-$tag/corpus.json" ] || "$shared/gen-corpus" --pages "$pages" --locales "$locales" --seed 1 --out "corpus-$tag" >/dev/null
"$here/to-onramp" "corpus-$tag" "sites/onramp-$tag" >/dev/null
"$shared/to-hugo" "corpus-$tag" "sites/hugo-$tag" >/dev/null
first=${locales%%,*}
if command -v mdbook >/dev/null && [ "$locales" = "$first" ]; then "$shared/to-mdbook" "corpus-$tag" "sites/mdbook-$tag" >/dev/null; fi
(cd "$repo" && cargo build --release -q)
onramp="$repo/target/release/onramp"

measure() { # name, command...
  local name=$1; shift
  for i in $(seq "$runs"); do
    rm -rf "$work/out"
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { echo "$name failed:"; tail -5 "$work/stderr.txt"; return; }
    read -r wall kb < "$work/time.txt"
    printf '%-8s run %d: %6.2f s  %6d MiB\n' "$name" "$i" "$wall" "$((kb / 1024))"
  done
}
echo "corpus: $pages pages, locales $locales, $(nproc) cores"
measure onramp "$onramp" build "sites/onramp-$tag" --out "$work/out" --quiet
measure hugo hugo --quiet -s "sites/hugo-$tag" -d "$work/out"
if [ -d "sites/mdbook-$tag" ]; then measure mdbook mdbook build -d "$work/out" "sites/mdbook-$tag"; fi
echo "onramp stages (last run):"
rm -rf "$work/out"; "$onramp" build "sites/onramp-$tag" --out "$work/out" --verbose 2>&1 | grep -E '^  [a-z]' || true
