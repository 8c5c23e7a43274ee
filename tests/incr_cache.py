#!/usr/bin/env python3
"""incr_cache.py: a build cache that is damaged, from another version or from
another content folder is detected and ignored, never trusted (issue 21).

Each case damages one file of .gongkai-cache/ (site.inputs: the no-op key
and findings; site.live and site.next.list: the manifests of the output and
of the spare tree) in the way that would do harm if it were trusted, then
builds, and compares the output and the findings with a clean -j 1 build
into a fresh folder. A manifest that lost the lines of a page whose record
was then deleted would leave that page in the spare tree and publish it
again; an inputs file cut short would print fewer findings on a no-op.

    python3 tests/incr_cache.py [--gongkai BIN] [--work DIR]

Prints PASS:/FAIL: lines. Standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import incr_random as ir  # noqa: E402

MASK = (1 << 64) - 1


def hash_bytes(h, data):
    """generator/util.c's hash_bytes, to forge a seal (the cache files' last line) in a test."""
    n = len(data)
    h ^= (n * 0x9e3779b97f4a7c15) & MASK
    i = 0
    while n - i >= 8:
        w = int.from_bytes(data[i:i + 8], "little")
        h = ((h ^ w) * 0xbf58476d1ce4e5b9) & MASK
        h ^= h >> 31
        i += 8
    rest = n - i
    w = int.from_bytes(data[i:] + bytes(8 - rest), "little")
    h = ((h ^ w ^ ((rest << 56) & MASK)) * 0x94d049bb133111eb) & MASK
    return h ^ (h >> 29)


def reseal(data):
    """data with its seal made again over what precedes it (a forgery that passes the seal)."""
    body = data[:data.rstrip(b"\n").rfind(b"\n") + 1] if data.startswith(b"gongkai-") else data
    return body + b"end %d %016x\n" % (len(body), hash_bytes(0, body))


class Cases:
    def __init__(self, a):
        self.a = a
        self.work = os.path.abspath(a.work)
        self.cache = os.path.join(self.work, ".gongkai-cache")
        self.env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8", LANGUAGE="en")
        self.fails = 0

    def say(self, ok, msg):
        print("%s: incremental cache %s" % ("PASS" if ok else "FAIL", msg), flush=True)
        self.fails += not ok

    def build(self, out, content="content", jobs="2", lang="en"):
        p = subprocess.run([self.a.gongkai, "build", "-j", jobs, "-C", content, "-t", "theme", "-o", out],
                           cwd=self.work, env=dict(self.env, LANGUAGE=lang), stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        err = p.stderr.decode("utf-8", "replace")
        kept = [l for l in err.split("\n") if not re.match(r"gongkai: .*(is up to date|wrote .* to )", l)]
        return p.returncode, "\n".join(kept), "is up to date" in err

    def same(self, what, content="content", want_noop=False):
        """Builds site from content; it must equal a clean -j 1 build (tree and findings)."""
        rc, err, noop = self.build("site", content)
        shutil.rmtree(os.path.join(self.work, "ref"), ignore_errors=True)
        rrc, rerr, _ = self.build("ref/site", content, "1")
        problems = []
        if rc != 0 or rrc != 0:
            problems.append("exit %d, the clean build %d" % (rc, rrc))
        if noop != want_noop:
            problems.append("the build %s up to date" % ("did not say it was" if want_noop else "said it was"))
        if err != rerr:
            problems.append("findings differ from the clean build's")
        diff = ir.tree_diff(ir.load_tree(os.path.join(self.work, "ref", "site")),
                            ir.load_tree(os.path.join(self.work, "site")))
        if diff:
            problems.append("output differs from a clean -j 1 build: " + "; ".join(diff))
        self.say(not problems, what + (": " + ", ".join(problems) if problems else ""))

    def cache_file(self, name):
        with open(os.path.join(self.cache, name), "rb") as f:
            return f.read()

    def put_cache(self, name, data):
        with open(os.path.join(self.cache, name), "wb") as f:
            f.write(data)

    def fresh(self):
        """A site built twice (so the spare tree holds the previous site), from the demo content."""
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        shutil.copytree(os.path.join(ir.ROOT, "content"), os.path.join(self.work, "content"), symlinks=True)
        shutil.copytree(os.path.join(ir.ROOT, "themes", "default"), os.path.join(self.work, "theme"), symlinks=True)
        self.build("site")
        self.edit_body()
        self.build("site")

    def edit_body(self, n=[0]):
        n[0] += 1
        path = os.path.join(self.work, "content", "pages", "about.md")
        with open(path, "a", encoding="utf-8") as f:
            f.write("\n本段为缓存测试追加的文字（%d）。\n" % n[0])

    def victim(self):
        """A work record nothing links to, and its path in the site."""
        for path in sorted(ir.Corpus(os.path.join(self.work, "content"), None, None).records(("work",))):
            if not ir.Corpus(os.path.join(self.work, "content"), None, None).linked(path):
                rel = os.path.relpath(path, os.path.join(self.work, "content"))[:-3]
                return path, rel
        raise SystemExit("no unlinked work record in the demo content")

    def drop_lines(self, name, rel, how):
        """Makes manifest name forget the files of page rel: lines lost, cut short, or a byte changed."""
        data = self.cache_file(name)
        lines = data.split(b"\n")
        mine = [i for i, l in enumerate(lines) if (" %s/" % rel).encode() in l]
        if not mine:
            raise SystemExit("%s does not list %s" % (name, rel))
        if how == "lose lines":
            data = b"\n".join(l for i, l in enumerate(lines) if i not in mine)
        elif how == "truncate":
            data = b"\n".join(lines[:mine[0]]) + b"\n"
        elif how == "flip a byte":
            i = data.index((" %s/" % rel).encode()) + 2
            data = data[:i] + bytes([data[i] ^ 0x20]) + data[i + 1:]
        elif how.startswith("another version"):
            data = b"\n".join(l for i, l in enumerate(lines) if i not in mine)
            data = reseal(re.sub(rb"^(gongkai-manifest \d+ )\S+", rb"\g<1>0.0.0-other", data))
        self.put_cache(name, data)

    def manifest_cases(self):
        for name in ("site.next.list", "site.live"):
            for how in ("lose lines", "truncate", "flip a byte", "another version, sealed"):
                self.fresh()
                path, rel = self.victim()
                self.drop_lines(name, rel, how)
                os.unlink(path)
                self.same("%s (%s), then %s deleted" % (name, how, os.path.basename(rel)))
                self.edit_body()	# a second build: the spare tree is now what the first one left
                self.same("%s (%s), a build later" % (name, how))

    def inputs_cases(self):
        self.fresh()
        self.build("site")
        good = self.cache_file("site.inputs")
        # the control: a forged finding under a valid seal and this version is taken as it is
        forged = reseal(good.replace(b"rebuild daily", b"rebuild forged", 1))
        self.put_cache("site.inputs", forged)
        rc, err, noop = self.build("site")
        self.say(noop and "rebuild forged" in err,
                 "a sealed inputs file of this version is trusted (the forgery works, so the cases below can fail)")
        for how in ("truncate", "flip a byte", "another version"):
            data = good
            if how == "truncate":
                data = good[:len(good) * 2 // 3]
            elif how == "flip a byte":
                i = good.index(b"rebuild daily")
                data = good[:i] + b"R" + good[i + 1:]
            else:
                data = reseal(re.sub(rb"^(gongkai-inputs \d+ )\S+", rb"\g<1>0.0.0-other", good))
            self.put_cache("site.inputs", data)
            self.same("site.inputs (%s) is ignored: a full build, not a no-op" % how)
            self.same("after site.inputs (%s): the next build is a no-op again" % how, want_noop=True)

    def qr_cases(self):
        """site.qr, the QR codes kept between builds: damaged or another binary's is drawn anew."""
        self.fresh()
        good = self.cache_file("site.qr")
        if b"M4 4.5h7" not in good:
            self.say(False, "site.qr holds no code (the demo has base_url: it should)")
            return
        # the control: a forged drawing under a valid seal is used, so the cases below can fail
        self.put_cache("site.qr", reseal(good.replace(b"M4 4.5h7", b"M5 4.5h6")))
        self.edit_body()
        self.build("site")
        shutil.rmtree(os.path.join(self.work, "ref"), ignore_errors=True)
        self.build("ref/site", jobs="1")
        diff = ir.tree_diff(ir.load_tree(os.path.join(self.work, "ref", "site")),
                            ir.load_tree(os.path.join(self.work, "site")))
        self.say(any("qr.svg" in d for d in diff),
                 "a sealed site.qr of this binary is trusted (the forgery shows, so the cases below can fail)")
        for how in ("truncate", "flip a byte", "another binary, sealed", "garbage"):
            data = good
            if how == "truncate":
                data = good[:len(good) * 2 // 3]
            elif how == "flip a byte":
                data = good.replace(b"M4 4.5h7", b"M5 4.5h6", 1)
            elif how.startswith("another binary"):
                data = reseal(re.sub(rb"^(gongkai-qr \d+ )[0-9a-f]+", rb"\g<1>0123456789abcdef",
                                     good.replace(b"M4 4.5h7", b"M5 4.5h6")))
            else:
                data = b"\0" * 100
            self.put_cache("site.qr", data)
            self.edit_body()
            self.same("site.qr (%s) is ignored: its codes are drawn again" % how)
            self.edit_body()
            self.same("after site.qr (%s): the next build, with the codes kept again" % how)
        os.unlink(os.path.join(self.cache, "site.qr"))
        self.edit_body()
        self.same("site.qr removed by hand")

    def forge_pre(self, rel, data, net=None):
        """site.live says page rel's bytes before the egress net were data (and the net was net), sealed."""
        live = self.cache_file("site.live")
        pre = b"%016x:%d" % (hash_bytes(0, data), len(data))
        # a line is "hash size inode pre key path" (manifest format 4): pre is the fourth field
        live, n = re.subn(rb"(?m)^(\S+ \d+ \d+ )\S+( \S+ %s)$" % re.escape(rel.encode()), rb"\g<1>" + pre + rb"\g<2>",
                          live)
        if net is not None:
            live = re.sub(rb"(?m)^net [0-9a-f]+$", b"net " + net, live)
        self.put_cache("site.live", reseal(live))
        return n == 1

    def net_cases(self):
        """The egress net is skipped only for a page whose bytes before it, and the net, are the last build's."""
        self.fresh()
        rel = "pages/about/index.html"
        if not any(l.endswith(" " + rel) for l in self.cache_file("site.live").decode().split("\n")):
            rel = "about/index.html"
        self.edit_body()
        shutil.rmtree(os.path.join(self.work, "ref"), ignore_errors=True)
        self.build("ref/site", jobs="1")
        with open(os.path.join(self.work, "ref", "site", rel), "rb") as f:
            new = f.read()	# no number in it: its bytes before the net are these
        # the control: site.live forged to say the old page came from the new bytes; the net is skipped
        ok = self.forge_pre(rel, new)
        self.build("site")
        with open(os.path.join(self.work, "site", rel), "rb") as f:
            self.say(ok and f.read() != new,
                     "a sealed site.live of this net is trusted (the forgery keeps the old page, so the cases below can fail)")
        self.fresh()
        self.edit_body()
        self.build("ref/site", jobs="1")
        self.forge_pre(rel, new, b"0123456789abcdef")
        self.same("site.live of another egress net (binary, libraries or privacy_allow): the net runs again")
        # a number only a template shows reaches the net alone: privacy_allow decides, the page's bytes do not change
        self.fresh()
        footer = os.path.join(self.work, "theme", "templates", "partials", "footer.html")
        with open(footer, encoding="utf-8") as f:
            text = f.read()
        with open(footer, "w", encoding="utf-8") as f:
            f.write(text.replace("</footer>", "<p>值班手机 13912345678</p></footer>", 1))
        site_yaml = os.path.join(self.work, "content", "site.yaml")
        with open(site_yaml, encoding="utf-8") as f:
            conf = f.read()
        allowed = conf.replace("privacy_allow:\n", 'privacy_allow:\n  - "13912345678"\n', 1)
        for what, text in (("allowed", allowed), ("no longer allowed", conf), ("allowed again", allowed)):
            with open(site_yaml, "w", encoding="utf-8") as f:
                f.write(text)
            self.same("a mobile number in a template, %s in privacy_allow" % what)
        with open(os.path.join(self.work, "site", "index.html"), encoding="utf-8") as f:
            self.say("13912345678" in f.read(), "(control) the allowed number is shown, so the case above can fail")
        # a live page the net is skipped for, gone by hand: it cannot be linked, so its net is made again
        with open(site_yaml, "w", encoding="utf-8") as f:
            f.write(conf)
        self.same("a mobile number in a template, not allowed")
        # a record's page, deep in the site (a file gone at the top would change the folder's stamp)
        page = sorted(os.path.relpath(os.path.join(d, f), os.path.join(self.work, "site"))
                      for d, _, fs in os.walk(os.path.join(self.work, "site", "sites")) for f in fs
                      if f == "index.html" and "/work/" in d)[0]
        os.unlink(os.path.join(self.work, "site", page))
        self.edit_body()
        self.same("a page deleted by hand from the output: made again through the net")

    def content_cases(self):
        self.fresh()
        self.build("site")
        shutil.copytree(os.path.join(self.work, "content"), os.path.join(self.work, "content2"))
        self.same("the same output from another content folder with the same bytes", "content2")
        path, _ = self.victim()
        os.unlink(path.replace("/content/", "/content2/"))
        self.same("the same output from another content folder, a record less", "content2")
        self.same("and back to the first content folder", "content")
        # a link inside the content folder, to a folder, pointed elsewhere: no file's bytes change
        static = os.path.join(self.work, "content", "static")
        for sub, text in (("a", "甲版说明"), ("b", "乙版说明")):
            ir.write(os.path.join(static, sub, "note.txt"), text + "\n")
        os.symlink("a", os.path.join(static, "cur"))
        path, _ = self.victim()
        with open(path, "a", encoding="utf-8") as f:
            f.write("\n[说明](../../../static/cur/note.txt)\n")
        self.same("an attachment through a link to a folder (static/cur -> a)")
        os.unlink(os.path.join(static, "cur"))
        os.symlink("b", os.path.join(static, "cur"))
        self.same("the link pointed at another folder (static/cur -> b): not a no-op")

    def language_case(self):
        """The findings stored by a build in Chinese are not replayed to a build in English."""
        self.fresh()
        self.edit_body()
        self.build("site", lang="zh_CN")
        self.same("findings stored in another language: a full build, worded in this one")

    def page_key(self, name, rel):
        """The key manifest name keeps for page rel ("-" for none)."""
        for line in self.cache_file(name).decode().split("\n"):
            f = line.split(" ")
            if len(f) >= 6 and f[-1] == rel:
                return f[4]
        return None

    def key_cases(self):
        """A record page is kept only while its key (pagekey.h) is the live page's."""
        self.fresh()
        path, rel = self.victim()
        page = rel + "/index.html"
        old_key = self.page_key("site.live", page)
        self.say(old_key not in (None, "-"), "a work record's page has a key in site.live (%s)" % old_key)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        live_page = os.path.join(self.work, "site", page)
        with open(live_page, "rb") as f:
            old_page = f.read()
        # the control: the live page put back by hand under the edited record's key, and another
        # record's body edited (the site key holds): the old page is kept, so the cases below can fail
        with open(path, "a", encoding="utf-8") as f:
            f.write("\n缓存测试：正文改动。\n")
        self.build("site")
        with open(live_page, "wb") as f:
            f.write(old_page)
        other = next(p for p in sorted(ir.Corpus(os.path.join(self.work, "content"), None, None).records(("work",)))
                     if p != path)
        with open(other, "a", encoding="utf-8") as f:
            f.write("\n缓存测试：另一条记录。\n")
        self.build("site")
        with open(live_page, "rb") as f:
            self.say(f.read() == old_page, "a page whose key is the live page's is kept as the live site has it "
                     "(the control: the cases below can fail)")
        # without the forgery the edited page is made; another key (damaged under a valid seal) makes it too
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        self.fresh()
        with open(path, "a", encoding="utf-8") as f:
            f.write("\n缓存测试：正文改动。\n")
        self.same("a work record's body edited: its page made, the others kept")
        with open(path, "a", encoding="utf-8") as f:
            f.write("\n缓存测试：再改。\n")
        live = self.cache_file("site.live")
        live = re.sub(rb"(?m)^(\S+ \d+ \d+ \S+ )[0-9a-f]{16}( \S+/index\.html)$", rb"\g<1>0123456789abcdef\g<2>", live)
        self.put_cache("site.live", reseal(live))
        self.same("every page key in site.live forged to another: every page made again")

    def run(self):
        self.key_cases()
        self.language_case()
        self.manifest_cases()
        self.inputs_cases()
        self.qr_cases()
        self.net_cases()
        self.content_cases()
        return 1 if self.fails else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gongkai", default=os.environ.get("GONGKAI", os.path.join(ir.ROOT, "gongkai")))
    ap.add_argument("--work", default=os.path.join(ir.ROOT, "tests", "out", "incr-cache"))
    a = ap.parse_args()
    a.gongkai = os.path.abspath(a.gongkai)
    return Cases(a).run()


if __name__ == "__main__":
    sys.exit(main())
