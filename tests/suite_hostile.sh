#!/bin/sh
# suite_hostile.sh: content trees that try to break the build or the reader.
#
#   sh tests/suite_hostile.sh [NAME...]
#
# Each tests/hostile/cases/NAME/ holds what it changes in the small site of
# tests/hostile/base/ (content/ files copied over it, and/or make.sh, run in
# the work folder to generate big, binary or symlinked input), and `expect`:
#   rc N                 exit status wanted (0: a safe site; 1: a clear error)
#   stderr TEXT          stderr contains TEXT (fixed string; repeatable)
#   page PATH TEXT       output/PATH exists and contains TEXT (fixed string)
#   nopage PATH          output/PATH does not exist
#   bin plain            run ./gongkai instead of build/gongkai-san (big inputs)
#   maxrss_mb N          peak memory bound (default 1500 with sanitizers, 600 plain)
#   theme                build with -t themes/default (the case's make.sh changes the theme)
#   cmd check            run `gongkai check` instead of `build` (writes nothing)
#   args ARG...          more arguments for gongkai (e.g. -v), split at blanks
#   loud                 run without -q (to see warnings on stderr)
#   nostderr TEXT        stderr does not contain TEXT (a number that must never be printed)
# Every case also checks: no crash or sanitizer report; no script, event
# handler or javascript:/data: URL in output/ (tests/hostile/scan.py); every
# feed, sitemap and SVG file in output/ is well-formed XML (xmllint); nothing
# written or changed outside output/; after a failed build the previous
# output/ is intact and no temporary folder is left.
# Prints PASS: hostile NAME / FAIL: hostile NAME: why.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
top=$(pwd)
# GONGKAI and GONGKAI_SAN override the binaries (plain and sanitizer builds).
san=${GONGKAI_SAN:-$top/build/gongkai-san}
plain=${GONGKAI:-$top/gongkai}
[ -x "$san" ] || san=$plain
if [ ! -x "$plain" ]; then
	echo "FAIL: hostile: ./gongkai is missing (make gongkai)"
	exit 1
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87
out=$top/tests/out/hostile
rm -rf "$out" 2> /dev/null
mkdir -p "$out"
fail=0

snapshot() {	# everything but output/, with contents
	(cd "$1" && find . -path ./output -prune -o -path ./.gongkai-cache -prune -o -print | LC_ALL=C sort |
	    while IFS= read -r f; do
		if [ -L "$f" ]; then echo "$f -> $(readlink "$f")"
		elif [ -f "$f" ]; then echo "$f $(cksum < "$f")"
		else echo "$f"; fi
	    done)
}

xml_ok() {	# xml_ok DIR: every *.xml and *.svg under DIR parses (xmllint --noout)
	find "$1" -type f \( -name '*.xml' -o -name '*.svg' \) -print0 | LC_ALL=C sort -z |
	    xargs -0 -r xmllint --noout --nonet
}

run_case() {
	name=$1 dir=$top/tests/hostile/cases/$1 w=$out/$1
	exp=$dir/expect
	want_rc=$(sed -n 's/^rc //p' "$exp")
	bin=$san
	grep -qx 'bin plain' "$exp" && bin=$plain
	maxrss=$(sed -n 's/^maxrss_mb //p' "$exp")
	[ -n "$maxrss" ] || { [ "$bin" = "$plain" ] && maxrss=600 || maxrss=1500; }
	mkdir -p "$w"
	cp -R tests/hostile/base/content "$w/content"
	mkdir -p "$w/themes"
	cp -R themes/default "$w/themes/default"
	# the previous build (of the base site), which a failed build must leave alone
	mkdir -p "$w/prev"
	cp -R tests/hostile/base/content "$w/prev/content"
	if ! (cd "$w" && "$plain" build -q -C prev/content -o output -t themes/default) > "$w.prev.log" 2>&1; then
		echo "FAIL: hostile $name: the base site does not build: $(head -n 1 "$w.prev.log")"
		fail=1
		return
	fi
	rm -rf "$w/prev"
	prev=$(cd "$w/output" && find . -type f | LC_ALL=C sort | xargs cksum)
	[ -d "$dir/content" ] && cp -R "$dir/content/." "$w/content/"
	if [ -f "$dir/make.sh" ]; then
		if ! (cd "$w" && CASE="$dir" sh "$dir/make.sh") > "$w.make.log" 2>&1; then
			echo "FAIL: hostile $name: make.sh failed: $(tail -n 1 "$w.make.log")"
			fail=1
			return
		fi
	fi
	before=$(snapshot "$w")
	q=-q
	grep -qx 'loud' "$exp" && q=
	set -- build $q -C content -o output
	grep -qx 'cmd check' "$exp" && set -- check $q -C content
	grep -qx 'theme' "$exp" && set -- "$@" -t themes/default
	# shellcheck disable=SC2046
	set -- "$@" $(sed -n 's/^args //p' "$exp")
	(cd "$w" && ulimit -t 300 && exec /usr/bin/time -f '%M' -o "$w.rss" \
	    timeout -k 5 240 "$bin" "$@") > "$w.stdout" 2> "$w.stderr"
	rc=$?
	rss=$(tail -n 1 "$w.rss" 2>/dev/null | tr -cd 0-9)
	after=$(snapshot "$w")
	why=""
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|UndefinedBehaviorSanitizer' "$w.stderr"; then
		why="sanitizer report: $(grep -m1 -E 'ERROR|runtime error' "$w.stderr" | head -c 200)"
	elif [ "$rc" -ge 124 ] || [ "$rc" -gt 2 ]; then
		why="crashed or hung (exit $rc): $(tail -n 1 "$w.stderr" | head -c 200)"
	elif [ "$rc" != "$want_rc" ]; then
		why="exit $rc, want $want_rc: $(grep -m1 'error' "$w.stderr" | head -c 200)"
	elif [ -n "$rss" ] && [ $((rss / 1024)) -gt "$maxrss" ]; then
		why="peak memory $((rss / 1024)) MB > $maxrss MB"
	elif [ "$before" != "$after" ]; then
		why="files outside output/ changed: $(printf '%s\n' "$before" > "$w.before"; printf '%s\n' "$after" > "$w.after"; diff "$w.before" "$w.after" | grep '^[<>]' | head -n 3 | tr '\n' ' ')"
	elif ls -d "$w"/output.tmp* "$w"/output.old* > /dev/null 2>&1; then
		why="temporary output folder left behind"
	elif [ "$rc" != 0 ] && [ "$(cd "$w/output" && find . -type f | LC_ALL=C sort | xargs cksum)" != "$prev" ]; then
		why="failed build touched the previous output/"
	elif [ "$rc" = 0 ] && ! python3 tests/hostile/scan.py "$w/output" > "$w.scan" 2>&1; then
		why="unsafe output: $(head -n 2 "$w.scan" | tr '\n' ' ')"
	elif [ "$rc" = 0 ] && ! xml_ok "$w/output" > "$w.xmllint" 2>&1; then
		why="XML that does not parse: $(head -n 2 "$w.xmllint" | tr '\n' ' ')"
	fi
	if [ -z "$why" ]; then
		while IFS= read -r line; do
			case $line in
			"stderr "*)
				t=${line#stderr }
				grep -qF -- "$t" "$w.stderr" || { why="stderr lacks \"$t\": $(head -n 1 "$w.stderr" | head -c 200)"; break; } ;;
			"nostderr "*)
				t=${line#nostderr }
				! grep -qF -- "$t" "$w.stderr" || { why="stderr shows \"$t\": $(grep -m1 -F -- "$t" "$w.stderr" | head -c 200)"; break; } ;;
			"page "*)
				rest=${line#page }
				p=${rest%% *} t=${rest#* }
				[ -f "$w/output/$p" ] || { why="output/$p missing"; break; }
				grep -qF -- "$t" "$w/output/$p" || { why="output/$p lacks \"$t\""; break; } ;;
			"nopage "*)
				p=${line#nopage }
				[ ! -e "$w/output/$p" ] || { why="output/$p should not exist"; break; } ;;
			esac
		done < "$exp"
	fi
	# nothing may have escaped to the folders above the work folder
	if [ -z "$why" ] && find "$out" /tmp -maxdepth 3 -name 'ESCAPED*' 2>/dev/null | grep -q .; then
		why="a file named ESCAPED* was written outside output/"
		find "$out" /tmp -maxdepth 3 -name 'ESCAPED*' -exec rm -f {} + 2>/dev/null
	fi
	if [ -z "$why" ]; then
		echo "PASS: hostile $name (exit $rc, $((${rss:-0} / 1024)) MB)"
		rm -rf "$w" "$w".*
	else
		echo "FAIL: hostile $name: $why (work folder $w)"
		fail=1
	fi
}

if ! command -v python3 > /dev/null || [ ! -x /usr/bin/time ] || ! command -v xmllint > /dev/null; then
	echo "FAIL: hostile: needs python3, /usr/bin/time and xmllint (make test-deps)"
	exit 1
fi
cases=${*:-$(ls tests/hostile/cases)}
for c in $cases; do
	run_case "$c"
done
exit $fail
