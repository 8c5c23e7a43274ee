/*
 * workday.c: counting the days a 公示 stood. Weekdays are counted by
 * arithmetic; only the listed holidays and 调休 days inside the span are
 * looked at, so a span of years costs no more than a span of a week.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "util.h"
#include "workday.h"

void
calendar_init(struct calendar *c)
{
	memset(c, 0, sizeof *c);
}

void
calendar_free(struct calendar *c)
{
	free(c->holidays);
	free(c->workdays);
	calendar_init(c);
}

/*
 * Appends x. The struct keeps no capacity, so it is implied: 8 slots at
 * first, doubled whenever n reaches a power of two from 8 on. Every n then
 * has room for one more, and calendar_sort (which only shrinks n and never
 * the array) keeps that true.
 */
static void
workday_push(long **v, size_t *n, long x)
{
	if (*n == 0 || (*n >= 8 && (*n & (*n - 1)) == 0))
		*v = xrealloc(*v, (*n ? *n * 2 : 8) * sizeof **v);
	(*v)[(*n)++] = x;
}

void
calendar_add_holiday(struct calendar *c, struct date d)
{
	workday_push(&c->holidays, &c->nholidays, date_days(d));
}

void
calendar_add_workday(struct calendar *c, struct date d)
{
	workday_push(&c->workdays, &c->nworkdays, date_days(d));
}

static int
workday_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

static void
workday_sort_uniq(long *v, size_t *n)
{
	size_t k = 0;

	if (*n == 0)
		return;
	xqsort(v, *n, sizeof *v, workday_cmp);
	for (size_t i = 1; i < *n; i++)
		if (v[i] != v[k])
			v[++k] = v[i];
	*n = k + 1;
}

void
calendar_sort(struct calendar *c)
{
	workday_sort_uniq(c->holidays, &c->nholidays);
	workday_sort_uniq(c->workdays, &c->nworkdays);
}

/* Index of the first element >= x in the sorted v[0..n). */
static size_t
workday_lower(const long *v, size_t n, long x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
workday_listed(const long *v, size_t n, long x)
{
	return n > 0 && bsearch(&x, v, n, sizeof *v, workday_cmp) != NULL;
}

/* 0 Monday .. 6 Sunday, as date_weekday, for a day number. */
static int
workday_wday(long day)
{
	return date_weekday(date_from_days(day));
}

long
workday_span(struct date from, struct date to, const struct calendar *cal)
{
	long a = date_days(from), b = date_days(to), n, count;
	int w;
	size_t i;

	if (b < a)
		return 0;
	n = b - a + 1;
	if (cal == NULL)
		return n;

	/* Monday-Friday in [a, b]: five per whole week, then the odd days. */
	count = n / 7 * 5;
	w = workday_wday(a);
	for (long r = n % 7; r > 0; r--, w = (w + 1) % 7)
		if (w < 5)
			count++;

	/* Weekday holidays are off, unless also listed as worked. */
	for (i = workday_lower(cal->holidays, cal->nholidays, a);
	    i < cal->nholidays && cal->holidays[i] <= b; i++)
		if (workday_wday(cal->holidays[i]) < 5 &&
		    !workday_listed(cal->workdays, cal->nworkdays, cal->holidays[i]))
			count--;
	/* Worked weekend days (调休) are on. */
	for (i = workday_lower(cal->workdays, cal->nworkdays, a);
	    i < cal->nworkdays && cal->workdays[i] <= b; i++)
		if (workday_wday(cal->workdays[i]) >= 5)
			count++;
	return count;
}
