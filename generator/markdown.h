/*
 * markdown.h: Markdown bodies through cmark-gfm (tables, strikethrough,
 * autolinks), with our transforms: heading ids and a table of contents, no
 * space for a line break inside Chinese text, and relative links between
 * records rewritten to page URLs.
 */
#ifndef GONGKAI_MARKDOWN_H
#define GONGKAI_MARKDOWN_H

#include <stddef.h>

struct md_heading {
	int	 level;		/* 1..6 */
	char	*id;		/* stable, unique within the page */
	char	*text;		/* plain text */
};

/*
 * Called for every relative link or image URL. Returns a new URL (malloc'd;
 * the caller frees) or NULL to keep the URL as it is. line/col are positions
 * in the whole file. The callback reports its own errors.
 */
typedef char *(*md_resolve_fn)(void *ctx, const char *url, int is_image, int line, int col);

struct gate;

struct md_opts {
	int		 unsafe_html;	/* site.yaml unsafe_html: true */
	/*
	 * The privacy gate (gate.h): every visible text of the parsed body
	 * (text, code, alt text, link and image targets and titles) is masked
	 * before anything is made of it; numbers are reported under `path`.
	 * NULL: no gate (tests of the Markdown path alone).
	 */
	const struct gate *gate;
	const char	*path;
	int		 body_line;	/* file line of the body's first line */
	md_resolve_fn	 resolve;	/* may be NULL */
	void		*ctx;
	/*
	 * What to make, MD_HTML | MD_TEXT | MD_FIRST (0: all of it); the toc is
	 * always made. A build renders a record's body up to three times, each
	 * time for what is needed then, rather than keep it all (issue 7).
	 */
	int		 make;
};

enum { MD_HTML = 1, MD_TEXT = 2, MD_FIRST = 4 };

struct md_doc {
	char			*html;		/* the rendered body */
	struct md_heading	*toc;
	size_t			 ntoc;
	char			*text;		/* plain text of the whole body */
	char			*first_para;	/* plain text of the first paragraph, or NULL */
};

/*
 * mdgate.c, for md_render only: masks the visible text of the parsed body
 * doc (a cmark_node) through o->gate, reporting each number at its line and
 * column in body[0..len). Returns 1 when a footnote label held a number:
 * cmark-gfm cannot change one, so the caller masks the rendered HTML.
 */
struct cmark_node;
int md_gate(struct cmark_node *doc, const struct md_opts *o, const char *body, size_t len);
/*
 * mdgate.c: the source line of n, else of its nearest ancestor that has
 * one (cmark-gfm gives some inline nodes none); 1 when none has.
 */
int md_node_line(struct cmark_node *n);

/* Renders body[0..len). Always succeeds; free out with md_doc_free. */
void md_render(const char *body, size_t len, const struct md_opts *o, struct md_doc *out);
void md_doc_free(struct md_doc *d);
/* Makes an id from heading text: ASCII lower-cased, CJK kept, the rest '-'. Caller frees. */
char *md_slugify(const char *text);

#endif
