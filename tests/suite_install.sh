#!/bin/sh
# suite_install.sh: the man page and `make install`.
#
#   sh tests/suite_install.sh
#
# `mandoc -T lint` must say nothing about generator/gongkai.1. `make install
# PREFIX=…` runs in a copy of the sources (so this tree's ./gongkai is never
# rebuilt under the test's feet), then the installed binary builds the demo
# content from another folder, with the theme it installed, and still finds
# it after the whole prefix is moved. The Chinese companion gongkai.zh_CN.1 is
# linted too and installed as MANDIR/zh_CN/man1/gongkai.1, where `man -L zh_CN`
# finds it. Prints PASS: install NAME / FAIL: …
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-install.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
pass() { echo "PASS: install $1"; }
flunk() { echo "FAIL: install $1: $2"; fail=$((fail + 1)); }

# --- the man page -----------------------------------------------------------------
if ! command -v mandoc > /dev/null; then
	flunk "mandoc -T lint" "mandoc is not installed (tools/deps/authoring.test)"
else
	mandoc -T lint -W all generator/gongkai.1 > "$tmp/lint" 2>&1
	rc=$?
	# mandoc's own database may be stale on a machine; that is not about the page
	grep -v 'mandoc.db' "$tmp/lint" > "$tmp/lint2"
	if [ $rc -eq 0 ] && [ ! -s "$tmp/lint2" ]; then
		pass "mandoc -T lint is clean"
	else
		flunk "mandoc -T lint is clean" "$(head -5 "$tmp/lint2")"
	fi
	# without the backspaces of bold and underlined text
	mandoc -T utf8 generator/gongkai.1 2> /dev/null | sed "s/.$(printf "\b")//g" > "$tmp/man.txt"
	missing=""
	for c in build check import new serve keys help version; do
		grep -q "^   gongkai $c\$" "$tmp/man.txt" || missing="$missing $c"
	done
	for s in "EXIT STATUS" ENVIRONMENT FILES EXAMPLES DIAGNOSTICS; do
		grep -q "^$s\$" "$tmp/man.txt" || missing="$missing '$s'"
	done
	[ -z "$missing" ] && pass "the man page covers every command" || flunk "the man page covers every command" "missing:$missing"
	# every long option in a command's --help is in the man page
	if [ -x ./gongkai ]; then
		missing=""
		for c in build check import new serve; do
			for o in $(./gongkai $c --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
				grep -q -- "$o" "$tmp/man.txt" || missing="$missing $c$o"
			done
		done
		[ -z "$missing" ] && pass "the man page has every option of --help" ||
			flunk "the man page has every option of --help" "missing:$missing"
	fi
fi

# --- the Chinese man page (man(7): mdoc wants English section names) -----------------
if command -v mandoc > /dev/null; then
	mandoc -T lint -W warning generator/gongkai.zh_CN.1 2>&1 | grep -v 'mandoc.db' > "$tmp/lintzh"
	[ ! -s "$tmp/lintzh" ] && pass "mandoc -T lint -W warning is clean on gongkai.zh_CN.1" ||
		flunk "mandoc -T lint -W warning is clean on gongkai.zh_CN.1" "$(head -5 "$tmp/lintzh")"
	mandoc -T utf8 generator/gongkai.zh_CN.1 2> /dev/null | sed "s/.$(printf "\b")//g" > "$tmp/manzh.txt"
	missing=""
	for c in build check import new serve keys help version; do
		grep -q "^   gongkai $c\$" "$tmp/manzh.txt" || missing="$missing $c"
	done
	for s in 名称 概述 描述 环境 文件 退出状态 示例 诊断信息 参见; do
		grep -q "^$s\$" "$tmp/manzh.txt" || missing="$missing $s"
	done
	[ -z "$missing" ] && pass "the Chinese man page covers every command and section" ||
		flunk "the Chinese man page covers every command and section" "missing:$missing"
	if [ -x ./gongkai ]; then
		missing=""
		for c in build check import new serve; do
			for o in $(./gongkai $c --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
				grep -q -- "$o" "$tmp/manzh.txt" || missing="$missing $c$o"
			done
		done
		[ -z "$missing" ] && pass "the Chinese man page has every option of --help" ||
			flunk "the Chinese man page has every option of --help" "missing:$missing"
	fi
fi

# --- make install PREFIX=… in a copy ---------------------------------------------------
mkdir -p "$tmp/src"
cp -R Makefile mk generator themes tools po "$tmp/src/"
[ -f Makefile.local ] && cp Makefile.local "$tmp/src/"
prefix=$tmp/prefix
if (cd "$tmp/src" && make -j2 install PREFIX="$prefix") > "$tmp/make.log" 2>&1; then
	pass "make install PREFIX=… succeeds"
else
	flunk "make install PREFIX=… succeeds" "$(tail -5 "$tmp/make.log")"
fi
for f in bin/gongkai share/man/man1/gongkai.1 share/man/zh_CN/man1/gongkai.1 share/gongkai/themes/default/templates/page.html \
    share/gongkai/themes/default/assets/style.css share/gongkai/themes/default/archetypes/meetings.md; do
	[ -f "$prefix/$f" ] || flunk "installed $f" "missing"
done
[ -x "$prefix/bin/gongkai" ] && pass "binary, man page and default theme installed" || flunk "binary installed" "not executable"
grep -q -a "$prefix/share/gongkai" "$prefix/bin/gongkai" && pass "the binary knows PREFIX/share/gongkai" ||
	flunk "the binary knows PREFIX/share/gongkai" "GONGKAI_DATADIR was not compiled in"

# The installed binary, run from a folder without themes/, finds the installed theme.
mkdir -p "$tmp/county"
cp -R content "$tmp/county/content"
(cd "$tmp/county" && "$prefix/bin/gongkai" build -q -o out) > "$tmp/build.out" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ -f "$tmp/county/out/index.html" ] && [ -f "$tmp/county/out/assets/style.css" ]; then
	pass "the installed binary builds the demo content from another folder"
else
	flunk "the installed binary builds the demo content from another folder" "rc=$rc $(head -5 "$tmp/build.out")"
fi
(cd "$tmp/county" && "$prefix/bin/gongkai" new work --site agu "安装后新建" --date 2025-05-05) > "$tmp/new.out" 2> "$tmp/new.err"
if [ $? -eq 0 ] && grep -q "from $prefix/share/gongkai/themes/default/archetypes/work.md" "$tmp/new.err"; then
	pass "the installed binary's new uses the installed archetypes"
else
	flunk "the installed binary's new uses the installed archetypes" "$(cat "$tmp/new.err")"
fi
if man -l "$prefix/share/man/man1/gongkai.1" > /dev/null 2>&1 || mandoc "$prefix/share/man/man1/gongkai.1" > /dev/null 2>&1; then
	pass "the installed man page renders"
else
	flunk "the installed man page renders" "man -l failed"
fi

# man -L zh_CN finds the Chinese page under MANPATH (man-db adds the language's
# folder to MANPATH entries, not to -M); without man-db, mandoc renders the file.
zh="$prefix/share/man/zh_CN/man1/gongkai.1"
if command -v man > /dev/null && man --version 2> /dev/null | grep -q '^man 2'; then
	found=$(MANPATH="$prefix/share/man" man -L zh_CN -w gongkai 2> /dev/null)
	[ "$found" = "$zh" ] && pass "man -L zh_CN finds the installed Chinese page" ||
		flunk "man -L zh_CN finds the installed Chinese page" "found '$found'"
	MANPATH="$prefix/share/man" MANPAGER=cat MANWIDTH=80 man -L zh_CN gongkai 2> /dev/null |
		sed "s/.$(printf "\b")//g" > "$tmp/man-zh.out"
	MANPATH="$prefix/share/man" MANPAGER=cat MANWIDTH=80 man -L C gongkai 2> /dev/null |
		sed "s/.$(printf "\b")//g" > "$tmp/man-en.out"
else
	mandoc -T utf8 "$zh" 2> /dev/null | sed "s/.$(printf "\b")//g" > "$tmp/man-zh.out"
	mandoc -T utf8 "$prefix/share/man/man1/gongkai.1" 2> /dev/null | sed "s/.$(printf "\b")//g" > "$tmp/man-en.out"
fi
if grep -q '^退出状态' "$tmp/man-zh.out" && grep -q '内容文件夹' "$tmp/man-zh.out" && grep -q '^EXIT STATUS' "$tmp/man-en.out"; then
	pass "the installed Chinese page shows in Chinese, the English one in English"
else
	flunk "the installed Chinese page shows in Chinese, the English one in English" "$(head -3 "$tmp/man-zh.out")"
fi

# Moved as a whole, it finds the theme beside the binary.
mv "$prefix" "$tmp/moved"
rm -rf "$tmp/county/out"
(cd "$tmp/county" && "$tmp/moved/bin/gongkai" build -q -o out) > "$tmp/build2.out" 2>&1
rc=$?
[ $rc -eq 0 ] && [ -f "$tmp/county/out/index.html" ] && pass "a moved install finds its theme beside the binary" ||
	flunk "a moved install finds its theme beside the binary" "rc=$rc $(head -3 "$tmp/build2.out")"

# make uninstall removes what install put there.
mv "$tmp/moved" "$prefix"
(cd "$tmp/src" && make uninstall PREFIX="$prefix") > "$tmp/un.log" 2>&1
if [ ! -e "$prefix/bin/gongkai" ] && [ ! -e "$prefix/share/man/man1/gongkai.1" ] &&
    [ ! -e "$prefix/share/man/zh_CN/man1/gongkai.1" ] && [ ! -e "$prefix/share/gongkai" ]; then
	pass "make uninstall"
else
	flunk "make uninstall" "$(find "$prefix" -type f | head -3)"
fi

[ "$fail" -eq 0 ]
