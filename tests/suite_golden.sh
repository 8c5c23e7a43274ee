#!/bin/sh
# suite_golden.sh: the golden sites (tests/golden.sh) with ./gongkai and with
# the sanitizer build, plus the properties the "basic" site must have whatever
# its expected/ says, so that a careless `make regress-update` cannot accept a
# leak of an internal record, a draft, a script or a javascript: link.
#
#   sh tests/suite_golden.sh        (from anywhere; run by tests/run.sh)
#
# Needs ./gongkai and build/gongkai-san (make gongkai build/gongkai-san);
# GONGKAI and GONGKAI_SAN name other binaries.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
: "${GONGKAI:=./gongkai}" "${GONGKAI_SAN:=build/gongkai-san}"
fail=0

pass() { echo "PASS: golden $1"; }
failed() { echo "FAIL: golden $1"; fail=1; }

# ---- the cases, with the normal binary ----
sh tests/golden.sh check "$GONGKAI" || fail=1

# ---- properties of the basic site ----
# check_site LABEL DIR DRAFTS(0|1)
check_site() {
	l=$1 d=$2 drafts=$3
	v=$d/sites/village
	work=$v/work/2024-05-10-dangyuan-peixun/index.html
	meet=$v/meetings/2024-06-12-dangyuan-dahui/index.html
	if [ ! -f "$d/index.html" ]; then
		failed "$l: no index.html in $d"
		return
	fi
	if grep -rq '内部金丝雀BQ4' "$d"; then
		failed "$l: the internal record's text reached the output: $(grep -rl '内部金丝雀BQ4' "$d" | head -n 3 | tr '\n' ' ')"
	else
		pass "$l: internal record's text appears nowhere"
	fi
	if [ -e "$v/meetings/2024-06-15-zhiwei-hui" ] || grep -rq '2024-06-15-zhiwei-hui\|支部委员会研究党员处置问题' "$d"; then
		failed "$l: the internal record has a page, a link or a title in the output"
	else
		pass "$l: internal record has no page and no link"
	fi
	if [ "$drafts" = 1 ]; then
		[ -f "$v/work/2024-06-01-caogao/index.html" ] && grep -q 'DRAFT-BODY-K2' "$v/work/2024-06-01-caogao/index.html" &&
		    pass "$l: --drafts publishes the draft" || failed "$l: --drafts did not publish the draft"
	else
		if [ -e "$v/work/2024-06-01-caogao" ] || grep -rq 'DRAFT-BODY-K2\|2024-06-01-caogao' "$d"; then
			failed "$l: the draft was published"
		else
			pass "$l: draft not published"
		fi
	fi
	if grep -rlq 'xss-basic' "$d" || grep -rlq '<script>alert' "$d"; then
		failed "$l: raw <script> from a body reached the output (safe mode)"
	else
		pass "$l: raw HTML omitted (safe mode)"
	fi
	if grep -rilq 'javascript:' "$d" --include='*.html'; then
		failed "$l: a javascript: URL reached a page: $(grep -ril 'javascript:' "$d" --include='*.html' | head -n 3 | tr '\n' ' ')"
	else
		pass "$l: no javascript: URL on any page"
	fi
	if grep -q '\*\*县委组织部进行了抽查' "$work" && grep -q '本站由\*\*县委组织部主办' "$d/about/index.html" &&
	    ! grep -rq '\\\*' "$d" --include='*.html'; then
		pass "$l: \\*\\*县 renders as **县"
	else
		failed "$l: \\*\\*县 does not render as **县"
	fi
	if grep -q '折行的文字，折行处不应出现空格' "$work"; then
		pass "$l: Chinese lines joined without a space"
	else
		failed "$l: Chinese lines not joined: $(grep -A1 '折行的' "$work" | head -n 2 | tr '\n' '|')"
	fi
	if tr '\n' ' ' < "$work" | grep -q 'This English sentence is wrapped between'; then
		pass "$l: English lines keep their space"
	else
		failed "$l: English lines lost their space"
	fi
	if grep -rq '培训， 共86名\|培训，\s共86名' "$d"; then
		failed "$l: a summary keeps the line break of a Chinese paragraph as a space ($(grep -rl '培训， 共86名' "$d" | head -n 2 | tr '\n' ' '))"
	elif grep -rq '培训，共86名' "$d/work"; then
		pass "$l: summaries join Chinese lines"
	else
		failed "$l: the town record's summary is missing from work/"
	fi
	if grep -q '<h2 id="会议议程">' "$meet" && grep -q '<h2 id="会议议程-2">' "$meet" &&
	    grep -q '<h3 id="分红方案">' "$meet" && grep -q '<h2 id="meeting-notes-english">' "$meet" &&
	    grep -q 'href="#会议议程-2"' "$meet"; then
		pass "$l: heading ids (Chinese, duplicate -2) and the contents list"
	else
		failed "$l: heading ids or contents list wrong on $meet"
	fi
	if grep -q 'href="../../../../sites/village/meetings/2024-06-12-dangyuan-dahui/index.html#' "$work" &&
	    grep -q 'href="../../../../sites/town/work/2024-04-02-zhen-dangyuan-peixun/index.html"' "$work"; then
		pass "$l: links to .md files become page links (same site and another site)"
	else
		failed "$l: links to .md files not rewritten on $work"
	fi
	if grep -q '>通过<' "$meet" && grep -q '>未通过<' "$meet"; then
		pass "$l: resolutions computed (通过 / 未通过)"
	else
		failed "$l: resolution results missing"
	fi
	fin=$v/disclosures/2024-07-01-caiwu-gongkai-q2/index.html
	if grep -q '76,875.36 元' "$fin" && grep -q '83,149.24 元' "$fin" && grep -q '39,350.36 元' "$fin"; then
		pass "$l: ledger shown with totals"
	else
		failed "$l: ledger figures missing on $fin"
	fi
	gs=$v/disclosures/2024-06-28-dibao-gongshi/index.html
	if grep -q '公示中' "$gs" && grep -q '<td>陈某某</td>' "$gs"; then
		pass "$l: notice status and rows table"
	else
		failed "$l: notice status or rows missing on $gs"
	fi
	# a 自查申报 is summed but decides nothing until the county verifies it (issue 16)
	if grep -q '>待县委复核<' "$v/assessments/2024-06-30-wuge-hao-zicha/index.html" &&
	    grep -q '>85<' "$v/assessments/2024-06-30-wuge-hao-zicha/index.html"; then
		pass "$l: assessment summed (85, 待县委复核)"
	else
		failed "$l: assessment total or result missing"
	fi
	if [ -f "$d/tags/training/index.html" ] && [ "$(ls "$d/tags" | grep -c '^t[0-9a-f]\{10\}$')" -ge 3 ]; then
		pass "$l: ASCII and Chinese tags have pages"
	else
		failed "$l: tag pages missing"
	fi
	if [ -f "$d/disclosures/page/2/index.html" ] && [ ! -e "$d/disclosures/page/3" ]; then
		pass "$l: paginate: 2"
	else
		failed "$l: pagination by 2 not applied to disclosures/"
	fi
	if grep -q '测ICP备00000001号' "$d/index.html" && grep -q '中共测试县委组织部' "$d/index.html"; then
		pass "$l: footer from site.yaml"
	else
		failed "$l: footer missing"
	fi
	if grep -q '测试村开展党员冬训' "$work" && grep -q '中共测试村支部委员会' "$work"; then
		pass "$l: Chinese alias keys (标题, 发布单位) understood"
	else
		failed "$l: the record written with Chinese keys lost its title or author"
	fi
}

if [ -d tests/out/basic ]; then
	check_site "basic (fresh output)" tests/out/basic 0
	python3 tests/crawl.py tests/out/basic --label "golden basic" || fail=1
else
	failed "basic: tests/out/basic was not built"
fi
[ -d tests/out/basic-drafts ] && check_site "basic-drafts (fresh output)" tests/out/basic-drafts 1
check_site "basic (expected/)" tests/cases/basic/expected 0
# basic-drafts keeps only what differs from basic's; golden.sh put its whole tree together
if [ -d tests/out/basic-drafts.expected ]; then
	check_site "basic-drafts (expected/ over basic's)" tests/out/basic-drafts.expected 1
else
	failed "basic-drafts: tests/out/basic-drafts.expected was not put together"
fi

# ---- the cases again, under AddressSanitizer and UBSan ----
if [ -x "$GONGKAI_SAN" ]; then
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	    sh tests/golden.sh check "$GONGKAI_SAN" || fail=1
else
	failed "sanitizer: $GONGKAI_SAN is missing (make build/gongkai-san)"
fi
exit $fail
