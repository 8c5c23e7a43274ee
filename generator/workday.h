/*
 * workday.h: how long a 公示 stood, in calendar days or in working days
 * (工作日) under the State Council holiday calendar with its 调休 days.
 */
#ifndef GONGKAI_WORKDAY_H
#define GONGKAI_WORKDAY_H

#include <stddef.h>

#include "date.h"

/*
 * Days are date_days() numbers. Fill with calendar_add_*, then call
 * calendar_sort before the first lookup.
 */
struct calendar {
	long	*holidays;	/* 法定节假日 (public holidays), sorted, owned */
	size_t	 nholidays;
	long	*workdays;	/* 调休 weekend days that are worked, sorted, owned */
	size_t	 nworkdays;
};

/* Sets c up empty; it owns nothing yet. */
void calendar_init(struct calendar *c);
/* Frees what c owns and leaves it empty; safe on an empty calendar. */
void calendar_free(struct calendar *c);
void calendar_add_holiday(struct calendar *c, struct date d);
void calendar_add_workday(struct calendar *c, struct date d);
/* Sorts both lists and drops repeats; lookups use bsearch. */
void calendar_sort(struct calendar *c);

/*
 * Returns the number of days from `from` to `to`, both included: calendar
 * days when cal is NULL, else working days. A working day is a date listed
 * in workdays, or a Monday-Friday not listed in holidays. Returns 0 when
 * to < from. Runs in O(log n + holidays in the span), not per day.
 */
long workday_span(struct date from, struct date to, const struct calendar *cal);

#endif
