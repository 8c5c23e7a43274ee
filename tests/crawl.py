#!/usr/bin/env python3
"""crawl.py: checks a built site the way a visitor opening files would.

    python3 tests/crawl.py OUTPUT_DIR [--max-kb 40] [--label NAME]

Starts at OUTPUT_DIR/index.html and follows every relative href, src and
(form) action, with file:// semantics: a link to a folder is broken, links
must name index.html or a file. Prints one PASS:/FAIL: line per family of
checks, with the first few offending files on failure:

  links       every internal link names an existing file inside the folder
  fragments   every #id of an internal link exists on the page it names
  root        no link is absolute to the site root ('/x'): the site must work
              from any folder, a USB stick, or a sub-path of a server
  reach       every .html file is reached from index.html (404.html excepted:
              the server shows it, nothing links to it; so is a noindex page,
              the notice left at a withdrawn record's address)
  size        every page's HTML plus the CSS and JS it loads is <= 40 KB (raised from 30 KB in the seventh session: the government footer, the
              公示 and 三公开 lead sections and the 四议两公开 lists; gzip brings 40 KB to about 10 KB)
  lang        every page has <html lang="zh-CN">
  h1          every page has exactly one <h1>
  headings    no heading level is skipped going down (h2 -> h4)
  tables      every <table> has at least one <th>

Python 3 standard library only. Exit status 0 when every check passed.
"""
import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

SHOW = 5  # offending files listed per failed check


def noindex(path):
    """A page that asks not to be indexed (a withdrawal notice): nothing links to it."""
    with open(path, encoding="utf-8", errors="replace") as f:
        return 'name="robots" content="noindex"' in f.read()


class Page(HTMLParser):
    """What one HTML file says: its links, ids, headings, tables, lang."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []        # (attribute, url, tag, rel)
        self.ids = set()
        self.headings = []     # levels in document order
        self.h1 = 0
        self.lang = None
        self.tables = 0
        self.tables_with_th = 0
        self._table_stack = []  # one flag per open <table>: saw a <th>
        self.assets = []       # stylesheets and scripts it loads

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a and a["id"] is not None:
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in ("href", "src", "action"):
            if a.get(attr) is not None:
                self.links.append((attr, a[attr], tag, (a.get("rel") or "").lower()))
        if tag == "link" and "stylesheet" in (a.get("rel") or "").lower() and a.get("href"):
            self.assets.append(a["href"])
        if tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        if tag == "html":
            self.lang = a.get("lang")
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append(int(tag[1]))
            if tag == "h1":
                self.h1 += 1
        if tag == "table":
            self.tables += 1
            self._table_stack.append(False)
        if tag == "th" and self._table_stack:
            self._table_stack[-1] = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "table" and self._table_stack:
            if self._table_stack.pop():
                self.tables_with_th += 1


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p


def is_external(url):
    s = urlsplit(url)
    return bool(s.scheme) or url.startswith("//")


def main(argv):
    args = argv[1:]
    max_kb = 40
    label = None
    if "--max-kb" in args:
        i = args.index("--max-kb")
        max_kb = int(args[i + 1])
        del args[i:i + 2]
    if "--label" in args:
        i = args.index("--label")
        label = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = os.path.realpath(args[0])
    label = label or os.path.basename(root.rstrip("/"))
    start = os.path.join(root, "index.html")
    if not os.path.isfile(start):
        print(f"FAIL: crawl {label}: no index.html in {args[0]}")
        return 1

    problems = {k: [] for k in ("links", "fragments", "root", "reach", "size", "lang", "h1",
                                "headings", "tables")}
    pages = {}
    queue = [start]
    fragment_refs = []  # (from, target file, fragment)
    while queue:
        path = queue.pop()
        if path in pages:
            continue
        try:
            page = parse(path)
        except (OSError, UnicodeDecodeError) as e:
            problems["links"].append(f"{os.path.relpath(path, root)}: cannot read: {e}")
            pages[path] = None
            continue
        pages[path] = page
        here = os.path.dirname(path)
        rel_here = os.path.relpath(path, root)
        for attr, url, tag, rel in page.links:
            url = url.strip()
            if url == "" or is_external(url):
                continue
            if url.startswith("#"):
                if len(url) > 1:
                    fragment_refs.append((rel_here, path, unquote(url[1:])))
                continue
            if url.startswith("/"):
                problems["root"].append(f"{rel_here}: {attr}=\"{url}\"")
                continue
            s = urlsplit(url)
            target = os.path.normpath(os.path.join(here, unquote(s.path)))
            if target != root and not target.startswith(root + os.sep):
                problems["links"].append(f"{rel_here}: {url} leaves the site folder")
                continue
            if os.path.isdir(target):
                problems["links"].append(f"{rel_here}: {url} is a folder (write .../index.html)")
                continue
            if not os.path.isfile(target):
                problems["links"].append(f"{rel_here}: {url} does not exist")
                continue
            if s.fragment:
                fragment_refs.append((rel_here, target, unquote(s.fragment)))
            if target.endswith(".html") and target not in pages:
                queue.append(target)

    for src, target, frag in fragment_refs:
        page = pages.get(target)
        if page is None and target.endswith(".html"):
            try:
                page = parse(target)
            except (OSError, UnicodeDecodeError):
                page = None
        if page is not None and frag not in page.ids:
            problems["fragments"].append(f"{src}: #{frag} not on {os.path.relpath(target, root)}")

    all_html = []
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".html"):
                all_html.append(os.path.join(d, f))
    all_html.sort()
    for path in all_html:
        rel = os.path.relpath(path, root)
        if path not in pages and rel != "404.html" and not noindex(path):
            problems["reach"].append(rel)
        page = pages.get(path)
        if page is None:
            try:
                page = parse(path)
            except (OSError, UnicodeDecodeError):
                continue
        size = os.path.getsize(path)
        for asset in dict.fromkeys(page.assets):
            if is_external(asset) or asset.startswith("/"):
                continue
            a = os.path.normpath(os.path.join(os.path.dirname(path), unquote(urlsplit(asset).path)))
            if os.path.isfile(a):
                size += os.path.getsize(a)
        if size > max_kb * 1024:
            problems["size"].append(f"{rel}: {size / 1024:.1f} KB with its CSS and JS")
        if page.lang != "zh-CN":
            problems["lang"].append(f"{rel}: lang={page.lang!r}")
        if page.h1 != 1:
            problems["h1"].append(f"{rel}: {page.h1} <h1>")
        prev = None
        for lvl in page.headings:
            if prev is not None and lvl > prev + 1:
                problems["headings"].append(f"{rel}: h{prev} then h{lvl}")
                break
            prev = lvl
        if page.tables != page.tables_with_th:
            problems["tables"].append(f"{rel}: {page.tables - page.tables_with_th} table(s) without <th>")

    names = {
        "links": "internal links resolve to files",
        "fragments": "link fragments name ids on their pages",
        "root": "no links absolute to the site root",
        "reach": f"every page is reached from index.html ({len(pages)} of {len(all_html)} crawled)",
        "size": f"every page with its CSS and JS is <= {max_kb} KB",
        "lang": "every page has lang=\"zh-CN\"",
        "h1": "every page has exactly one <h1>",
        "headings": "no heading level skipped going down",
        "tables": "every table has <th>",
    }
    failed = 0
    for key, what in names.items():
        bad = list(dict.fromkeys(problems[key]))
        if not bad:
            print(f"PASS: crawl {label}: {what}")
            continue
        failed += 1
        more = f" (and {len(bad) - SHOW} more)" if len(bad) > SHOW else ""
        print(f"FAIL: crawl {label}: {what}: {len(bad)} problem(s): " + "; ".join(bad[:SHOW]) + more)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
