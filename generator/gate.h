/*
 * gate.h: the privacy gate (issue 15). Every text that can reach a reader
 * passes here once, as it is read: front-matter values (gate_yaml), the
 * visible text of Markdown bodies (markdown.c, through md_opts.pii), the
 * cells of 公示 tables (csvtable.c) and text attachments. What leaves the
 * gate is masked, and it is the only text the rest of the pipeline knows:
 * summaries, heading ids, tags and their URLs, search tokens, feeds and
 * file names are all made from it. output.c scans what it writes once more
 * with the same detector, as a second net.
 *
 * The gate also says what it did: each number is a warning (privacy: mask)
 * or an error (privacy: refuse) at its file, line and column, showing the
 * number only masked; an ID with a wrong check character or a card failing
 * Luhn gets a second warning, "probably mistyped".
 */
#ifndef GONGKAI_GATE_H
#define GONGKAI_GATE_H

#include <stddef.h>

#include "diag.h"
#include "frontmatter.h"
#include "privacy.h"

struct gate {
	const struct pii_allow	*allow;		/* privacy_allow; may be NULL */
	int			 refuse;	/* privacy: refuse */
	struct diags		*d;		/* where findings go; NULL: mask without a word */
};

/*
 * Masks every scalar value of the tree at root in place (keys are never
 * published; a masked value is never longer), reporting each number at its
 * position in file `path`, whose text src (NUL-terminated; may be NULL)
 * gives the exact line and column of a value folded over lines. Returns
 * the number of numbers found.
 */
size_t gate_yaml(const struct gate *g, struct ynode *root, const char *path, const char *src);

/*
 * Reports one number found at path:line:col (line 0: the whole file).
 * `where` says what held it: "the body", "'title'", "the 公示 table".
 */
void gate_report(const struct gate *g, const char *path, int line, int col,
    const struct pii_hit *h, const char *where);

/*
 * Masks the malloc'd NUL-terminated string *s in place (flags as for a
 * pii_seg), reporting each number at path:line, its column counted from
 * col. Returns the number of numbers found.
 */
size_t gate_string(const struct gate *g, char *s, unsigned flags, const char *path,
    int line, int col, const char *where);

/*
 * Masks the header and every cell of a 公示 table in place, reporting each
 * number at its row's line in display_path. Returns the number found.
 */
struct csvtable;
size_t gate_table(const struct gate *g, struct csvtable *t, const char *display_path);

#endif
