/*
 * stage.c: the clock of `build -v`: wall and CPU time and memory per stage
 * (build.h's stage_clock). Its own file, below build.c and pages.c, which
 * both time their stages (make lint: no loop between them).
 */
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "gongkai.h"

double
stage_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Resident memory now, in MiB, or -1 where /proc is missing. */
static double
rss_mib(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long size, res;
	int ok;

	if (f == NULL)
		return -1;
	ok = fscanf(f, "%lu %lu", &size, &res) == 2;
	fclose(f);
	return ok ? (double)res * (double)sysconf(_SC_PAGESIZE) / 1048576.0 : -1;
}

static double
cpu_now(struct rusage *ru)
{
	getrusage(RUSAGE_SELF, ru);
	return (double)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) +
	    (double)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1e6;
}

/*
 * -v: each stage's wall time, its CPU time (all threads: CPU over wall is
 * how many cores it kept busy), and memory after it (issue 7 keeps a
 * budget); what NULL only starts the clock.
 */
void
build_stage(const struct build_opts *o, const char *what, struct stage_clock *c)
{
	struct rusage ru;
	double t = stage_now(), cpu = cpu_now(&ru);

	if (o->verbose && what != NULL) {
		double rss = rss_mib(), peak;

		/* the kernel updates its high-water mark lazily: it may lag the current size */
		peak = (double)ru.ru_maxrss / 1024.0;
		fprintf(stderr, "gongkai: %-28s %7.1f ms   cpu %7.1f ms   memory %6.1f MiB, peak %6.1f MiB\n",
		    what, (t - c->wall) * 1000, (cpu - c->cpu) * 1000, rss, peak > rss ? peak : rss);
	}
	c->wall = t;
	c->cpu = cpu;
}

double
stage_cpu(void)
{
	struct rusage ru;

	return cpu_now(&ru);
}
