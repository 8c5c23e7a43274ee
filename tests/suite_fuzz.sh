#!/bin/sh
# suite_fuzz.sh: the libFuzzer targets of tests/fuzz/ (issue 9), as run by `make test`.
#
# Builds them (make fuzz-build: clang, ASan + UBSan), replays every regression
# input of tests/fuzz/regress/<target>/ and every seed once, then fuzzes each
# target for FUZZ_SMOKE_SECONDS (default 20), two at a time, from a fixed
# seed (FUZZ_SEED, default 1): CI must not turn red on a new random draw.
# Finding new inputs is `make fuzz`'s job (FUZZ_SECONDS, a fresh seed each
# run). Prints PASS:/FAIL: lines.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
if ! command -v clang > /dev/null; then
	echo "FAIL: fuzz: clang is missing (make test-deps installs tools/deps/hardening.test)"
	exit 1
fi
if ! timeout 600 make --no-print-directory -s fuzz-build > tests/out/fuzz-build.log 2>&1; then
	echo "FAIL: fuzz: make fuzz-build failed: $(grep -m1 -E 'error' tests/out/fuzz-build.log | head -c 300)"
	exit 1
fi
rc=0
sh tests/fuzz/run.sh replay || rc=1
FUZZ_SEED=${FUZZ_SEED:-1} sh tests/fuzz/run.sh run "${FUZZ_SMOKE_SECONDS:-20}" || rc=1
exit $rc
