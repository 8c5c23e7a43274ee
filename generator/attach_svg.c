/*
 * attach_svg.c: what in an SVG (or another XML file a browser may render
 * as one) can run script, and the personal numbers in its text (attach.h).
 *
 * An SVG opened from the site runs its scripts with the site's address:
 * <script>, event attributes (onload=…), javascript: links, embedded
 * documents, and an XSLT stylesheet that can make a page with scripts.
 * The file is parsed with libxml2 as a browser would read it, entities
 * expanded, but never with an outside file or the network: an entity that
 * names an outside file is itself refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/entities.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "attach.h"
#include "privacy.h"
#include "util.h"

/* Elements that run script or embed a document that can. */
static const char *const active_elements[] = {
	"script", "handler", "listener", "iframe", "frame", "frameset", "embed", "object", "applet",
	NULL
};

struct walk {
	struct attach_scan	*s;
	const char *const	*allow;
	size_t			 nallow;
};

/* Entities declared in the document: *ext counts those naming an outside file. */
struct ents {
	int	 ext, all;
};

static void
count_entity(void *payload, void *data, const xmlChar *name)
{
	const xmlEntity *e = payload;
	struct ents *x = data;

	(void)name;
	x->all++;
	if (e->etype == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
	    e->etype == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY || e->etype == XML_EXTERNAL_PARAMETER_ENTITY)
		x->ext++;
}

static void
set_active(struct walk *w, char *what)
{
	if (w->s->active == NULL)
		w->s->active = what;
	else
		free(what);
}

/* Does s contain word (ASCII, lowercase), case ignored? */
static int
has_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return 1;
	return 0;
}

/* Does value hold a javascript: or vbscript: URL, blanks and controls ignored as browsers do? */
static int
script_url(const char *v)
{
	char *t = xmalloc(strlen(v) + 1), *p = t;
	int bad;

	for (; *v; v++)
		if ((unsigned char)*v > 0x20)
			*p++ = *v;
	*p = '\0';
	bad = has_word(t, "javascript:") || has_word(t, "vbscript:");
	free(t);
	return bad;
}

static void
scan_text(struct walk *w, const char *t, int line)
{
	struct pii_hit *hits = NULL;
	size_t n;

	if (t == NULL || !privacy_may_hold(t, strlen(t), PII_TEXT))
		return;
	n = privacy_scan(t, strlen(t), w->allow, w->nallow, &hits);
	if (n > 0)
		w->s->hits = xrealloc(w->s->hits, (w->s->nhits + n) * sizeof *w->s->hits);
	for (size_t i = 0; i < n; i++) {
		struct attach_hit *a = &w->s->hits[w->s->nhits++];
		int l = line;

		for (size_t k = 0; k < hits[i].off; k++)
			l += t[k] == '\n';
		a->where = l;
		a->kind = hits[i].kind;
		a->masked = xstrdup(hits[i].shown);
	}
	free(hits);
}

static void
walk(struct walk *w, xmlNode *n, int parent_line)
{
	for (; n != NULL; n = n->next) {
		int line = n->line > 0 ? (int)n->line : parent_line;

		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			/* libxml2 gives a text node the line where it ends */
			const char *t = (const char *)n->content;

			for (size_t k = 0; t != NULL && t[k]; k++)
				line -= t[k] == '\n';
			scan_text(w, t, line < parent_line ? parent_line : line);
			continue;
		}
		if (n->type == XML_PI_NODE && strcasecmp((const char *)n->name, "xml-stylesheet") == 0 &&
		    n->content != NULL && has_word((const char *)n->content, "xsl")) {
			set_active(w, xasprintf("an XSLT stylesheet (<?xml-stylesheet?>) at line %d", line));
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; active_elements[i] != NULL; i++)
			if (strcasecmp((const char *)n->name, active_elements[i]) == 0)
				set_active(w, xasprintf("a <%s> element at line %d", n->name, line));
		for (xmlAttr *a = n->properties; a != NULL; a = a->next) {
			xmlChar *v;

			if (strncasecmp((const char *)a->name, "on", 2) == 0)
				set_active(w, xasprintf("an event attribute %s= at line %d", a->name, line));
			if ((v = xmlNodeGetContent((xmlNode *)a)) != NULL) {
				if (script_url((const char *)v))
					set_active(w, xasprintf("a javascript: link (%s=) at line %d", a->name, line));
				xmlFree(v);
			}
		}
		walk(w, n->children, line);
	}
}

/* Parses data; NULL with s->error set when it is not well-formed. */
static xmlDoc *
parse(const char *data, size_t len, int options, struct attach_scan *s)
{
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	xmlDoc *doc;
	const xmlError *e;

	if (ctxt == NULL)
		oom();
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, "attachment.svg", NULL,
	    options | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	e = xmlCtxtGetLastError(ctxt);
	if (doc == NULL || (e != NULL && e->level >= XML_ERR_ERROR)) {
		size_t n;

		free(s->error);
		s->error = xasprintf("line %d: %s", e ? e->line : 0, e && e->message ? e->message : "unreadable");
		n = strlen(s->error);
		while (n > 0 && (s->error[n - 1] == '\n' || s->error[n - 1] == ' '))
			s->error[--n] = '\0';
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

struct attach_scan *
attach_svg_scan(const char *data, size_t len, const char *const *allow, size_t nallow)
{
	struct attach_scan *s = xcalloc(1, sizeof *s);
	struct walk w = { s, allow, nallow };
	struct ents ents = { 0, 0 };
	xmlDoc *doc = NULL;

	if (len > (size_t)0x7fffffff) {
		s->error = xstrdup("larger than 2 GB");
		goto out;
	}
	/* first without entities expanded: nothing outside the file is read */
	if ((doc = parse(data, len, 0, s)) == NULL) {
		/* a browser shows nothing of it, but its bytes are published: scan them */
		char *t = xstrndup(data, len);

		scan_text(&w, t, 1);
		free(t);
		goto out;
	}
	if (doc->intSubset != NULL) {
		if (doc->intSubset->entities != NULL)
			xmlHashScan(doc->intSubset->entities, count_entity, &ents);
		if (doc->intSubset->pentities != NULL)
			xmlHashScan(doc->intSubset->pentities, count_entity, &ents);
	}
	if (ents.ext > 0) {
		s->active = xstrdup("an ENTITY that names an outside file");
		goto out;
	}
	/* only entities of its own: read it again with them expanded, as a browser does */
	if (ents.all > 0) {
		xmlFreeDoc(doc);
		if ((doc = parse(data, len, XML_PARSE_NOENT, s)) == NULL)
			goto out;
	}
	walk(&w, doc->children, 1);
out:
	xmlFreeDoc(doc);
	return s;
}
