#!/usr/bin/env bash
# The main job: installs dependencies, builds bdal, then
#  1. trains the LeNet-5 BCNN on the whole of MNIST for 10 epochs and prints
#     its per-epoch curves (Fashion-MNIST from Debian's package when MNIST is
#     neither present nor downloadable), and
#  2. runs a short real active-learning experiment (BALD, 10 rounds of 10
#     labels, the quickstart-mnist preset) with its records under runs/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh bdal_cli
bdal=build/tools/bdal/bdal

dataset=mnist
if ! "$bdal" data info mnist >/dev/null 2>&1; then
  echo "MNIST is not in the data directory; trying to download it" >&2
  if ! "$bdal" data fetch mnist; then
    echo "MNIST could not be downloaded; using Fashion-MNIST from Debian's package" >&2
    dataset=fashion-mnist
  fi
fi
"$bdal" train --dataset "$dataset" --model lenet5 --epochs 10 --batch-size 64 \
  --optimizer adam --lr 1e-3 --seed 1 --out "runs/demo/$dataset-lenet5" --overwrite

# Re-running resumes (or, when complete, leaves) the experiment's records.
"$bdal" run quickstart-mnist --set "dataset=$dataset" --strategy bald --seeds 1 \
  --out "runs/demo/quickstart-$dataset"
echo "records: runs/demo/$dataset-lenet5/epochs.jsonl and runs/demo/quickstart-$dataset/rounds.jsonl"
