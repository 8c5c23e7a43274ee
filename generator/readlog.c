/*
 * readlog.c: the hashes of the files a build read (see readlog.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "readlog.h"
#include "util.h"

struct rent {
	char		*path;		/* readlog_path() spelling; NULL: a free slot */
	uint64_t	 hash;
	int		 changed;	/* read twice with different bytes */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int running;			/* read without mu by readlog_note's quick test */
static struct rent *slots;		/* open addressing */
static size_t nslot, nused;		/* nslot a power of two, or 0 */

/* Is path spelt as readlog_path spells it already (no empty, "." or ".." name, no '/' at the end)? */
static int
clean_already(const char *path)
{
	const char *s = path;

	if (*s == '\0')
		return 0;
	if (*s == '/' && *++s == '\0')
		return 1;	/* "/" */
	for (;;) {
		const char *e = strchr(s, '/');
		size_t l = e ? (size_t)(e - s) : strlen(s);

		if (l == 0 || (l == 1 && s[0] == '.') || (l == 2 && s[0] == '.' && s[1] == '.'))
			return 0;
		if (e == NULL)
			return 1;
		s = e + 1;
	}
}

char *
readlog_path(const char *path)
{
	size_t len = strlen(path), nseg = 0, keep = 0;
	const char **seg;
	size_t *seglen;
	int abs = path[0] == '/';
	struct sb b;

	/* most paths a build reads are clean: given back as they are */
	if (clean_already(path))
		return xstrdup(path);
	seg = xcalloc(len / 2 + 2, sizeof *seg);
	seglen = xcalloc(len / 2 + 2, sizeof *seglen);
	for (const char *p = path; *p; ) {
		const char *s = p;

		while (*p && *p != '/')
			p++;
		if (p > s) {
			seg[nseg] = s;
			seglen[nseg++] = (size_t)(p - s);
		}
		while (*p == '/')
			p++;
	}
	for (size_t i = 0; i < nseg; i++) {
		if (seglen[i] == 1 && seg[i][0] == '.')
			continue;
		if (seglen[i] == 2 && seg[i][0] == '.' && seg[i][1] == '.') {
			if (keep > 0 && !(seglen[keep - 1] == 2 && seg[keep - 1][0] == '.' && seg[keep - 1][1] == '.')) {
				keep--;		/* "a/.." is nothing */
				continue;
			}
			if (abs)
				continue;	/* "/.." is "/" */
		}
		seg[keep] = seg[i];
		seglen[keep++] = seglen[i];
	}
	sb_init(&b);
	if (abs)
		sb_putc(&b, '/');
	for (size_t i = 0; i < keep; i++) {
		if (i > 0)
			sb_putc(&b, '/');
		sb_add(&b, seg[i], seglen[i]);
	}
	if (b.len == 0)
		sb_putc(&b, '.');
	free(seg);
	free(seglen);
	return sb_take(&b);
}

/* The slot of path (the one it is in, or the free one it would go in). Under mu. */
static struct rent *
find(const char *path)
{
	size_t i = hash_bytes(0, path, strlen(path)) & (nslot - 1);

	while (slots[i].path != NULL && strcmp(slots[i].path, path) != 0)
		i = (i + 1) & (nslot - 1);
	return &slots[i];
}

static void
grow(void)
{
	struct rent *old = slots;
	size_t oldn = nslot;

	nslot = nslot ? nslot * 2 : 1024;
	slots = xcalloc(nslot, sizeof *slots);
	for (size_t i = 0; i < oldn; i++)
		if (old[i].path != NULL)
			*find(old[i].path) = old[i];
	free(old);
}

static void
forget(void)
{
	for (size_t i = 0; i < nslot; i++)
		free(slots[i].path);
	free(slots);
	slots = NULL;
	nslot = nused = 0;
}

void
readlog_start(void)
{
	pthread_mutex_lock(&mu);
	forget();
	__atomic_store_n(&running, 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&mu);
	file_read_observer(readlog_note);
}

void
readlog_stop(void)
{
	file_read_observer(NULL);
	pthread_mutex_lock(&mu);
	__atomic_store_n(&running, 0, __ATOMIC_RELEASE);
	forget();
	pthread_mutex_unlock(&mu);
}

void
readlog_note(const char *path, const char *data, size_t len)
{
	uint64_t h;
	char *key;
	struct rent *e;

	if (!__atomic_load_n(&running, __ATOMIC_ACQUIRE))
		return;
	h = hash_bytes(0, data, len);	/* outside the lock: it is most of the work */
	key = readlog_path(path);
	pthread_mutex_lock(&mu);
	if (running) {
		if ((nused + 1) * 2 > nslot)
			grow();
		e = find(key);
		if (e->path == NULL) {
			e->path = key;
			e->hash = h;
			key = NULL;
			nused++;
		} else if (e->hash != h)
			e->changed = 1;
	}
	pthread_mutex_unlock(&mu);
	free(key);
}

int
readlog_get(const char *path, uint64_t *hash)
{
	char *key = readlog_path(path);
	struct rent *e;
	int rc = 0;

	pthread_mutex_lock(&mu);
	if (nslot > 0 && (e = find(key))->path != NULL) {
		*hash = e->hash;
		rc = e->changed ? -1 : 1;
	}
	pthread_mutex_unlock(&mu);
	free(key);
	return rc;
}
