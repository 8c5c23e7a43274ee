#!/usr/bin/env python3
"""bench.py: gongkai against Hugo on synthetic county archives (issue 7).

    python3 tools/bench/bench.py [--tiers 1000,10000] [--runs 3] [--workdir bench]
                                 [--outdir DIR] [--gongkai ./gongkai] [--floor build/bench/floor]
                                 [--writefloor build/bench/writefloor]

For every tier N: generate the corpus once (tools/bench/gencorpus.py, cached in
WORKDIR/N/), then alternate clean full builds of `gongkai build` and `hugo`
(RUNS of each; output and caches removed before every run), then time the
gongkai variants that matter for daily use: a no-op rebuild, a rebuild after
editing one record's body, one after editing its title (lists change too), and a
clean serial build (-j 1). Then the edit loop of a clerk who previews (issue 21):
`gongkai serve` and `hugo server` each watch their copy of the corpus, the same
record is saved with a new sentence, and the bench times from the save until the
record's page, fetched over HTTP, shows it; Hugo's own "Total in N ms" is printed
beside. Last, when the sites were built on tmpfs, both tools' clean full builds
are run again on the disk (WORKDIR), alternating. Prints one Markdown table
of medians: wall time, CPU time (user + system, children included), peak RSS,
and the gongkai/Hugo wall ratio, plus two floors: cmark-gfm's (tools/bench/floor.c:
rendering every body once in one process, one thread) and the file system's
(tools/bench/writefloor.c: gongkai's built site written again from memory, on as
many threads as cores, nothing computed; median of RUNS).

Both tools write their sites under OUTDIR: /dev/shm (tmpfs) when the machine
has it, else WORKDIR. On this VM's ext4 (no journal) a 40,000-file tree made
again where one was just removed costs up to ten times the system time (see
discard()), so disk timings swing 4-35 s for the same build; tmpfs measures the
tools, not the file system's recent history. --outdir chooses.

Python 3 standard library only; times come from os.wait4's rusage. --no-serve
and --no-disk leave out the edit loop and the disk builds.
"""
import argparse
import atexit
import os
import queue
import re
import socket
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(argv, cwd=None):
    """(wall s, cpu s, peak RSS MiB) of one command; exits on failure."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.stderr.write("bench: %s failed (%d):\n%s\n" % (" ".join(argv), p.returncode, err.decode(errors="replace")[-2000:]))
        sys.exit(1)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0


TRASH = []
TMPFS = False


def discard(path):
    """Moves path aside; the trash is deleted after the last run.

    Deleting tens of thousands of files just before a build makes that build
    pay for it: ext4 skips recently deleted inodes when it allocates new ones
    (recently_deleted() in fs/ext4/ialloc.c), and on this VM that search was
    most of a clean build's system time. Both tools get the same treatment.
    """
    if TMPFS:  # nothing to step over there, and RAM is too dear to keep old trees
        shutil.rmtree(path, ignore_errors=True)
        return
    if os.path.lexists(path):
        dest = os.path.join(TRASH[0], str(len(TRASH)))
        os.makedirs(TRASH[0], exist_ok=True)
        try:
            os.rename(path, dest)
            TRASH.append(dest)
        except OSError:  # another file system (Hugo's resources/ beside its source)
            shutil.rmtree(path, ignore_errors=True)


def default_outdir(workdir):
    """/dev/shm/gongkai-bench when /dev/shm is a tmpfs, else workdir."""
    try:
        with open("/proc/mounts", encoding="utf-8") as f:
            if any(l.split()[1:3] == ["/dev/shm", "tmpfs"] for l in f if len(l.split()) > 2):
                return "/dev/shm/gongkai-bench"
    except OSError:
        pass
    return workdir


def count_files(d):
    return sum(len(f) for _, _, f in os.walk(d))


def med(xs, i):
    return statistics.median(x[i] for x in xs)


def restore(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def free_port():
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0))
        return so.getsockname()[1]


def fetch(url):
    """The body of url as text, or '' when the server does not answer yet."""
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


class Server:
    """A preview server in the background; its output lines go to a queue."""

    def __init__(self, argv, ready):
        self.p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(ready, 1800)

    def _read(self):
        for raw in self.p.stdout:
            self.lines.put(raw.decode("utf-8", errors="replace"))
        self.lines.put(None)

    def wait_for(self, pattern, timeout):
        """The first match of pattern in the lines still to come."""
        end = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                sys.exit("bench: %s: no line matching %r" % (" ".join(self.p.args[:2]), pattern))
            m = re.search(pattern, line)
            if m:
                return m

    def drain(self):
        while True:
            try:
                if self.lines.get_nowait() is None:
                    return
            except queue.Empty:
                return

    def stop(self):
        self.p.terminate()
        try:
            self.p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()


def save_and_wait(path, text, url, marker, timeout=300):
    """Seconds from writing text to path until url's page shows marker."""
    t0 = time.monotonic()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    while time.monotonic() - t0 < timeout:
        if marker in fetch(url):
            return time.monotonic() - t0
        time.sleep(0.002)
    sys.exit("bench: %s never showed %r" % (url, marker))


def record_url(port, content, victim):
    """The page of record file victim (sites/<site>/<kind>/<slug>.md) on a preview server."""
    rel = os.path.relpath(victim, content)
    return "http://127.0.0.1:%d/%s/" % (port, os.path.splitext(rel)[0])


def edit_loop(a, gk, theme, content, hugo, victim, runs):
    """(gongkai serve save-to-page s, hugo server save-to-page s, hugo's own Total ms) per run."""
    gorig = open(victim, encoding="utf-8").read()
    hvictim = os.path.join(hugo, "content", os.path.relpath(victim, content))
    horig = open(hvictim, encoding="utf-8").read()
    gs, hs, ht = [], [], []
    port = free_port()
    srv = Server([gk, "serve", "-C", content, "-t", theme, "-p", str(port)], r"serving http")
    try:
        url = record_url(port, content, victim)
        fetch(url)
        for i in range(runs):
            mark = "预览第%d次保存" % (i + 1)
            gs.append(save_and_wait(victim, gorig.replace("村党支部", mark + "村党支部", 1), url, mark))
            time.sleep(0.5)
    finally:
        with open(victim, "w", encoding="utf-8") as f:
            f.write(gorig)
        srv.stop()
    port = free_port()
    srv = Server([a.hugo, "server", "-s", hugo, "--port", str(port), "--disableLiveReload"],
                 r"Web Server is available")
    try:
        url = record_url(port, os.path.join(hugo, "content"), hvictim)
        fetch(url)  # fast render mode renders the pages a browser has visited
        for i in range(runs):
            mark = "预览第%d次保存" % (i + 1)
            srv.drain()
            hs.append(save_and_wait(hvictim, horig.replace("村党支部", mark + "村党支部", 1), url, mark))
            ht.append(float(srv.wait_for(r"Total in (\d+) ms", 600).group(1)))
            time.sleep(0.5)
    finally:
        with open(hvictim, "w", encoding="utf-8") as f:
            f.write(horig)
        srv.stop()
    return gs, hs, ht


def disk_builds(a, gk_argv, hugo, wd, runs):
    """Clean full builds of both tools on the disk (wd), alternating: [(wall, cpu, rss)] each."""
    out, pub = os.path.join(wd, "disk-out"), os.path.join(wd, "disk-public")
    argv = [x if x != gk_argv[gk_argv.index("-o") + 1] else out for x in gk_argv]
    g, h = [], []
    for _ in range(runs):
        disk_discard(out)
        disk_discard(os.path.join(wd, ".gongkai-cache"))
        g.append(run(argv))
        disk_discard(pub)
        disk_discard(os.path.join(hugo, "resources"))
        h.append(run([a.hugo, "--quiet", "-s", hugo, "-d", pub]))
    for d in (out, pub, os.path.join(wd, ".gongkai-cache")):
        disk_discard(d)
    return g, h


DISK_TRASH = []


def disk_discard(path):
    """discard() for the disk runs: moved into a trash folder on the same disk."""
    if not os.path.lexists(path):
        return
    dest = os.path.join(DISK_TRASH[0], str(len(DISK_TRASH)))
    os.makedirs(DISK_TRASH[0], exist_ok=True)
    try:
        os.rename(path, dest)
        DISK_TRASH.append(dest)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


def print_edit_table(extra, runs):
    """Issue 21's table: the edit loop, the CPU against the floor, the disk, the files."""
    print()
    print("| records | body edit (build) | title edit (build) | serve: save to page | hugo server: save to page |"
          " hugo server: own Total | full CPU / floors | disk wall gongkai / Hugo | files, MB written |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for tier, edit, retitle, loop, disk, g, floor_s, out in extra:
        if loop:
            gs, hs, ht = loop
            serve = "%.0f ms | %.0f ms | %.0f ms" % (1000 * statistics.median(gs), 1000 * statistics.median(hs),
                                                     statistics.median(ht))
        else:
            serve = "- | - | -"
        if disk:
            dg, dh = disk
            dcol = "%.2f s / %.2f s (%.2fx)" % (med(dg, 0), med(dh, 0), med(dg, 0) / med(dh, 0))
        else:
            dcol = "-"
        size = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(out) for f in fs)
        print("| %d | %.3f s | %.3f s | %s | %.1fx | %s | %d, %.0f MB |" % (
            tier, med(edit, 0), med(retitle, 0), serve, med(g, 1) / floor_s, dcol, count_files(out), size / 1e6))
    print()
    print("Issue 21's rows, medians of %d runs. Body and title edits: `gongkai build` after one record's body or"
          " title changed. Save to page: from writing the file until its page, fetched over HTTP, shows the"
          " change (gongkai serve; hugo server in its default fast-render mode, the page visited first);"
          " Hugo's own Total is what it prints for that rebuild. Full CPU / floors: a clean build's CPU time"
          " over the sum of the two floors (cmark-gfm's and the write floor). Disk: clean full builds on the"
          " work folder's file system." % runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tiers", default="1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workdir", default=os.path.join(ROOT, "bench"))
    ap.add_argument("--gongkai", default=os.path.join(ROOT, "gongkai"))
    ap.add_argument("--floor", default=os.path.join(ROOT, "build", "bench", "floor"))
    ap.add_argument("--writefloor", default=os.path.join(ROOT, "build", "bench", "writefloor"))
    ap.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    ap.add_argument("--jobs", type=int, default=0, help="gongkai -j (default: cores)")
    ap.add_argument("--outdir", default=None, help="where the built sites go (default: tmpfs if any)")
    ap.add_argument("--no-serve", action="store_true", help="leave out the serve / hugo server edit loop")
    ap.add_argument("--no-disk", action="store_true", help="leave out the full builds on the disk")
    a = ap.parse_args()
    outroot = os.path.abspath(a.outdir or default_outdir(a.workdir))
    global TMPFS
    TMPFS = outroot.startswith("/dev/shm/")
    # Snapshot the binary and the theme: the repo may change while a long bench runs.
    snap = os.path.join(os.path.abspath(a.workdir), "snapshot")
    shutil.rmtree(snap, ignore_errors=True)
    os.makedirs(snap)
    gk = os.path.join(snap, "gongkai")
    shutil.copy2(os.path.abspath(a.gongkai), gk)
    theme = os.path.join(snap, "theme")
    shutil.copytree(os.path.join(ROOT, "themes", "default"), theme)
    rows = []
    TRASH.append(os.path.join(outroot, "trash"))
    shutil.rmtree(TRASH[0], ignore_errors=True)
    DISK_TRASH.append(os.path.join(os.path.abspath(a.workdir), "disk-trash"))
    shutil.rmtree(DISK_TRASH[0], ignore_errors=True)
    extra = []
    print("bench: %d cores, gongkai %s, %s; sites built under %s" % (os.cpu_count(), gk,
          subprocess.run([a.hugo, "version"], capture_output=True, text=True).stdout.strip(), outroot))
    for tier in [int(t) for t in a.tiers.split(",") if t]:
        wd = os.path.join(os.path.abspath(a.workdir), str(tier))
        stamp = os.path.join(wd, ".generated")
        if not os.path.exists(stamp):
            subprocess.run([sys.executable, os.path.join(HERE, "gencorpus.py"), "-n", str(tier), wd], check=True)
            open(stamp, "w").close()
        content, hugo = os.path.join(wd, "content"), os.path.join(wd, "hugo")
        out, pub = os.path.join(outroot, str(tier), "out"), os.path.join(outroot, str(tier), "public")
        os.makedirs(os.path.join(outroot, str(tier)), exist_ok=True)
        gk_argv = [gk, "build", "-q", "-C", content, "-t", theme, "-o", out]
        if a.jobs:
            gk_argv += ["-j", str(a.jobs)]

        def clean_gk():
            discard(out)
            discard(os.path.join(os.path.dirname(out), ".gongkai-cache"))

        g, h = [], []
        for i in range(a.runs):
            clean_gk()
            g.append(run(gk_argv))
            discard(pub)
            discard(os.path.join(hugo, "resources"))
            h.append(run([a.hugo, "--quiet", "-s", hugo, "-d", pub]))
            print("bench: %d records, run %d: gongkai %.2f s, hugo %.2f s" % (tier, i + 1, g[-1][0], h[-1][0]),
                  file=sys.stderr)
        nfiles_g, nfiles_h = count_files(out), count_files(pub)
        noop = [run(gk_argv) for _ in range(a.runs)]
        # one record edited, then edited back: each run rewrites the same pages
        victim = None
        for dp, _, fs in os.walk(os.path.join(content, "sites")):
            fs = sorted(f for f in fs if f.endswith(".md") and f != "index.md")
            if fs and dp.endswith("/work"):
                victim = os.path.join(dp, fs[len(fs) // 2])
                break
        orig = open(victim, encoding="utf-8").read()
        atexit.register(restore, victim, orig)  # a failed run must not leave the corpus edited
        edit = []
        for i in range(a.runs):
            with open(victim, "w", encoding="utf-8") as f:
                f.write(orig.replace("村党支部", "村党支部（第%d次修改）" % (i + 1), 1))
            edit.append(run(gk_argv))
        with open(victim, "w", encoding="utf-8") as f:
            f.write(orig)
        # its title edited: the lists, tags and feeds that show it change too
        retitle = []
        for i in range(a.runs):
            with open(victim, "w", encoding="utf-8") as f:
                f.write(re.sub(r'^title: "(.*)"$', r'title: "\1（第%d次改题）"' % (i + 1), orig, count=1,
                               flags=re.M))
            retitle.append(run(gk_argv))
        with open(victim, "w", encoding="utf-8") as f:
            f.write(orig)
        run(gk_argv)
        loop = None if a.no_serve else edit_loop(a, gk, theme, content, hugo, victim, a.runs)
        disk = None
        if TMPFS and not a.no_disk:
            disk = disk_builds(a, gk_argv, hugo, wd, a.runs)
        serial = []
        for i in range(a.runs):
            clean_gk()
            serial.append(run(gk_argv + ["-j", "1"]))
        fl = subprocess.run([a.floor, content], capture_output=True, text=True, check=True).stdout
        floor_s = float(fl.split("render ")[1].split(" s")[0])
        # the site the last -j 1 run built, written again from memory: the kernel's share
        # alone (Hugo's site goes first: at 100,000 records the copies would not all fit in RAM)
        discard(pub)
        wf = []
        for i in range(a.runs):
            again = os.path.join(outroot, str(tier), "writefloor")
            discard(again)
            time.sleep(1)  # let the kernel finish freeing the last tree
            o = subprocess.run([a.writefloor, out, again], capture_output=True, text=True, check=True).stdout
            wf.append(float(o.split("write ")[1].split(" s")[0]))
            discard(again)
        rows.append((tier, g, h, noop, edit, serial, floor_s, statistics.median(wf), nfiles_g, nfiles_h))
        extra.append((tier, edit, retitle, loop, disk, g, floor_s + statistics.median(wf), out))

    print()
    print("| records | gongkai wall | gongkai CPU | gongkai RSS | Hugo wall | Hugo CPU | Hugo RSS | gongkai/Hugo | "
          "cmark-gfm floor | write floor | gongkai -j1 wall | no-op wall | one edit wall | files gongkai / Hugo |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for tier, g, h, noop, edit, serial, floor_s, wfloor, nfg, nfh in rows:
        print("| %d | %.2f s | %.2f s | %.0f MiB | %.2f s | %.2f s | %.0f MiB | %.3f | %.3f s | %.3f s | %.2f s | %.3f s (%.1f%%) | %.2f s | %d / %d |" % (
            tier, med(g, 0), med(g, 1), max(x[2] for x in g), med(h, 0), med(h, 1), max(x[2] for x in h),
            med(g, 0) / med(h, 0), floor_s, wfloor, med(serial, 0), med(noop, 0), 100 * med(noop, 0) / med(g, 0),
            med(edit, 0), nfg, nfh))
    print()
    print("Medians of %d runs each (gongkai and Hugo alternating); RSS is the largest peak seen;"
          " CPU is user + system. Write floor: gongkai's site written again from memory, nothing computed."
          % a.runs)
    print_edit_table(extra, a.runs)
    shutil.rmtree(TRASH[0], ignore_errors=True)
    shutil.rmtree(DISK_TRASH[0], ignore_errors=True)
    if outroot != os.path.abspath(a.workdir):
        shutil.rmtree(outroot, ignore_errors=True)


if __name__ == "__main__":
    main()
