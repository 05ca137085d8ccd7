#!/usr/bin/env bash
# Configures and builds bdal (Release) into ./build; extra arguments are
# ninja targets (default: everything).
set -euo pipefail
cd "$(dirname "$0")/.."

cmake_args=(-S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release)
if [[ -n "${BDAL_DATA_DIR:-}" ]]; then
  cmake_args+=("-DBDAL_TEST_DATA_DIR=${BDAL_DATA_DIR}")
fi
cmake "${cmake_args[@]}" >/dev/null
ninja -C build "$@"
