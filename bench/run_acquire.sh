#!/bin/sh
# Selection-time benchmarks of bench_acquire (docs/strategies.md), console
# output and JSON under docs/bench-results/acquire-<tag>.{txt,json}.
#   usage: bench/run_acquire.sh TAG [extra bench_acquire flags]
#   env:   BUILD (default build), ALL=1 to include whole-pool BatchBALD with
#          b = 100 from 60,000 points (tens of minutes per case)
set -eu
tag=$1; shift
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/${BUILD:-build}/bench/bench_acquire
out=$root/docs/bench-results
mkdir -p "$out"
filter='-select/batch-bald/N:60000/K:[0-9]+/b:100/'
[ "${ALL:-0}" = 1 ] && filter='.'
{
  echo "# $(date -u +%FT%TZ) $(uname -srm)"
  echo "# cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$bin" --benchmark_filter="$filter" \
    --benchmark_out="$out/acquire-$tag.json" --benchmark_out_format=json "$@" 2>&1
  echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/acquire-$tag.txt"
