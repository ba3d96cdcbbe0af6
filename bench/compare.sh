#!/usr/bin/env bash
# Two (or more) onramp binaries on one site, alternating, each build cold
# into a new tmpfs folder: wall and CPU time, peak memory, and each stage's
# CPU time from `onramp build -v`. For before/after figures on a machine
# whose speed drifts: the binaries share the drift.
#
# Usage: bench/compare.sh SITE RUNS BINARY...
#   e.g. bench/compare.sh /dev/shm/sites/onramp-10000-en_fr_de 3 /tmp/onramp-old target/release/onramp
set -euo pipefail
site=$1
runs=$2
shift 2
out=${COMPARE_OUT:-/dev/shm/onramp-compare-out}
log=$(mktemp)
times=$(mktemp)
trap 'rm -rf "$log" "$times" "$out"' EXIT
for _ in $(seq 1 "$runs"); do
  for bin in "$@"; do
    rm -rf "$out"
    /usr/bin/time -f "%e %U %S %M" -o "$times" "$bin" build -v "$site" --out "$out" >"$log" 2>&1
    read -r wall user sys peak <"$times"
    stages=$(awk '$1 ~ /^(load|markdown|site|render|search)$/ { printf "%s=%.2f ", $1, $5 / 1000 }' "$log")
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    printf '%s wall=%s cpu=%s peak=%dMiB %s\n' "$bin" "$wall" "$cpu" $((peak / 1024)) "$stages"
  done
done
