#!/bin/sh
# suite_feeds.sh: Atom feeds, sitemap.xml, robots.txt and the head tags
# (issue 6), on the golden site tests/feeds/content and on the demo content.
#
#   GONGKAI=./gongkai sh tests/suite_feeds.sh
#
# Needs xmllint (libxml2-utils, tools/deps/feeds.test). Prints PASS: feeds NAME
# or FAIL: feeds NAME: why. XPath checks name elements by local-name() and
# namespace-uri(), as xmllint 2.9 has no way to bind a prefix on the command line.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
: "${GONGKAI:=./gongkai}"
if ! command -v xmllint >/dev/null 2>&1; then
	echo "FAIL: feeds: xmllint not found; install libxml2-utils (make test-deps)"
	exit 1
fi
if [ ! -x "$GONGKAI" ]; then
	echo "FAIL: feeds: $GONGKAI is not an executable; build it, or set GONGKAI"
	exit 1
fi
ATOM=http://www.w3.org/2005/Atom
SM=http://www.sitemaps.org/schemas/sitemap/0.9
BASE=https://feeds.example.gov.cn/
src=tests/feeds/content
out=tests/out/feeds
rm -rf "$out" && mkdir -p "$out"
pass=0
fail=0

ok() { echo "PASS: feeds $1"; pass=$((pass + 1)); }
no() { echo "FAIL: feeds $1: $2"; fail=$((fail + 1)); }
# check NAME WHY COMMAND...: PASS when the command succeeds.
check() {
	n=$1 w=$2
	shift 2
	if "$@" >/dev/null 2>&1; then ok "$n"; else no "$n" "$w"; fi
}
# a NAME: an element of the Atom namespace; s NAME: of the sitemap one.
a() { echo "*[local-name()='$1' and namespace-uri()='$ATOM']"; }
s() { echo "*[local-name()='$1' and namespace-uri()='$SM']"; }
# xp FILE EXPR: the string value of an XPath expression.
xp() { xmllint --xpath "$2" "$1" 2>/dev/null; }
# is NAME FILE EXPR WANT
is() {
	got=$(xp "$2" "$3")
	if [ "$got" = "$4" ]; then ok "$1"; else no "$1" "$3 is '$got', want '$4'"; fi
}
# The .html pages of a built site as URLs relative to its root, 404.html left out.
html_pages() {
	# a withdrawal notice (noindex) is no page of the site's content (life_pages.c)
	(cd "$1" && find . -name '*.html' ! -path ./404.html -exec grep -L 'name="robots" content="noindex"' {} +) | sed 's|^\./||; s|index\.html$||' | sort
}
sitemap_locs() {
	xmllint --xpath "/$(s urlset)/$(s url)/$(s loc)/text()" "$1/sitemap.xml" 2>/dev/null |
	    sed "s|^$2||" | sort
}

# ---- the golden site ----
"$GONGKAI" build -q -C "$src" -o "$out/site" 2> "$out/site.stderr"
rc=$?
check "golden build succeeds" "exit $rc: $(head -c 300 "$out/site.stderr")" test $rc -eq 0
o=$out/site
for f in feed.xml sites/alpha/feed.xml sites/beta/feed.xml disclosures/feed.xml sitemap.xml; do
	check "$f is well-formed" "xmllint --noout failed" xmllint --noout "$o/$f"
done
F=$o/feed.xml
is "feed root is an Atom feed" "$F" "count(/$(a feed))" 1
is "feed id" "$F" "string(/$(a feed)/$(a id))" "${BASE}feed.xml"
is "feed title" "$F" "string(/$(a feed)/$(a title))" "订阅测试县党建示范点公开网"
is "feed self link" "$F" "string(/$(a feed)/$(a link)[@rel='self']/@href)" "${BASE}feed.xml"
is "feed alternate link" "$F" "string(/$(a feed)/$(a link)[@rel='alternate']/@href)" "$BASE"
is "feed updated is the newest entry" "$F" "string(/$(a feed)/$(a updated))" "2025-04-15T00:00:00+08:00"
is "feed author" "$F" "string(/$(a feed)/$(a author)/$(a name))" "订阅测试县党建示范点公开网"
is "feed has the 4 public records" "$F" "count(/$(a feed)/$(a entry))" 4
is "entries newest first" "$F" "string(/$(a feed)/$(a entry)[1]/$(a id))" \
    "${BASE}sites/alpha/work/2025-04-15-zoufang/"
for el in id title updated summary; do
	is "every entry has $el" "$F" "count(/$(a feed)/$(a entry)[$(a $el)])" 4
done
is "every entry has an author name" "$F" "count(/$(a feed)/$(a entry)/$(a author)/$(a name))" 4
is "every entry has a kind category" "$F" "count(/$(a feed)/$(a entry)/$(a category)[@scheme])" 4
is "entry link is absolute and pretty" "$F" \
    "string(/$(a feed)/$(a entry)[$(a id)='${BASE}sites/alpha/work/2025-03-01-peixun/']/$(a link)[@rel='alternate']/@href)" \
    "${BASE}sites/alpha/work/2025-03-01-peixun/"
is "entry updated is the record date at +08:00" "$F" \
    "string(/$(a feed)/$(a entry)[$(a id)='${BASE}sites/beta/work/2025-02-10-huiyi/']/$(a updated))" \
    "2025-02-10T00:00:00+08:00"
is "author is 发布单位" "$F" \
    "string(/$(a feed)/$(a entry)[$(a id)='${BASE}sites/beta/work/2025-02-10-huiyi/']/$(a author)/$(a name))" "乙村村民委员会"
is "author falls back to the site name" "$F" \
    "string(/$(a feed)/$(a entry)[$(a id)='${BASE}sites/alpha/work/2025-04-15-zoufang/']/$(a author)/$(a name))" "甲村"
is "category term is the kind" "$F" \
    "string(/$(a feed)/$(a entry)[$(a id)='${BASE}sites/alpha/work/2025-04-15-zoufang/']/$(a category)/@term)" "work"
is "title with & survives" "$F" \
    "string(/$(a feed)/$(a entry)[$(a id)='${BASE}sites/alpha/work/2025-03-01-peixun/']/$(a title))" "甲村党员集中培训 & 学习"
check "no index.html in feed links" "found index.html" sh -c "! grep -q 'index\.html' '$F'"
is "site feed alpha: its 3 records" "$o/sites/alpha/feed.xml" "count(/$(a feed)/$(a entry))" 3
is "site feed alpha: id" "$o/sites/alpha/feed.xml" "string(/$(a feed)/$(a id))" "${BASE}sites/alpha/feed.xml"
is "site feed alpha: alternate is the site page" "$o/sites/alpha/feed.xml" \
    "string(/$(a feed)/$(a link)[@rel='alternate']/@href)" "${BASE}sites/alpha/"
is "site feed beta: its 1 record" "$o/sites/beta/feed.xml" "count(/$(a feed)/$(a entry))" 1
is "site feed beta: updated" "$o/sites/beta/feed.xml" "string(/$(a feed)/$(a updated))" "2025-02-10T00:00:00+08:00"
D=$o/disclosures/feed.xml
is "disclosures feed: only disclosures" "$D" "count(/$(a feed)/$(a entry))" 1
is "disclosures feed: kind" "$D" "string(/$(a feed)/$(a entry)/$(a category)[1]/@term)" "disclosures"
is "disclosures feed: 公开类别 as a category" "$D" "string(/$(a feed)/$(a entry)/$(a category)[2]/@term)" "村务公开"

# internal and draft records appear nowhere
check "internal marker absent from the whole output" "FEEDS-INTERNAL-MARKER found" \
    sh -c "! grep -rq FEEDS-INTERNAL-MARKER '$o'"
check "draft marker absent from the whole output" "FEEDS-DRAFT-MARKER found" \
    sh -c "! grep -rq FEEDS-DRAFT-MARKER '$o'"
check "internal record not in the sitemap" "neibu found" sh -c "! grep -q neibu '$o/sitemap.xml'"

# personal numbers are masked in feeds too (output.c masks every file)
check "feed shows the body's mobile masked" "138****5678 missing" grep -qF '138****5678' "$F"
check "feed shows the summary's mobile masked" "139****5678 missing" grep -qF '139****5678' "$D"
check "no full mobile number in any feed" "found 13812345678 or 13912345678" \
    sh -c "! grep -rqE '13812345678|13912345678' '$o'"

# sitemap
M=$o/sitemap.xml
is "sitemap is a urlset" "$M" "count(/$(s urlset))" 1
html_pages "$o" > "$out/site.pages"
sitemap_locs "$o" "$BASE" > "$out/site.locs"
is "sitemap has one URL per HTML page" "$M" "count(/$(s urlset)/$(s url))" "$(wc -l < "$out/site.pages" | tr -d ' ')"
if cmp -s "$out/site.pages" "$out/site.locs"; then ok "sitemap lists exactly the HTML pages"; else
	no "sitemap lists exactly the HTML pages" "$(diff "$out/site.pages" "$out/site.locs" | grep '^[<>]' | head -5 | tr '\n' ' ')"
fi
is "every url has a loc" "$M" "count(/$(s urlset)/$(s url)[not($(s loc))])" 0
is "home lastmod is the newest record" "$M" "string(/$(s urlset)/$(s url)[$(s loc)='$BASE']/$(s lastmod))" "2025-04-15"
is "record lastmod is its date" "$M" \
    "string(/$(s urlset)/$(s url)[$(s loc)='${BASE}sites/beta/work/2025-02-10-huiyi/']/$(s lastmod))" "2025-02-10"
is "list lastmod is its newest item" "$M" \
    "string(/$(s urlset)/$(s url)[$(s loc)='${BASE}sites/alpha/work/']/$(s lastmod))" "2025-04-15"
is "pagination pages are listed" "$M" "count(/$(s urlset)/$(s url)[$(s loc)='${BASE}work/page/2/'])" 1
is "free page lastmod is its date" "$M" "string(/$(s urlset)/$(s url)[$(s loc)='${BASE}about/']/$(s lastmod))" "2025-01-02"
check "no 404.html or index.html in the sitemap" "found" sh -c "! grep -qE '404\.html|index\.html' '$M'"
printf 'User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n' "$BASE" > "$out/robots.want"
check "robots.txt points to the sitemap" "$(cat "$o/robots.txt" 2>&1 | head -3 | tr '\n' ' ')" cmp -s "$out/robots.want" "$o/robots.txt"

# head tags (canonical, description, Open Graph) and the feed link
R=$o/sites/alpha/work/2025-03-01-peixun/index.html
hx() { xmllint --html --xpath "$2" "$1" 2>/dev/null; }
his() {
	got=$(hx "$2" "$3")
	if [ "$got" = "$4" ]; then ok "$1"; else no "$1" "$3 is '$got', want '$4'"; fi
}
his "record canonical" "$R" "string(//link[@rel='canonical']/@href)" "${BASE}sites/alpha/work/2025-03-01-peixun/"
his "record description is its summary" "$R" "string(//meta[@name='description']/@content)" "村党支部组织全体党员集中学习，共20名党员参加。"
his "og:title" "$R" "string(//meta[@property='og:title']/@content)" "甲村党员集中培训 & 学习"
his "og:description" "$R" "string(//meta[@property='og:description']/@content)" "村党支部组织全体党员集中学习，共20名党员参加。"
his "og:url is the canonical URL" "$R" "string(//meta[@property='og:url']/@content)" "${BASE}sites/alpha/work/2025-03-01-peixun/"
his "og:type of a record" "$R" "string(//meta[@property='og:type']/@content)" "article"
his "og:type of home" "$o/index.html" "string(//meta[@property='og:type']/@content)" "website"
his "home canonical" "$o/index.html" "string(//link[@rel='canonical']/@href)" "$BASE"
his "home description is the site's" "$o/index.html" "string(//meta[@name='description']/@content)" "订阅与网站地图测试用的小型站点。"
his "feed link in head" "$R" "string(//link[@rel='alternate' and @type='application/atom+xml']/@href)" "../../../../feed.xml"
# the footer says 订阅更新 and 网站地图 in words (issue 19): both lead to the readable sitemap page,
# which explains subscribing and links the feed and sitemap.xml
his "footer links 订阅更新" "$R" "count(//footer//a[@href='../../../../sitemap/index.html#subscribe'])" 1
his "footer links the 网站地图 page" "$R" "count(//footer//a[@href='../../../../sitemap/index.html'])" 1
his "the 网站地图 page links the feed" "$o/sitemap/index.html" "count(//a[@href='../feed.xml'])>0" true
n=$(html_pages "$o" | while read -r p; do
	f="$o/${p}index.html"
	[ -f "$f" ] || f="$o/$p"
	c=$(hx "$f" "count(//link[@rel='canonical'])+count(//meta[@property='og:title'])+count(//meta[@property='og:url'])+count(//meta[@name='description'])")
	[ "$c" = 4 ] || echo "$p"
done | head -3)
check "every page has canonical, description, og:title, og:url" "missing in: $n" test -z "$n"

# byte-identical rebuilds
"$GONGKAI" build -q -C "$src" -o "$out/again" 2>/dev/null
for f in feed.xml sites/alpha/feed.xml disclosures/feed.xml sitemap.xml robots.txt; do
	check "$f is byte-identical on a rebuild" "differs" cmp -s "$o/$f" "$out/again/$f"
done

# --drafts publishes the draft page, never into a feed
"$GONGKAI" build -q --drafts -C "$src" -o "$out/drafts" 2>/dev/null
check "--drafts: the draft page is written" "no page" test -f "$out/drafts/sites/alpha/work/2025-06-01-caogao/index.html"
check "--drafts: no draft in any feed" "FEEDS-DRAFT-MARKER in a feed" \
    sh -c "! grep -q FEEDS-DRAFT-MARKER '$out/drafts/feed.xml' '$out/drafts/sites/alpha/feed.xml'"
html_pages "$out/drafts" > "$out/drafts.pages"
sitemap_locs "$out/drafts" "$BASE" > "$out/drafts.locs"
check "--drafts: the sitemap still lists exactly the pages written" "differs" cmp -s "$out/drafts.pages" "$out/drafts.locs"

# ---- without base_url ----
"$GONGKAI" build -C "$src" -o "$out/nobase" --base-url "" > "$out/nobase.stdout" 2> "$out/nobase.stderr"
rc=$?
check "no base_url: the build succeeds" "exit $rc" test $rc -eq 0
for f in feed.xml sites/alpha/feed.xml disclosures/feed.xml sitemap.xml; do
	check "no base_url: no $f" "it exists" test ! -e "$out/nobase/$f"
done
printf 'User-agent: *\nAllow: /\n' > "$out/robots.plain"
check "no base_url: robots.txt allows all, no Sitemap line" "differs" cmp -s "$out/robots.plain" "$out/nobase/robots.txt"
c=$(grep -c "^$src/site.yaml: warning: base_url is not set, so no Atom feeds (feed.xml) and no sitemap.xml are written" "$out/nobase.stderr")
check "no base_url: exactly one warning, on site.yaml" "$c warnings" test "$c" = 1
check "no base_url: no feed link in head" "found" sh -c "! grep -q 'application/atom+xml' '$out/nobase/index.html'"
check "no base_url: no feed or sitemap link in the footer" "found" sh -c "! grep -qE 'feed\.xml|sitemap\.xml' '$out/nobase/index.html'"
# --strict makes that warning fail the build; the old folder stays. The planted
# mobile numbers would stop a strict build earlier, so use a copy without them.
rm -rf "$out/strict-src" && cp -R "$src" "$out/strict-src"
sed -i 's/13[89]12345678/0871-60000000/' "$out/strict-src/sites/alpha/work/2025-04-15-zoufang.md" \
    "$out/strict-src/sites/alpha/disclosures/2025-04-08-cunwu-gongkai-q1.md"
printf 'privacy_allow:\n  - "0871-60000000"\n' >> "$out/strict-src/site.yaml"
"$GONGKAI" build -q --strict -C "$out/strict-src" -o "$out/strict" 2>/dev/null
check "strict with base_url succeeds" "failed" test -f "$out/strict/feed.xml"
"$GONGKAI" build -q --strict --base-url "" -C "$out/strict-src" -o "$out/strict" 2>/dev/null
rc=$?
check "strict without base_url: exit 1" "exit $rc" test $rc -eq 1
check "strict without base_url: the previous site is left as it was" "feed.xml gone" test -f "$out/strict/feed.xml"

# ---- the demo content ----
demo=tests/out/feeds-demo
"$GONGKAI" build -q -C content -o "$demo" 2> "$out/demo.stderr"
rc=$?
check "demo build succeeds" "exit $rc: $(head -c 300 "$out/demo.stderr")" test $rc -eq 0
DB=$(sed -n 's/^base_url: *//p' content/site.yaml)
check "demo: feed.xml is valid" "xmllint" xmllint --noout "$demo/feed.xml"
check "demo: disclosures/feed.xml is valid" "xmllint" xmllint --noout "$demo/disclosures/feed.xml"
nsites=$(ls -d content/sites/*/ | wc -l | tr -d ' ')
nfeeds=$(ls "$demo"/sites/*/feed.xml 2>/dev/null | wc -l | tr -d ' ')
check "demo: one feed per site ($nsites)" "$nfeeds feeds" test "$nfeeds" = "$nsites"
bad=$(for f in "$demo"/sites/*/feed.xml; do xmllint --noout "$f" 2>/dev/null || echo "$f"; done)
check "demo: every site feed is valid" "$bad" test -z "$bad"
is "demo: feed.xml holds 50 entries" "$demo/feed.xml" "count(/$(a feed)/$(a entry))" 50
check "demo: disclosures feed has entries, all disclosures" "" test \
    "$(xp "$demo/disclosures/feed.xml" "count(/$(a feed)/$(a entry)[$(a category)/@term='disclosures'])")" = \
    "$(xp "$demo/disclosures/feed.xml" "count(/$(a feed)/$(a entry))")"
check "demo: sitemap.xml is valid" "xmllint" xmllint --noout "$demo/sitemap.xml"
html_pages "$demo" > "$out/demo.pages"
sitemap_locs "$demo" "$DB" > "$out/demo.locs"
if cmp -s "$out/demo.pages" "$out/demo.locs"; then ok "demo: sitemap lists exactly the HTML pages"; else
	no "demo: sitemap lists exactly the HTML pages" "$(diff "$out/demo.pages" "$out/demo.locs" | grep '^[<>]' | head -5 | tr '\n' ' ')"
fi
check "demo: robots.txt names the sitemap" "" grep -qx "Sitemap: ${DB}sitemap.xml" "$demo/robots.txt"

echo "feeds: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
