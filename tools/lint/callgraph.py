#!/usr/bin/env python3
"""callgraph.py: no loop of mutual calls among the generator's files (issue 16).

    python3 tools/lint/callgraph.py [--report] [--src DIR] CI_FILE...

CI_FILE are the call graphs GCC writes with -fcallgraph-info, one per
translation unit (mk/lint.mk compiles every generator/*.c at -O0 into
build/lint/NAME.ci). The graph comes from the compiler, not from reading the
source: GCC has resolved every macro, every static function and every
declaration, and records for each function where it is defined and, for each
call, the call site.

    -fcallgraph-info rather than -fdump-ipa-cgraph: the .ci file is made for
    tools (a VCG graph, one file per unit at a predictable path, with
    file:line:col for every definition and every call site, static functions
    named FILE:NAME), while the IPA dump is a compiler-debugging text whose
    layout changes between GCC releases, names symbols NAME/ORDER and gives no
    positions. At -O0 nothing is inlined or cloned, so each call in the source
    is one edge to the function it names.

What is an edge. A function defined in file A (its definition's position, so
a static inline function of a header belongs to the header) that calls a
function defined in file B gives the file edge A -> B; calls within a file are
not edges. Calls through function pointers are not edges: GCC records them
as calls to "__indirect_call" and does not know the target, and taking a
function's address (the {name, help, fn} table of main.c, callbacks) is no
call either. Library functions (libc, libxml2, cmark-gfm...) are ignored: only
functions defined under --src count (a library header's static inline
function, such as jansson's json_decref, is defined in the unit but not
there).

What is printed, in this order:
  1. every strongly connected component of more than one file (a loop of
     mutual calls): its files, one example call for each file edge inside it
     (pages.c:gen_summary -> archive.c:archive_site_vals, with the call site
     and the number of such calls), and one shortest loop through it;
  2. every loop of #include "..." among DIR/*.h (comments are skipped; a
     header that includes itself is a loop too);
  3. as information, the five longest functions and every function over 100
     lines: lines from the opening brace to the closing one, both counted,
     found by scanning the source from the position GCC gives, skipping
     comments, string and character literals and preprocessor lines, and of
     each #if/#elif/#else reading only the first branch (the first after an
     "#if 0").

Exit status: 0 no loop; 1 a loop of calls or of includes (0 with --report,
which prints the same and never fails on loops); 2 usage error or a file that
cannot be read or parsed.

Python 3 standard library only.
"""
import argparse
import collections
import glob
import os
import re
import sys

LONG_LINES = 100  # functions over this many lines are listed
TOP_N = 5  # the longest functions always shown

# One field of a VCG node or edge: key: "value" (GCC escapes nothing we need).
FIELD = re.compile(r'(\w+)\s*:\s*"((?:[^"\\]|\\.)*)"')
INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"([^"]+)"', re.M)


class LintError(Exception):
    """A file that cannot be read or parsed: exit 2."""


class Func:
    """A function defined in some unit: name, file (as GCC gives it), line, col."""

    __slots__ = ("name", "path", "line", "col")

    def __init__(self, name, path, line, col):
        self.name, self.path, self.line, self.col = name, path, line, col

    def key(self):
        return (self.path, self.name)


def split_loc(loc):
    """'generator/feed.c:30:1' -> ('generator/feed.c', 30, 1); None if not a position."""
    parts = loc.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return os.path.normpath(parts[0]), int(parts[1]), int(parts[2])


def under(path, folder):
    """Whether path is folder or inside it."""
    rel = os.path.relpath(path, folder)
    return rel != ".." and not rel.startswith(".." + os.sep)


def read_ci(path):
    """Parse one .ci file: (defined, calls).

    defined maps a node title to its Func for every function defined in the
    unit (nodes without "shape : ellipse"); calls is a list of (caller title,
    callee title, call-site position) in file order.
    """
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        raise LintError("%s: %s" % (path, e.strerror))
    if not text.startswith("graph:"):
        raise LintError("%s:1: not a VCG graph from gcc -fcallgraph-info" % path)
    defined, calls = {}, []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("node:"):
            fields = dict(FIELD.findall(line))
            if "title" not in fields or "label" not in fields:
                raise LintError("%s:%d: node without title or label" % (path, n))
            if re.search(r"\bshape\s*:\s*ellipse\b", line):
                continue  # declared here, defined elsewhere (or nowhere)
            name, _, loc = fields["label"].partition("\\n")
            pos = split_loc(loc)
            if pos is None:
                raise LintError("%s:%d: node %s has no position" % (path, n, fields["title"]))
            defined[fields["title"]] = Func(name, *pos)
        elif line.startswith("edge:"):
            fields = dict(FIELD.findall(line))
            if "sourcename" not in fields or "targetname" not in fields:
                raise LintError("%s:%d: edge without source or target" % (path, n))
            calls.append((fields["sourcename"], fields["targetname"], fields.get("label", "")))
    return defined, calls


class CallGraph:
    """Functions of all units and the calls between files."""

    def __init__(self, ci_files, src):
        units = [read_ci(p) for p in ci_files]
        # A static inline function of a library header (json_decref) is
        # defined in the unit too: only what is defined under src counts.
        for defined, _ in units:
            for title in [t for t, fn in defined.items() if not under(fn.path, src)]:
                del defined[title]
        self.funcs = {}  # (path, name) -> Func
        external = {}  # linker name -> Func, for calls from other units
        for defined, _ in units:
            for title, fn in defined.items():
                self.funcs.setdefault(fn.key(), fn)
                # A static function's title is FILE:NAME; only the others link.
                if title == fn.name:
                    external.setdefault(title, fn)
        # (caller file, callee file) -> [(call site, caller Func, callee Func)]
        self.edges = collections.defaultdict(list)
        self.ncalls = 0
        for defined, calls in units:
            for src, dst, site in calls:
                caller = defined.get(src)
                callee = defined.get(dst) or external.get(dst)
                if caller is None or callee is None:
                    continue  # library function, builtin or __indirect_call
                self.ncalls += 1
                if caller.path != callee.path:
                    self.edges[(caller.path, callee.path)].append((site, caller, callee))
        self.files = sorted({fn.path for fn in self.funcs.values()})

    def successors(self):
        succ = {f: set() for f in self.files}
        for a, b in self.edges:
            succ[a].add(b)
        return {f: sorted(s) for f, s in succ.items()}


def sccs(nodes, succ):
    """Strongly connected components (Tarjan, iterative), each sorted, in a stable order."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(succ.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            pushed = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(succ.get(w, ()))))
                    pushed = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if pushed:
                continue
            work.pop()
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(sorted(comp))
    return sorted(out, key=lambda c: (-len(c), c))


def shortest_loop(start, members, succ):
    """The shortest path start -> ... -> start inside members (breadth first)."""
    prev = {}
    queue = collections.deque([start])
    seen = {start}
    while queue:
        v = queue.popleft()
        for w in succ.get(v, ()):
            if w not in members:
                continue
            if w == start:
                path = [v]
                while path[-1] != start:
                    path.append(prev[path[-1]])
                return path[::-1] + [start]
            if w not in seen:
                seen.add(w)
                prev[w] = v
                queue.append(w)
    return [start]


def blank_code(text, keep_literals):
    """text with comments (and, unless keep_literals, the insides of string and
    character literals) replaced by spaces; newlines stay, so offsets and line
    numbers are those of the source."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and i + 1 < n and text[i + 1] == "*":
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            for j in range(i, end):
                if out[j] != "\n":
                    out[j] = " "
            i = end
        elif c == "/" and i + 1 < n and text[i + 1] == "/":
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out[i] = " "
                    i += 2
                    continue
                out[i] = " "
                i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            if not keep_literals:
                for k in range(i + 1, min(j, n)):
                    if out[k] != "\n":
                        out[k] = " "
            i = j + 1
        else:
            i += 1
    return "".join(out)


def blank_directives(code):
    """code (comments already blanked) with preprocessor lines, continuations
    included, replaced by spaces, and the branches the scan does not read:
    of #if/#elif/#else it reads only the first branch, or the first after
    "#if 0", as an #if with a brace in each branch must not unbalance the
    count."""
    lines = code.split("\n")
    cont = False
    stack = []  # per open #if: [this branch read, a branch read already]
    for k, line in enumerate(lines):
        directive = line.strip()
        if not cont and directive.startswith("#"):
            word = re.match(r"#\s*(\w*)\s*(.*?)\s*$", directive)
            kw, rest = word.group(1), word.group(2)
            if kw in ("if", "ifdef", "ifndef"):
                read = not (kw == "if" and rest == "0")
                stack.append([read, read])
            elif kw == "elif" and stack:
                read = not stack[-1][1] and rest != "0"
                stack[-1] = [read, stack[-1][1] or read]
            elif kw == "else" and stack:
                stack[-1] = [not stack[-1][1], True]
            elif kw == "endif" and stack:
                stack.pop()
        if cont or directive.startswith("#") or not all(b[0] for b in stack):
            cont = (cont or directive.startswith("#")) and line.endswith("\\")
            lines[k] = " " * len(line)
    return "\n".join(lines)


class Sources:
    """Source files read once, blanked for brace matching."""

    def __init__(self):
        self.cache = {}

    def code(self, path):
        if path not in self.cache:
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
            except OSError:
                self.cache[path] = None
            else:
                code = blank_directives(blank_code(text, keep_literals=False))
                starts = [0]
                for m in re.finditer("\n", code):
                    starts.append(m.end())
                self.cache[path] = (code, starts)
        return self.cache[path]

    def body_lines(self, fn):
        """(first, last) line of fn's braces, or None if they cannot be found."""
        got = self.code(fn.path)
        if got is None or fn.line > len(got[1]):
            return None
        code, starts = got
        i = starts[fn.line - 1] + max(fn.col - 1, 0)
        i = code.find("{", i)
        # The declarator ends at the brace: a ';' first means a prototype.
        if i < 0 or ";" in code[starts[fn.line - 1] + fn.col - 1:i]:
            return None
        first = code.count("\n", 0, i) + 1
        depth = 0
        for m in re.finditer(r"[{}]", code[i:]):
            depth += 1 if m.group() == "{" else -1
            if depth == 0:
                return first, code.count("\n", 0, i + m.start()) + 1
        return None


def include_loops(src):
    """Loops of #include "..." among src/*.h: [(headers, [(from, line, to)])]."""
    headers = sorted(glob.glob(os.path.join(src, "*.h")))
    known = {os.path.normpath(h) for h in headers}
    succ = {}
    where = {}
    for h in headers:
        h = os.path.normpath(h)
        try:
            with open(h, encoding="utf-8", errors="replace") as f:
                text = blank_code(f.read(), keep_literals=True)
        except OSError as e:
            raise LintError("%s: %s" % (h, e.strerror))
        succ[h] = []
        for m in INCLUDE.finditer(text):
            target = os.path.normpath(os.path.join(os.path.dirname(h), m.group(1)))
            if target in known and target not in succ[h]:
                succ[h].append(target)
                where[(h, target)] = text.count("\n", 0, m.start()) + 1
    for h in succ:
        succ[h].sort()
    loops = []
    for comp in sccs(sorted(succ), succ):
        if len(comp) > 1 or comp[0] in succ[comp[0]]:
            members = set(comp)
            loops.append((comp, [(a, where[(a, b)], b) for a in comp for b in succ[a] if b in members]))
    return loops


def main(argv):
    ap = argparse.ArgumentParser(
        prog="callgraph.py",
        description="Loops of mutual calls among files (from gcc -fcallgraph-info), "
        "loops of #include among headers, the longest functions.")
    ap.add_argument("--report", action="store_true",
                    help="print the same, exit 0 even when there are loops")
    ap.add_argument("--src", default="generator",
                    help="the source folder: names are shown relative to it, its *.h are "
                    "checked for #include loops (default: generator)")
    ap.add_argument("ci", nargs="+", metavar="CI_FILE", help="a .ci file of gcc -fcallgraph-info")
    args = ap.parse_args(argv)
    src = os.path.normpath(args.src)

    def short(path):
        return os.path.relpath(path, src) if under(path, src) else path

    def fname(fn):
        return "%s:%s" % (short(fn.path), fn.name)

    try:
        graph = CallGraph(args.ci, src)
        inc = include_loops(src)
    except LintError as e:
        print("callgraph.py: %s" % e, file=sys.stderr)
        return 2

    succ = graph.successors()
    loops = [c for c in sccs(graph.files, succ) if len(c) > 1]
    print("call graph: %d files, %d functions, %d calls between functions, %d file edges"
          % (len(graph.files), len(graph.funcs), graph.ncalls, len(graph.edges)))
    if not loops:
        print("no loop of mutual calls among files")
    for k, comp in enumerate(loops, 1):
        members = set(comp)
        print("loop %d of %d: %d files call each other: %s"
              % (k, len(loops), len(comp), " ".join(short(f) for f in comp)))
        for a in comp:
            for b in succ[a]:
                if b not in members:
                    continue
                calls = sorted(graph.edges[(a, b)], key=lambda c: split_loc(c[0]) or (c[0], 0, 0))
                site, caller, callee = calls[0]
                more = " (%d calls)" % len(calls) if len(calls) > 1 else ""
                print("  %s -> %s    at %s%s" % (fname(caller), fname(callee), site, more))
        print("  shortest loop: %s" % " -> ".join(short(f) for f in shortest_loop(comp[0], members, succ)))

    if not inc:
        print("no loop of #include among %s/*.h" % src)
    for k, (comp, edges) in enumerate(inc, 1):
        print("include loop %d of %d: %s" % (k, len(inc), " ".join(short(h) for h in comp)))
        for a, line, b in edges:
            print("  %s:%d includes %s" % (a, line, short(b)))

    sources = Sources()
    lengths = []
    for fn in graph.funcs.values():
        span = sources.body_lines(fn)
        if span is not None:
            lengths.append((span[1] - span[0] + 1, fname(fn), span))
    lengths.sort(key=lambda t: (-t[0], t[1]))
    print("info: the %d longest functions (lines from { to }):" % min(TOP_N, len(lengths)))
    for n, name, (first, last) in lengths[:TOP_N]:
        print("  %5d  %s (lines %d-%d)" % (n, name, first, last))
    over = [t for t in lengths if t[0] > LONG_LINES]
    print("info: %d functions over %d lines%s" % (len(over), LONG_LINES, ":" if over else ""))
    for n, name, (first, last) in over:
        print("  %5d  %s (lines %d-%d)" % (n, name, first, last))

    if loops or inc:
        what = []
        if loops:
            what.append("%d loop%s of mutual calls among files" % (len(loops), "s" * (len(loops) > 1)))
        if inc:
            what.append("%d loop%s of #include" % (len(inc), "s" * (len(inc) > 1)))
        print("%s: %s" % ("report" if args.report else "lint failed", " and ".join(what)))
        return 0 if args.report else 1
    print("lint passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
