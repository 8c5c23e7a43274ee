/* workday: how long a 公示 stood, in calendar days or working days. */
#include <time.h>

#include "date.h"
#include "harness.h"
#include "workday.h"

static struct date
D(int y, int m, int d)
{
	struct date x = { y, m, d };

	return x;
}

/* The obvious day-by-day count, to hold the arithmetic to. */
static long
slow_span(struct date from, struct date to, const struct calendar *c)
{
	long n = 0;

	for (long z = date_days(from); z <= date_days(to); z++) {
		int w = date_weekday(date_from_days(z)), hol = 0, work = 0;

		for (size_t i = 0; i < c->nholidays; i++)
			hol |= c->holidays[i] == z;
		for (size_t i = 0; i < c->nworkdays; i++)
			work |= c->workdays[i] == z;
		if (work || (w < 5 && !hol))
			n++;
	}
	return n;
}

/* 2024 National Day: 10-01..10-07 off, Sunday 09-29 and Saturday 10-12 worked. */
static void
national_day(struct calendar *c)
{
	calendar_init(c);
	for (int d = 1; d <= 7; d++)
		calendar_add_holiday(c, D(2024, 10, d));
	calendar_add_workday(c, D(2024, 10, 12));
	calendar_add_workday(c, D(2024, 9, 29));
	calendar_sort(c);
}

static void
test_calendar_days(void)
{
	CHECK_INT("calendar days 2024-06-01..07", workday_span(D(2024, 6, 1), D(2024, 6, 7), NULL), 7);
	CHECK_INT("calendar days: one day", workday_span(D(2024, 6, 1), D(2024, 6, 1), NULL), 1);
	CHECK_INT("calendar days: to before from", workday_span(D(2024, 6, 7), D(2024, 6, 1), NULL), 0);
	CHECK_INT("calendar days: across a leap day", workday_span(D(2024, 2, 27), D(2024, 3, 1), NULL), 4);
	CHECK_INT("calendar days: ten years", workday_span(D(2015, 1, 1), D(2024, 12, 31), NULL), 3653);
}

static void
test_workdays(void)
{
	struct calendar c;

	calendar_init(&c);
	CHECK_INT("no holidays: Sat..Fri is 5", workday_span(D(2024, 6, 1), D(2024, 6, 7), &c), 5);
	CHECK_INT("no holidays: a Sunday is 0", workday_span(D(2024, 6, 2), D(2024, 6, 2), &c), 0);
	calendar_free(&c);

	national_day(&c);
	CHECK_INT("National Day 09-27..10-14 is 9", workday_span(D(2024, 9, 27), D(2024, 10, 14), &c), 9);
	CHECK_INT("inside the holiday is 0", workday_span(D(2024, 10, 2), D(2024, 10, 6), &c), 0);
	CHECK_INT("the whole holiday is 0", workday_span(D(2024, 10, 1), D(2024, 10, 7), &c), 0);
	CHECK_INT("a worked Saturday is 1", workday_span(D(2024, 10, 12), D(2024, 10, 12), &c), 1);
	CHECK_INT("a worked Sunday is 1", workday_span(D(2024, 9, 29), D(2024, 9, 29), &c), 1);
	CHECK_INT("the Sunday after is 0", workday_span(D(2024, 10, 13), D(2024, 10, 13), &c), 0);
	CHECK_INT("to before from is 0", workday_span(D(2024, 10, 14), D(2024, 9, 27), &c), 0);
	CHECK_INT("span ending in the holiday", workday_span(D(2024, 9, 26), D(2024, 10, 3), &c), 4);
	calendar_free(&c);

	/* Repeats are dropped; a weekend holiday takes nothing off. */
	calendar_init(&c);
	calendar_add_holiday(&c, D(2024, 10, 1));
	calendar_add_holiday(&c, D(2024, 10, 1));
	calendar_add_holiday(&c, D(2024, 10, 5));	/* a Saturday */
	calendar_add_workday(&c, D(2024, 10, 12));
	calendar_add_workday(&c, D(2024, 10, 12));
	calendar_sort(&c);
	CHECK_INT("repeated holiday kept once", c.nholidays, 2);
	CHECK_INT("repeated workday kept once", c.nworkdays, 1);
	CHECK_INT("weekend holiday takes nothing off", workday_span(D(2024, 9, 30), D(2024, 10, 6), &c), 4);
	/* A weekday in both lists is worked: workdays win. */
	calendar_add_workday(&c, D(2024, 10, 1));
	calendar_sort(&c);
	CHECK_INT("weekday in both lists is worked", workday_span(D(2024, 10, 1), D(2024, 10, 1), &c), 1);
	calendar_free(&c);
	CHECK("calendar_free leaves it empty", c.holidays == NULL && c.nholidays == 0 && c.workdays == NULL);
	calendar_free(&c);
}

/* Ten years of random holidays: the arithmetic agrees with counting day by day. */
static void
test_against_slow(void)
{
	struct calendar c;
	unsigned long seed = 12345;
	long base = date_days(D(2015, 1, 1)), last = date_days(D(2024, 12, 31));
	int agree = 1;
	clock_t t0;
	long total = 0;

	calendar_init(&c);
	for (int i = 0; i < 1500; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		if (i % 3 == 0)
			calendar_add_workday(&c, date_from_days(base + (long)((seed >> 33) % 3653)));
		else
			calendar_add_holiday(&c, date_from_days(base + (long)((seed >> 33) % 3653)));
	}
	calendar_sort(&c);
	for (int i = 0; i < 200; i++) {
		long a, b;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		a = base + (long)((seed >> 33) % 3653);
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		b = a + (long)((seed >> 33) % 60);
		if (workday_span(date_from_days(a), date_from_days(b), &c) !=
		    slow_span(date_from_days(a), date_from_days(b), &c))
			agree = 0;
	}
	CHECK("200 random spans agree with a day-by-day count", agree);
	CHECK_INT("ten-year span agrees", workday_span(D(2015, 1, 1), D(2024, 12, 31), &c),
	    slow_span(D(2015, 1, 1), D(2024, 12, 31), &c));

	t0 = clock();
	for (int i = 0; i < 2000; i++)
		total += workday_span(date_from_days(base), date_from_days(last), &c);
	CHECK("2,000 ten-year spans in under 5 s", (double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
	CHECK("ten-year spans counted", total > 0);
	calendar_free(&c);
}

int
main(void)
{
	test_calendar_days();
	test_workdays();
	test_against_slow();
	return t_done();
}
