#!/usr/bin/env bash
# Versioned docs: a cold build of the shared corpus as one version, then as
# VERSIONS versions (the working tree plus copies in folders, every
# top-level section versioned), in one run. Prints wall time, CPU time and
# peak memory of each, and the ratio (the goal: 5 versions of the 1k corpus
# in at most 2.5 times the time of one).
#
# Usage: bench/versions.sh [PAGES] [RUNS] [VERSIONS] [LOCALES]
#   PAGES default 1000, RUNS default 3, VERSIONS default 5, LOCALES default en.
# Needs: python3, ../shared/bench (the corpus generator).
#
# The copies are the working tree's pages with one line changed on each, so
# every version renders its own text while most code blocks repeat from one
# version to the next, as in real releases: the versions share one process,
# one markdown stage and its highlighting cache.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
shared=${SHARED_BENCH:-$repo/../shared/bench}
pages=${1:-1000}; runs=${2:-3}; versions=${3:-5}; locales=${4:-en}
work=${BENCH_DIR:-/tmp/onramp-bench}
tag="${pages}-$(echo "$locales" | tr , _)"
mkdir -p "$work" && cd "$work"
[ -f "corpus-$tag/corpus.json" ] || "$shared/gen-corpus" --pages "$pages" --locales "$locales" --seed 1 --out "corpus-$tag" >/dev/null
one="sites/onramp-$tag"
many="sites/onramp-$tag-versions-$versions"
"$here/to-onramp" "corpus-$tag" "$one" >/dev/null
rm -rf "$many" && cp -r "$one" "$many"
python3 - "$many" "$versions" <<'PY'
import os, shutil, sys
site, count = sys.argv[1], int(sys.argv[2])
content = os.path.join(site, "content")
langs = sorted(d for d in os.listdir(content) if os.path.isdir(os.path.join(content, d)))
sections = sorted({s for l in langs for s in os.listdir(os.path.join(content, l)) if os.path.isdir(os.path.join(content, l, s))})
yaml = ["versions:", '  - name: "latest"']
for v in range(1, count):
    name = f"v{v}"
    for l in langs:
        for s in sections:
            src = os.path.join(content, l, s)
            if not os.path.isdir(src):
                continue
            dst = os.path.join(site, "versions", name, l, s)
            shutil.copytree(src, dst)
            for root, _, files in os.walk(dst):
                for f in files:
                    if f.endswith(".md"):
                        p = os.path.join(root, f)
                        with open(p, "a", encoding="utf-8") as out:
                            out.write(f"\nThis page is part of version {name}.\n")
    yaml += [f'  - name: "{name}"', f"    folder: versions/{name}"]
yaml.append("versioned: [" + ", ".join(sections) + "]")
with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
    f.write("\n" + "\n".join(yaml) + "\n")
PY
(cd "$repo" && cargo build --release -q)
onramp="$repo/target/release/onramp"

measure() { # name, site
  local name=$1 site=$2
  for i in $(seq "$runs"); do
    moved=$((moved + 1))
    if [ -e "$work/out" ]; then mv "$work/out" "$work/old-$moved-$$"; fi
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$onramp" build "$site" --out "$work/out" --quiet >/dev/null 2>"$work/stderr.txt" \
      || { echo "$name failed:"; tail -5 "$work/stderr.txt"; return 1; }
    read -r wall user sys kb < "$work/time.txt"
    printf '%-12s run %d: %6.2f s wall  %6.2f s CPU  %6d MiB\n' "$name" "$i" "$wall" "$(echo "$user + $sys" | bc)" "$((kb / 1024))"
    echo "$wall" >> "$work/walls-$name.txt"
    echo "$user + $sys" | bc >> "$work/cpus-$name.txt"
  done
}
rm -f "$work"/walls-*.txt "$work"/cpus-*.txt
moved=0
echo "corpus: $pages pages, locales $locales, $(nproc) cores"
for round in $(seq "$runs"); do
  runs=1 measure one "$one"
  runs=1 measure "$versions-versions" "$many"
done
[ -e "$work/out" ] && mv "$work/out" "$work/old-last-$$"
rm -rf "$work"/old-*
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m1=$(median "$work/walls-one.txt"); m5=$(median "$work/walls-$versions-versions.txt")
c1=$(median "$work/cpus-one.txt"); c5=$(median "$work/cpus-$versions-versions.txt")
echo "median wall: one version $m1 s, $versions versions $m5 s, ratio $(echo "scale=2; $m5 / $m1" | bc)"
echo "median CPU:  one version $c1 s, $versions versions $c5 s, ratio $(echo "scale=2; $c5 / $c1" | bc)"
