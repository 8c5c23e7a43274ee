/*
 * matterpages.h: the pages of 四议两公开 (matterpages.c), from the matter
 * model (matter.h), which decides every state and status they show.
 *
 *   sites/<id>/matters/<slug>/index.html   one matter: its six steps, in words
 *   sites/<id>/matters/index.html          the site's matters (the county list filtered by site)
 *   matters/index.html                     every matter of the county
 *   matters/status/<status>/index.html     filtered by status, one page each, no JavaScript
 */
#ifndef GONGKAI_MATTERPAGES_H
#define GONGKAI_MATTERPAGES_H

struct arena;
struct gen;
struct record;
struct site;
struct val;

/* Writes every page above; called once by pages_write. */
void matter_pages(struct gen *g);
/*
 * The steps record r holds, for its page: rec.matters, a list of {title,
 * url, step, status, item} (item: the resolution's 事项 of a meeting).
 * Sets nothing when r holds none. Values live in a.
 */
void matter_record_vals(struct gen *g, struct arena *a, const struct record *r, struct val *rec);
/* The site's published matters as list rows ({title, url, status, subject, …}), in a. */
struct val *matter_site_val(struct gen *g, struct arena *a, const struct site *s);
/* The site's matters with a step missing or late, for the dashboard; in a. */
struct val *matter_dashboard_val(struct gen *g, struct arena *a, const struct site *s);
/* The site's published matters whose 决议 was held in year y, with their status; in a. */
struct val *matter_year_val(struct gen *g, struct arena *a, const struct site *s, int y);
#endif
