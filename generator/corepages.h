/*
 * corepages.h: the core pages (corepages.c), each written once by pages_write.
 */
#ifndef GONGKAI_COREPAGES_H
#define GONGKAI_COREPAGES_H

struct gen;
struct record;
struct site;

/* The values every page shares (site, nav): g->global. First. */
void make_global(struct gen *g);
/* A record's page; its text for the search index in *text when text is not NULL. */
void write_record(struct gen *g, struct record *r, char **text);
void write_home(struct gen *g);
void write_sites_index(struct gen *g);
void write_site(struct gen *g, struct site *s);
/* The list of each kind, county-wide and per site. */
void write_kind_lists(struct gen *g);
void write_tags(struct gen *g);
/* The free pages, pages/<slug>.md. */
void write_pages(struct gen *g);
void write_404(struct gen *g);
/* assets.c: the theme's assets and the attachments something published links. */
void copy_files(struct gen *g, const char *theme_dir);

#endif
