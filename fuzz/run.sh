#!/usr/bin/env bash
# Fuzzes one target with afl-fuzz for a bounded time: fuzz/run.sh <target> <seconds>
#   targets: definition, jsonpath, intrinsics, jsonata (docs/fuzzing.md says what each checks)
# Builds fuzz/StepFlow.Fuzz, instruments StepFlow.dll with SharpFuzz (a copy in the work folder; the normal
# build output is never touched), builds the seeds from ../shared in the work folder, runs afl-fuzz, then
# replays every crash and hang on an uninstrumented build and prints the statistics.
# Exit: 0 nothing found; 1 a seed or a finding crashed or hung when replayed; 2 a usage or setup error.
# Environment:
#   FUZZ_WORK    work folder (default: a new temp dir); the findings are in $FUZZ_WORK/<target>/findings
#   FUZZ_BIN     an already built and instrumented output (from an earlier run's $FUZZ_WORK/bin) to reuse
#   FUZZ_SEEDS   the most seeds to use (default: all)
#   FUZZ_SHARED  the shared reference folder (default: ../shared beside the repository)
#   FUZZ_MEMORY  the .NET GC heap limit in bytes, hex (default 0x80000000, 2 GiB): beyond it is OutOfMemoryException, a crash
#   FUZZ_RESUME  1 to continue an earlier campaign in $FUZZ_WORK/<target>/findings instead of starting anew
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { echo "usage: fuzz/run.sh <definition|jsonpath|intrinsics|jsonata> <seconds>" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
TARGET="$1"
SECONDS_TO_RUN="$2"
case "$TARGET" in definition|jsonpath|intrinsics|jsonata) ;; *) usage ;; esac
[[ "$SECONDS_TO_RUN" =~ ^[0-9]+$ && "$SECONDS_TO_RUN" -gt 0 ]] || usage

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "fuzz: afl-fuzz not found; install the Debian package afl++ (apt-get install -y afl++)" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
SHARED="${FUZZ_SHARED:-$ROOT/../shared}"
WORK="${FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/stepflow-fuzz.XXXXXX")}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"

# Two builds of the harness: bin (StepFlow.dll instrumented, for afl-fuzz) and plain (for replaying findings;
# instrumented code run outside afl-fuzz has no coverage map to write to).
BIN="${FUZZ_BIN:-$WORK/bin}"
PLAIN="$BIN/../plain"
if [[ ! -f "$BIN/.instrumented" ]]; then
  echo "fuzz: building fuzz/StepFlow.Fuzz into $BIN"
  rm -rf "$BIN" "$PLAIN"
  dotnet publish "$ROOT/fuzz/StepFlow.Fuzz/StepFlow.Fuzz.csproj" -c Release -o "$BIN" --nologo -v quiet
  cp -r "$BIN" "$PLAIN"
  (cd "$ROOT" && dotnet tool restore >/dev/null)
  (cd "$ROOT" && dotnet tool run sharpfuzz "$BIN/StepFlow.dll")
  touch "$BIN/.instrumented"
fi

OUT="$WORK/$TARGET"
SEEDS="$OUT/seeds"
FINDINGS="$OUT/findings"
mkdir -p "$OUT"
if [[ "${FUZZ_RESUME:-0}" == 1 && -d "$FINDINGS/default" ]]; then
  INPUT="-"
else
  rm -rf "$SEEDS" "$FINDINGS"
  if [[ ! -d "$SHARED" ]]; then
    echo "fuzz: no shared reference folder at $SHARED (set FUZZ_SHARED)" >&2
    exit 2
  fi
  dotnet "$PLAIN/StepFlow.Fuzz.dll" seeds "$TARGET" "$SHARED" "$SEEDS" "${FUZZ_SEEDS:-2147483647}"
  INPUT="$SEEDS"
fi

# The plain build runs findings with the same memory limit as the fuzzed one.
replay() { DOTNET_GCHeapHardLimit="$MEMORY" nice -n 19 dotnet "$PLAIN/StepFlow.Fuzz.dll" replay "$TARGET" "$@"; }
MEMORY="${FUZZ_MEMORY:-0x80000000}"
FAILED=0

# afl-fuzz skips a seed that crashes or hangs without saving it, so the seeds are replayed first.
if [[ "$INPUT" != "-" ]]; then
  if replay "$SEEDS" > "$OUT/seeds-replay.log" 2>&1; then
    echo "fuzz: $(tail -n 1 "$OUT/seeds-replay.log")"
  else
    echo "fuzz: a seed crashed or hung (all of $OUT/seeds-replay.log):"
    grep -E -A 3 ': (CRASH|HANG)' "$OUT/seeds-replay.log" || tail -n 5 "$OUT/seeds-replay.log"
    FAILED=1
  fi
fi

# AFL_SKIP_BIN_CHECK: the target is `dotnet`, not an afl-compiled binary (SharpFuzz instruments the IL);
# AFL_SKIP_CPUFREQ / AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES / AFL_NO_AFFINITY: a shared VM whose CPU governor,
# core_pattern and free cores we do not control; -m none: .NET reserves far more address space than it uses,
# so memory is limited by the GC heap limit instead; -t 5000: an input running longer than 5 s is a hang.
# A dictionary of the target's syntax (JSON escapes, ASL words, operators, function names) helps afl-fuzz
# build inputs that get past the parser.
DICT=()
[[ -f "$ROOT/fuzz/dict/$TARGET.dict" ]] && DICT=(-x "$ROOT/fuzz/dict/$TARGET.dict")

echo "fuzz: $TARGET for ${SECONDS_TO_RUN}s, findings in $FINDINGS"
set +e
AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
AFL_NO_UI=1 AFL_FAST_CAL=1 \
DOTNET_GCHeapHardLimit="$MEMORY" \
  nice -n 19 afl-fuzz -i "$INPUT" -o "$FINDINGS" -t 5000 -m none -V "$SECONDS_TO_RUN" "${DICT[@]}" \
  -- dotnet "$BIN/StepFlow.Fuzz.dll" fuzz "$TARGET" > "$OUT/afl.log" 2>&1
AFL_STATUS=$?
set -e

STATS="$FINDINGS/default/fuzzer_stats"
if [[ ! -f "$STATS" ]]; then
  echo "fuzz: afl-fuzz did not start (exit $AFL_STATUS); the end of $OUT/afl.log:" >&2
  tail -n 30 "$OUT/afl.log" >&2
  exit 2
fi

stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$STATS"; }
CRASHES=$(find "$FINDINGS/default/crashes" -type f ! -name README.txt 2>/dev/null | wc -l)
HANGS=$(find "$FINDINGS/default/hangs" -type f 2>/dev/null | wc -l)
echo "fuzz: $TARGET ran $(stat run_time)s: $(stat execs_done) execs ($(stat execs_per_sec)/s), corpus $(stat corpus_count), $CRASHES crash(es), $HANGS hang(s)"

if [[ $CRASHES -gt 0 || $HANGS -gt 0 ]]; then
  # A crash or hang counts once it replays: afl-fuzz measures hangs on the clock, which a loaded machine stretches.
  echo "fuzz: replaying the findings (each listed with its exception):"
  REPLAY_FAILED=0
  replay "$FINDINGS/default/crashes" || REPLAY_FAILED=1
  # Each hang in a process of its own: a hung input keeps running (and holding memory) beside the next.
  for hang in "$FINDINGS"/default/hangs/*; do
    [[ -f "$hang" ]] || continue
    replay "$hang" > "$OUT/hang-replay.log" 2>&1 || REPLAY_FAILED=1
    head -n -1 "$OUT/hang-replay.log"
  done
  if [[ $REPLAY_FAILED -ne 0 ]]; then
    FAILED=1
  elif [[ $CRASHES -gt 0 ]]; then
    echo "fuzz: warning: afl-fuzz saved $CRASHES crash(es) that did not reproduce on replay"
  fi
fi
exit "$FAILED"
