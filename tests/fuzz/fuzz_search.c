/*
 * fuzz_search: the search tokenizer, then the index writer over a few pages
 * cut from the input. Tokens are non-empty, at most SEARCH_WORD_MAX bytes
 * for words, valid UTF-8, and their positions never go backwards.
 */
#include "fuzz.h"
#include "search.h"

#include <jansson.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct st {
	size_t	last;
	size_t	count;
};

static void
emit(void *ctx, const char *tok, size_t len, size_t pos)
{
	struct st *st = ctx;

	FZ_ASSERT(len > 0);
	FZ_ASSERT(utf8_valid(tok, len) == len);
	FZ_ASSERT(pos >= st->last);
	FZ_ASSERT(len <= SEARCH_WORD_MAX || len <= 8);
	st->last = pos;
	st->count++;
	(void)search_shard(tok, len, 64);
}

static int
put(void *ctx, const char *relpath, const char *d, size_t len)
{
	(void)ctx;
	FZ_ASSERT(strncmp(relpath, "search/", 7) == 0 && strstr(relpath, "..") == NULL);
	FZ_ASSERT(d != NULL || len == 0);
	/* every file is GK_SEARCH.name(ARGS); with ARGS valid JSON: no text breaks out of its string */
	{
		const char *open = memchr(d, '(', len), *end = d + len;
		struct sb b;
		json_error_t err;
		json_t *j;

		FZ_ASSERT(strncmp(d, "GK_SEARCH.", 10) == 0 && open != NULL);
		while (end > open && (end[-1] == '\n' || end[-1] == ';'))
			end--;
		FZ_ASSERT(end > open && end[-1] == ')');
		sb_init(&b);
		sb_putc(&b, '[');
		sb_add(&b, open + 1, (size_t)(end - 1 - (open + 1)));
		sb_putc(&b, ']');
		j = json_loadb(b.buf, b.len, 0, &err);
		if (j == NULL)
			fprintf(stderr, "%s: %s\n", relpath, err.text);
		FZ_ASSERT(j != NULL);
		json_decref(j);
		sb_free(&b);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct st st = { 0, 0 };
	struct search_index *ix;
	char *text;

	if (size > 64 * 1024 || utf8_valid(s, size) != size)
		return 0;
	search_tokenize(s, size, emit, &st);
	text = fz_cstr(data, size);
	ix = search_new();
	/* the text is also the title: quotes and </script> must stay inside the JS strings */
	search_add(ix, "sites/a/work/2025-01-01-a/index.html", text, "a", "甲村",
	    "work", "工作记录", "2025-01-01", text);
	search_add(ix, "pages/b/index.html", "页", "", "", "page", "页面", NULL, text + size / 2);
	FZ_ASSERT(search_write(ix, put, NULL) == 0);
	search_free(ix);
	free(text);
	return 0;
}
