#!/usr/bin/env python3
"""bench.py: gongkai against Hugo on synthetic county archives (issue 7).

    python3 tools/bench/bench.py [--tiers 1000,10000] [--runs 3] [--workdir bench]
                                 [--outdir DIR] [--gongkai ./gongkai] [--floor build/bench/floor]
                                 [--writefloor build/bench/writefloor]

For every tier N: generate the corpus once (tools/bench/gencorpus.py, cached in
WORKDIR/N/), then alternate clean full builds of `gongkai build` and `hugo`
(RUNS of each; output and caches removed before every run), then time the
gongkai variants that matter for daily use: a no-op rebuild, a rebuild after
editing one record, and a clean serial build (-j 1). Prints one Markdown table
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

Python 3 standard library only; times come from os.wait4's rusage.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

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
        edit = []
        for i in range(a.runs):
            with open(victim, "w", encoding="utf-8") as f:
                f.write(orig.replace("村党支部", "村党支部（第%d次修改）" % (i + 1), 1))
            edit.append(run(gk_argv))
        with open(victim, "w", encoding="utf-8") as f:
            f.write(orig)
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
    shutil.rmtree(TRASH[0], ignore_errors=True)
    if outroot != os.path.abspath(a.workdir):
        shutil.rmtree(outroot, ignore_errors=True)


if __name__ == "__main__":
    main()
