/*
 * feed.h: the machine-readable outputs of a build (issue 6): Atom feeds
 * (feed.c), sitemap.xml and robots.txt (sitemap.c). All of them need absolute
 * URLs, so they are written only when site.yaml (or --base-url) gives
 * base_url; robots.txt is always written. pages_write() calls feeds_write()
 * and sitemap_write() (prototypes in gongkai.h); this header holds the parts
 * that the unit tests drive without a whole build.
 *
 * Everything here is a pure function of its input: no clock, no locale,
 * so the same content gives byte-identical files.
 */
#ifndef GONGKAI_FEED_H
#define GONGKAI_FEED_H

#include <stddef.h>

#include "date.h"

struct record;

/* Entries per feed: the newest this many public records. */
#define FEED_MAX_ENTRIES	50
/* sitemaps.org: at most 50,000 URLs in one sitemap file. */
#define SITEMAP_MAX_URLS	50000

/*
 * "2025-03-26T00:00:00+08:00": a record date as an Atom/W3C timestamp.
 * Records carry civil dates of China Standard Time; the time is midnight.
 * buf holds at least 32 bytes. Returns buf.
 */
char *feed_time(struct date d, char *buf);

/*
 * base_url followed by rel ("sites/x/work/a/"), with every byte of rel other
 * than letters, digits, "-._~/" percent-encoded: sitemaps want plain URLs.
 * Caller frees.
 */
char *feed_abs_url(const char *base_url, const char *rel);


/* What one Atom feed is about. Strings are borrowed for the call. */
struct feed_info {
	const char	*base_url;	/* "https://x/", never "" */
	const char	*path;		/* the feed inside the site: "feed.xml", "sites/x/feed.xml" */
	const char	*alternate;	/* the HTML page it mirrors: "", "sites/x/", "disclosures/" */
	const char	*title;
	const char	*subtitle;	/* or NULL */
	const char	*author;	/* feed-level author, e.g. the site title */
	const char	*language;	/* xml:lang, or NULL */
	struct date	 fallback;	/* <updated> when there are no entries (site.yaml's as_of) */
};

/*
 * Renders an Atom feed of recs (newest first; at most FEED_MAX_ENTRIES are
 * used; callers pass public records only). Entry ids are the absolute page
 * URLs, which are as stable as the URLs themselves. Returns a NUL-terminated
 * buffer and its length in *len; caller frees.
 */
char *feed_render(const struct feed_info *f, struct record *const *recs, size_t n, size_t *len);

/* One page of the sitemap. */
struct sitemap_url {
	char		*loc;		/* owned; relative to base_url, "" for home, "sites/x/" */
	struct date	 lastmod;	/* 0 0 0: no <lastmod> */
};

/*
 * Writes the sitemap of v[0..n) by calling put(ctx, relpath, data, len)
 * (data valid only during the call; 0 or -1): one sitemap.xml <urlset> when
 * n <= per_file, else sitemap-1.xml … sitemap-K.xml (per_file URLs each, in
 * order) and a sitemap.xml <sitemapindex> listing them with the newest
 * lastmod of each. per_file is SITEMAP_MAX_URLS in builds; tests pass less.
 * Returns the number of files written, or -1 when put failed.
 */
int sitemap_render(const char *base_url, const struct sitemap_url *v, size_t n, size_t per_file,
    int (*put)(void *ctx, const char *relpath, const char *data, size_t len), void *ctx);

/* How many files sitemap_render writes for n URLs: 1, or ceil(n / per_file) + 1. */
size_t sitemap_files(size_t n, size_t per_file);

#endif
