#!/bin/sh
# The README's key list is what the program knows (./gongkai keys), every
# command answers --help with exit 0, and misuse exits 2.
cd "$(dirname "$0")/.." || exit 2
export LANGUAGE=en
mkdir -p tests/out
sed -n '/<!-- keys:start/,/<!-- keys:end -->/p' README.md | sed '1d;$d' > tests/out/readme-keys.md
./gongkai keys > tests/out/program-keys.md
if diff -u tests/out/program-keys.md tests/out/readme-keys.md > tests/out/keys.diff; then
	echo "PASS: docs: README key list matches ./gongkai keys"
else
	echo "FAIL: docs: README key list differs from ./gongkai keys (see tests/out/keys.diff; regenerate the block)"
fi
for cmd in $(./gongkai --help | awk '/^commands:/ {on=1; next} on && NF {print $1} on && !NF {exit}'); do
	if ./gongkai "$cmd" --help > tests/out/help.txt 2>&1 && grep -qi usage tests/out/help.txt; then
		echo "PASS: docs: gongkai $cmd --help"
	else
		echo "FAIL: docs: gongkai $cmd --help does not print usage with exit 0"
	fi
	if grep -q "gongkai $cmd" README.md; then
		echo "PASS: docs: README mentions gongkai $cmd"
	else
		echo "FAIL: docs: README does not mention gongkai $cmd"
	fi
done
./gongkai build --no-such-option > /dev/null 2>&1
[ $? -eq 2 ] && echo "PASS: docs: unknown option exits 2" || echo "FAIL: docs: unknown option does not exit 2"
./gongkai no-such-command > /dev/null 2>&1
[ $? -eq 2 ] && echo "PASS: docs: unknown command exits 2" || echo "FAIL: docs: unknown command does not exit 2"
./gongkai --version | grep -q '^gongkai [0-9]' && echo "PASS: docs: --version" || echo "FAIL: docs: --version"
# The Chinese man page documents the same options as the English one: every -x
# and --long option either page shows, rendered, is in the other.
if command -v mandoc > /dev/null; then
	manopts() {
		mandoc -T utf8 "$1" 2> /dev/null | sed "s/.$(printf '\b')//g" |
			grep -o -E -- '(^|[^A-Za-z0-9_./-])--?[A-Za-z][A-Za-z-]*' |
			sed 's/^[^-]*//' | sort -u
	}
	manopts generator/gongkai.1 > tests/out/man-options-en.txt
	manopts generator/gongkai.zh_CN.1 > tests/out/man-options-zh.txt
	if [ -s tests/out/man-options-en.txt ] &&
	    diff -u tests/out/man-options-en.txt tests/out/man-options-zh.txt > tests/out/man-options.diff; then
		echo "PASS: docs: gongkai.zh_CN.1 documents the options of gongkai.1 ($(wc -l < tests/out/man-options-en.txt))"
	else
		echo "FAIL: docs: gongkai.zh_CN.1 and gongkai.1 document different options (see tests/out/man-options.diff)"
	fi
else
	echo "FAIL: docs: mandoc is not installed (tools/deps/authoring.test)"
fi
