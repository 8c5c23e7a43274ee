/*
 * output.c: atomic, incremental site output (see output.h for the contract).
 *
 * Beside the output folder `dir` (say `public`), in `.gongkai-cache/`:
 *   public.next/        the tree this build fills; after a swap, the previous site
 *   public.live         manifest of `public`: a line naming the egress net its
 *                       files went through, then one line per file,
 *                       "hash size inode pre path" (pre: see struct ent)
 *   public.next.list    manifest of public.next (absent while a build runs)
 *   public.inputs       the inputs key and findings of the build that made `public`
 *   public.lock         flock()ed while a build writes
 *   public.qr           QR codes kept between builds (qrcache.h)
 * A manifest is trusted only while its first line matches the folder it
 * describes (device, inode, mtime of the folder itself) and names this
 * version of gongkai, and while its seal holds (cache_seal, util.h); else it is
 * ignored whole and the build starts over, as on a first build (issue 21).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "gongkai.h"
#include "output.h"
#include "pool.h"
#include "privacy.h"
#include "readlog.h"
#include "util.h"

/* One file of a tree. */
struct ent {
	char		*rel;
	uint64_t	 hash, size, ino;
	/*
	 * The hash and size of the bytes before the egress net (has_pre): the
	 * net of those bytes, under the map's net stamp, is this file's bytes.
	 * Not for files put unmasked (attachments, copies).
	 */
	uint64_t	 pre, presize;
	int		 has_pre;
	/*
	 * A page put with a key (out_put_keyed): a hash of every input it was
	 * made from (pagekey.h), so that a build whose page has the same key
	 * keeps this file without making it (out_keep).
	 */
	uint64_t	 key;
	int		 has_key;
	int		 seen;		/* put by this build */
};

/* path -> ent, open addressing; slots hold index + 1. */
struct map {
	struct ent	*v;
	size_t		 n, cap;
	size_t		*slot;
	size_t		 nslot;		/* a power of two, or 0 */
	int		 valid;		/* loaded and matches its folder */
	uint64_t	 net;		/* pii_stamp of the egress net its files went through */
};

struct out {
	char			*dir;		/* the output folder */
	char			*next;		/* .gongkai-cache/<name>.next */
	char			*live_list, *next_list, *lock_path;
	int			 lfd, nfd;	/* the two trees, open as folders (lfd -1 when absent) */
	int			 lockfd;
	struct pii_allow	*allow;		/* privacy_allow from site.yaml (owned) */
	uint64_t		 net;		/* this build's egress net: pii_stamp(PII_EGRESS, allow) */
	struct diags		*d;
	struct map		 live;		/* read-only while the build runs */
	struct map		 work;		/* what .next holds; under mu */
	pthread_mutex_t		 mu;
	size_t			 count, written;	/* atomic */
	/*
	 * With more than one job, a writer thread does the file system work
	 * (inode creation is most of a clean build's system time) while the
	 * callers render: out_put queues and returns.
	 */
	int			 async;
	pthread_t		 writer;
	pthread_mutex_t		 qmu;
	pthread_cond_t		 qput, qtake;
	struct job		*head, *tail;
	size_t			 queued;	/* bytes waiting */
	int			 closing;	/* no more jobs: the writer drains and ends */
	int			 failed;	/* a queued write failed (its error is in d) */
	/*
	 * Write errors are told once, at the end (a full disk made one line
	 * per file, 24,000 of them): the first file and its errno, and how
	 * many failed. Under mu. After ENOSPC, EDQUOT or EROFS nothing more
	 * is tried (stop_writing).
	 */
	char			*werr_rel;
	int			 werr;
	size_t			 nwerr;
	int			 stop_writing;	/* atomic */
};

/*
 * A file put through the egress net: the hash and length of its bytes
 * before the net, and whether the net was skipped (reuse: the bytes are
 * those before the net, and the live file holds their net, see reusable()).
 */
struct pre {
	uint64_t	 h, len;
	int		 reuse;
	int		 same;		/* the net changed nothing: the bytes put are these (hash h) */
	uint64_t	 key;		/* out_put_keyed's key, when has_key */
	int		 has_key;
};

/* One queued file: rel and data are owned by the job. */
struct job {
	char		*rel;
	char		*data;
	size_t		 len;
	struct pre	 pre;
	int		 has_pre;
	struct job	*next;
};

#define QUEUE_MAX_BYTES (4u << 20)	/* callers wait while this much is queued */

/*
 * The first words of the cache files: the format, and the version that
 * wrote them. Another version's cache is ignored, not read (issue 21): its
 * hashes or its layout may mean something else.
 */
#define MANIFEST_HEAD "gongkai-manifest 4 " GONGKAI_VERSION " "
#define INPUTS_HEAD "gongkai-inputs 2 " GONGKAI_VERSION " "

static void *writer_main(void *arg);

/* ---- manifests ---- */

static size_t
map_find(const struct map *m, const char *rel, uint64_t *hp)
{
	uint64_t h = hash_bytes(0, rel, strlen(rel));
	size_t i;

	if (hp)
		*hp = h;
	if (m->nslot == 0)
		return 0;
	for (i = h & (m->nslot - 1); m->slot[i]; i = (i + 1) & (m->nslot - 1))
		if (strcmp(m->v[m->slot[i] - 1].rel, rel) == 0)
			return m->slot[i];
	return 0;
}

static void
map_rehash(struct map *m)
{
	free(m->slot);
	m->nslot = m->nslot ? m->nslot * 2 : 1024;
	m->slot = xcalloc(m->nslot, sizeof *m->slot);
	for (size_t k = 0; k < m->n; k++) {
		const char *rel = m->v[k].rel;
		size_t i = hash_bytes(0, rel, strlen(rel)) & (m->nslot - 1);

		while (m->slot[i])
			i = (i + 1) & (m->nslot - 1);
		m->slot[i] = k + 1;
	}
}

/* The entry for rel, added (zeroed, rel copied) when missing. */
static struct ent *
map_get(struct map *m, const char *rel)
{
	size_t k = map_find(m, rel, NULL);

	if (k)
		return &m->v[k - 1];
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 1024;
		m->v = xrealloc(m->v, m->cap * sizeof *m->v);
	}
	memset(&m->v[m->n], 0, sizeof m->v[m->n]);
	m->v[m->n].rel = xstrdup(rel);
	m->n++;
	if (m->n * 2 > m->nslot)
		map_rehash(m);
	else {
		size_t i = hash_bytes(0, rel, strlen(rel)) & (m->nslot - 1);
		while (m->slot[i])
			i = (i + 1) & (m->nslot - 1);
		m->slot[i] = m->n;
	}
	return &m->v[m->n - 1];
}

static void
map_free(struct map *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].rel);
	free(m->v);
	free(m->slot);
	memset(m, 0, sizeof *m);
}

/* "dev ino mtime.sec mtime.nsec" of a folder, or "" when it is missing. */
static void
dir_stamp(const char *dir, char *buf, size_t sz)
{
	struct stat st;

	if (lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		buf[0] = '\0';
	else
		snprintf(buf, sz, "%ju %ju %jd %ld", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino,
		    (intmax_t)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

/*
 * One manifest line, "hash size inode pre key path": pre is "-" or
 * "prehash:presize", key "-" or its 16 digits (struct ent). 0, or -1 when
 * it is not one.
 */
static int
ent_parse(struct map *m, const char *line)
{
	uint64_t h, s, i, ph = 0, ps = 0, k = 0;
	int off = 0, poff = 0, koff = 0;
	struct ent *e;

	if (sscanf(line, "%" SCNx64 " %" SCNu64 " %" SCNu64 " %n", &h, &s, &i, &off) != 3 || off == 0)
		return -1;
	if (line[off] == '-' && line[off + 1] == ' ')
		poff = 2;
	else if (sscanf(line + off, "%16" SCNx64 ":%" SCNu64 " %n", &ph, &ps, &poff) != 2 || poff == 0)
		return -1;
	if (line[off + poff] == '-' && line[off + poff + 1] == ' ')
		koff = 2;
	else if (sscanf(line + off + poff, "%16" SCNx64 " %n", &k, &koff) != 1 || koff == 0)
		return -1;
	if (line[off + poff + koff] == '\0')
		return -1;
	e = map_get(m, line + off + poff + koff);
	e->hash = h, e->size = s, e->ino = i;
	e->pre = ph, e->presize = ps, e->has_pre = line[off] != '-';
	e->key = k, e->has_key = line[off + poff] != '-';
	return 0;
}

/* Loads list into m when its stamp matches folder dir; m->valid says whether it did. */
static void
map_load(struct map *m, const char *list, const char *dir)
{
	char stamp[128], *text = NULL, *p, *nl, *want = NULL;
	size_t len;

	memset(m, 0, sizeof *m);
	dir_stamp(dir, stamp, sizeof stamp);
	if (stamp[0] == '\0' || file_read_raw(list, &text, &len) < 0 || cache_unseal(text, len) < 0)
		goto out;
	want = xasprintf(MANIFEST_HEAD "%s", stamp);
	if ((nl = strchr(text, '\n')) == NULL)
		goto out;
	*nl = '\0';
	if (strcmp(text, want) != 0 || sscanf(nl + 1, "net %16" SCNx64 "\n", &m->net) != 1 ||
	    (nl = strchr(nl + 1, '\n')) == NULL)
		goto out;
	for (p = nl + 1; *p; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
		if (ent_parse(m, p) < 0) {
			map_free(m);
			goto out;
		}
	}
	m->valid = 1;
out:
	free(want);
	free(text);
}

/* Writes m (entries with rel != NULL) as the manifest of folder dir, atomically. */
static void
map_save(const struct map *m, const char *list, const char *dir)
{
	char stamp[128];
	struct sb b;

	dir_stamp(dir, stamp, sizeof stamp);
	sb_init(&b);
	sb_printf(&b, MANIFEST_HEAD "%s\nnet %016" PRIx64 "\n", stamp, m->net);
	for (size_t i = 0; i < m->n; i++) {
		const struct ent *e = &m->v[i];

		if (e->rel == NULL)
			continue;
		sb_printf(&b, "%016" PRIx64 " %" PRIu64 " %" PRIu64 " ", e->hash, e->size, e->ino);
		if (e->has_pre)
			sb_printf(&b, "%016" PRIx64 ":%" PRIu64 " ", e->pre, e->presize);
		else
			sb_puts(&b, "- ");
		if (e->has_key)
			sb_printf(&b, "%016" PRIx64 " %s\n", e->key, e->rel);
		else
			sb_printf(&b, "- %s\n", e->rel);
	}
	if (stamp[0] == '\0')
		unlink(list);
	else
		cache_put(list, &b);
	sb_free(&b);
}

/* ---- where ---- */

int
out_is_mount(const struct stat *dir, const struct stat *parent)
{
	return dir->st_dev != parent->st_dev || dir->st_ino == parent->st_ino;
}

/*
 * Do path and parent lie on different mounts? A bind mount of a folder of
 * the same file system keeps st_dev; only the mount id tells it apart.
 */
static int
mount_ids_differ(const char *path, const char *parent)
{
#ifdef STATX_MNT_ID
	struct statx a, b;

	if (statx(AT_FDCWD, path, 0, STATX_MNT_ID, &a) == 0 && statx(AT_FDCWD, parent, 0, STATX_MNT_ID, &b) == 0 &&
	    (a.stx_mask & b.stx_mask & STATX_MNT_ID))
		return a.stx_mnt_id != b.stx_mnt_id;
#else
	(void)path;
	(void)parent;
#endif
	return 0;
}

/* The real path of a folder that does not exist yet: its nearest existing parent's, and the rest. */
static char *
resolve_new(const char *given)
{
	char *head = xstrdup(given), *real = NULL, *r;
	const char *tail = given;

	for (;;) {
		char *slash = strrchr(head, '/');

		if (slash == NULL) {
			real = realpath(".", NULL);
			break;
		}
		if (slash == head) {
			real = xstrdup("/");
			tail = given + 1;
			break;
		}
		*slash = '\0';
		if ((real = realpath(head, NULL)) != NULL) {
			tail = given + (slash - head) + 1;
			break;
		}
	}
	free(head);
	if (real == NULL)
		return xstrdup(given);	/* no working folder: out_begin will say what fails */
	r = strcmp(real, "/") == 0 ? xasprintf("/%s", tail) : path_join(real, tail);
	free(real);
	return r;
}

char *
out_resolve(const char *dir, struct diags *d)
{
	size_t l = strlen(dir);
	char *given, *real = NULL, *parent = NULL, target[PATH_MAX];
	struct stat st, pst;
	ssize_t n;

	while (l > 1 && dir[l - 1] == '/')
		l--;
	given = xstrndup(dir, l);
	if (lstat(given, &st) < 0)
		real = resolve_new(given);
	else if ((real = realpath(given, NULL)) == NULL) {
		if (S_ISLNK(st.st_mode) && (n = readlink(given, target, sizeof target - 1)) > 0) {
			target[n] = '\0';
			diag_add(d, DIAG_ERROR, "io", given, 0, 0,
			    "the output folder is a symbolic link to %s, which does not exist; create that folder "
			    "(mkdir -p '%s') or remove the link", target, target);
		} else
			diag_add(d, DIAG_ERROR, "io", given, 0, 0, "cannot follow the output folder's path: %s",
			    strerror(errno));
		goto out;
	}
	/* A mount point cannot be renamed: say so now, not after the whole build. */
	parent = xasprintf("%s/..", real);
	if (stat(real, &st) == 0 && S_ISDIR(st.st_mode) && stat(parent, &pst) == 0 &&
	    (out_is_mount(&st, &pst) || mount_ids_differ(real, parent))) {
		diag_add(d, DIAG_ERROR, "io", given, 0, 0,
		    "the output folder%s%s is a mount point (a file system of its own is mounted there), so a "
		    "new site cannot be swapped in for it; build into a folder inside it instead (-o %s/site) "
		    "and serve that, or mount the file system one folder higher",
		    strcmp(given, real) ? " " : "", strcmp(given, real) ? real : "", given);
		free(real);
		real = NULL;
	}
out:
	free(parent);
	free(given);
	return real;
}

/* ---- begin ---- */

/* The cache folder and the output's base name, from dir ("a/b/public" -> "a/b/.gongkai-cache", "public"). */
static char *
cache_dir(const char *dir, const char **name)
{
	const char *slash = strrchr(dir, '/');

	*name = slash ? slash + 1 : dir;
	return slash ? xasprintf("%.*s/.gongkai-cache", (int)(slash - dir), dir) : xstrdup(".gongkai-cache");
}

struct out *
out_begin(const char *dir, const char *const *allow, size_t nallow, const struct pool *pool,
    struct diags *d)
{
	struct out *o = xcalloc(1, sizeof *o);
	size_t l = strlen(dir);
	const char *name;
	char *cache;

	while (l > 1 && dir[l - 1] == '/')
		l--;
	o->dir = xstrndup(dir, l);
	cache = cache_dir(o->dir, &name);
	o->next = xasprintf("%s/%s.next", cache, name);
	o->live_list = xasprintf("%s/%s.live", cache, name);
	o->next_list = xasprintf("%s/%s.next.list", cache, name);
	o->lock_path = xasprintf("%s/%s.lock", cache, name);
	o->allow = pii_allow_new(allow, nallow);
	o->net = pii_stamp(PII_EGRESS, allow, nallow);
	o->d = d;
	o->lfd = o->nfd = o->lockfd = -1;
	pthread_mutex_init(&o->mu, NULL);
	pthread_mutex_init(&o->qmu, NULL);
	pthread_cond_init(&o->qput, NULL);
	pthread_cond_init(&o->qtake, NULL);
	if (mkdirs(cache) < 0 ||
	    (o->lockfd = open(o->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
		diag_add(d, DIAG_ERROR, "io", cache, 0, 0,
		    "cannot create the build cache: %s; the new site is made here, beside the output folder, "
		    "and swapped in, so the folder that holds %s must be writable", strerror(errno), o->dir);
		goto fail;
	}
	if (flock(o->lockfd, LOCK_EX | LOCK_NB) < 0) {
		diag_add(d, DIAG_ERROR, "io", o->dir, 0, 0,
		    "another gongkai build is writing this output folder; wait for it to finish");
		goto fail;
	}
	map_load(&o->live, o->live_list, o->dir);
	map_load(&o->work, o->next_list, o->next);
	/* From here .next changes: until out_end its old manifest would lie. */
	unlink(o->next_list);
	if (!o->work.valid) {
		map_free(&o->work);
		rmtree(o->next);
	}
	if (o->work.net != o->net)	/* a file .next keeps is no known net of anything under this one */
		for (size_t i = 0; i < o->work.n; i++)
			o->work.v[i].has_pre = o->work.v[i].has_key = 0;
	o->work.net = o->net;
	if (mkdirs(o->next) < 0 || (o->nfd = open(o->next, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		diag_add(d, DIAG_ERROR, "io", o->next, 0, 0, "cannot create the output folder: %s",
		    strerror(errno));
		goto fail;
	}
	if (o->live.valid)
		o->lfd = open(o->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pool->jobs > 1 && pthread_create(&o->writer, NULL, writer_main, o) == 0)
		o->async = 1;
	free(cache);
	return o;
fail:
	free(cache);
	out_end(o, -1);
	return NULL;
}

static int
safe_rel(const char *rel)
{
	if (rel[0] == '/' || rel[0] == '\0')
		return 0;
	for (const char *s = rel; *s; s++)
		if (s[0] == '.' && s[1] == '.' && (s == rel || s[-1] == '/') && (s[2] == '/' || s[2] == '\0'))
			return 0;
	return 1;
}

/* ---- put ---- */

/*
 * Makes folder p (modified on the way, restored) and the folders above it
 * that are missing: deepest first, so a folder whose parent exists costs
 * one mkdirat, not one per level (59,000 calls at 10,000 records were
 * 44,000 EEXIST).
 */
static int
mkdirs_at(int fd, char *p)
{
	char *s;
	int rc;

	if (mkdirat(fd, p, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT || (s = strrchr(p, '/')) == NULL)
		return -1;
	*s = '\0';
	rc = mkdirs_at(fd, p);
	*s = '/';
	if (rc < 0)
		return -1;
	return mkdirat(fd, p, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

/* Makes the folders above rel. 0 or -1 with errno (ENOSPC on a full disk). */
static int
mkparents(int fd, const char *rel)
{
	char *p = xstrdup(rel), *s = strrchr(p, '/');
	int rc = 0, e = 0;

	if (s != NULL) {
		*s = '\0';
		if ((rc = mkdirs_at(fd, p)) < 0)
			e = errno;
	}
	free(p);
	errno = e;
	return rc;
}

/* Writes a new inode at rel in .next; *ino is its inode. 0 or -1 with errno. */
static int
write_new(struct out *o, const char *rel, const char *data, size_t len, uint64_t *ino)
{
	int fd = openat(o->nfd, rel, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644), e;
	size_t off = 0;
	struct stat st;

	if (fd < 0 && errno == ENOENT) {
		/* the folder's own error (ENOSPC) says more than the file's ENOENT */
		if (mkparents(o->nfd, rel) < 0)
			return -1;
		fd = openat(o->nfd, rel, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	}
	if (fd < 0 && errno == EEXIST) {	/* a stray file the manifest did not know */
		unlinkat(o->nfd, rel, 0);
		fd = openat(o->nfd, rel, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	}
	if (fd < 0)
		return -1;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		off += (size_t)n;
	}
	if (fstat(fd, &st) < 0)
		goto fail;
	*ino = st.st_ino;
	return close(fd);
fail:
	e = errno;
	close(fd);
	unlinkat(o->nfd, rel, 0);
	errno = e;
	return -1;
}

/* Makes rel in .next a second name of the live file. 0 or -1. */
static int
link_live(struct out *o, const char *rel)
{
	if (linkat(o->lfd, rel, o->nfd, rel, 0) == 0)
		return 0;
	if (errno == ENOENT) {
		mkparents(o->nfd, rel);
		if (linkat(o->lfd, rel, o->nfd, rel, 0) == 0)
			return 0;
	}
	if (errno == EEXIST) {
		unlinkat(o->nfd, rel, 0);
		if (linkat(o->lfd, rel, o->nfd, rel, 0) == 0)
			return 0;
	}
	return -1;
}

/*
 * Counts a file that could not be written (e 0: not tried, the disk being
 * full), and keeps the first error for write_report.
 */
static void
write_failed(struct out *o, const char *rel, int e)
{
	pthread_mutex_lock(&o->mu);
	o->nwerr++;
	if (o->werr_rel == NULL && e != 0) {
		o->werr_rel = xstrdup(rel);
		o->werr = e;
	}
	if (e == ENOSPC || e == EDQUOT || e == EROFS)
		__atomic_store_n(&o->stop_writing, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&o->mu);
}

/* One message for every file that could not be written. */
static void
write_report(struct out *o)
{
	const char *why;

	if (o->nwerr == 0)
		return;
	why = o->werr == ENOSPC ? "the disk is full" : o->werr == EDQUOT ? "the disk quota is used up" :
	    o->werr == EROFS ? "the disk is mounted read-only" : NULL;
	if (why != NULL)
		diag_add(o->d, DIAG_ERROR, "io", o->dir, 0, 0,
		    "%s (%s): %zu file%s of the new site could not be written, the first %s; the site was left "
		    "as it was. Make room on the disk that holds %s (or choose another output folder with -o) "
		    "and build again", why, strerror(o->werr), o->nwerr, o->nwerr == 1 ? "" : "s", o->werr_rel,
		    o->next);
	else
		diag_add(o->d, DIAG_ERROR, "io", o->dir, 0, 0,
		    "%zu file%s of the new site could not be written, the first %s/%s: %s; the site was left as it "
		    "was", o->nwerr, o->nwerr == 1 ? "" : "s", o->next, o->werr_rel ? o->werr_rel : "?",
		    strerror(o->werr));
}

/*
 * The egress net of data (len bytes): a malloc'd copy, masked where it must
 * be; *outlen its length; *same (may be NULL) whether nothing was masked.
 */
static char *
net(const struct out *o, const char *data, size_t len, size_t *outlen, int *same)
{
	char *masked = pii_mask_text(data, len, PII_EGRESS, o->allow, outlen, NULL);

	if (same != NULL)
		*same = masked == NULL;
	if (masked == NULL) {
		masked = xmalloc(len + 1);
		memcpy(masked, data, len);
		masked[len] = '\0';
		*outlen = len;
	}
	return masked;
}

/*
 * Records in .next's manifest what rel now holds: its hash, size and inode
 * (b, or NULL when they stay) and the bytes before the net it is the net of
 * (pre, or NULL: none known, as after a failed write).
 */
static void
work_set(struct out *o, const char *rel, const uint64_t *b, const struct pre *pre)
{
	struct ent *w;

	pthread_mutex_lock(&o->mu);
	w = map_get(&o->work, rel);
	if (b != NULL)
		w->hash = b[0], w->size = b[1], w->ino = b[2];
	w->has_pre = pre != NULL;
	w->pre = pre ? pre->h : 0;
	w->presize = pre ? pre->len : 0;
	w->has_key = pre != NULL && pre->has_key;
	w->key = w->has_key ? pre->key : 0;
	pthread_mutex_unlock(&o->mu);
}

/*
 * The heart of incremental output: decide, for one file, between nothing
 * (.next already has this inode or these bytes), a hard link to the live
 * file (same bytes as the site now online), and a new inode. pre: the file
 * went through the egress net (NULL for unmasked files); with pre->reuse,
 * data holds the bytes before the net, and the live file their net, which
 * is made here only when the live file cannot be linked.
 */
static int
put_bytes(struct out *o, const char *rel, const char *data, size_t len, const struct pre *pre)
{
	size_t k = o->live.valid ? map_find(&o->live, rel, NULL) : 0;
	const struct ent *lv = k ? &o->live.v[k - 1] : NULL;
	uint64_t h, ino = 0;
	struct ent *w, old;
	char *netted = NULL;
	int have, rc = 0;

	if (pre && pre->reuse)
		h = lv->hash, len = lv->size;	/* reusable() found lv */
	else if (pre && pre->same)
		h = pre->h;	/* hashed before the net, which changed nothing */
	else
		h = hash_bytes(0, data, len);
	pthread_mutex_lock(&o->mu);
	w = map_get(&o->work, rel);
	old = *w;
	have = w->seen || w->ino != 0;
	w->seen = 1;
	pthread_mutex_unlock(&o->mu);
	/* Each rel is put once per build (a second put of the same rel is handled, not raced). */
	if (lv && lv->hash == h && lv->size == len) {
		if (have && old.ino == lv->ino)
			goto done_same;
		if (have)
			unlinkat(o->nfd, rel, 0);
		if (link_live(o, rel) == 0) {
			ino = lv->ino;
			goto done;
		}
		have = 0;
	} else if (have && old.hash == h && old.size == len && (lv == NULL || old.ino != lv->ino))
		goto done_same;
	if (pre && pre->reuse) {	/* the live file could not be linked: its bytes are made again */
		data = netted = net(o, data, pre->len, &len, NULL);
		h = hash_bytes(0, data, len);
	}
	if (have)
		unlinkat(o->nfd, rel, 0);	/* never write through a name the live site shares */
	if (__atomic_load_n(&o->stop_writing, __ATOMIC_RELAXED) ||
	    (rc = write_new(o, rel, data, len, &ino)) < 0) {
		write_failed(o, rel, __atomic_load_n(&o->stop_writing, __ATOMIC_RELAXED) ? 0 : errno);
		h = 0, len = 0, ino = 0;
		rc = -1;
	} else
		__atomic_add_fetch(&o->written, 1, __ATOMIC_RELAXED);
done:
	work_set(o, rel, (uint64_t[3]){ h, len, ino }, rc == 0 ? pre : NULL);
	free(netted);
	return rc;
done_same:
	/* .next holds these bytes already: only what they are the net of is new */
	work_set(o, rel, NULL, pre);
	return rc;
}

static void *
writer_main(void *arg)
{
	struct out *o = arg;

	for (;;) {
		struct job *j, *next;
		size_t done = 0;

		/*
		 * Take the whole queue at once: one lock and one wake-up per batch,
		 * not per file (handing over 38,000 files one by one cost a tenth
		 * of a 10,000-record build's CPU in futex calls, issue 7).
		 */
		pthread_mutex_lock(&o->qmu);
		while (o->head == NULL && !o->closing)
			pthread_cond_wait(&o->qtake, &o->qmu);
		j = o->head;
		o->head = o->tail = NULL;
		pthread_mutex_unlock(&o->qmu);
		if (j == NULL)
			break;
		for (; j != NULL; j = next) {
			next = j->next;
			if (put_bytes(o, j->rel, j->data, j->len, j->has_pre ? &j->pre : NULL) < 0)
				__atomic_store_n(&o->failed, 1, __ATOMIC_RELAXED);
			done += j->len;
			free(j->rel);
			free(j->data);
			free(j);
			/* let waiting producers go on while the rest of the batch is written */
			if (done >= QUEUE_MAX_BYTES / 4 || next == NULL) {
				pthread_mutex_lock(&o->qmu);
				o->queued -= done;
				pthread_cond_broadcast(&o->qput);
				pthread_mutex_unlock(&o->qmu);
				done = 0;
			}
		}
	}
	return NULL;
}

/* Puts rel with data on the calling thread, and counts it. 0 or -1. */
static int
put_now(struct out *o, const char *rel, const char *data, size_t len, const struct pre *pre)
{
	int rc;

	__atomic_add_fetch(&o->count, 1, __ATOMIC_RELAXED);
	if ((rc = put_bytes(o, rel, data, len, pre)) < 0)
		__atomic_sub_fetch(&o->count, 1, __ATOMIC_RELAXED);
	return rc;
}

/* Puts rel with data (consumed: freed here or by the writer); pre as for put_bytes. 0 or -1. */
static int
put_owned(struct out *o, const char *rel, char *data, size_t len, const struct pre *pre)
{
	struct job *j;
	int rc;

	if (!o->async) {
		rc = put_now(o, rel, data, len, pre);
		free(data);
		return rc;
	}
	__atomic_add_fetch(&o->count, 1, __ATOMIC_RELAXED);
	j = xmalloc(sizeof *j);
	j->rel = xstrdup(rel);
	j->data = data;
	j->len = len;
	j->has_pre = pre != NULL;
	if (pre)
		j->pre = *pre;
	j->next = NULL;
	pthread_mutex_lock(&o->qmu);
	while (o->queued > QUEUE_MAX_BYTES)
		pthread_cond_wait(&o->qput, &o->qmu);
	o->queued += len;
	if (o->tail)
		o->tail->next = j;
	else {
		o->head = j;
		/* the writer sleeps only on an empty queue: wake it on the first job */
		pthread_cond_signal(&o->qtake);
	}
	o->tail = j;
	pthread_mutex_unlock(&o->qmu);
	return 0;
}

/*
 * rel's entry in the live manifest when the live folder can be linked from
 * and its files went through this build's net (reusable, out_keep); else NULL.
 */
static const struct ent *
live_netted(const struct out *o, const char *rel)
{
	size_t k;

	if (o->lfd < 0 || !o->live.valid || o->live.net != o->net || (k = map_find(&o->live, rel, NULL)) == 0)
		return NULL;
	return &o->live.v[k - 1];
}

/*
 * The live file of rel when it is the net of these bytes before the net
 * (hash pre, len bytes), so the net need not run again: the live manifest
 * says which bytes before the net made it, under which net (the binary,
 * its libraries, privacy_allow: pii_stamp), and both are this build's.
 * The net is a function of those alone. At worst (two texts of one
 * hash and length) a page keeps its last build's text, still netted:
 * never bytes that skipped the net.
 */
static int
reusable(const struct out *o, const char *rel, uint64_t pre, size_t len)
{
	const struct ent *e = live_netted(o, rel);

	return e != NULL && e->has_pre && e->pre == pre && e->presize == len;
}

/* out_put, out_put_now and out_put_keyed; now: write on the calling thread; key: see out_keep. */
static int
put_masked(struct out *o, const char *relpath, const char *data, size_t len, int now, const uint64_t *key)
{
	struct pre pre;
	char *netted;
	size_t nlen;
	int rc;

	if (!safe_rel(relpath)) {
		diag_add(o->d, DIAG_ERROR, "path", relpath, 0, 0, "refusing to write outside the output folder");
		return -1;
	}
	pre.h = hash_bytes(0, data, len);
	pre.len = len;
	pre.same = 0;
	pre.has_key = key != NULL;
	pre.key = key ? *key : 0;
	/*
	 * The second net (issue 15): the gate masked every text at ingestion,
	 * so this finds nothing unless a template or a derived value let a
	 * number through. Tags end a number here: cells and blocks are ours.
	 * Skipped for a file whose bytes before it are the live file's
	 * (issue 21: it was an eighth of a rebuild after a one-record edit).
	 */
	if ((pre.reuse = reusable(o, relpath, pre.h, len)) != 0) {
		if (now)
			return put_now(o, relpath, data, len, &pre);
		netted = xmalloc(len + 1);
		memcpy(netted, data, len);
		return put_owned(o, relpath, netted, len, &pre);
	}
	netted = net(o, data, len, &nlen, &pre.same);
	if (now) {
		rc = put_now(o, relpath, netted, nlen, &pre);
		free(netted);
		return rc;
	}
	return put_owned(o, relpath, netted, nlen, &pre);
}

int
out_put(struct out *o, const char *relpath, const char *data, size_t len)
{
	return put_masked(o, relpath, data, len, 0, NULL);
}

int
out_put_now(struct out *o, const char *relpath, const char *data, size_t len)
{
	return put_masked(o, relpath, data, len, 1, NULL);
}

int
out_put_keyed(struct out *o, const char *relpath, const char *data, size_t len, uint64_t key)
{
	return put_masked(o, relpath, data, len, 0, &key);
}

/*
 * The live file of rel when a build put it with this key, under this
 * build's net: a second name of it in .next, made here on the calling
 * thread (no bytes: the writer has nothing to do). 0 when kept; 1 when the
 * caller must make the file (no such live file, another key, or the link
 * failed); -1 for a name outside the site.
 */
int
out_keep(struct out *o, const char *relpath, uint64_t key)
{
	const struct ent *lv;
	struct ent *w;
	int have, same;

	if (!safe_rel(relpath))
		return -1;
	if ((lv = live_netted(o, relpath)) == NULL || !lv->has_key || lv->key != key)
		return 1;
	pthread_mutex_lock(&o->mu);
	w = map_get(&o->work, relpath);
	have = w->seen || w->ino != 0;
	same = have && w->ino == lv->ino;
	pthread_mutex_unlock(&o->mu);
	if (!same) {
		if (have)
			unlinkat(o->nfd, relpath, 0);	/* never write through a name the live site shares */
		if (link_live(o, relpath) < 0)
			return 1;
	}
	/* .next's manifest says what the live one says of this file: bytes, bytes before the net, key */
	pthread_mutex_lock(&o->mu);
	w = map_get(&o->work, relpath);
	w->hash = lv->hash, w->size = lv->size, w->ino = lv->ino;
	w->has_pre = lv->has_pre, w->pre = lv->pre, w->presize = lv->presize;
	w->has_key = 1, w->key = key;
	w->seen = 1;
	pthread_mutex_unlock(&o->mu);
	__atomic_add_fetch(&o->count, 1, __ATOMIC_RELAXED);
	return 0;
}

int
out_copy(struct out *o, const char *from, const char *relpath)
{
	char *data = NULL;
	size_t len;
	int rc;

	if (!safe_rel(relpath))
		return -1;
	if (file_read(from, &data, &len) < 0) {
		diag_add(o->d, DIAG_ERROR, "io", from, 0, 0, "cannot copy to %s: %s", relpath, strerror(errno));
		return -1;
	}
	rc = put_owned(o, relpath, data, len, NULL);
	return rc;
}

int
out_put_raw(struct out *o, const char *relpath, char *data, size_t len)
{
	if (!safe_rel(relpath)) {
		diag_add(o->d, DIAG_ERROR, "path", relpath, 0, 0, "refusing to write outside the output folder");
		free(data);
		return -1;
	}
	return put_owned(o, relpath, data, len, NULL);
}

char *
out_cache_file(const struct out *o, const char *ext)
{
	const char *name;
	char *cache = cache_dir(o->dir, &name), *p = xasprintf("%s/%s.%s", cache, name, ext);

	free(cache);
	return p;
}

size_t
out_count(const struct out *o)
{
	return __atomic_load_n(&o->count, __ATOMIC_RELAXED);
}

size_t
out_written(const struct out *o)
{
	return __atomic_load_n(&o->written, __ATOMIC_RELAXED);
}

/* ---- end ---- */

/* Unlinks what this build did not put, and the folders that leaves empty. */
static void
prune(struct out *o)
{
	for (size_t i = 0; i < o->work.n; i++) {
		struct ent *e = &o->work.v[i];
		char *p, *s;

		if (e->seen)
			continue;
		unlinkat(o->nfd, e->rel, 0);
		p = e->rel;
		while ((s = strrchr(p, '/')) != NULL) {
			*s = '\0';
			if (unlinkat(o->nfd, p, AT_REMOVEDIR) < 0)
				break;
		}
		free(e->rel);
		e->rel = NULL;
	}
}

/* Does .next hold exactly the live files (same inodes, nothing more, nothing less)? */
static int
same_as_live(const struct out *o)
{
	size_t n = 0;

	if (!o->live.valid)
		return 0;
	for (size_t i = 0; i < o->work.n; i++) {
		const struct ent *w = &o->work.v[i];
		size_t k;

		if (w->rel == NULL)
			continue;
		n++;
		if ((k = map_find(&o->live, w->rel, NULL)) == 0 || o->live.v[k - 1].ino != w->ino)
			return 0;
	}
	return n == o->live.n;
}

/*
 * After the swap, the previous site (now .next, open as lfd) keeps only the
 * files the new site shares (hard links, same inode). A file that changed or
 * went is unlinked: its old bytes may be what this build stopped publishing
 * (a 公示's names past their retention, a withdrawn record), and a cache must
 * not keep what the site no longer shows. The next build links or writes
 * those files anew either way.
 */
static void
mark_shared(struct out *o)
{
	/* before prune: it leaves holes (rel NULL) in work that map_find cannot pass */
	for (size_t i = 0; i < o->live.n; i++) {
		struct ent *e = &o->live.v[i];
		size_t k = map_find(&o->work, e->rel, NULL);

		e->seen = k != 0 && o->work.v[k - 1].seen && o->work.v[k - 1].ino == e->ino;
	}
}

static void
scrub_previous(struct out *o)
{
	for (size_t i = 0; i < o->live.n; i++) {
		struct ent *e = &o->live.v[i];
		char *p, *s;

		if (e->rel == NULL || e->seen)
			continue;
		unlinkat(o->lfd, e->rel, 0);
		p = e->rel;
		while ((s = strrchr(p, '/')) != NULL) {
			*s = '\0';
			if (unlinkat(o->lfd, p, AT_REMOVEDIR) < 0)
				break;
		}
		free(e->rel);
		e->rel = NULL;
	}
}

/* ok: 1 swap in, 0 keep the old site, -1 out_begin failed half way. */
int
out_end(struct out *o, int ok)
{
	int rc = 0, failed;
	struct stat st;

	if (o == NULL)
		return -1;
	if (o->async) {
		pthread_mutex_lock(&o->qmu);
		o->closing = 1;
		pthread_cond_signal(&o->qtake);
		pthread_mutex_unlock(&o->qmu);
		pthread_join(o->writer, NULL);
		o->async = 0;
	}
	write_report(o);
	if (o->failed && ok > 0)
		ok = 0;		/* the writer's error is in d */
	if (ok <= 0) {
		/* The output is untouched; .next holds what work lists, for the next build. */
		if (ok == 0 && o->nfd >= 0)
			map_save(&o->work, o->next_list, o->next);
		goto done;
	}
	if (o->live.valid)
		mark_shared(o);
	prune(o);
	if (same_as_live(o)) {
		/*
		 * Nothing changed: no swap, no new mtime anywhere. The live files are
		 * .next's (same inodes), and the live manifest takes what this build
		 * knows of them: its pages' keys and bytes before the net.
		 */
		map_save(&o->work, o->next_list, o->next);
		map_save(&o->work, o->live_list, o->dir);
		goto done;
	}
	if (lstat(o->dir, &st) < 0) {
		if (rename(o->next, o->dir) < 0)
			rc = -1;
		else
			map_save(&o->work, o->live_list, o->dir);
		goto done;
	}
	/* Swap both names in one step: readers never see a missing or half site. */
	if (renameat2(AT_FDCWD, o->next, AT_FDCWD, o->dir, RENAME_EXCHANGE) < 0) {
		rc = -1;
		goto done;
	}
	map_save(&o->work, o->live_list, o->dir);
	/* .next now holds the previous site: keep what the new one shares, known, for the next build. */
	if (o->live.valid) {
		scrub_previous(o);
		map_save(&o->live, o->next_list, o->next);
	} else
		rmtree(o->next);
done:
	if (rc < 0 && errno == EBUSY)
		diag_add(o->d, DIAG_ERROR, "io", o->dir, 0, 0, "cannot put the new site in place: %s; the "
		    "output folder is a mount point or in use as one: build into a folder inside it instead",
		    strerror(errno));
	else if (rc < 0)
		diag_add(o->d, DIAG_ERROR, "io", o->dir, 0, 0, "cannot put the new site in place: %s",
		    strerror(errno));
	if (o->lfd >= 0)
		close(o->lfd);
	if (o->nfd >= 0)
		close(o->nfd);
	if (o->lockfd >= 0)
		close(o->lockfd);	/* releases the lock */
	map_free(&o->live);
	map_free(&o->work);
	pthread_mutex_destroy(&o->mu);
	pthread_mutex_destroy(&o->qmu);
	pthread_cond_destroy(&o->qput);
	pthread_cond_destroy(&o->qtake);
	free(o->dir);
	free(o->next);
	free(o->live_list);
	free(o->next_list);
	free(o->lock_path);
	pii_allow_free(o->allow);
	free(o->werr_rel);
	failed = o->failed;
	free(o);
	return failed ? -1 : rc;
}

/* ---- the no-op rebuild ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The inputs' key hashes the names and bytes of every file under the
 * content and theme folders, in sorted order. The walk is serial (it fixes
 * the order); the files are hashed on the pool, since reading and hashing
 * 10,000 records was a twentieth of a build and all of a no-op one.
 */
struct tree_ent {
	char		*name;	/* the entry's name; NULL for a marker */
	char		*path;	/* a file to hash, or NULL */
	const char	*mark;	/* "/" entering a folder, "-" an unreadable one */
	uint64_t	 h;	/* the file's hash, set by hash_one */
	int		 read;	/* the file could be read */
};

struct tree {
	struct tree_ent	*v;
	size_t		 n, cap;
};

struct inputs {
	uint64_t	 h0;		/* version, binary, options */
	struct tree	 content, theme;
};

static struct tree_ent *
tree_push(struct tree *t)
{
	if (t->n == t->cap)
		t->v = xrealloc(t->v, (t->cap = t->cap ? t->cap * 2 : 256) * sizeof *t->v);
	memset(&t->v[t->n], 0, sizeof *t->v);
	return &t->v[t->n++];
}

/*
 * A symbolic link's target is an input of its own: the build follows a
 * link inside the content folder, and a link to a folder pointed elsewhere
 * (static/cur -> a, then -> b) changes no file's bytes, so without its
 * target in the key the next build said "up to date" and kept publishing
 * the old folder's files (issue 21).
 */
static void
link_target(struct tree *t, const char *path)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target + 2, sizeof target - 3);

	if (n < 0)
		return;
	target[0] = '-', target[1] = '>';
	target[n + 2] = '\0';
	tree_push(t)->name = xstrdup(target);
}

/* The folders tree_walk is inside, outermost first: a link back to one of them is not walked again. */
struct walk_chain {
	const struct walk_chain	*up;
	dev_t			 dev;
	ino_t			 ino;
};

/*
 * A symbolic link to a folder is walked like a folder: the build reads
 * through it (a theme's templates/partials -> a shared folder), so an edit
 * of a file in there is an input like any other. Listing only the link's
 * target left such an edit out of both keys: a rebuild said "up to date",
 * and once anything else changed the kept record pages (pagekey.h) stayed
 * as they were, while every other page took the edit.
 */
static int
walks_into(const char *path, const struct walk_chain *up)
{
	struct stat st;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return 0;
	for (; up != NULL; up = up->up)
		if (up->dev == st.st_dev && up->ino == st.st_ino)
			return 0;	/* a loop */
	return 1;
}

/* Lists dir's entries, recursively, sorted by name at each level; up: the folders around it. */
static void
tree_walk(struct tree *t, const char *dir, const struct walk_chain *up)
{
	DIR *dp = opendir(dir);
	struct walk_chain here = { up, 0, 0 };
	struct stat dst;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (dp == NULL) {
		tree_push(t)->mark = "-";
		return;
	}
	if (fstat(dirfd(dp), &dst) == 0)
		here.dev = dst.st_dev, here.ino = dst.st_ino;
	while ((de = readdir(dp)) != NULL) {
		size_t l = strlen(de->d_name);

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap)
			names = xrealloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
		/* the type rides after the name's NUL: no lstat when readdir knows it */
		names[n] = xmalloc(l + 2);
		memcpy(names[n], de->d_name, l + 1);
		names[n++][l + 1] = de->d_type == DT_DIR ? 'd' : de->d_type == DT_UNKNOWN ? '?' :
		    de->d_type == DT_LNK ? 'l' : 'f';
	}
	closedir(dp);
	if (n > 1)
		xqsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]);
		char type = names[i][strlen(names[i]) + 1];
		struct stat st;

		tree_push(t)->name = names[i];
		if (type == '?' && lstat(path, &st) == 0)
			type = S_ISDIR(st.st_mode) ? 'd' : S_ISLNK(st.st_mode) ? 'l' : 'f';
		if (type == 'l') {
			link_target(t, path);
			if (walks_into(path, &here)) {
				tree_push(t)->mark = "/";
				tree_walk(t, path, &here);
				free(path);
				continue;
			}
		}
		if (type == 'd') {
			tree_push(t)->mark = "/";
			tree_walk(t, path, &here);
			free(path);
		} else
			tree_push(t)->path = path;
	}
	free(names);
}

static void
hash_one(void *ctx, size_t i, int worker)
{
	struct tree_ent *e = &((struct tree *)ctx)->v[i];
	struct stat st;
	char *data;
	size_t len;

	(void)worker;
	/* a regular file only: a linked folder may hold a FIFO or a device, which would never end */
	if (e->path == NULL || stat(e->path, &st) < 0 || !S_ISREG(st.st_mode))
		return;
	/* raw: this pass is not the build reading its inputs (readlog.h) */
	if (file_read_raw(e->path, &data, &len) == 0) {
		e->h = hash_bytes(0, data, len);
		e->read = 1;
		free(data);
	}
}

static void
tree_scan(struct tree *t, const char *dir, const struct pool *pool)
{
	tree_walk(t, dir, NULL);
	pool_for(pool, t->n, hash_one, t);
}

static uint64_t
tree_hash(uint64_t h, const struct tree *t)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct tree_ent *e = &t->v[i];

		if (e->name != NULL)
			h = hash_bytes(h, e->name, strlen(e->name) + 1);
		else if (e->mark != NULL)
			h = hash_bytes(h, e->mark, 1);
		else if (e->read)
			h = hash_bytes(h, &e->h, sizeof e->h);
	}
	return h;
}

/* Takes each file's hash from what the build read; -1 when a file was read twice, differently. */
static int
tree_reread(struct tree *t)
{
	int rc = 0;

	for (size_t i = 0; i < t->n; i++) {
		struct tree_ent *e = &t->v[i];
		uint64_t h;
		int got;

		if (e->path == NULL || (got = readlog_get(e->path, &h)) == 0)
			continue;
		if (got < 0)
			rc = -1;
		e->h = h;
		e->read = 1;
	}
	return rc;
}

static void
tree_free(struct tree *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].path);
	}
	free(t->v);
}

struct inputs *
out_inputs_scan(const char *opts, const char *content_dir, const char *theme_dir, const struct pool *pool)
{
	struct inputs *in = xcalloc(1, sizeof *in);
	uint64_t h = self_stamp();

	in->h0 = hash_bytes(h, opts, strlen(opts));
	tree_scan(&in->content, content_dir, pool);
	tree_scan(&in->theme, theme_dir, pool);
	return in;
}

char *
out_inputs_key(const struct inputs *in)
{
	uint64_t h = in->h0;

	h = tree_hash(hash_bytes(h, "content", 7), &in->content);
	h = tree_hash(hash_bytes(h, "theme", 5), &in->theme);
	return xasprintf("%016" PRIx64, h);
}

int
out_inputs_reread(struct inputs *in)
{
	int a = tree_reread(&in->content), b = tree_reread(&in->theme);

	return a < 0 || b < 0 ? -1 : 0;
}

/* tree_hash over what the build read, with own() standing in for some files (out_inputs_site_key). */
static int
tree_site_hash(uint64_t *h, const struct tree *t, int (*own)(void *, const char *, uint64_t *), void *ctx)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct tree_ent *e = &t->v[i];
		uint64_t fh = e->h;
		int got;

		if (e->name != NULL)
			*h = hash_bytes(*h, e->name, strlen(e->name) + 1);
		else if (e->mark != NULL)
			*h = hash_bytes(*h, e->mark, 1);
		else if (e->path == NULL)
			continue;
		else if (own(ctx, e->path, &fh))
			*h = hash_bytes(*h, "own", 3), *h = hash_bytes(*h, &fh, sizeof fh);
		else if ((got = readlog_get(e->path, &fh)) < 0)
			return -1;	/* read twice, with other bytes: this build's inputs are not one set */
		else if (got > 0 || e->read)
			*h = hash_bytes(*h, &fh, sizeof fh);
	}
	return 0;
}

int
out_inputs_site_key(const struct inputs *in, int (*own)(void *ctx, const char *path, uint64_t *h), void *ctx,
    uint64_t *key)
{
	uint64_t h = hash_bytes(in->h0, "site key", 8);

	if (tree_site_hash(&h, &in->content, own, ctx) < 0 || tree_site_hash(&h, &in->theme, own, ctx) < 0)
		return -1;
	*key = h;
	return 0;
}

void
out_inputs_free(struct inputs *in)
{
	if (in == NULL)
		return;
	tree_free(&in->content);
	tree_free(&in->theme);
	free(in);
}

static char *
inputs_path(const char *dir)
{
	size_t l = strlen(dir);
	const char *name;
	char *d, *cache, *p;

	while (l > 1 && dir[l - 1] == '/')
		l--;
	d = xstrndup(dir, l);
	cache = cache_dir(d, &name);
	p = xasprintf("%s/%s.inputs", cache, name);
	free(cache);
	free(d);
	return p;
}

/* Findings are stored one per line, fields separated by tabs; \ t n escape. */
static void
put_field(struct sb *b, const char *s)
{
	sb_putc(b, '\t');
	if (s == NULL) {
		sb_putc(b, '\\');
		sb_putc(b, '0');
		return;
	}
	for (; *s; s++)
		if (*s == '\\' || *s == '\t' || *s == '\n') {
			sb_putc(b, '\\');
			sb_putc(b, *s == '\\' ? '\\' : *s == '\t' ? 't' : 'n');
		} else
			sb_putc(b, *s);
}

/* Undoes put_field on one field, in place; NULL for a missing value. */
static char *
unescape(char *s)
{
	char *r = s, *w = s;

	if (s == NULL || strcmp(s, "\\0") == 0)
		return NULL;
	for (; *r; r++)
		if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
		} else
			*w++ = *r;
	*w = '\0';
	return s;
}

void
out_remember(const char *dir, const char *key, const struct diags *d)
{
	char *path = inputs_path(dir), stamp[128];
	struct sb b;

	dir_stamp(dir, stamp, sizeof stamp);
	sb_init(&b);
	sb_printf(&b, INPUTS_HEAD "%s\n%s\n", key, stamp);
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		sb_printf(&b, "%d %d %d", (int)g->level, g->line, g->col);
		put_field(&b, g->path);
		put_field(&b, g->rule);
		put_field(&b, g->msg);
		put_field(&b, g->srcline);
		sb_putc(&b, '\n');
	}
	if (stamp[0] == '\0')
		unlink(path);
	else
		cache_put(path, &b);
	sb_free(&b);
	free(path);
}

int
out_cached(const char *dir, const char *key, struct diags *d)
{
	char *path = inputs_path(dir), *text = NULL, *p, *nl, stamp[128], *want;
	size_t len;
	int hit = 0;

	dir_stamp(dir, stamp, sizeof stamp);
	want = xasprintf(INPUTS_HEAD "%s\n%s\n", key, stamp);
	if (stamp[0] == '\0' || file_read_raw(path, &text, &len) < 0 || cache_unseal(text, len) < 0 ||
	    strncmp(text, want, strlen(want)) != 0)
		goto out;
	hit = 1;
	for (p = text + strlen(want); *p; p = nl + 1) {
		int lvl, line, col, off = 0;
		char *path_f, *rule, *msg, *src, *q;

		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
		if (sscanf(p, "%d %d %d%n", &lvl, &line, &col, &off) != 3)
			continue;
		q = p + off + (p[off] == '\t');
		path_f = unescape(strsep(&q, "\t"));
		rule = unescape(strsep(&q, "\t"));
		msg = unescape(strsep(&q, "\t"));
		src = unescape(strsep(&q, "\t"));
		diag_add(d, lvl == DIAG_ERROR ? DIAG_ERROR : DIAG_WARNING, rule, path_f, line, col, "%s",
		    msg ? msg : "");
		if (src != NULL)
			d->v[d->n - 1].srcline = xstrdup(src);
	}
out:
	free(want);
	free(text);
	free(path);
	return hit;
}
