#!/usr/bin/env bash
# Minimises a crashing or hanging input with afl-tmin: fuzz/tmin.sh <target> <input> <output>
# Uses the instrumented build of an earlier fuzz/run.sh (FUZZ_BIN, default: the newest /tmp/stepflow-fuzz.*/bin).
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: fuzz/tmin.sh <target> <input> <output>" >&2; exit 2; }
BIN="${FUZZ_BIN:-$(ls -dt "${TMPDIR:-/tmp}"/stepflow-fuzz.*/bin 2>/dev/null | head -n 1)}"
[[ -f "$BIN/.instrumented" ]] || { echo "fuzz: no instrumented build; run fuzz/run.sh first or set FUZZ_BIN" >&2; exit 2; }
AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 DOTNET_GCHeapHardLimit="${FUZZ_MEMORY:-0x80000000}" \
  nice -n 19 afl-tmin -i "$2" -o "$3" -t 5000 -m none -- dotnet "$BIN/StepFlow.Fuzz.dll" fuzz "$1"
