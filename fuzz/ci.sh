#!/usr/bin/env bash
# Bounded fuzzing for CI: every target in turn, FUZZ_CI_SECONDS each (default 20, so the four fuzz for 80 s
# together), from a sample of FUZZ_CI_SEEDS seeds (default 40) built from ../shared.
# Installs afl-fuzz (Debian package afl++) when it is missing; skips, saying so, when it cannot.
# Exit: 0 nothing found (or skipped); non-zero when a seed or a finding crashed or hung, or the set-up failed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_TARGET="${FUZZ_CI_SECONDS:-20}"

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "fuzz: afl-fuzz is missing; installing the Debian package afl++"
  if ! { apt-get install -y afl++ >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y afl++ >/dev/null 2>&1; }; } \
     || ! command -v afl-fuzz >/dev/null 2>&1; then
    echo "fuzz: skipped: the Debian package afl++ could not be installed (apt-get install -y afl++)"
    exit 0
  fi
fi

if [[ ! -d "${FUZZ_SHARED:-$ROOT/../shared}" ]]; then
  echo "fuzz: skipped: no ../shared folder to build the seeds from"
  exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/stepflow-fuzz-ci.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
status=0
for target in definition jsonpath intrinsics jsonata; do
  FUZZ_WORK="$WORK" FUZZ_BIN="$WORK/bin" FUZZ_SEEDS="${FUZZ_CI_SEEDS:-40}" \
    "$ROOT/fuzz/run.sh" "$target" "$SECONDS_PER_TARGET"
  rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "fuzz: $target failed (exit $rc)"
    status=1
  fi
done
exit "$status"
