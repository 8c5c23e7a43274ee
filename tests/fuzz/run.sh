#!/bin/sh
# tests/fuzz/run.sh: runs the libFuzzer targets built by `make fuzz-build`.
#
#   sh tests/fuzz/run.sh replay            each file of tests/fuzz/regress/<target>/ and the seed corpus once
#   sh tests/fuzz/run.sh run SECONDS       fuzz each target SECONDS (two at a time, for 2 cores)
#
# Prints PASS: fuzz ... / FAIL: fuzz ...: why. Seeds in tests/fuzz/corpus/<target>/
# are only read; new inputs go to build/fuzz/corpus/<target>/, crashes to
# build/fuzz/crash/<target>/ (copy a crash into tests/fuzz/regress/<target>/
# once it is understood: the suite replays it from then on). FUZZ_SEED fixes
# libFuzzer's seed (make test sets it, so that a CI run explores the same
# inputs every time and a red run can be replayed); unset, each run differs.
# FUZZ_TARGETS="gate privacy" runs only those targets.
cd "$(dirname "$0")/../.." || exit 2
mode=${1:-run}
secs=${2:-60}
jobs=${FUZZ_JOBS:-2}
targets=${FUZZ_TARGETS:-$(cd tests/fuzz && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')}
targets=$(echo $targets | tr " " "\n")
mkdir -p build/fuzz/log
fail=0

opts() {
	echo "-timeout=20 -rss_limit_mb=2048 -malloc_limit_mb=1024 -max_len=16384 -print_final_stats=1"
}

# replay TARGET: every regression input and every seed, once each.
replay() {
	t=$1 bin=build/fuzz/fuzz_$1 log=build/fuzz/log/replay-$1.log
	files=$(find tests/fuzz/regress/"$t" tests/fuzz/corpus/"$t" -type f 2>/dev/null | sort)
	if [ -z "$files" ]; then
		echo "PASS: fuzz replay $t (no inputs)"
		return
	fi
	n=$(echo "$files" | wc -l)
	# shellcheck disable=SC2086
	if timeout 300 "$bin" $(opts) $files > "$log" 2>&1; then
		echo "PASS: fuzz replay $t ($n inputs)"
	else
		why=$(grep -m1 -E 'ERROR:|runtime error|property failed' "$log" | head -c 250)
		last=$(grep '^Running: ' "$log" | tail -n 1)
		echo "FAIL: fuzz replay $t: $why; ${last:-?} (log $log)"
		fail=1
	fi
}

# fuzz TARGET SECONDS, in the background; result in build/fuzz/log/TARGET.rc
fuzz_one() {
	t=$1 s=$2
	mkdir -p build/fuzz/corpus/"$t" build/fuzz/crash/"$t"
	# shellcheck disable=SC2046
	timeout $((s + 120)) build/fuzz/fuzz_"$t" $(opts) -max_total_time="$s" \
	    ${FUZZ_SEED:+-seed="$FUZZ_SEED"} \
	    -artifact_prefix=build/fuzz/crash/"$t"/ \
	    build/fuzz/corpus/"$t" tests/fuzz/corpus/"$t" > build/fuzz/log/"$t".log 2>&1
	echo $? > build/fuzz/log/"$t".rc
}

report() {
	t=$1 log=build/fuzz/log/$1.log rc=$(cat build/fuzz/log/"$1".rc 2>/dev/null || echo 99)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1)
	if [ "$rc" = 0 ]; then
		echo "PASS: fuzz $t (${secs}s, ${runs:-?} runs, $cov)"
	else
		why=$(grep -m1 -E 'ERROR:|runtime error|property failed|SUMMARY' "$log" | head -c 300)
		art=$(sed -n 's/.*Test unit written to \([^ ]*\).*/\1/p' "$log" | head -n 1)
		echo "FAIL: fuzz $t: exit $rc: $why; input $art (log $log)"
		fail=1
	fi
}

for t in $targets; do
	if [ ! -x build/fuzz/fuzz_"$t" ]; then
		echo "FAIL: fuzz $t: build/fuzz/fuzz_$t missing (make fuzz-build)"
		fail=1
		targets=$(echo "$targets" | grep -vx "$t")
	fi
done

case $mode in
replay)
	for t in $targets; do replay "$t"; done
	;;
run)
	set -- $targets
	while [ $# -gt 0 ]; do
		batch=""
		i=0
		while [ $# -gt 0 ] && [ $i -lt "$jobs" ]; do
			fuzz_one "$1" "$secs" &
			batch="$batch $1"
			shift
			i=$((i + 1))
		done
		wait
		for t in $batch; do report "$t"; done
	done
	;;
*)
	echo "usage: run.sh replay | run SECONDS" >&2
	exit 2
	;;
esac
exit $fail
