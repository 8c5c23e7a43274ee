#!/bin/sh
# suite_privacy.sh: personal numbers never leave the site, in any written form (issue 15).
#
#   sh tests/suite_privacy.sh
#
# tests/privacy/plant.py writes content trees under tests/out/privacy/ with unique
# numbers (身份证号 18 and 15, mobiles, bank cards; right and wrong check characters)
# planted in every written form x every place, and a manifest of them;
# tests/privacy/scan_leaks.py finds every planted number that can be put back together
# from files (entities, percent-encoding, tags, NFKC, any Unicode digits, separators
# and invisible characters undone; two fragments in one file count); verdict.py turns
# that into PASS:/FAIL: lines. The suite only drives the ./gongkai CLI:
#   1. the scanner's own examples;
#   2. privacy: mask: the planted site builds (exit 0), and nothing under output/ or
#      .gongkai-cache/ gives a number back: one line per form x place, then
#      "recoverable: N"; the same site written masked in its source (the control)
#      gives nothing back either;
#   3. privacy: refuse: exit 1, with an `error` at path:line:col for every number;
#   4. messages (stderr of both builds, check --format json) give no number back;
#   5. an attachment linked only by an internal record is not published; a number in a
#      record's file name is an error naming the file; one in a tag is an error or
#      reaches no URL; a PDF with a number on page 2 (text streams plain, and
#      Flate-compressed) is an error naming it and page 2;
#   6. false positives: the demo content/ has exactly EXPECT_DEMO_PRIVACY privacy
#      findings; amounts, dates, periods, 公文 numbers, credit codes and privacy_allow
#      entries are never masked.
# GONGKAI / GONGKAI_SAN override the binaries (default ./gongkai, build/gongkai-san if
# present). Prints PASS: privacy ... / FAIL: privacy ...: why.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
top=$(pwd)
san=${GONGKAI_SAN:-$top/build/gongkai-san}
plain=${GONGKAI:-$top/gongkai}
[ -x "$san" ] || san=$plain
bin=$san
if [ ! -x "$plain" ]; then
	echo "FAIL: privacy: ./gongkai is missing (make gongkai)"
	exit 1
fi
if ! command -v python3 > /dev/null; then
	echo "FAIL: privacy: needs python3 (make test-deps)"
	exit 1
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87

# The exact counts this suite asserts.
EXPECT_DEMO_PRIVACY=1		# content/: the 手机号码 planted in yanjiao's 2025-09-18 work record
EXPECT_DEMO_FILE=sites/yanjiao/work/2025-09-18-hetao-jiajie-rouniu.md
EXPECT_FP_PRIVACY=0		# the false-positive tree: no privacy finding at all
EXPECT_FP_VALUES=30		# values in it that must appear as written
EXPECT_BENCH_PRIVACY=0		# make bench's 10,000-record corpus: amounts, dates, periods, votes
EXPECT_BENCH_MASKED=0		# and not one '****' anywhere in its built site

P=tests/privacy
out=$top/tests/out/privacy
theme=$top/themes/default
rm -rf "$out" 2> /dev/null
mkdir -p "$out"
fail=0
pass() { echo "PASS: privacy: $1"; }
failed() { echo "FAIL: privacy: $1: $2"; fail=1; }
v() { python3 "$P/verdict.py" "$@" || fail=1; }
scan() {	# scan JSON PATH...: scan_leaks.py with the planted numbers of $tree
	j=$1
	shift
	python3 "$P/scan_leaks.py" -q --manifest "$out/$tree/manifest.json" --json "$j" "$@" > /dev/null
	[ $? -le 1 ] || { failed "scanner" "scan_leaks.py crashed on $*"; echo '{"leaks":[]}' > "$j"; }
}
# gk DIR NAME ARGS...: run gongkai in DIR, stdout/stderr to DIR/NAME.{out,err}; sets rc
gk() {
	d=$1 n=$2
	shift 2
	(cd "$d" && exec timeout -k 5 100 "$bin" "$@") > "$d/$n.out" 2> "$d/$n.err"
	rc=$?
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$d/$n.err"; then
		failed "$n" "sanitizer report: $(grep -m1 -E 'ERROR|runtime error' "$d/$n.err" | head -c 200)"
	elif [ "$rc" -gt 2 ]; then
		failed "$n" "crashed or hung (exit $rc): $(tail -n 1 "$d/$n.err" | head -c 200)"
	fi
}
firsterr() { grep -m1 'error' "$1" | head -c 300; }

# ---- 1. the scanner itself ----
python3 "$P/scan_leaks.py" --self-test || fail=1

# ---- the trees ----
if ! python3 "$P/plant.py" --seed 15 "$out" > "$out/plant.log" 2>&1; then
	failed "plant.py" "$(tail -n 3 "$out/plant.log")"
	exit 1
fi
pass "plant.py wrote the trees ($(cat "$out/plant.log"))"

# ---- 2. privacy: mask ----
tree=main
w=$out/main
# Two builds, the second with other options, so that .gongkai-cache/ holds a whole
# previous tree as well as the findings it keeps.
gk "$w" mask1 build -C content -o output -t "$theme"
gk "$w" mask build -C content -o output -t "$theme" --as-of 2025-07-01
if [ "$rc" = 0 ]; then
	pass "mask build of the planted site exits 0 ($(grep -c ': warning: ' "$w/mask.err") warnings)"
else
	failed "mask build of the planted site" "exit $rc, want 0: $(firsterr "$w/mask.err")"
fi
scan "$w/mask.leaks.json" "$w/output" "$w/.gongkai-cache"
v cells --manifest "$w/manifest.json" --leaks "$w/mask.leaks.json" --root "$w"
# The control: the same site with every number already masked in its source. Nothing
# may be recoverable from it, or the scanner (not gongkai) is wrong.
tree=masked
w=$out/masked
gk "$w" build build -C content -o output -t "$theme"
if [ "$rc" = 0 ]; then
	scan "$w/leaks.json" "$w/output" "$w/.gongkai-cache"
	v clean --what "control: the planted site written masked gives no number back" --leaks "$w/leaks.json" --root "$w"
else
	failed "control: the planted site written masked" "exit $rc, want 0: $(firsterr "$w/build.err")"
fi
tree=main
w=$out/main

# ---- 3. privacy: refuse ----
r=$out/main-refuse
mkdir -p "$r"
cp -R "$w/content" "$r/content"
# the planted site.yaml has no privacy key: mask is the default
{ cat "$w/content/site.yaml"; echo "privacy: refuse"; } > "$r/content/site.yaml"
gk "$r" refuse build -C content -o output -t "$theme"
if [ "$rc" = 1 ]; then
	pass "refuse build of the planted site exits 1"
else
	failed "refuse build of the planted site" "exit $rc, want 1"
fi
if [ -d "$r/output" ]; then
	failed "refuse build" "output/ was written"
else
	pass "refuse build writes no output/"
fi
v refuse --manifest "$w/manifest.json" --stderr "$r/refuse.err"

# ---- 4. messages give no number back ----
gk "$w" check check -C content -t "$theme" --format json
scan "$w/msg-mask.json" "$w/mask1.err" "$w/mask.err"
v clean --what "messages: stderr of the mask builds gives no number back" --leaks "$w/msg-mask.json" --root "$w"
scan "$w/msg-refuse.json" "$r/refuse.err"
v clean --what "messages: stderr of the refuse build gives no number back" --leaks "$w/msg-refuse.json" --root "$r"
scan "$w/msg-check.json" "$w/check.out" "$w/check.err"
v clean --what "messages: check --format json gives no number back" --leaks "$w/msg-check.json" --root "$w"

# ---- 5. attachments, file names, tags, PDF ----
tree=internal
w=$out/internal
gk "$w" build build -C content -o output -t "$theme"
if [ "$rc" != 0 ]; then
	failed "internal-only attachment" "the build failed (exit $rc): $(firsterr "$w/build.err")"
else
	if [ -n "$(find "$w/output" -name 'mingdan*' 2> /dev/null)" ]; then
		failed "internal-only attachment" "published: $(cd "$w" && find output -name 'mingdan*' | head -n 3 | tr '\n' ' ')"
	else
		pass "internal-only attachment static/neibu/mingdan.txt is not published"
	fi
	scan "$w/leaks.json" "$w/output" "$w/.gongkai-cache"
	v clean --what "internal-only attachment: its numbers are nowhere in output/" --leaks "$w/leaks.json" --root "$w"
fi

tree=filename
w=$out/filename
gk "$w" build build -C content -o output -t "$theme"
if [ "$rc" = 1 ]; then
	pass "a number in a record's file name fails the build"
	# The file's name holds the number: naming the file may show it (masked or not).
	v names --what "file name" --stderr "$w/build.err" \
	    --pattern 'work/2025-01-12-[0-9*]+\.md.*error|error.*2025-01-12-[0-9*]+\.md' \
	    --pattern 'work/2025-01-13-[0-9*-]+\.md.*error|error.*2025-01-13-[0-9*-]+\.md'
else
	failed "a number in a record's file name" "exit $rc, want 1 with an error naming the file"
fi

tree=tag
w=$out/tag
gk "$w" build build -C content -o output -t "$theme"
if [ "$rc" = 1 ]; then
	v names --what "a number in a tag" --stderr "$w/build.err" --pattern '2025-01-20-zoufang\.md.*error'
elif [ "$rc" = 0 ]; then
	scan "$w/leaks.json" "$w/output" "$w/.gongkai-cache"
	v clean --what "a number in a tag reaches no page, URL or folder name" --leaks "$w/leaks.json" --root "$w"
else
	failed "a number in a tag" "exit $rc"
fi

tree=pdf
w=$out/pdf
gk "$w" build build -C content -o output -t "$theme"
if [ "$rc" = 1 ]; then
	pass "PDF attachments with numbers fail the build"
	for f in qiandao huamingce; do
		v names --what "PDF attachment $f.pdf" --stderr "$w/build.err" \
		    --pattern "$f\\.pdf(:2(?![0-9])|.*((page|p\\.?|页)\\s*:?\\s*2(?![0-9])|第\\s*2\\s*页))"
	done
else
	failed "PDF attachments with numbers on page 2 (plain and Flate-compressed)" \
	    "exit $rc, want 1 with an error naming each PDF and page 2"
fi

# ---- 6. false positives ----
d=$out/demo
mkdir -p "$d"
(cd "$top" && "$bin" check -C content --format json) > "$d/check.json" 2> "$d/check.err"
v count --what "demo content/ has exactly $EXPECT_DEMO_PRIVACY privacy finding(s)" \
    --check-json "$d/check.json" --rule privacy --want "$EXPECT_DEMO_PRIVACY" --file "$EXPECT_DEMO_FILE"

w=$out/fp
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["values"]))' "$w/manifest.json")
[ "$n" = "$EXPECT_FP_VALUES" ] || failed "false-positive tree" "$n values, want $EXPECT_FP_VALUES"
gk "$w" build build -C content -o output -t "$theme"
if [ "$rc" = 0 ]; then
	pass "false-positive tree builds"
	v values --manifest "$w/manifest.json" --output "$w/output"
else
	failed "false-positive tree" "exit $rc, want 0: $(firsterr "$w/build.err")"
fi
gk "$w" check check -C content -t "$theme" --format json
v count --what "false-positive tree has exactly $EXPECT_FP_PRIVACY privacy findings" \
    --check-json "$w/check.out" --rule privacy --want "$EXPECT_FP_PRIVACY"

# make bench's corpus (tools/bench/gencorpus.py, 10,000 records of amounts, dates, periods,
# head counts and ledgers): no finding, and nothing masked in what it publishes.
b=$out/bench
mkdir -p "$b"
if python3 tools/bench/gencorpus.py -n 10000 "$b" > "$b/gen.log" 2>&1; then
	"$plain" check -C "$b/content" -t "$theme" --format json > "$b/check.json" 2> "$b/check.err"
	n=$(python3 -c 'import json,sys; print(sum(1 for f in json.load(open(sys.argv[1]))["findings"] if f["rule"].startswith("privacy")))' "$b/check.json")
	if [ "$n" = "$EXPECT_BENCH_PRIVACY" ]; then
		pass "bench corpus (10,000 records) has exactly $EXPECT_BENCH_PRIVACY privacy findings"
	else
		failed "bench corpus privacy findings" "$n, want $EXPECT_BENCH_PRIVACY"
	fi
	if "$plain" build -q -C "$b/content" -o "$b/output" -t "$theme" > /dev/null 2> "$b/build.err"; then
		n=$(grep -rl '\*\*\*\*' "$b/output" | wc -l)
		if [ "$n" = "$EXPECT_BENCH_MASKED" ]; then
			pass "bench corpus: $EXPECT_BENCH_MASKED files of its site hold a masked number"
		else
			failed "bench corpus: masked numbers" "$n files hold '****', want $EXPECT_BENCH_MASKED: $(grep -rl '\*\*\*\*' "$b/output" | head -n 3)"
		fi
	else
		failed "bench corpus builds" "$(head -n 3 "$b/build.err")"
	fi
	rm -rf "$b/hugo" "$b/output"
else
	failed "bench corpus" "gencorpus.py failed: $(tail -n 2 "$b/gen.log")"
fi

exit $fail
