#!/bin/sh
# Search: the node tests of the query core against an index built by the C
# writer (tests/search/mkindex.c), and the demo site's search page and index.
cd "$(dirname "$0")/.." || exit 2
export LANGUAGE=en
if ! command -v node >/dev/null 2>&1; then
	echo "FAIL: search: node is not installed (tools/deps/search.test lists nodejs)"
	exit 1
fi
F="-std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g"
mkdir -p tests/out
if cc $F -Igenerator -o tests/out/search-mkindex tests/search/mkindex.c generator/search.c generator/util.c -lunistring; then
	echo "PASS: search: mkindex builds"
else
	echo "FAIL: search: mkindex does not build"
	exit 1
fi
# The demo build has a search page and an index without raw personal numbers
# or the internal record's marker.
out=tests/out/search-demo
rm -rf "$out"
if ./gongkai build -q -C content -o "$out" && [ -f "$out/search/index.html" ] && [ -f "$out/search/meta.js" ]; then
	echo "PASS: search: demo build writes search/index.html and search/meta.js"
else
	echo "FAIL: search: demo build has no search index"
fi
# node's test runner prints TAP: turn its "ok"/"not ok" lines into PASS/FAIL.
DEMO=tests/out/search-demo MKINDEX=tests/out/search-mkindex node --test --test-reporter=tap tests/search/ 2>&1 |
	awk '/^ *ok [0-9]+ - / && !/# SKIP/ { sub(/^ *ok [0-9]+ - /, ""); print "PASS: search node: " $0 }
	     /^ *not ok [0-9]+ - / { sub(/^ *not ok [0-9]+ - /, ""); print "FAIL: search node: " $0 }'
if grep -rq "内部测试标记QX7" "$out/search"; then
	echo "FAIL: search: internal record text is in the index"
else
	echo "PASS: search: internal record text is not in the index"
fi
if grep -rqE '(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)' "$out/search"; then
	echo "FAIL: search: a raw mobile number is in the index"
else
	echo "PASS: search: no raw mobile number in the index"
fi
size=$(perl -0pe "s{/\*.*?\*/}{}gs" themes/default/assets/search.js | sed -e "s://.*\$::" | tr -s ' \t\n' ' ' | wc -c)
if [ "$size" -le 15360 ]; then
	echo "PASS: search: search.js is $size bytes without comments and spacing (limit 15 KB)"
else
	echo "FAIL: search: search.js is $size bytes without comments and spacing (limit 15 KB)"
fi
