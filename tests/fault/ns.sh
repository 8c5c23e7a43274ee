#!/bin/sh
# ns.sh: the fault tests that need mounts, run by tests/suite_fault.sh inside
# `unshare -rm` (a user and mount namespace of their own: the tmpfs mounts
# here are seen by nothing outside and vanish with it).
#
#   unshare -rm sh tests/fault/ns.sh GONGKAI THEME DIR
#
# DIR holds A, B (content), refA, refB (clean builds of them). Prints
# PASS:/FAIL: lines; suite_fault.sh counts them.
g=$1 theme=$2 dir=$3
base=$(cd "$(dirname "$0")/../hostile/base" && pwd)
pass() { echo "PASS: fault $1"; }
flunk() { echo "FAIL: fault $1: $2"; }
state() {
	if [ ! -e "$1" ]; then echo none
	elif diff -r "$dir/refA" "$1" > /dev/null 2>&1; then echo old
	elif diff -r "$dir/refB" "$1" > /dev/null 2>&1; then echo new
	elif [ -n "$2" ] && diff -r "$2" "$1" > /dev/null 2>&1; then echo small
	else echo broken; fi
}
build() {	# build CONTENT OUT: stderr in $w/err
	"$g" build -q -C "$1" -o "$2" -t "$theme" 2> "$w/err"
}
errors() { grep -c 'error' "$w/err"; }

# ---- a full disk: a 2 MB tmpfs holds a small site, and the big one does not fit ----
w=$dir/ns-disk
mkdir -p "$w/mnt"
cp -R "$base/content" "$w/small"
build "$w/small" "$w/refS" || flunk "full disk: setup" "the small site does not build: $(head -n 1 "$w/err")"
if ! mount -t tmpfs -o size=2m none "$w/mnt"; then
	flunk "full disk" "cannot mount a tmpfs in the namespace"
else
	build "$w/small" "$w/mnt/site" || flunk "full disk: setup" "the small site does not fit: $(head -n 1 "$w/err")"
	build "$dir/A" "$w/mnt/site"
	rc=$?
	if [ "$rc" -eq 2 ] && [ "$(errors)" -eq 1 ] && grep -q 'error: the disk is full (No space left on device): [0-9]* files of the new site could not be written' "$w/err"; then
		pass "a full disk: exit 2 and one error line ($(grep -o '[0-9]* files' "$w/err"))"
	else
		flunk "a full disk" "exit $rc, $(errors) error lines: $(head -n 2 "$w/err" | cut -c1-200 | tr '\n' ' ')"
	fi
	[ "$(state "$w/mnt/site" "$w/refS")" = small ] && pass "a full disk: the site online is whole and unchanged" ||
		flunk "a full disk: the site online" "is $(state "$w/mnt/site" "$w/refS")"
	"$g" build -C "$w/small" -o "$w/mnt/site" -t "$theme" > /dev/null 2> "$w/err"
	grep -q 'is up to date' "$w/err" && pass "a full disk: the small site's next build is still a no-op" ||
		flunk "a full disk: the next build of the small site" "$(head -n 1 "$w/err")"
	mount -o remount,size=40m "$w/mnt"
	if build "$dir/A" "$w/mnt/site" && [ "$(state "$w/mnt/site")" = old ]; then
		pass "a full disk, made room on: the next build puts the big site in place"
	else
		flunk "a full disk, made room on" "exit $?, $(state "$w/mnt/site"): $(head -n 1 "$w/err")"
	fi
	umount "$w/mnt"
fi

# ---- a read-only disk: the site stays, one message ----
w=$dir/ns-ro
mkdir -p "$w/disk"
if ! mount -t tmpfs -o size=40m none "$w/disk"; then
	flunk "read-only" "cannot mount a tmpfs in the namespace"
else
	build "$dir/A" "$w/disk/site" || flunk "read-only: setup" "$(head -n 1 "$w/err")"
	mount -o remount,ro "$w/disk"
	build "$dir/B" "$w/disk/site"
	rc=$?
	if [ "$rc" -eq 2 ] && [ "$(errors)" -eq 1 ] && grep -q 'Read-only file system' "$w/err"; then
		pass "a read-only disk: exit 2 and one error line"
	else
		flunk "a read-only disk" "exit $rc, $(errors) error lines: $(head -n 2 "$w/err" | cut -c1-200 | tr '\n' ' ')"
	fi
	[ "$(state "$w/disk/site")" = old ] && pass "a read-only disk: the site online is whole" ||
		flunk "a read-only disk: the site online" "is $(state "$w/disk/site")"
	mount -o remount,rw "$w/disk"
	build "$dir/B" "$w/disk/site" && [ "$(state "$w/disk/site")" = new ] &&
		pass "a read-only disk made writable: the next build puts the new site in place" ||
		flunk "a read-only disk made writable" "$(head -n 1 "$w/err")"
	umount "$w/disk"
fi

# ---- the output folder is a mount point ----
w=$dir/ns-mount
mkdir -p "$w/mnt" "$w/b1" "$w/b2"
if ! mount -t tmpfs -o size=40m none "$w/mnt"; then
	flunk "mount point" "cannot mount a tmpfs in the namespace"
else
	build "$dir/A" "$w/mnt"
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q 'is a mount point' "$w/err" && grep -q -- "-o $w/mnt/site" "$w/err" &&
	    [ -z "$(ls -A "$w/mnt")" ]; then
		pass "a mount point as the output folder: refused before any work, saying what to do"
	else
		flunk "a mount point as the output folder" "exit $rc, $(ls -A "$w/mnt" | wc -l) entries: $(head -n 1 "$w/err" | cut -c1-200)"
	fi
	build "$dir/A" "$w/mnt/site" && [ "$(state "$w/mnt/site")" = old ] &&
		pass "a folder inside the mount point builds" || flunk "a folder inside the mount point" "$(head -n 1 "$w/err")"
	umount "$w/mnt"
	if mount --bind "$w/b1" "$w/b2"; then
		build "$dir/A" "$w/b2"
		rc=$?
		[ "$rc" -eq 2 ] && grep -q 'is a mount point' "$w/err" && pass "a bind mount as the output folder: refused" ||
			flunk "a bind mount as the output folder" "exit $rc: $(head -n 1 "$w/err" | cut -c1-200)"
		umount "$w/b2"
	fi
fi
exit 0
