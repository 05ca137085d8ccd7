#!/usr/bin/env bash
# The test command: installs dependencies, builds everything (library, CLI,
# tests, benchmarks) and runs the whole test suite.
# Real MNIST is read from $BDAL_DATA_DIR (default: ../shared/data); tests
# that need it skip visibly when it is missing, and fail under CI.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --tests
bash scripts/build.sh
if [[ -n "${CI:-}" ]]; then
  export BDAL_REQUIRE_MNIST=1
fi
cd build
ctest --output-on-failure -j "$(nproc)"
