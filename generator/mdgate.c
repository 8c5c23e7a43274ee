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
#include "i18n.h"

enum { SET_LITERAL, SET_URL, SET_TITLE, SET_FENCE, SET_NONE, SET_ALIAS };

struct mseg {
	cmark_node	*node;		/* NULL for a line break */
	int		 set;		/* where a masked text goes back */
	size_t		 primary;	/* SET_ALIAS: the piece with the same text, read another way */
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
	s->m[s->n].primary = 0;
	s->n++;
}

static int
is_block(cmark_node *n)
{
	return (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

/*
 * An inline node's text, glued to what came before it in its block;
 * *tagged says the page prints markup (<em>, </code>) since that piece.
 */
static void
inline_seg(struct msegs *s, cmark_node *c, int *glue, int *tagged)
{
	int code = cmark_node_get_type(c) == CMARK_NODE_CODE;
	unsigned g = *glue ? PII_GLUE | (*tagged || code ? PII_TAGGED : 0) : PII_BLOCK;

	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		/* what shows as "&#49;" or "[139](…)" is read decoded too: errs toward the citizen */
		seg_add(s, c, SET_LITERAL, cmark_node_get_literal(c), g | PII_TEXT);
		break;
	case CMARK_NODE_HTML_INLINE:
		/* a tag is invisible (omitted, or markup with unsafe_html); its attributes are read in collect */
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
	*tagged = code;	/* a code span's </code> parts it from what follows */
}

/* The pieces of doc in reading order; link targets and titles (in *later) after. */
/*
 * Raw HTML is read twice: with its tags invisible (the text a reader sees
 * joins across <b>), and whole, tags ending numbers, so that what stands
 * in an attribute (href="tel:…", alt, title) is found too; so is an
 * image's alt text, which is an attribute. The second reading is an alias
 * of the first piece.
 */
static void
alias(struct msegs *s, struct msegs *later, cmark_node *c)
{
	if (s->n == 0 || s->m[s->n - 1].node != c)
		return;
	seg_add(later, c, SET_ALIAS, cmark_node_get_literal(c), PII_TEXT);
	if (later->n > 0 && later->m[later->n - 1].node == c)
		later->m[later->n - 1].primary = s->n - 1;
}

static void
collect(cmark_node *doc, struct msegs *s, struct msegs *later)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int glue = 0, in_image = 0, tagged = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);

		if (is_block(c)) {
			glue = 0;	/* blocks and table cells are apart (PII_BLOCK reads them joined too) */
			if (ev != CMARK_EVENT_ENTER)
				continue;
			if (t == CMARK_NODE_CODE_BLOCK) {
				seg_add(s, c, SET_LITERAL, cmark_node_get_literal(c), PII_TEXT | PII_BLOCK);
				seg_add(later, c, SET_FENCE, cmark_node_get_fence_info(c), PII_TEXT);
			} else if (t == CMARK_NODE_HTML_BLOCK) {
				seg_add(s, c, SET_LITERAL, cmark_node_get_literal(c), PII_TAGS | PII_TEXT | PII_BLOCK);
				alias(s, later, c);
			}
			continue;
		}
		if (t == CMARK_NODE_IMAGE)
			in_image += ev == CMARK_EVENT_ENTER ? 1 : -1;
		if (t != CMARK_NODE_TEXT && t != CMARK_NODE_CODE && t != CMARK_NODE_HTML_INLINE &&
		    t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK)
			tagged = 1;	/* an inline container's tags: <strong>, </a> */
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			seg_add(later, c, SET_URL, cmark_node_get_url(c), PII_TEXT);
			seg_add(later, c, SET_TITLE, cmark_node_get_title(c), PII_TEXT);
		} else {
			inline_seg(s, c, &glue, &tagged);
			/* alt text is read with the text beside it, and alone, as its attribute is */
			if (t == CMARK_NODE_HTML_INLINE || (in_image > 0 && t == CMARK_NODE_TEXT))
				alias(s, later, c);
		}
	}
	cmark_iter_free(it);
}

int
md_node_line(cmark_node *n)
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
	int line = md_node_line(m->node), col = cmark_node_get_start_column(m->node);
	int fence_len, fence_off, nl = 0;
	char fence_char;
	const char *ls = v->s;

	for (size_t i = 0; i < h->off; i++)
		if (v->s[i] == '\n')
			ls = v->s + i + 1, nl++;
	if (cmark_node_get_type(m->node) == CMARK_NODE_CODE_BLOCK && m->set == SET_LITERAL) {
		/* its text starts on the line after a fence, at the block's own column */
		int fenced = cmark_node_get_fenced(m->node, &fence_len, &fence_off, &fence_char);

		line += nl + (fenced ? 1 : 0);
		col = utf8_columns(ls, (size_t)(v->s + h->off - ls)) + (col > 1 ? col - 1 : 0) +
		    (fenced ? fence_off : 0);
	} else if (m->set == SET_FENCE && cmark_node_get_fenced(m->node, &fence_len, &fence_off, &fence_char))
		col = utf8_line_col(body, len, line, (col > 0 ? col : 1) + fence_off + fence_len + (int)h->off);
	else
		col = utf8_line_col(body, len, line, (col > 0 ? col : 1) +
		    (m->set == SET_LITERAL ? (int)h->off : 0));
	gate_report(o->gate, o->path, line + o->body_line - 1, col > 0 ? col : 1, h, _("the body"));
}

static void
write_back(const struct mseg *m, const struct pii_seg *v, const struct pii_result *r, size_t i)
{
	char *masked;

	if (m->set == SET_NONE || m->set == SET_ALIAS || (masked = pii_apply(r, i, v->s, v->n, NULL)) == NULL)
		return;
	if (m->set == SET_LITERAL)
		cmark_node_set_literal(m->node, masked);
	else if (m->set == SET_URL)
		cmark_node_set_url(m->node, masked);
	else if (m->set == SET_FENCE)
		cmark_node_set_fence_info(m->node, masked);
	else
		cmark_node_set_title(m->node, masked);
	free(masked);
}

/* Is hit h (of an alias) also a hit of the primary piece p at the same place? */
static int
hit_in(const struct pii_result *r, size_t p, const struct pii_seg *pv, const struct pii_hit *h)
{
	(void)pv;
	for (size_t i = 0; i < r->nhits; i++)
		if (r->hits[i].seg == p && r->hits[i].off == h->off)
			return 1;
	return 0;
}

static int
span_order(const void *a, const void *b)
{
	const struct pii_span *x = a, *y = b;

	if (x->seg != y->seg)
		return x->seg < y->seg ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* An alias's spans belong to its primary piece (the same text): move them there, once each. */
static void
join_aliases(const struct msegs *s, struct pii_result *r)
{
	size_t k = 0;

	for (size_t i = 0; i < r->nspans; i++)
		if (s->m[r->spans[i].seg].set == SET_ALIAS)
			r->spans[i].seg = s->m[r->spans[i].seg].primary;
	xqsort(r->spans, r->nspans, sizeof *r->spans, span_order);
	for (size_t i = 0; i < r->nspans; i++)
		if (k == 0 || span_order(&r->spans[k - 1], &r->spans[i]) != 0)
			r->spans[k++] = r->spans[i];
	r->nspans = k;
}

/*
 * Footnote labels ([^13957023102]) become ids and links, but cmark-gfm
 * keeps them out of reach (no getter, no setter). They are read from the
 * source: each number is reported, and 1 tells md_render to mask the HTML.
 */
static int
footnote_labels(const struct md_opts *o, const char *body, size_t len)
{
	int found = 0, line = 1;
	const char *ls = body, *counted = body, *at, *end, *nl;

	/* every body is read: jump from '[' to '[', and count lines only where a label stands */
	for (size_t i = 0; i + 2 < len && (at = memchr(body + i, '[', len - 2 - i)) != NULL; i++) {
		struct pii_seg seg;
		struct pii_result r;

		i = (size_t)(at - body);
		if (body[i + 1] != '^' || (end = memchr(at, ']', len - i)) == NULL ||
		    memchr(at, '\n', (size_t)(end - at)) != NULL)
			continue;
		for (; (nl = memchr(counted, '\n', (size_t)(at - counted))) != NULL; counted = nl + 1) {
			line++;
			ls = nl + 1;
		}
		counted = at;
		seg.s = body + i + 2;
		seg.n = (size_t)(end - seg.s);
		seg.flags = PII_TEXT;
		pii_detect(&seg, 1, o->gate->allow, &r);
		for (size_t k = 0; k < r.nhits; k++)
			gate_report(o->gate, o->path, line + o->body_line - 1,
			    utf8_columns(ls, (size_t)(seg.s + r.hits[k].off - ls)), &r.hits[k], "a footnote label");
		found |= r.nhits > 0;
		pii_result_free(&r);
	}
	return found;
}

int
md_gate(cmark_node *doc, const struct md_opts *o, const char *body, size_t len)
{
	struct msegs s = { 0 }, later = { 0 };
	struct pii_result r;
	int labels = footnote_labels(o, body, len);

	collect(doc, &s, &later);
	for (size_t i = 0; i < later.n; i++) {
		size_t at = s.n;

		seg_add(&s, later.m[i].node, later.m[i].set, later.v[i].s, later.v[i].flags);
		if (s.n > at)
			s.m[at].primary = later.m[i].primary;
	}
	pii_detect(s.v, s.n, o->gate->allow, &r);
	for (size_t i = 0; i < r.nhits; i++) {
		const struct mseg *m = &s.m[r.hits[i].seg];

		/* an alias repeats its primary's numbers: report each once */
		if (m->set == SET_ALIAS && hit_in(&r, m->primary, &s.v[m->primary], &r.hits[i]))
			continue;
		report(o, body, len, m->set == SET_ALIAS ? &s.m[m->primary] : m, &s.v[r.hits[i].seg], &r.hits[i]);
	}
	join_aliases(&s, &r);
	/* every piece is read before any is changed: the texts point into the nodes */
	for (size_t i = 0; i < s.n && r.nspans > 0; i++)
		write_back(&s.m[i], &s.v[i], &r, i);
	pii_result_free(&r);
	free(s.v);
	free(s.m);
	free(later.v);
	free(later.m);
	return labels;
}
