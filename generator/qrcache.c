/*
 * qrcache.c: QR codes kept between builds (see qrcache.h).
 *
 * The file, after a first line naming its format, this binary (self_stamp)
 * and the libqrencode version, holds one entry per code:
 *   "<side> <text bytes> <path bytes>\n" <text> <path> "\n"
 * lengths first, so that loading is a walk with no escaping to undo, and a
 * text may hold any byte. The seal (util.h) ends it.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qr.h"
#include "qrcache.h"
#include "util.h"

#define QRCACHE_HEAD "gongkai-qr 1 "

struct qent {
	char	*text;
	char	*path;
	int	 side;
	int	 used;		/* asked for in this build: saved */
};

struct qrcache {
	struct qent	*v;
	size_t		 n, cap;
	size_t		*slot;		/* index + 1, open addressing */
	size_t		 nslot;		/* a power of two, or 0 */
	size_t		 hits, misses;
	pthread_mutex_t	 mu;
};

/* The first line this binary and library write and trust. Caller frees. */
static char *
head_line(void)
{
	return xasprintf(QRCACHE_HEAD "%016" PRIx64 " qrencode-%s\n", self_stamp(), qr_lib_version());
}

static size_t
find(const struct qrcache *c, const char *text, size_t len)
{
	if (c->nslot == 0)
		return 0;
	for (size_t i = hash_bytes(0, text, len) & (c->nslot - 1); c->slot[i]; i = (i + 1) & (c->nslot - 1))
		if (strcmp(c->v[c->slot[i] - 1].text, text) == 0)
			return c->slot[i];
	return 0;
}

static void
place(struct qrcache *c, size_t k)
{
	const char *t = c->v[k].text;
	size_t i = hash_bytes(0, t, strlen(t)) & (c->nslot - 1);

	while (c->slot[i])
		i = (i + 1) & (c->nslot - 1);
	c->slot[i] = k + 1;
}

/* Adds an entry (consumes text and path); its index. */
static size_t
add(struct qrcache *c, char *text, char *path, int side)
{
	if (c->n == c->cap)
		c->v = xrealloc(c->v, (c->cap = c->cap ? c->cap * 2 : 256) * sizeof *c->v);
	c->v[c->n] = (struct qent){ text, path, side, 0 };
	c->n++;
	if (c->n * 2 > c->nslot) {
		free(c->slot);
		c->nslot = c->nslot ? c->nslot * 2 : 512;
		c->slot = xcalloc(c->nslot, sizeof *c->slot);
		for (size_t k = 0; k < c->n; k++)
			place(c, k);
	} else
		place(c, c->n - 1);
	return c->n - 1;
}

/* Reads the entries of text (after its first line, sealed off); -1 on anything malformed. */
static int
parse(struct qrcache *c, const char *p, const char *end)
{
	while (p < end) {
		int side, off = 0;
		size_t tl, pl;

		if (sscanf(p, "%d %zu %zu\n%n", &side, &tl, &pl, &off) != 3 || off == 0 || side <= 0 ||
		    tl > (size_t)(end - p) || pl > (size_t)(end - p) || (size_t)(end - p) - (size_t)off < tl + pl + 1 ||
		    p[off + tl + pl] != '\n' || memchr(p + off, '\0', tl + pl) != NULL)
			return -1;
		p += off;
		char *t = xstrndup(p, tl);

		if (find(c, t, tl) != 0) {
			free(t);
			return -1;	/* a text twice: not a file we wrote */
		}
		add(c, t, xstrndup(p + tl, pl), side);
		p += tl + pl + 1;
	}
	return 0;
}

static void
clear(struct qrcache *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].text);
		free(c->v[i].path);
	}
	free(c->v);
	free(c->slot);
	c->v = NULL;
	c->slot = NULL;
	c->n = c->cap = c->nslot = 0;
}

struct qrcache *
qrcache_load(const char *path)
{
	struct qrcache *c = xcalloc(1, sizeof *c);
	char *text = NULL, *head = head_line();
	size_t len, hl = strlen(head);

	pthread_mutex_init(&c->mu, NULL);
	if (path == NULL || file_read_raw(path, &text, &len) < 0 || cache_unseal(text, len) < 0)
		goto out;
	len = strlen(text);	/* the seal's length: unseal cut there */
	if (len < hl || memcmp(text, head, hl) != 0)
		goto out;
	if (parse(c, text + hl, text + len) < 0)
		clear(c);	/* ignored whole */
out:
	free(head);
	free(text);
	return c;
}

char *
qrcache_svg(struct qrcache *c, const char *text, const char *label, const char *id)
{
	size_t k, len = strlen(text);
	char *path = NULL, *svg;
	int side = 0;

	if (c == NULL)
		return qr_svg(text, label, id);
	pthread_mutex_lock(&c->mu);
	if ((k = find(c, text, len)) != 0) {
		c->v[k - 1].used = 1;
		path = xstrdup(c->v[k - 1].path);
		side = c->v[k - 1].side;
		c->hits++;
	}
	pthread_mutex_unlock(&c->mu);
	if (path == NULL) {
		/* drawn outside the lock: the other threads go on */
		if ((path = qr_path(text, &side)) == NULL)
			return NULL;
		pthread_mutex_lock(&c->mu);
		c->misses++;
		if ((k = find(c, text, len)) == 0)
			k = add(c, xstrdup(text), xstrdup(path), side) + 1;
		c->v[k - 1].used = 1;
		pthread_mutex_unlock(&c->mu);
	}
	svg = qr_svg_of(path, side, label, id);
	free(path);
	return svg;
}

void
qrcache_save(const struct qrcache *c, const char *path)
{
	char *head = head_line();
	struct sb b;

	sb_init(&b);
	sb_puts(&b, head);
	/* only the codes this build used: the file does not grow with every address ever built */
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].used) {
			const struct qent *e = &c->v[i];

			sb_printf(&b, "%d %zu %zu\n", e->side, strlen(e->text), strlen(e->path));
			sb_puts(&b, e->text);
			sb_puts(&b, e->path);
			sb_putc(&b, '\n');
		}
	cache_put(path, &b);
	sb_free(&b);
	free(head);
}

size_t
qrcache_hits(const struct qrcache *c)
{
	return c->hits;
}

size_t
qrcache_misses(const struct qrcache *c)
{
	return c->misses;
}

void
qrcache_free(struct qrcache *c)
{
	if (c == NULL)
		return;
	clear(c);
	pthread_mutex_destroy(&c->mu);
	free(c);
}
