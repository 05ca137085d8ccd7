#!/usr/bin/env bash
# Installs bdal's build and run dependencies from Debian 12's archive.
# Safe to re-run: does nothing when everything is already installed.
#   usage: install-deps.sh [--tests]   (--tests: also what only the tests need)
set -euo pipefail

packages=(
  cmake ninja-build g++ ccache pkg-config
  libtorch-dev libopenblas0-pthread libopenblas-pthread-dev
  libcli11-dev nlohmann-json3-dev libyaml-cpp-dev libfmt-dev libspdlog-dev
  zlib1g-dev libssl-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  dataset-fashion-mnist gnuplot-nox
)
# A real single-node Slurm for the sweep's job-array test (tests/slurm).
if [[ "${1:-}" == "--tests" ]]; then
  packages+=(slurmctld slurmd slurm-client munge)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "bdal needs these Debian packages: ${missing[*]}" >&2
  echo "run this script as root (or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
