/*
 * template.c: parse templates with libxml2 (as XML, so a designer's mistake
 * gets a line and column), then render them by walking the tree and
 * serialising HTML5 ourselves. Every value printed goes through sb_html()
 * unless it is HTML the generator made (V_HTML).
 *
 * Directives (attributes):
 *   data-text="expr"      replace the content with the value, escaped
 *   data-html="expr"      replace the content with generated HTML
 *   data-if / data-unless="expr"   keep the element only if (not) truthy
 *   data-each="x in expr" repeat the element for every item of a list
 *   data-include="partials/x.html"  replace the element with a partial
 *   data-attr-NAME="expr" set attribute NAME (omitted when null or false)
 *   data-class="expr"     append a class
 *   data-omit             print the content without the element's tags
 *   data-remove           drop the element (sample content for designers)
 * expr is a dotted name (rec.site.name), optionally with a leading '!', or
 * '@path' for a URL from the site root (@assets/style.css).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "diag.h"
#include "template.h"
#include "util.h"
#include "value.h"
#include "i18n.h"

#define MAX_INCLUDE_DEPTH 16
#define MAX_TEMPLATES 256

struct tmpl {
	char		*name;		/* "record.html", "partials/header.html" */
	char		*path;		/* as shown in messages */
	xmlDocPtr	 doc;
	int		 has_doctype;
};

struct theme {
	struct tmpl	 t[MAX_TEMPLATES];
	size_t		 n;
	struct arena	*arena;		/* the struct ninfo of every element */
};

/*
 * A value expression ("rec.title", "!list.empty", "@assets/x.css") cut
 * into its names when the theme is loaded: eval used to find the dots and
 * copy each name out on every use, on every page.
 */
struct expr {
	const char	*src;		/* as written, after a '!': for messages */
	const char	**seg;		/* the dotted names, each cut at 127 bytes */
	size_t		 nseg;
	unsigned	 negate : 1, url : 1, is_loop : 1;
};

/* A data-attr-NAME of an element: NAME and its value. */
struct dynattr {
	const char		*name;
	const struct expr	*e;
};

/*
 * What rendering needs of an element, found once when the theme is loaded
 * and kept in its xmlNode's _private: looking directives up by name on every
 * element of every page was an eighth of a build's CPU (strcmp).
 */
struct ninfo {
	const char		*each, *if_, *unless, *text, *html, *cls;
	const char		*each_var;	/* data-each's "var in expr", split */
	const struct expr	*each_e, *if_e, *unless_e, *text_e, *html_e, *cls_e;
	const struct dynattr	*dyn;		/* the data-attr-* in document order */
	size_t			 ndyn;
	const struct tmpl	*include;	/* data-include, resolved */
	const char		*include_name;
	unsigned		 remove : 1, omit : 1, is_void : 1;
	/*
	 * The start tag as printed, when no attribute of it is computed
	 * (no data-attr-*, no data-class), and the end tag: most of a page's
	 * tags, escaped once at load instead of on every page.
	 */
	const char		*open, *close;
	size_t			 openlen, closelen;
};

/* A text node's _private: its text as printed (escaped, or as written in script and style). */
struct tinfo {
	const char	*s;
	size_t		 len;
};

/* xmlAttr._private: how start_tag treats an attribute (NULL: print as written). */
#define ATTR_DIRECTIVE	((void *)1)	/* data-if, data-text, ...: never printed */
#define ATTR_DYNAMIC	((void *)2)	/* data-attr-NAME: printed as NAME, evaluated */
#define ATTR_SHADOWED	((void *)3)	/* NAME beside a data-attr-NAME: the dynamic one wins */

/* One level of loop variables. */
struct scope {
	const char		*name;
	const struct val	*val;
	size_t			 index, count;	/* item index of count: "loop", made when asked for */
	const struct scope	*up;
};

struct render {
	struct theme		*theme;
	const struct tmpl	*tmpl;
	const struct val	*ctx;
	const char		*root;
	struct sb		*out;
	struct diags		*d;
	struct arena		*arena;	/* loop metadata */
	int			 failed;
	int			 depth;
};

static const char *const void_elements[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
	"source", "track", "wbr", NULL
};

static int
is_void(const char *name)
{
	for (int i = 0; void_elements[i]; i++)
		if (strcmp(name, void_elements[i]) == 0)
			return 1;
	return 0;
}

static struct tmpl *
find(const struct theme *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->t[i].name, name) == 0)
			return (struct tmpl *)&t->t[i];
	return NULL;
}

int
theme_has(const struct theme *t, const char *name)
{
	return find(t, name) != NULL;
}

void
theme_free(struct theme *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->t[i].name);
		free(t->t[i].path);
		xmlFreeDoc(t->t[i].doc);
	}
	arena_free(t->arena);
	free(t);
}

/* libxml2 reports errors through a callback; keep the first one. */
struct xerr {
	int	 set;
	int	 line, col;
	char	 msg[256];
};

static void
xml_error_cb(void *ctx, xmlErrorPtr e)
{
	struct xerr *x = ctx;
	size_t n;

	if (x->set || e == NULL || e->level < XML_ERR_ERROR)
		return;
	x->set = 1;
	x->line = e->line;
	x->col = e->int2;
	snprintf(x->msg, sizeof x->msg, "%s", e->message ? e->message : "malformed template");
	n = strlen(x->msg);
	while (n > 0 && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
		x->msg[--n] = '\0';
}

static int is_directive(const char *name);
static const char *attr(xmlNodePtr n, const char *name);
static void annotate(struct theme *th, xmlNodePtr n);
static void prerender(struct theme *th, xmlNodePtr n, struct ninfo *ni);
static int check_tree(struct theme *th, struct tmpl *tp, xmlNodePtr n, struct diags *d);

static int
load_one(struct theme *th, const char *dir, const char *name, struct diags *d)
{
	struct tmpl *tp;
	char *path = path_join(dir, name), *data = NULL;
	size_t len;
	struct xerr xe;
	xmlParserCtxtPtr ctxt;
	int rc = -1;

	if (th->n == MAX_TEMPLATES) {
		diag_add(d, DIAG_ERROR, "template", path, 0, 0, "too many templates (at most %d)", MAX_TEMPLATES);
		goto out;
	}
	if (file_read(path, &data, &len) < 0) {
		diag_add(d, DIAG_ERROR, "template", path, 0, 0, "cannot read template");
		goto out;
	}
	memset(&xe, 0, sizeof xe);
	ctxt = xmlNewParserCtxt();
	xmlSetStructuredErrorFunc(&xe, xml_error_cb);
	tp = &th->t[th->n];
	tp->doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeParserCtxt(ctxt);
	if (tp->doc == NULL || xe.set) {
		diag_add_src(d, DIAG_ERROR, "template", path, data, xe.line, xe.col > 0 ? xe.col : 1,
		    "template is not well-formed: %s (templates are XHTML: close every element, "
		    "quote attributes, write &#160; instead of &nbsp;)", xe.msg);
		xmlFreeDoc(tp->doc);
		tp->doc = NULL;
		goto out;
	}
	tp->name = xstrdup(name);
	tp->path = path;
	path = NULL;
	tp->has_doctype = tp->doc->intSubset != NULL;
	th->n++;
	rc = 0;
out:
	free(path);
	free(data);
	return rc;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads dir/sub*.html in name order. */
static int
load_dir(struct theme *th, const char *tdir, const char *sub, struct diags *d)
{
	char *dir = sub[0] ? path_join(tdir, sub) : xstrdup(tdir);
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if (dp == NULL) {
		free(dir);
		return sub[0] ? 0 : -1;
	}
	while ((de = readdir(dp)) != NULL) {
		size_t l = strlen(de->d_name);

		if (l > 5 && strcmp(de->d_name + l - 5, ".html") == 0 && de->d_name[0] != '.') {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = sub[0] ? xasprintf("%s/%s", sub, de->d_name) : xstrdup(de->d_name);
		}
	}
	closedir(dp);
	xqsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		if (load_one(th, tdir, names[i], d) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	free(dir);
	return rc;
}

struct theme *
theme_load(const char *theme_dir, struct diags *d)
{
	struct theme *th = xcalloc(1, sizeof *th);
	char *tdir = path_join(theme_dir, "templates");
	int rc;

	th->arena = arena_new();
	rc = load_dir(th, tdir, "", d);
	if (rc < 0 && th->n == 0) {
		diag_add(d, DIAG_ERROR, "template", tdir, 0, 0,
		    "no templates found: a theme needs a templates/ folder with .html files (see README, Themes)");
		goto fail;
	}
	if (load_dir(th, tdir, "partials", d) < 0)
		rc = -1;
	for (size_t i = 0; i < th->n; i++)
		if (check_tree(th, &th->t[i], xmlDocGetRootElement(th->t[i].doc), d) < 0)
			rc = -1;
	if (rc < 0)
		goto fail;
	free(tdir);
	return th;
fail:
	free(tdir);
	theme_free(th);
	return NULL;
}

/* ---- expressions ---- */

static int
valid_path(const char *s)
{
	if (*s == '@')
		return s[1] != '\0' && strstr(s, "..") == NULL;
	if (*s == '!')
		s++;
	if (!*s || *s == '.')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || (*s == '.' && s[1] && s[1] != '.')))
			return 0;
	return 1;
}

/* Splits "x in expr"; returns 0 and sets var/expr (pointers into a copy). */
static int
split_each(const char *s, char *buf, size_t n, const char **var, const char **expr)
{
	char *in;

	snprintf(buf, n, "%s", s);
	in = strstr(buf, " in ");
	if (in == NULL)
		return -1;
	*in = '\0';
	*var = buf;
	*expr = in + 4;
	while (**expr == ' ')
		(*expr)++;
	return valid_path(*var) && **var != '!' && **var != '@' && strchr(*var, '.') == NULL &&
	    valid_path(*expr) ? 0 : -1;
}

static int
is_directive(const char *name)
{
	static const char *const dirs[] = {
		"data-text", "data-html", "data-if", "data-unless", "data-each",
		"data-include", "data-class", "data-omit", "data-remove", NULL
	};

	if (strncmp(name, "data-attr-", 10) == 0)
		return 1;
	for (int i = 0; dirs[i]; i++)
		if (strcmp(name, dirs[i]) == 0)
			return 1;
	return 0;
}

static void
tmpl_error(struct diags *d, const struct tmpl *tp, xmlNodePtr n, const char *fmt, const char *a, const char *b)
{
	char msg[512];

	snprintf(msg, sizeof msg, _(fmt), a, b);
	diag_add(d, DIAG_ERROR, "template", tp->path, (int)xmlGetLineNo(n), 1, "%s", msg);
}

/* expr (NULL: none) cut into a struct expr in a, as eval reads it. */
static const struct expr *
compile_expr(struct arena *a, const char *expr)
{
	struct expr *e;
	size_t n = 1;

	if (expr == NULL)
		return NULL;
	e = arena_alloc(a, sizeof *e);
	memset(e, 0, sizeof *e);
	if (*expr == '@') {
		e->url = 1;
		e->src = expr + 1;
		return e;
	}
	if (*expr == '!') {
		e->negate = 1;
		expr++;
	}
	e->src = expr;
	for (const char *p = expr; *p; p++)
		n += *p == '.';
	e->seg = arena_alloc(a, n * sizeof *e->seg);
	for (const char *p = expr;; p++) {
		const char *dot = strchr(p, '.');
		size_t l = dot ? (size_t)(dot - p) : strlen(p);

		e->seg[e->nseg++] = arena_strndup(a, p, l < 128 ? l : 127);
		if (dot == NULL)
			break;
		p = dot;
	}
	e->is_loop = strcmp(e->seg[0], "loop") == 0;
	return e;
}

/* Fills n->_private (struct ninfo) and each attribute's _private; see ATTR_*. */
static void
annotate(struct theme *th, xmlNodePtr n)
{
	struct ninfo *ni = arena_alloc(th->arena, sizeof *ni);

	memset(ni, 0, sizeof *ni);
	ni->each = attr(n, "data-each");
	if (ni->each != NULL) {
		char buf[256];
		const char *var, *expr;

		/* split once here, not at every page (check_tree refuses a theme where it fails) */
		if (split_each(ni->each, buf, sizeof buf, &var, &expr) == 0) {
			ni->each_var = arena_strdup(th->arena, var);
			ni->each_e = compile_expr(th->arena, arena_strdup(th->arena, expr));
		}
	}
	ni->if_ = attr(n, "data-if");
	ni->unless = attr(n, "data-unless");
	ni->text = attr(n, "data-text");
	ni->html = attr(n, "data-html");
	ni->cls = attr(n, "data-class");
	ni->include_name = attr(n, "data-include");
	ni->include = ni->include_name ? find(th, ni->include_name) : NULL;
	ni->remove = attr(n, "data-remove") != NULL;
	ni->omit = attr(n, "data-omit") != NULL;
	ni->is_void = is_void((const char *)n->name);
	ni->if_e = compile_expr(th->arena, ni->if_);
	ni->unless_e = compile_expr(th->arena, ni->unless);
	ni->text_e = compile_expr(th->arena, ni->text);
	ni->html_e = compile_expr(th->arena, ni->html);
	ni->cls_e = compile_expr(th->arena, ni->cls);
	for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
		ni->ndyn += strncmp((const char *)a->name, "data-attr-", 10) == 0;
	if (ni->ndyn > 0) {
		struct dynattr *dv = arena_alloc(th->arena, ni->ndyn * sizeof *dv);
		size_t k = 0;

		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
			if (strncmp((const char *)a->name, "data-attr-", 10) == 0) {
				dv[k].name = (const char *)a->name + 10;
				dv[k++].e = compile_expr(th->arena,
				    a->children && a->children->content ? (const char *)a->children->content : "");
			}
		ni->dyn = dv;
	}
	for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
		const char *an = (const char *)a->name;
		char dyn[128];

		a->_private = NULL;
		if (strncmp(an, "data-attr-", 10) == 0)
			a->_private = ATTR_DYNAMIC;
		else if (is_directive(an))
			a->_private = ATTR_DIRECTIVE;
		else {
			snprintf(dyn, sizeof dyn, "data-attr-%s", an);
			if (attr(n, dyn) != NULL)
				a->_private = ATTR_SHADOWED;
		}
	}
	n->_private = ni;
	prerender(th, n, ni);
}

/* b's text, copied into the theme's arena; *len its length. */
static const char *
arena_sb(struct arena *a, const struct sb *b, size_t *len)
{
	*len = b->len;
	return arena_strndup(a, b->buf ? b->buf : "", b->len);
}

/*
 * The attributes printed as written (xmlAttr._private NULL), escaped; a
 * computed class (extra, or NULL) joins a written one. Returns 1 when it
 * did, so the caller knows whether extra still needs an attribute.
 */
static int
put_static_attrs(struct sb *b, xmlNodePtr n, const char *extra)
{
	int joined = 0;

	for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
		const char *an = (const char *)a->name;
		const char *av = a->children && a->children->content ? (const char *)a->children->content : "";

		if (a->_private != NULL)
			continue;	/* a directive, or the dynamic value wins */
		sb_putc(b, ' ');
		sb_puts(b, an);
		sb_puts(b, "=\"");
		sb_html(b, av, strlen(av));
		if (extra != NULL && !joined && strcmp(an, "class") == 0) {
			sb_putc(b, ' ');
			sb_html(b, extra, strlen(extra));
			joined = 1;
		}
		sb_putc(b, '"');
	}
	return joined;
}

/* Fills ni->open and ni->close, and the struct tinfo of n's text children. */
static void
prerender(struct theme *th, xmlNodePtr n, struct ninfo *ni)
{
	int raw = xmlStrEqual(n->name, BAD_CAST "script") || xmlStrEqual(n->name, BAD_CAST "style");
	int computed = ni->cls != NULL;
	struct sb b;

	for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
		computed |= a->_private == ATTR_DYNAMIC;
	sb_init(&b);
	if (!computed) {
		sb_putc(&b, '<');
		sb_puts(&b, (const char *)n->name);
		put_static_attrs(&b, n, NULL);
		sb_putc(&b, '>');
		ni->open = arena_sb(th->arena, &b, &ni->openlen);
	}
	b.len = 0;
	sb_puts(&b, "</");
	sb_puts(&b, (const char *)n->name);
	sb_putc(&b, '>');
	ni->close = arena_sb(th->arena, &b, &ni->closelen);
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		struct tinfo *ti;

		c->_private = NULL;
		if ((c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) || c->content == NULL)
			continue;
		b.len = 0;
		if (raw)	/* script and style bodies are the theme's own code: print as written */
			sb_puts(&b, (const char *)c->content);
		else
			sb_html(&b, (const char *)c->content, strlen((const char *)c->content));
		ti = arena_alloc(th->arena, sizeof *ti);
		ti->s = arena_sb(th->arena, &b, &ti->len);
		c->_private = ti;
	}
	sb_free(&b);
}

/* Validates directive syntax and includes once, at load time. */
static int
check_tree(struct theme *th, struct tmpl *tp, xmlNodePtr n, struct diags *d)
{
	int rc = 0;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
			const char *an = (const char *)a->name;
			xmlChar *v;
			char buf[256];
			const char *var, *expr;

			if (!is_directive(an))
				continue;
			v = xmlNodeGetContent((xmlNodePtr)a);
			const char *vs = v ? (const char *)v : "";
			if (strcmp(an, "data-omit") == 0 || strcmp(an, "data-remove") == 0) {
				/* no value needed */
			} else if (strcmp(an, "data-each") == 0) {
				if (split_each(vs, buf, sizeof buf, &var, &expr) < 0) {
					tmpl_error(d, tp, n, "data-each=\"%s\": write it as \"item in list.name\"%s", vs, "");
					rc = -1;
				}
			} else if (strcmp(an, "data-include") == 0) {
				if (strstr(vs, "..") || vs[0] == '/' || find(th, vs) == NULL) {
					tmpl_error(d, tp, n, "data-include=\"%s\": no such partial in templates/ (write e.g. partials/header.html)%s", vs, "");
					rc = -1;
				}
			} else if (!valid_path(vs)) {
				tmpl_error(d, tp, n, "%s=\"%s\" is not a value name; write a dotted name like rec.title", an, vs);
				rc = -1;
			}
			xmlFree(v);
		}
		annotate(th, n);
		if (check_tree(th, tp, n->children, d) < 0)
			rc = -1;
	}
	return rc;
}

static void
render_error(struct render *r, xmlNodePtr n, const char *fmt, const char *a)
{
	if (r->failed)
		return;
	r->failed = 1;
	tmpl_error(r->d, r->tmpl, n, fmt, a, "");
}

/*
 * The "loop" of scope s: index (from 1), first, last. Made only when a
 * template asks (one does, of a hundred loops): making it for every item
 * of every list was a percent of a build.
 */
static const struct val *
loop_val(struct render *r, const struct scope *s)
{
	struct val *loop = v_map(r->arena);

	v_setint(r->arena, loop, "index", (long long)s->index + 1);
	v_setbool(r->arena, loop, "first", s->index == 0);
	v_setbool(r->arena, loop, "last", s->index + 1 == s->count);
	return loop;
}

/* Resolves e's dotted names; sets *unknown when the first name is unknown. */
static const struct val *
lookup(struct render *r, const struct scope *s, const struct expr *e, int *unknown)
{
	const char *head = e->seg[0];
	const struct val *v = NULL;

	*unknown = 0;
	for (; s != NULL; s = s->up) {
		if (strcmp(s->name, head) == 0) {
			v = s->val;
			break;
		}
		if (e->is_loop) {
			v = loop_val(r, s);
			break;
		}
	}
	if (v == NULL)
		v = v_get(r->ctx, head);
	if (v == NULL) {
		*unknown = 1;
		return NULL;
	}
	for (size_t i = 1; i < e->nseg && v != NULL; i++) {
		if (v->t == V_LIST && strcmp(e->seg[i], "count") == 0) {
			v = v_int(r->arena, (long long)v->n);
			continue;
		}
		v = v_get(v, e->seg[i]);
	}
	return v;
}

static const struct val *
eval(struct render *r, xmlNodePtr n, const struct scope *s, const struct expr *e, int *negate)
{
	const struct val *v;
	int unknown;

	*negate = 0;
	if (e->url)
		return v_url(r->arena, e->src);
	*negate = e->negate;
	v = lookup(r, s, e, &unknown);
	if (unknown)
		render_error(r, n, "unknown name in \"%s\"; see the README for the values each template gets", e->src);
	return v;
}

/* ---- output ---- */

static void
print_value(struct render *r, const struct val *v)
{
	if (v == NULL)
		return;
	switch (v->t) {
	case V_STR:
		sb_html(r->out, v->s, strlen(v->s));
		break;
	case V_HTML:
		sb_puts(r->out, v->s);
		break;
	case V_URL:
		sb_html(r->out, r->root, strlen(r->root));
		sb_html(r->out, v->s, strlen(v->s));
		break;
	case V_INT:
		sb_printf(r->out, "%lld", v->i);	/* sb_vprintf writes it without libc's parser */
		break;
	default:
		break;
	}
}

static void
print_attr(struct render *r, const char *name, const struct val *v)
{
	int is_link = strcmp(name, "href") == 0 || strcmp(name, "src") == 0 ||
	    strcmp(name, "action") == 0;

	if (v == NULL || v->t == V_NULL || (v->t == V_BOOL && !v->i))
		return;
	sb_putc(r->out, ' ');
	sb_puts(r->out, name);
	if (v->t == V_BOOL)
		return;
	sb_puts(r->out, "=\"");
	/* text from content links only with harmless schemes (config.c reports the others) */
	if (v->t == V_STR && is_link && !url_linkable(v->s))
		sb_puts(r->out, "#");
	else if (v->t == V_HTML)
		sb_html(r->out, v->s, strlen(v->s));	/* never raw inside an attribute */
	else
		print_value(r, v);
	sb_putc(r->out, '"');
}

static const char *
attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->content ? (const char *)a->children->content : "";
	return NULL;
}

static void render_nodes(struct render *r, xmlNodePtr n, const struct scope *s);
static void render_element(struct render *r, xmlNodePtr n, const struct scope *s, int skip_each);

static void
render_include(struct render *r, xmlNodePtr n, const struct tmpl *tp, const char *name, const struct scope *s)
{
	const struct tmpl *saved = r->tmpl;

	if (tp == NULL) {
		render_error(r, n, "no partial \"%s\"", name);
		return;
	}
	if (++r->depth > MAX_INCLUDE_DEPTH) {
		render_error(r, n, "includes nested more than 16 deep at \"%s\" (an include loop?)", name);
		return;
	}
	r->tmpl = tp;
	render_element(r, xmlDocGetRootElement(tp->doc), s, 0);
	r->tmpl = saved;
	r->depth--;
}

static void
start_tag(struct render *r, xmlNodePtr n, const struct ninfo *ni, const struct scope *s)
{
	const struct val *extra = NULL;
	int neg;

	if (ni->open != NULL) {
		sb_add(r->out, ni->open, ni->openlen);
		return;
	}
	sb_putc(r->out, '<');
	sb_puts(r->out, (const char *)n->name);
	if (ni->cls_e != NULL)
		extra = eval(r, n, s, ni->cls_e, &neg);
	if (extra != NULL && (!v_truthy(extra) || extra->t != V_STR))
		extra = NULL;
	if (!put_static_attrs(r->out, n, extra ? extra->s : NULL) && extra != NULL)
		print_attr(r, "class", extra);
	for (size_t i = 0; i < ni->ndyn; i++) {
		const struct val *v = eval(r, n, s, ni->dyn[i].e, &neg);

		if (neg)
			v = v_bool(r->arena, !v_truthy(v));
		print_attr(r, ni->dyn[i].name, v);
	}
	sb_putc(r->out, '>');
}

static void
render_element(struct render *r, xmlNodePtr n, const struct scope *s, int skip_each)
{
	const struct ninfo *ni = n->_private;
	const struct val *v;
	int neg;

	if (r->failed || ni->remove)
		return;
	if (!skip_each && ni->each != NULL) {
		if (ni->each_e == NULL)
			return;
		v = eval(r, n, s, ni->each_e, &neg);
		if (v == NULL || v->t != V_LIST)
			return;
		for (size_t i = 0; i < v->n && !r->failed; i++) {
			struct scope inner = { ni->each_var, v->items[i], i, v->n, s };

			render_element(r, n, &inner, 1);
		}
		return;
	}
	if (ni->if_e != NULL) {
		v = eval(r, n, s, ni->if_e, &neg);
		if (v_truthy(v) == neg)
			return;
	}
	if (ni->unless_e != NULL) {
		v = eval(r, n, s, ni->unless_e, &neg);
		if (v_truthy(v) != neg)
			return;
	}
	if (ni->include_name != NULL) {
		render_include(r, n, ni->include, ni->include_name, s);
		return;
	}
	if (!ni->omit)
		start_tag(r, n, ni, s);
	if (ni->is_void)
		return;
	if (ni->text_e != NULL) {
		v = eval(r, n, s, ni->text_e, &neg);
		if (neg)
			v = v_str(r->arena, v_truthy(v) ? "" : "true");
		else if (v != NULL && v->t == V_HTML)
			v = v_str(r->arena, v->s);	/* data-text never prints markup */
		print_value(r, v);
	} else if (ni->html_e != NULL) {
		v = eval(r, n, s, ni->html_e, &neg);
		print_value(r, v);
	} else
		render_nodes(r, n->children, s);
	if (!ni->omit)
		sb_add(r->out, ni->close, ni->closelen);
}

static void
render_nodes(struct render *r, xmlNodePtr n, const struct scope *s)
{
	for (; n != NULL && !r->failed; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			render_element(r, n, s, 0);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			/* escaped (or, in script and style, kept) when the theme was loaded: prerender */
			if (n->_private != NULL) {
				const struct tinfo *ti = n->_private;

				sb_add(r->out, ti->s, ti->len);
			}
			break;
		default:
			break;	/* comments and processing instructions are dropped */
		}
	}
}

int
theme_render(struct theme *t, const char *name, const struct val *ctx,
    const char *root, struct sb *out, struct diags *d)
{
	struct tmpl *tp = find(t, name);
	struct render r;

	if (tp == NULL) {
		diag_add(d, DIAG_ERROR, "template", name, 0, 0,
		    "the theme has no templates/%s; copy it from themes/default/templates/", name);
		return -1;
	}
	memset(&r, 0, sizeof r);
	r.theme = t;
	r.tmpl = tp;
	r.ctx = ctx;
	r.root = root;
	r.out = out;
	r.d = d;
	r.arena = arena_new();
	if (tp->has_doctype)
		sb_puts(out, "<!DOCTYPE html>\n");
	render_element(&r, xmlDocGetRootElement(tp->doc), NULL, 0);
	sb_putc(out, '\n');
	arena_free(r.arena);
	return r.failed ? -1 : 0;
}
