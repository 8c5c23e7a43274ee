#!/bin/sh
# golden.sh: the golden sites of `gongkai build`.
#
#   sh tests/golden.sh check    BINARY   compare every case with what it expects
#   sh tests/golden.sh update   BINARY   rewrite expected/, expected.stderr, expected.rc
#                                        from a fresh build (review the diff before committing)
#   sh tests/golden.sh valgrind BINARY   check, with BINARY run under valgrind; fails on
#                                        memory errors and definite leaks
#
# Run from anywhere; it works from the repository root, so the paths in
# messages are the relative ones given on the command line. Each
# tests/cases/NAME/ holds:
#   content/          the content tree (-C)
#   theme/            optional: a theme folder (-t)
#   args              optional: extra build flags, one line, split on blanks
#   prepare           optional: a sh script run as `sh prepare WORK` before the
#                     build, for inputs that cannot be committed as they are
#                     (invalid UTF-8, a theme broken from themes/default). When it
#                     exists, content/ (if any) is first copied to WORK/content and
#                     the build reads WORK/content and WORK/theme (if made);
#                     WORK is tests/out/NAME.in
#   expected/         a success case: the whole output tree, .gongkai marker included,
#                     compared with `diff -ru` (except assets/, a copy of the theme's)
#   expected.stderr   an error case: the diagnostics, exactly
#   expected.rc       an error case: the exit status (for a new error case, create
#                     an empty expected.rc, then run update). The output folder is made
#                     first with a .gongkai marker and a sentinel file; both must
#                     be there, unchanged, after the failed build.
# Output goes to tests/out/NAME. Prints "PASS: golden NAME [LABEL]" or
# "FAIL: golden NAME [LABEL]: why" for every case, LABEL being the binary's
# file name (and "valgrind"); exits 1 when any case failed.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8

mode=$1
bin=$2
case $mode in
check|update|valgrind) ;;
*) echo "usage: sh tests/golden.sh check|update|valgrind BINARY" >&2; exit 2 ;;
esac
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
	echo "FAIL: golden: '$bin' is not an executable; build it first (make gongkai)"
	exit 1
fi
label=${bin##*/}
wrap=
if [ "$mode" = valgrind ]; then
	if ! command -v valgrind >/dev/null 2>&1; then
		echo "FAIL: golden: valgrind is not installed (make test-deps)"
		exit 1
	fi
	label="$label valgrind"
fi
mkdir -p tests/out
pass=0
fail=0

failed() {
	echo "FAIL: golden $name [$label]: $1"
	ok=0
}

# The build of one case; sets rc, writes tests/out/NAME.stderr.
run_build() {
	set -f
	if [ "$mode" = valgrind ]; then
		# shellcheck disable=SC2086 # args are meant to split
		valgrind -q --log-file="tests/out/$name.vg" --leak-check=full \
		    --errors-for-leak-kinds=definite --error-exitcode=99 \
		    "$bin" build -q -C "$content" -o "$out" $theme_arg $args 2> "tests/out/$name.stderr"
	else
		# shellcheck disable=SC2086
		"$bin" build -q -C "$content" -o "$out" $theme_arg $args 2> "tests/out/$name.stderr"
	fi
	rc=$?
	set +f
	if [ "$mode" = valgrind ] && [ -s "tests/out/$name.vg" ]; then
		failed "valgrind found problems (exit $rc); see tests/out/$name.vg"
		head -n 30 "tests/out/$name.vg" | sed 's/^/    /'
	fi
}

for c in tests/cases/*/; do
	c=${c%/}
	name=${c##*/}
	out=tests/out/$name
	ok=1
	args=
	[ -f "$c/args" ] && args=$(cat "$c/args")
	content=$c/content
	theme=
	[ -d "$c/theme" ] && theme=$c/theme
	if [ -f "$c/prepare" ]; then
		work=tests/out/$name.in
		rm -rf "$work"
		mkdir -p "$work"
		[ -d "$c/content" ] && cp -R "$c/content" "$work/content"
		[ -d "$c/theme" ] && cp -R "$c/theme" "$work/theme"
		if ! sh "$c/prepare" "$work"; then
			failed "prepare failed"
			fail=$((fail + 1))
			continue
		fi
		content=$work/content
		theme=
		[ -d "$work/theme" ] && theme=$work/theme
	fi
	theme_arg=
	[ -n "$theme" ] && theme_arg="-t $theme"
	rm -rf "$out" "$out".tmp-* "$out".old-*

	if [ -f "$c/expected.rc" ] || [ -f "$c/expected.stderr" ]; then
		# An error case: the old output must survive the failed build.
		mkdir -p "$out/sub"
		printf 'made by gongkai; the whole folder is replaced on each build\n' > "$out/.gongkai"
		printf 'sentinel %s\n' "$name" > "$out/sub/sentinel.html"
		before=$(cd "$out" && find . -type f | sort | xargs cksum)
		run_build
		if [ "$mode" = update ]; then
			cp "tests/out/$name.stderr" "$c/expected.stderr"
			echo "$rc" > "$c/expected.rc"
		else
			want=$(cat "$c/expected.rc" 2>/dev/null)
			[ "$rc" = "$want" ] || failed "exit status $rc, want $want"
			if ! cmp -s "$c/expected.stderr" "tests/out/$name.stderr"; then
				failed "stderr differs"
				diff -u "$c/expected.stderr" "tests/out/$name.stderr" | head -n 40 | sed 's/^/    /'
			fi
		fi
		after=$( (cd "$out" 2>/dev/null && find . -type f | sort | xargs cksum) )
		[ "$before" = "$after" ] || failed "the previous output was changed by the failed build"
		ls -d "$out".tmp-* "$out".old-* >/dev/null 2>&1 && failed "a temporary output folder was left behind"
	else
		# A success case: the whole tree.
		run_build
		if [ "$rc" -ne 0 ]; then
			failed "build exited $rc"
			head -n 20 "tests/out/$name.stderr" | sed 's/^/    /'
		elif [ -s "tests/out/$name.stderr" ]; then
			failed "build printed to stderr with -q"
			head -n 20 "tests/out/$name.stderr" | sed 's/^/    /'
		fi
		# 404.html carries the theme's stylesheet inline (it answers at any depth):
		# like assets/, a copy of the theme's, so not compared
		if [ -f "$out/404.html" ]; then
			awk '/<style>/ { sub(/<style>.*/, "<style>/* the theme'"'"'s assets/style.css */</style>"); print; skip = 1; next }
			    skip && /<\/style>/ { skip = 0; next } !skip' "$out/404.html" > "$out/404.html.tmp" &&
			    mv "$out/404.html.tmp" "$out/404.html"
		fi
		if [ "$mode" = update ]; then
			if [ "$rc" -eq 0 ]; then
				rm -rf "$c/expected"
				cp -R "$out" "$c/expected"
				# the theme's assets are copies of themes/default/assets: not kept twice
				rm -rf "$c/expected/assets"
			fi
		elif [ ! -d "$c/expected" ]; then
			failed "no expected/ (run make regress-update and review the diff)"
		elif ! diff -ru -x assets "$c/expected" "$out" > "tests/out/$name.diff" 2>&1; then
			failed "output differs from expected/ (full diff: tests/out/$name.diff)"
			head -n 40 "tests/out/$name.diff" | sed 's/^/    /'
		fi
	fi
	if [ "$ok" = 1 ]; then
		[ "$mode" = update ] && echo "PASS: golden $name [$label]: updated" ||
		    echo "PASS: golden $name [$label]"
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
echo "golden [$label]: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
