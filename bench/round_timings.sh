#!/usr/bin/env bash
# Seconds per active-learning round of the pilz2025-mnist protocol at 20, 500
# and 1000 labelled points, split into train / score / evaluate, with 1 and 2
# threads. Each size is one real round (round 0) of `bdal run` started from a
# balanced initial set of that size; timings come from its rounds.jsonl.
#   usage: bench/round_timings.sh [BDAL_BINARY]   (MNIST via --data-dir / $BDAL_DATA_DIR)
set -euo pipefail
bdal=${1:-build/tools/bdal/bdal}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-8s %-9s %9s %9s %9s %9s %7s\n' threads labelled train_s score_s eval_s total_s epochs
for threads in 1 2; do
  for per_class in 2 50 100; do
    dir="$out/t$threads-n$per_class"
    "$bdal" --threads "$threads" run pilz2025-mnist --seeds 1 --rounds 1 \
      --set split.initial_per_class=$per_class --out "$dir" >/dev/null 2>&1
    head -n 1 "$dir/rounds.jsonl" | python3 -c '
import json, sys
r = json.loads(sys.stdin.readline()); t = r["timings_ms"]
s = {k: v / 1000 for k, v in t.items()}
print("%-8s %-9d %9.2f %9.2f %9.2f %9.2f %7d" % (sys.argv[1], r["n_labelled"], s["train"], s["score"],
      s["eval"], sum(s.values()), r["epochs"]))' "$threads"
  done
done
