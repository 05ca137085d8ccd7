#!/bin/sh
# Runs the main benchmarks of bench_models (training, MC scoring fast/naive,
# deterministic, and the parts of the fast path) and keeps the console output
# and a JSON copy under docs/bench-results/<tag>.{txt,json}.
#   usage: bench/run_suite.sh TAG [extra bench_models flags]
#   env:   BDAL_BENCH_THREADS (0/unset = all cores), OPENBLAS_CORETYPE, BUILD (build-bench)
set -eu
tag=$1; shift
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/${BUILD:-build-bench}/bench/bench_models
out=$root/docs/bench-results
mkdir -p "$out"
filter='^(train_step|mc_fast|mc_naive|deterministic|part_trunk|part_head|part_naive_masks)/[^/]+/(K:64/)?real_time$'
{
  echo "# $(date -u +%FT%TZ) $(uname -srm)"
  echo "# cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "# env: BDAL_BENCH_THREADS=${BDAL_BENCH_THREADS-} OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE-}"
  echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$bin" --benchmark_filter="$filter" --benchmark_min_time=1 \
    --benchmark_out="$out/$tag.json" --benchmark_out_format=json "$@" 2>&1
  echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/$tag.txt"
