#!/usr/bin/env bash
# The main job: installs dependencies, builds bdal, then trains the LeNet-5
# BCNN on MNIST (Fashion-MNIST from Debian's package when MNIST is neither
# present nor downloadable) and prints its per-epoch curves.
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
  --optimizer adam --lr 1e-3 --seed 1 --out "runs/demo/$dataset-lenet5" --overwrite "$@"
