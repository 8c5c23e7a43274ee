/*
 * hint.c: the category and the period a title names (hint.h). Only the
 * forms clerks write in titles are read; anything else names nothing, and
 * the caller falls back to its default.
 */
#include <string.h>

#include "hint.h"
#include "schema.h"
#include "util.h"

const char *
hint_category(const char *title)
{
	/* 财务 first: "党员活动经费财务公开" is about money. */
	if (strstr(title, "财务") != NULL)
		return schema_categories[1];
	if (strstr(title, "党务") != NULL || strstr(title, "党员") != NULL)
		return schema_categories[2];
	return NULL;
}

static int
starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* A number of 1 or 2 digits, or 一 … 十二 in Chinese, at s; its bytes in *len. -1 if none. */
static int
small_number(const char *s, int *len)
{
	static const char *const cn[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	int v, k, d;

	if ((v = digit_at(s, &k)) >= 0) {
		*len = k;
		if ((d = digit_at(s + k, &k)) >= 0) {
			v = v * 10 + d;
			*len += k;
		}
		return v;
	}
	v = 0;
	*len = 0;
	if (starts(s, "十")) {
		v = 10;
		*len = 3;
	}
	for (int i = 0; i < 9; i++)
		if (starts(s + *len, cn[i])) {
			v += i + 1;
			*len += 3;
			break;
		}
	return *len > 0 ? v : -1;
}

/* A year 1900–2999 of four digits followed by 年 at s; its bytes in *len. -1 if none. */
static int
year_at(const char *s, int *len)
{
	int y = 0, k, d;

	*len = 0;
	for (int i = 0; i < 4; i++) {
		if ((d = digit_at(s + *len, &k)) < 0)
			return -1;
		y = y * 10 + d;
		*len += k;
	}
	if (digit_at(s + *len, &k) >= 0 || !starts(s + *len, "年") || y < 1900 || y > 2999)
		return -1;
	*len += 3;
	return y;
}

/* The period named right after "YYYY年" (s points past 年); 0 or -1. */
static int
period_after(const char *s, int year, struct period *p)
{
	int n, k, nth = starts(s, "第");

	p->year = year;
	if (nth)
		s += 3;
	if ((n = small_number(s, &k)) >= 1 && n <= 4 && starts(s + k, "季度")) {
		p->unit = PERIOD_QUARTER;
		p->n = n;
		return 0;
	}
	if (nth)
		return -1;
	if (starts(s, "上半年") || starts(s, "下半年")) {
		p->unit = PERIOD_HALF;
		p->n = starts(s, "上") ? 1 : 2;
		return 0;
	}
	if ((n = small_number(s, &k)) >= 1 && n <= 12 && starts(s + k, "月")) {
		p->unit = PERIOD_MONTH;
		p->n = n;
		return 0;
	}
	if (starts(s, "度") || starts(s, "全年")) {
		p->unit = PERIOD_YEAR;
		p->n = 1;
		return 0;
	}
	return -1;
}

int
hint_period(const char *title, struct period *p)
{
	for (const char *s = title; *s; s++) {
		int y, len;

		/* a year's first digit: not the tail of a longer number */
		if (s > title && s[-1] >= '0' && s[-1] <= '9')
			continue;
		if ((y = year_at(s, &len)) >= 0 && period_after(s + len, y, p) == 0)
			return 0;
	}
	return -1;
}
