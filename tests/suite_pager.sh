#!/bin/sh
# suite_pager.sh: long lists are paged with a window, not every page number
# (issue 7: listing all 5,000 pages on each page of a 100,000-record list was
# quadratic work and 250 KB pages). 60 work records at 5 a page make 12 pages;
# each pager must show the first and last page, two either side of the
# current one, "…" for the pages left out, and links that exist.
#
#   sh tests/suite_pager.sh       (from anywhere; run by tests/run.sh)
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
: "${GONGKAI:=./gongkai}"
dir=tests/out/pager
fail=0

pass() { echo "PASS: pager $1"; }
failed() { echo "FAIL: pager $1"; fail=1; }

rm -rf "$dir"
mkdir -p "$dir/content/sites/cun/work"
cat >"$dir/content/site.yaml" <<'YAML'
title: 分页测试
paginate: 5
YAML
cat >"$dir/content/sites/cun/index.md" <<'MD'
---
name: 分页村
level: 村
type: 资源型
---

用来测试分页的村。
MD
i=1
while [ $i -le 60 ]; do
	d=$(printf '2024-%02d-%02d' $(( (i - 1) / 28 + 1 )) $(( (i - 1) % 28 + 1 )))
	printf -- '---\ntitle: 第%d次工作记录\ndate: %s\n---\n\n工作内容%d。\n' $i "$d" $i \
	    >"$dir/content/sites/cun/work/$d-w$i.md"
	i=$((i + 1))
done
if ! "$GONGKAI" build -q -C "$dir/content" -o "$dir/out" 2>"$dir/err"; then
	failed "the build failed: $(head -3 "$dir/err")"
	exit 1
fi

# The pager of a page as a line of words: numbers, [current], and … for a gap.
pager() {
	python3 - "$1" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
nav = re.search(r'<nav class="pager".*?</nav>', s, re.S).group(0)
out = []
for m in re.finditer(r'<a href="[^"]*">(\d+)</a>|<span class="current"[^>]*>(\d+)</span>|<span class="gap"[^>]*>…</span>', nav):
    out.append(m.group(1) or ("[%s]" % m.group(2) if m.group(2) else "…"))
print(" ".join(out))
PY
}

check() {	# page-file expected
	got=$(pager "$dir/out/$1")
	if [ "$got" = "$2" ]; then
		pass "$1: $2"
	else
		failed "$1: got '$got', want '$2'"
	fi
}
check work/index.html "[1] 2 3 … 12"
check work/page/3/index.html "1 2 [3] 4 5 … 12"
check work/page/6/index.html "1 … 4 5 [6] 7 8 … 12"
check work/page/10/index.html "1 … 8 9 [10] 11 12"
check work/page/12/index.html "1 … 10 11 [12]"
check sites/cun/work/page/6/index.html "1 … 4 5 [6] 7 8 … 12"

# every pager link, previous and next included, leads to a page that exists
missing=$(cd "$dir/out" && for f in work/index.html work/page/*/index.html; do
	grep -o '<nav class="pager".*' "$f" >/dev/null || continue
	python3 -c '
import os, re, sys
f = sys.argv[1]
s = open(f, encoding="utf-8").read()
nav = re.search(r"<nav class=\"pager\".*?</nav>", s, re.S).group(0)
for h in re.findall(r"href=\"([^\"]+)\"", nav):
    p = os.path.normpath(os.path.join(os.path.dirname(f), h))
    if not os.path.isfile(p):
        print(f, h)' "$f"
done)
if [ -z "$missing" ]; then
	pass "every pager link leads to a page"
else
	failed "pager links to missing pages: $missing"
fi
[ $fail -eq 0 ] && [ -z "$KEEP" ] && rm -rf "$dir"
exit $fail
