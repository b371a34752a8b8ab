#!/usr/bin/env bash
# The cost of telemetry: runs W1 (200 executions) and W6 with the base build, the new build, and the new build with
# listeners attached (`bench --listen`), alternating in fresh processes. Prints build, workload, wall_s,
# transitions_per_s per run (TSV); take medians per build and workload. See docs/performance.md, "Telemetry".
# Usage: bench/telemetry-cost.sh <base bench dll> <new bench dll> [rounds] [workloads-folder]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base="$1"; new="$2"; rounds="${3:-10}"
workloads="${4:-$here/../../shared/bench/workloads}"
for ((r = 1; r <= rounds; r++)); do
  for w in w1-pass-chain w6-task-loop; do
    extra=(); [[ $w == w1-pass-chain ]] && extra=(--executions 200)
    for b in base new listen; do
      dll=$new; flags=()
      [[ $b == base ]] && dll=$base
      [[ $b == listen ]] && flags=(--listen)
      line=$(dotnet "$dll" bench "$workloads/$w.json" "${extra[@]}" "${flags[@]}" 2>/dev/null | grep '^{' | tail -1 || true)
      wall=$(grep -o '"wall_s":[0-9.eE+-]*' <<<"$line" | cut -d: -f2 || true)
      tps=$(grep -o '"transitions_per_s":[0-9.eE+-]*' <<<"$line" | cut -d: -f2 || true)
      printf '%s\t%s\t%s\t%s\n' "$b" "$w" "$wall" "$tps"
    done
  done
done
