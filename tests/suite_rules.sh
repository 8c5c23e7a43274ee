#!/bin/sh
# suite_rules.sh: the rules of `gongkai check` (docs/rules.md), tested three ways.
#
#   1. Example files tests/rules/*.test: one per rule family, each a list of cases
#        === NAME                 a case
#        >>> file PATH            a file (relative to the content folder) until the next >>> line;
#                                 laid over tests/rules/base/ (site.yaml and site a)
#        >>> args ARGS            extra arguments for check (optional)
#        >>> expect RC            the exit status, then the diagnostic lines exactly
#                                 (path:line:col: error|warning: message; no caret lines)
#      run as `gongkai check -C content ARGS` inside a fresh folder.
#   2. The dashboard site tests/cases/dashboard-site/: its golden parts (the <main> of the
#      dashboard page and the 公开情况 section of the site pages) are compared by
#      tests/golden.sh (`make golden-update` rewrites them); here, what it must show and hide.
#   3. Leaks: tests/rules/privacy-site/ plants raw personal numbers (planted.txt) and an
#      internal record with a unique string; the whole output/ tree must hold none of them.
#   Also: the demo content/ passes check with no errors, shows an overdue warning and a
#   running 公示, and --format json is one valid document.
#
# GONGKAI names the binary (default ./gongkai). Prints PASS: rules ... / FAIL: rules ...: why.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
top=$(pwd)
: "${GONGKAI:=./gongkai}"
case $GONGKAI in /*) ;; *) GONGKAI=$top/$GONGKAI ;; esac
if [ ! -x "$GONGKAI" ]; then
	echo "FAIL: rules: $GONGKAI is not an executable; run make gongkai, or set GONGKAI"
	exit 1
fi
# the old way to rewrite the dashboard's expected parts, kept for callers
[ "$1" = update ] && exec sh tests/golden.sh update "$GONGKAI" dashboard-site
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-rules.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
pass() { echo "PASS: rules $1"; }
failed() { echo "FAIL: rules $1: $2"; fail=$((fail + 1)); }

# ---- 1. example files ----
for t in tests/rules/*.test; do
	fam=$(basename "$t" .test)
	rm -rf "$tmp/cases"
	mkdir -p "$tmp/cases"
	# Split the file into cases/NAME/{content/...,args,expect.rc,expect.out}.
	awk -v out="$tmp/cases" '
	function close_cur() { if (cur != "") close(cur); cur = ""; inexp = 0 }
	/^=== / { close_cur(); name = substr($0, 5); dir = out "/" name; system("mkdir -p \"" dir "/content\""); print name >> (out "/list"); close(out "/list"); next }
	/^>>> file / { close_cur(); p = substr($0, 10); f = dir "/content/" p; d = f; sub(/\/[^\/]*$/, "", d); system("mkdir -p \"" d "\""); cur = f; printf "" > cur; next }
	/^>>> args/ { close_cur(); a = substr($0, 10); print a > (dir "/args"); close(dir "/args"); next }
	/^>>> expect / { close_cur(); print substr($0, 12) > (dir "/expect.rc"); close(dir "/expect.rc"); cur = dir "/expect.out"; printf "" > cur; inexp = 1; next }
	name == "" { next }
	inexp && /^$/ { next }
	cur != "" { print >> cur }
	' "$t"
	[ -f "$tmp/cases/list" ] || { failed "$fam" "no cases in $t"; continue; }
	while IFS= read -r name; do
		c="$tmp/cases/$name"
		w="$tmp/work"
		rm -rf "$w"
		mkdir -p "$w/content"
		cp -R tests/rules/base/. "$w/content/"
		cp -R "$c/content/." "$w/content/"
		args=$(cat "$c/args" 2>/dev/null)
		# shellcheck disable=SC2086
		(cd "$w" && "$GONGKAI" check -C content -t "$top/themes/default" $args > stdout 2> stderr)
		rc=$?
		grep -E '^[^ ].*: (error|warning): ' "$w/stderr" > "$w/got" || true
		want_rc=$(cat "$c/expect.rc" 2>/dev/null)
		if [ "$rc" != "$want_rc" ]; then
			failed "$fam/$name" "exit $rc, want $want_rc; stderr: $(head -c 600 "$w/stderr")"
		elif ! diff -u "$c/expect.out" "$w/got" > "$w/diff"; then
			failed "$fam/$name" "messages differ:
$(cat "$w/diff")"
		else
			pass "$fam/$name"
		fi
	done < "$tmp/cases/list"
done

# ---- 2. the dashboard site ----
g=tests/cases/dashboard-site
rm -rf "$tmp/dash"
if "$GONGKAI" build -q -C "$g/content" -o "$tmp/dash" 2> "$tmp/dash.err"; then
	# Internal records count where the rules say so, but nothing of them is shown.
	if grep -rlF "DASH-INTERNAL-" "$tmp/dash" > "$tmp/dash.hits"; then
		failed "dashboard-site internal records" "their titles are in $(tr '\n' ' ' < "$tmp/dash.hits")"
	elif grep -rlE "2025-03-10-dangyuan|2025-01-09-caiwu-q4|2025-04-10-cunwu-q1" "$tmp/dash" > "$tmp/dash.hits"; then
		failed "dashboard-site internal records" "linked from $(tr '\n' ' ' < "$tmp/dash.hits")"
	else
		pass "dashboard-site shows no internal record"
	fi
	# The dashboard must show what the content was built to show.
	for want in '逾期 1 期' '2025年第一季度' '公示中' '缺会 1 次' '未达标' '尚无考核记录'; do
		if grep -q "$want" "$tmp/dash/dashboard/index.html"; then
			pass "dashboard-site shows $want"
		else
			failed "dashboard-site shows $want" "not on dashboard/index.html"
		fi
	done
else
	failed "dashboard-site build" "$(head -c 800 "$tmp/dash.err")"
fi

# ---- 3. nothing leaks ----
p=tests/rules/privacy-site
rm -rf "$tmp/priv"
if "$GONGKAI" build -C "$p/content" -o "$tmp/priv" 2> "$tmp/priv.err"; then
	pass "privacy-site builds (privacy: mask)"
	# privacy: refuse turns the same findings into errors, and nothing is written.
	sed 's/^privacy: mask$/privacy: refuse/' "$p/content/site.yaml" > "$tmp/refuse.yaml"
	rm -rf "$tmp/refuse" && cp -R "$p/content" "$tmp/refuse" && cp "$tmp/refuse.yaml" "$tmp/refuse/site.yaml"
	if "$GONGKAI" build -q -C "$tmp/refuse" -o "$tmp/refuse-out" 2> "$tmp/refuse.err"; then
		failed "privacy: refuse" "the build succeeded"
	elif [ -e "$tmp/refuse-out/index.html" ]; then
		failed "privacy: refuse" "output was written"
	elif grep -q 'error: 手机号码 138\*\*\*\*5678 in the body must not be published\|must not be published (privacy: refuse)' "$tmp/refuse.err"; then
		pass "privacy: refuse fails the build and writes nothing"
	else
		failed "privacy: refuse" "no privacy error: $(head -c 400 "$tmp/refuse.err")"
	fi
	while IFS= read -r num; do
		case $num in '' | '#'*) continue ;; esac
		if grep -rlF -- "$num" "$tmp/priv" > "$tmp/priv.hits"; then
			failed "privacy-site leaks $num" "found in $(tr '\n' ' ' < "$tmp/priv.hits")"
		else
			pass "privacy-site: $num appears nowhere in output/"
		fi
	done < "$p/planted.txt"
	if grep -rlF "INTERNAL-ONLY-7Q4X9" "$tmp/priv" > "$tmp/priv.hits"; then
		failed "internal record leaks" "found in $(tr '\n' ' ' < "$tmp/priv.hits")"
	else
		pass "internal record: its unique string appears nowhere in output/"
	fi
	if grep -rlF "neibu-jiyao" "$tmp/priv" > "$tmp/priv.hits"; then
		failed "internal record linked" "its slug is in $(tr '\n' ' ' < "$tmp/priv.hits")"
	else
		pass "internal record: no page, link or list entry"
	fi
	n=$(grep -c 'warning: .* is published masked' "$tmp/priv.err")
	want=0
	while IFS= read -r num; do
		case $num in '' | '#'*) continue ;; esac
		want=$((want + $(grep -roF -- "$num" "$p/content" | wc -l)))
	done < "$p/planted.txt"
	if [ "$n" -eq "$want" ]; then
		pass "privacy-site: one warning per planted number ($n)"
	else
		failed "privacy-site warnings" "$n masked warnings, want $want: $(cat "$tmp/priv.err")"
	fi
else
	failed "privacy-site build" "$(head -c 800 "$tmp/priv.err")"
fi

# ---- 4. demo content and JSON ----
"$GONGKAI" check -C content > "$tmp/demo.out" 2> "$tmp/demo.err"
rc=$?
if [ $rc -eq 0 ]; then pass "demo content: check has no errors"
else failed "demo content: check has no errors" "exit $rc: $(grep ': error: ' "$tmp/demo.err" | head -5)"; fi
if grep -q 'warning: yanjiao: 村务公开 for 2025-Q3 (2025年第三季度) is overdue' "$tmp/demo.err"; then
	pass "demo content: yanjiao 村务公开 2025-Q3 overdue"
else
	failed "demo content: overdue" "no overdue warning for yanjiao 2025-Q3"
fi
if "$GONGKAI" build -q -C content -o "$tmp/demo" 2> "$tmp/demo.berr" &&
    grep -q '法泥村2025年低保对象年度复核评议结果公示' "$tmp/demo/dashboard/index.html" &&
    grep -q '公示中' "$tmp/demo/dashboard/index.html"; then
	pass "demo content: the dashboard shows fani's running 低保 公示"
else
	failed "demo content: running 公示" "not on dashboard/index.html: $(head -c 300 "$tmp/demo.berr")"
fi
"$GONGKAI" check -C content --format json > "$tmp/demo.json" 2> "$tmp/demo.jerr"
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) >= {"as_of", "errors", "warnings", "findings"}, d.keys()
f = d["findings"]
assert len(f) == d["errors"] + d["warnings"]
for x in f:
    assert set(x) == {"file", "line", "column", "severity", "rule", "message"}, x
assert any(x["rule"] == "overdue" and x["severity"] == "warning" for x in f)
' "$tmp/demo.json" 2> "$tmp/demo.py"; then
	pass "check --format json: one document, every finding with its rule id"
else
	failed "check --format json" "$(cat "$tmp/demo.py") $(head -c 300 "$tmp/demo.json")"
fi
if [ -s "$tmp/demo.jerr" ]; then
	failed "check --format json" "wrote to stderr: $(head -c 300 "$tmp/demo.jerr")"
fi
# 四议两公开 (issue 17): the demo's matters, their computed status and steps, in the JSON report
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
m = {x["site"] + "/" + x["matter"]: x for x in d["matters"]}
assert m["fani/2025-02-25-tongzulu"]["missing"] == ["提议"], m["fani/2025-02-25-tongzulu"]
assert m["fani/2025-02-25-tongzulu"]["late"] == ["决议公开"]
assert m["agu/2025-08-12-huangshan"]["status"] == "未通过"
assert m["agu/2025-02-20-yinshui"]["missing"] == []
assert m["yanjiao/2025-03-01-tongzulu"]["status"] == "已完成" and not m["yanjiao/2025-03-01-tongzulu"]["late"]
assert m["yanjiao/2025-10-30-hetao-jiagong"]["status"] == "审议中"
for x in m.values():
    assert x["status"] in ("提议中", "审议中", "已决议", "未通过", "已公开", "已完成"), x
' "$tmp/demo.json" 2> "$tmp/demo.py"; then
	pass "check --format json: the demo matters, their status and missing or late steps"
else
	failed "check --format json: matters" "$(cat "$tmp/demo.py")"
fi
"$GONGKAI" check --format xml > /dev/null 2>&1
[ $? -eq 2 ] && pass "check --format xml is a usage error (exit 2)" || failed "check --format xml" "want exit 2"

[ $fail -eq 0 ]
