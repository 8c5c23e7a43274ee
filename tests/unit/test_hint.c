/*
 * hint.c: the category and the period a record's title names (issue 19:
 * "法泥村2025年第四季度财务公开" is 财务公开 for 2025-Q4).
 */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "harness.h"
#include "hint.h"

/* The period a title names as "2025-Q4", or "none". */
static const char *
period_of_title(const char *title)
{
	static char buf[16];
	struct period p;

	if (hint_period(title, &p) < 0)
		return "none";
	return period_str(p, buf);
}

static const char *
category_of_title(const char *title)
{
	const char *c = hint_category(title);

	return c ? c : "none";
}

int
main(void)
{
	static const char *const periods[][2] = {
		{ "法泥村2025年第四季度财务公开", "2025-Q4" },
		{ "2025年四季度村务公开", "2025-Q4" },
		{ "2025年第1季度", "2025-Q1" },
		{ "２０２５年第二季度", "2025-Q2" },
		{ "法泥村2025年上半年党务公开", "2025-H1" },
		{ "2025年下半年", "2025-H2" },
		{ "2025年3月财务公开", "2025-03" },
		{ "2025年12月", "2025-12" },
		{ "2025年十一月", "2025-11" },
		{ "2025年三月", "2025-03" },
		{ "2025年3月5日村民代表会议决议公开", "2025-03" },
		{ "法泥村2025年度财务决算公开", "2025" },
		{ "2025年全年", "2025" },
		{ "2025年工作总结", "none" },
		{ "2025年第五季度", "none" },
		{ "2025年13月", "none" },
		{ "第2025年", "none" },
		{ "12025年第一季度", "none" },
		{ "1800年第一季度", "none" },
		{ "村务公开", "none" },
		{ "关于2024年工作和2025年第一季度计划", "2025-Q1" },
	};
	static const char *const cats[][2] = {
		{ "法泥村2025年第四季度财务公开", "财务公开" },
		{ "党员活动经费财务收支", "财务公开" },
		{ "2025年上半年党务公开", "党务公开" },
		{ "发展党员公示", "党务公开" },
		{ "党员大会决议公开", "党务公开" },
		{ "村务公开", "none" },
		{ "低保评议结果公示", "none" },
	};
	char name[160];

	for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
		snprintf(name, sizeof name, "period of %s", periods[i][0]);
		CHECK_STR(name, period_of_title(periods[i][0]), periods[i][1]);
	}
	for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++) {
		snprintf(name, sizeof name, "category of %s", cats[i][0]);
		CHECK_STR(name, category_of_title(cats[i][0]), cats[i][1]);
	}
	return t_done();
}
