#!/bin/sh
# suite_life.sh: the life of a disclosure (issue 18) in the built site, from tests/life/content:
#   - review (审核) and corrections (更正说明, before the body) on the page and the print sheet;
#   - objections shown without names, the unanswered one overdue (逾期未答复), on the dashboard;
#   - a withdrawn record: its marker strings (WITHDRAWN-*) are in no file of output/ but its
#     own notice, which keeps the title, date and reason; it is in no sitemap, feed or index;
#   - expiry: built with --as-of before notice.to + notice_retention_days the names are
#     published; rebuilt into the same folder after it, no file of output/ nor of the build
#     cache (.gongkai-cache/) holds a name, and the page states the count and
#     依法不再公开个人信息.
# GONGKAI names the binary (default ./gongkai). Prints PASS: life ... / FAIL: life ...: why.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
top=$(pwd)
: "${GONGKAI:=./gongkai}"
case $GONGKAI in /*) ;; *) GONGKAI=$top/$GONGKAI ;; esac
if [ ! -x "$GONGKAI" ]; then
	echo "FAIL: life: $GONGKAI is not an executable; run make gongkai, or set GONGKAI"
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-life.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
pass() { echo "PASS: life $1"; }
failed() { echo "FAIL: life $1: $2"; fail=$((fail + 1)); }
check() {	# check NAME FILE PATTERN: FILE holds the fixed string PATTERN
	if grep -qF -- "$3" "$2" 2>/dev/null; then pass "$1"; else failed "$1" "'$3' not in $2"; fi
}
check_not() {
	if grep -qF -- "$3" "$2" 2>/dev/null; then failed "$1" "'$3' found in $2"; else pass "$1"; fi
}
content=tests/life/content
out=$tmp/site/output
cache=$tmp/site/.gongkai-cache
d=$out/sites/a/disclosures

# ---- before the names expire (notice.to 2025-04-16 + 30 days: gone from 2025-05-17) ----
"$GONGKAI" build -C "$content" -t themes/default -o "$out" --as-of 2025-04-30 2> "$tmp/err1"
rc=$?
[ "$rc" = 0 ] && pass "builds (as of 2025-04-30)" || failed "builds (as of 2025-04-30)" "exit $rc: $(cat "$tmp/err1")"
caiwu=$d/2025-04-08-caiwu-q1/index.html
check "review body on the page" "$caiwu" "<dd>民主理财小组</dd>"
check "reviewers on the page" "$caiwu" "审核人甲、审核人乙"
check "review opinion on the page" "$caiwu" "账目属实，同意公开"
check "更正说明 on the page" "$caiwu" "<h2 id=\"h-corr\">更正说明</h2>"
# the correction comes before the table and the body: read it first
first=$(sed -n '/<main/,$p' "$caiwu" | grep -e 'h-corr' -e 'h-finance' -e 'BODY-CAIWU-Q1' | head -1)
case $first in *h-corr*) pass "更正说明 above the table and body" ;; *) failed "更正说明 above the table and body" "first: $first" ;; esac
sheet=$out/sites/a/print/2025-q1/index.html
check "更正说明 on the print sheet" "$sheet" "更正说明"
check "review opinion on the print sheet" "$sheet" "民主理财小组</span>审核意见：<span>账目属实，同意公开</span>"
check "signature lines with the reviewers' names" "$sheet" '<span class="sign"><span>审核人甲</span><span class="sign-space" aria-hidden="true"></span></span>'
check "落款: the publisher (the site, no author)" "$sheet" '<p class="sheet-org">甲村</p>'
check "落款: the date" "$sheet" '<p class="sheet-date">2025年4月8日</p>'
check "space for the seal" "$sheet" '（盖章）'
q2=$out/sites/a/print/2025-q2/index.html
check "公示期 as dates on the sheet" "$q2" "公示期：<span>2025年4月10日</span>至<span>2025年4月16日</span>"
check_not "no build-time status on the sheet" "$q2" "公示已结束"
check "名单见下表 with the table" "$q2" "<p>名单见下表。</p>"
dibao=$d/2025-04-10-dibao/index.html
check "objection summary shown" "$dibao" "认为某户收入超标"
check "objection outcome shown" "$dibao" "经入户核实收入未超标，维持原名单"
check "unanswered objection overdue" "$dibao" "逾期未答复"
check "dashboard lists the overdue objection" "$out/dashboard/index.html" "异议逾期未答复（2025-04-14 收到，答复期限 2025-04-21）"
check "names published within retention" "$dibao" "EXPIRED-NAME-ONE"
check "names on the print sheet within retention" "$out/sites/a/print/2025-q2/index.html" "EXPIRED-NAME-TWO"
grep -q "warning: the objection received 2025-04-14 has no reply" "$tmp/err1" && pass "objection-overdue warned" || failed "objection-overdue warned" "$(cat "$tmp/err1")"

# the 公示 sheet with its table, signature lines and 落款 is still one A4 page
if command -v chromium > /dev/null && command -v pdfinfo > /dev/null; then
	chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --no-pdf-header-footer --user-data-dir="$tmp/chrome" \
	    --print-to-pdf="$tmp/q2.pdf" "file://$(cd "$(dirname "$q2")" && pwd)/index.html" > /dev/null 2>&1
	n=$(pdfinfo "$tmp/q2.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	[ "$n" = 1 ] && pass "the 公示 sheet prints on one A4 page" || failed "the 公示 sheet prints on one A4 page" "'$n' pages"
else
	failed "the 公示 sheet prints on one A4 page" "chromium or pdfinfo missing (tools/deps/promo.test)"
fi

# ---- withdrawn ----
notice=$d/2025-04-12-wrong/index.html
check "withdrawn: notice at its URL" "$notice" "本条公开信息已撤回"
check "withdrawn: notice gives the reason" "$notice" "误将其他村的内容发布于此"
check "withdrawn: notice gives the date" "$notice" "2025年4月13日"
left=$(grep -rlF -e WITHDRAWN-BODY -e WITHDRAWN-SUMMARY "$out" "$cache" 2>/dev/null)
[ -z "$left" ] && pass "withdrawn: body and summary in no file" || failed "withdrawn: body and summary in no file" "$left"
left=$(grep -rlF WITHDRAWN-TITLE "$out" | grep -v "^$notice\$")
[ -z "$left" ] && pass "withdrawn: title only on its notice (no list, feed, index, sitemap, print)" ||
	failed "withdrawn: title only on its notice" "$left"
check_not "withdrawn: not in the sitemap" "$out/sitemap.xml" "2025-04-12-wrong"
check "withdrawn: the notice asks not to be indexed" "$notice" '<meta name="robots" content="noindex">'

# ---- what the contract does not allow is said, at its line and column ----
# variant NAME FILE SED: a copy of the content with FILE edited, checked as of 2025-04-30;
# its messages in $tmp/NAME.err, the exit status in $vrc
variant() {
	rm -rf "${tmp:?}/$1" && cp -R "$content" "$tmp/$1" || exit 2
	[ -n "$3" ] && sed -i "$3" "$tmp/$1/$2"
	"$GONGKAI" check -C "$tmp/$1" --as-of 2025-04-30 > /dev/null 2> "$tmp/$1.err"
	vrc=$?
}
said() {	# said NAME STATUS TEXT: the check of variant NAME exits STATUS and prints TEXT
	if [ "$vrc" = "$2" ] && grep -qF -- "$3" "$tmp/$1.err"; then pass "$1"; else
		failed "$1" "exit $vrc, no '$3' in: $(grep -E 'error|warning' "$tmp/$1.err" | head -3)"
	fi
}
w=sites/a/disclosures/2025-04-12-wrong.md
variant "withdrawn dated after as_of: an error" $w 's/withdrawn: {date: 2025-04-13/withdrawn: {date: 2025-05-01/'
said "withdrawn dated after as_of: an error" 1 "$tmp/withdrawn dated after as_of: an error/$w:8:19: error: the withdrawal is dated 2025-05-01, after as_of 2025-04-30"
variant "withdrawn on as_of: no finding" $w 's/withdrawn: {date: 2025-04-13/withdrawn: {date: 2025-04-30/'
said "withdrawn on as_of: no finding" 0 "0 errors"
variant "withdrawn reason '': an error" $w "s/reason: 误将其他村的内容发布于此/reason: ''/"
said "withdrawn reason '': an error" 1 "$w:8:39: error: 'reason' (原因) is empty; fill it in"
variant "withdrawn reason of ideographic spaces: an error" $w "s/reason: 误将其他村的内容发布于此/reason: '　　'/"
said "withdrawn reason of ideographic spaces: an error" 1 "error: 'reason' (原因) is empty; fill it in"
c=sites/a/disclosures/2025-04-08-caiwu-q1.md
variant "review by []: a warning" $c 's/by: \[审核人甲, 审核人乙\]/by: []/'
said "review by []: a warning" 0 "$c:6:28: warning: the review names no one in by (审核人)"
variant "footer.mark_url javascript: an error" site.yaml '$a footer: {mark: static/dzjg.png, mark_url: "javascript:alert(1)"}'
said "footer.mark_url javascript: an error" 1 "site.yaml:12:43: error: footer.mark_url 'javascript:alert(1)' is not an address a page may link"
variant "footer.mark_url https: no finding" site.yaml '$a footer: {mark: static/dzjg.png, mark_url: "https://bszs.conac.cn/x"}'
said "footer.mark_url https: no finding" 0 "0 errors"
m=sites/a/matters/2025-03-01-lu.md
variant "matter dated apart from its file name: an error" site.yaml ""
mkdir -p "$tmp/matter dated apart from its file name: an error/sites/a/matters"
printf -- '---\ntitle: 修路\ndate: 2025-03-05\n---\n修路。\n' > "$tmp/matter dated apart from its file name: an error/$m"
"$GONGKAI" check -C "$tmp/matter dated apart from its file name: an error" --as-of 2025-04-30 > /dev/null 2> "$tmp/matter dated apart from its file name: an error.err"
vrc=$?
said "matter dated apart from its file name: an error" 1 "$m:3:7: error: date 2025-03-05 differs from the date in the file name (2025-03-01)"

# ---- disclosures.sha256: every published disclosure's source, by its address ----
sums=$out/disclosures.sha256
bad=$(grep -v '^#' "$sums" | while read -r h url; do
	rel=${url#https://example.gov.cn/}
	f=$content/${rel%/}.md
	[ "$(sha256sum < "$f" | cut -d' ' -f1)" = "$h" ] || echo "$url"
done)
[ -z "$bad" ] && [ -s "$sums" ] && pass "disclosures.sha256 matches sha256sum of each source" ||
	failed "disclosures.sha256 matches sha256sum of each source" "$bad"
n=$(grep -vc '^#' "$sums")
[ "$n" = 2 ] && pass "disclosures.sha256: the two published disclosures, not the withdrawn one" ||
	failed "disclosures.sha256: two lines" "$n lines"
check "the about page links disclosures.sha256" "$out/about/index.html" 'href="../disclosures.sha256"'
# a source that holds a personal number is hashed masked: the raw file's hash would let anyone
# try the 10,000 ways to fill a masked mobile (found by the attacker pass)
rm -rf "$tmp/num" && cp -R "$content" "$tmp/num"
f=$tmp/num/sites/$(ls "$tmp/num/sites" | head -1)/disclosures/2025-04-08-caiwu-q1.md
printf '\n联系电话 13912345678。\n' >> "$f"
"$GONGKAI" build -q -C "$tmp/num" -t themes/default -o "$tmp/num-out" --as-of 2025-04-20 2>/dev/null
raw=$(sha256sum < "$f" | cut -d' ' -f1)
if [ -s "$tmp/num-out/disclosures.sha256" ] && ! grep -q "$raw" "$tmp/num-out/disclosures.sha256" &&
    grep -B1 '2025-04-08-caiwu-q1/' "$tmp/num-out/disclosures.sha256" | grep -q '^# the next source holds personal numbers'; then
	pass "disclosures.sha256: a source with a personal number is hashed masked, and says so"
else
	failed "disclosures.sha256: a source with a personal number" "$(cat "$tmp/num-out/disclosures.sha256" 2>/dev/null | head -5)"
fi

# ---- after the names expire, into the same folder: the cache holds the previous site ----
"$GONGKAI" build -q -C "$content" -t themes/default -o "$out" --as-of 2025-06-01 2> "$tmp/err2"
rc=$?
[ "$rc" = 0 ] && pass "builds (as of 2025-06-01)" || failed "builds (as of 2025-06-01)" "exit $rc: $(cat "$tmp/err2")"
[ -d "$cache" ] && pass "the build cache exists" || failed "the build cache exists" "no $cache"
left=$(grep -rlF -e EXPIRED-NAME-ONE -e EXPIRED-NAME-TWO "$out" "$cache")
[ -z "$left" ] && pass "expired names in no file of output/ nor the cache" ||
	failed "expired names in no file of output/ nor the cache" "$left"
check "expired: the page keeps the count" "$dibao" "本公示名单共 <span>2</span> 人（户）"
check "expired: 依法不再公开个人信息" "$dibao" "依法不再公开个人信息"
check "expired: the print sheet says so" "$out/sites/a/print/2025-q2/index.html" "依法不再公开个人信息"
check_not "expired: no 名单见下表 without the table" "$out/sites/a/print/2025-q2/index.html" "名单见下表"
# the rows file itself is never copied: only what the page shows is published
left=$(find "$out" "$cache" -name '*.csv')
[ -z "$left" ] && pass "no CSV copied" || failed "no CSV copied" "$left"

# ---- history from git: a repository with three commits of one disclosure ----
if command -v git > /dev/null; then
	g=$tmp/repo
	mkdir -p "$g/sites/a/disclosures"
	printf 'title: 历史示例\nbase_url: https://example.gov.cn/\n' > "$g/site.yaml"
	cp "$content/sites/a/index.md" "$g/sites/a/index.md"
	f=$g/sites/a/disclosures/2025-04-08-cunwu.md
	head='---\ntitle: 甲村村务公开\ndate: 2025-04-08\ncategory: 村务公开\nperiod: 2025-Q1\n'
	commit() {	# commit DATE MESSAGE
		(cd "$g" && git add -A && GIT_AUTHOR_DATE="$1T10:00:00+08:00" GIT_COMMITTER_DATE="$1T10:00:00+08:00" \
		    git -c user.name=test -c user.email=test@example.org commit -q -m "$2")
	}
	(cd "$g" && git init -q)
	printf '%b' "$head---\nVERSION-ONE 修路 1200 元。\n" > "$f"
	# a second disclosure, committed first as party-internal, then made public
	fi2=$g/sites/a/disclosures/2025-04-09-dangwu.md
	head2='---\ntitle: 甲村党务公开\ndate: 2025-04-09\ncategory: 党务公开\nperiod: 2025-Q1\n'
	printf '%b' "${head2}公开范围: internal\n---\nINTERNAL-VERSION 党内讨论的内容。\n" > "$fi2"
	commit 2025-04-08 first
	printf '%b' "${head}corrections:\n  - {date: 2025-04-15, reason: 修路费用更正为 1020 元}\n---\nVERSION-TWO 修路 1020 元。\n" > "$f"
	printf '%b' "$head2---\nPUBLIC-VERSION 公开的内容。\n" > "$fi2"
	commit 2025-04-15 "with a correction"
	printf '%b' "${head}corrections:\n  - {date: 2025-04-15, reason: 修路费用更正为 1020 元}\n---\nVERSION-THREE 修路 1000 元。\n" > "$f"
	commit 2025-04-20 "silently"
	ho=$tmp/repo-out
	"$GONGKAI" build -C "$g" -t themes/default -o "$ho" 2> "$tmp/err3"
	n=$(grep -c 'warning: the published text was changed' "$tmp/err3")
	[ "$n" = 1 ] && pass "history: one silent-change warning" || failed "history: one silent-change warning" "$n: $(cat "$tmp/err3")"
	check "history: the silent change is the one of 2025-04-20" "$tmp/err3" "changed on 2025-04-20 (version 3 of 3 in git)"
	hp=$ho/sites/a/disclosures/2025-04-08-cunwu
	check "history: the page lists version 1" "$hp/index.html" "2025-04-08-cunwu/v1/index.html\">查看</a>"
	check "history: the page lists version 2 with its reason" "$hp/index.html" '2025-04-08-cunwu/v2/index.html">查看</a></span><span>：<span>修路费用更正为 1020 元</span>'
	check "history: v1/ holds the first text" "$hp/v1/index.html" "VERSION-ONE"
	check "history: v2/ holds the second text" "$hp/v2/index.html" "VERSION-TWO"
	check "history: v1/ has the banner linking the current page" "$hp/v1/index.html" '<a href="../../../../../sites/a/disclosures/2025-04-08-cunwu/index.html">查看当前版本</a>'
	check "history: the current page holds the last text" "$hp/index.html" "VERSION-THREE"
	[ ! -e "$hp/v3" ] && pass "history: no v3/ (the current version)" || failed "history: no v3/" "made"
	check "history: feed updated from the last revision" "$ho/feed.xml" "<updated>2025-04-20T00:00:00+08:00</updated>"
	check "history: sitemap lastmod from the last revision" "$ho/sitemap.xml" "<lastmod>2025-04-20</lastmod>"
	[ ! -e "$ho/sites/a/disclosures/2025-04-09-dangwu/v1" ] && pass "history: no v<N>/ page of an internal version" ||
	    failed "history: no v<N>/ page of an internal version" "made"
	left=$(grep -rlF INTERNAL-VERSION "$ho")
	[ -z "$left" ] && pass "history: an internal version's text is nowhere in output/" ||
	    failed "history: an internal version's text is nowhere in output/" "$left"
	# libgit2 starts only where a repository can be (history.c): a linked work
	# tree has a .git file, not a folder, and a bare repository only its HEAD
	(cd "$g" && git worktree add -q "$tmp/linked" 2> /dev/null)
	"$GONGKAI" build -q -C "$tmp/linked" -t themes/default -o "$tmp/linked-out" 2> /dev/null
	check "history: a linked work tree (.git file) has v1/" \
	    "$tmp/linked-out/sites/a/disclosures/2025-04-08-cunwu/v1/index.html" "VERSION-ONE"
	git clone -q --bare "$g" "$tmp/bare.git" 2> /dev/null
	cp "$g/site.yaml" "$tmp/bare.git/site.yaml"
	cp -r "$g/sites" "$tmp/bare.git/sites"
	"$GONGKAI" build -q -C "$tmp/bare.git" -t themes/default -o "$tmp/bare-out" 2> /dev/null
	check "history: a bare repository's folder has v1/" \
	    "$tmp/bare-out/sites/a/disclosures/2025-04-08-cunwu/v1/index.html" "VERSION-ONE"
	"$GONGKAI" build -v -C "$content" -t themes/default -o "$tmp/nogit" 2> "$tmp/err4" > /dev/null
	n=$(grep -c 'not the top of a git repository' "$tmp/err4")
	[ "$n" = 1 ] && pass "no git: said once with -v" || failed "no git: said once with -v" "$n times"
else
	failed "history" "git is missing (to make the test repository)"
fi

if [ "$fail" -gt 0 ]; then
	echo "life: $fail failed"
	exit 1
fi
