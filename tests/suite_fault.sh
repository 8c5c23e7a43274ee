#!/bin/sh
# suite_fault.sh: builds that are killed, run out of disk, meet a read-only
# or mounted output folder, run twice at once, or write through a symlink
# (issue 22). After every fault the output folder holds the old site or the
# new one, whole (byte for byte a clean build of one or the other), and the
# next build repairs everything.
#
#   sh tests/suite_fault.sh        (from anywhere; run by tests/run.sh)
#
# How the faults are made, honestly:
#   - kill -9 at timed moments (sleep, then kill), and injected at exact
#     points (the Nth file created, just before and just after the swap)
#     by tests/fault/shim.c, an LD_PRELOAD library the suite compiles;
#   - a full disk, a read-only disk and mount points are real: a small
#     tmpfs mounted in a user and mount namespace (unshare -rm, as any
#     user, nothing outside the namespace sees it: tests/fault/ns.sh).
#     Where unshare cannot mount, the full disk falls back to the shim
#     (write() fails with ENOSPC after N bytes), the read-only disk to
#     chmod (not as root), and the mount point is left to the unit test
#     of out_is_mount; each such fallback prints a NOTE line.
# GONGKAI names another binary (default ./gongkai). Prints PASS:/FAIL:
# lines and a closing count.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
top=$(pwd)
: "${GONGKAI:=./gongkai}"
case $GONGKAI in /*) ;; *) GONGKAI=$top/$GONGKAI ;; esac
dir=$top/tests/out/fault
theme=$top/themes/default
started=$(date +%s)
npass=0
nfail=0
pass() { echo "PASS: fault $1"; npass=$((npass + 1)); }
flunk() { echo "FAIL: fault $1: $2"; nfail=$((nfail + 1)); }
note() { echo "NOTE: fault $1"; }

if [ ! -x "$GONGKAI" ]; then
	echo "FAIL: fault: $GONGKAI is not an executable; build it (make gongkai)"
	exit 1
fi
rm -rf "$dir"
mkdir -p "$dir"
if ! cc -shared -fPIC -O1 -o "$dir/shim.so" tests/fault/shim.c -ldl 2> "$dir/shim.err"; then
	echo "FAIL: fault: cannot compile tests/fault/shim.c: $(head -n 3 "$dir/shim.err" | tr '\n' ' ')"
	exit 1
fi
shim=$dir/shim.so

# ---- the two sites: A (the old one) and B (the new one) ----
# B changes the site's title (so every page changes), edits a record, adds
# one and removes one: a build of B over A rewrites most files.
cp -R content "$dir/A"
cp -R content "$dir/B"
sed -i 's/^title: .*/title: 故障测试后的新站名/' "$dir/B/site.yaml"
edited=$(find "$dir/B/sites" -path '*/work/*.md' | LC_ALL=C sort | head -n 1)
printf '\n本段为故障测试追加的文字。\n' >> "$edited"
sed 's/^标题: .*/标题: 故障测试新增记录/; s/^title: .*/title: 故障测试新增记录/' "$edited" > "$(dirname "$edited")/2025-12-20-guzhang-ceshi.md"
removed=$(find "$dir/B/sites" -path '*/work/*.md' | LC_ALL=C sort | tail -n 1)
if grep -rqs "$(basename "$removed" .md)" "$dir/B" --include='*.md'; then
	removed=""	# something links to it
else
	rm "$removed"
fi

build() {	# build CONTENT OUT [options]: a plain build, stderr in $dir/err
	c=$1 o=$2
	shift 2
	"$GONGKAI" build -q -C "$c" -o "$o" -t "$theme" "$@" 2> "$dir/err"
}
for v in A B; do
	if ! build "$dir/$v" "$dir/ref$v" -j 1; then
		echo "FAIL: fault: the reference build of $v failed: $(head -n 3 "$dir/err" | tr '\n' ' ')"
		exit 1
	fi
done
if diff -rq "$dir/refA" "$dir/refB" > /dev/null; then
	echo "FAIL: fault: sites A and B are the same; the suite would prove nothing"
	exit 1
fi

# state OUT: "old", "new", "none" (missing) or "broken" (neither, whole)
state() {
	if [ ! -e "$1" ]; then echo none
	elif diff -r "$dir/refA" "$1" > /dev/null 2>&1; then echo old
	elif diff -r "$dir/refB" "$1" > /dev/null 2>&1; then echo new
	else echo broken; fi
}

# fresh NAME: a work folder with content A built into output/; sets w
fresh() {
	w=$dir/w-$1
	rm -rf "$w"
	mkdir -p "$w"
	cp -R "$dir/A" "$w/content"
	build "$w/content" "$w/output" || flunk "$1: setup" "the build of A failed: $(head -n 2 "$dir/err")"
	rm -rf "$w/content"
	cp -R "$dir/B" "$w/content"
}

# recovers NAME OUT: the next build succeeds and makes B, the one after is a no-op
recovers() {
	if ! build "$w/content" "$2"; then
		flunk "$1: the next build recovers" "exit $?: $(head -n 2 "$dir/err" | tr '\n' ' ')"
		return
	fi
	got=$(state "$2")
	[ "$got" = new ] || { flunk "$1: the next build recovers" "the output is $got"; return; }
	"$GONGKAI" build -C "$w/content" -o "$2" -t "$theme" > /dev/null 2> "$dir/err2"
	if grep -q 'is up to date' "$dir/err2"; then
		pass "$1: the next build makes B, and the one after is up to date"
	else
		flunk "$1: the build after recovery is no no-op" "$(tail -n 1 "$dir/err2")"
	fi
}

# ---- kill -9 at timed moments ----
# The moments are shares of how long a build of B over A takes here and now
# (a shared machine's load changes it), from its start to past its end.
fresh probe
t0=$(date +%s%N)
build "$w/content" "$w/output"
dur=$((($(date +%s%N) - t0) / 1000000))
rm -rf "$w"
note "a build of B over A took $dur ms"
old=0 new=0
for pct in 2 10 20 35 50 65 80 90 100 130; do
	ms=$((dur * pct / 100))
	t=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))
	fresh "timed-$pct"
	"$GONGKAI" build -q -C "$w/content" -o "$w/output" -t "$theme" 2> /dev/null &
	p=$!
	sleep "$t"
	kill -9 "$p" 2> /dev/null
	wait "$p" 2> /dev/null
	got=$(state "$w/output")
	case $got in
	old) old=$((old + 1)); pass "kill -9 after ${t}s: the old site, whole" ;;
	new) new=$((new + 1)); pass "kill -9 after ${t}s: the new site, whole" ;;
	*) flunk "kill -9 after ${t}s" "the output is $got" ;;
	esac
	[ "$pct" = 35 ] || [ "$pct" = 90 ] && recovers "kill -9 after ${t}s" "$w/output"
	rm -rf "$w"
done
note "timed kills: $old left the old site, $new the new one"

# ---- kill -9 injected at exact points ----
for n in 1 2 3 10 60 200; do
	fresh "create-$n"
	GK_FAULT_KILL_CREATE=$n LD_PRELOAD=$shim "$GONGKAI" build -q -C "$w/content" -o "$w/output" -t "$theme" 2> /dev/null
	rc=$?
	got=$(state "$w/output")
	if [ "$rc" -eq 137 ] && [ "$got" = old ]; then
		pass "kill -9 as file number $n is created: the old site, whole"
	else
		flunk "kill -9 as file number $n is created" "exit $rc, the output is $got"
	fi
	[ "$n" = 60 ] && recovers "kill -9 as file number $n is created" "$w/output"
	rm -rf "$w"
done
for when in before after; do
	fresh "swap-$when"
	GK_FAULT_KILL_SWAP=$when LD_PRELOAD=$shim "$GONGKAI" build -q -C "$w/content" -o "$w/output" -t "$theme" 2> /dev/null
	rc=$?
	got=$(state "$w/output")
	want=old
	[ "$when" = after ] && want=new
	if [ "$rc" -eq 137 ] && [ "$got" = "$want" ]; then
		pass "kill -9 just $when the swap: the $want site, whole"
	else
		flunk "kill -9 just $when the swap" "exit $rc, the output is $got, want $want"
	fi
	recovers "kill -9 just $when the swap" "$w/output"
	rm -rf "$w"
done
# the very first build killed: no site, or the whole new one
w=$dir/w-first
mkdir -p "$w"
GK_FAULT_KILL_CREATE=100 LD_PRELOAD=$shim "$GONGKAI" build -q -C "$dir/B" -o "$w/output" -t "$theme" 2> /dev/null
got=$(state "$w/output")
[ "$got" = none ] && pass "a first build killed leaves no output folder" || flunk "a first build killed" "the output is $got"
GK_FAULT_KILL_SWAP=after LD_PRELOAD=$shim "$GONGKAI" build -q -C "$dir/B" -o "$w/output" -t "$theme" 2> /dev/null
got=$(state "$w/output")
[ "$got" = new ] && pass "a first build killed after its swap leaves the new site" || flunk "a first build killed after its swap" "the output is $got"
rm -rf "$w"

# ---- a source saved while the build reads it, then put back (the inputs key) ----
for at in 2 3; do
	fresh "reread-$at"
	rec=$(find "$w/content/sites" -path '*/meetings/*.md' | LC_ALL=C sort | head -n 1)
	rel=${rec#"$w/content/"}
	page=$w/output/${rel%.md}/index.html
	cp "$rec" "$w/saved.md"
	cp "$rec" "$w/changed.md"
	printf '\nFAULT-CHANGED-LINE 保存时改动的一行\n' >> "$w/changed.md"
	GK_FAULT_SWAP_FILE=$rel GK_FAULT_SWAP_WITH=$w/changed.md GK_FAULT_SWAP_AT=$at LD_PRELOAD=$shim \
	    "$GONGKAI" build -q -C "$w/content" -o "$w/output" -t "$theme" 2> "$dir/err"
	cp "$w/saved.md" "$rec"	# the original bytes back
	"$GONGKAI" build -C "$w/content" -o "$w/output" -t "$theme" > /dev/null 2> "$dir/err2"
	if grep -q 'is up to date' "$dir/err2"; then
		flunk "a source changed during a build (open $at) and put back" "the next build said up to date; the page $(grep -q FAULT-CHANGED-LINE "$page" && echo still shows the removed line)"
	elif grep -q FAULT-CHANGED-LINE "$page"; then
		flunk "a source changed during a build (open $at) and put back" "the page still shows the removed line"
	elif [ "$(state "$w/output")" != new ]; then
		flunk "a source changed during a build (open $at) and put back" "the output is not B"
	else
		pass "a source changed during a build (open $at) and put back is built again"
	fi
	rm -rf "$w"
done

# ---- two builds at once; the second through another name of the folder ----
fresh concurrent
ln -s output "$w/alias"
GK_FAULT_PAUSE_CREATE=3:3000 GK_FAULT_PAUSE_MARK=$w/paused LD_PRELOAD=$shim \
    "$GONGKAI" build -q -C "$w/content" -o "$w/output" -t "$theme" 2> "$w/first.err" &
p=$!
i=0
while [ ! -e "$w/paused" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
for name in output alias "$w/output/" ; do
	case $name in /*) o=$name ;; *) o=$w/$name ;; esac
	"$GONGKAI" build -q -C "$w/content" -o "$o" -t "$theme" 2> "$w/second.err"
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q 'another gongkai build is writing this output folder' "$w/second.err"; then
		pass "a second build at once (-o $name) is refused"
	else
		flunk "a second build at once (-o $name)" "exit $rc: $(head -n 1 "$w/second.err")"
	fi
done
wait "$p"
rc=$?
got=$(state "$w/output")
[ "$rc" -eq 0 ] && [ "$got" = new ] && pass "the first build finishes: the new site" ||
	flunk "the first of two builds" "exit $rc, output $got: $(head -n 1 "$w/first.err")"
[ -L "$w/alias" ] && pass "the alias stays a symlink" || flunk "the alias" "is no longer a symlink"
rm -rf "$w"

# ---- a symlinked output folder (output -> srv/www/site) ----
w=$dir/w-link
mkdir -p "$w/srv/www/site"
cp -R "$dir/A" "$w/content"
ln -s "$w/srv/www/site" "$w/output"
if build "$w/content" "$w/output" && [ -L "$w/output" ] && [ "$(state "$w/srv/www/site")" = old ]; then
	pass "a symlinked output: the site is built into the link's target, the link stays"
else
	flunk "a symlinked output" "exit or layout wrong: $(ls -la "$w" | tr '\n' ' ') $(head -n 1 "$dir/err")"
fi
[ -d "$w/srv/www/.gongkai-cache" ] && [ ! -e "$w/.gongkai-cache" ] &&
	pass "a symlinked output: staged beside the target (srv/www/.gongkai-cache)" ||
	flunk "a symlinked output: staging" "$(ls -a "$w" "$w/srv/www" | tr '\n' ' ')"
rm -rf "$w/content"
cp -R "$dir/B" "$w/content"
"$GONGKAI" build -q -C "$w/content" -o "$w/output" -t "$theme" 2> /dev/null &
p=$!
sleep 0.08
kill -9 "$p" 2> /dev/null
wait "$p" 2> /dev/null
got=$(state "$w/output")
case $got in old | new) pass "a symlinked output killed at 0.08 s: the $got site, whole" ;;
*) flunk "a symlinked output killed" "the output is $got" ;; esac
if build "$w/content" "$w/output" && [ -L "$w/output" ] && [ "$(state "$w/output")" = new ]; then
	pass "a symlinked output: the next build swaps the new site in behind the link"
else
	flunk "a symlinked output: the next build" "$(head -n 1 "$dir/err")"
fi
ln -s "$w/nowhere/site" "$w/dangling"
build "$w/content" "$w/dangling"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "symbolic link to $w/nowhere/site, which does not exist" "$dir/err" &&
    [ -L "$w/dangling" ] && [ ! -e "$w/nowhere" ]; then
	pass "a symlink to nothing is refused with what to do"
else
	flunk "a symlink to nothing" "exit $rc: $(head -n 1 "$dir/err")"
fi
rm -rf "$w"

# ---- full disk, read-only disk, mount points: in a namespace of their own ----
ns=
if command -v unshare > /dev/null && unshare -rm sh -c 'd=$(mktemp -d) && mount -t tmpfs -o size=1m none "$d" && umount "$d" && rmdir "$d"' 2> /dev/null; then
	ns=yes
fi
if [ -n "$ns" ]; then
	unshare -rm sh tests/fault/ns.sh "$GONGKAI" "$theme" "$dir" > "$dir/ns.out" 2>&1
	cat "$dir/ns.out"
	npass=$((npass + $(grep -c '^PASS:' "$dir/ns.out")))
	nfail=$((nfail + $(grep -c '^FAIL:' "$dir/ns.out")))
	grep -q '^PASS:\|^FAIL:' "$dir/ns.out" || flunk "namespace tests" "tests/fault/ns.sh printed nothing"
else
	note "unshare cannot mount here: a full disk through the shim (ENOSPC after 1 MB), no mount point test"
	fresh disk-shim
	GK_FAULT_ENOSPC_AFTER=1000000 LD_PRELOAD=$shim "$GONGKAI" build -q -C "$w/content" -o "$w/output" -t "$theme" 2> "$w/err"
	rc=$?
	lines=$(grep -c 'error' "$w/err")
	if [ "$rc" -eq 2 ] && [ "$lines" -eq 1 ] && grep -q 'the disk is full' "$w/err" && [ "$(state "$w/output")" = old ]; then
		pass "a full disk (shim): one message, the old site whole"
	else
		flunk "a full disk (shim)" "exit $rc, $lines error lines, output $(state "$w/output"): $(head -n 1 "$w/err")"
	fi
	recovers "a full disk (shim)" "$w/output"
	rm -rf "$w"
	if [ "$(id -u)" != 0 ]; then
		fresh readonly
		chmod a-w "$w"
		build "$w/content" "$w/output"
		rc=$?
		chmod u+w "$w"
		[ "$rc" -eq 2 ] && [ "$(state "$w/output")" = old ] && pass "a read-only output folder (chmod): refused, the old site whole" ||
			flunk "a read-only output folder (chmod)" "exit $rc: $(head -n 1 "$dir/err")"
		rm -rf "$w"
	else
		note "root without unshare: no read-only test (root writes through chmod)"
	fi
fi

secs=$(($(date +%s) - started))
[ "$secs" -lt 180 ] && pass "the suite ran in ${secs} s (under 3 minutes)" || flunk "the suite's time" "${secs} s, over 3 minutes"
echo "fault: $npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
