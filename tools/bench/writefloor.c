/*
 * writefloor.c: the file-writing floor for `make bench` (issue 7).
 *
 *   writefloor SITE_DIR NEW_DIR [THREADS]
 *
 * Reads every file under SITE_DIR (a site gongkai built) into memory, then
 * writes them all again under NEW_DIR, which must not exist, on THREADS
 * threads (default: the number of cores), the way a build does: create,
 * write, close, making folders when a create fails. Only the writing is
 * timed. Prints
 *   writefloor: N files, B bytes, T threads, write S s
 * No build that writes this site can take less wall time on this machine
 * and file system: it is the kernel's share of a build, with nothing else
 * to do.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct file {
	char	*rel;	/* path under the site folder */
	char	*data;
	size_t	 len;
};

struct site {
	struct file	*v;
	size_t		 n, cap;
	size_t		 bytes;
	const char	*dst;
	size_t		 next;	/* the next file to write, under mu */
	pthread_mutex_t	 mu;
};

static void
die(const char *what, const char *path)
{
	fprintf(stderr, "writefloor: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static char *
join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = malloc(la + lb + 2);

	if (p == NULL)
		die("out of memory for", b);
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

static void
load_file(struct site *s, const char *path, const char *rel)
{
	struct stat st;
	struct file *f;
	size_t off = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) < 0)
		die("cannot read", path);
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		if ((s->v = realloc(s->v, s->cap * sizeof *s->v)) == NULL)
			die("out of memory for", path);
	}
	f = &s->v[s->n++];
	f->len = (size_t)st.st_size;
	f->rel = strdup(rel);
	if ((f->data = malloc(f->len + 1)) == NULL || f->rel == NULL)
		die("out of memory for", path);
	while (off < f->len) {
		ssize_t k = read(fd, f->data + off, f->len - off);

		if (k <= 0)
			die("cannot read", path);
		off += (size_t)k;
	}
	close(fd);
	s->bytes += f->len;
}

/* Loads dir (rel under the site; "" at the top) recursively. */
static void
load(struct site *s, const char *dir, const char *rel)
{
	DIR *dp = opendir(dir);
	struct dirent *de;

	if (dp == NULL)
		die("cannot open", dir);
	while ((de = readdir(dp)) != NULL) {
		char *path, *r;
		struct stat st;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		path = join(dir, de->d_name);
		r = *rel ? join(rel, de->d_name) : strdup(de->d_name);
		if (lstat(path, &st) < 0)
			die("cannot stat", path);
		if (S_ISDIR(st.st_mode))
			load(s, path, r);
		else if (S_ISREG(st.st_mode))
			load_file(s, path, r);
		free(path);
		free(r);
	}
	closedir(dp);
}

/* Makes the folders above path (path itself is a file). */
static void
make_parents(char *path)
{
	for (char *c = path + 1; *c; c++)
		if (*c == '/') {
			*c = '\0';
			if (mkdir(path, 0755) < 0 && errno != EEXIST)
				die("cannot make", path);
			*c = '/';
		}
}

static void
write_file(const char *dst, const struct file *f)
{
	char *path = join(dst, f->rel);
	size_t off = 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	if (fd < 0 && errno == ENOENT) {
		make_parents(path);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	}
	if (fd < 0)
		die("cannot create", path);
	while (off < f->len) {
		ssize_t k = write(fd, f->data + off, f->len - off);

		if (k < 0)
			die("cannot write", path);
		off += (size_t)k;
	}
	if (close(fd) < 0)
		die("cannot close", path);
	free(path);
}

static void *
writer(void *arg)
{
	struct site *s = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&s->mu);
		i = s->next++;
		pthread_mutex_unlock(&s->mu);
		if (i >= s->n)
			return NULL;
		write_file(s->dst, &s->v[i]);
	}
}

static double
cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct site s;
	pthread_t th[64];
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int nt = argc > 3 ? atoi(argv[3]) : (int)(cores > 0 ? cores : 1);
	double t0, c0;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: writefloor SITE_DIR NEW_DIR [THREADS]\n");
		return 2;
	}
	if (nt < 1 || nt > 64)
		nt = 1;
	memset(&s, 0, sizeof s);
	pthread_mutex_init(&s.mu, NULL);
	s.dst = argv[2];
	load(&s, argv[1], "");
	if (mkdir(s.dst, 0755) < 0)
		die("cannot make", s.dst);
	t0 = now();
	c0 = cpu();
	for (int i = 0; i < nt; i++)
		if (pthread_create(&th[i], NULL, writer, &s) != 0)
			die("cannot start a thread for", s.dst);
	for (int i = 0; i < nt; i++)
		pthread_join(th[i], NULL);
	t0 = now() - t0;
	printf("writefloor: %zu files, %zu bytes, %d threads, write %.3f s, cpu %.3f s\n", s.n, s.bytes, nt, t0,
	    cpu() - c0);
	for (size_t i = 0; i < s.n; i++) {
		free(s.v[i].rel);
		free(s.v[i].data);
	}
	free(s.v);
	pthread_mutex_destroy(&s.mu);
	return 0;
}
