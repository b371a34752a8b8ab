#!/usr/bin/env bash
# Runs `stepflow-dev bench` (tools/StepFlow.DevTool) over every shared workload 3 times, each in a fresh process, and prints the
# median run (by wall_s) per workload: one JSON line each, as shared/bench/README.md asks.
# Usage: bench/run-workloads.sh [workloads-folder] [runs]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
workloads="${1:-$root/../shared/bench/workloads}"
runs="${2:-3}"
if [[ ! -d "$workloads" ]]; then
  echo "workloads folder not found: $workloads" >&2
  exit 66
fi

dotnet build "$root/tools/StepFlow.DevTool" -c Release -nologo -v quiet >&2
cli="$root/tools/StepFlow.DevTool/bin/Release/net10.0/StepFlow.DevTool.dll"

for workload in "$workloads"/*.json; do
  results="$(mktemp)"
  for ((i = 1; i <= runs; i++)); do
    # A run that fails still prints its JSON line (with "error"); keep going.
    dotnet "$cli" bench "$workload" >>"$results" || true
  done
  # Median by wall_s (runs without a wall_s, i.e. failed ones, sort last).
  mapfile -t sorted < <(while IFS= read -r line; do
      [[ "$line" == \{* ]] || continue
      wall="$(grep -o '"wall_s":[0-9.eE+-]*' <<<"$line" | cut -d: -f2)"
      printf '%s\t%s\n' "${wall:-999999}" "$line"
    done <"$results" | sort -g -k1,1 | cut -f2-)
  if ((${#sorted[@]} > 0)); then
    echo "${sorted[$(( ${#sorted[@]} / 2 ))]}"
  fi
  rm -f "$results"
done
