/*
 * test_check.c: the arithmetic and period helpers behind `gongkai check`.
 * The rules themselves are tested end to end by the example files in tests/rules/.
 */
#include <stdint.h>

#include "check_rules.h"
#include "harness.h"
#include "money.h"

static struct date
D(int y, int m, int d)
{
	struct date x = { y, m, d };
	return x;
}

static void
test_money_sums(void)
{
	int64_t sum = 0, f;
	const char *why;
	double naive = 0;
	char buf[48];

	/* 1,000 items of 0.10 and 1,000 of 0.20: exactly 300.00 in fen */
	for (int i = 0; i < 1000; i++) {
		money_parse("0.10", &f, &why);
		sum += f;
		naive += 0.10;
		money_parse("0.20", &f, &why);
		sum += f;
		naive += 0.20;
	}
	CHECK_INT("1000 x 0.10 + 1000 x 0.20 in fen", sum, 30000);
	CHECK_STR("formatted", money_format(sum, buf), "300.00");
	CHECK("a double would not be exact (why we use fen)", naive != 300.0);
	money_parse("0.10", &f, &why);
	sum = f;
	money_parse("0.20", &f, &why);
	sum += f;
	money_parse("0.30", &f, &why);
	CHECK("0.10 + 0.20 == 0.30 in fen", sum == f);
	CHECK_INT("three decimals refused", money_parse("1.005", &f, &why), -1);
	CHECK_INT("negative refused", money_parse("-1.00", &f, &why), -1);
	CHECK_INT("not a number refused", money_parse("十元", &f, &why), -1);
	CHECK_INT("thousands separators", money_parse("12,345.67", &f, &why) == 0 ? f : -1, 1234567);
}

static void
test_first_period(void)
{
	struct period p = rules_first_period(D(2025, 1, 1), PERIOD_QUARTER);
	char buf[16];

	CHECK_STR("since on a quarter start", period_str(p, buf), "2025-Q1");
	p = rules_first_period(D(2025, 2, 15), PERIOD_QUARTER);
	CHECK_STR("since inside a quarter: the next one", period_str(p, buf), "2025-Q2");
	p = rules_first_period(D(2025, 7, 1), PERIOD_HALF);
	CHECK_STR("half year", period_str(p, buf), "2025-H2");
	p = rules_first_period(D(2025, 12, 2), PERIOD_MONTH);
	CHECK_STR("month rolls over the year", period_str(p, buf), "2026-01");
	CHECK_STR("frequency names", rules_freq_name(PERIOD_HALF), "half-yearly");
}

int
main(void)
{
	test_money_sums();
	test_first_period();
	return t_done();
}
