/*
 * searchtext.h: the text of a page as the search index gets it
 * (searchtext.c): what the page shows a reader.
 */
#ifndef GONGKAI_SEARCHTEXT_H
#define GONGKAI_SEARCHTEXT_H

struct sb;
struct model;
struct record;
struct site;
struct matter;

/* A record page above its body: head, 公示, meeting, finance, review … */
void searchtext_head(struct sb *b, const struct model *m, const struct record *r);
/*
 * Below its body: evidence, attachments, the QR address, the print link,
 * tags. The evidence's summaries must be made (model_render_bodies makes
 * them before the pages).
 */
void searchtext_tail(struct sb *b, const struct model *m, const struct record *r);
/* A site's profile page. */
void searchtext_site(struct sb *b, const struct site *s);
/* A 四议两公开 matter's page. */
void searchtext_matter(struct sb *b, const struct matter *mt);

#endif
