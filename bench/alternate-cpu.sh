#!/usr/bin/env bash
# Compares two builds by CPU time, for a machine too loaded for wall time: runs every shared workload with each build in
# turn, in fresh processes (base, new, base, new, ...), and prints one line per run: build, then StepFlow.CpuBench's line
# (thread CPU per parse for W7, process CPU per execution otherwise). Take the median of the per-process minimums.
# Usage: bench/alternate-cpu.sh <base dir> <new dir> [rounds] [workloads-folder]
#   a dir is `dotnet build bench/StepFlow.CpuBench -c Release -o <dir>`; for a commit older than the harness, build it at a
#   newer commit and copy that commit's StepFlow.dll over (the harness only uses StepFlow's public API).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base="$1"; new="$2"; rounds="${3:-3}"
workloads="${4:-$here/../../shared/bench/workloads}"
for ((r = 1; r <= rounds; r++)); do
  for b in base new; do
    dir=$base; [[ $b == new ]] && dir=$new
    dotnet "$dir/StepFlow.CpuBench.dll" "$workloads"/*.json | sed "s/^/$b\t/"
  done
done
