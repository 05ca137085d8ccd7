#!/bin/sh
# LeNet-5 fast vs naive MC scoring (and its parts), repeated, for the K = 64
# target; keeps docs/bench-results/<tag>.{txt,json}.   usage: bench/run_lenet5.sh TAG
set -eu
tag=$1; shift
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/docs/bench-results
mkdir -p "$out"
{
  echo "# $(date -u +%FT%TZ) env: BDAL_BENCH_THREADS=${BDAL_BENCH_THREADS-} OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE-}"
  echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$root/${BUILD:-build-bench}/bench/bench_models" \
    --benchmark_filter='^(train_step|mc_fast|mc_naive|deterministic|part_trunk|part_head)/lenet5/(K:64/)?real_time$' \
    --benchmark_min_time=1 --benchmark_repetitions=3 --benchmark_display_aggregates_only=true \
    --benchmark_out="$out/$tag.json" --benchmark_out_format=json "$@" 2>&1
  echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/$tag.txt"
