#!/bin/sh
# Promotion and archive (issue 5): case library, scoreboard, archive, charts,
# print sheets with QR. Run from the repository root:
#   sh tests/suite_promo.sh            check (update: the same as sh tests/golden.sh update GK promo)
# The golden pages of the site tests/cases/promo/ are compared by tests/golden.sh
# (`sh tests/golden.sh check ./gongkai promo`; `make golden-update` refreshes them); this
# suite checks what a comparison cannot: XML, links, QR codes, print page counts.
# GONGKAI=path picks the binary (default ./gongkai). Prints PASS:/FAIL: lines.
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
GK=${GONGKAI:-./gongkai}
T=tests/cases/promo
OUT=tests/out/promo
pass() { echo "PASS: promo: $1"; }
fail() { echo "FAIL: promo: $1"; }
have() { command -v "$1" >/dev/null 2>&1; }

[ -x "$GK" ] || { fail "no binary $GK (make gongkai)"; exit 1; }
# the old way to rewrite the golden pages, kept for callers
[ "$1" = update ] && exec sh tests/golden.sh update "$GK" promo
rm -rf "$OUT" && mkdir -p "$OUT"
if "$GK" build -C $T/content -o "$OUT/site" -q 2>"$OUT/build.err"; then pass "golden site builds"
else fail "golden site build: $(head -3 "$OUT/build.err")"; exit 1; fi
S=$OUT/site

# Every chart is well-formed XML with <title> and <desc>.
n=0; bad=""
for f in $(find "$S" -name '*.svg' ! -name qr.svg | sort); do
	n=$((n + 1))
	if have xmllint; then xmllint --noout "$f" 2>/dev/null || bad="$bad $f"; fi
	grep -q '<title id=' "$f" && grep -q '<desc id=' "$f" || bad="$bad $f"
done
[ "$n" -ge 5 ] && [ -z "$bad" ] && pass "$n chart SVGs parse and carry title/desc" || fail "charts ($n):$bad"
# QR codes are SVG images beside each disclosure page, well-formed with a <title>.
q="$S/sites/cun/disclosures/2025-04-08-caiwu-q1/qr.svg"
if [ -f "$q" ] && grep -q '<title' "$q" && { ! have xmllint || xmllint --noout "$q" 2>/dev/null; } &&
    grep -q 'src="qr.svg"\|/qr.svg"' "$S/sites/cun/disclosures/2025-04-08-caiwu-q1/index.html"; then
	pass "QR code image parses, has a title and is shown on its page"
else
	fail "QR code image missing, malformed or not shown"
fi

# Internal links stay relative and end in index.html or a file name.
if grep -rhoE '(href|src)="[^"#]*"' "$S/cases" "$S/archive" "$S/assessments" "$S/sites/cun/archive" "$S/sites/cun/print" \
    | grep -vE '"(https?:|mailto:)' | grep -vE '"[^"]*(index\.html|\.[a-z]+)"' | grep -v '="\.\./' > "$OUT/badlinks"; [ -s "$OUT/badlinks" ]; then
	fail "links not ending in a file: $(head -3 "$OUT/badlinks" | tr '\n' ' ')"
else pass "links relative and ending in a file name"; fi
grep -rlE '(href|src)="/' "$S/cases" "$S/archive" "$S/assessments" >/dev/null && fail "absolute link found" || pass "no root-absolute links"

# A missing evidence file is an error naming the file and line.
rm -rf "$OUT/ev" && cp -R $T/content "$OUT/ev"
sed -i 's|2025-03-01-dangyuan-dahui.md|2025-03-02-nope.md|' "$OUT/ev/sites/cun/cases/2025-06-01-gongkai.md"
if "$GK" build -C "$OUT/ev" -o "$OUT/ev-out" -q 2>"$OUT/ev.err"; then fail "missing evidence built"
else grep -q "2025-06-01-gongkai.md:.*evidence '../meetings/2025-03-02-nope.md' not found" "$OUT/ev.err" \
	&& pass "missing evidence is an error" || fail "missing evidence message: $(head -2 "$OUT/ev.err")"; fi

# Without base_url: a warning and no QR code.
rm -rf "$OUT/nb" && cp -R $T/content "$OUT/nb" && sed -i '/^base_url:/d' "$OUT/nb/site.yaml"
"$GK" build -C "$OUT/nb" -o "$OUT/nb-out" 2>"$OUT/nb.err"
grep -q "warning: base_url is not set, so the printed disclosures (公开栏) carry no QR code" "$OUT/nb.err" \
	&& pass "no base_url: warning" || fail "no base_url warning missing"
{ grep -q 'class="qr' "$OUT/nb-out/sites/cun/disclosures/2025-04-08-caiwu-q1/index.html" ||
    [ -f "$OUT/nb-out/sites/cun/disclosures/2025-04-08-caiwu-q1/qr.svg" ]; } \
	&& fail "QR printed without base_url" || pass "no base_url: no QR code"

# Print: a disclosure page is one A4 sheet; the period view one sheet per disclosure;
# the QR code on paper decodes to the page URL. People look at the PNGs in $OUT.
if have chromium && have pdfinfo && have pdftoppm; then
	pdf() {
		chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
		    --disable-component-update --disable-sync --no-pdf-header-footer --user-data-dir="$(mktemp -d)" \
		    --print-to-pdf="$2" "file://$(pwd)/$S/$1" >/dev/null 2>&1
		pdfinfo "$2" 2>/dev/null | sed -n 's/^Pages: *//p'
	}
	n=$(pdf sites/cun/disclosures/2025-04-08-caiwu-q1/index.html "$OUT/sheet.pdf")
	[ "$n" = 1 ] && pass "disclosure prints on 1 page" || fail "disclosure prints on '$n' pages, want 1"
	n=$(pdf sites/cun/print/2025-q1/index.html "$OUT/period.pdf")
	[ "$n" = 1 ] && pass "period print view: 1 sheet" || fail "period print view: '$n' pages, want 1"
	n=$(pdf sites/cun/archive/2025/index.html "$OUT/archive.pdf")
	want=8	# report and stats; finance and assessment (new page, runs onto a second); 5 kinds, a page each
	[ "$n" = "$want" ] && pass "archive prints on $want pages" || fail "archive prints on '$n' pages, want $want"
	pdftoppm -r 100 -png "$OUT/sheet.pdf" "$OUT/sheet"
	pdftoppm -r 40 -png "$OUT/archive.pdf" "$OUT/archive"
	if have zbarimg; then
		got=$(zbarimg -q --raw "$OUT"/sheet-1.png 2>/dev/null)
		[ "$got" = "https://example.gov.cn/dj/sites/cun/disclosures/2025-04-08-caiwu-q1/" ] \
			&& pass "QR on the printed sheet decodes to the page URL" || fail "QR decodes to '$got'"
	else fail "zbarimg missing (apt-get install zbar-tools)"; fi
else
	fail "chromium, pdfinfo or pdftoppm missing (tools/deps/promo.test)"
fi
exit 0
