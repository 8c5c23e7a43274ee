#!/bin/sh
# suite_serve.sh: `gongkai serve` on a copy of the demo content.
#
#   sh tests/suite_serve.sh                    (GONGKAI=./gongkai by default)
#
# The server listens on 127.0.0.1 on a port the kernel picks (-p 0; it
# prints which). Every curl has a timeout; the server is stopped with SIGINT
# at the end, or killed if it does not stop, and never outlives the suite.
# Prints PASS: serve NAME / FAIL: serve NAME: why.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
top=$(pwd)
: "${GONGKAI:=./gongkai}"
case $GONGKAI in /*) ;; *) GONGKAI=$top/$GONGKAI ;; esac
if [ ! -x "$GONGKAI" ]; then
	echo "FAIL: serve: $GONGKAI is not an executable; build it, or set GONGKAI"
	exit 1
fi
if ! command -v curl > /dev/null; then
	echo "FAIL: serve: curl is not installed (tools/deps/authoring.test)"
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-serve-test.XXXXXX") || exit 2
pid=
sse=
cleanup() {
	for p in $sse $pid; do
		kill "$p" 2> /dev/null && sleep 0.2
		kill -9 "$p" 2> /dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' INT TERM
fail=0
pass() { echo "PASS: serve $1"; }
flunk() { echo "FAIL: serve $1: $2"; fail=$((fail + 1)); }
ok() { if [ "$2" = "$3" ]; then pass "$1"; else flunk "$1" "got '$2', want '$3'"; fi; }

mkdir -p "$tmp/c"
cp -R content "$tmp/c/content"
cd "$tmp/c" || exit 2
TMPDIR=$tmp "$GONGKAI" serve -p 0 -C content -t "$top/themes/default" > "$tmp/serve.out" 2> "$tmp/serve.err" &
pid=$!
i=0
while ! grep -q 'serving http' "$tmp/serve.out" 2> /dev/null; do
	i=$((i + 1))
	if [ $i -gt 600 ] || ! kill -0 "$pid" 2> /dev/null; then
		echo "FAIL: serve: the server did not start: $(cat "$tmp/serve.err")"
		exit 1
	fi
	sleep 0.1
done
pass "starts and prints its address"
base=$(sed -n 's|.*serving \(http://127.0.0.1:[0-9]*/\).*|\1|p' "$tmp/serve.out")
site=$(sed -n 's|.*built in \([^)]*\)).*|\1|p' "$tmp/serve.out")
port=${base#http://127.0.0.1:}
port=${port%/}
case $site in "$tmp"/gongkai-serve-*/site) pass "builds into a temporary folder" ;;
*) flunk "builds into a temporary folder" "'$site'" ;; esac

fetch() {	# fetch URL [curl options]: sets code, type, body
	u=$1
	shift
	code=$(curl -s --max-time 20 -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' "$@" "$u")
	type=$(sed -n 's/^[Cc]ontent-[Tt]ype: \(.*\)\r$/\1/p' "$tmp/head")
}

fetch "$base"
ok "home page 200" "$code" 200
ok "home page type" "$type" "text/html; charset=utf-8"
if grep -q '<script src="/_gongkai/reload.js?gen=[0-9-]*"></script></body>' "$tmp/body"; then
	pass "the reload tag is added before </body>"
else
	flunk "the reload tag is added before </body>" "$(tail -c 300 "$tmp/body")"
fi
if grep -rqs '_gongkai' "$site"; then
	flunk "the built files have no reload tag" "$(grep -rl _gongkai "$site" | head -3)"
else
	pass "the built files have no reload tag"
fi
fetch "${base}assets/style.css"
ok "css type" "$code $type" "200 text/css; charset=utf-8"
fetch "${base}about"
ok "a folder without / redirects" "$code $(sed -n 's/^Location: \(.*\)\r$/\1/p' "$tmp/head")" "301 /about/"
fetch "${base}about/"
ok "a folder/ is its index.html" "$code $type" "200 text/html; charset=utf-8"
# A redirect never leaves the origin: "//about/" would be a host named "about".
fetch "${base%/}//about" --path-as-is
ok "//about redirects to /about/" "$code $(sed -n 's/^Location: \(.*\)\r$/\1/p' "$tmp/head")" "301 /about/"
for v in '///about' '////about//' '/%2F%2Fabout' '/%2f/about' '/\about' '/\\about' '/%5C%5Cabout' '//about/../about'; do
	fetch "${base%/}$v" --path-as-is
	loc=$(sed -n 's/^Location: \(.*\)\r$/\1/p' "$tmp/head")
	label=$(printf '%s' "$v" | sed 's/\\/<backslash>/g')	# echo would read a backslash as an escape
	case $code:$loc in
	301://* | 301:/\\* | 301:[!/]* | 301:) flunk "a redirect for $label stays on the site" "$code '$loc'" ;;
	*) pass "a redirect for $label stays on the site ($code${loc:+ $loc})" ;;
	esac
done
fetch "${base}no/such/page/"
ok "missing page 404" "$code" 404
fetch "${base}.gongkai"
ok "the marker file is not served" "$code" 404
fetch "${base}../../../../etc/passwd" --path-as-is
ok "/../ refused" "$code" 403
fetch "${base}about/../../etc/passwd" --path-as-is
ok "/about/../../ refused" "$code" 403
fetch "${base}%2e%2e/%2e%2e/etc/passwd" --path-as-is
ok "%2e%2e refused" "$code" 403
echo secret > "$tmp/secret.txt"
ln -s "$tmp/secret.txt" "$site/escape.txt"
ln -s "$tmp" "$site/escape-dir"
fetch "${base}escape.txt"
ok "a symlink out of the site refused" "$code" 403
fetch "${base}escape-dir/secret.txt"
ok "a folder symlink out of the site refused" "$code" 403
code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -X POST -d x=1 "$base")
ok "POST not allowed" "$code" 405
code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -I "${base}about/")
ok "HEAD works" "$code" 200

# An event stream, kept open while the content changes.
curl -s -N --max-time 60 "${base}_gongkai/events" > "$tmp/events" 2> /dev/null &
sse=$!
i=0
while ! grep -q '^data: ' "$tmp/events" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
gen0=$(sed -n 's/^data: //p' "$tmp/events" | head -1)
[ -n "$gen0" ] && pass "the event stream tells the generation" || flunk "the event stream tells the generation" "nothing"

# 100 more open tabs (each an event stream) must not lock out a page.
many=
mkdir -p "$tmp/many"
for n in $(seq 1 100); do
	curl -s -N --max-time 90 "${base}_gongkai/events" > "$tmp/many/$n" 2> /dev/null &
	many="$many $!"
done
sse="$sse $many"
i=0
while [ "$(grep -l '^data: ' "$tmp/many"/* 2> /dev/null | wc -l)" -lt 100 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
opened=$(grep -l '^data: ' "$tmp/many"/* 2> /dev/null | wc -l)
ok "100 event streams are all answered" "$opened" 100
t0=$(date +%s%N)
code=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "${base}about/")
ms=$((($(date +%s%N) - t0) / 1000000))
if [ "$code" = 200 ] && [ "$ms" -lt 3000 ]; then
	pass "a page is answered beside 100 event streams ($ms ms)"
else
	flunk "a page is answered beside 100 event streams" "code $code after $ms ms"
fi

# An edit is picked up by the next fetch.
printf '\n编辑后的新段落 EDIT-MARK-1\n' >> content/pages/about.md
fetch "${base}about/"
if [ "$code" = 200 ] && grep -q 'EDIT-MARK-1' "$tmp/body"; then
	pass "an edit shows on the next fetch"
else
	flunk "an edit shows on the next fetch" "code $code"
fi
i=0
while [ "$(grep -c '^data: ' "$tmp/events")" -lt 2 ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
gen1=$(sed -n 's/^data: //p' "$tmp/events" | sed -n 2p)
if [ -n "$gen1" ] && [ "$gen1" != "$gen0" ]; then
	pass "open pages are told to reload"
else
	flunk "open pages are told to reload" "events: $(cat "$tmp/events")"
fi
i=0
while [ "$(grep -l "^data: $gen1\$" "$tmp/many"/* 2> /dev/null | wc -l)" -lt 100 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
ok "all 100 event streams are told to reload" "$(grep -l "^data: $gen1\$" "$tmp/many"/* 2> /dev/null | wc -l)" 100
for p in $many; do kill "$p" 2> /dev/null; done
fetch "${base}_gongkai/reload.js?gen=$gen1"
if [ "$code" = 200 ] && [ "$type" = "text/javascript; charset=utf-8" ] && grep -q "var gen = \"$gen1\"" "$tmp/body"; then
	pass "the reload script"
else
	flunk "the reload script" "$code $type"
fi

# A new folder and a record in it (as `gongkai new` makes them).
mkdir -p content/sites/agu/work
"$GONGKAI" new work --site agu "Serve Test 预览" --date 2025-06-20 -t "$top/themes/default" -q > /dev/null
sed -i 's/^草稿: true.*$/草稿: false/' content/sites/agu/work/2025-06-20-serve-test.md
fetch "${base}sites/agu/work/2025-06-20-serve-test/"
ok "a new record is served after its build" "$code" 200

# A build error shows in the browser, escaped; fixing it brings the site back.
printf -- '---\ntitle: <b>坏的</b>\ndate: [2025\n---\n' > content/pages/broken.md
fetch "${base}about/"
if [ "$code" = 500 ] && grep -q 'content/pages/broken.md:' "$tmp/body" && grep -q '构建失败' "$tmp/body" &&
    grep -q 'reload.js' "$tmp/body" && ! grep -q '<b>坏的</b>' "$tmp/body"; then
	pass "a build error is a page with the messages"
else
	flunk "a build error is a page with the messages" "code $code: $(head -c 400 "$tmp/body")"
fi
fetch "${base}assets/style.css"
ok "assets still served while the build is broken" "$code" 200
rm content/pages/broken.md
fetch "${base}about/"
ok "fixed: the page is back" "$code" 200

# The port is taken: a second server says so.
"$GONGKAI" serve -p "$port" -C content > /dev/null 2> "$tmp/second.err" &
p2=$!
i=0
while kill -0 "$p2" 2> /dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$p2" 2> /dev/null; then
	kill -9 "$p2"
	flunk "a port in use: exit 2" "the second server kept running"
else
	wait "$p2"
	rc=$?
	[ $rc -eq 2 ] && grep -q 'cannot listen' "$tmp/second.err" && pass "a port in use: exit 2" ||
		flunk "a port in use: exit 2" "rc=$rc $(cat "$tmp/second.err")"
fi
"$GONGKAI" serve --bind not-an-address > /dev/null 2>&1
ok "a bad --bind: exit 2" "$?" 2
"$GONGKAI" serve -C "$tmp/none" > /dev/null 2>&1
ok "no content folder: exit 2" "$?" 2

# Ctrl-C stops it cleanly: exit 0, the event stream ends, the temporary folder goes.
kill -INT "$pid"
i=0
while kill -0 "$pid" 2> /dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2> /dev/null; then
	flunk "SIGINT stops the server" "still running after 15 s"
else
	wait "$pid"
	rc=$?
	pid=
	ok "SIGINT stops the server with exit 0" "$rc" 0
fi
[ -e "$site" ] && flunk "the temporary folder is removed" "$site is still there" || pass "the temporary folder is removed"
i=0
while kill -0 "$sse" 2> /dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$sse" 2> /dev/null; then
	flunk "the event stream ends with the server" "curl still connected"
else
	sse=
	pass "the event stream ends with the server"
fi

[ "$fail" -eq 0 ]
