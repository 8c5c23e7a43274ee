#!/usr/bin/env python3
"""scan_leaks.py: report every planted personal number that can be put back
together from files (issue 15, test half).

    scan_leaks.py (--manifest FILE | --number DIGITS ...) [--json OUT] [-q] PATH...
    scan_leaks.py --self-test

PATH is a file or a folder (every file under it, at any depth, and every file
and folder *name*). Each text file is read four ways: as is and with its tags
stripped, each with and without Markdown emphasis/strike/link syntax. Every
reading decodes JSON/JS escapes (\\u0031), HTML character references (twice:
&amp;#49;) and percent-encoding, applies NFKC, maps every Unicode decimal
digit to 0-9, and drops separators and invisible characters: whitespace of
any kind, - . ( ) [ ] / +, dashes, and format characters (zero-width space,
soft hyphen, word joiner). A masked digit is a `*`, which is kept (it breaks
a number); the Markdown readings drop `~` and runs of one to three `*`
(emphasis), never the four or more of a mask.

A number leaks from a file when
  * "full": its digits (check character X) appear in one reading, or
  * "fragments": its start and its end appear in the same file (any
    readings), at least 4 digits each, and together they hold all its digits:
    a summary cut after 9 digits of a mobile beside the page's 139****3102.
    A start is a digit run of a reading that ends with the number's first
    digits; an end, a run that starts with its last digits. A mask shows too
    few digits for its two ends to meet, and chance matches stay rare.
Files that are not UTF-8 are searched as bytes for the ASCII digits (after
gunzip when gzipped). Exit status: 0 nothing found, 1 leaks, 2 usage.
"""
import argparse
import gzip
import html
import json
import os
import re
import sys
import tempfile
import unicodedata
import urllib.parse

DROP = set(" -.()[]/+")
MD_DROP = set("~_`")
# Emphasis is one to three '*'; a mask is four or more, and stays (it breaks a number).
EMPHASIS = re.compile(r"\*+")


EDGE_MIN = 4


class _Table(dict):
    """str.translate table: decimal digits to ASCII, separators dropped."""

    def __init__(self, markdown):
        super().__init__()
        self.markdown = markdown

    def __missing__(self, cp):
        ch = chr(cp)
        dv = unicodedata.decimal(ch, None) if not ("0" <= ch <= "9") else None
        if dv is not None:
            r = str(dv)
        elif ch in DROP or ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp", "Pd"):
            r = None
        elif self.markdown and ch in MD_DROP:
            r = None
        else:
            r = ch
        self[cp] = r
        return r


TABLE = _Table(False)
MD_TABLE = _Table(True)

JSON_PAIR = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
JSON_U = re.compile(r"\\u([0-9a-fA-F]{4})")
JS_X = re.compile(r"\\x([0-9a-fA-F]{2})")
TAG = re.compile(r"<[^<>]*>")
MD_LINK = re.compile(r"\]\([^()]*\)")
RUN = re.compile(r"[0-9]+X?")
LOWER_X = re.compile(r"(?<=[0-9])x")


def _unsurrogate(cp):
    return "?" if 0xD800 <= cp <= 0xDFFF else chr(cp)


def decode(s):
    s = JSON_PAIR.sub(lambda m: chr(0x10000 + ((int(m.group(1), 16) - 0xD800) << 10) +
                                    (int(m.group(2), 16) - 0xDC00)), s)
    s = JSON_U.sub(lambda m: _unsurrogate(int(m.group(1), 16)), s)
    s = JS_X.sub(lambda m: chr(int(m.group(1), 16)), s)
    for _ in range(2):
        s = html.unescape(s)
        s = urllib.parse.unquote(s, errors="replace")
    return s


def normalize(s, markdown=False):
    s = unicodedata.normalize("NFKC", s)
    if markdown:
        s = MD_LINK.sub("", s)
        s = EMPHASIS.sub(lambda m: "" if len(m.group(0)) <= 3 else m.group(0), s)
    s = s.translate(MD_TABLE if markdown else TABLE)
    return LOWER_X.sub("X", s)


def readings(text):
    """The four normalised readings of a text."""
    raw = decode(text)
    stripped = TAG.sub("", decode(TAG.sub("", text)))
    return [normalize(raw), normalize(stripped), normalize(raw, True), normalize(stripped, True)]


class Index:
    def __init__(self, numbers):
        self.numbers = sorted(set(numbers))
        self.lengths = sorted({len(d) for d in self.numbers})
        self.full = set(self.numbers)
        self.pre, self.suf = {}, {}
        for d in self.numbers:
            n = len(d)
            for j in range(EDGE_MIN, n):
                self.pre.setdefault(d[:j], []).append(d)
                self.suf.setdefault(d[n - j:], []).append(d)
        self.maxlen = max(self.lengths) if self.lengths else 0


class FileHits:
    def __init__(self):
        self.full = set()
        self.head = {}   # digits -> longest start of it found
        self.tail = {}   # digits -> longest end of it found

    def edge(self, side, d, n):
        if n > side.get(d, 0):
            side[d] = n


def scan_runs(ix, text, hits):
    for m in RUN.finditer(text):
        r = m.group(0)
        n = len(r)
        for L in ix.lengths:
            for i in range(0, n - L + 1):
                if r[i:i + L] in ix.full:
                    hits.full.add(r[i:i + L])
        for j in range(EDGE_MIN, min(n, ix.maxlen) + 1):
            for d in ix.pre.get(r[n - j:], ()):
                hits.edge(hits.head, d, j)
            for d in ix.suf.get(r[:j], ()):
                hits.edge(hits.tail, d, j)


def scan_text(ix, text):
    hits = FileHits()
    for t in readings(text):
        scan_runs(ix, t, hits)
    return hits


def scan_bytes(ix, data):
    hits = FileHits()
    for d in ix.numbers:
        if d.encode() in data or d.lower().encode() in data:
            hits.full.add(d)
    return hits


def scan_data(ix, data):
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return scan_bytes(ix, data)
    return scan_text(ix, text)


def results(name, hits, how_prefix=""):
    out = []
    for d in sorted(hits.full):
        out.append({"digits": d, "how": how_prefix + "full", "file": name})
    for d, h in sorted(hits.head.items()):
        t = hits.tail.get(d, 0)
        if d in hits.full or h + t < len(d):
            continue
        out.append({"digits": d, "how": how_prefix + "fragments", "file": name,
                    "fragments": [d[:h], d[len(d) - t:]]})
    return out


def scan_paths(ix, paths):
    leaks, nfiles = [], 0
    for p in paths:
        if os.path.isdir(p):
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames.sort()
                for name in sorted(dirnames) + sorted(filenames):
                    full = os.path.join(dirpath, name)
                    rel = os.path.relpath(full, p)
                    leaks += results(os.path.join(p, rel), scan_text(ix, rel), "name-")
                for name in sorted(filenames):
                    full = os.path.join(dirpath, name)
                    if os.path.islink(full) or not os.path.isfile(full):
                        continue
                    nfiles += 1
                    with open(full, "rb") as f:
                        leaks += results(full, scan_data(ix, f.read()))
        elif os.path.isfile(p):
            nfiles += 1
            with open(p, "rb") as f:
                leaks += results(p, scan_data(ix, f.read()))
    return leaks, nfiles


# ---------------------------------------------------------------- self-test

def self_test():
    mob = "13957023102"
    d17 = "11010519491231002"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    idn = d17 + "10X98765432"[sum(int(c) * x for c, x in zip(d17, w)) % 11]
    idx = "11010119900505107X"   # written below with a lower-case x
    ix = Index([mob, idn, idx])
    cases = [
        # (name, content (str or bytes), {digits: how} expected)
        ("entity, spacing and tags", "<p>1&#51;9 57-02<b>31</b>02</p>", {mob: "full"}),
        ("fragment pair in one file", "<meta content=\"摘要：1395702…\"><p>全文 ****7023102</p>",
         {mob: "fragments"}),
        ("summary cut beside the mask", "<p>摘要：139570231…</p><p>全文 139****3102</p>", {mob: "fragments"}),
        ("ID halves", "<p>摘要 %s…</p><p>正文 %s</p>" % (idn[:9], idn[9:]), {idn: "fragments"}),
        ("masked forms", "<p>139****3102 与 %s**********%s，日期 2025-06-30，金额 12345.67</p>"
         % (idn[:4], idn[-4:]), {}),
        ("one fragment is no leak", "<p>摘要：1395702…</p>", {}),
        ("bold markup", "139**5702**3102", {mob: "full"}),
        ("em markup looks masked", "139*5702*3102", {mob: "full"}),
        ("markdown link", "[139](https://example.org/)57023102", {mob: "full"}),
        ("Arabic-Indic, zero-width, soft hyphen", "\u0661\u0663\u0669\u200b5702\u00ad3102", {mob: "full"}),
        ("full-width and ideographic space", "１３９　５７０２　３１０２", {mob: "full"}),
        ("percent-encoded", "tel:%31%33%39%35%37%30%32%33%31%30%32", {mob: "full"}),
        ("JSON escape", '{"t":"\\u0031\\u0033957023102"}', {mob: "full"}),
        ("double-escaped entity", "&amp;#49;3957023102", {mob: "full"}),
        ("lower-case x", "身份证 %sx" % idx[:-1], {idx: "full"}),
        ("binary", b"\x00\xff\xfe" + mob.encode() + b"\x00", {mob: "full"}),
        ("gzip", __import__("gzip").compress(("<p>" + idn + "</p>").encode()), {idn: "full"}),
        ("no number", "<p>139 5702 和 2025 年，编号 3103-0001</p>", {}),
    ]
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, content, want) in enumerate(cases):
            p = os.path.join(tmp, "case%d" % i)
            with open(p, "wb") as f:
                f.write(content if isinstance(content, bytes) else content.encode())
            leaks, _ = scan_paths(ix, [p])
            got = {l["digits"]: l["how"] for l in leaks}
            if got != want:
                print("FAIL: privacy: scanner self-test %s: found %s, want %s" % (name, got, want))
                bad += 1
            else:
                print("PASS: privacy: scanner self-test %s" % name)
        os.makedirs(os.path.join(tmp, "tree", "sites", "1395702-3102"))
        leaks, _ = scan_paths(ix, [os.path.join(tmp, "tree")])
        if [l["how"] for l in leaks] == ["name-full"]:
            print("PASS: privacy: scanner self-test folder name")
        else:
            print("FAIL: privacy: scanner self-test folder name: %s" % leaks)
            bad += 1
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--manifest", help="manifest.json of plant.py: scan for its numbers")
    ap.add_argument("--number", action="append", default=[], help="digits to look for (repeatable)")
    ap.add_argument("--json", help="write the findings here as JSON")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only the count")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("paths", nargs="*")
    a = ap.parse_args()
    if a.self_test:
        return self_test()
    nums = [n.upper() for n in a.number]
    if a.manifest:
        with open(a.manifest, encoding="utf-8") as f:
            nums += [e["digits"] for e in json.load(f).get("numbers", [])]
    if not nums or not a.paths:
        ap.print_usage(sys.stderr)
        return 2
    ix = Index(nums)
    leaks, nfiles = scan_paths(ix, a.paths)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"files": nfiles, "numbers": len(ix.numbers), "leaks": leaks}, f,
                      ensure_ascii=False, indent=1)
    if not a.quiet:
        for l in leaks:
            extra = " (%s)" % " + ".join(l["fragments"]) if "fragments" in l else ""
            print("leak %s %s in %s%s" % (l["how"], l["digits"], l["file"], extra))
    print("scanned %d files: %d of %d numbers recoverable" %
          (nfiles, len({l["digits"] for l in leaks}), len(ix.numbers)))
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
