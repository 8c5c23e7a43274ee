/*
 * searchfeed.h: the search index's feed (searchfeed.c), run by pages_write.
 */
#ifndef GONGKAI_SEARCHFEED_H
#define GONGKAI_SEARCHFEED_H

#include <pthread.h>

struct gen;
struct record;
struct feed;
struct search_index;
struct texts;

/*
 * The index is built on a thread of its own while the pages render (issue 6:
 * the index may add at most 20% to a build). It reads only what stays fixed
 * once Markdown is rendered (titles, URLs, front matter), takes each record's
 * text from its page (struct texts), and writes its files itself with
 * out_put_now. Serially (-j 1) it runs beside the pages instead: each text
 * handed over is indexed at once, by the thread that wrote the page.
 */
struct search_job {
	struct gen	*g;
	struct search_index *ix;	/* NULL only in tools/bench-search's runs without the index */
	struct feed	*feed;	/* the feed's state (searchfeed.c), until search_finish */
	pthread_t	 th;
	int		 started;
	int		 rc;
};

/* Starts the index (on a thread when there are several jobs); sets g->texts. */
void search_start(struct gen *g, struct search_job *j);
/* Hands over record r's page text (owned), or NULL when its page failed. */
void texts_put(struct texts *t, struct record *r, char *text);
/* Waits for the index, then writes the search page. */
void search_finish(struct gen *g, struct search_job *j);

#endif
