/*
 * frontmatter.c: "---" splitting and libyaml event parsing into struct ynode.
 * Anchors and aliases are refused outright: they are never needed in a record
 * and they are how "billion laughs" documents explode.
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "diag.h"
#include "frontmatter.h"
#include "util.h"

#define FM_MAX_DEPTH	32

void
ynode_free(struct ynode *root)
{
	free(root);	/* a tree is one allocation that starts with its root (compact) */
}

void
fm_free(struct fm *f)
{
	ynode_free(f->root);
	memset(f, 0, sizeof *f);
}

/* Bytes of n's nodes and arrays (*fixed) and of its strings (*text), for compact. */
static void
tree_size(const struct ynode *n, size_t *fixed, size_t *text)
{
	*fixed += sizeof *n;
	if (n->str != NULL)
		*text += strlen(n->str) + 1;
	if (n->type == YNODE_SEQ && n->items != NULL) {
		*fixed += n->n * sizeof *n->items;
		for (size_t i = 0; i < n->n; i++)
			tree_size(n->items[i], fixed, text);
	}
	if (n->type == YNODE_MAP && n->ents != NULL) {
		*fixed += n->n * sizeof *n->ents;
		for (size_t i = 0; i < n->n; i++) {
			tree_size(n->ents[i].key, fixed, text);
			tree_size(n->ents[i].val, fixed, text);
		}
	}
}

/* Copies n into the block: nodes and arrays at *fp, strings at *tp. */
static struct ynode *
tree_copy(const struct ynode *n, char **fp, char **tp)
{
	struct ynode *c = (struct ynode *)*fp;

	*fp += sizeof *c;
	*c = *n;
	if (n->str != NULL) {
		size_t l = strlen(n->str) + 1;

		c->str = memcpy(*tp, n->str, l);
		*tp += l;
	}
	if (n->type == YNODE_SEQ && n->items != NULL) {
		c->items = (struct ynode **)*fp;
		*fp += n->n * sizeof *c->items;
		for (size_t i = 0; i < n->n; i++)
			c->items[i] = tree_copy(n->items[i], fp, tp);
	}
	if (n->type == YNODE_MAP && n->ents != NULL) {
		c->ents = (struct yent *)*fp;
		*fp += n->n * sizeof *c->ents;
		for (size_t i = 0; i < n->n; i++) {
			c->ents[i].key = tree_copy(n->ents[i].key, fp, tp);
			c->ents[i].val = tree_copy(n->ents[i].val, fp, tp);
		}
	}
	return c;
}

/*
 * The tree is built in a scratch arena, then copied into one allocation
 * that starts with the root: one malloc per file instead of one per node and
 * string, no slack, and no small frees. (At 100,000 records the per-node
 * frees fragmented the heap so badly that reading took twice as long, and
 * the trees took half again the memory: issue 7.)
 */
static struct ynode *
compact(const struct ynode *root)
{
	size_t fixed = 0, text = 0;
	char *block, *fp, *tp;

	tree_size(root, &fixed, &text);
	/* every piece of the fixed part is a multiple of a pointer's alignment */
	block = xmalloc(fixed + text);
	fp = block;
	tp = block + fixed;
	return tree_copy(root, &fp, &tp);
}

struct yent *
ymap_ent(const struct ynode *map, const char *key)
{
	if (map == NULL || map->type != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++) {
		const char *k = map->ents[i].key->str;

		/* known keys are the schema's literals (compact): often the same pointer */
		if (k == key || (k[0] == key[0] && strcmp(k, key) == 0))
			return &map->ents[i];
	}
	return NULL;
}

struct ypos
ymap_pos(const struct ynode *map, const char *key)
{
	const struct ynode *n = ymap_get(map, key);

	return n ? (struct ypos){ n->line, n->col } : (struct ypos){ 0, 0 };
}

struct ynode *
ymap_get(const struct ynode *map, const char *key)
{
	struct yent *e = ymap_ent(map, key);

	return e ? e->val : NULL;
}

const char *
ymap_str(const struct ynode *map, const char *key)
{
	struct ynode *v = ymap_get(map, key);

	if (v == NULL || v->type != YNODE_SCALAR || v->null)
		return NULL;
	return v->str;
}

/* Parser state shared by the recursive builder. */
struct yp {
	yaml_parser_t	 parser;
	const char	*path;
	const char	*src;		/* whole file, for the caret line */
	int		 line0;		/* file line of the YAML's first line, minus 1 */
	struct diags	*d;
	int		 failed;
	struct arena	*scratch;	/* the tree while it is built (compact) */
};

static struct ynode *
node_new(struct yp *p, enum ynode_type t, const yaml_mark_t *m, int line0)
{
	struct ynode *n = arena_alloc(p->scratch, sizeof *n);

	memset(n, 0, sizeof *n);
	n->type = t;
	n->line = (int)m->line + 1 + line0;
	n->col = (int)m->column + 1;
	return n;
}

static void
yp_error(struct yp *p, int line, int col, const char *fmt, const char *arg)
{
	if (!p->failed)
		diag_add_src(p->d, DIAG_ERROR, "yaml", p->path, p->src, line, col, fmt, arg);
	p->failed = 1;
}

/* Reports libyaml's own parse error with a hint for the usual mistakes. */
static void
yp_syntax_error(struct yp *p)
{
	yaml_parser_t *y = &p->parser;
	const yaml_mark_t *m = &y->problem_mark;
	int line = (int)m->line + 1 + p->line0, col = (int)m->column + 1;
	const char *hint = "";
	const char *problem = y->problem ? y->problem : "unreadable YAML";

	if (strstr(problem, "tab"))
		hint = "; indent with spaces, not tabs";
	else if (strstr(problem, "alphabetic or numeric") || strstr(problem, "alias"))
		hint = "; a value starting with * or & must be quoted, e.g. author: \"**县委组织部\"";
	else if (strstr(problem, "mapping values"))
		hint = "; a value containing \": \" must be quoted";
	else
		hint = "; check the indentation and quote values that contain : # [ ] { }";
	if (!p->failed) {
		diag_add_src(p->d, DIAG_ERROR, "yaml", p->path, p->src, line, col,
		    "invalid front matter: %s%s", problem, hint);
	}
	p->failed = 1;
}

static int
next_event(struct yp *p, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&p->parser, ev)) {
		yp_syntax_error(p);
		return -1;
	}
	return 0;
}

static struct ynode *parse_node(struct yp *p, yaml_event_t *ev, int depth);

static struct ynode *
parse_seq(struct yp *p, yaml_event_t *start, int depth)
{
	struct ynode *n = node_new(p, YNODE_SEQ, &start->start_mark, p->line0);
	size_t cap = 0;
	yaml_event_t ev;

	for (;;) {
		if (next_event(p, &ev) < 0)
			goto fail;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return n;
		}
		struct ynode *item = parse_node(p, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (item == NULL)
			goto fail;
		if (n->n == cap) {
			struct ynode **grown;

			cap = cap ? cap * 2 : 4;
			grown = arena_alloc(p->scratch, cap * sizeof *grown);
			if (n->n)
				memcpy(grown, n->items, n->n * sizeof *grown);
			n->items = grown;
		}
		n->items[n->n++] = item;
	}
fail:
	return NULL;
}

static struct ynode *
parse_map(struct yp *p, yaml_event_t *start, int depth)
{
	struct ynode *n = node_new(p, YNODE_MAP, &start->start_mark, p->line0);
	size_t cap = 0;
	yaml_event_t ev;

	for (;;) {
		struct ynode *key, *val;

		if (next_event(p, &ev) < 0)
			goto fail;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return n;
		}
		key = parse_node(p, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (key == NULL)
			goto fail;
		if (key->type != YNODE_SCALAR) {
			yp_error(p, key->line, key->col, "a key must be plain text%s", "");
			goto fail;
		}
		if (ymap_get(n, key->str) != NULL) {
			yp_error(p, key->line, key->col,
			    "duplicate key '%s': each key may appear once; remove one of them", key->str);
			goto fail;
		}
		if (next_event(p, &ev) < 0) {
			goto fail;
		}
		val = parse_node(p, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (val == NULL) {
			goto fail;
		}
		if (n->n == cap) {
			struct yent *grown;

			cap = cap ? cap * 2 : 8;
			grown = arena_alloc(p->scratch, cap * sizeof *grown);
			if (n->n)
				memcpy(grown, n->ents, n->n * sizeof *grown);
			n->ents = grown;
		}
		n->ents[n->n].key = key;
		n->ents[n->n].val = val;
		n->n++;
	}
fail:
	return NULL;
}

static struct ynode *
parse_node(struct yp *p, yaml_event_t *ev, int depth)
{
	struct ynode *n;
	int line = (int)ev->start_mark.line + 1 + p->line0;
	int col = (int)ev->start_mark.column + 1;

	if (depth > FM_MAX_DEPTH) {
		yp_error(p, line, col, "front matter nested too deeply (more than 32 levels)%s", "");
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor != NULL)
			break;
		n = node_new(p, YNODE_SCALAR, &ev->start_mark, p->line0);
		n->str = arena_strndup(p->scratch, (const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n->null = n->plain && (n->str[0] == '\0' || strcmp(n->str, "~") == 0 ||
		    strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
		    strcmp(n->str, "NULL") == 0);
		if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length) != NULL) {
			yp_error(p, line, col, "a value contains a NUL character; remove it%s", "");
			return NULL;
		}
		return n;
	case YAML_SEQUENCE_START_EVENT:
		if (ev->data.sequence_start.anchor != NULL)
			break;
		return parse_seq(p, ev, depth);
	case YAML_MAPPING_START_EVENT:
		if (ev->data.mapping_start.anchor != NULL)
			break;
		return parse_map(p, ev, depth);
	case YAML_ALIAS_EVENT:
		break;
	default:
		yp_error(p, line, col, "unexpected YAML structure%s", "");
		return NULL;
	}
	yp_error(p, line, col,
	    "YAML anchors and aliases (& and *) are not allowed in front matter; write the value out, "
	    "or quote it if it starts with * (e.g. \"**县\")%s", "");
	return NULL;
}

/* Parses the YAML text yaml[0..len) whose first line is file line line0+1. */
static struct ynode *
parse_yaml(const char *path, const char *src, const char *yaml, size_t len,
    int line0, struct diags *d)
{
	struct yp p;
	yaml_event_t ev;
	struct ynode *root = NULL;

	memset(&p, 0, sizeof p);
	p.path = path;
	p.src = src;
	p.line0 = line0;
	p.d = d;
	p.scratch = arena_new();
	yaml_parser_initialize(&p.parser);
	yaml_parser_set_input_string(&p.parser, (const unsigned char *)yaml, len);
	/* stream start, document start (or stream end for an empty block) */
	while (next_event(&p, &ev) == 0) {
		yaml_event_type_t t = ev.type;

		if (t == YAML_STREAM_START_EVENT || t == YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		if (t == YAML_STREAM_END_EVENT || t == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		root = parse_node(&p, &ev, 0);
		yaml_event_delete(&ev);
		if (root == NULL)
			break;
		if (root->type == YNODE_SCALAR && root->null) {
			root = NULL;
			continue;
		}
		if (root->type != YNODE_MAP) {
			yp_error(&p, root->line, root->col,
			    "front matter must be a list of 'key: value' lines%s", "");
			root = NULL;
			break;
		}
	}
	yaml_parser_delete(&p.parser);
	if (p.failed)
		root = NULL;
	else {
		if (root == NULL) {
			yaml_mark_t m = { 0, 0, 0 };
			root = node_new(&p, YNODE_MAP, &m, line0);
		}
		root = compact(root);
	}
	arena_free(p.scratch);
	return root;
}

struct ynode *
fm_yaml(const char *path, const char *src, size_t len, struct diags *d)
{
	return parse_yaml(path, src, src, len, 0, d);
}

/* Is the line at s (up to a newline) exactly "---" (spaces after are fine)? */
static int
is_fence(const char *s, const char *end)
{
	if (end - s < 3 || strncmp(s, "---", 3) != 0)
		return 0;
	for (s += 3; s < end && *s != '\n'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

int
fm_parse(const char *path, const char *src, size_t len, int required,
    struct fm *out, struct diags *d)
{
	const char *s = src, *end = src + len, *y, *line;
	int lineno = 1;

	memset(out, 0, sizeof *out);
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	if (!is_fence(s, end)) {
		if (required) {
			diag_add(d, DIAG_ERROR, "front-matter", path, 1, 1,
			    "missing front matter: start the file with a line '---', then 'title: …' and "
			    "'date: YYYY-MM-DD', then another '---'");
			return -1;
		}
		out->root = NULL;
		out->body = s;
		out->body_len = (size_t)(end - s);
		out->body_line = 1;
		return 0;
	}
	s = memchr(s, '\n', (size_t)(end - s));
	if (s == NULL) {
		diag_add(d, DIAG_ERROR, "front-matter", path, 1, 1,
		    "front matter is not closed: add a line '---' after the last key");
		return -1;
	}
	y = ++s;
	lineno = 2;
	for (line = y; line < end; lineno++) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));

		if (is_fence(line, end) || (end - line >= 3 && strncmp(line, "...", 3) == 0 &&
		    (line + 3 == end || line[3] == '\n' || line[3] == '\r'))) {
			out->root = parse_yaml(path, src, y, (size_t)(line - y), 1, d);
			if (out->root == NULL)
				return -1;
			out->body = nl ? nl + 1 : end;
			out->body_len = (size_t)(end - out->body);
			out->body_line = lineno + 1;
			return 0;
		}
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	diag_add(d, DIAG_ERROR, "front-matter", path, 1, 1,
	    "front matter is not closed: add a line '---' after the last key");
	return -1;
}
