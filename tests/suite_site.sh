#!/bin/sh
# suite_site.sh: the demo content (content/) built into tests/out/demo and
# checked as a whole: crawl.py over every page, every published record has its
# page, nothing internal or private leaks, the plan's literal ** survive, a
# broken record leaves the previous site in place, and the command line
# contract (--help, bad option, --version).
#
#   sh tests/suite_site.sh        (from anywhere; run by tests/run.sh)
#
# GONGKAI names another binary (default ./gongkai).
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
: "${GONGKAI:=./gongkai}"
out=tests/out/demo
fail=0

pass() { echo "PASS: site $1"; }
failed() { echo "FAIL: site $1"; fail=1; }

if [ ! -x "$GONGKAI" ]; then
	failed "$GONGKAI is not an executable; build it (make gongkai)"
	exit 1
fi
mkdir -p tests/out

# Checksum of every file (name and content) under a folder, dot files included.
tree_sum() {
	(cd "$1" 2>/dev/null && find . -type f | LC_ALL=C sort | xargs cksum | cksum)
}

# ---- build ----
rm -rf "$out" "$out".tmp-* "$out".old-*
"$GONGKAI" build -q -C content -o "$out" 2> tests/out/demo.stderr
rc=$?
if [ "$rc" -eq 0 ] && [ -f "$out/index.html" ]; then
	pass "demo builds (exit 0)"
else
	failed "demo build exited $rc: $(head -n 5 tests/out/demo.stderr | tr '\n' ' ')"
	exit 1
fi

# ---- crawl ----
python3 tests/crawl.py "$out" --label demo || fail=1

# ---- every published record has its page; unpublished ones have none ----
missing= extra= n=0
for f in content/sites/*/*/*.md; do
	case $f in */index.md) continue ;; esac
	rel=${f#content/}
	page=$out/${rel%.md}/index.html
	# front matter only: the lines between the first two ---
	fm=$(awk 'NR == 1 && /^---/ { inside = 1; next } inside && /^---/ { exit } inside' "$f")
	if printf '%s\n' "$fm" | grep -Eq '^(audience|公开范围):[[:space:]]*"?internal' ||
	    printf '%s\n' "$fm" | grep -Eq '^(draft|草稿):[[:space:]]*(true|True|yes|是)'; then
		[ -e "$page" ] && extra="$extra $rel"
	else
		n=$((n + 1))
		[ -f "$page" ] || missing="$missing $rel"
	fi
done
if [ -z "$missing" ] && [ "$n" -gt 0 ]; then
	pass "each of the $n published records has its page"
else
	failed "records without a page:$(echo "$missing" | cut -c1-400)"
fi
if [ -z "$extra" ]; then
	pass "internal and draft records have no page"
else
	failed "unpublished records got a page:$extra"
fi

# ---- the internal record's marker ----
marker=内部测试标记QX7
if ! grep -rlq "$marker" content/sites; then
	failed "no internal record with the marker $marker in content/ (the check below would prove nothing)"
elif grep -rq "$marker" "$out"; then
	failed "the internal record's marker reached the output: $(grep -rl "$marker" "$out" | head -n 3 | tr '\n' ' ')"
else
	pass "internal record's marker appears nowhere in the output"
fi

# ---- the plan's ** are text, not emphasis ----
plan=$out/county-plan/index.html
if [ ! -f "$plan" ]; then
	failed "no county-plan/index.html"
else
	body=$(sed -n '/<div class="body">/,/<\/article>/p' "$plan")
	if printf '%s\n' "$body" | grep -q '\*\*县' &&
	    ! printf '%s\n' "$body" | grep -q '<strong\|<em' &&
	    ! grep -q '\\\*' "$plan"; then
		pass "county plan shows ** literally, without <strong> or <em>"
	else
		failed "county plan: ** lost or turned into emphasis ($(printf '%s\n' "$body" | grep -o '<strong>[^<]*\|<em>[^<]*' | head -n 3 | tr '\n' ' '))"
	fi
fi

# ---- no mobile number from content reaches the output unmasked ----
nums=$(grep -rhoE '(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)' content | grep -oE '1[3-9][0-9]{9}' | sort -u)
leaked=
for m in $nums; do
	grep -rqF "$m" "$out" && leaked="$leaked $m"
done
if [ -z "$nums" ]; then
	pass "no mobile numbers in content (nothing to mask)"
elif [ -z "$leaked" ]; then
	pass "the $(echo "$nums" | wc -l) mobile number(s) in content appear only masked"
else
	failed "mobile numbers published unmasked:$leaked"
fi

# ---- a broken record keeps the old output ----
rm -rf tests/out/broken-content
cp -R content tests/out/broken-content
victim=
for f in tests/out/broken-content/sites/*/work/*.md; do
	grep -q '^date: [0-9]' "$f" && { victim=$f; break; }
done
if [ -z "$victim" ]; then
	failed "broken record: no work record with a date: line to break"
else
	line=$(grep -n '^date: ' "$victim" | head -n 1 | cut -d: -f1)
	sed -i "${line}s/^date: .*/date: 2025-02-30/" "$victim"
	before=$(tree_sum "$out")
	"$GONGKAI" build -q -C tests/out/broken-content -o "$out" 2> tests/out/broken.stderr
	rc=$?
	after=$(tree_sum "$out")
	[ "$rc" -eq 1 ] && pass "broken record: exit 1" || failed "broken record: exit $rc, want 1"
	if grep -q "^$victim:$line:7: error: " tests/out/broken.stderr; then
		pass "broken record: $victim:$line:7: error: … reported"
	else
		failed "broken record: no '$victim:$line:7: error:' line; got: $(head -n 3 tests/out/broken.stderr | tr '\n' ' ')"
	fi
	[ "$before" = "$after" ] && [ -f "$out/index.html" ] && pass "broken record: previous output unchanged" ||
	    failed "broken record: the previous output changed"
	ls -d "$out".tmp-* "$out".old-* >/dev/null 2>&1 && failed "broken record: a temporary folder was left behind"
fi

# ---- from another folder, -C alone finds the project's theme beside content/ ----
top=$(pwd)
case $GONGKAI in /*) gk=$GONGKAI ;; *) gk=$top/$GONGKAI ;; esac
elsewhere=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-elsewhere.XXXXXX")
if (cd "$elsewhere" && "$gk" build -q -C "$top/content" -o site) 2> "$elsewhere/err" &&
    [ -f "$elsewhere/site/assets/style.css" ]; then
	pass "built from another folder with -C only (theme found beside content/)"
else
	failed "build from another folder with -C only: $(head -n 3 "$elsewhere/err" | tr '\n' ' ')"
fi
rm -rf "$elsewhere"

# ---- the command line contract ----
"$GONGKAI" build --help > tests/out/help.stdout 2> tests/out/help.stderr
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^usage: gongkai build' tests/out/help.stdout && [ ! -s tests/out/help.stderr ]; then
	pass "build --help: usage on stdout, exit 0"
else
	failed "build --help: exit $rc, or usage not on stdout"
fi
"$GONGKAI" build --bogus > tests/out/bogus.stdout 2> tests/out/bogus.stderr
rc=$?
if [ "$rc" -eq 2 ] && [ -s tests/out/bogus.stderr ] && [ ! -s tests/out/bogus.stdout ]; then
	pass "build --bogus: exit 2, message on stderr"
else
	failed "build --bogus: exit $rc (want 2), or the message not on stderr"
fi
v=$("$GONGKAI" --version 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && printf '%s\n' "$v" | grep -Eq '^gongkai [0-9]+\.[0-9]+(\.[0-9]+)?'; then
	pass "--version: $v"
else
	failed "--version: exit $rc, printed '$v'"
fi
"$GONGKAI" build -q -C tests/out/no-such-folder -o tests/out/never > /dev/null 2>&1
rc=$?
[ "$rc" -ne 0 ] && [ ! -e tests/out/never ] && pass "missing content folder: exit $rc, nothing written" ||
    failed "missing content folder: exit $rc"
exit $fail
