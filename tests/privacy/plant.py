#!/usr/bin/env python3
"""plant.py: write content trees with personal numbers planted in every written
form and every place, and a manifest of them (issue 15, test half).

    python3 tests/privacy/plant.py [--seed N] OUTDIR

writes, each with content/ and manifest.json:

  OUTDIR/main/      the planted site: every form x every place (see FORMS, PLACES)
  OUTDIR/masked/    the same site with every number written masked in the source
                    (138****5678): the control, from which nothing may be recoverable
  OUTDIR/internal/  a text attachment with a number, linked only by an
                    audience: internal record (must not be published at all)
  OUTDIR/filename/  record file names holding a number (must be an error)
  OUTDIR/tag/       a tag holding a number (an error, or no number in any URL)
  OUTDIR/pdf/       two PDF attachments (text streams plain, and Flate-compressed)
                    with numbers on page 2 (each must be an error naming the
                    file and page 2)
  OUTDIR/fp/        false positives: amounts, dates, periods, 公文 numbers,
                    credit codes and privacy_allow entries that must stay as
                    written (manifest.json lists the values)

Every planted number is unique and follows from the seed. A manifest entry:
  {"id", "digits" (ASCII, check character X upper case), "kind", "form",
   "place", "file" (relative to content/), "line", "col" (1-based, in
   characters, where the written form starts), "lines" (lines a diagnostic
   may name: two for a number broken over two lines), "written"}
The manifest also lists "forms", "places" and "skipped" (form/place pairs
left out, with the reason). Python 3 standard library only.
"""
import argparse
import json
import os
import random
import shutil
import sys
import zlib

# ---------------------------------------------------------------- numbers

PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
             "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50",
             "51", "52", "53", "54", "61", "62", "63", "64", "65"]
ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_MAP = "10X98765432"


def id_check(d17):
    return ID_MAP[sum(int(c) * w for c, w in zip(d17, ID_W)) % 11]


def luhn_digit(body):
    """The check digit that makes body + digit pass Luhn."""
    total = 0
    for i, c in enumerate(reversed(body)):
        v = int(c)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return str((10 - total % 10) % 10)


def luhn_ok(d):
    return luhn_digit(d[:-1]) == d[-1]


KINDS = {
    "mobile": "手机号码, 11 digits 1[3-9]",
    "id18": "身份证号, 18 characters, right check digit",
    "id18x": "身份证号 whose check character is X",
    "id18xl": "身份证号 whose check character is written as lower-case x",
    "id18bad": "身份证号 with a WRONG check character (must still be masked)",
    "id15": "old 15-digit 身份证号",
    "card": "bank card, 16-19 digits, prefix 62, right Luhn digit",
    "cardbad": "bank card with a WRONG Luhn digit, next to 银行卡号",
}
OTHER_KINDS = ["id18", "id18x", "id18xl", "id18bad", "id15", "card", "cardbad"]


class Numbers:
    """Unique numbers from one seeded generator."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.used = set()
        self.card_len = 0

    def _region(self):
        r = self.rng
        return r.choice(PROVINCES) + "%02d%02d" % (r.randint(1, 40), r.randint(1, 40))

    def _birth(self, lo=1940, hi=2005):
        r = self.rng
        y = r.randint(lo, hi)
        m = r.randint(1, 12)
        d = r.randint(1, 28)
        return "%04d%02d%02d" % (y, m, d)

    def _one(self, kind):
        r = self.rng
        digs = lambda n: "".join(r.choice("0123456789") for _ in range(n))
        if kind == "mobile":
            return "1" + r.choice("3456789") + digs(9)
        if kind in ("id18", "id18bad"):
            d17 = self._region() + self._birth() + digs(3)
            c = id_check(d17)
            if kind == "id18":
                return d17 + c
            return d17 + r.choice([x for x in "0123456789X" if x != c])
        if kind in ("id18x", "id18xl"):
            while True:
                d17 = self._region() + self._birth() + digs(3)
                if id_check(d17) == "X":
                    return d17 + "X"
        if kind == "id15":
            return self._region() + self._birth(1940, 1999)[2:] + digs(3)
        if kind in ("card", "cardbad"):
            n = 16 + self.card_len % 4
            self.card_len += 1
            body = "62" + digs(n - 3)
            c = luhn_digit(body)
            if kind == "card":
                return body + c
            return body + r.choice([x for x in "0123456789" if x != c])
        raise ValueError(kind)

    def new(self, kind):
        while True:
            d = self._one(kind)
            # unique, and no planted number inside another one
            if d not in self.used and not any(d in u or u in d for u in self.used):
                self.used.add(d)
                return d


# ---------------------------------------------------------------- forms

def groups_of(d, kind):
    """How the number is usually written in groups."""
    if kind == "mobile":
        sizes = [3, 4, 4]
    elif kind.startswith("id18"):
        sizes = [6, 8, 4]
    elif kind == "id15":
        sizes = [6, 6, 3]
    else:
        sizes = [4] * (len(d) // 4) + ([len(d) % 4] if len(d) % 4 else [])
    out, i = [], 0
    for s in sizes:
        out.append(d[i:i + s])
        i += s
    return out


def masked(d, kind):
    """d as a correct mask shows it: 138****5678, 5301**********123X."""
    head = 3 if kind == "mobile" else 4
    return d[:head] + "*" * (len(d) - head - 4) + d[-4:]


def as_written(d, kind):
    """The digits as the source writes them (lower-case x for id18xl)."""
    return d[:-1] + "x" if kind == "id18xl" else d


def map_digits(s, zero, x_upper="X", x_lower="x"):
    out = []
    for c in s:
        if c.isdigit():
            out.append(chr(zero + int(c)))
        elif c == "X":
            out.append(x_upper)
        elif c == "x":
            out.append(x_lower)
        else:
            out.append(c)
    return "".join(out)


def entity(s):
    """First digit as a decimal entity, a middle one as a hex entity."""
    m = len(s) // 2
    return "&#%d;" % ord(s[0]) + s[1:m] + "&#x%x;" % ord(s[m]) + s[m + 1:]


def pct(s):
    return "".join("%%%02X" % ord(c) for c in s)


def joined(sep):
    return lambda d, k, nl: sep.join(groups_of(as_written(d, k), k))


# Each form: (name, description, function(digits, kind, newline) -> text,
# kinds it applies to or None for all). `newline` is what a soft line break
# must be written as in the place (with the indentation the place needs).
FORMS = [
    ("plain", "13957023102", lambda d, k, nl: as_written(d, k), None),
    ("spaced", "139 5702 3102", joined(" "), None),
    ("hyphen", "139-5702-3102, 110101-19900505-1041", joined("-"), None),
    ("fullwidth", "full-width digits U+FF10..", lambda d, k, nl: map_digits(as_written(d, k), 0xFF10, "\uFF38", "\uFF58"), None),
    ("ideographic", "groups split by U+3000", joined("\u3000"), None),
    ("nbsp", "groups split by U+00A0", joined("\u00a0"), None),
    ("dots", "139.5702.3102", joined("."), None),
    ("brackets", "(139)5702-3102", lambda d, k, nl: "(%s)%s" % (groups_of(as_written(d, k), k)[0], "-".join(groups_of(as_written(d, k), k)[1:])), None),
    ("zwsp", "U+200B between groups", joined("\u200b"), None),
    ("shy", "soft hyphen U+00AD between groups", joined("\u00ad"), None),
    ("wj", "word joiner U+2060 between groups", joined("\u2060"), None),
    ("softbreak", "split over two source lines of one paragraph/scalar/field", lambda d, k, nl: (lambda w: w[:len(w) // 2] + nl + w[len(w) // 2:])(as_written(d, k)), None),
    ("digits", "1 3 9 5 7 0 2 3 1 0 2, one digit at a time", lambda d, k, nl: " ".join(as_written(d, k)), None),
    ("glued", "05718888888 13957023102 glued: an office number before it", lambda d, k, nl: "05718888888" + d, ["mobile"]),
    ("plus86", "+86 prefix", lambda d, k, nl: "+86 " + d, ["mobile"]),
    ("p0086", "0086 prefix, no space", lambda d, k, nl: "0086" + d, ["mobile"]),
    ("arabic", "Arabic-Indic digits U+0660..", lambda d, k, nl: map_digits(as_written(d, k), 0x0660), None),
    ("devanagari", "Devanagari digits U+0966..", lambda d, k, nl: map_digits(as_written(d, k), 0x0966), None),
    ("mathbold", "mathematical bold digits U+1D7CE..", lambda d, k, nl: map_digits(as_written(d, k), 0x1D7CE), None),
    ("md_bold", "139**5710**3110", lambda d, k, nl: (lambda g: g[0] + "**" + g[1] + "**" + "".join(g[2:]))(groups_of(as_written(d, k), k)), None),
    ("md_em", "139*5702*3102 (looks masked when not rendered)", lambda d, k, nl: (lambda g: g[0] + "*" + g[1] + "*" + "".join(g[2:]))(groups_of(as_written(d, k), k)), None),
    ("md_link", "[139](https://example.org/)57333133", lambda d, k, nl: (lambda g: "[" + g[0] + "](https://example.org/)" + "".join(g[1:]))(groups_of(as_written(d, k), k)), None),
    ("md_strike", "~~139~~57343134", lambda d, k, nl: (lambda g: "~~" + g[0] + "~~" + "".join(g[1:]))(groups_of(as_written(d, k), k)), None),
    ("entity", "&#49;39..&#x35;.. (HTML character references)", lambda d, k, nl: entity(as_written(d, k)), None),
    # URL forms: only where a URL is (link targets, autolinks, and bare URLs in a body)
    ("tel", "tel:13957023102", lambda d, k, nl: "tel:" + as_written(d, k), None),
    ("query", "https://example.org/q?id=…", lambda d, k, nl: "https://example.org/q?id=" + as_written(d, k), None),
    ("pct", "percent-encoded %31%33%39…", lambda d, k, nl: "https://example.org/q?id=" + pct(as_written(d, k)), None),
]
FORM = {f[0]: f for f in FORMS}
URL_FORMS = ["tel", "query", "pct"]
MARKUP_FORMS = ["md_bold", "md_em", "md_link", "md_strike"]
CORE_FORMS = ["plain", "spaced", "fullwidth", "md_bold"]
SPACE_FORMS = ["spaced", "digits", "ideographic", "nbsp"]


def form_text(form, d, kind, nl="\n"):
    return FORM[form][2](d, kind, nl)


def form_kinds(form):
    return FORM[form][3]


# ---------------------------------------------------------------- places

WHY = {
    "url": "URL form: only meaningful in a link destination (and as a bare URL in a body paragraph)",
    "nourl": "no Markdown, spaces or line breaks inside a URL; the URL forms cover it",
    "table": "a GFM table row is one source line",
    "codeblock": "a line break in a code block is a hard break, not a paragraph's soft break",
    "nest": "links cannot nest",
    "core": "one scalar per file: the core forms (plain, spaced, full-width, markup) only",
    "autolink": "an autolink holds no spaces, line breaks or Markdown",
}

# place -> (description, skipped {form: reason key})
ALL_NON_URL = {f: "url" for f in URL_FORMS}
PLACES = {
    "body": ("body paragraph of a record", {}),
    "heading": ("ATX heading (setext heading for the soft break)", ALL_NON_URL),
    "table": ("GFM table cell", dict(ALL_NON_URL, softbreak="table")),
    "list": ("list item", ALL_NON_URL),
    "blockquote": ("block quote", ALL_NON_URL),
    "footnote": ("footnote text", ALL_NON_URL),
    "linktext": ("link text", dict(ALL_NON_URL, md_link="nest")),
    "linktarget": ("link destination", {f: "nourl" for f in MARKUP_FORMS + ["softbreak"]}),
    "autolink": ("autolink <…>", {f: "autolink" for f in MARKUP_FORMS + ["softbreak", "spaced", "digits"]}),
    "linktitle": ("link title", ALL_NON_URL),
    "imgalt": ("image alt text", ALL_NON_URL),
    "codespan": ("code span", ALL_NON_URL),
    "codeblock": ("fenced code block", dict(ALL_NON_URL, softbreak="codeblock")),
    "page_body": ("body of a free page (pages/)", ALL_NON_URL),
    "profile_body": ("body of a site profile (sites/ID/index.md)", ALL_NON_URL),
    "fm_title": ("front matter title", ALL_NON_URL),
    "fm_summary": ("front matter summary", ALL_NON_URL),
    "fm_author": ("front matter author 发布单位", ALL_NON_URL),
    "fm_location": ("front matter location 地点 (free text) of a meeting", ALL_NON_URL),
    "fm_tags": ("front matter list: tags", ALL_NON_URL),
    "fm_agenda": ("front matter list: agenda 议题 of a meeting", ALL_NON_URL),
    "profile_location": ("site profile 位置", None),
    "site_footer": ("site.yaml footer.contact", None),
    "notice_contact": ("公示 notice.contact", ALL_NON_URL),
    "csv_note": ("公示 rows: CSV cell 备注", ALL_NON_URL),
    "csv_name": ("公示 rows: CSV cell 姓名", None),
    "attach_txt": ("text attachment static/*.txt linked by a published record", ALL_NON_URL),
    "attach_csv": ("text attachment static/*.csv linked by a published record", ALL_NON_URL),
    "summary_cut": ("first paragraph (no summary key) whose 120th character falls inside the number", None),
}
CUT_FORMS = ["plain", "spaced", "hyphen", "fullwidth", "md_bold", "zwsp"]


def place_forms(place):
    """(forms used, {form: reason} skipped) for a place."""
    skip = PLACES[place][1]
    if place == "summary_cut":
        skip = {f[0]: "summary cut: %s only (one record each)" % ", ".join(CUT_FORMS)
                for f in FORMS if f[0] not in CUT_FORMS}
    elif skip is None:
        skip = {f[0]: "core" for f in FORMS if f[0] not in CORE_FORMS}
    used = [f[0] for f in FORMS if f[0] not in skip]
    return used, {f: WHY.get(r, r) for f, r in skip.items()}


# ---------------------------------------------------------------- writing

class Doc:
    """A file being written, which knows where each planted number starts."""

    def __init__(self, rel):
        self.rel = rel
        self.parts = []
        self.len = 0
        self.marks = []   # (offset in characters, entry)

    def add(self, s):
        self.parts.append(s)
        self.len += len(s)

    def plant(self, text, entry, lead=0):
        """Adds text; the number's written form starts `lead` characters in."""
        self.marks.append((self.len + lead, entry))
        self.add(text)

    def text(self):
        return "".join(self.parts)


class Tree:
    def __init__(self, root, nums, masked=False):
        self.root = root
        self.nums = nums
        self.masked = masked    # write every number masked (the scanner's control)
        self.docs = []
        self.entries = []
        self.raw = {}   # rel -> bytes

    def doc(self, rel):
        d = Doc(rel)
        self.docs.append(d)
        return d

    def entry(self, kind, form, place, written):
        e = {"id": len(self.entries) + 1, "digits": None, "kind": kind, "form": form,
             "place": place, "written": written}
        self.entries.append(e)
        return e

    def number(self, kind, form, place, nl="\n"):
        """A new number of `kind` written in `form`: (text, entry)."""
        d = self.nums.new(kind)
        t = form_text(form, masked(d, kind) if self.masked else d, kind, nl)
        e = self.entry(kind, form, place, t)
        e["digits"] = d
        return t, e

    def write(self):
        for d in self.docs:
            s = d.text()
            for off, e in d.marks:
                line = s.count("\n", 0, off) + 1
                col = off - (s.rfind("\n", 0, off) + 1) + 1
                e["file"] = d.rel
                e["line"] = line
                e["col"] = col
                end = off + len(e["written"])
                e["lines"] = list(range(line, s.count("\n", 0, end) + 2)) if "\n" in e["written"] else [line]
            p = os.path.join(self.root, "content", d.rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8", newline="\n") as f:
                f.write(s)
        for rel, b in self.raw.items():
            p = os.path.join(self.root, "content", rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(b)
        missing = [e for e in self.entries if "file" not in e]
        assert not missing, missing[:3]


GIF = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c000000000100010000020144003b")

SITE_YAML = """title: 隐私测试县公开网
base_url: https://example.invalid/
as_of: 2025-06-30
unsafe_html: false
privacy_allow: ["0871-63512480"]
footer:
  org: 测试县委组织部
{footer}rules:
  disclosure_since: 2025-01-01
  disclosure_grace_days: 15
  disclosure_frequency:
    财务公开: yearly
    村务公开: yearly
    党务公开: yearly
"""


def yq(s):
    """A YAML double-quoted scalar (s holds no backslash or double quote)."""
    assert "\\" not in s and '"' not in s, s
    return '"' + s + '"'


def label(kind):
    # Only the wrong-Luhn card needs a card word beside it; the others stand
    # alone, so that no detector may lean on a keyword.
    return "银行卡号 " if kind == "cardbad" else "记录 "


def cell_kinds(place, form, i):
    """The kinds planted in one form x place cell."""
    ks = form_kinds(form)
    if ks is not None:
        return ks
    if place in ("body", "attach_txt"):
        return ["mobile"] + OTHER_KINDS
    return ["mobile", OTHER_KINDS[i % len(OTHER_KINDS)]]


def base_site(t, footer=""):
    d = t.doc("site.yaml")
    d.add(SITE_YAML.format(footer=footer))
    t.raw["static/x.png"] = GIF
    d = t.doc("pages/about.md")
    d.add("---\n标题: 关于本站\n---\n\n本站公开测试内容。\n")
    return d


def profile(t):
    d = t.doc("sites/cun/index.md")
    d.add("---\n名称: 测试村\n层级: 村\n类型: 资源型\n位置: 测试乡\n---\n\n测试村简介。\n")
    return d


def record_head(d, title, date, extra=""):
    d.add("---\ntitle: %s\ndate: %s\n%s---\n\n" % (title, date, extra))


def md_block(place):
    """(prefix, suffix, newline) to put a number's text into a Markdown place."""
    if place in ("body", "page_body", "profile_body"):
        return "联系方式：", "。\n\n", "\n"
    if place == "heading":
        return "## 联系 ", "\n\n", None
    if place == "table":
        return "| 联系 ", " | 备注 |\n", None
    if place == "list":
        return "- 联系 ", "\n", "\n  "
    if place == "blockquote":
        return "> 联系 ", "\n\n", "\n> "
    if place == "linktext":
        return "[联系 ", "](https://example.org/)\n\n", "\n"
    if place == "linktitle":
        return "[联系方式](https://example.org/ \"电话 ", "\")\n\n", "\n"
    if place == "imgalt":
        return "![电话 ", "](../../../static/x.png)\n\n", "\n"
    if place == "codespan":
        return "号码 `", "` 。\n\n", "\n"
    raise ValueError(place)


def plant_blocks(t, d, place):
    """Appends to d one block per number of every form of a Markdown `place`."""
    forms, _ = place_forms(place)
    i = 0
    fn = 0
    if place == "table":
        d.add("| 联系 | 说明 |\n|---|---|\n")
    for form in forms:
        for kind in cell_kinds(place, form, i):
            i += 1
            if place == "heading" and form == "softbreak":
                text, e = t.number(kind, form, place, "\n")
                d.add("联系 " + label(kind))
                d.plant(text, e)
                d.add("\n---\n\n")   # setext heading: its text may span lines
                continue
            if place == "footnote":
                fn += 1
                text, e = t.number(kind, form, place, "\n    ")
                d.add("见注[^n%d]。\n\n[^n%d]: 联系 %s" % (fn, fn, label(kind)))
                d.plant(text, e)
                d.add("\n\n")
                continue
            if place == "codeblock":
                text, e = t.number(kind, form, place)
                d.add("```\n联系 %s" % label(kind))
                d.plant(text, e)
                d.add("\n```\n\n")
                continue
            if place == "linktarget":
                text, e = t.number(kind, form, place, None)
                if form in URL_FORMS:
                    url = text
                elif form in SPACE_FORMS:
                    url = "<tel:%s>" % text
                else:
                    url = "tel:" + text
                d.add("%s[联系方式](" % label(kind))
                d.plant(url, e, url.index(text))
                d.add(")\n\n")
                continue
            if place == "autolink":
                text, e = t.number(kind, form, place, None)
                url = text if form in URL_FORMS else "https://example.org/n/" + text
                d.add("%s<" % label(kind))
                d.plant(url, e, url.index(text))
                d.add(">\n\n")
                continue
            pre, post, nl = md_block(place)
            text, e = t.number(kind, form, place, nl or "\n")
            d.add(pre + label(kind))
            d.plant(text, e)
            d.add(post)
    if place == "table":
        d.add("\n")


def plant_main(root, seed, masked=False):
    nums = Numbers(seed)
    t = Tree(root, nums, masked)

    # site.yaml footer.contact: the core forms, one line of folded scalar each
    parts = [t.number("mobile", f, "site_footer", "\n    ") for f in CORE_FORMS]
    footer = '  contact: "县委组织部'
    site = t.doc("site.yaml")
    t.raw["static/x.png"] = GIF
    site.add(SITE_YAML.split("{footer}")[0])
    site.add(footer)
    for text, e in parts:
        site.add("，\n    ")
        site.plant(text, e)
    site.add('"\n')
    site.add(SITE_YAML.split("{footer}")[1])
    t.doc("pages/about.md").add("---\n标题: 关于本站\n---\n\n本站公开测试内容。\n")

    # profile: location (core forms) and body (all forms)
    prof = t.doc("sites/cun/index.md")
    prof.add('---\n名称: 测试村\n层级: 村\n类型: 资源型\n位置: "测试乡')
    for i, f in enumerate(CORE_FORMS):
        for k in cell_kinds("profile_location", f, i):
            text, e = t.number(k, f, "profile_location", "\n  ")
            prof.add("，\n  %s" % label(k))
            prof.plant(text, e)
    prof.add('"\n---\n\n测试村简介。\n\n')
    plant_blocks(t, prof, "profile_body")

    md_places = ["body", "heading", "table", "list", "blockquote", "footnote", "linktext",
                 "linktarget", "autolink", "linktitle", "imgalt", "codespan", "codeblock"]
    for i, place in enumerate(md_places):
        d = t.doc("sites/cun/work/2025-02-%02d-%s.md" % (i + 1, place))
        record_head(d, "隐私测试：%s" % place, "2025-02-%02d" % (i + 1), "summary: 本记录用于隐私测试。\n")
        plant_blocks(t, d, place)
    d = t.doc("pages/lianxi.md")
    d.add("---\n标题: 联系我们\n---\n\n")
    plant_blocks(t, d, "page_body")

    # front matter: one meeting record per form, two numbers in each place
    fm_places = ["fm_title", "fm_summary", "fm_author", "fm_location", "fm_tags", "fm_agenda"]
    forms = sorted(set(sum((place_forms(p)[0] for p in fm_places), [])), key=[f[0] for f in FORMS].index)
    for fi, form in enumerate(forms):
        d = t.doc("sites/cun/meetings/2025-03-%02d-fm-%s.md" % (fi + 1, form.replace("_", "-")))
        d.add("---\n")
        for pi, place in enumerate(fm_places):
            if form not in place_forms(place)[0]:
                continue
            key = {"fm_title": "title", "fm_summary": "summary", "fm_author": "author",
                   "fm_location": "location", "fm_tags": "tags", "fm_agenda": "agenda"}[place]
            ks = cell_kinds(place, form, fi + pi)
            if key in ("tags", "agenda"):
                d.add("%s:\n" % key)
                for k in ks:
                    text, e = t.number(k, form, place, "\n    ")
                    d.add('  - "%s' % label(k).strip())
                    d.plant(text, e)
                    d.add('"\n')
            else:
                d.add('%s: "%s' % (key, {"title": "支部委员会", "summary": "会议联系",
                                         "author": "测试村支部", "location": "村活动室"}[key]))
                for k in ks:
                    text, e = t.number(k, form, place, "\n  ")
                    d.add("，\n  %s" % label(k))
                    d.plant(text, e)
                d.add('"\n')
        d.add("date: 2025-03-%02d\nmeeting_type: 支部委员会\nexpected: 5\npresent: 5\n---\n\n"
              "支部委员会按期召开。\n" % (fi + 1))

    # 公示: notice.contact (folded, one number a line) and rows: CSV cells
    d = t.doc("sites/cun/disclosures/2025-06-01-dibao-gongshi.md")
    d.add("---\ntitle: 测试村低保公示\ndate: 2025-06-01\ncategory: 村务公开\nperiod: 2025\n"
          "notice:\n  kind: 低保\n  from: 2025-06-01\n  to: 2025-06-10\n  contact: \"村务监督委员会")
    forms, _ = place_forms("notice_contact")
    i = 0
    for form in forms:
        for k in cell_kinds("notice_contact", form, i):
            i += 1
            text, e = t.number(k, form, "notice_contact", "\n    ")
            d.add("，\n    %s" % label(k))
            d.plant(text, e)
    d.add('"\nrows: 2025-06-01-dibao-gongshi.csv\n---\n\n公示名单见下表。\n')
    c = t.doc("sites/cun/disclosures/2025-06-01-dibao-gongshi.csv")
    c.add("序号,村民小组,姓名,保障人数,保障金额,类别,备注\n")
    n = 0
    for place in ("csv_note", "csv_name"):
        forms, _ = place_forms(place)
        i = 0
        for form in forms:
            for k in cell_kinds(place, form, i):
                i += 1
                n += 1
                text, e = t.number(k, form, place, "\n")
                c.add('%d,一组,"' % n)
                if place == "csv_name":
                    c.plant(text, e)
                    c.add('",1,300,新增,"无"\n')
                else:
                    c.add('张三",1,300,新增,"%s' % label(k))
                    c.plant(text, e)
                    c.add('"\n')

    # text attachments, linked from a published record
    for place, rel in (("attach_txt", "static/fujian/lianxi.txt"), ("attach_csv", "static/fujian/lianxi.csv")):
        a = t.doc(rel)
        if place == "attach_csv":
            a.add("序号,姓名,联系\n")
        forms, _ = place_forms(place)
        i = 0
        for form in forms:
            for k in cell_kinds(place, form, i):
                i += 1
                text, e = t.number(k, form, place, "\n")
                if place == "attach_csv":
                    a.add('%d,张三,"%s' % (i, label(k)))
                    a.plant(text, e)
                    a.add('"\n')
                else:
                    a.add("%d. 联系 %s" % (i, label(k)))
                    a.plant(text, e)
                    a.add("\n")
    d = t.doc("sites/cun/work/2025-02-20-fujian.md")
    record_head(d, "联系名单附件", "2025-02-20",
                "attachments: [fujian/lianxi.txt, fujian/lianxi.csv]\n")
    d.add("名单见附件：[文本](../../../static/fujian/lianxi.txt)、[表格](../../../static/fujian/lianxi.csv)。\n")

    # summary cut: the 120th character of the first paragraph falls on the
    # number's last but two character, so a summary cut there holds all of it
    # but two (and a mask beside it shows the last four)
    filler = "村党支部组织党员开展集中学习和入户走访工作并听取群众意见建议" * 5
    n = 0
    for form in CUT_FORMS:
        for k in ("mobile", "id18"):
            n += 1
            d = t.doc("sites/cun/work/2025-04-%02d-zhaiyao-%d.md" % (n, n))
            record_head(d, "摘要截断测试 %d" % n, "2025-04-%02d" % n)
            text, e = t.number(k, form, "summary_cut")
            shown = text.replace("**", "")   # characters as rendered
            d.add(filler[:120 - (len(shown) - 2)])
            d.plant(text, e)
            d.add("，以上为联系方式。\n\n第二段正文。\n")

    t.write()
    skipped = []
    for place in PLACES:
        for f, why in sorted(place_forms(place)[1].items()):
            skipped.append({"place": place, "form": f, "why": why})
    for f in FORMS:
        if f[3] is not None:
            skipped.append({"place": "*", "form": f[0],
                            "why": "applies to %s only" % ", ".join(f[3])})
    return {"tree": "masked" if masked else "main", "seed": seed,
            "forms": {f[0]: f[1] for f in FORMS},
            "places": {p: v[0] for p, v in PLACES.items()},
            "kinds": KINDS,
            "skipped": skipped,
            "notes": [
                "entity, markup and URL forms in front matter, CSV cells and text attachments are "
                "shown literally (&#49;39…, 139**5710**3110); they count as leaks because a reader "
                "recovers every digit",
                "a soft break in a YAML double-quoted scalar folds into a space",
                "site.yaml has no privacy key: the mask build tests the default; the suite adds "
                "privacy: refuse for the refuse build",
                "cells outside body and attach_txt hold a mobile and one other kind (rotating); "
                "body and attach_txt hold every kind",
            ],
            "numbers": t.entries}


def small_tree(root, seed, name):
    nums = Numbers(seed + {"internal": 1, "filename": 2, "tag": 3, "pdf": 4}[name])
    t = Tree(root, nums)
    base_site(t)
    profile(t)
    d = t.doc("sites/cun/work/2025-01-10-peixun.md")
    record_head(d, "党员培训", "2025-01-10", "tags: [培训]\n")
    d.add("开展党员培训一次。\n")
    info = {"tree": name, "seed": seed}
    if name == "internal":
        a = t.doc("static/neibu/mingdan.txt")
        a.add("内部名单\n")
        for k in ("mobile", "id18"):
            text, e = t.number(k, "plain", "attach_internal")
            a.add("联系 ")
            a.plant(text, e)
            a.add("\n")
        d = t.doc("sites/cun/meetings/2025-01-15-neibu.md")
        record_head(d, "支部委员会内部纪要", "2025-01-15",
                    "audience: internal\nmeeting_type: 支部委员会\nexpected: 5\npresent: 5\n"
                    "attachments: [neibu/mingdan.txt]\n")
        d.add("名单见[附件](../../../static/neibu/mingdan.txt)。\n")
        info["absent"] = ["static/neibu/mingdan.txt"]
    elif name == "filename":
        files = []
        for i, form in enumerate(("plain", "hyphen")):
            dg = nums.new("mobile")
            slug = form_text(form, dg, "mobile")
            rel = "sites/cun/work/2025-01-%02d-%s.md" % (12 + i, slug)
            d = t.doc(rel)
            record_head(d, "走访记录", "2025-01-%02d" % (12 + i))
            d.add("走访一户。\n")
            e = t.entry("mobile", form, "file_name", slug)
            e["digits"] = dg
            e["file"], e["line"], e["col"], e["lines"] = rel, 0, 0, [0]
            files.append(rel)
        info["files"] = files
    elif name == "tag":
        d = t.doc("sites/cun/work/2025-01-20-zoufang.md")
        d.add("---\ntitle: 走访记录\ndate: 2025-01-20\ntags:\n  - ")
        text, e = t.number("mobile", "plain", "fm_tags")
        d.plant(text, e)
        d.add("\n  - 联系")
        text, e = t.number("mobile", "plain", "fm_tags")
        d.plant(text, e)
        d.add("\n---\n\n走访一户。\n")
        info["files"] = ["sites/cun/work/2025-01-20-zoufang.md"]
    elif name == "pdf":
        # the same sheet twice: content streams as they are, and Flate-compressed
        info["pdfs"] = []
        for rel, flate in (("static/docs/qiandao.pdf", False), ("static/docs/huamingce.pdf", True)):
            mob, idn = nums.new("mobile"), nums.new("id18")
            t.raw[rel] = make_pdf([["Sign-in sheet", "Training for party members"],
                                   ["Sign-in sheet (continued)", "Contact %s" % mob, "ID %s" % idn]], flate)
            for k, dg in (("mobile", mob), ("id18", idn)):
                e = t.entry(k, "plain", "pdf_page2", dg)
                e["digits"] = dg
                e["file"], e["line"], e["col"], e["lines"] = rel, 0, 0, [0]
            info["pdfs"].append(rel)
        d = t.doc("sites/cun/work/2025-01-25-qiandao.md")
        record_head(d, "培训签到表", "2025-01-25",
                    "attachments: [docs/qiandao.pdf, docs/huamingce.pdf]\n")
        d.add("签到表见附件。\n")
        info["page"] = 2
    t.write()
    info["numbers"] = t.entries
    return info


def make_pdf(pages, flate=False):
    """A minimal valid PDF: one Helvetica text page per list of lines."""
    objs = []
    n = len(pages)
    # 1 catalog, 2 pages, 3 font, then page/content pairs
    kids = " ".join("%d 0 R" % (4 + 2 * i) for i in range(n))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n)).encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
        for ln in lines:
            esc = ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append("(%s) Tj T*" % esc)
        ops.append("ET")
        stream = ("\n".join(ops) + "\n").encode("latin-1")
        filt = b""
        if flate:
            stream = zlib.compress(stream)
            filt = b" /Filter /FlateDecode"
        objs.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                     "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)).encode())
        objs.append(b"<< /Length %d%s >>\nstream\n" % (len(stream), filt) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


# ---------------------------------------------------------------- false positives

def fp_values():
    """(value, what) pairs that are no personal number and must stay as written."""
    return [
        ("12345.67", "amount"), ("1234567.89", "amount"), ("2,345,678.90", "amount"),
        ("81949.24", "amount"), ("100000000.00", "amount"), ("13957.02", "amount"),
        ("2024-06-12", "date"), ("2024年6月12日", "date"), ("20240612", "date"),
        ("2024.06.12", "date"), ("2024/06/12", "date"),
        ("2024-06-12至2024-06-19", "date range"), ("2024.06.12-2024.06.19", "date range"),
        ("2024-Q2", "period"), ("2024-06", "period"), ("2024-H1", "period"),
        ("〔2024〕10号", "公文 number"), ("县委发〔2024〕10号", "公文 number"),
        ("某政办发〔2023〕128号", "公文 number"),
        ("91532901MA6K3G8X1Q", "统一社会信用代码"), ("12532901015123456B", "统一社会信用代码"),
        ("92532901MA6NWQ8J6R", "统一社会信用代码"),
        ("0871-63512480", "privacy_allow office phone"), ("13987650001", "privacy_allow duty mobile"),
        ("0871-63612399", "landline, not personal"), ("1234户", "count"),
        ("85.5%", "percentage"), ("第1234567号", "serial"),
        ("1 3 5 7 9 11 13 15 17 19", "list of numbers"), ("3 5 12", "counts"),
    ]


def plant_fp(root):
    t = Tree(root, Numbers(0))
    d = t.doc("site.yaml")
    d.add(SITE_YAML.format(footer='  contact: "值班电话 0871-63512480"\n').replace(
        'privacy_allow: ["0871-63512480"]', 'privacy: mask\nprivacy_allow: ["0871-63512480", "13987650001"]'))
    t.raw["static/x.png"] = GIF
    t.doc("pages/about.md").add("---\n标题: 关于本站\n---\n\n本站公开测试内容。\n")
    profile(t)
    vals = fp_values()
    body = t.doc("sites/cun/work/2025-02-01-shuzi.md")
    record_head(body, yq("数字示例 %s %s" % (vals[0][0], vals[14][0])), "2025-02-01",
                "summary: %s\n" % yq("摘要含 %s、%s、%s、%s" % (vals[6][0], vals[16][0], vals[19][0], vals[22][0])))
    for v, what in vals:
        body.add("%s：%s。\n\n" % (what, v))
    body.add("| 项目 | 数值 |\n|---|---|\n")
    for v, what in vals:
        body.add("| %s | %s |\n" % (what, v))
    body.add("\n")
    # counts one digit a cell, eleven cells in a row: a table of counts, not a mobile written apart
    body.add("| 月份 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 |\n|" + "---|" * 12 + "\n"
             "| 来访人次 | 1 | 3 | 9 | 5 | 7 | 0 | 2 | 3 | 1 | 0 | 2 |\n\n")
    # a 财务公开 whose amounts are long
    f = t.doc("sites/cun/disclosures/2025-04-08-caiwu-q1.md")
    f.add("---\ntitle: 测试村2025年第一季度财务公开\ndate: 2025-04-08\ncategory: 财务公开\nperiod: 2025\n"
          "finance:\n  opening_balance: 1234567.89\n  income:\n    - {item: 上级转移支付, amount: 81949.24}\n"
          "    - {item: 项目资金 〔2024〕10号, amount: 13957023.10}\n  expense:\n"
          "    - {item: 办公经费, amount: 14773.15}\n  closing_balance: 15258767.08\n---\n\n"
          "本季度收支情况如下。文件 县委发〔2024〕10号，统一社会信用代码 91532901MA6K3G8X1Q。\n")
    t.write()
    return {"tree": "fp", "values": [{"value": v, "what": w} for v, w in vals],
            "finance_note": "sites/cun/disclosures/2025-04-08-caiwu-q1.md holds long amounts "
                            "(13957023.10: its digits start like a mobile)"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("outdir")
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    trees = {}
    for name in ("main", "masked", "internal", "filename", "tag", "pdf", "fp"):
        root = os.path.join(a.outdir, name)
        shutil.rmtree(root, ignore_errors=True)
        os.makedirs(root)
        if name in ("main", "masked"):
            m = plant_main(root, a.seed, name == "masked")
        elif name == "fp":
            m = plant_fp(root)
        else:
            m = small_tree(root, a.seed, name)
        with open(os.path.join(root, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(m, f, ensure_ascii=False, indent=1)
        trees[name] = len(m.get("numbers", m.get("values", [])))
    print("planted: " + ", ".join("%s %d" % kv for kv in trees.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
