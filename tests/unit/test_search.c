/* Search: the tokeniser, shard assignment and the index files. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "harness.h"
#include "search.h"
#include "util.h"

/* Collects tokens as "tok@pos" joined by spaces. */
static void
collect(void *ctx, const char *tok, size_t len, size_t pos)
{
	struct sb *b = ctx;

	if (b->len > 0)
		sb_putc(b, ' ');
	sb_add(b, tok, len);
	sb_printf(b, "@%zu", pos);
}

/* Collects tokens without positions. */
static void
collect_plain(void *ctx, const char *tok, size_t len, size_t pos)
{
	struct sb *b = ctx;

	(void)pos;
	if (b->len > 0)
		sb_putc(b, ' ');
	sb_add(b, tok, len);
}

static char *
tokens(const char *s, int positions)
{
	struct sb b;

	sb_init(&b);
	search_tokenize(s, strlen(s), positions ? collect : collect_plain, &b);
	return sb_take(&b);
}

#define CHECK_TOKENS(name, text, want) do {				\
	char *got_ = tokens((text), 0);					\
	CHECK_STR(name, got_, want);					\
	free(got_);							\
} while (0)

static void
test_tokenize(void)
{
	char *s;

	CHECK_TOKENS("tokens mixed Chinese, digits, Latin", "2025年修路工程ABC款",
	    "2025 2 025 0 25 2 5 年 年修 修 修路 路 路工 工 工程 程 abc a bc b c 款");
	s = tokens("2025年修路工程ABC款", 1);
	CHECK_STR("tokens positions count code points", s,
	    "2025@0 2@0 025@1 0@1 25@2 2@2 5@3 年@4 年修@4 修@5 修路@5 路@6 路工@6 工@7 工程@7 程@8 abc@9 a@9 bc@10 b@10 c@11 款@12");
	free(s);
	CHECK_TOKENS("tokens full-width digits", "２０２５年", "2025 2 025 0 25 2 5 年");
	CHECK_TOKENS("tokens full-width upper case", "ＡＢＣ", "abc a bc b c");
	CHECK_TOKENS("tokens full-width lower case", "ａｂｃ１", "abc1 a bc1 b c1 c 1");
	CHECK_TOKENS("tokens full-width digits next to ASCII", "２０25", "2025 2 025 0 25 2 5");
	CHECK_TOKENS("tokens comma breaks bigrams", "修路，工程", "修 修路 路 工 工程 程");
	CHECK_TOKENS("tokens full stop breaks bigrams", "修路。工程", "修 修路 路 工 工程 程");
	CHECK_TOKENS("tokens space breaks bigrams", "修路 工程", "修 修路 路 工 工程 程");
	CHECK_TOKENS("tokens corner brackets separate", "「低保」", "低 低保 保");
	CHECK_TOKENS("tokens full-width punctuation separates", "低保（2024）",
	    "低 低保 保 2024 2 024 0 24 2 4");
	CHECK_TOKENS("tokens Latin breaks bigrams", "国道G210省道", "国 国道 道 g210 g 210 2 10 1 0 省 省道 道");
	CHECK_TOKENS("tokens single character", "路", "路");
	CHECK_TOKENS("tokens ASCII punctuation", "a.b-c_d 12,345.60",
	    "a b c d 12,345.60 1 2,345.60 2 345.60 3 45.60 4 5.60 5 60 6 0");
	CHECK_TOKENS("tokens accented letters separate", "café", "caf c af a f");
	CHECK_TOKENS("tokens empty", "", "");
	CHECK_TOKENS("tokens only punctuation", "，。！？、", "");
	CHECK_TOKENS("tokens long word cut",
	    "abcdefghijklmnopqrstuvwxyz0123456789xyz",
	    /* every suffix of the cut word, and each of its characters */
	    "abcdefghijklmnopqrstuvwxyz012345 a bcdefghijklmnopqrstuvwxyz012345 b cdefghijklm"
	    "nopqrstuvwxyz012345 c defghijklmnopqrstuvwxyz012345 d efghijklmnopqrstuvwxyz0123"
	    "45 e fghijklmnopqrstuvwxyz012345 f ghijklmnopqrstuvwxyz012345 g hijklmnopqrstuvw"
	    "xyz012345 h ijklmnopqrstuvwxyz012345 i jklmnopqrstuvwxyz012345 j klmnopqrstuvwxy"
	    "z012345 k lmnopqrstuvwxyz012345 l mnopqrstuvwxyz012345 m nopqrstuvwxyz012345 n o"
	    "pqrstuvwxyz012345 o pqrstuvwxyz012345 p qrstuvwxyz012345 q rstuvwxyz012345 r stu"
	    "vwxyz012345 s tuvwxyz012345 t uvwxyz012345 u vwxyz012345 v wxyz012345 w xyz01234"
	    "5 x yz012345 y z012345 z 012345 0 12345 1 2345 2 345 3 45 4 5");
	CHECK_TOKENS("tokens kana are characters", "データ", "デ デー ー ータ タ");
	CHECK_TOKENS("tokens extension B ideograph", "𠀀村", "𠀀 𠀀村 村");

	/* A truncated UTF-8 sequence at the end must not be read past. */
	{
		const char t[] = "低\xe4\xbf";
		struct sb b;

		sb_init(&b);
		search_tokenize(t, sizeof t - 1, collect_plain, &b);
		CHECK_STR("tokens truncated UTF-8 separates", sb_str(&b), "低");
		sb_free(&b);
	}
}

static void
test_shard(void)
{
	unsigned a = search_shard("低保", strlen("低保"), 37);

	CHECK_INT("shard deterministic", search_shard("低保", strlen("低保"), 37), a);
	CHECK_INT("shard is FNV-1a mod n", a, hash64("低保", strlen("低保"), 0) % 37);
	CHECK("shard in range", a < 37);
	CHECK_INT("shard letter words keyed by two letters",
	    search_shard("abcdef", 6, 1000), search_shard("ab", 2, 1000));
	CHECK_INT("shard letter prefix query", search_shard("abx", 3, 1000),
	    search_shard("abcdef", 6, 1000));
	CHECK_INT("shard digit words keyed by two digits", search_shard("2025", 4, 1000),
	    hash64("20", 2, 0) % 1000);
	CHECK_INT("shard single shard", search_shard("x", 1, 1), 0);
	CHECK_INT("shard zero shards", search_shard("x", 1, 0), 0);
}

/* Index files captured in memory. */
struct files {
	char	*path[4096];
	char	*data[4096];
	size_t	 len[4096];
	size_t	 n;
	int	 fail_at;	/* make the put numbered fail_at fail; -1 never */
};

static int
put_mem(void *ctx, const char *relpath, const char *data, size_t len)
{
	struct files *f = ctx;

	if ((int)f->n == f->fail_at || f->n == 4096)
		return -1;
	f->path[f->n] = xstrdup(relpath);
	f->data[f->n] = xstrndup(data, len);
	f->len[f->n] = len;
	f->n++;
	return 0;
}

static void
files_free(struct files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->path[i]);
		free(f->data[i]);
	}
	f->n = 0;
}

static const char *
file_get(const struct files *f, const char *path)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->path[i], path) == 0)
			return f->data[i];
	return NULL;
}

static int
files_equal(const struct files *a, const struct files *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->path[i], b->path[i]) != 0 || a->len[i] != b->len[i] ||
		    memcmp(a->data[i], b->data[i], a->len[i]) != 0)
			return 0;
	return 1;
}

static struct search_index *
sample(void)
{
	struct search_index *ix = search_new();

	search_add(ix, "sites/a/notice/2024-01-05-x/index.html", "低保名单公示",
	    "a", "甲村", "notice", "公告", "2024-01-05",
	    "2024年低保对象名单如下。低保标准每月620元。");
	search_add(ix, "sites/b/work/2025-03-01-y/index.html", "修路工程进展",
	    "b", "乙村", "work", "工作记录", "2025-03-01",
	    "村道修路工程已完成，ABC公司承建。");
	search_add(ix, "sites/a/work/undated/index.html", "会议记录",
	    "a", "甲村", "work", "工作记录", "",
	    "讨论低保\"评议\"和\\修路\n\n  事项");
	return ix;
}

/*
 * Decodes a posting string into "doc:v@pos,pos" entries joined by spaces
 * (positions absolute).
 */
static char *
decode_postings(const char *s, size_t n)
{
	static const char alpha[] = " !#$'()+,-./:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
	struct sb b;
	long nums[4096], doc = -1, v = 0;
	size_t k = 0;

	sb_init(&b);
	for (size_t i = 0; i < n && k < 4096; i++) {
		const char *p = strchr(alpha, s[i]);
		long d = p ? (long)(p - alpha) : 0;

		if (d >= 40) {
			v = v * 40 + (d - 40);
			continue;
		}
		nums[k++] = v * 40 + d;
		v = 0;
	}
	for (size_t i = 0; i + 2 < k;) {
		long np = nums[i + 2], at = -1;

		doc += nums[i] + 1;
		sb_printf(&b, "%s%ld:%ld@", b.len ? " " : "", doc, nums[i + 1]);
		for (long j = 0; j < np && i + 3 + (size_t)j < k; j++) {
			at = j ? at + nums[i + 3 + j] + 1 : nums[i + 3];
			sb_printf(&b, "%s%ld", j ? "," : "", at);
		}
		i += 3 + (size_t)np;
	}
	return sb_take(&b);
}

/* The posting string of tok in a shard file's text, decoded. */
static char *
postings_in(const char *shard, const char *tok)
{
	char *key = xasprintf("\"%s\":\"", tok);
	const char *p = shard ? strstr(shard, key) : NULL;
	char *r;

	if (p == NULL) {
		free(key);
		return xstrdup("(none)");
	}
	p += strlen(key);
	r = decode_postings(p, strcspn(p, "\""));
	free(key);
	return r;
}

static const char *
shard_of(const struct files *f, const char *tok, unsigned nshards)
{
	char path[64];

	snprintf(path, sizeof path, "search/t/%u.js", search_shard(tok, strlen(tok), nshards));
	return file_get(f, path);
}

static void
test_write(void)
{
	struct files f1 = { .fail_at = -1 }, f2 = { .fail_at = -1 }, f3 = { .fail_at = -1 };
	struct search_index *ix = sample(), *iy = sample();
	const char *meta;
	char *p;
	int ok = 1;

	CHECK_INT("write returns 0", search_write(ix, put_mem, &f1), 0);
	CHECK_INT("write again returns 0", search_write(ix, put_mem, &f2), 0);
	CHECK("write twice same bytes", files_equal(&f1, &f2));
	search_write(iy, put_mem, &f3);
	CHECK("write of equal input same bytes", files_equal(&f1, &f3));

	meta = file_get(&f1, "search/meta.js");
	CHECK_STR("write meta", meta,
	    "GK_SEARCH.meta({\"v\":3,\"docs\":3,\"shards\":1,"
	    "\"kinds\":[[\"notice\",\"公告\"],[\"work\",\"工作记录\"]],"
	    "\"years\":[[2025,0,1],[2024,1,2]]});\n");
	/* the site names apart: only a query with results loads them */
	CHECK_STR("write sites", file_get(&f1, "search/sites.js"),
	    "GK_SEARCH.sites([[\"a\",\"甲村\"],[\"b\",\"乙村\"]]);\n");
	for (size_t i = 0; i < f1.n; i++) {
		size_t n = f1.len[i];

		if (strncmp(f1.path[i], "search/", 7) != 0 ||
		    strncmp(f1.data[i], "GK_SEARCH.", 10) != 0 ||
		    n < 4 || strcmp(f1.data[i] + n - 3, ");\n") != 0)
			ok = 0;
	}
	CHECK("write every file is a GK_SEARCH call under search/", ok);
	CHECK_INT("write file count (meta, sites, 1 shard, 3 docs)", f1.n, 6);

	/* Newest first: 2025 修路 page is 0, 2024 低保 page 1, undated 2. */
	p = postings_in(shard_of(&f1, "低保", 1), "低保");
	/* doc 1: in the title (v 1) at 0, in the text (from 7) at 12 and 21; doc 2 at 7. */
	CHECK_STR("write postings 低保", p, "1:1@0,12,21 2:0@7");
	free(p);
	p = postings_in(shard_of(&f1, "修路", 1), "修路");
	CHECK_STR("write postings 修路", p, "0:1@0,9 2:0@15");
	free(p);
	p = postings_in(shard_of(&f1, "abc", 1), "abc");
	CHECK_STR("write postings abc", p, "0:0@17");
	free(p);
	p = postings_in(shard_of(&f1, "#s:a", 1), "#s:a");
	CHECK_STR("write postings site facet", p, "1:0@ 2:0@");
	free(p);
	p = postings_in(shard_of(&f1, "路工", 1), "路工");
	CHECK_STR("write bigram from text and title", p, "0:1@1,10");
	free(p);
	p = postings_in(shard_of(&f1, "成，", 1), "成，");
	CHECK_STR("write no token with punctuation", p, "(none)");
	free(p);

	CHECK_STR("write doc file escapes and squeezes",
	    file_get(&f1, "search/d/0/2-0.js"),
	    "GK_SEARCH.doc(2,0,[\"sites/a/work/undated/index.html\",\"会议记录\",0,1,\"\",0,"
	    "\"讨论低保\\\"评议\\\"和\\\\修路 事项\"]);\n");

	files_free(&f1);
	files_free(&f2);
	files_free(&f3);
	search_free(ix);
	search_free(iy);
}

static void
test_write_fail(void)
{
	struct files f = { .fail_at = 1 };
	struct search_index *ix = sample();

	CHECK_INT("write put failure returns -1", search_write(ix, put_mem, &f), -1);
	CHECK_INT("write stops at the failure", f.n, 1);
	files_free(&f);
	f.fail_at = -1;
	CHECK_INT("write after failure works", search_write(ix, put_mem, &f), 0);
	files_free(&f);
	search_free(ix);
	search_free(NULL);
}

static void
test_empty(void)
{
	struct files f = { .fail_at = -1 };
	struct search_index *ix = search_new();

	CHECK_INT("empty write", search_write(ix, put_mem, &f), 0);
	CHECK_STR("empty meta", file_get(&f, "search/meta.js"),
	    "GK_SEARCH.meta({\"v\":3,\"docs\":0,\"shards\":1,\"kinds\":[],\"years\":[]});\n");
	CHECK_STR("empty sites", file_get(&f, "search/sites.js"), "GK_SEARCH.sites([]);\n");
	CHECK_STR("empty shard", file_get(&f, "search/t/0.js"), "GK_SEARCH.shard(0,{});\n");
	files_free(&f);
	search_free(ix);
}

/*
 * A long text is cut into parts of about 1,000 characters, shared evenly,
 * that overlap; postings name the part. 3,002 characters: 3 parts of 1,001.
 */
static void
test_parts(void)
{
	struct files f = { .fail_at = -1 };
	struct search_index *ix = search_new();
	struct sb text;
	char *p;

	sb_init(&text);
	for (int i = 0; i < 300; i++)
		sb_puts(&text, "一二三四五六七八九。");	/* 10 chars each: 3000 */
	sb_puts(&text, "低保");
	CHECK_INT("parts add returns 0", search_add(ix, "u", "t", "s", "S", "k", "K",
	    "2020-01-01", sb_str(&text)), 0);
	CHECK_INT("parts add returns 1", search_add(ix, "v", "t", "s", "S", "k", "K",
	    "2020-01-01", "低保"), 1);
	search_write(ix, put_mem, &f);
	CHECK("parts 3 files", file_get(&f, "search/d/0/0-2.js") != NULL &&
	    file_get(&f, "search/d/0/0-3.js") == NULL);
	CHECK("parts 1 starts before its boundary",
	    file_get(&f, "search/d/0/0-1.js") != NULL &&
	    strstr(file_get(&f, "search/d/0/0-1.js"), ",961,\"") != NULL);
	p = postings_in(shard_of(&f, "低保", 1), "低保");
	/* 低保 at 3000 (3002 after the title "t") is in part 2 (3000 / 1001): v 2 * 2. */
	CHECK_STR("parts posting names part 2", p, "0:4@3002 1:0@2");
	/* no digits in postings: output.c's privacy net would mask a phone-like run of them */
	CHECK("parts postings hold no digit", shard_of(&f, "低保", 1) != NULL &&
	    strstr(shard_of(&f, "低保", 1), "\"低保\":\"") != NULL &&
	    strcspn(strstr(shard_of(&f, "低保", 1), "\"低保\":\"") + strlen("\"低保\":\""), "0123456789\"") ==
	    strcspn(strstr(shard_of(&f, "低保", 1), "\"低保\":\"") + strlen("\"低保\":\""), "\""));
	free(p);
	sb_free(&text);
	files_free(&f);
	search_free(ix);
}

/* No short last part: 2,100 characters make 2 parts of 1,050, not 1,000 + 1,000 + 100. */
static void
test_parts_even(void)
{
	struct files f = { .fail_at = -1 };
	struct search_index *ix = search_new();
	struct sb text;

	sb_init(&text);
	for (int i = 0; i < 210; i++)
		sb_puts(&text, "一二三四五六七八九。");
	search_add(ix, "u", "t", "s", "S", "k", "K", "2020-01-01", sb_str(&text));
	search_write(ix, put_mem, &f);
	CHECK("even parts: 2 files for 2,100 characters", file_get(&f, "search/d/0/0-1.js") != NULL &&
	    file_get(&f, "search/d/0/0-2.js") == NULL);
	CHECK("even parts: part 1 starts at 1050 - 40", file_get(&f, "search/d/0/0-1.js") != NULL &&
	    strstr(file_get(&f, "search/d/0/0-1.js"), ",1010,\"") != NULL);
	sb_free(&text);
	files_free(&f);
	search_free(ix);
}

/* A token in very many documents gets a file of its own. */
static void
test_hot(void)
{
	struct files f = { .fail_at = -1 };
	struct search_index *ix = search_new();
	const char *hot;

	for (int i = 0; i < 2100; i++)
		search_add(ix, "u", "t", "s", "S", "k", "K", "2020-01-01", "村");
	search_add(ix, "u", "t", "s", "S", "k", "K", "2020-01-01", "乡");
	search_write(ix, put_mem, &f);
	CHECK("hot token refers to its file", shard_of(&f, "村", 1) != NULL &&
	    strstr(shard_of(&f, "村", 1), "\"村\":[3,2100,\"") != NULL);
	/* Hot files are numbered in token order: #k:k, #s:s, t, 村. */
	hot = file_get(&f, "search/t/h3.js");
	CHECK("hot token file", hot != NULL &&
	    strncmp(hot, "GK_SEARCH.shard(\"h3\",{\"村\":\"  !#  !#", 35) == 0);
	CHECK("rare token stays in the shard", strstr(shard_of(&f, "乡", 1), "\"乡\":\"") != NULL);
	/* no digits in postings: output.c's privacy net would mask a phone-like run of them */
	CHECK("hot postings hold no digit", hot != NULL && strstr(hot, ":\"") != NULL &&
	    strpbrk(strstr(hot, ":\"") + 2, "0123456789") == NULL);
	/* nor '%' or '&': each stopped the net's sixteen-byte skip (a percent escape, an entity) */
	CHECK("hot postings hold no '%' or '&'", hot != NULL && strstr(hot, ":\"") != NULL &&
	    strpbrk(strstr(hot, ":\"") + 2, "%&") == NULL);
	CHECK("facets of a big site are hot too", strstr(shard_of(&f, "#s:s", 1), "\"#s:s\":[1,2101,\"") != NULL);
	files_free(&f);
	search_free(ix);
}

/* The same files with the same bytes, in whatever order they were put. */
static int
files_same_set(const struct files *a, const struct files *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const char *d = file_get(b, a->path[i]);

		if (d == NULL || strcmp(d, a->data[i]) != 0)
			return 0;
	}
	return 1;
}

/* sample()'s pages, newest first, streamed (search.h). */
static struct search_index *
sample_streamed(struct files *f, int declare_b, int oldest_first)
{
	struct search_index *ix = search_new();
	static const char *const url[3] = { "sites/b/work/2025-03-01-y/index.html",
	    "sites/a/notice/2024-01-05-x/index.html", "sites/a/work/undated/index.html" };
	static const char *const title[3] = { "修路工程进展", "低保名单公示", "会议记录" };
	static const char *const site[3] = { "b", "a", "a" }, *const sname[3] = { "乙村", "甲村", "甲村" };
	static const char *const kind[3] = { "work", "notice", "work" };
	static const char *const kname[3] = { "工作记录", "公告", "工作记录" };
	static const char *const date[3] = { "2025-03-01", "2024-01-05", "" };
	static const char *const text[3] = { "村道修路工程已完成，ABC公司承建。",
	    "2024年低保对象名单如下。低保标准每月620元。", "讨论低保\"评议\"和\\修路\n\n  事项" };
	int rc = 0;

	search_label(ix, 's', "a", "甲村");
	if (declare_b)
		search_label(ix, 's', "b", "乙村");
	search_label(ix, 'k', "work", "工作记录");
	search_label(ix, 'k', "notice", "公告");
	search_stream(ix, put_mem, f);
	for (int k = 0; k < 3; k++) {
		int i = oldest_first ? 2 - k : k;

		if (search_add(ix, url[i], title[i], site[i], sname[i], kind[i], kname[i], date[i], text[i]) < 0)
			rc = -1;
	}
	CHECK_INT(declare_b && !oldest_first && f->fail_at < 0 ? "stream: every add succeeds" :
	    "stream: a broken promise fails the add", rc, declare_b && !oldest_first && f->fail_at < 0 ? 0 : -1);
	return ix;
}

static void
test_stream(void)
{
	struct files f1 = { .fail_at = -1 }, f2 = { .fail_at = -1 }, f3 = { .fail_at = -1 };
	struct files f4 = { .fail_at = -1 }, f5 = { .fail_at = 1 };
	struct search_index *ix = sample_streamed(&f1, 1, 0), *iy = sample();

	CHECK("stream: text files written while adding", f1.n > 0 && strncmp(f1.path[0], "search/d/", 9) == 0);
	CHECK_INT("stream: write returns 0", search_write(ix, put_mem, &f1), 0);
	CHECK_INT("stream: unstreamed write returns 0", search_write(iy, put_mem, &f2), 0);
	CHECK("stream: the same files, byte for byte", files_same_set(&f1, &f2));
	search_free(ix);
	search_free(iy);

	ix = sample_streamed(&f3, 1, 1);	/* oldest first: numbers would be wrong */
	CHECK_INT("stream: out of order fails the write", search_write(ix, put_mem, &f3), -1);
	search_free(ix);
	ix = sample_streamed(&f4, 0, 0);	/* site b never declared */
	CHECK_INT("stream: undeclared label fails the write", search_write(ix, put_mem, &f4), -1);
	search_free(ix);
	ix = sample_streamed(&f5, 1, 0);	/* the second text file cannot be written */
	CHECK_INT("stream: failed put fails the write", search_write(ix, put_mem, &f5), -1);
	search_free(ix);
	files_free(&f1);
	files_free(&f2);
	files_free(&f3);
	files_free(&f4);
	files_free(&f5);
}

/*
 * n pages whose common tokens fill many SPILL_BYTES pieces, streamed (ix
 * then spills them) or not (ix keeps them in memory), newest first or
 * oldest first (search_write then renumbers them).
 */
static struct search_index *
many_pages(struct files *f, int streamed, int n, int oldest_first)
{
	struct search_index *ix = search_new();
	struct sb text;

	sb_init(&text);
	if (streamed) {
		search_label(ix, 's', "s", "S");
		search_label(ix, 'k', "k", "K");
		search_stream(ix, put_mem, f);
	}
	for (int k = 0; k < n; k++) {
		int i = oldest_first ? n - 1 - k : k;
		char date[16];

		text.len = 0;
		/* a count that varies, so that a ranking in the wrong numbers shows */
		for (int c = 0; c < 30 + i % 17; c++)
			sb_puts(&text, c % 7 ? "村" : "乡村 ");
		sb_printf(&text, "第%d号 page%d", i, i);
		snprintf(date, sizeof date, "2020-%02d-%02d", 12 - i / 28 % 12, 28 - i % 28);
		search_add(ix, "u", "t", "s", "S", "k", "K", date, sb_str(&text));
	}
	sb_free(&text);
	return ix;
}

/* The size of the largest hot term file. */
static size_t
longest_hot(const struct files *f)
{
	size_t max = 0;

	for (size_t i = 0; i < f->n; i++)
		if (strncmp(f->path[i], "search/t/h", 10) == 0 && f->len[i] > max)
			max = f->len[i];
	return max;
}

/* Streamed postings of common tokens go to a spill file and come back the same. */
static void
test_spill(void)
{
	struct files f1 = { .fail_at = -1 }, f2 = { .fail_at = -1 }, f3 = { .fail_at = -1 };
	struct files f4 = { .fail_at = -1 };
	struct search_index *ix = many_pages(&f1, 1, 330, 0), *iy = many_pages(NULL, 0, 330, 0);
	struct search_index *iz = many_pages(NULL, 0, 330, 1);
	const char *old = getenv("TMPDIR");
	char *saved = old ? xstrdup(old) : NULL;

	CHECK_INT("spill: streamed write returns 0", search_write(ix, put_mem, &f1), 0);
	CHECK_INT("spill: unstreamed write returns 0", search_write(iy, put_mem, &f2), 0);
	CHECK("spill: a common term's postings span several pieces", longest_hot(&f1) > 3 * 4096);
	CHECK("spill: the same files as in memory, byte for byte", files_same_set(&f1, &f2));
	/* renumbered: hot terms ranked anew, in the new numbers */
	CHECK_INT("spill: renumbered write returns 0", search_write(iz, put_mem, &f4), 0);
	CHECK("spill: added oldest first, the same files", files_same_set(&f4, &f2));
	search_free(ix);
	/* no spill file can be made: the postings stay in memory, the files the same */
	setenv("TMPDIR", "/nonexistent/gongkai-test", 1);
	ix = many_pages(&f3, 1, 330, 0);
	CHECK_INT("spill: without a spill file write returns 0", search_write(ix, put_mem, &f3), 0);
	CHECK("spill: without a spill file the same files", files_same_set(&f3, &f2));
	if (saved != NULL)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
	search_free(ix);
	search_free(iy);
	search_free(iz);
	files_free(&f1);
	files_free(&f2);
	files_free(&f3);
	files_free(&f4);
}

/* A spill file that cannot grow (a full disk, here a file size limit) fails the write, saying why. */
static void
test_spill_fails(void)
{
	struct files f = { .fail_at = -1 };
	struct search_index *ix;
	struct rlimit old, small;

	if (getrlimit(RLIMIT_FSIZE, &old) != 0)
		return;
	small = old;
	small.rlim_cur = 4096;
	if (setrlimit(RLIMIT_FSIZE, &small) != 0)
		return;
	/* the write over the limit then fails with EFBIG instead of killing the test */
	signal(SIGXFSZ, SIG_IGN);
	ix = many_pages(&f, 1, 330, 0);
	CHECK_INT("spill: a spill file that cannot grow fails the write", search_write(ix, put_mem, &f), -1);
	CHECK_INT("spill: and says why", search_spill_errno(ix), EFBIG);
	(void)setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);
	search_free(ix);
	files_free(&f);
}

/*
 * The doc files' text, read eight bytes a step in search.c (squeeze,
 * byte_at, put_str), against a byte-at-a-time reading here: every byte
 * that is squeezed, escaped or counted, at every offset in a word, and
 * parts cut between characters of one, three and four bytes.
 */
static char *
squeeze_ref(const char *s)
{
	struct sb b;

	sb_init(&b);
	for (size_t i = 0; s[i] != '\0';) {
		if (strchr(" \t\n\r\f\v", s[i]) != NULL) {
			while (s[i] != '\0' && strchr(" \t\n\r\f\v", s[i]) != NULL)
				i++;
			if (b.len > 0 && s[i] != '\0')
				sb_putc(&b, ' ');
			continue;
		}
		sb_putc(&b, s[i++]);
	}
	return sb_take(&b);
}

/* Code points k.. of s as a JavaScript string's body, up to code point end. */
static void
escape_ref(struct sb *b, const char *s, size_t k, size_t end)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t cp = 0;

	for (size_t i = 0; u[i] != '\0'; i++) {
		if ((u[i] & 0xc0) != 0x80)
			cp++;
		if (cp - 1 < k || cp - 1 >= end)
			continue;
		if (u[i] == '"' || u[i] == '\\')
			sb_printf(b, "\\%c", u[i]);
		else if (u[i] < 0x20 || u[i] == 0x7f)
			sb_printf(b, "\\u%04x", u[i]);
		else if (u[i] == 0xe2 && u[i + 1] == 0x80 && (u[i + 2] == 0xa8 || u[i + 2] == 0xa9)) {
			sb_puts(b, u[i + 2] == 0xa8 ? "\\u2028" : "\\u2029");
			i += 2;
		} else
			sb_putc(b, (char)u[i]);
	}
}

static void
test_doc_text(void)
{
	static const char piece[] = "低保\"a\\b\x01" "c\x7f" "d\xe2\x80\xa8" "e\xe2\x80\xa9" "f—g"
	    "𠀀h \t\n\r\f\v i  j\tk12,345.60 ";
	int ok = 1;

	for (int shift = 0; shift < 16; shift++) {
		struct files f = { .fail_at = -1 };
		struct search_index *ix = search_new();
		struct sb text;
		char *sq, path[64];
		size_t nchars = 0, parts, partw;

		sb_init(&text);
		for (int i = 0; i < shift; i++)
			sb_putc(&text, 'x');
		/* about 1,900 code points: two parts */
		for (int i = 0; i < 60; i++)
			sb_puts(&text, piece);
		search_add(ix, "u", "t", "s", "S", "k", "K", "2020-01-01", sb_str(&text));
		search_write(ix, put_mem, &f);
		sq = squeeze_ref(sb_str(&text));
		for (size_t i = 0; sq[i] != '\0'; i++)
			nchars += ((unsigned char)sq[i] & 0xc0) != 0x80;
		parts = (nchars + 500) / 1000;
		parts = parts < 1 ? 1 : parts;
		partw = (nchars + parts - 1) / parts;
		for (size_t p = 0; p < parts; p++) {
			size_t from = p * partw > 40 ? p * partw - 40 : 0;
			struct sb want;
			const char *got;

			sb_init(&want);
			sb_printf(&want, "GK_SEARCH.doc(0,%zu,[\"u\",\"t\",0,0,\"2020-01-01\",%zu,\"", p, from);
			escape_ref(&want, sq, from, (p + 1) * partw + 60);
			sb_puts(&want, "\"]);\n");
			snprintf(path, sizeof path, "search/d/0/0-%zu.js", p);
			got = file_get(&f, path);
			if (got == NULL || strcmp(got, sb_str(&want)) != 0) {
				printf("# shift %d part %zu:\n# got  %s\n# want %s", shift, p,
				    got ? got : "(none)", sb_str(&want));
				ok = 0;
			}
			sb_free(&want);
		}
		CHECK("doc text: two parts", parts == 2);
		free(sq);
		sb_free(&text);
		files_free(&f);
		search_free(ix);
	}
	CHECK("doc text: squeezed, escaped and cut as a byte at a time would", ok);
}

int
main(void)
{
	test_tokenize();
	test_shard();
	test_write();
	test_write_fail();
	test_empty();
	test_parts();
	test_parts_even();
	test_doc_text();
	test_hot();
	test_stream();
	test_spill();
	test_spill_fails();
	return t_done();
}
