/*
 * mdgate.c: the privacy gate on a parsed Markdown body (issue 15).
 *
 * The reader sees text, not Markdown: "139**5710**3110" is one number in
 * three text nodes, and so is "[139](…)57333133". So the gate reads the
 * tree, not the source: the text nodes of one block (text, code spans,
 * line breaks; markup between them is invisible) are one stream, each
 * block, table cell and code block is its own, and link and image targets
 * and titles are read apart, percent escapes decoded. What the detector
 * hides is written back into the nodes it came from, before headings,
 * summaries or links are made of them.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "gate.h"
#include "markdown.h"
#include "util.h"

enum { SET_LITERAL, SET_URL, SET_TITLE, SET_NONE };

struct mseg {
	cmark_node	*node;		/* NULL for a line break */
	int		 set;		/* where a masked text goes back */
};

struct msegs {
	struct pii_seg	*v;
	struct mseg	*m;
	size_t		 n, cap;
};

static void
seg_add(struct msegs *s, cmark_node *node, int set, const char *text, unsigned flags)
{
	if (text == NULL || text[0] == '\0')
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
		s->m = xrealloc(s->m, s->cap * sizeof *s->m);
	}
	s->v[s->n].s = text;
	s->v[s->n].n = strlen(text);
	s->v[s->n].flags = flags;
	s->m[s->n].node = node;
	s->m[s->n].set = set;
	s->n++;
}

static int
is_block(cmark_node *n)
{
	return (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

/* An inline node's text, glued to what came before it in its block. */
static void
inline_seg(struct msegs *s, cmark_node *c, int *glue)
{
	unsigned g = *glue ? PII_GLUE : 0;

	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		/* what shows as "&#49;" or "[139](…)" is read decoded too: errs toward the citizen */
		seg_add(s, c, SET_LITERAL, cmark_node_get_literal(c), g | PII_TEXT);
		break;
	case CMARK_NODE_HTML_INLINE:
		/* a tag is invisible (omitted, or markup with unsafe_html) */
		seg_add(s, c, SET_LITERAL, cmark_node_get_literal(c), g | PII_TAGS | PII_TEXT);
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		seg_add(s, NULL, SET_NONE, "\n", g);
		break;
	default:
		return;
	}
	*glue = 1;
}

/* The pieces of doc in reading order; link targets and titles (in *later) after. */
static void
collect(cmark_node *doc, struct msegs *s, struct msegs *later)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int glue = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);

		if (is_block(c)) {
			glue = 0;	/* blocks and table cells never join a number */
			if (ev != CMARK_EVENT_ENTER)
				continue;
			if (t == CMARK_NODE_CODE_BLOCK)
				seg_add(s, c, SET_LITERAL, cmark_node_get_literal(c), PII_TEXT);
			else if (t == CMARK_NODE_HTML_BLOCK)
				seg_add(s, c, SET_LITERAL, cmark_node_get_literal(c), PII_TAGS | PII_TEXT);
			continue;
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			seg_add(later, c, SET_URL, cmark_node_get_url(c), PII_TEXT);
			seg_add(later, c, SET_TITLE, cmark_node_get_title(c), PII_TEXT);
		} else if (t == CMARK_NODE_FOOTNOTE_REFERENCE) {
			/* cmark-gfm cannot change a label: reported here, masked by output.c's net */
			seg_add(later, c, SET_NONE, cmark_node_get_literal(c), PII_TEXT);
		} else
			inline_seg(s, c, &glue);
	}
	cmark_iter_free(it);
}

static int
node_line(cmark_node *n)
{
	for (; n != NULL; n = cmark_node_parent(n))
		if (cmark_node_get_start_line(n) > 0)
			return cmark_node_get_start_line(n);
	return 1;
}

/* Reports hit h of piece m at its place in the file. */
static void
report(const struct md_opts *o, const char *body, size_t len, const struct mseg *m,
    const struct pii_seg *v, const struct pii_hit *h)
{
	int line = node_line(m->node), col = cmark_node_get_start_column(m->node);
	int fence_len, fence_off, nl = 0;
	char fence_char;
	const char *ls = v->s;

	for (size_t i = 0; i < h->off; i++)
		if (v->s[i] == '\n')
			ls = v->s + i + 1, nl++;
	if (cmark_node_get_type(m->node) == CMARK_NODE_CODE_BLOCK) {
		/* its text starts on the line after a fence; columns from the text's own */
		line += nl + (cmark_node_get_fenced(m->node, &fence_len, &fence_off, &fence_char) ? 1 : 0);
		col = utf8_columns(ls, (size_t)(v->s + h->off - ls));
	} else
		col = utf8_line_col(body, len, line, (col > 0 ? col : 1) +
		    (m->set == SET_LITERAL ? (int)h->off : 0));
	gate_report(o->gate, o->path, line + o->body_line - 1, col > 0 ? col : 1, h, "the body");
}

static void
write_back(const struct mseg *m, const struct pii_seg *v, const struct pii_result *r, size_t i)
{
	char *masked;

	if (m->set == SET_NONE || (masked = pii_apply(r, i, v->s, v->n, NULL)) == NULL)
		return;
	if (m->set == SET_LITERAL)
		cmark_node_set_literal(m->node, masked);
	else if (m->set == SET_URL)
		cmark_node_set_url(m->node, masked);
	else
		cmark_node_set_title(m->node, masked);
	free(masked);
}

void
md_gate(cmark_node *doc, const struct md_opts *o, const char *body, size_t len)
{
	struct msegs s = { 0 }, later = { 0 };
	struct pii_result r;

	collect(doc, &s, &later);
	for (size_t i = 0; i < later.n; i++)
		seg_add(&s, later.m[i].node, later.m[i].set, later.v[i].s, later.v[i].flags);
	pii_detect(s.v, s.n, o->gate->allow, &r);
	for (size_t i = 0; i < r.nhits; i++)
		report(o, body, len, &s.m[r.hits[i].seg], &s.v[r.hits[i].seg], &r.hits[i]);
	/* every piece is read before any is changed: the texts point into the nodes */
	for (size_t i = 0; i < s.n && r.nspans > 0; i++)
		write_back(&s.m[i], &s.v[i], &r, i);
	pii_result_free(&r);
	free(s.v);
	free(s.m);
	free(later.v);
	free(later.m);
}
