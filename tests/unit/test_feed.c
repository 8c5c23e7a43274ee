/*
 * test_feed.c: feed.c and sitemap.c without a build: timestamps, absolute
 * URLs, the Atom document of two records, and how the sitemap splits into an
 * index past SITEMAP_MAX_URLS (checked with 50,000 and 50,001 URLs in memory,
 * and with a small per_file to read the index itself).
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "../../generator/gongkai.h"
#include "../../generator/feed.h"
#include "../../generator/util.h"

/* What sitemap_render wrote, in order. */
struct files {
	char	*name[8];
	char	*data[8];
	size_t	 n, total;
	int	 fail_at;	/* put fails on this call (1-based); 0 never */
};

static int
put_mem(void *ctx, const char *relpath, const char *data, size_t len)
{
	struct files *f = ctx;

	f->total++;
	if (f->fail_at && (int)f->total == f->fail_at)
		return -1;
	if (f->n < 8) {
		f->name[f->n] = xstrdup(relpath);
		f->data[f->n++] = xstrndup(data, len);
	}
	return 0;
}

static void
files_free(struct files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->name[i]);
		free(f->data[i]);
	}
	memset(f, 0, sizeof *f);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void
test_time_and_urls(void)
{
	char buf[32], *s;

	CHECK_STR("feed_time midnight China time", feed_time((struct date){ 2025, 3, 6 }, buf),
	    "2025-03-06T00:00:00+08:00");
	s = feed_abs_url("https://x.gov.cn/", "sites/fani/work/2025-03-01-a_b.c~/");
	CHECK_STR("abs url keeps unreserved", s, "https://x.gov.cn/sites/fani/work/2025-03-01-a_b.c~/");
	free(s);
	s = feed_abs_url("https://x.gov.cn/", "");
	CHECK_STR("abs url of home is base_url", s, "https://x.gov.cn/");
	free(s);
	s = feed_abs_url("https://x/", "pages/关于 本站/");
	CHECK_STR("abs url percent-encodes UTF-8 and blanks", s,
	    "https://x/pages/%E5%85%B3%E4%BA%8E%20%E6%9C%AC%E7%AB%99/");
	free(s);
}

static void
test_feed_render(void)
{
	struct site site;
	struct record r1, r2, *recs[2] = { &r1, &r2 };
	struct feed_info f;
	size_t len;
	char *xml;

	memset(&site, 0, sizeof site);
	site.name = "法尼村";
	site.url = "sites/fani/";
	memset(&r1, 0, sizeof r1);
	r1.kind = KIND_DISCLOSURES;
	r1.site = &site;
	r1.url = "sites/fani/disclosures/2025-04-08-caiwu/";
	r1.title = "2025年第一季度财务公开 <表> & 说明";
	r1.date = (struct date){ 2025, 4, 8 };
	r1.summary = "收入 12,345.67 元";
	r1.author = "法尼村村务监督委员会";
	r2 = r1;
	r2.kind = KIND_WORK;
	r2.url = "sites/fani/work/2025-03-26-zoufang/";
	r2.title = "走访低保户";
	r2.date = (struct date){ 2025, 3, 26 };
	r2.summary = NULL;
	r2.author = NULL;

	memset(&f, 0, sizeof f);
	f.base_url = "https://dj.example.gov.cn/";
	f.path = "sites/fani/feed.xml";
	f.alternate = "sites/fani/";
	f.title = "法尼村 - 示范点公开网";
	f.author = "示范点公开网";
	f.language = "zh-CN";
	f.fallback = (struct date){ 2025, 12, 10 };

	xml = feed_render(&f, recs, 2, &len);
	CHECK_INT("feed length is strlen", len, strlen(xml));
	CHECK("feed has the Atom namespace and language",
	    strstr(xml, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">") != NULL);
	CHECK("feed id is its absolute URL", strstr(xml, "<id>https://dj.example.gov.cn/sites/fani/feed.xml</id>") != NULL);
	CHECK("feed self link", strstr(xml, "<link rel=\"self\" type=\"application/atom+xml\" "
	    "href=\"https://dj.example.gov.cn/sites/fani/feed.xml\"/>") != NULL);
	CHECK("feed alternate link", strstr(xml, "<link rel=\"alternate\" type=\"text/html\" "
	    "href=\"https://dj.example.gov.cn/sites/fani/\"/>") != NULL);
	CHECK("feed updated is the newest entry", strstr(xml, "<feed") && strstr(xml,
	    "<updated>2025-04-08T00:00:00+08:00</updated>\n  <author>") != NULL);
	CHECK_INT("two entries", count(xml, "<entry>"), 2);
	CHECK("entry id is the pretty absolute URL",
	    strstr(xml, "<id>https://dj.example.gov.cn/sites/fani/disclosures/2025-04-08-caiwu/</id>") != NULL);
	CHECK("title is escaped", strstr(xml, "<title>2025年第一季度财务公开 &lt;表&gt; &amp; 说明</title>") != NULL);
	CHECK("author from 发布单位", strstr(xml, "<name>法尼村村务监督委员会</name>") != NULL);
	CHECK("author falls back to the site name", strstr(xml, "<name>法尼村</name>") != NULL);
	CHECK("category is the kind", strstr(xml, "<category term=\"disclosures\" "
	    "scheme=\"https://dj.example.gov.cn/disclosures/\" label=\"三公开\"/>") != NULL);
	CHECK("summary as text", strstr(xml, "<summary type=\"text\">收入 12,345.67 元</summary>") != NULL);
	CHECK_INT("no summary element without a summary", count(xml, "<summary"), 1);
	CHECK("no index.html in links", strstr(xml, "index.html") == NULL);
	{
		size_t len2;
		char *again = feed_render(&f, recs, 2, &len2);
		CHECK("same input, same bytes", len2 == len && memcmp(again, xml, len) == 0);
		free(again);
	}
	free(xml);

	xml = feed_render(&f, recs, 0, &len);
	CHECK("empty feed is updated at as_of", strstr(xml, "<updated>2025-12-10T00:00:00+08:00</updated>") != NULL);
	CHECK_INT("empty feed has no entries", count(xml, "<entry>"), 0);
	free(xml);
}

static void
test_feed_limit(void)
{
	struct site site;
	struct record r[FEED_MAX_ENTRIES + 5], *recs[FEED_MAX_ENTRIES + 5];
	struct feed_info f;
	size_t len;
	char *xml;

	memset(&site, 0, sizeof site);
	site.name = "某村";
	for (size_t i = 0; i < FEED_MAX_ENTRIES + 5; i++) {
		memset(&r[i], 0, sizeof r[i]);
		r[i].site = &site;
		r[i].url = "sites/x/work/a/";
		r[i].title = "t";
		r[i].date = (struct date){ 2025, 1, 1 };
		recs[i] = &r[i];
	}
	memset(&f, 0, sizeof f);
	f.base_url = "https://x/";
	f.path = "feed.xml";
	f.alternate = "";
	f.title = "t";
	f.author = "a";
	xml = feed_render(&f, recs, FEED_MAX_ENTRIES + 5, &len);
	CHECK_INT("a feed holds at most FEED_MAX_ENTRIES entries", count(xml, "<entry>"), FEED_MAX_ENTRIES);
	CHECK("no xml:lang without a language", strstr(xml, "xml:lang") == NULL);
	free(xml);
}

static struct sitemap_url *
make_urls(size_t n)
{
	struct sitemap_url *v = xcalloc(n, sizeof *v);

	for (size_t i = 0; i < n; i++) {
		v[i].loc = xasprintf("p/%zu/", i);
		v[i].lastmod = (struct date){ 2025, 1 + (int)(i % 12), 1 };
	}
	return v;
}

static void
free_urls(struct sitemap_url *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].loc);
	free(v);
}

static void
test_sitemap_split(void)
{
	struct files f;
	struct sitemap_url *v;
	int rc;

	CHECK_INT("files for 0 URLs", sitemap_files(0, SITEMAP_MAX_URLS), 1);
	CHECK_INT("files for 50000 URLs", sitemap_files(50000, SITEMAP_MAX_URLS), 1);
	CHECK_INT("files for 50001 URLs", sitemap_files(50001, SITEMAP_MAX_URLS), 3);
	CHECK_INT("files for 100000 URLs", sitemap_files(100000, SITEMAP_MAX_URLS), 3);
	CHECK_INT("files for 100001 URLs", sitemap_files(100001, SITEMAP_MAX_URLS), 4);
	CHECK_INT("per_file 0 means the sitemaps.org limit", sitemap_files(50001, 0), 3);

	/* Small: one urlset. */
	memset(&f, 0, sizeof f);
	v = make_urls(3);
	v[0].loc[0] = '\0';	/* "" is home */
	v[2].lastmod = (struct date){ 0, 0, 0 };
	rc = sitemap_render("https://x/", v, 3, 3, put_mem, &f);
	CHECK_INT("3 URLs, 3 per file: one file", rc, 1);
	CHECK_STR("it is sitemap.xml", f.n ? f.name[0] : NULL, "sitemap.xml");
	CHECK("urlset in the sitemaps namespace", f.n && strstr(f.data[0],
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">") != NULL);
	CHECK("home loc and lastmod", f.n && strstr(f.data[0],
	    "<loc>https://x/</loc>\n    <lastmod>2025-01-01</lastmod>") != NULL);
	CHECK("no lastmod for a page without a date", f.n && strstr(f.data[0],
	    "<loc>https://x/p/2/</loc>\n  </url>") != NULL);
	files_free(&f);
	free_urls(v, 3);

	/* 7 URLs, 3 per file: sitemap-1..3 and an index. */
	v = make_urls(7);
	rc = sitemap_render("https://x/", v, 7, 3, put_mem, &f);
	CHECK_INT("7 URLs, 3 per file: four files", rc, 4);
	CHECK_STR("first part", f.n > 0 ? f.name[0] : NULL, "sitemap-1.xml");
	CHECK_STR("last part", f.n > 2 ? f.name[2] : NULL, "sitemap-3.xml");
	CHECK_STR("index last", f.n > 3 ? f.name[3] : NULL, "sitemap.xml");
	CHECK_INT("part 1 holds 3", f.n > 0 ? count(f.data[0], "<url>") : 0, 3);
	CHECK_INT("part 3 holds the 1 left", f.n > 2 ? count(f.data[2], "<url>") : 0, 1);
	CHECK("part 3 holds the last URL", f.n > 2 && strstr(f.data[2], "<loc>https://x/p/6/</loc>") != NULL);
	CHECK("index is a sitemapindex", f.n > 3 && strstr(f.data[3],
	    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">") != NULL);
	CHECK_INT("index lists 3 sitemaps", f.n > 3 ? count(f.data[3], "<sitemap>") : 0, 3);
	CHECK("index entry: absolute loc and newest lastmod of the part", f.n > 3 && strstr(f.data[3],
	    "<loc>https://x/sitemap-2.xml</loc>\n    <lastmod>2025-06-01</lastmod>") != NULL);
	files_free(&f);

	f.fail_at = 2;
	rc = sitemap_render("https://x/", v, 7, 3, put_mem, &f);
	CHECK_INT("a failing put stops the render", rc, -1);
	CHECK_INT("nothing written after the failure", f.total, 2);
	files_free(&f);
	free_urls(v, 7);

	/* The real limit, in memory. */
	v = make_urls(SITEMAP_MAX_URLS + 1);
	rc = sitemap_render("https://x/", v, SITEMAP_MAX_URLS, SITEMAP_MAX_URLS, put_mem, &f);
	CHECK_INT("50,000 URLs fit one sitemap.xml", rc, 1);
	CHECK_INT("all 50,000 in it", f.n ? count(f.data[0], "<url>") : 0, SITEMAP_MAX_URLS);
	files_free(&f);
	rc = sitemap_render("https://x/", v, SITEMAP_MAX_URLS + 1, SITEMAP_MAX_URLS, put_mem, &f);
	CHECK_INT("50,001 URLs: two parts and an index", rc, 3);
	CHECK_INT("part 1 is full", f.n > 0 ? count(f.data[0], "<url>") : 0, SITEMAP_MAX_URLS);
	CHECK_INT("part 2 has one", f.n > 1 ? count(f.data[1], "<url>") : 0, 1);
	CHECK_STR("index is sitemap.xml", f.n > 2 ? f.name[2] : NULL, "sitemap.xml");
	files_free(&f);
	free_urls(v, SITEMAP_MAX_URLS + 1);
}

int
main(void)
{
	test_time_and_urls();
	test_feed_render();
	test_feed_limit();
	test_sitemap_split();
	return t_done();
}
