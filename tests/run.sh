#!/bin/sh
# Runs every test suite and prints one closing line "N passed, N failed".
# Each suite prints PASS:/FAIL: lines; this script only counts them.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
log=tests/out/log
mkdir -p tests/out
: > "$log"
run() {
	echo "== $*" >> "$log"
	"$@" >> "$log" 2>&1
	rc=$?
	if [ $rc -ne 0 ] && ! tail -n 50 "$log" | grep -q '^FAIL:'; then
		echo "FAIL: $* exited $rc without a FAIL line" >> "$log"
	fi
}
for t in build/unit/test_*; do
	[ -x "$t" ] && run "$t"
done
for s in tests/suite_*.sh; do
	[ -f "$s" ] && run sh "$s"
done
grep -E '^(FAIL|PASS):' "$log" | grep '^FAIL:' || true
passed=$(grep -c '^PASS:' "$log")
failed=$(grep -c '^FAIL:' "$log")
echo "(full log: $log)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
