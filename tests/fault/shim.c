/*
 * shim.c: an LD_PRELOAD library that injects faults into one gongkai run,
 * for tests/suite_fault.sh (which builds it; it is never part of gongkai).
 * Each fault is asked for by an environment variable:
 *
 *   GK_FAULT_KILL_CREATE=N     SIGKILL at the Nth file created (open or
 *                              openat with O_CREAT), before it is made
 *   GK_FAULT_KILL_SWAP=before|after
 *                              SIGKILL just before or just after the first
 *                              rename or renameat2 of a folder in the run:
 *                              the swap of the new site into place (a first
 *                              build renames, later ones exchange); the
 *                              build cache's files, renamed into place
 *                              before it, are not counted
 *   GK_FAULT_PAUSE_CREATE=N:MS sleep MS milliseconds at the Nth file created
 *                              (holding the build lock); GK_FAULT_PAUSE_MARK
 *                              names a file made when the sleep starts
 *   GK_FAULT_SWAP_FILE=SUFFIX, GK_FAULT_SWAP_WITH=PATH, GK_FAULT_SWAP_AT=N
 *                              before the Nth open of a path ending in
 *                              SUFFIX, copy PATH's bytes over that file: an
 *                              editor saving it while the build reads
 *   GK_FAULT_ENOSPC_AFTER=BYTES
 *                              write() to a descriptor above 2 fails with
 *                              ENOSPC once BYTES were written (a full disk,
 *                              where no small file system can be mounted)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static long creates, swap_opens, written, renames;

static long
env_long(const char *name)
{
	const char *v = getenv(name);

	return v ? atol(v) : 0;
}

static void *
real(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);

	if (f == NULL)
		abort();
	return f;
}

/* Copies file from over file to with the real open/read/write. */
static void
copy_over(const char *from, const char *to)
{
	int (*ropen)(const char *, int, ...) = real("open");
	ssize_t (*rwrite)(int, const void *, size_t) = real("write");
	char buf[65536];
	int in = ropen(from, O_RDONLY), out = ropen(to, O_WRONLY | O_TRUNC);
	ssize_t n;

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
		if (rwrite(out, buf, (size_t)n) != n)
			break;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
}

static void
before_open(const char *path, int flags)
{
	const char *suffix = getenv("GK_FAULT_SWAP_FILE");

	if (flags & O_CREAT) {
		long n = __atomic_add_fetch(&creates, 1, __ATOMIC_SEQ_CST), ms;
		const char *pause = getenv("GK_FAULT_PAUSE_CREATE"), *mark;

		if (n == env_long("GK_FAULT_KILL_CREATE"))
			kill(getpid(), SIGKILL);
		if (pause != NULL && atol(pause) == n && strchr(pause, ':') != NULL &&
		    (ms = atol(strchr(pause, ':') + 1)) > 0) {
			struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
			if ((mark = getenv("GK_FAULT_PAUSE_MARK")) != NULL)
				close(((int (*)(const char *, int, ...))real("open"))(mark, O_WRONLY | O_CREAT, 0644));
			nanosleep(&ts, NULL);
		}
	}
	if (suffix != NULL && path != NULL && strlen(path) >= strlen(suffix) &&
	    strcmp(path + strlen(path) - strlen(suffix), suffix) == 0 &&
	    __atomic_add_fetch(&swap_opens, 1, __ATOMIC_SEQ_CST) == env_long("GK_FAULT_SWAP_AT") &&
	    getenv("GK_FAULT_SWAP_WITH") != NULL)
		copy_over(getenv("GK_FAULT_SWAP_WITH"), path);
}

#define OPEN_MODE(flags, mode) do {			\
	if ((flags) & (O_CREAT | O_TMPFILE)) {		\
		va_list ap;				\
		va_start(ap, flags);			\
		mode = va_arg(ap, int);			\
		va_end(ap);				\
	}						\
} while (0)

int
open(const char *path, int flags, ...)
{
	int mode = 0;

	OPEN_MODE(flags, mode);
	before_open(path, flags);
	return ((int (*)(const char *, int, ...))real("open"))(path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	int mode = 0;

	OPEN_MODE(flags, mode);
	before_open(path, flags);
	return ((int (*)(const char *, int, ...))real("open64"))(path, flags, mode);
}

int
openat(int dirfd, const char *path, int flags, ...)
{
	int mode = 0;

	OPEN_MODE(flags, mode);
	before_open(path, flags);
	return ((int (*)(int, const char *, int, ...))real("openat"))(dirfd, path, flags, mode);
}

int
openat64(int dirfd, const char *path, int flags, ...)
{
	int mode = 0;

	OPEN_MODE(flags, mode);
	before_open(path, flags);
	return ((int (*)(int, const char *, int, ...))real("openat64"))(dirfd, path, flags, mode);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	long limit = env_long("GK_FAULT_ENOSPC_AFTER");

	if (limit > 0 && fd > 2 && __atomic_add_fetch(&written, (long)n, __ATOMIC_SEQ_CST) > limit) {
		errno = ENOSPC;
		return -1;
	}
	return ((ssize_t (*)(int, const void *, size_t))real("write"))(fd, buf, n);
}

/* Is this rename the first of a folder (the swap)? A cache file's is not. */
static int
first_swap(const char *oldpath)
{
	struct stat st;

	if (stat(oldpath, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	return __atomic_add_fetch(&renames, 1, __ATOMIC_SEQ_CST) == 1;
}

/* The GK_FAULT_KILL_SWAP moment "before" or "after" the swap, if asked for. */
static void
rename_point(const char *moment, int first)
{
	const char *when = getenv("GK_FAULT_KILL_SWAP");

	if (first && when != NULL && strcmp(when, moment) == 0)
		kill(getpid(), SIGKILL);
}

int
renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned flags)
{
	int first = first_swap(oldpath), rc;

	rename_point("before", first);
	rc = ((int (*)(int, const char *, int, const char *, unsigned))real("renameat2"))(olddirfd, oldpath,
	    newdirfd, newpath, flags);
	rename_point("after", first);
	return rc;
}

int
rename(const char *oldpath, const char *newpath)
{
	int first = first_swap(oldpath), rc;

	rename_point("before", first);
	rc = ((int (*)(const char *, const char *))real("rename"))(oldpath, newpath);
	rename_point("after", first);
	return rc;
}
