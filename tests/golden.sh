#!/bin/sh
# golden.sh: the one runner of every golden test, a command run on a case folder
# whose output is compared with what the folder expects (`make golden-update`
# rewrites every expectation).
#
#   sh tests/golden.sh check    BINARY [NAME...]   compare every case (or the named ones)
#   sh tests/golden.sh update   BINARY [NAME...]   rewrite the expectations from a fresh run
#                                                  (review `git diff` before committing)
#   sh tests/golden.sh valgrind BINARY [NAME...]   check, with BINARY run under valgrind; fails
#                                                  on memory errors and definite leaks
#
# Each tests/cases/NAME/ holds the input, the expectations and an optional case.conf,
# lines of "key value" ('#' starts a comment):
#   command WORDS   build (the default): `BINARY build -q -C content -o OUT [-t theme] ARGS`.
#                   Anything else, e.g. "import input.txt": run as `BINARY WORDS ARGS` inside
#                   the work folder tests/out/NAME.in, made from files/ (copied) and prepare.
#   args WORDS      extra arguments, split on blanks (no quoting)
#   compare MODE    all (the default): a build compares every output file (but assets/, a
#                   copy of the theme's); main-only: only the pages listed, each from its
#                   <main> line to its </main> line (so header, nav and footer changes do
#                   not touch the case; files that are not .html are compared whole)
#   page PATH [HOW] a file to compare (for main-only, and for commands: a file the command
#                   wrote, relative to the work folder). HOW overrides the mode for it:
#                   all | main | section CLASS (from <section class="CLASS" to </section>)
#   base NAME       expected/ holds only the files that differ from case NAME's expected/
#                   (or are not in it), and expected.absent the files of NAME's that this
#                   case must not have; the comparison is still of the whole tree (put
#                   together in tests/out/NAME.expected). Without content/ of its own, the
#                   case builds NAME's content/ (the same site with other args).
# and, besides content/ (-C) or files/:
#   theme/          optional: a theme folder (-t)
#   prepare         optional: run as `sh prepare WORK CASE` from the repository root before
#                   the command, for inputs that cannot be committed as they are (invalid
#                   UTF-8, other encodings, a theme broken from themes/default). For a build,
#                   content/ and theme/ are first copied to WORK and read from there.
#   expected/       the output tree (or, with compare main-only, the parts compared)
#   expected.rc     the exit status (default 0). A build that must fail: the output folder is
#                   made first with a .gongkai marker and a sentinel file; both must be there,
#                   unchanged, after the failed build. (For a new failing case, create an empty
#                   expected.rc, then run update.)
#   expected.stderr the diagnostics, exactly (a build without it must print nothing with -q)
#   expected.stdout a command's standard output, exactly
# Output goes to tests/out/NAME (work folder NAME.in). Prints "PASS: golden NAME [LABEL]" or
# "FAIL: golden NAME [LABEL]: why" for every case, LABEL being the binary's file name (and
# "valgrind"); exits 1 when any case failed. Run from anywhere: it works from the repository
# root, so the paths in messages are the relative ones given on the command line.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
top=$(pwd)

mode=$1
bin=$2
case $mode in
check|update|valgrind) ;;
*) echo "usage: sh tests/golden.sh check|update|valgrind BINARY [NAME...]" >&2; exit 2 ;;
esac
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
	echo "FAIL: golden: '$bin' is not an executable; build it first (make gongkai)"
	exit 1
fi
shift 2
case $bin in /*) abs_bin=$bin ;; *) abs_bin=$top/$bin ;; esac
label=${bin##*/}
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

# conf KEY: the value of the first "KEY value" line of the case's case.conf.
conf() {
	[ -f "$c/case.conf" ] || return 0
	awk -v k="$1" '{ sub(/[ \t]*#.*/, "") } $1 == k { sub(/^[^ \t]+[ \t]*/, ""); print; exit }' "$c/case.conf"
}

# pages: the "page" lines of case.conf, one "PATH [HOW]" a line.
pages() {
	[ -f "$c/case.conf" ] || return 0
	awk '{ sub(/[ \t]*#.*/, "") } $1 == "page" { sub(/^page[ \t]+/, ""); print }' "$c/case.conf"
}

# part FILE HOW: the part of FILE that is compared.
part() {
	case $2 in
	main) case $1 in
		*.html) awk '/^<main[ >]/,/^<\/main>/' "$1" ;;
		*) cat "$1" ;;
		esac ;;
	section\ *) awk -v open="<section class=\"${2#section }\"" \
		'index($0, open) == 1, /^<\/section>/' "$1" ;;
	*) cat "$1" ;;
	esac
}

# run WORDS...: the case's command, from the current folder; sets rc, writes tests/out/NAME.stderr
# and tests/out/NAME.stdout.
run() {
	set -f
	if [ "$mode" = valgrind ]; then
		# shellcheck disable=SC2086 # the words and args are meant to split
		valgrind -q --log-file="$top/tests/out/$name.vg" --leak-check=full \
		    --errors-for-leak-kinds=definite --error-exitcode=99 \
		    "$abs_bin" "$@" $args > "$top/tests/out/$name.stdout" 2> "$top/tests/out/$name.stderr"
	else
		# shellcheck disable=SC2086
		"$abs_bin" "$@" $args > "$top/tests/out/$name.stdout" 2> "$top/tests/out/$name.stderr"
	fi
	rc=$?
	set +f
	if [ "$mode" = valgrind ] && [ -s "$top/tests/out/$name.vg" ]; then
		failed "valgrind found problems (exit $rc); see tests/out/$name.vg"
		head -n 30 "$top/tests/out/$name.vg" | sed 's/^/    /'
	fi
}

# expect WHAT EXPECTED ACTUAL: compare (or, in update mode, copy) one file.
expect() {
	if [ "$mode" = update ]; then
		mkdir -p "$(dirname "$2")"
		cp "$3" "$2"
	elif [ ! -f "$2" ]; then
		failed "no $2 (run make golden-update and review the diff)"
	elif ! cmp -s "$2" "$3"; then
		failed "$1 differs"
		diff -u "$2" "$3" | head -n 40 | sed 's/^/    /'
	fi
}

# status WANT_STDOUT: the exit status, stderr and (when asked) stdout of the run.
status() {
	if [ "$mode" = update ]; then
		echo "$rc" > "$c/expected.rc"
		cp "tests/out/$name.stderr" "$c/expected.stderr"
		[ "$1" = 1 ] && cp "tests/out/$name.stdout" "$c/expected.stdout"
		return
	fi
	want=$(cat "$c/expected.rc" 2>/dev/null)
	[ "$rc" = "${want:-0}" ] || failed "exit status $rc, want ${want:-0}"
	expect stderr "$c/expected.stderr" "tests/out/$name.stderr"
	[ "$1" = 1 ] && expect stdout "$c/expected.stdout" "tests/out/$name.stdout"
}

# listed ROOT: compare (or, in update mode, copy) the listed pages of ROOT with expected/.
listed() {
	[ "$mode" = update ] && rm -rf "$c/expected"
	pages > "tests/out/$name.pages"
	[ -s "tests/out/$name.pages" ] || failed "no page lines in case.conf"
	while read -r p how; do
		[ -n "$how" ] || how=$1
		if [ ! -f "$2/$p" ]; then
			failed "$p was not written"
			continue
		fi
		part "$2/$p" "$how" > "tests/out/$name.part"
		if [ "$mode" != update ] && [ "$how" != all ] && [ ! -s "tests/out/$name.part" ]; then
			failed "$p has no part to compare ($how)"
		fi
		expect "$p" "$c/expected/$p" "tests/out/$name.part"
	done < "tests/out/$name.pages"
}

# files DIR: the files under DIR, relative, sorted (assets/ left out).
files() {
	(cd "$1" && find . -path ./assets -prune -o -type f -print) | sed 's|^\./||' | sort
}

# A case with a base: expected/ holds what differs from the base's, expected.absent what the
# base has and this case must not. update writes both; check puts the whole expected tree
# together in tests/out/NAME.expected and compares that.
based_update() {
	rm -rf "$c/expected"
	files "$out" | while read -r f; do
		if ! cmp -s "$out/$f" "$bdir/expected/$f"; then
			mkdir -p "$(dirname "$c/expected/$f")"
			cp "$out/$f" "$c/expected/$f"
		fi
	done
	files "$bdir/expected" | while read -r f; do
		[ -e "$out/$f" ] || echo "$f"
	done > "$c/expected.absent"
	[ -s "$c/expected.absent" ] || rm -f "$c/expected.absent"
}

based_tree() {
	whole=tests/out/$name.expected
	rm -rf "$whole"
	cp -R "$bdir/expected" "$whole"
	[ -d "$c/expected" ] && cp -R "$c/expected/." "$whole/"
	if [ -f "$c/expected.absent" ]; then
		while read -r f; do
			[ -n "$f" ] && rm -f "$whole/$f"
		done < "$c/expected.absent"
		find "$whole" -depth -type d -empty -delete
	fi
}

# A build: content/ (or WORK/content) to tests/out/NAME.
build_case() {
	if [ -f "$c/expected.rc" ] && [ "$(cat "$c/expected.rc")" != 0 ]; then
		# A failing build: the old output must survive it.
		mkdir -p "$out/sub"
		printf 'made by gongkai; the whole folder is replaced on each build\n' > "$out/.gongkai"
		printf 'sentinel %s\n' "$name" > "$out/sub/sentinel.html"
		before=$(cd "$out" && find . -type f | sort | xargs cksum)
		# shellcheck disable=SC2086 # theme_arg is meant to split
		run build -q -C "$content" -o "$out" $theme_arg
		status 0
		after=$( (cd "$out" 2>/dev/null && find . -type f | sort | xargs cksum) )
		[ "$before" = "$after" ] || failed "the previous output was changed by the failed build"
		ls -d "$out".tmp-* "$out".old-* >/dev/null 2>&1 && failed "a temporary output folder was left behind"
		return
	fi
	# shellcheck disable=SC2086
	run build -q -C "$content" -o "$out" $theme_arg
	if [ "$rc" -ne 0 ]; then
		failed "build exited $rc"
		head -n 20 "tests/out/$name.stderr" | sed 's/^/    /'
		return
	fi
	# warnings a successful build must print are in expected.stderr; else it prints nothing
	if [ "$mode" = update ]; then
		rm -f "$c/expected.rc" "$c/expected.stderr"
		[ -s "tests/out/$name.stderr" ] && cp "tests/out/$name.stderr" "$c/expected.stderr"
	elif [ -f "$c/expected.stderr" ]; then
		expect stderr "$c/expected.stderr" "tests/out/$name.stderr"
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
	cmode=$(conf compare)
	if [ "${cmode:-all}" = main-only ]; then
		listed main "$out"
	elif [ "${cmode:-all}" != all ]; then
		failed "case.conf: compare '$cmode' is neither all nor main-only"
	elif [ -n "$base" ]; then
		bdir=tests/cases/$base
		if [ ! -d "$bdir/expected" ]; then
			failed "base '$base' has no expected/"
		elif [ "$mode" = update ]; then
			based_update
		else
			based_tree
			if ! diff -ru -x assets "$whole" "$out" > "tests/out/$name.diff" 2>&1; then
				failed "output differs from expected/ over $base's (full diff: tests/out/$name.diff)"
				head -n 40 "tests/out/$name.diff" | sed 's/^/    /'
			fi
		fi
	elif [ "$mode" = update ]; then
		rm -rf "$c/expected"
		cp -R "$out" "$c/expected"
		# the theme's assets are copies of themes/default/assets: not kept twice
		rm -rf "$c/expected/assets"
	elif [ ! -d "$c/expected" ]; then
		failed "no expected/ (run make golden-update and review the diff)"
	elif ! diff -ru -x assets "$c/expected" "$out" > "tests/out/$name.diff" 2>&1; then
		failed "output differs from expected/ (full diff: tests/out/$name.diff)"
		head -n 40 "tests/out/$name.diff" | sed 's/^/    /'
	fi
}

# Any other command, inside the work folder.
command_case() {
	cd "$work" || exit 2
	# shellcheck disable=SC2086 # the command's words are meant to split
	run $cmd
	cd "$top" || exit 2
	status 1
	if [ -n "$(pages)" ]; then
		listed all "$work"
	elif [ "$mode" = update ]; then
		rm -rf "$c/expected"
	fi
}

# The cases: those named on the command line, else all; in update mode the cases without
# a base first, so a base's expected/ is fresh when a case built on it is written.
if [ $# -gt 0 ]; then
	list=
	for n in "$@"; do list="$list tests/cases/$n"; done
else
	list=$(for d in tests/cases/*/; do
		d=${d%/}
		grep -qs '^base[ \t]' "$d/case.conf" && echo "1 $d" || echo "0 $d"
	done | sort | cut -d' ' -f2)
fi

for c in $list; do
	name=${c##*/}
	out=tests/out/$name
	ok=1
	if [ ! -d "$c" ]; then
		failed "no case folder $c"
		fail=$((fail + 1))
		continue
	fi
	args=$(conf args)
	cmd=$(conf command)
	[ -n "$cmd" ] || cmd=build
	content=$c/content
	base=$(conf base)
	# a case on a base without content/ of its own builds the base's content
	[ ! -d "$c/content" ] && [ -n "$base" ] && content=tests/cases/$base/content
	theme=
	[ -d "$c/theme" ] && theme=$c/theme
	work=$out.in
	rm -rf "$out" "$out".tmp-* "$out".old-* "$work" "tests/out/$name.vg"
	if [ "$cmd" != build ] || [ -f "$c/prepare" ]; then
		mkdir -p "$work"
		if [ "$cmd" = build ]; then
			[ -d "$content" ] && cp -R "$content" "$work/content"
			[ -d "$c/theme" ] && cp -R "$c/theme" "$work/theme"
		elif [ -d "$c/files" ]; then
			cp -R "$c/files/." "$work/"
		fi
		if [ -f "$c/prepare" ] && ! sh "$c/prepare" "$work" "$c"; then
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

	if [ "$cmd" = build ]; then
		build_case
	else
		command_case
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
