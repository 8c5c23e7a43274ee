/*
 * markdown.c: cmark-gfm with our tree transforms.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "gate.h"
#include "markdown.h"
#include "privacy.h"
#include "util.h"

/*
 * cmark-gfm's memory for one document: a bump allocator in chunks, freed
 * all at once when md_render is done. cmark makes and frees thousands of
 * small nodes and buffers a document; through malloc that was a tenth of
 * a build's CPU, and the build's threads contended for malloc's locks
 * (issue 7). cmark_mem has no context pointer, so the document being
 * rendered on this thread is found through a thread-local. Under ASan a
 * block freed early stays readable until the document ends, which is
 * harmless; what outlives md_render is in freed chunks, which ASan sees.
 */
struct mchunk {
	struct mchunk	*next;
	size_t		 size, used;
	max_align_t	 data[];
};

struct mdoc_mem {
	struct mchunk	*head;
	void		**big;	/* blocks of MBIG bytes or more: malloc's own */
	size_t		 nbig, capbig;
};

static _Thread_local struct mdoc_mem *cur_mem;

#define MCHUNK_MIN	(256u << 10)
#define MBIG		(64u << 10)	/* a 50 MB record's buffers grow by copying: not in chunks */
#define MHEAD		sizeof(max_align_t)	/* each block starts with its size */
#define MROUND(n)	(((n) + MHEAD - 1) / MHEAD * MHEAD)

static size_t
block_size(const void *p)
{
	size_t n;

	memcpy(&n, (const char *)p - MHEAD, sizeof n);
	return n;
}

static size_t
big_find(const struct mdoc_mem *m, const void *p)
{
	size_t i = 0;

	while (m->big[i] != p)	/* p is there: it is big */
		i++;
	return i;
}

static void *
big_alloc(struct mdoc_mem *m, void *old, size_t n)
{
	char *p = old ? (char *)old - MHEAD : NULL;

	if (n > SIZE_MAX - MHEAD || (p = realloc(p, n + MHEAD)) == NULL)
		oom();
	memcpy(p, &n, sizeof n);
	if (old != NULL)
		m->big[big_find(m, old)] = p + MHEAD;
	else {
		if (m->nbig == m->capbig) {
			m->capbig = m->capbig ? m->capbig * 2 : 8;
			m->big = xrealloc(m->big, m->capbig * sizeof *m->big);
		}
		m->big[m->nbig++] = p + MHEAD;
	}
	return p + MHEAD;
}

static void *
mem_alloc(size_t n)
{
	struct mdoc_mem *m = cur_mem;
	struct mchunk *c = m->head;
	size_t need = MROUND(n) + MHEAD;
	char *p;

	if (n >= MBIG)
		return big_alloc(m, NULL, n);
	if (c == NULL || c->size - c->used < need) {
		c = xmalloc(sizeof *c + MCHUNK_MIN);
		c->size = MCHUNK_MIN;
		c->used = 0;
		c->next = m->head;
		m->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += need;
	memcpy(p, &n, sizeof n);
	return p + MHEAD;
}

static void *
mem_calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		oom();
	p = mem_alloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *
mem_realloc(void *old, size_t n)
{
	struct mchunk *c = cur_mem->head;
	size_t had;
	char *p;

	if (old == NULL)
		return mem_alloc(n);
	had = block_size(old);
	if (had >= MBIG)
		return big_alloc(cur_mem, old, n);
	/* the newest block grows in place: cmark's buffers grow one at a time */
	if (n < MBIG && (char *)old + MROUND(had) == (char *)c->data + c->used) {
		size_t start = (size_t)((char *)old - (char *)c->data);

		if (start + MROUND(n) <= c->size) {
			c->used = start + MROUND(n);
			memcpy((char *)old - MHEAD, &n, sizeof n);
			return old;
		}
	}
	p = mem_alloc(n);
	memcpy(p, old, had < n ? had : n);
	return p;
}

static void
mem_free(void *p)
{
	struct mdoc_mem *m = cur_mem;
	size_t i;

	/* small blocks are given back with the whole document */
	if (p == NULL || block_size(p) < MBIG)
		return;
	i = big_find(m, p);
	free((char *)p - MHEAD);
	m->big[i] = m->big[--m->nbig];
}

static cmark_mem doc_mem = { mem_calloc, mem_realloc, mem_free };

static void
mdoc_mem_free(struct mdoc_mem *m)
{
	while (m->head != NULL) {
		struct mchunk *next = m->head->next;

		free(m->head);
		m->head = next;
	}
	for (size_t i = 0; i < m->nbig; i++)
		free((char *)m->big[i] - MHEAD);
	free(m->big);
}

static void
add_ext(cmark_parser *p, const char *name)
{
	cmark_syntax_extension *e = cmark_find_syntax_extension(name);

	if (e != NULL)
		cmark_parser_attach_syntax_extension(p, e);
}

/* Plain text of a subtree. */
static void
text_of(cmark_node *n, struct sb *b)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);

		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ||
		    t == CMARK_NODE_CODE_BLOCK)) {
			const char *s = cmark_node_get_literal(c);
			if (s)
				sb_puts(b, s);
		} else if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_SOFTBREAK ||
		    t == CMARK_NODE_LINEBREAK)) {
			sb_putc(b, ' ');
		} else if (ev == CMARK_EVENT_EXIT && c != n && (t == CMARK_NODE_PARAGRAPH ||
		    t == CMARK_NODE_HEADING || t == CMARK_NODE_ITEM || t == CMARK_NODE_CUSTOM_BLOCK)) {
			sb_putc(b, '\n');
		} else if (ev == CMARK_EVENT_EXIT && c != n &&
		    strcmp(cmark_node_get_type_string(c), "table_cell") == 0) {
			sb_putc(b, ' ');
		}
	}
	cmark_iter_free(it);
}

char *
md_slugify(const char *text)
{
	struct sb b;
	int dash = 0;

	sb_init(&b);
	for (const char *s = text; *s;) {
		uint32_t cp;
		int k = utf8_decode(s, &cp);

		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '_') {
			if (dash && b.len)
				sb_putc(&b, '-');
			dash = 0;
			sb_putc(&b, (char)cp);
		} else if (cp >= 'A' && cp <= 'Z') {
			if (dash && b.len)
				sb_putc(&b, '-');
			dash = 0;
			sb_putc(&b, (char)(cp - 'A' + 'a'));
		} else if (is_cjk(cp) && !(cp >= 0x3000 && cp <= 0x303f) && !(cp >= 0xff00 && cp <= 0xff0f) &&
		    !(cp >= 0xff1a && cp <= 0xff20)) {
			/* ideographs stay; CJK punctuation (、。（）：) separates like spaces */
			if (dash && b.len)
				sb_putc(&b, '-');
			dash = 0;
			sb_add(&b, s, (size_t)k);
		} else
			dash = 1;
		s += k;
	}
	if (b.len == 0)
		sb_puts(&b, "section");
	/*
	 * A mask's stars become one '-' here, which joins what the mask kept
	 * apart ("139****" and "5702" made "139-5702"): an id is published
	 * text too, so it passes the detector once more (issue 15).
	 */
	{
		char *masked = pii_mask_text(sb_str(&b), b.len, PII_TEXT, NULL, NULL, NULL);

		if (masked != NULL) {
			sb_free(&b);
			return masked;
		}
	}
	return sb_take(&b);
}

/* The character at the start (or end) of a node's text, 0 if none. */
static uint32_t
edge_char(cmark_node *n, int last)
{
	while (n != NULL) {
		cmark_node_type t = cmark_node_get_type(n);

		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *s = cmark_node_get_literal(n);
			size_t len = s ? strlen(s) : 0;
			uint32_t cp = 0;

			if (len == 0)
				return 0;
			if (!last) {
				utf8_decode(s, &cp);
				return cp;
			}
			const char *p = s + len - 1;
			while (p > s && ((unsigned char)*p & 0xc0) == 0x80)
				p--;
			utf8_decode(p, &cp);
			return cp;
		}
		n = last ? cmark_node_last_child(n) : cmark_node_first_child(n);
	}
	return 0;
}

/*
 * A soft line break between two Chinese characters is not a space in
 * Chinese: drop it, so a paragraph wrapped in the editor reads as one line.
 */
static void
join_cjk_lines(cmark_node **breaks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		cmark_node *prev = cmark_node_previous(breaks[i]);
		cmark_node *next = cmark_node_next(breaks[i]);

		if (prev && next && is_cjk(edge_char(prev, 1)) && is_cjk(edge_char(next, 0))) {
			cmark_node_unlink(breaks[i]);
			cmark_node_free(breaks[i]);
		}
	}
}

struct nodes {
	cmark_node	**v;
	size_t		  n, cap;
};

static void
push(struct nodes *ns, cmark_node *n)
{
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 16;
		ns->v = xrealloc(ns->v, ns->cap * sizeof *ns->v);
	}
	ns->v[ns->n++] = n;
}


/* CJK punctuation: full-width and ideographic marks, quotes, dash, ellipsis. */
/*
 * Replaces each heading by a custom block that prints <hN id="…">. The
 * headings are unlinked, not freed: the text nodes moved out of them may
 * still point into their content buffers (cmark-gfm shares, not copies,
 * inline text), so md_render frees them in *dead after rendering (fuzzing
 * found the use after free).
 */
static void
number_headings(cmark_node **heads, size_t n, struct md_doc *out, struct nodes *dead)
{
	out->toc = n ? xcalloc(n, sizeof *out->toc) : NULL;
	for (size_t i = 0; i < n; i++) {
		cmark_node *h = heads[i], *cb, *c;
		struct sb t;
		char *id, tag[64];
		int level = cmark_node_get_heading_level(h), dup = 1;

		sb_init(&t);
		text_of(h, &t);
		id = md_slugify(sb_str(&t));
		for (size_t j = 0; j < out->ntoc; j++) {
			if (strcmp(out->toc[j].id, id) == 0) {
				char *base = md_slugify(sb_str(&t));
				free(id);
				id = xasprintf("%s-%d", base, ++dup);
				free(base);
				j = (size_t)-1;	/* start over: the new id may clash too */
			}
		}
		out->toc[out->ntoc].level = level;
		out->toc[out->ntoc].id = id;
		out->toc[out->ntoc].text = sb_take(&t);
		out->ntoc++;

		struct sb open;
		sb_init(&open);
		sb_printf(&open, "<h%d id=\"", level);
		sb_html(&open, id, strlen(id));
		sb_puts(&open, "\">");
		/* a heading's level is 1 to 6: one digit, no printf */
		memcpy(tag, "</h0>", 6);
		tag[3] = (char)('0' + level % 10);
		cb = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, &doc_mem);
		cmark_node_set_on_enter(cb, sb_str(&open));
		cmark_node_set_on_exit(cb, tag);
		sb_free(&open);
		while ((c = cmark_node_first_child(h)) != NULL) {
			cmark_node_unlink(c);
			cmark_node_append_child(cb, c);
		}
		cmark_node_insert_before(h, cb);
		cmark_node_unlink(h);
		push(dead, h);
	}
}

static int
is_relative(const char *u)
{
	const char *colon = strchr(u, ':'), *slash = strchr(u, '/');

	if (u[0] == '\0' || u[0] == '#' || (u[0] == '/' && u[1] == '/'))
		return 0;
	return colon == NULL || (slash != NULL && slash < colon);
}


static void
rewrite_links(cmark_node **links, size_t n, const struct md_opts *o, const char *body, size_t len)
{
	for (size_t i = 0; i < n; i++) {
		const char *u = cmark_node_get_url(links[i]);
		char *nu;
		int bline = md_node_line(links[i]);
		int line = bline + o->body_line - 1;
		int col = utf8_line_col(body, len, bline, cmark_node_get_start_column(links[i]));

		if (u == NULL || !is_relative(u))
			continue;
		nu = o->resolve(o->ctx, u, cmark_node_get_type(links[i]) == CMARK_NODE_IMAGE,
		    line, col > 0 ? col : 1);
		if (nu != NULL) {
			cmark_node_set_url(links[i], nu);
			free(nu);
		}
	}
}

/*
 * A control character in a link target reaches the page as "%13", whose
 * digits the output's net reads where the source had none ("1\x13957…"
 * prints as "1%13957…", an 11-digit mobile); browsers ignore it anyway.
 * Dropped from every link, before the gate and whether or not it runs
 * (found by fuzz_gate: a body with ten digits skips the gate). So is one
 * written as a percent escape ("tel:139%0957023102"): the gate reads "%09"
 * as a percent sign and digits, a dialler as a tab it skips.
 */
static size_t
url_control(const char *q)
{
	if ((unsigned char)*q < 0x20 || *q == 0x7f)
		return 1;
	if (q[0] == '%' && hex_value(q[1]) >= 0 && hex_value(q[2]) >= 0) {
		int v = hex_value(q[1]) * 16 + hex_value(q[2]);

		return v < 0x20 || v == 0x7f ? 3 : 0;
	}
	return 0;
}

static void
drop_url_controls(cmark_node **links, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *u = cmark_node_get_url(links[i]);
		char *clean, *o;
		size_t bad = 0, k;

		for (const char *q = u; q != NULL && *q; q++)
			bad += url_control(q) > 0;
		if (bad == 0)
			continue;
		o = clean = xstrdup(u);
		for (const char *q = u; *q; q += k)
			if ((k = url_control(q)) == 0) {
				*o++ = *q;
				k = 1;
			}
		*o = '\0';
		cmark_node_set_url(links[i], clean);
		free(clean);
	}
}

/*
 * The URLs cmark-gfm's safe mode will not print (its _scan_dangerous_url):
 * javascript:, vbscript:, file: and data:, but for data:image/png, gif,
 * jpeg and webp; the scheme in any case. Browsers strip tabs and newlines
 * from a URL, but cmark-gfm prints those as %09 and %0A, which they do not.
 */
static int
is_dangerous_url(const char *u)
{
	static const char *const bad[] = { "javascript:", "vbscript:", "file:" };
	static const char *const images[] = { "png", "gif", "jpeg", "webp" };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (strncasecmp(u, bad[i], strlen(bad[i])) == 0)
			return 1;
	if (strncasecmp(u, "data:", 5) != 0)
		return 0;
	if (strncasecmp(u + 5, "image/", 6) == 0)
		for (size_t i = 0; i < sizeof images / sizeof images[0]; i++)
			if (strncasecmp(u + 11, images[i], strlen(images[i])) == 0)
				return 0;
	return 1;
}

/*
 * Empties every dangerous link and image URL, as cmark-gfm's safe mode
 * prints them (href="", src=""). Done on the tree, so that unsafe_html,
 * which lets raw HTML through, does not let these through too (issue 22).
 */
static void
drop_dangerous_urls(cmark_node **links, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *u = cmark_node_get_url(links[i]);

		if (u != NULL && is_dangerous_url(u))
			cmark_node_set_url(links[i], "");
	}
}

static int
is_cjk_punct(uint32_t cp)
{
	return (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff01 && cp <= 0xff0f) ||
	    (cp >= 0xff1a && cp <= 0xff20) || (cp >= 0xff3b && cp <= 0xff40) ||
	    (cp >= 0xff5b && cp <= 0xff65) || (cp >= 0x2010 && cp <= 0x2027);
}

/* The code point that ends just before s[i], and its length. */
static uint32_t
cp_before(const char *s, size_t i, int *len)
{
	size_t j = i;

	while (j > 0 && ((unsigned char)s[j - 1] & 0xc0) == 0x80)
		j--;
	if (j > 0)
		j--;
	uint32_t cp = 0;
	*len = (int)(i - j);
	if (*len > 0)
		utf8_decode(s + j, &cp);
	return cp;
}

static int
is_word_cp(uint32_t cp)
{
	return cp > ' ' && cp != '*' && !is_cjk_punct(cp) &&
	    !(cp < 0x80 && strchr("!\"#$%&'()+,-./:;<=>?@[\\]^_`{|}~", (int)cp));
}

/* The end of the line at s[i] (its '\r' or '\n', or len) and where the next starts, as cmark counts lines. */
static size_t
line_end(const char *s, size_t len, size_t i, size_t *next)
{
	/* memchr, not a loop over the bytes: every body is cut into lines once or twice */
	const char *nl = memchr(s + i, '\n', len - i);
	size_t e = nl ? (size_t)(nl - s) : len;
	const char *cr = memchr(s + i, '\r', e - i);

	i = cr ? (size_t)(cr - s) : e;
	*next = i + (i < len && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') + (i < len);
	return i;
}

/*
 * The first i' >= i below end with s[i'] in set, or end. s[i..end) holds
 * no line end and set holds "\r\n", so strcspn (which steps over many
 * bytes at a time) stops by end at the latest; s[len] must be '\0'.
 */
static size_t
find_in_line(const char *s, size_t i, size_t end, const char *set)
{
	while (i < end) {
		i += strcspn(s + i, set);
		if (i >= end || s[i] != '\0')
			break;
		i++;	/* a NUL inside the text is no mark */
	}
	return i < end ? i : end;
}

/* Could an inline '<' at s[i] start raw HTML or an autolink? Then the line is left as written. */
static int
is_tag_start(const char *s, size_t i, size_t end)
{
	char c = i + 1 < end ? s[i + 1] : '\0';

	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
}

/*
 * CommonMark will not close "**重点。**正文" nor open "的**“引文”**": a
 * delimiter next to punctuation must also touch white space, which Chinese
 * never has (commonmark-spec#650). Within one line holding an even number of
 * "**", we move such a punctuation mark just outside the pair: the same
 * characters, one place over, so lengths and later columns do not change.
 * A line with a code span, a tag or an autolink is left alone, and so is
 * each line i (from 0) with skip[i] set: the lines of code and HTML blocks.
 * Returns how many marks moved; the file itself is never changed.
 * s[len] must be '\0' (find_in_line).
 */
static size_t
fix_cjk_emphasis(char *s, size_t len, const unsigned char *skip, size_t nskip)
{
	size_t line = 0, next, moved = 0;

	for (size_t ln = 0; line < len; ln++, line = next) {
		size_t end = line_end(s, len, line, &next), pos[64], n = 0;

		if (ln < nskip && skip[ln])
			continue;
		/* only these bytes matter: the others are stepped over (find_in_line) */
		for (size_t i = find_in_line(s, line, end, "`<\\*\r\n"); i + 1 < end && n < 64;
		    i = find_in_line(s, i + 1, end, "`<\\*\r\n")) {
			if (s[i] == '`' || (s[i] == '<' && is_tag_start(s, i, end))) {
				n = 1;	/* code spans, HTML: leave the line as it is */
				break;
			}
			if (s[i] == '\\') {
				i++;
				continue;
			}
			if (s[i] == '*' && s[i + 1] == '*' && (i + 2 >= end || s[i + 2] != '*') &&
			    (i == line || s[i - 1] != '*')) {
				pos[n++] = i;
				i++;
			}
		}
		for (size_t k = 0; n % 2 == 0 && k < n; k++) {
			size_t i = pos[k];
			int pl = 0;
			uint32_t before = i > line ? cp_before(s, i, &pl) : 0, after = 0;

			if (i + 2 < end)
				utf8_decode(s + i + 2, &after);
			if (k % 2 == 1 && is_cjk_punct(before) && is_word_cp(after)) {
				/* closer: "X。**Y" -> "X**。Y" */
				char mark[4];
				memcpy(mark, s + i - pl, (size_t)pl);
				memmove(s + i - pl, s + i, 2);
				memcpy(s + i - pl + 2, mark, (size_t)pl);
				moved++;
			} else if (k % 2 == 0 && i + 2 < end && is_cjk_punct(after) &&
			    is_word_cp(before) && before != 0) {
				/* opener: "X**“Y" -> "X“**Y" */
				char mark[4];
				int al = utf8_decode(s + i + 2, &after);
				memcpy(mark, s + i + 2, (size_t)al);
				memmove(s + i + al, s + i, 2);
				memcpy(s + i, mark, (size_t)al);
				moved++;
			}
		}
	}
	return moved;
}

static cmark_parser *
new_parser(int opts)
{
	cmark_parser *p = cmark_parser_new_with_mem(opts, &doc_mem);

	add_ext(p, "table");
	add_ext(p, "strikethrough");
	add_ext(p, "autolink");
	return p;
}

/*
 * Could any line of s[0..len) start or be part of a code or an HTML block?
 * Said yes generously: a fence, a '<' or a tab anywhere, or four spaces at
 * a line's start, also after quote marks ("> " and a four-space indent).
 * s[len] must be '\0'.
 */
static int
may_hold_blocks(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		int spaces = 0;

		/* a line's start: its indent, counted again after each quote mark */
		for (; i < len && (s[i] == ' ' || s[i] == '>'); i++)
			if (s[i] == '>')
				spaces = 0;
			else if (++spaces >= 4)
				return 1;
		/* the rest of the line: only these bytes matter (s[len] is '\0') */
		for (;;) {
			char c;

			i += strcspn(s + i, "<\t`~\n");
			if (i >= len)
				return 0;
			c = s[i++];
			if (c == '\n')
				break;
			if (c == '<' || c == '\t' || ((c == '`' || c == '~') && i + 1 < len && s[i] == c && s[i + 1] == c))
				return 1;
		}
	}
	return 0;
}

/*
 * Applies fix_cjk_emphasis to src[0..len) outside code and HTML blocks,
 * which must come out as written (issue 22). Which lines those are is the
 * parser's to say, not a guess from the source: a fence may be ``` or ~~~
 * of any length, indented or in a list or quote, and four spaces are code
 * or a list item's paragraph depending on the lines before. So when a mark
 * would move at all, the body is parsed once as written and the lines of
 * its code and HTML blocks are skipped. Moving a mark within a line never
 * changes which block a line is in, so the second parse agrees.
 */
static void
fix_emphasis_outside_code(char *src, size_t len, int opts)
{
	char *trial = xmalloc(len + 1);
	unsigned char *skip = NULL;
	size_t nskip = 0, next;
	cmark_parser *p;
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;

	memcpy(trial, src, len + 1);
	if (fix_cjk_emphasis(trial, len, NULL, 0) == 0)
		goto out;
	/*
	 * No line that could belong to a code or HTML block (indented by a tab
	 * or four spaces, a fence, a '<' after at most three spaces): no need
	 * to ask the parser. Most records are so, and parsing twice cost them.
	 */
	if (!may_hold_blocks(src, len)) {
		memcpy(src, trial, len + 1);
		goto out;
	}
	for (size_t i = 0; i < len; i = next, nskip++)
		line_end(src, len, i, &next);
	skip = xcalloc(nskip + 1, 1);
	p = new_parser(opts);
	cmark_parser_feed(p, src, len);
	doc = cmark_parser_finish(p);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);

		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_CODE_BLOCK && t != CMARK_NODE_HTML_BLOCK))
			continue;
		for (int l = cmark_node_get_start_line(c); l <= cmark_node_get_end_line(c); l++)
			if (l >= 1 && (size_t)l <= nskip)
				skip[l - 1] = 1;
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(p);
	fix_cjk_emphasis(src, len, skip, nskip);
out:
	free(skip);
	free(trial);
}

void
md_render(const char *body, size_t len, const struct md_opts *o, struct md_doc *out)
{
	int opts = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
	cmark_parser *p;
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;
	struct nodes breaks = { 0 }, heads = { 0 }, links = { 0 }, dead = { 0 };
	struct mdoc_mem mem = { NULL, NULL, 0, 0 };
	int make = o->make, labels = 0;
	cmark_node *first = NULL;
	char *src;
	char *html;
	struct sb b;

	memset(out, 0, sizeof *out);
	if (make == 0)
		make = MD_HTML | MD_TEXT | MD_FIRST;
	if (o->unsafe_html)
		opts |= CMARK_OPT_UNSAFE;
	cmark_gfm_core_extensions_ensure_registered();
	cur_mem = &mem;
	src = xstrndup(body, len);
	fix_emphasis_outside_code(src, len, opts);
	p = new_parser(opts);
	cmark_parser_feed(p, src, len);
	doc = cmark_parser_finish(p);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_SOFTBREAK: push(&breaks, c); break;
		case CMARK_NODE_HEADING: push(&heads, c); break;
		case CMARK_NODE_LINK: case CMARK_NODE_IMAGE: push(&links, c); break;
		case CMARK_NODE_PARAGRAPH:
			if (first == NULL && cmark_node_parent(c) == doc)
				first = c;
			break;
		default: break;
		}
	}
	cmark_iter_free(it);
	drop_url_controls(links.v, links.n);
	/*
	 * Then the gate: everything below is made of the masked text (issue
	 * 15). It reads the tree, since Markdown between digits (139\-5702,
	 * [139][a]57…) hides a number from a look at the source; only a body
	 * with fewer than 11 characters that could be digits is spared.
	 */
	if (o->gate != NULL && privacy_may_hold_any(src, len))
		labels = md_gate(doc, o, src, len);

	join_cjk_lines(breaks.v, breaks.n);
	if (first != NULL && (make & MD_FIRST)) {
		/* after joining: a summary must not get a space where the source wrapped */
		sb_init(&b);
		text_of(first, &b);
		out->first_para = sb_take(&b);
	}
	drop_dangerous_urls(links.v, links.n);
	if (o->resolve)
		rewrite_links(links.v, links.n, o, src, len);
	number_headings(heads.v, heads.n, out, &dead);
	if (make & MD_TEXT) {
		sb_init(&b);
		text_of(doc, &b);
		out->text = sb_take(&b);
	}
	if (make & MD_HTML) {
		html = cmark_render_html_with_mem(doc, opts, cmark_parser_get_syntax_extensions(p), &doc_mem);
		out->html = xstrdup(html);
		if (labels) {
			/* a footnote label with a number is in ids and hrefs: mask them alike */
			char *m = pii_mask_text(out->html, strlen(out->html), PII_EGRESS, o->gate->allow, NULL, NULL);

			if (m != NULL) {
				free(out->html);
				out->html = m;
			}
		}
	}
	cmark_node_free(doc);
	for (size_t i = 0; i < dead.n; i++)
		cmark_node_free(dead.v[i]);
	cmark_parser_free(p);
	free(breaks.v);
	free(heads.v);
	free(links.v);
	free(dead.v);
	free(src);
	mdoc_mem_free(&mem);
	cur_mem = NULL;
}

void
md_doc_free(struct md_doc *d)
{
	if (d == NULL)
		return;
	free(d->html);
	for (size_t i = 0; i < d->ntoc; i++) {
		free(d->toc[i].id);
		free(d->toc[i].text);
	}
	free(d->toc);
	free(d->text);
	free(d->first_para);
	memset(d, 0, sizeof *d);
}
