#!/usr/bin/env python3
"""incr_random.py: randomized edit sequences against the incremental build (issue 21).

Starting from a copy of the demo content and theme, applies STEPS random
steps (edit a body line, a title, a date, tags; add, delete or rename a
record; make one internal or a draft; edit site.yaml, a profile, a 公示's
name table, an attachment, a template, a CSS asset; change --as-of,
--base-url or --drafts; go back to an earlier state; break the content on
purpose or delete a record another links to; damage the build cache; remove
the output or the cache by hand; kill a build part way; point the output at
another content folder) and after each one compares the cached build of one
persistent output folder with a clean `gongkai build -j 1` into a fresh
folder: the same exit status, the same findings, and, when the build
succeeded, the same tree byte for byte (files that should have gone
included). A build that fails must leave the output as it was (inodes,
mtimes, sizes); the step is then undone. Every few steps a second build
with nothing changed must write nothing.

    python3 tests/incr_random.py [--steps N] [--seed S] [--gongkai BIN] [--work DIR]

Prints PASS:/FAIL: lines; the seed is on every line, so a failure replays
with --seed S (and --steps up to the failing step). Standard library only.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def load_tree(root):
    """Every file under root: relative path -> bytes (folders as None)."""
    out = {}
    for dirpath, dirs, files in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for d in dirs:
            p = os.path.join(dirpath, d)
            out[os.path.normpath(os.path.join(rel, d))] = ("link", os.readlink(p)) if os.path.islink(p) else None
        for name in files:
            p = os.path.join(dirpath, name)
            key = os.path.normpath(os.path.join(rel, name))
            if os.path.islink(p):
                out[key] = ("link", os.readlink(p))
            else:
                with open(p, "rb") as f:
                    out[key] = f.read()
    return out


def put_tree(root, tree):
    """Makes root hold exactly tree (from load_tree)."""
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    for rel in sorted(tree):
        p = os.path.join(root, rel)
        v = tree[rel]
        if v is None:
            os.makedirs(p, exist_ok=True)
        elif isinstance(v, tuple):
            os.makedirs(os.path.dirname(p), exist_ok=True)
            os.symlink(v[1], p)
        else:
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(v)


def snap(root):
    """inode, mtime and size of every file, and every folder: equal snapshots mean nothing was written."""
    out = {}
    for dirpath, dirs, files in os.walk(root):
        for name in dirs + files:
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            out[os.path.relpath(p, root)] = (st.st_ino, st.st_mtime_ns, st.st_size) if name in files else "d"
    return out


def tree_diff(a, b, limit=4):
    """The first differences between two trees (reference a, site b)."""
    lines = []
    for rel in sorted(set(a) | set(b)):
        if rel not in b:
            lines.append("missing " + rel)
        elif rel not in a:
            lines.append("extra " + rel)
        elif a[rel] != b[rel]:
            lines.append("differs " + rel)
        if len(lines) >= limit:
            break
    return lines


class Corpus:
    """The content and theme folders the steps edit, with helpers to find records."""

    def __init__(self, content, theme, rng):
        self.content, self.theme, self.rng = content, theme, rng
        self.serial = 0

    def records(self, kinds=None):
        out = []
        sites = os.path.join(self.content, "sites")
        for site in sorted(os.listdir(sites)):
            sd = os.path.join(sites, site)
            if not os.path.isdir(sd):
                continue
            for kind in sorted(os.listdir(sd)):
                kd = os.path.join(sd, kind)
                if kind == "reports" or not os.path.isdir(kd) or (kinds and kind not in kinds):
                    continue
                out += [os.path.join(kd, f) for f in sorted(os.listdir(kd))
                        if re.match(r"^\d{4}-\d\d-\d\d-[a-z0-9-]+\.md$", f)]
        return out

    def pick(self, kinds=None):
        recs = self.records(kinds)
        return self.rng.choice(recs) if recs else None

    def next_id(self):
        self.serial += 1
        return self.serial

    def linked(self, path):
        """Does any other content file name this record's file?"""
        name = os.path.basename(path)[:-3]
        for dirpath, _, files in os.walk(self.content):
            for f in files:
                p = os.path.join(dirpath, f)
                if p != path and f.endswith((".md", ".yaml")) and name in read(p):
                    return True
        return False


def split_fm(text):
    """(front matter lines, body) of a record, or (None, text)."""
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---\n", 3)
    if end < 0:
        return None, text
    return text[4:end + 1].split("\n")[:-1], text[end + 5:]


def join_fm(fm, body):
    return "---\n" + "\n".join(fm) + "\n---\n" + body


def fm_key(fm, names):
    """Index of the first top-level line of one of the key names, or -1."""
    for i, line in enumerate(fm):
        for n in names:
            if line.startswith(n + ":"):
                return i
    return -1


TITLE_WORDS = "村党支部 召开 专题 学习 走访 群众 修路 集体经济 培训 公开 监督 议事 环境 整治 产业 合作社".split()
TAGS = "党员教育 民主管理 三会一课 集体经济 环境整治 乡村振兴 增量测试 产业发展".split()
BODY = [
    "本次活动由村党支部书记主持，全体支委参加。",
    "会后，村两委将有关情况在公开栏张贴，接受群众监督。",
    "下一步，村党支部将继续把这项工作抓实抓细，做到有计划、有记录、有考勤。",
    "参加人员普遍反映，这样的做法看得见、摸得着，群众满意。",
    "详细情况见附表，如有疑问请向村务监督委员会反映。",
]


def cjk_title(rng):
    return "".join(rng.sample(TITLE_WORDS, 3)) + "情况"


def rand_date(rng):
    return "2025-%02d-%02d" % (rng.randint(1, 11), rng.randint(1, 28))


# ---- the steps: each edits the corpus (or the options) and says what it did ----

def step_body(c, st):
    path = c.pick()
    extra = sorted(os.path.join(d, f) for d, _, fs in os.walk(c.content) for f in fs
                   if f.endswith(".md") and ("/pages/" in os.path.join(d, f) or "/reports/" in os.path.join(d, f)))
    if extra and c.rng.random() < 0.2:
        path = c.rng.choice(extra)
    fm, body = split_fm(read(path))
    lines = body.split("\n")
    plain = [i for i, l in enumerate(lines) if l.strip() and not l.startswith(("#", "|", "-", "!", "[", " ", ">"))]
    new = c.rng.choice(BODY) + "（第%d次修改）" % c.next_id()
    if plain and c.rng.random() < 0.6:
        lines[c.rng.choice(plain)] = new
    else:
        lines.append("\n" + new)
    write(path, join_fm(fm, "\n".join(lines)) if fm is not None else "\n".join(lines))
    return "edit a body line of " + os.path.relpath(path, c.content)


def edit_fm(c, kinds, names, value):
    path = c.pick(kinds)
    fm, body = split_fm(read(path))
    if fm is None:
        return None
    i = fm_key(fm, names)
    key = fm[i].split(":", 1)[0] if i >= 0 else names[0]
    line = "%s: %s" % (key, value)
    if i >= 0:
        fm[i] = line
    else:
        fm.insert(1, line)
    write(path, join_fm(fm, body))
    return path


def step_title(c, st):
    p = edit_fm(c, None, ("title", "标题"), cjk_title(c.rng))
    return p and "edit the title of " + os.path.relpath(p, c.content)


def step_date(c, st):
    p = edit_fm(c, ("work", "cases"), ("date", "日期"), rand_date(c.rng))
    return p and "edit the date of " + os.path.relpath(p, c.content)


def step_tags(c, st):
    tags = c.rng.sample(TAGS, c.rng.randint(0, 3))
    p = edit_fm(c, None, ("tags", "标签"), "[" + ", ".join(tags) + "]")
    return p and "set tags [%s] on %s" % (" ".join(tags), os.path.relpath(p, c.content))


def step_add(c, st):
    sites = sorted(d for d in os.listdir(os.path.join(c.content, "sites")))
    site = c.rng.choice(sites)
    n = c.next_id()
    date = rand_date(c.rng)
    path = os.path.join(c.content, "sites", site, "work", "%s-zengliang-%d.md" % (date, n))
    src = c.pick(("work",))
    if src and c.rng.random() < 0.5:
        fm, body = split_fm(read(src))
        fm = [l for l in fm if not l.startswith(("attachments:", "附件:"))]
        i = fm_key(fm, ("title", "标题"))
        fm[i] = fm[i].split(":", 1)[0] + ": " + cjk_title(c.rng)
        i = fm_key(fm, ("date", "日期"))
        fm[i] = fm[i].split(":", 1)[0] + ": " + date
        text = join_fm(fm, body)
    else:
        tags = c.rng.sample(TAGS, 2)
        text = "---\ntitle: %s\ndate: %s\ntags: [%s]\n---\n\n%s\n\n%s\n" % (
            cjk_title(c.rng), date, ", ".join(tags), c.rng.choice(BODY), c.rng.choice(BODY))
    write(path, text)
    return "add " + os.path.relpath(path, c.content)


def step_delete(c, st):
    recs = [r for r in c.records(("work", "meetings", "cases")) if "zengliang" in r or c.rng.random() < 0.5]
    recs = [r for r in recs if not c.linked(r)] or recs
    if not recs:
        return None
    path = c.rng.choice(recs)
    os.unlink(path)
    return "delete " + os.path.relpath(path, c.content)


def step_break_link(c, st):
    """Deletes or renames a record that another one links to: an error found while pages are written."""
    recs = [r for r in c.records(("work", "meetings", "disclosures")) if c.linked(r)]
    if not recs:
        return None
    path = c.rng.choice(recs)
    if c.rng.random() < 0.5:
        os.unlink(path)
        return "delete %s, which is linked to" % os.path.relpath(path, c.content)
    os.rename(path, path[:-3] + "-moved.md")
    return "rename %s, which is linked to" % os.path.relpath(path, c.content)


def step_rename(c, st):
    recs = [r for r in c.records(("work", "meetings", "cases", "disclosures")) if not c.linked(r)]
    if not recs:
        return None
    path = c.rng.choice(recs)
    base = os.path.basename(path)[:-3]
    new = os.path.join(os.path.dirname(path), "%s-r%d.md" % (base[:10] + "-" + base[11:].split("-r")[0], c.next_id()))
    os.rename(path, new)
    return "rename %s to %s" % (os.path.relpath(path, c.content), os.path.basename(new))


def step_audience(c, st):
    path = c.pick(("work", "cases", "meetings"))
    fm, body = split_fm(read(path))
    key, val = c.rng.choice([("audience", "internal"), ("draft", "true")])
    zh = {"audience": "公开范围", "draft": "草稿"}[key]
    i = fm_key(fm, (key, zh))
    if i >= 0:
        del fm[i]
        what = "remove %s from" % key
    else:
        fm.append("%s: %s" % (key, val))
        what = "make %s:%s" % (key, val)
    write(path, join_fm(fm, body))
    return "%s %s" % (what, os.path.relpath(path, c.content))


def step_profile(c, st):
    site = c.rng.choice(sorted(os.listdir(os.path.join(c.content, "sites"))))
    path = os.path.join(c.content, "sites", site, "index.md")
    fm, body = split_fm(read(path))
    i = fm_key(fm, ("name", "名称"))
    if i < 0:
        return None
    fm[i] = fm[i].split(":", 1)[0] + ": " + c.rng.choice(["新", "老", "上", "下"]) + site + "村"
    write(path, join_fm(fm, body))
    return "rename the site " + site


def step_csv(c, st):
    """Edits a cell of a 公示's name table (published or not, as --as-of and retention say)."""
    tables = sorted(os.path.join(d, f) for d, _, fs in os.walk(c.content) for f in fs if f.endswith(".csv"))
    if not tables:
        return None
    path = c.rng.choice(tables)
    lines = read(path).split("\n")
    head = lines[0].split(",")
    rows = [i for i, l in enumerate(lines) if i > 0 and l.count(",") == len(head) - 1]
    col = head.index("备注") if "备注" in head else -1
    if not rows or col < 0:
        return None
    i = c.rng.choice(rows)
    cells = lines[i].split(",")
    cells[col] = c.rng.choice(["", "新增", "家庭人口减少", "调整%d" % c.next_id()])
    lines[i] = ",".join(cells)
    write(path, "\n".join(lines))
    return "edit a cell of " + os.path.relpath(path, c.content)


def step_attachment(c, st):
    """Adds a text attachment linked from a record, or edits, unlinks or deletes one."""
    adir = os.path.join(c.content, "static", "incr")
    have = sorted(os.listdir(adir)) if os.path.isdir(adir) else []
    n = c.next_id()
    if not have or c.rng.random() < 0.4:
        name = "note-%d.txt" % n
        write(os.path.join(adir, name), "附件说明第%d版\n" % n)
        path = c.pick(("work", "meetings"))
        with open(path, "a", encoding="utf-8") as f:
            f.write("\n[附件%d](../../../static/incr/%s)\n" % (n, name))
        return "add static/incr/%s, linked from %s" % (name, os.path.relpath(path, c.content))
    name = c.rng.choice(have)
    how = c.rng.choice(["edit", "edit", "delete"])
    if how == "edit":
        write(os.path.join(adir, name), "附件说明第%d版，联系电话 13912345678\n" % n)
    else:
        os.unlink(os.path.join(adir, name))	# still linked: the build must fail
    return "%s static/incr/%s" % (how, name)


SITE_KEYS = {
    "title": lambda r: "某县农村党建示范点公开网" + r.choice(["", "（试运行）", "（第%d版）" % r.randint(1, 9)]),
    "description": lambda r: r.choice(["某县示范点公开信息。", "某县六个农村党建示范点的工作记录和三公开信息。"]),
    "paginate": lambda r: str(r.randint(3, 12)),
    "feedback": lambda r: r.choice(['"县委组织部组织科 0871-63512480"', "请到村委会反映"]),
    "  org": lambda r: r.choice(["中共某县委组织部", "某县委组织部"]),
}


def step_site_yaml(c, st):
    path = os.path.join(c.content, "site.yaml")
    key = c.rng.choice(sorted(SITE_KEYS))
    val = SITE_KEYS[key](c.rng)
    text, n = re.subn(r"(?m)^%s: .*$" % re.escape(key), lambda _: "%s: %s" % (key, val), read(path), count=1)
    if n == 0:
        return None
    write(path, text)
    return "site.yaml %s: %s" % (key.strip(), val)


def step_template(c, st):
    tdir = os.path.join(c.theme, "templates")
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(tdir) for f in fs if f.endswith(".html"))
    path = c.rng.choice(files)
    text = read(path)
    spots = [m for m in re.finditer(r">([^<>]*[\u4e00-\u9fff][^<>]*)<", text)]
    if not spots:
        return None
    m = c.rng.choice(spots)
    text = text[:m.end(1)] + "·%d" % c.next_id() + text[m.end(1):]
    write(path, text)
    return "edit template " + os.path.relpath(path, c.theme)


def step_css(c, st):
    adir = os.path.join(c.theme, "assets")
    path = os.path.join(adir, c.rng.choice(sorted(f for f in os.listdir(adir) if f.endswith(".css"))))
    n = c.next_id()
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n.incr-%d { color: #%06x; }\n" % (n, c.rng.randrange(1 << 24)))
    return "edit asset " + os.path.relpath(path, c.theme)


def step_as_of(c, st):
    st["as_of"] = c.rng.choice([None, "2025-06-30", "2025-09-01", "2025-10-20", "2025-12-10", "2026-01-15",
                                "2026-03-01", rand_date(c.rng)])
    return "--as-of %s" % st["as_of"]


def step_drafts(c, st):
    st["drafts"] = not st["drafts"]
    return "--drafts %s" % ("on" if st["drafts"] else "off")


def step_back(c, st):
    """Goes back to an earlier state: the spare tree is then two or more builds old."""
    if len(st["history"]) < 2:
        return None
    k = c.rng.randrange(len(st["history"]) - 1)
    content, theme, opts = st["history"][k]
    put_tree(c.content, content)
    put_tree(c.theme, theme)
    st["as_of"], st["drafts"], st["base_url"] = opts
    return "go back to the state after step %d" % st["history_steps"][k]


def step_noop(c, st):
    return "nothing changed"


def step_broken(c, st):
    """Invalid content on purpose: the build must fail and leave the site alone."""
    what = c.rng.choice(["yaml", "site", "template", "money"])
    if what == "yaml":
        site = c.rng.choice(sorted(os.listdir(os.path.join(c.content, "sites"))))
        write(os.path.join(c.content, "sites", site, "work", "2025-05-05-broken.md"), "---\ntitle: [broken\n---\n")
    elif what == "site":
        path = os.path.join(c.content, "site.yaml")
        write(path, read(path).replace("paginate:", "paginate: [", 1))
    elif what == "template":
        path = os.path.join(c.theme, "templates", "record.html")
        write(path, read(path).replace("</", "<", 1))
    else:
        path = c.pick(("disclosures",))
        text = read(path)
        new = re.sub(r"(?m)^(\s*(closing_balance|期末余额): )([0-9.]+)", lambda m: m.group(1) + "1.23", text)
        if new == text:
            return None
        write(path, new)
    st["must_fail"] = True
    return "break the content on purpose (%s)" % what


def step_cache(c, st):
    """Damages a file of the build cache, then makes an edit: the damaged file must be ignored, not trusted."""
    cache = os.path.join(os.path.dirname(c.content), ".gongkai-cache")
    files = [f for f in ("site.live", "site.next.list", "site.inputs", "site.qr") if os.path.isfile(os.path.join(cache, f))]
    if not files:
        return None
    name = c.rng.choice(files)
    path = os.path.join(cache, name)
    with open(path, "rb") as f:
        data = f.read()
    how = c.rng.choice(["truncate", "lose lines", "flip a byte"])
    if how == "truncate":
        data = data[:c.rng.randrange(len(data) + 1)]
    elif how == "lose lines":
        lines = data.split(b"\n")
        for _ in range(c.rng.randint(1, 4)):
            if len(lines) > 2:
                del lines[c.rng.randrange(1, len(lines) - 1)]
        data = b"\n".join(lines)
    elif data:
        i = c.rng.randrange(len(data))
        data = data[:i] + bytes([data[i] ^ c.rng.randint(1, 255)]) + data[i + 1:]
    with open(path, "wb") as f:
        f.write(data)
    then = c.rng.choice([step_noop, step_body, step_delete, step_add, step_title])(c, st) or "nothing"
    return "%s %s, then %s" % (how, name, then)


def step_move_content(c, st):
    """The same output built from another content folder (here: the same bytes moved)."""
    new = "content-b" if os.path.basename(c.content) == "content" else "content"
    dest = os.path.join(os.path.dirname(c.content), new)
    shutil.rmtree(dest, ignore_errors=True)
    os.rename(c.content, dest)
    c.content = dest
    st["cdir"] = new
    return "build from the content folder %s/" % new


def step_base_url(c, st):
    st["base_url"] = c.rng.choice([None, "", "https://example.org/gk/", "http://dangjian.example.cn/"])
    return "--base-url %r" % st["base_url"]


def step_rm_output(c, st):
    """What a person may do by hand: remove the output folder, or the cache beside it."""
    work = os.path.dirname(c.content)
    what = c.rng.choice(["site", ".gongkai-cache"])
    shutil.rmtree(os.path.join(work, what), ignore_errors=True)
    return "remove %s/ by hand" % what


def step_kill(c, st):
    """A build killed part way (SIGKILL at a random moment), after an edit: the next build must recover."""
    st["kill"] = c.rng.uniform(0.0, 0.25)
    then = c.rng.choice([step_body, step_add, step_delete, step_title])(c, st) or "nothing"
    return "%s, and a build killed after %.2f s" % (then, st["kill"])


def step_git(c, st):
    """Commits the content folder (making it a repository first): disclosures get their history pages."""
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    n = c.next_id()
    env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = "2025-%02d-%02dT10:00:00+08:00" % (n % 12 + 1, n % 28 + 1)
    git = ["git", "-C", c.content, "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
    if not os.path.isdir(os.path.join(c.content, ".git")):
        subprocess.run(git + ["init", "-q"], env=env, check=True)
    subprocess.run(git + ["add", "-A"], env=env, check=True)
    subprocess.run(git + ["commit", "-q", "--allow-empty", "-m", "step %d" % n], env=env, check=True)
    return "git commit in the content folder"


def step_lang(c, st):
    st["lang"] = "zh_CN" if st["lang"] == "en" else "en"
    return "LANGUAGE=%s" % st["lang"]


STEPS = [
    (step_body, 14), (step_title, 8), (step_date, 6), (step_tags, 6), (step_add, 8), (step_delete, 6),
    (step_rename, 6), (step_audience, 5), (step_site_yaml, 6), (step_template, 5), (step_css, 4),
    (step_as_of, 5), (step_drafts, 2), (step_back, 5), (step_noop, 2), (step_broken, 4), (step_cache, 6),
    (step_move_content, 2), (step_profile, 2), (step_csv, 3), (step_attachment, 4), (step_base_url, 2),
    (step_rm_output, 2), (step_kill, 4), (step_break_link, 3), (step_git, 2), (step_lang, 2),
]


class Run:
    def __init__(self, args):
        self.a = args
        self.rng = random.Random(args.seed)
        self.work = os.path.abspath(args.work)
        self.theme = os.path.join(self.work, "theme")
        self.site = os.path.join(self.work, "site")
        self.fails = 0
        self.step = 0
        self.noop = False
        self.st = {"as_of": None, "drafts": False, "history": [], "history_steps": [], "must_fail": False,
                   "cdir": "content", "base_url": None, "kill": None,
                   "lang": "en"}
        self.env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8", LANGUAGE="en")

    def fail(self, msg):
        self.fails += 1
        print("FAIL: incremental random (seed %d) step %d: %s" % (self.a.seed, self.step, msg), flush=True)

    def build(self, out, jobs, kill=None):
        cmd = [self.a.gongkai, "build", "-C", self.st["cdir"], "-t", "theme", "-o", os.path.relpath(out, self.work)]
        if jobs:
            cmd += ["-j", str(jobs)]
        if self.st["as_of"]:
            cmd += ["--as-of", self.st["as_of"]]
        if self.st["drafts"]:
            cmd.append("--drafts")
        if self.st["base_url"] is not None:
            cmd += ["--base-url", self.st["base_url"]]
        env = dict(self.env, LANGUAGE=self.st["lang"])
        if kill is not None:
            p = subprocess.Popen(cmd, env=env, cwd=self.work, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            time.sleep(kill)
            p.kill()
            p.wait()
            return None, None
        p = subprocess.run(cmd, env=env, cwd=self.work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        err = p.stderr.decode("utf-8", "replace")
        # the lines that name the output folder (or say it was up to date) differ by design
        # (in Chinese too: 已是最新, 保持原样, 已写出)
        kept = [l for l in err.split("\n")
                if not re.match(r"gongkai: .*(is up to date|was left as it was|wrote .* to |已写出|原样|最新)", l)]
        self.noop = re.search(r"^gongkai: .*(is up to date|最新)", err, re.M) is not None
        return p.returncode, "\n".join(kept)

    def reference(self):
        """A clean serial build into a fresh folder with a cache of its own."""
        refdir = os.path.join(self.work, "ref")
        shutil.rmtree(refdir, ignore_errors=True)
        os.makedirs(refdir)
        rc, err = self.build(os.path.join(refdir, "site"), 1)
        return rc, err, os.path.join(refdir, "site")

    def check(self, what):
        if self.st["kill"] is not None:
            self.build(self.site, self.rng.choice([None, 2, 1]), self.st["kill"])
        before = snap(self.site) if os.path.isdir(self.site) else {}
        rc, err = self.build(self.site, self.rng.choice([None, 2, 3, 4, 1]))
        noop = self.noop
        rrc, rerr, ref = self.reference()
        if self.st["must_fail"] and rrc == 0:
            self.fail("%s: the clean build succeeded on content broken on purpose" % what)
        if rc != rrc:
            self.fail("%s: exit %d, the clean -j 1 build exited %d: %s" % (what, rc, rrc, (err or rerr)[:300]))
        elif err != rerr:
            self.fail("%s: findings differ from the clean build's:\n  %s\n  vs\n  %s" % (what, err[:400], rerr[:400]))
        if rc != 0:
            if snap(self.site) != before:
                self.fail("%s: a failed build changed the output folder" % what)
            return False
        diff = tree_diff(load_tree(ref), load_tree(self.site))
        if diff:
            self.fail("%s: output differs from a clean -j 1 build: %s" % (what, "; ".join(diff)))
        stray = [f for f in os.listdir(os.path.join(self.work, ".gongkai-cache")) if f.endswith(".tmp")]
        if stray or any(n.startswith("site.tmp") or n.startswith("site.old") for n in os.listdir(self.work)):
            self.fail("%s: temporary files left behind: %s" % (what, stray))
        if not noop:	# a no-op leaves the spare tree as the last build left it (a failed one: its new files)
            self.spare_shared(what)
        if self.rng.random() < 0.2:
            s1 = snap(self.site)
            rc2, err2 = self.build(self.site, self.rng.choice([None, 2, 1]))
            if rc2 != 0 or err2 != err or snap(self.site) != s1:
                self.fail("%s: a second build with nothing changed wrote files or printed other findings" % what)
        return True

    def spare_shared(self, what):
        """After a build that swapped, the spare tree keeps only files the site shares (the same inode):
        nothing the site stopped showing (a 公示's names past retention, a withdrawn record) stays there."""
        spare = os.path.join(self.work, ".gongkai-cache", "site.next")
        kept = []
        for dirpath, _, files in os.walk(spare):
            for name in files:
                rel = os.path.relpath(os.path.join(dirpath, name), spare)
                live = os.path.join(self.site, rel)
                if not os.path.exists(live) or os.stat(live).st_ino != os.stat(os.path.join(spare, rel)).st_ino:
                    kept.append(rel)
        if kept:
            self.fail("%s: the spare tree keeps %d file(s) the site does not show, first %s" % (what, len(kept), kept[0]))

    def setup(self):
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        shutil.copytree(os.path.join(ROOT, "content"), os.path.join(self.work, "content"), symlinks=True)
        shutil.copytree(os.path.join(ROOT, "themes", "default"), self.theme, symlinks=True)

    def run(self):
        self.setup()
        corpus = self.corpus = Corpus(os.path.join(self.work, "content"), self.theme, self.rng)
        names, weights = zip(*STEPS)
        start = time.time()
        if not self.check("first build"):
            self.fail("the first build failed")
            return 1
        for self.step in range(1, self.a.steps + 1):
            saved = (load_tree(corpus.content), load_tree(self.theme), (self.st["as_of"], self.st["drafts"], self.st["base_url"]))
            self.st["must_fail"] = False
            self.st["kill"] = None
            what = None
            while what is None:
                fn = self.rng.choices(names, weights)[0]
                what = fn(corpus, self.st)
            if self.a.verbose:
                print("step %d: %s" % (self.step, what), flush=True)
            ok = self.check(what)
            if not ok:	# undo the step: the content goes back to the last good build's
                put_tree(corpus.content, saved[0])
                put_tree(self.theme, saved[1])
                self.st["as_of"], self.st["drafts"], self.st["base_url"] = saved[2]
            else:
                self.st["history"] = (self.st["history"] + [(load_tree(corpus.content), load_tree(self.theme),
                                                             (self.st["as_of"], self.st["drafts"], self.st["base_url"]))])[-6:]
                self.st["history_steps"] = (self.st["history_steps"] + [self.step])[-6:]
            if self.fails >= 5:
                print("FAIL: incremental random (seed %d): stopped after 5 failures" % self.a.seed)
                break
        if self.fails == 0:
            print("PASS: incremental random: %d steps (seed %d), each byte-identical to a clean -j 1 build (%.0f s)"
                  % (self.a.steps, self.a.seed, time.time() - start))
        return 1 if self.fails else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--steps", type=int, default=int(os.environ.get("STEPS", "200")))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("SEED") or random.SystemRandom().randrange(1 << 31)))
    ap.add_argument("--gongkai", default=os.environ.get("GONGKAI", os.path.join(ROOT, "gongkai")))
    ap.add_argument("--work", default=os.path.join(ROOT, "tests", "out", "incr-random"))
    ap.add_argument("-v", "--verbose", action="store_true", help="print each step")
    a = ap.parse_args()
    a.gongkai = os.path.abspath(a.gongkai)
    print("incremental random: seed %d, %d steps (replay: python3 tests/incr_random.py --seed %d --steps %d -v)"
          % (a.seed, a.steps, a.seed, a.steps), flush=True)
    return Run(a).run()


if __name__ == "__main__":
    sys.exit(main())
