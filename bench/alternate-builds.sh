#!/usr/bin/env bash
# Compares two builds fairly on a noisy machine: runs every shared workload with each build in turn, in fresh processes
# (base, new, base, new, ...), and prints one TSV line per run: build, workload, wall_s. Take medians per workload.
# Usage: bench/alternate-builds.sh <base bench dll> <new bench dll> [rounds] [workloads-folder]
#   a bench dll is a build of tools/StepFlow.DevTool (or, before it existed, src/StepFlow.Cli) with the `bench` verb
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base="$1"; new="$2"; rounds="${3:-5}"
workloads="${4:-$here/../../shared/bench/workloads}"
for ((r = 1; r <= rounds; r++)); do
  for w in "$workloads"/*.json; do
    name=$(basename "$w" .json)
    for b in base new; do
      dll=$base; [[ $b == new ]] && dll=$new
      line=$(dotnet "$dll" bench "$w" 2>/dev/null | grep '^{' | tail -1 || true)
      wall=$(grep -o '"wall_s":[0-9.eE+-]*' <<<"$line" | cut -d: -f2 || true)
      printf '%s\t%s\t%s\n' "$b" "$name" "$wall"
    done
  done
done
