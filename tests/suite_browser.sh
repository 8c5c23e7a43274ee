#!/bin/sh
# suite_browser.sh: real-browser gates (issue 9). Builds the demo site into
# tests/out/browser-site, installs the npm packages of tests/browser with
# `npm ci` (committed lock file; no browser download: Debian's chromium is
# used), and runs tests/browser/*.test.mjs with node's test runner. The tests
# start Debian's nginx on a free loopback port (config under tests/out/browser/nginx)
# and stop it at the end; screenshots go to tests/out/browser/screenshots.
# Every page of the demo site is checked (axe, sideways scrolling, tap targets):
# BROWSER_JOBS pages at once (default: the cores, at most 4). Prints
# PASS: browser ... / FAIL: browser ...: why lines.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
top=$(pwd)
: "${GONGKAI:=./gongkai}"
for need in /usr/bin/chromium /usr/sbin/nginx node; do
	if ! command -v "$need" > /dev/null; then
		echo "FAIL: browser: $need is missing (make test-deps installs tools/deps/hardening.test)"
		exit 1
	fi
done
if ! command -v npm > /dev/null; then
	# Debian's nodejs has npm in a package of its own; NodeSource's bundles it
	# (and conflicts with Debian's), so it is not listed in tools/deps.
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm > /dev/null 2>&1
	fi
	command -v npm > /dev/null || { echo "FAIL: browser: npm is missing (apt-get install npm)"; exit 1; }
fi
out=tests/out/browser
rm -rf tests/out/browser-site "$out"
mkdir -p "$out"
if ! "$GONGKAI" build -q -C content -o tests/out/browser-site > "$out/build.log" 2>&1; then
	echo "FAIL: browser: the demo site does not build: $(head -n 1 "$out/build.log")"
	exit 1
fi
if [ ! -f tests/browser/node_modules/.package-lock.json ] ||
    ! cmp -s tests/browser/package-lock.json tests/browser/node_modules/.gk-lock; then
	if ! (cd tests/browser && timeout 300 npm ci --no-audit --no-fund --loglevel=error) > "$out/npm.log" 2>&1; then
		echo "FAIL: browser: npm ci failed: $(tail -n 3 "$out/npm.log" | tr '\n' ' ')"
		exit 1
	fi
	cp tests/browser/package-lock.json tests/browser/node_modules/.gk-lock
fi
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: never fetch a browser; Debian's is used.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 SITE_DIR=tests/out/browser-site OUT_DIR=$out \
    timeout -k 10 1800 node --test --test-concurrency=1 --test-reporter=tap tests/browser/ > "$out/tap.log" 2>&1
rc=$?
# one PASS/FAIL line per test, from the TAP output
awk '
/^# Subtest: / { name = substr($0, 13) }
/^(not )?ok [0-9]+ - / {
	t = $0; sub(/^(not )?ok [0-9]+ - /, "", t)
	if ($1 == "ok") { if (t ~ /# SKIP/) print "PASS: browser " t; else print "PASS: browser " t }
	else { bad[++n] = t; print "FAIL: browser " t ": see tests/out/browser/tap.log" }
}' "$out/tap.log"
grep -E 'screenshots written|page types' "$out/tap.log" | sed 's/^[# \\]*/# /' | head -n 2
grep -E "^\s+\+   '" "$out/tap.log" | head -n 20
if [ $rc -ne 0 ] && ! grep -q '^not ok' "$out/tap.log"; then
	echo "FAIL: browser: node --test exited $rc: $(tail -n 5 "$out/tap.log" | tr '\n' ' ')"
fi
# nginx is stopped by the tests; make sure nothing is left if node was killed
if [ -f "$out/nginx/nginx.pid" ]; then
	pid=$(cat "$out/nginx/nginx.pid")
	kill -0 "$pid" 2> /dev/null && kill "$pid"
fi
exit $rc
