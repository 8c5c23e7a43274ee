#!/bin/sh
# suite_i18n.sh: gongkai speaks Chinese or English (issue 19; generator/i18n.h).
#
#   1. The catalogue po/zh_CN.po is complete for the sources: xgettext, msgmerge,
#      then 0 untranslated and 0 fuzzy (make po-check).
#   2. Exact messages in both languages: `check` on tests/i18n/content (one mistake
#      of each sort) against tests/i18n/check.zh.txt and check.en.txt, and the JSON
#      report (keys English, messages in the language).
#   3. How the language is chosen: --lang, then LANGUAGE / LC_ALL / LC_MESSAGES / LANG
#      when a real locale, then the site's language; --help of every command.
#   `sh tests/suite_i18n.sh update` rewrites the two expected files (review the diff).
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC
unset LANGUAGE LC_ALL LC_MESSAGES LANG
top=$(pwd)
: "${GONGKAI:=./gongkai}"
case $GONGKAI in /*) ;; *) GONGKAI=$top/$GONGKAI ;; esac
fail=0
pass() { echo "PASS: i18n $1"; }
failed() { echo "FAIL: i18n $1: $2"; fail=$((fail + 1)); }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-i18n.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# ---- 1. the catalogue ----
if out=$(make -s po-check 2>&1); then pass "catalogue ($out)"; else failed catalogue "$out"; fi

# ---- 2. exact messages ----
check() {	# check ENV... [--lang L]: stderr of check on the i18n site, paths relative
	(cd tests/i18n && envs= && while [ $# -gt 0 ] && [ "$1" != --lang ]; do envs="$envs $1"; shift; done &&
	    env $envs "$GONGKAI" check "$@" -C content -t "$top/themes/default" 2>&1)
}
for l in zh en; do
	check LC_ALL=C.UTF-8 --lang "$l" > "$tmp/$l.txt"
	if [ "${1:-}" = update ]; then
		cp "$tmp/$l.txt" "tests/i18n/check.$l.txt"
	elif cmp -s "$tmp/$l.txt" "tests/i18n/check.$l.txt"; then
		pass "messages in $l"
	else
		failed "messages in $l" "$(diff "tests/i18n/check.$l.txt" "$tmp/$l.txt" | head -10)"
	fi
done
# The machine's locale is C.UTF-8 and the site is zh-CN: Chinese (the issue's own example).
check LANG=C.UTF-8 > "$tmp/c.txt"
if cmp -s "$tmp/c.txt" tests/i18n/check.zh.txt; then pass "LANG=C.UTF-8 follows the site: Chinese"
else failed "LANG=C.UTF-8" "$(head -3 "$tmp/c.txt")"; fi
# Every message line of the Chinese run holds Chinese words, beyond names and values.
if grep -E ': (error|warning): ' "$tmp/zh.txt" | sed 's/^[^ ]*: \(error\|warning\): //' |
	grep -Ev '[一-龥].*[一-龥].*[一-龥]' | grep -q .; then
	failed "every zh message is Chinese" "$(grep -E ': (error|warning): ' "$tmp/zh.txt" | head -3)"
else pass "every zh message is Chinese"; fi
(cd tests/i18n && LC_ALL=C.UTF-8 "$GONGKAI" check --lang zh --format json -C content -t "$top/themes/default" > "$tmp/zh.json" 2>/dev/null)
if python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
items=d["diagnostics"] if isinstance(d,dict) and "diagnostics" in d else d
s=json.dumps(d,ensure_ascii=False)
assert "\"rule\"" in s and "不" in s or "须" in s, "no Chinese message"
' "$tmp/zh.json" 2>"$tmp/err"; then pass "JSON: English keys, Chinese messages"
else failed "JSON" "$(cat "$tmp/err" | tail -2)"; fi

# ---- 3. the choice ----
mkdir -p "$tmp/en/sites"
cp -r tests/i18n/content/. "$tmp/en/"
sed -i 's/^title: .*/title: Rules example\nlanguage: en/' "$tmp/en/site.yaml"
lang_of() {	# ENV... [--lang L]: zh or en, by the words of the summary line
	envs=
	while [ $# -gt 0 ] && [ "$1" != --lang ] && [ "${1#--lang=}" = "$1" ]; do envs="$envs $1"; shift; done
	out=$(cd "$tmp" && env $envs "$GONGKAI" check "$@" -C en -t "$top/themes/default" 2>&1 | tail -1)
	case $out in *个错误*) echo zh ;; *error*) echo en ;; *) echo "? $out" ;; esac
}
expect() {	# WANT DESCRIPTION ENV...
	want=$1 what=$2
	shift 2
	got=$(lang_of "$@")
	if [ "$got" = "$want" ]; then pass "$what: $want"; else failed "$what" "wanted $want, got $got"; fi
}
expect en "an English site under C.UTF-8" LC_ALL=C.UTF-8
expect zh "LANG=zh_CN.UTF-8 over the site's English" LANG=zh_CN.UTF-8
expect zh "LC_MESSAGES=zh_CN.UTF-8" LANG=C.UTF-8 LC_MESSAGES=zh_CN.UTF-8
expect en "LC_ALL=en_US.UTF-8 over LANG=zh_CN.UTF-8" LANG=zh_CN.UTF-8 LC_ALL=en_US.UTF-8
expect zh "LANGUAGE=zh_CN under C.UTF-8" LC_ALL=C.UTF-8 LANGUAGE=zh_CN
expect en "POSIX is not a language" LC_ALL=POSIX
expect zh "--lang zh over everything" LANG=en_US.UTF-8 LANGUAGE=en --lang zh
expect en "--lang=en over everything" LANG=zh_CN.UTF-8 --lang=en
"$GONGKAI" --lang fr version > /dev/null 2>&1
[ $? -eq 2 ] && pass "--lang fr is a usage error" || failed "--lang fr" "exit not 2"
for c in build check new import serve keys version; do
	zh=$(LC_ALL=C.UTF-8 "$GONGKAI" "$c" --help --lang zh 2>&1 | head -1)
	en=$(LC_ALL=C.UTF-8 "$GONGKAI" "$c" --lang en --help 2>&1 | head -1)
	case "$zh|$en" in
	用法*"|usage"*) pass "$c --help in both" ;;
	*) failed "$c --help" "zh: $zh / en: $en" ;;
	esac
done
zh=$(LC_ALL=C.UTF-8 "$GONGKAI" --lang zh 2>&1 | head -1)
case $zh in 用法*) pass "gongkai (no command) in Chinese" ;; *) failed "no command" "$zh" ;; esac
[ "${1:-}" = update ] && echo "updated tests/i18n/check.zh.txt and check.en.txt"
[ $fail -eq 0 ]
