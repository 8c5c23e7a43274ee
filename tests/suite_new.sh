#!/bin/sh
# suite_new.sh: `gongkai new` on a copy of the demo content.
#
#   sh tests/suite_new.sh                      (GONGKAI=./gongkai by default)
#
# A record of every kind, from the default theme's archetypes and from the
# built-in ones, must pass `gongkai check`; titles that YAML would misread
# come out quoted; nothing is ever overwritten; wrong kinds and sites exit 2
# with the list of valid ones; a disclosure's category and period come from
# --category and its title, and its text names the site and the period.
# Prints PASS: new NAME / FAIL: new NAME: why.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
top=$(pwd)
: "${GONGKAI:=./gongkai}"
case $GONGKAI in /*) ;; *) GONGKAI=$top/$GONGKAI ;; esac
if [ ! -x "$GONGKAI" ]; then
	echo "FAIL: new: $GONGKAI is not an executable; build it, or set GONGKAI"
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-new.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
pass() { echo "PASS: new $1"; }
flunk() { echo "FAIL: new $1: $2"; fail=$((fail + 1)); }
theme=$top/themes/default
# The kinds as gongkai lists them (the table in generator/kinds.c): "work (工作记录) meetings (会议记录) …"
kindlist=$("$GONGKAI" new no-such-kind --site x x 2>&1 | sed -n 's/^kinds: //p')
kinds=$(echo "$kindlist" | sed 's/ ([^)]*)//g')
[ -n "$kinds" ] || { echo "FAIL: new: no list of kinds from 'gongkai new no-such-kind'"; exit 1; }

fresh() {
	rm -rf "$tmp/c"
	mkdir -p "$tmp/c"
	cp -R content "$tmp/c/content"
}

# Runs gongkai in $tmp/c; sets rc, out (stdout) and err (stderr).
gk() {
	(cd "$tmp/c" && "$GONGKAI" "$@") > "$tmp/out" 2> "$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# check passes on the content copy ($1 names the test)
check_passes() {
	gk check -t "$theme"
	if [ "$rc" -eq 0 ]; then pass "$1"; else flunk "$1" "check exited $rc: $(grep 'error' "$tmp/err" | head -5)"; fi
}

# --- every kind from the default theme's archetypes, then check -------------
fresh
for k in $kinds; do
	gk new "$k" --site agu "测试$k记录" --date 2025-06-12 -t "$theme"
	# the ASCII letters of the title make the slug; a report is named after its year
	case $k in
	reports) want=content/sites/agu/reports/2025.md ;;
	*) want=content/sites/agu/$k/2025-06-12-$k.md ;;
	esac
	if [ "$rc" -eq 0 ] && [ "$out" = "$want" ] && [ -f "$tmp/c/$want" ]; then
		pass "$k from the theme archetype"
	else
		flunk "$k from the theme archetype" "rc=$rc out='$out' want '$want' err: $err"
	fi
done
check_passes "check passes on a record of every kind"
if grep -q '^草稿: true' "$tmp/c/content/sites/agu/work/2025-06-12-work.md" &&
    grep -q '^标题: 测试work记录  # 标题' "$tmp/c/content/sites/agu/work/2025-06-12-work.md"; then
	pass "a new record is a draft with its title filled in"
else
	flunk "a new record is a draft with its title filled in" "$(head -5 "$tmp/c/content/sites/agu/work/2025-06-12-work.md")"
fi
if grep -q '^所属期: 2025-Q1 ' "$tmp/c/content/sites/agu/disclosures/2025-06-12-disclosures.md" &&
    grep -q '^年度: 2025 ' "$tmp/c/content/sites/agu/assessments/2025-06-12-assessments.md" &&
    grep -q '^年度: 2025 ' "$tmp/c/content/sites/agu/reports/2025.md"; then
	pass "period and year filled in from the date"
else
	flunk "period and year filled in from the date" "see $tmp/c/content/sites/agu"
fi

# --- drafts build; the new records have pages --------------------------------
gk build -q -t "$theme" --drafts -o "$tmp/c/out"
if [ "$rc" -eq 0 ] && grep -q '测试meetings记录' "$tmp/c/out/sites/agu/meetings/2025-06-12-meetings/index.html"; then
	pass "the new records build with --drafts"
else
	flunk "the new records build with --drafts" "rc=$rc $(head -5 "$tmp/err")"
fi

# --- the built-in archetypes (a theme without archetypes/) -------------------
fresh
mkdir -p "$tmp/bare"
for k in $kinds; do
	gk new "$k" --site meiling "内置$k" --date 2025-03-02 -t "$tmp/bare"
	if [ "$rc" -eq 0 ] && echo "$err" | grep -q "built-in $k archetype"; then
		pass "$k from the built-in archetype"
	else
		flunk "$k from the built-in archetype" "rc=$rc $err"
	fi
done
check_passes "check passes on records from the built-in archetypes"

# --- titles YAML would misread --------------------------------------------------
fresh
n=0
for t in '*重要*: 会议 #1' '"引号"里的标题' "'单引号'" '- 列表开头' '[方括号]' '{花括号}' 'true' '2025' \
    '结尾冒号:' '@at' '`反引号`' '!叹号' '&符号' '% 百分号' '| 竖线' '> 大于' '? 问号' 'a: b: c' \
    '反斜杠\n不是换行' '{{title}}'; do
	n=$((n + 1))
	gk new work --site agu --date 2025-07-01 --slug "odd-$n" -- "$t"
	if [ "$rc" -ne 0 ]; then
		flunk "title [$t]" "rc=$rc $err"
	fi
done
check_passes "check passes on titles that must be quoted"
gk build -q -t "$theme" --drafts -o "$tmp/c/out"
if [ "$rc" -eq 0 ] && grep -qF '*重要*: 会议 #1' "$tmp/c/out/sites/agu/work/2025-07-01-odd-1/index.html" &&
    grep -qF '反斜杠\n不是换行' "$tmp/c/out/sites/agu/work/2025-07-01-odd-19/index.html"; then
	pass "quoted titles read back exactly"
else
	flunk "quoted titles read back exactly" "rc=$rc $(head -3 "$tmp/err")"
fi
if grep -q '^标题: "\*重要\*: 会议 #1"' "$tmp/c/content/sites/agu/work/2025-07-01-odd-1.md"; then
	pass "a title starting with * is a quoted YAML string"
else
	flunk "a title starting with * is a quoted YAML string" "$(sed -n 2p "$tmp/c/content/sites/agu/work/2025-07-01-odd-1.md")"
fi

# --- names: automatic counter, --slug, reports --------------------------------
fresh
gk new meetings --site agu "党员大会" --date 2025-08-01
a=$out
gk new meetings --site agu "党员大会" --date 2025-08-01
b=$out
if [ "$a" = content/sites/agu/meetings/2025-08-01-meeting.md ] &&
    [ "$b" = content/sites/agu/meetings/2025-08-01-meeting-2.md ]; then
	pass "a taken automatic name gets -2"
else
	flunk "a taken automatic name gets -2" "got '$a' and '$b'"
fi
gk new work --site agu "Spring Training 春训" --date 2025-08-02
[ "$out" = content/sites/agu/work/2025-08-02-spring-training.md ] && pass "slug from the title's ASCII words" ||
	flunk "slug from the title's ASCII words" "got '$out'"
gk new 会议记录 --site agu "中文类别名" --date 2025-08-03
[ "$rc" -eq 0 ] && [ "$out" = content/sites/agu/meetings/2025-08-03-meeting.md ] && pass "a kind by its Chinese name" ||
	flunk "a kind by its Chinese name" "rc=$rc out=$out $err"

gk new work --site agu "自定" --date 2025-08-04 --slug my-slug
first=$out
echo "edited by hand" >> "$tmp/c/$first"
cp "$tmp/c/$first" "$tmp/before"
gk new work --site agu "再来" --date 2025-08-04 --slug my-slug
if [ "$rc" -eq 1 ] && cmp -s "$tmp/c/$first" "$tmp/before" && echo "$err" | grep -q 'exists already'; then
	pass "refuses to overwrite a record (exit 1)"
else
	flunk "refuses to overwrite a record (exit 1)" "rc=$rc $err"
fi
gk new reports --site agu "二〇二四年报告" --year 2024
if [ "$rc" -eq 1 ] && grep -q '阿姑村2024年度' "$tmp/c/content/sites/agu/reports/2024.md"; then
	pass "refuses to overwrite an annual report (exit 1)"
else
	flunk "refuses to overwrite an annual report (exit 1)" "rc=$rc $err"
fi
gk new reports --site agu "报告" --date 2026-01-10 --year 2025
[ "$rc" -eq 0 ] && [ "$out" = content/sites/agu/reports/2025.md ] && grep -q '^年度: 2025 ' "$tmp/c/$out" &&
	pass "reports are named YYYY.md, --year" || flunk "reports are named YYYY.md, --year" "rc=$rc out=$out"

# --- usage errors ---------------------------------------------------------------------
gk new minutes --site agu "x"
if [ "$rc" -eq 2 ] && echo "$err" | grep -q 'unknown kind' && echo "$err" | grep -q 'work (工作记录)' &&
    echo "$err" | grep -q 'reports (年度报告)'; then
	pass "unknown kind: exit 2 and the list of kinds"
else
	flunk "unknown kind: exit 2 and the list of kinds" "rc=$rc $err"
fi
gk new work --site nowhere "x"
if [ "$rc" -eq 2 ] && echo "$err" | grep -q "unknown site 'nowhere'" &&
    echo "$err" | grep -q '^sites: agu fani gaozhai meiling xingguan yanjiao$'; then
	pass "unknown site: exit 2 and the list of sites"
else
	flunk "unknown site: exit 2 and the list of sites" "rc=$rc $err"
fi
gk new work --site ../agu "x"
[ "$rc" -eq 2 ] && pass "a site id with a path refused" || flunk "a site id with a path refused" "rc=$rc"
gk new work --site agu "x" --date 2025-02-30
[ "$rc" -eq 2 ] && pass "a bad date refused (exit 2)" || flunk "a bad date refused (exit 2)" "rc=$rc $err"
gk new work --site agu "x" --slug Bad_Slug
[ "$rc" -eq 2 ] && pass "a bad slug refused (exit 2)" || flunk "a bad slug refused (exit 2)" "rc=$rc $err"
gk new work --site agu ""
[ "$rc" -eq 2 ] && pass "an empty title refused (exit 2)" || flunk "an empty title refused (exit 2)" "rc=$rc"
gk new work "no site"
[ "$rc" -eq 2 ] && pass "--site is required (exit 2)" || flunk "--site is required (exit 2)" "rc=$rc"
gk new work --site agu "x" -C "$tmp/none"
[ "$rc" -eq 2 ] && echo "$err" | grep -q 'no content folder' && pass "a missing content folder (exit 2)" ||
	flunk "a missing content folder (exit 2)" "rc=$rc $err"
gk new --help
[ "$rc" -eq 0 ] && echo "$out" | grep -q '^usage: gongkai new' && pass "--help on stdout, exit 0" ||
	flunk "--help on stdout, exit 0" "rc=$rc"
# The help texts name the kinds in words (translated messages): every kind of the table is there.
gk new --help
newhelp=$out
gk import --help
imphelp=$out
missing=
for pair in $(echo "$kindlist" | sed 's/ (/:/g; s/)//g'); do
	dir=${pair%%:*} cn=${pair#*:}
	echo "$newhelp" | grep -q "KIND .*[ ]$dir\b" || missing="$missing new:$dir"
	echo "$newhelp" | grep -q "(or .*$cn" || missing="$missing new:$cn"
	echo "$imphelp" | grep -q "\b$dir\b" || missing="$missing import:$dir"
done
[ -z "$missing" ] && pass "every kind is in new's and import's --help" ||
	flunk "every kind is in new's and import's --help" "missing:$missing"

# --- disclosures: category and period from the title, the site by name (issue 19) -----
fresh
gk new 三公开 --site fani "法泥村2025年第四季度财务公开" --date 2026-01-08 -t "$theme"
f=$tmp/c/$out
if [ "$rc" -eq 0 ] && grep -q '^类别: 财务公开 ' "$f" && grep -q '^所属期: 2025-Q4 ' "$f" &&
    grep -q '^现将法泥村2025年第四季度财务公开事项公布如下。' "$f" &&
    ! sed '1,/^---$/d' "$f" | sed '1,/^---$/d' | grep -q '某某'; then
	pass "a disclosure's category, period and site name come from the title and the profile"
else
	flunk "a disclosure's category, period and site name come from the title and the profile" "rc=$rc $err $(cat "$f" 2>/dev/null)"
fi
if echo "$err" | grep -q '类别 财务公开 (from the title), 所属期 2025-Q4 (from the title)'; then
	pass "new says where the category and period came from"
else
	flunk "new says where the category and period came from" "$err"
fi
gk new 三公开 --site fani "法泥村2025年上半年党务公开" --date 2025-07-09 -t "$theme"
grep -q '^类别: 党务公开 ' "$tmp/c/$out" && grep -q '^所属期: 2025-H1 ' "$tmp/c/$out" &&
    grep -q '^现将法泥村2025年上半年党务公开事项' "$tmp/c/$out" &&
	pass "党务 and 上半年 in the title" || flunk "党务 and 上半年 in the title" "$(head -6 "$tmp/c/$out")"
# Without a period in the title: the one that ended last, in the category's frequency
# (content/site.yaml: 村务公开 quarterly, 党务公开 half-yearly).
gk new disclosures --site meiling "煤岭镇村务公开" --date 2025-11-05 -t "$theme"
grep -q '^所属期: 2025-Q3 ' "$tmp/c/$out" && pass "no period in the title: the quarter before the date" ||
	flunk "no period in the title: the quarter before the date" "$(head -6 "$tmp/c/$out")"
gk new disclosures --site meiling "镇党委党务公开" --date 2025-11-05 -t "$theme"
grep -q '^所属期: 2025-H1 ' "$tmp/c/$out" && pass "no period in the title: the half-year a half-yearly category is due for" ||
	flunk "no period in the title: the half-year a half-yearly category is due for" "$(head -6 "$tmp/c/$out")"
gk new disclosures --site agu "阿姑村2025年第三季度财务公开" --date 2025-10-09 -t "$tmp/bare"
grep -q '^类别: 财务公开 ' "$tmp/c/$out" && grep -q '^现将阿姑村2025年第三季度财务公开事项公布如下。' "$tmp/c/$out" &&
	pass "the built-in archetype names the site and the period too" ||
	flunk "the built-in archetype names the site and the period too" "rc=$rc $err $(cat "$tmp/c/$out")"
gk new disclosures --site agu "x" --category 政务公开
[ "$rc" -eq 2 ] && echo "$err" | grep -q "村务公开, 财务公开 or 党务公开, not '政务公开'" &&
	pass "an unknown --category (exit 2)" || flunk "an unknown --category (exit 2)" "rc=$rc $err"
gk new work --site agu "x" --category 财务公开
[ "$rc" -eq 2 ] && echo "$err" | grep -q -- '--category is for disclosures' &&
	pass "--category for another kind (exit 2)" || flunk "--category for another kind (exit 2)" "rc=$rc $err"
check_passes "check passes on disclosures with inferred categories and periods"
# A period the title names wins over the frequency; check then says what is wrong.
gk new disclosures --site agu "阿姑村2025年3月村务公开" --date 2025-04-02 -t "$theme"
grep -q '^类别: 村务公开 ' "$tmp/c/$out" && grep -q '^所属期: 2025-03 ' "$tmp/c/$out" &&
	pass "a month in the title" || flunk "a month in the title" "$(head -6 "$tmp/c/$out")"
gk new disclosures --site agu "阿姑村2025年度财务决算公开" --date 2026-01-20 -t "$theme"
grep -q '^所属期: 2025 ' "$tmp/c/$out" && pass "a year (年度) in the title" ||
	flunk "a year (年度) in the title" "$(head -6 "$tmp/c/$out")"
gk new disclosures --site agu "阿姑村2025年第三季度公开" --category 党务公开 --date 2025-10-09 -t "$theme"
grep -q '^类别: 党务公开 ' "$tmp/c/$out" && grep -q '^所属期: 2025-Q3 ' "$tmp/c/$out" &&
	pass "--category" || flunk "--category" "rc=$rc $err"
gk check -t "$theme"
[ "$rc" -eq 1 ] && grep -q "2025-04-02-disclosure.md:5:6: error: period '2025-03' is not a 月 period" "$tmp/err" &&
	pass "check flags a title's period that the frequency does not allow" ||
	flunk "check flags a title's period that the frequency does not allow" "rc=$rc $(head -3 "$tmp/err")"
gk new --help
echo "$out" | grep -q -- '--category' && echo "$out" | grep -q '2025年第四季度 ->' &&
	pass "--help documents --category and the period" || flunk "--help documents --category and the period" "$out"

# --- archetypes of the content folder come first --------------------------------------
fresh
mkdir -p "$tmp/c/content/archetypes"
printf -- '---\ntitle: {{title}}\ndate: {{date}}\ntags: [本县格式]\n---\n\n{{site}} 的 {{kind}}：{{title}}\n' \
    > "$tmp/c/content/archetypes/work.md"
gk new work --site fani "本县: 自己的格式" --date 2025-09-09 -t "$theme"
f=$tmp/c/$out
if [ "$rc" -eq 0 ] && grep -q '^title: "本县: 自己的格式"$' "$f" && grep -q '^fani 的 work：本县: 自己的格式$' "$f"; then
	pass "content/archetypes/KIND.md overrides the theme's"
else
	flunk "content/archetypes/KIND.md overrides the theme's" "rc=$rc $err $(cat "$f" 2>/dev/null)"
fi
check_passes "check passes on a record from a county archetype"
printf -- '---\ntitle: {{title}}\ndate: {{date}}\nlocation: 错键\n---\n' > "$tmp/c/content/archetypes/cases.md"
gk new cases --site fani "坏模板" --date 2025-09-10
if [ "$rc" -eq 1 ] && echo "$err" | grep -q "archetypes/cases.md:4:1: error: unknown key 'location'" &&
    [ ! -e "$tmp/c/content/sites/fani/cases/2025-09-10-case.md" ]; then
	pass "an archetype that makes an invalid record: exit 1, nothing written"
else
	flunk "an archetype that makes an invalid record: exit 1, nothing written" "rc=$rc $err"
fi
printf -- '---\ntitle: {{title}}\ndate: {{date}}\n---\n{{author}}\n' > "$tmp/c/content/archetypes/reports.md"
gk new reports --site fani "x" --year 2030
if [ "$rc" -eq 1 ] && echo "$err" | grep -q 'reports.md:5: error: unknown placeholder {{author}}'; then
	pass "an unknown placeholder: exit 1 with its line"
else
	flunk "an unknown placeholder: exit 1 with its line" "rc=$rc $err"
fi

# 四议两公开 (issue 17): a matter is a folder of its own; its file names the keys the schema knows
fresh
gk new matters --site fani "Road 2026 路灯" --date 2025-11-01
f=$tmp/c/content/sites/fani/matters/2025-11-01-road-2026.md
if [ "$rc" -eq 0 ] && [ "$out" = "content/sites/fani/matters/2025-11-01-road-2026.md" ] && grep -q '^标题: Road 2026 路灯$' "$f" &&
    (cd "$tmp/c" && "$GONGKAI" check -q -t "$theme" > /dev/null 2>&1); then
	pass "new matters: sites/<id>/matters/<date>-<slug>.md, and check passes"
else
	flunk "new matters: sites/<id>/matters/<date>-<slug>.md, and check passes" "rc=$rc out=$out $err"
fi
gk new matters --site fani "Road 2026 路灯" --date 2025-11-01 --slug road-2026
if [ "$rc" -eq 1 ] && echo "$err" | grep -q "exists already"; then
	pass "new matters: an existing matter is never replaced"
else
	flunk "new matters: an existing matter is never replaced" "rc=$rc $err"
fi
gk new matters --site nosuch "x"
[ "$rc" -eq 2 ] && echo "$err" | grep -q "unknown site 'nosuch'" && pass "new matters: an unknown site exits 2" ||
    flunk "new matters: an unknown site exits 2" "rc=$rc $err"

[ "$fail" -eq 0 ]
