/*
 * date.c: civil-date arithmetic (days-from-civil) and periods.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : md[m - 1];
}

int
date_valid(struct date d)
{
	return d.y >= 1900 && d.y <= 2999 && d.m >= 1 && d.m <= 12 &&
	    d.d >= 1 && d.d <= month_days(d.y, d.m);
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
date_parse(const char *s, struct date *out)
{
	struct date d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &d.y) || digits(s + 5, 2, &d.m) || digits(s + 8, 2, &d.d) ||
	    !date_valid(d))
		return -1;
	*out = d;
	return 0;
}

/* Howard Hinnant's days_from_civil. */
long
date_days(struct date dt)
{
	long y = dt.y - (dt.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct date
date_from_days(long z)
{
	struct date d;
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.y = (int)(yoe + era * 400 + (d.m <= 2));
	return d;
}

int
date_weekday(struct date d)
{
	long z = date_days(d);	/* 1970-01-01 was a Thursday */

	return (int)(((z % 7) + 7 + 3) % 7);
}

int
date_cmp(struct date a, struct date b)
{
	long x = date_days(a), y = date_days(b);

	return x < y ? -1 : x > y;
}

char *
date_cn(struct date d, char *buf)
{
	snprintf(buf, 32, "%d年%d月%d日", d.y, d.m, d.d);
	return buf;
}

char *
date_iso(struct date d, char *buf)
{
	/* "%04u-%02u-%02u" of y % 10000, m % 100, d % 100, by hand: dates are on every list */
	unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, day = (unsigned)d.d % 100u;

	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + day / 10);
	buf[9] = (char)('0' + day % 10);
	buf[10] = '\0';
	return buf;
}

struct date
date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	struct date d;

	localtime_r(&t, &tm);
	d.y = tm.tm_year + 1900;
	d.m = tm.tm_mon + 1;
	d.d = tm.tm_mday;
	return d;
}

int
period_parse(const char *s, struct period *out)
{
	struct period p;
	size_t n = strlen(s);

	if (n < 4 || digits(s, 4, &p.year) || p.year < 1900 || p.year > 2999)
		return -1;
	if (n == 4) {
		p.unit = PERIOD_YEAR;
		p.n = 1;
	} else if (n == 7 && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4') {
		p.unit = PERIOD_QUARTER;
		p.n = s[6] - '0';
	} else if (n == 7 && s[4] == '-' && s[5] == 'H' && s[6] >= '1' && s[6] <= '2') {
		p.unit = PERIOD_HALF;
		p.n = s[6] - '0';
	} else if (n == 7 && s[4] == '-' && digits(s + 5, 2, &p.n) == 0 &&
	    p.n >= 1 && p.n <= 12) {
		p.unit = PERIOD_MONTH;
	} else
		return -1;
	*out = p;
	return 0;
}

static int
period_months(enum period_unit u)
{
	switch (u) {
	case PERIOD_MONTH: return 1;
	case PERIOD_QUARTER: return 3;
	case PERIOD_HALF: return 6;
	default: return 12;
	}
}

struct date
period_start(struct period p)
{
	struct date d = { p.year, (p.n - 1) * period_months(p.unit) + 1, 1 };

	return d;
}

struct date
period_end(struct period p)
{
	int m = p.n * period_months(p.unit);
	struct date d = { p.year, m, month_days(p.year, m) };

	return d;
}

struct period
period_next(struct period p)
{
	int count = 12 / period_months(p.unit);

	if (p.n < count)
		p.n++;
	else {
		p.year++;
		p.n = 1;
	}
	return p;
}

struct period
period_of(struct date d, enum period_unit unit)
{
	struct period p = { d.y, unit, (d.m - 1) / period_months(unit) + 1 };

	return p;
}

int
period_cmp(struct period a, struct period b)
{
	long x = date_days(period_start(a)), y = date_days(period_start(b));

	if (x != y)
		return x < y ? -1 : 1;
	return a.unit < b.unit ? -1 : a.unit > b.unit;
}

char *
period_cn(struct period p, char *buf)
{
	static const char *q[] = { "第一季度", "第二季度", "第三季度", "第四季度" };

	switch (p.unit) {
	case PERIOD_MONTH: snprintf(buf, 48, "%d年%d月", p.year, p.n); break;
	case PERIOD_QUARTER: snprintf(buf, 48, "%d年%s", p.year, q[p.n - 1]); break;
	case PERIOD_HALF: snprintf(buf, 48, "%d年%s", p.year, p.n == 1 ? "上半年" : "下半年"); break;
	default: snprintf(buf, 48, "%d年度", p.year); break;
	}
	return buf;
}

char *
period_str(struct period p, char *buf)
{
	switch (p.unit) {
	case PERIOD_MONTH: snprintf(buf, 16, "%04d-%02d", p.year, p.n); break;
	case PERIOD_QUARTER: snprintf(buf, 16, "%04d-Q%d", p.year, p.n); break;
	case PERIOD_HALF: snprintf(buf, 16, "%04d-H%d", p.year, p.n); break;
	default: snprintf(buf, 16, "%04d", p.year); break;
	}
	return buf;
}

int
period_unit_parse(const char *s)
{
	if (strcmp(s, "monthly") == 0 || strcmp(s, "每月") == 0)
		return PERIOD_MONTH;
	if (strcmp(s, "quarterly") == 0 || strcmp(s, "每季度") == 0)
		return PERIOD_QUARTER;
	if (strcmp(s, "half-yearly") == 0 || strcmp(s, "每半年") == 0)
		return PERIOD_HALF;
	if (strcmp(s, "yearly") == 0 || strcmp(s, "每年") == 0)
		return PERIOD_YEAR;
	return -1;
}
