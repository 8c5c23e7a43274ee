#!/usr/bin/env python3
"""gencorpus.py: a synthetic county archive for `make bench` (issue 7).

    python3 tools/bench/gencorpus.py [-n RECORDS] [-s SITES] [--seed N] OUTDIR

writes two trees with the same Markdown bodies:

    OUTDIR/content/   a gongkai content folder (site.yaml, sites/<id>/index.md,
                      sites/<id>/{work,meetings,disclosures,cases,reports}/…)
    OUTDIR/hugo/      an equivalent Hugo site: the same records as pages, a
                      minimal layout with single, list (paginated), taxonomy
                      and term pages, plus Hugo's built-in RSS and sitemap

The corpus passes `gongkai check` without errors: meetings have a quorum and
votes that add up, every site's 财务公开 ledgers are monthly, balance
(opening + income - expense = closing) and chain (each opening is the
previous month's closing), cases cite earlier records of their site as
evidence. Output is a pure function of (records, sites, seed).

Python 3 standard library only.
"""
import argparse
import os
import random
import shutil

KIND_SHARE = [("work", 40), ("meetings", 25), ("disclosures", 25), ("cases", 8), ("reports", 2)]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "德明永福家志建国华玉兰秀英天才长友贵生文军春梅海涛晓敏红霞金凤光荣振兴学良"
PLACES = ["坡脚组", "新田组", "大寨组", "小河组", "龙潭组", "石板组", "松林组", "上坝组", "下坝组", "岩头组"]
TOWNS = ["兴关镇", "煤岭镇", "雁脚乡", "梅岭镇", "高寨乡", "法泥镇", "阿姑乡", "白岩镇"]
TOPICS = [
    ("通组路硬化", "基础设施"), ("人居环境整治", "人居环境"), ("蔬菜产业发展", "产业发展"),
    ("党员集中培训", "党员教育"), ("低保户走访", "民生保障"), ("饮水工程维修", "基础设施"),
    ("矿区安全宣传", "安全生产"), ("流动党员管理", "党员管理"), ("村规民约修订", "乡村治理"),
    ("集体经济合作社", "集体经济"), ("乡村振兴示范", "乡村振兴"), ("森林防火巡查", "安全生产"),
]
SENTENCES = [
    "村党支部坚持把群众满意作为工作的出发点和落脚点，事前征求意见，事中接受监督，事后公开结果。",
    "经村民代表会议表决，项目按照“四议两公开”程序实施，决议和实施方案在公开栏公示七天。",
    "两委班子成员分片包组，逐户走访了解群众的实际困难，建立问题清单和整改台账。",
    "党员带头投工投劳，群众积极参与，共投入工日六百余个，节约资金三万余元。",
    "项目资金实行专账核算，收支明细在季度财务公开中逐笔公开，接受群众监督。",
    "村务监督委员会全程参与，对材料进场、施工质量和资金支付逐项签字确认。",
    "活动结束后，村党支部召开专题会议，总结经验，查找不足，明确下一步工作重点。",
    "外出务工党员通过微信群参加学习，按时提交心得体会，做到学习教育不断线。",
    "镇党委派驻的指导员到村督促检查，对发现的问题当场反馈，限期整改到位。",
    "群众对公开内容有疑问的，可在公开之日起十日内向村务监督委员会反映，村里在五个工作日内答复。",
    "今年以来，全村累计公开各类事项四十余项，群众提出的意见建议全部按时办结。",
    "合作社实行“党支部加合作社加农户”的模式，带动一百二十余户群众稳定增收。",
    "村里把环境卫生纳入村规民约，每月评比一次，评比结果在公开栏张榜公布。",
    "驻村工作队和村两委一起研究产业规划，明确了蔬菜、畜牧和林下经济三个方向。",
    "通过“三会一课”和主题党日活动，党员的宗旨意识和服务意识明显增强。",
]
ITEMS_IN = ["村级组织运转经费", "村干部报酬补助", "集体土地租金", "上级党建示范点补助",
            "一事一议财政奖补资金", "合作社分红", "林地承包费"]
ITEMS_OUT = ["村干部报酬", "办公经费", "党员培训费", "路灯电费及维修", "环境卫生保洁费",
             "水管维修材料费", "会议误餐补助"]
MEETING_TYPES = ["党员大会", "支部委员会", "两委联席会议", "村民代表会议", "主题党日", "党课"]
REQUIREMENTS = ["班子建设", "队伍建设", "发展党员", "党员管理", "工作机制", "服务职能", "扶贫开发",
                "经济社会发展"]


# search benchmark (--latin): what people type in Latin letters, mixed case, full-width
LATIN = [
    "会议材料另附PDF版，扫描QR码可下载。",
    "监控设备型号ABC123，由村委会统一管理。",
    "党群服务中心已接入WiFi，群众可免费使用。",
    "公开栏照片和ＰＤＦ扫描件已存档备查。",
    "培训课件（pdf格式）发到各组微信群。",
    "村级事务App上线，扫描Qr码即可关注。",
    "应急广播系统型号ＡＢＣ１２３，已完成调试。",
]


def person(rnd):
    return rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)


def paragraph(rnd, k):
    return "".join(rnd.choice(SENTENCES) for _ in range(k))


def body(rnd, topic, place, links):
    """A record body of 1,000-2,500 characters: headings, a list, a table, paragraphs."""
    out = [paragraph(rnd, rnd.randint(2, 4)), ""]
    out += ["## 基本情况", "", paragraph(rnd, rnd.randint(2, 5)), ""]
    out += ["## 主要做法", ""]
    for i in range(rnd.randint(3, 5)):
        out.append("%d. **%s。**%s" % (i + 1, rnd.choice(["民主决策", "群众参与", "质量监督", "资金公开",
                                                           "跟踪问效"]), paragraph(rnd, rnd.randint(1, 2))))
    out.append("")
    if rnd.random() < 0.7:
        out += ["## 项目概况", "", "| 项目 | 内容 |", "|---|---|",
                "| 地点 | %s |" % place,
                "| 规模 | 长%.1f公里、宽%.1f米 |" % (rnd.uniform(0.5, 5), rnd.uniform(3, 6)),
                "| 总投资 | %.1f万元 |" % rnd.uniform(5, 80),
                "| 受益 | %d户%d人 |" % (rnd.randint(50, 400), rnd.randint(200, 1600)),
                "| 负责人 | %s |" % person(rnd), ""]
    out += ["## 取得成效", "", paragraph(rnd, rnd.randint(2, 5)), ""]
    out += ["- " + paragraph(rnd, 1) for _ in range(rnd.randint(2, 4))]
    out.append("")
    out.append("围绕“%s”，%s" % (topic, paragraph(rnd, rnd.randint(1, 3))))
    for title, rel in links:
        out += ["", "相关记录见[%s](%s)。" % (title, rel)]
    return "\n".join(out) + "\n"


def yaml_str(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


class Rec:
    __slots__ = ("site", "kind", "date", "slug", "title", "tags", "fm", "body", "author")


def month_add(y, m, k):
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def make_site_records(rnd, sid, sname, count, end):
    """Records of one site, oldest first, ending near `end` (y, m)."""
    counts = {}
    rest = count
    for kind, share in KIND_SHARE:
        counts[kind] = count * share // 100
        rest -= counts[kind]
    counts["work"] += rest
    # one 财务公开 per month: the disclosures span that many months back
    months = max(counts["disclosures"], 1)
    start = month_add(end[0], end[1], -months)
    recs = []
    used = set()

    def day_in(y, m):
        return "%04d-%02d-%02d" % (y, m, rnd.randint(1, 28))

    def new(kind, date, slug, title, tags):
        r = Rec()
        r.site, r.kind, r.date, r.slug, r.title, r.tags = sid, kind, date, slug, title, tags
        r.fm, r.author = [], rnd.choice(["%s村民委员会" % sname, "中共%s支部委员会" % sname])
        key = (kind, slug)
        assert key not in used
        used.add(key)
        return r

    # disclosures: chained monthly ledgers
    bal = rnd.randint(2000000, 9000000)	# fen
    for i in range(counts["disclosures"]):
        y, m = month_add(start[0], start[1], i)
        py, pm = month_add(y, m, 1)
        date = "%04d-%02d-%02d" % (py, pm, rnd.randint(1, 10))
        r = new("disclosures", date, "%s-caiwu-%04d%02d" % (date, y, m),
                "%s%d年%d月财务收支公开" % (sname, y, m), ["财务公开"])
        inc = [(rnd.choice(ITEMS_IN), rnd.randint(100000, 3000000)) for _ in range(rnd.randint(2, 4))]
        exp = [(rnd.choice(ITEMS_OUT), rnd.randint(50000, 2500000)) for _ in range(rnd.randint(2, 4))]
        close = bal + sum(a for _, a in inc) - sum(a for _, a in exp)
        while close < 0:
            inc.append(("上级补助", 1000000))
            close += 1000000
        fm = ["category: 财务公开", "period: %04d-%02d" % (y, m), "finance:",
              "  opening_balance: %d.%02d" % divmod(bal, 100), "  income:"]
        for it, a in inc:
            fm += ["    - item: %s" % it, "      amount: %d.%02d" % divmod(a, 100)]
        fm.append("  expense:")
        for it, a in exp:
            fm += ["    - item: %s" % it, "      amount: %d.%02d" % divmod(a, 100)]
        fm.append("  closing_balance: %d.%02d" % divmod(close, 100))
        r.fm = fm
        bal = close
        recs.append(r)
    span = max(months, 1)

    def some_month(i, n):
        return month_add(start[0], start[1], (i * span) // max(n, 1))

    for kind in ("work", "meetings"):
        for i in range(counts[kind]):
            y, m = some_month(i, counts[kind])
            date = day_in(y, m)
            topic, tag = rnd.choice(TOPICS)
            if kind == "work":
                r = new(kind, date, "%s-w%05d" % (date, i), "%s%s%s" % (sname, rnd.choice(PLACES), topic),
                        [tag, rnd.choice(["一事一议", "三会一课", "为民办事"])])
            else:
                mt = rnd.choice(MEETING_TYPES)
                r = new(kind, date, "%s-m%05d" % (date, i), "%s%d年%d月%s" % (sname, y, m, mt), ["三会一课"])
                expected = rnd.randint(15, 45)
                present = expected - rnd.randint(0, expected // 5)
                r.fm = ["meeting_type: %s" % mt, "location: %s党群服务中心会议室" % sname,
                        "host: %s" % person(rnd), "recorder: %s" % person(rnd),
                        "expected: %d" % expected, "present: %d" % present,
                        "agenda: [审议%s方案, 通报上月工作]" % topic, "resolutions:",
                        "  - item: 同意%s实施方案" % topic,
                        "    for: %d" % (present - 1), "    against: 0", "    abstain: 1"]
                if present < expected:
                    r.fm.append("absent:")
                    for _ in range(min(expected - present, 4)):
                        r.fm += ["  - name: %s" % person(rnd), "    reason: 外出务工"]
            recs.append(r)
    for i in range(counts["reports"]):
        year = 1990 + i	# one per year; file name is the year
        r = new("reports", "%04d-01-15" % (year + 1), "%04d" % year, "%s%d年度工作报告" % (sname, year), ["年度报告"])
        r.fm = ["year: %d" % year]
        recs.append(r)
    recs.sort(key=lambda r: (r.date, r.kind, r.slug))
    earlier = [r for r in recs if r.kind in ("work", "meetings")]
    for i in range(counts["cases"]):
        y, m = some_month(i, counts["cases"])
        date = day_in(y, m)
        topic, tag = rnd.choice(TOPICS)
        r = new("cases", date, "%s-c%05d" % (date, i), "%s%s的经验做法" % (sname, topic), ["典型经验", tag])
        ev = [e for e in earlier if e.date <= date][-3:]
        r.fm = ["summary: %s" % paragraph(rnd, 1), "requirement: %s" % rnd.choice(REQUIREMENTS),
                "promoted: %s" % rnd.choice(["乡镇", "县", "州"])]
        if ev:
            r.fm.append("evidence:")
            r.fm += ["  - ../%s/%s.md" % (e.kind, e.slug) for e in ev]
        recs.append(r)
    recs.sort(key=lambda r: (r.date, r.kind, r.slug))
    # bodies: some link to an earlier record of the same site
    prev = None
    for r in recs:
        topic, _ = rnd.choice(TOPICS)
        links = []
        if prev is not None and r.kind != "reports" and rnd.random() < 0.3:
            links.append((prev.title, "../%s/%s.md" % (prev.kind, prev.slug)))
        r.body = body(rnd, topic, rnd.choice(PLACES), links)
        if r.kind != "reports":
            prev = r
    return recs


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


SITE_YAML = """# generated by tools/bench/gencorpus.py
title: 某县农村党建示范点公开网（基准测试）
base_url: https://dangjian.example.gov.cn/
language: zh-CN
description: 基准测试用的合成内容。
as_of: 2025-12-10
paginate: 20
unsafe_html: false
footer:
  org: 中共某县委组织部
privacy: mask
rules:
  pass_mark: 80
"""

HUGO_CONFIG = """baseURL = "https://dangjian.example.gov.cn/"
languageCode = "zh-CN"
title = "某县农村党建示范点公开网（基准测试）"
paginate = 20
disableKinds = []
[taxonomies]
  tag = "tags"
[markup.goldmark.renderer]
  unsafe = false
[markup.goldmark.extensions]
  table = true
  strikethrough = true
  linkify = true
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}
</head><body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>中共某县委组织部</footer></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2006年1月2日" }} {{ .Params.author }}</p>
{{ with .Params.tags }}<p>{{ range . }}<a href="{{ (printf "/tags/%s/" (urlize .)) | relURL }}">{{ . }}</a> {{ end }}</p>{{ end }}
{{ .TableOfContents }}
{{ .Content }}</article>
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}<p>{{ .Summary | plainify | truncate 120 }}</p></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range first 20 (where .Site.RegularPages "Section" "sites") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
}


def hugo_page(r, sites):
    fm = ["---", "title: %s" % yaml_str(r.title), "date: %s" % r.date,
          "tags: [%s]" % ", ".join(yaml_str(t) for t in r.tags), "author: %s" % yaml_str(r.author),
          "site: %s" % r.site, "---", ""]
    return "\n".join(fm) + r.body


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", "--records", type=int, default=1000)
    ap.add_argument("-s", "--sites", type=int, default=0, help="default: one per 200 records, at least 6")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-hugo", action="store_true", help="write only the gongkai content folder")
    ap.add_argument("--latin", action="store_true",
                    help="Latin tokens in some bodies, for make bench-search (the same random draws)")
    ap.add_argument("outdir")
    a = ap.parse_args()
    nsites = a.sites or max(6, a.records // 200)
    rnd = random.Random(a.seed)
    content = os.path.join(a.outdir, "content")
    hugo = os.path.join(a.outdir, "hugo")
    for d in (content, hugo):
        if os.path.exists(d):
            shutil.rmtree(d)
    write(os.path.join(content, "site.yaml"), SITE_YAML)
    write(os.path.join(content, "pages", "about.md"),
          "---\ntitle: 关于本站\nmenu: true\n---\n\n本站内容由 gencorpus.py 合成，仅供基准测试。\n")
    if not a.no_hugo:
        write(os.path.join(hugo, "config.toml"), HUGO_CONFIG)
        for name, text in HUGO_LAYOUTS.items():
            write(os.path.join(hugo, "layouts", name), text)
        write(os.path.join(hugo, "content", "sites", "_index.md"), "---\ntitle: 示范点\n---\n")
    total = 0
    for si in range(nsites):
        sid = "site-%04d" % si
        sname = "%s%s村" % (rnd.choice(TOWNS)[:2], "".join(rnd.choice(GIVEN) for _ in range(1)) + str(si))
        count = a.records // nsites + (1 if si < a.records % nsites else 0)
        intro = paragraph(rnd, 4) + "\n\n## 基本情况\n\n" + paragraph(rnd, 3) + "\n"
        write(os.path.join(content, "sites", sid, "index.md"),
              "---\nname: %s\nlevel: 村\ntype: %s\nlocation: %s\n---\n\n%s" %
              (sname, rnd.choice(["通道型", "资源型", "扶贫型"]), rnd.choice(TOWNS), intro))
        if not a.no_hugo:
            write(os.path.join(hugo, "content", "sites", sid, "_index.md"),
                  "---\ntitle: %s\n---\n\n%s" % (yaml_str(sname), intro))
        recs = make_site_records(rnd, sid, sname, count, (2025, 11))
        kinds_seen = set()
        for i, r in enumerate(recs):
            # no random draw: the rest of the corpus stays as without --latin
            if a.latin and i % len(LATIN) < 3:
                r.body += "\n" + LATIN[(i // len(LATIN) + si) % len(LATIN)] + "\n"
            fm = ["---", "title: %s" % yaml_str(r.title), "date: %s" % r.date,
                  "tags: [%s]" % ", ".join(r.tags), "author: %s" % r.author] + r.fm + ["---", ""]
            write(os.path.join(content, "sites", sid, r.kind, r.slug + ".md"), "\n".join(fm) + r.body)
            if not a.no_hugo:
                if r.kind not in kinds_seen:
                    kinds_seen.add(r.kind)
                    write(os.path.join(hugo, "content", "sites", sid, r.kind, "_index.md"),
                          "---\ntitle: %s\n---\n" % yaml_str(sname + r.kind))
                write(os.path.join(hugo, "content", "sites", sid, r.kind, r.slug + ".md"), hugo_page(r, None))
            total += 1
    print("gencorpus: %d records over %d sites in %s" % (total, nsites, a.outdir))


if __name__ == "__main__":
    main()
