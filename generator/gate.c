/*
 * gate.c: the privacy gate's reports, and the gate for front matter and
 * single strings (gate.h). markdown.c gates bodies on their parsed tree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvtable.h"
#include "gate.h"
#include "util.h"
#include "i18n.h"

void
gate_report(const struct gate *g, const char *path, int line, int col,
    const struct pii_hit *h, const char *where)
{
	const char *kind = pii_kind_name(h->kind);

	if (g->d == NULL)
		return;
	if (g->refuse)
		diag_add(g->d, DIAG_ERROR, "privacy", path, line, col,
		    "%s %s in %s must not be published (privacy: refuse); remove it, "
		    "or write it masked as %s", kind, h->shown, where, h->shown);
	else
		diag_add(g->d, DIAG_WARNING, "privacy", path, line, col,
		    "%s %s in %s is published masked; write it masked in the source too%s",
		    kind, h->shown, where, h->kind == PII_MOBILE ?
		    _(", or list it in privacy_allow if it may be shown (an office phone)") : "");
	if (h->bad_check)
		diag_add(g->d, DIAG_WARNING, "privacy-typo", path, line, col,
		    "%s %s has a wrong %s, so it is probably mistyped; it is masked all the same: "
		    "check it against the original document",
		    kind, h->shown, h->kind == PII_BANK ? _("check digit (Luhn)") : _("check character"));
}

/* The line and column of byte off of s, a value that starts at line:col. */
static void
position(const char *s, size_t off, int line, int col, int *hl, int *hc)
{
	const char *ls = s;

	*hl = line;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n') {
			(*hl)++;
			ls = s + i + 1;
		}
	/* on a later line of a block scalar, the column is counted from the value's own */
	*hc = (ls == s ? col : col > 0 ? col : 1) + utf8_columns(ls, (size_t)(s + off - ls)) - 1;
}

/*
 * Where the hits of a value stand in its file: read the source from the
 * value's first character on, as far as the value could reach, and take
 * for each hit the first number found there that is shown the same. A
 * quoted value folded over lines, or written with escapes, has no other
 * way back to its columns. hl[i] stays 0 for a hit not found so (a number
 * that the folding joined): the caller places it by the value's start.
 */
static void
raw_positions(const struct gate *g, const char *src, int line, int col, size_t vlen,
    const struct pii_result *v, int *hl, int *hc)
{
	const char *s = src, *ls;
	struct pii_seg seg;
	struct pii_result r;
	char *used;

	for (int i = 1; s && i < line; i++)
		if ((s = strchr(s, '\n')) != NULL)
			s++;
	if (s == NULL)
		return;
	ls = s;
	for (int c = 1; *s && *s != '\n' && c < col; c++)
		s += utf8_decode(s, &(uint32_t){ 0 });
	seg.s = s;
	seg.n = strnlen(s, 4 * vlen + 256);
	seg.flags = PII_TEXT;
	pii_detect(&seg, 1, g->allow, &r);
	used = xcalloc(r.nhits + 1, 1);
	for (size_t i = 0; i < v->nhits; i++)
		for (size_t k = 0; k < r.nhits; k++) {
			const char *at = seg.s + r.hits[k].off, *p = seg.s, *pls = ls;
			int l = line;

			if (used[k] || strcmp(r.hits[k].shown, v->hits[i].shown) != 0)
				continue;
			used[k] = 1;
			for (; p < at; p++)
				if (*p == '\n')
					l++, pls = p + 1;
			hl[i] = l;
			hc[i] = utf8_columns(pls, (size_t)(at - pls));
			break;
		}
	free(used);
	pii_result_free(&r);
}

/* Masks and reports a string; src, when not NULL, is the whole file, for positions. */
static size_t
gate_text(const struct gate *g, char *s, unsigned flags, const char *path, const char *src,
    int line, int col, const char *where)
{
	size_t n = strlen(s), found = 0, mlen;
	struct pii_seg seg = { s, n, flags & ~(unsigned)PII_GLUE };
	struct pii_result r;
	char *masked;
	int *hl, *hc;

	if (!privacy_may_hold(s, n, flags))
		return 0;
	pii_detect(&seg, 1, g->allow, &r);
	hl = xcalloc(r.nhits + 1, sizeof *hl);
	hc = xcalloc(r.nhits + 1, sizeof *hc);
	if (src != NULL && line > 0)
		raw_positions(g, src, line, col, n, &r, hl, hc);
	for (size_t i = 0; i < r.nhits; i++) {
		if (hl[i] == 0)
			position(s, r.hits[i].off, line, col, &hl[i], &hc[i]);
		gate_report(g, path, line > 0 ? hl[i] : 0, line > 0 ? hc[i] : 0, &r.hits[i], where);
	}
	free(hl);
	free(hc);
	found = r.nhits;
	if ((masked = pii_apply(&r, 0, s, n, &mlen)) != NULL) {
		memcpy(s, masked, mlen + 1);	/* never longer: one '*' for each digit's bytes */
		free(masked);
	}
	pii_result_free(&r);
	return found;
}

size_t
gate_string(const struct gate *g, char *s, unsigned flags, const char *path,
    int line, int col, const char *where)
{
	return gate_text(g, s, flags, path, NULL, line, col, where);
}

/* A scalar: the text begins after its opening quote when it had one. */
static size_t
gate_scalar(const struct gate *g, struct ynode *n, const char *path, const char *src, const char *key)
{
	char *where;
	size_t found;

	if (n->null || n->str == NULL || n->str[0] == '\0')
		return 0;
	if (!privacy_may_hold(n->str, strlen(n->str), PII_TEXT))
		return 0;
	where = *key ? xasprintf("'%s'", key) : xstrdup("the front matter");
	/* the tree is one allocation of ours (frontmatter.h): its values may be rewritten, never lengthened */
	found = gate_text(g, (char *)n->str, PII_TEXT, path, src, n->line, n->col + !n->plain, where);
	free(where);
	return found;
}

/*
 * Pieces the page shows side by side (the cells of a 公示 row, the items
 * of a list: tags): each was gated alone; here they are read joined, each
 * to the one before as by a space, so that a number split over two cells
 * ("徐长友158", "62057986") or two tags is found. Masks them in place.
 */
static size_t
gate_joined(const struct gate *g, char **v, const int *line, const int *col, size_t n,
    const char *path, const char *where)
{
	struct pii_seg *segs;
	struct pii_result r;
	size_t found, mlen;
	int hl, hc;

	if (n < 2)
		return 0;
	segs = xcalloc(n, sizeof *segs);
	for (size_t i = 0; i < n; i++) {
		segs[i].s = v[i];
		segs[i].n = strlen(v[i]);
		segs[i].flags = PII_TEXT | (i > 0 ? PII_BLOCK : 0);
	}
	pii_detect(segs, n, g->allow, &r);
	for (size_t i = 0; i < r.nhits; i++) {
		const struct pii_hit *h = &r.hits[i];

		position(v[h->seg], h->off, line[h->seg], col[h->seg], &hl, &hc);
		gate_report(g, path, line[h->seg] > 0 ? hl : 0, line[h->seg] > 0 ? hc : 0, h, where);
	}
	for (size_t i = 0; i < n; i++) {
		char *masked = pii_apply(&r, i, v[i], segs[i].n, &mlen);

		if (masked != NULL)
			memcpy(v[i], masked, mlen + 1);	/* never longer */
		free(masked);
	}
	found = r.nhits;
	pii_result_free(&r);
	free(segs);
	return found;
}

/* The scalars of a list, read joined (gate_joined); other items part them. */
static size_t
gate_seq_joined(const struct gate *g, struct ynode *n, const char *path, const char *key)
{
	char **v = xcalloc(n->n + 1, sizeof *v);
	int *line = xcalloc(n->n + 1, sizeof *line), *col = xcalloc(n->n + 1, sizeof *col);
	size_t k = 0, found = 0;
	char *where = xasprintf("'%s'", key);

	for (unsigned i = 0; i <= n->n; i++) {
		struct ynode *it = i < n->n ? n->items[i] : NULL;

		if (it != NULL && it->type == YNODE_SCALAR && !it->null && it->str != NULL && it->str[0]) {
			/* the tree is one allocation of ours (frontmatter.h): rewritten, never lengthened */
			v[k] = (char *)it->str;
			line[k] = it->line;
			col[k++] = it->col + !it->plain;
			continue;
		}
		found += gate_joined(g, v, line, col, k, path, where);
		k = 0;
	}
	free(where);
	free(v);
	free(line);
	free(col);
	return found;
}

/* key names the value for messages: "notice.contact", "tags[2]". */
static size_t
gate_node(const struct gate *g, struct ynode *n, const char *path, const char *src, const char *key)
{
	size_t found = 0;
	char *sub;

	if (n == NULL)
		return 0;
	switch (n->type) {
	case YNODE_SCALAR:
		return gate_scalar(g, n, path, src, key);
	case YNODE_SEQ:
		for (unsigned i = 0; i < n->n; i++) {
			sub = xasprintf("%s[%u]", key, i + 1);
			found += gate_node(g, n->items[i], path, src, sub);
			free(sub);
		}
		return found + gate_seq_joined(g, n, path, key);
	case YNODE_MAP:
		for (unsigned i = 0; i < n->n; i++) {
			sub = *key ? xasprintf("%s.%s", key, n->ents[i].key->str) : xstrdup(n->ents[i].key->str);
			found += gate_node(g, n->ents[i].val, path, src, sub);
			free(sub);
		}
		return found;
	}
	return found;
}

size_t
gate_yaml(const struct gate *g, struct ynode *root, const char *path, const char *src)
{
	return gate_node(g, root, path, src, "");
}

size_t
gate_table(const struct gate *g, struct csvtable *t, const char *display_path)
{
	size_t found = 0;

	if (t == NULL)
		return 0;
	for (size_t j = 0; j < t->ncols; j++)
		found += gate_string(g, t->header[j], PII_TEXT, display_path, t->header_line,
		    t->header_col ? t->header_col[j] : 1, _("the 公示 table"));
	for (size_t i = 0; i < t->nrows; i++) {
		int *line = xcalloc(t->ncols, sizeof *line);

		for (size_t j = 0; j < t->ncols; j++) {
			found += gate_string(g, t->rows[i][j], PII_TEXT, display_path,
			    t->row_line[i], t->row_col[i][j], _("the 公示 table"));
			line[j] = t->row_line[i];
		}
		found += gate_joined(g, t->rows[i], line, t->row_col[i], t->ncols, display_path,
		    _("the 公示 table"));
		free(line);
	}
	return found;
}
