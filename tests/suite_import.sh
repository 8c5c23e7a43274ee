#!/bin/sh
# suite_import.sh: `gongkai import`, then `gongkai check` on what it wrote.
#
#   GONGKAI=./gongkai sh tests/suite_import.sh
#
# The golden cases of import (what it prints and writes, and its diagnostics, for each
# document) are tests/cases/import-*/, run by tests/golden.sh with the other golden cases:
#   sh tests/golden.sh check ./gongkai import-damaged      (or every case: make golden)
# This suite checks what a golden case cannot: that every paragraph import flags as damaged
# is flagged by check as well. Prints PASS: import NAME / FAIL: import NAME: why.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
top=$(pwd)
: "${GONGKAI:=./gongkai}"
case $GONGKAI in /*) ;; *) GONGKAI=$top/$GONGKAI ;; esac
if [ ! -x "$GONGKAI" ]; then
	echo "FAIL: import: $GONGKAI is not an executable; build it, or set GONGKAI"
	exit 1
fi
# the old way to rewrite the expected files, kept for callers
if [ "$1" = update ]; then
	# shellcheck disable=SC2046 # one word per case
	exec sh tests/golden.sh update "$GONGKAI" $(cd tests/cases && ls -d import-*)
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-import.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

failed() {
	echo "FAIL: import $name: $1"
	fail=$((fail + 1))
	ok=0
}

# Import, then check: every paragraph import flagged as damaged is flagged by
# `gongkai check` (damaged-text) in the record it wrote, so build cannot publish
# it silently. Needs the whole gongkai (not a driver without check).
e2e=$tmp/e2e
mkdir -p "$e2e/content/sites/demo"
printf -- '---\nname: 示范村\n---\n' > "$e2e/content/sites/demo/index.md"
printf 'title: 示例\n' > "$e2e/content/site.yaml"
{ cat tests/cases/import-damaged/files/input.txt; printf '村民委员会\n2025年1月5日\n'; } > "$e2e/damaged.txt"
if "$GONGKAI" check --help > /dev/null 2>&1; then
	name=then-check
	ok=1
	(cd "$e2e" && "$GONGKAI" import damaged.txt --site demo --kind work) > "$e2e/import.out" 2> "$e2e/import.err"
	(cd "$e2e" && "$GONGKAI" check -t "$top/themes/default") > /dev/null 2> "$e2e/check.err"
	rc=$?
	# the source lines under the warnings, the same in both
	awk '/warning: text looks damaged/ { getline; print }' "$e2e/import.err" > "$e2e/import.lines"
	awk '/warning: text in the body looks damaged/ { getline; print }' "$e2e/check.err" > "$e2e/check.lines"
	if [ "$rc" -ne 0 ]; then
		failed "check exited $rc: $(head -c 400 "$e2e/check.err")"
	elif [ "$(wc -l < "$e2e/import.lines")" -ne 3 ]; then
		failed "import flagged $(wc -l < "$e2e/import.lines") lines, want 3: $(cat "$e2e/import.err")"
	elif ! cmp -s "$e2e/import.lines" "$e2e/check.lines"; then
		failed "check flags other lines than import: $(diff "$e2e/import.lines" "$e2e/check.lines")"
	fi
	if [ "$ok" = 1 ]; then
		echo "PASS: import then-check: the damaged paragraphs import flagged, check flags"
		pass=$((pass + 1))
	fi
else
	name=then-check
	failed "$GONGKAI has no check command"
fi
echo "import: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
