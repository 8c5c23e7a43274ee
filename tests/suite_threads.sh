#!/bin/sh
# suite_threads.sh: the threads of a build (pool.c workers, output.c's writer,
# the search index thread in pages.c) under ThreadSanitizer. The demo content
# and the golden site `basic` are built by build/gongkai-tsan with -j 2 and
# -j 4; each build must exit 0 with no ThreadSanitizer report, and its output
# must equal a serial (-j 1) build of the plain binary, byte for byte.
#
#   sh tests/suite_threads.sh     (from anywhere; run by tests/run.sh)
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
TSAN=build/gongkai-tsan
out=tests/out/threads
fail=0

pass() { echo "PASS: threads $1"; }
failed() { echo "FAIL: threads $1"; fail=1; }

if [ ! -x "$TSAN" ] || [ ! -x ./gongkai ]; then
	failed "$TSAN or ./gongkai missing; build them (make gongkai build/gongkai-tsan)"
	exit 1
fi
rm -rf "$out"
mkdir -p "$out"
# halt_on_error: the first race ends the build with exitcode 66.
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"

check() {	# name content-dir extra-args...
	name=$1 content=$2
	shift 2
	./gongkai build -q -j 1 -C "$content" -o "$out/$name-serial" "$@" 2>"$out/$name-serial.err"
	if [ $? -ne 0 ]; then
		failed "$name: the serial build failed ($(head -3 "$out/$name-serial.err"))"
		return
	fi
	for j in 2 4; do
		"$TSAN" build -q -j $j -C "$content" -o "$out/$name-j$j" "$@" 2>"$out/$name-j$j.err"
		rc=$?
		if [ $rc -ne 0 ] || grep -q "ThreadSanitizer" "$out/$name-j$j.err"; then
			failed "$name -j $j under ThreadSanitizer: exit $rc, $(grep -m1 'WARNING\|ERROR' "$out/$name-j$j.err")"
			continue
		fi
		pass "$name -j $j: no ThreadSanitizer report"
		if diff -r "$out/$name-serial" "$out/$name-j$j" >"$out/$name-j$j.diff" 2>&1; then
			pass "$name -j $j: output equals the serial build"
		else
			failed "$name -j $j: output differs from the serial build (see $out/$name-j$j.diff)"
		fi
	done
}

check demo content
check basic tests/cases/basic/content --as-of 2025-06-30
[ $fail -eq 0 ] && rm -rf "$out"
exit $fail
