#!/usr/bin/env python3
"""verdict.py: turn the privacy suite's builds and scans into PASS:/FAIL: lines
(tests/suite_privacy.sh calls it; one subcommand per assertion family).

  cells   --manifest M --leaks L.json --root DIR
          one line per form x place of the planted tree: which numbers the
          scanner could put back together from output/ and the cache
  refuse  --manifest M --stderr FILE
          one line per place: every planted number has an `error` at
          path:line:col (its file, one of its lines, a column) in stderr
  clean   --what TEXT --leaks L.json [--root DIR]
          one line: the scan found nothing
  count   --what TEXT --check-json J --rule R --want N [--file F]
          one line: `check --format json` holds exactly N findings of rule R
          (all in file F when given)
  values  --manifest M --output DIR
          one line per false-positive value: it appears, as written, in some
          page of DIR; and one line: no masked number (12****34) anywhere
  names   --what TEXT --stderr FILE --pattern REGEX ...
          one line per pattern: an error line of stderr matches it
"""
import argparse
import collections
import html
import json
import os
import re
import sys

ERR = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): error: ")


def load(p):
    with open(p, encoding="utf-8") as f:
        return json.load(f)


def short(p, root):
    if root and p.startswith(root.rstrip("/") + "/"):
        return p[len(root.rstrip("/")) + 1:]
    return p


def cmd_cells(a):
    m = load(a.manifest)
    leaks = load(a.leaks)["leaks"]
    by = collections.defaultdict(list)
    for l in leaks:
        by[l["digits"]].append(l)
    cells = collections.OrderedDict()
    order_p = list(m["places"])
    order_f = list(m["forms"])
    for e in sorted(m["numbers"], key=lambda e: (order_p.index(e["place"]), order_f.index(e["form"]), e["id"])):
        cells.setdefault((e["place"], e["form"]), []).append(e)
    bad = 0
    nleak = 0
    for (place, form), es in cells.items():
        hit = [e for e in es if e["digits"] in by]
        nleak += len(hit)
        if not hit:
            print("PASS: privacy: mask %s × %s (%d numbers)" % (place, form, len(es)))
            continue
        bad += 1
        parts = []
        for e in hit:
            ls = by[e["digits"]]
            hows = sorted({l["how"] for l in ls})
            # the live output first, then the cache
            files = sorted({short(l["file"], a.root) for l in ls}, key=lambda f: (".gongkai-cache" in f, f))
            frag = [l for l in ls if "fragments" in l]
            ftxt = " from %s" % "+".join(frag[0]["fragments"]) if frag and "full" not in hows else ""
            parts.append("%s (%s, %s:%d; %s%s in %s%s)" % (
                e["digits"], e["kind"], e["file"], e["line"], "/".join(hows), ftxt, files[0],
                " +%d more files" % (len(files) - 1) if len(files) > 1 else ""))
        print("FAIL: privacy: mask %s × %s: %d of %d recoverable: %s" %
              (place, form, len(hit), len(es), "; ".join(parts)))
    total = len(m["numbers"])
    line = "privacy: mask recoverable: %d of %d planted numbers (%d of %d form×place cells leak)" % (
        nleak, total, bad, len(cells))
    print(("FAIL: " if nleak else "PASS: ") + line)
    return 1 if nleak else 0


def errors_in(path):
    errs = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for ln in f:
            mt = ERR.match(ln)
            if mt:
                errs.append((mt.group("path"), int(mt.group("line")), int(mt.group("col"))))
    return errs


def cmd_refuse(a):
    m = load(a.manifest)
    errs = errors_in(a.stderr)
    have = collections.defaultdict(set)   # file -> lines with an error and a column
    for p, ln, col in errs:
        if col >= 1:
            have[p].add(ln)

    def found(e):
        for p, lines in have.items():
            if (p == e["file"] or p.endswith("/" + e["file"])) and lines & set(e["lines"]):
                return True
        return False

    places = collections.OrderedDict((p, []) for p in m["places"])
    for e in m["numbers"]:
        places[e["place"]].append(e)
    bad = 0
    for place, es in places.items():
        if not es:
            continue
        miss = [e for e in es if not found(e)]
        if not miss:
            print("PASS: privacy: refuse %s: an error at path:line:col for each of %d numbers" % (place, len(es)))
            continue
        bad += 1
        byform = collections.OrderedDict()
        for e in miss:
            byform.setdefault(e["form"], []).append(e)
        parts = ["%s (%s)" % (f, ", ".join("%s %s:%d" % (e["kind"], e["file"], e["line"]) for e in v))
                 for f, v in byform.items()]
        print("FAIL: privacy: refuse %s: %d of %d numbers have no error at their line: %s" %
              (place, len(miss), len(es), "; ".join(parts)))
    return 1 if bad else 0


def cmd_clean(a):
    leaks = load(a.leaks)["leaks"]
    if not leaks:
        print("PASS: privacy: %s" % a.what)
        return 0
    ds = sorted({l["digits"] for l in leaks})
    where = sorted({short(l["file"], a.root) for l in leaks})
    print("FAIL: privacy: %s: %d numbers recoverable (%s) in %s" %
          (a.what, len(ds), ", ".join(ds[:8]) + (" …" if len(ds) > 8 else ""),
           ", ".join(where[:5]) + (" +%d more" % (len(where) - 5) if len(where) > 5 else "")))
    return 1


def cmd_count(a):
    try:
        j = load(a.check_json)
    except (OSError, ValueError) as ex:
        print("FAIL: privacy: %s: no JSON from check: %s" % (a.what, ex))
        return 1
    fs = [f for f in j.get("findings", []) if f.get("rule") == a.rule]
    where = sorted({"%s:%s" % (f.get("file"), f.get("line")) for f in fs})
    ok = len(fs) == a.want and (a.file is None or all(f.get("file", "").endswith(a.file) for f in fs))
    if ok:
        print("PASS: privacy: %s (%d %s findings)" % (a.what, len(fs), a.rule))
        return 0
    print("FAIL: privacy: %s: %d %s findings, want %d%s: %s" %
          (a.what, len(fs), a.rule, a.want, " in %s" % a.file if a.file else "",
           "; ".join("%s: %s" % (w, f.get("message", "")[:80]) for w, f in zip(where, fs))[:1500]))
    return 1


def cmd_values(a):
    m = load(a.manifest)
    texts = []
    for dp, dn, fn in os.walk(a.output):
        for n in fn:
            if n.endswith((".html", ".xml", ".txt")):
                with open(os.path.join(dp, n), encoding="utf-8", errors="replace") as f:
                    texts.append(html.unescape(f.read()))
    big = "\n".join(texts)
    bad = 0
    masked = sorted(set(re.findall(r"[0-9\uff10-\uff19]{2,}\*{2,}[0-9\uff10-\uff19*]*", big)))
    if masked:
        bad += 1
        print("FAIL: privacy: false positives: output/ holds masked numbers: %s" % ", ".join(masked[:10]))
    else:
        print("PASS: privacy: false positives: nothing in output/ is masked")
    for v in m["values"]:
        if v["value"] in big:
            print("PASS: privacy: false positive %s %s appears unmasked" % (v["what"], v["value"]))
        else:
            bad += 1
            print("FAIL: privacy: false positive %s %s does not appear as written in output/ (masked?)" %
                  (v["what"], v["value"]))
    return 1 if bad else 0


def cmd_names(a):
    with open(a.stderr, encoding="utf-8", errors="replace") as f:
        lines = [ln.rstrip("\n") for ln in f if " error" in ln or "error:" in ln]
    bad = 0
    for pat in a.pattern:
        r = re.compile(pat, re.I)
        if any(r.search(ln) for ln in lines):
            print("PASS: privacy: %s: an error matches /%s/" % (a.what, pat))
        else:
            bad += 1
            print("FAIL: privacy: %s: no error line matches /%s/; errors: %s" %
                  (a.what, pat, " | ".join(lines)[:400] or "none"))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("cells")
    s.add_argument("--manifest", required=True)
    s.add_argument("--leaks", required=True)
    s.add_argument("--root")
    s = sub.add_parser("refuse")
    s.add_argument("--manifest", required=True)
    s.add_argument("--stderr", required=True)
    s = sub.add_parser("clean")
    s.add_argument("--what", required=True)
    s.add_argument("--leaks", required=True)
    s.add_argument("--root")
    s = sub.add_parser("count")
    s.add_argument("--what", required=True)
    s.add_argument("--check-json", required=True)
    s.add_argument("--rule", required=True)
    s.add_argument("--want", type=int, required=True)
    s.add_argument("--file")
    s = sub.add_parser("values")
    s.add_argument("--manifest", required=True)
    s.add_argument("--output", required=True)
    s = sub.add_parser("names")
    s.add_argument("--what", required=True)
    s.add_argument("--stderr", required=True)
    s.add_argument("--pattern", action="append", required=True)
    a = ap.parse_args()
    return globals()["cmd_" + a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
