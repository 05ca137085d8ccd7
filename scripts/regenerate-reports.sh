#!/usr/bin/env bash
# Regenerates every committed study report under docs/results/ with the
# current build, e.g. after a change to `bdal report`. One line per study:
# its folder and the report options its README gives. A study without a
# report/ yet (still running) is skipped.
set -euo pipefail
# $BDAL: another bdal program (a path, or a name on PATH), resolved before the cd.
bdal=$(command -v "${BDAL:-$(dirname "$0")/../build/tools/bdal/bdal}" || true)
cd "$(dirname "$0")/.."
[[ -n "$bdal" && -x "$bdal" ]] ||
  { echo "no bdal program: build it first (bash scripts/build.sh bdal_cli)" >&2; exit 1; }

while read -r study options; do
  [[ -z "$study" || "$study" == \#* ]] && continue
  if [[ ! -d "docs/results/$study/report" ]]; then
    echo "skipped $study (no report yet)"
    continue
  fi
  # Quiet unless it fails; then everything it said.
  # shellcheck disable=SC2086  # options are separate words
  if ! output=$("$bdal" report "docs/results/$study" $options 2>&1 < /dev/null); then
    echo "$output" >&2
    exit 1
  fi
  echo "regenerated docs/results/$study/report"
done <<'STUDIES'
dirty-mnist
epochs-schedule-mnist
fashion-mnist-csal-ablation --errors 0.15,0.13
fashion-mnist-mlp --errors 0.15,0.13
k1-vs-k10-mnist
margin-bald-random-mnist
pilz2025-mnist
pilz2025-mnist-20rounds
random-baseline-mnist
scaling-epochs-mnist
scaling-labels-mnist
STUDIES
