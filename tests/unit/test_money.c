/* Money: yuan text to integer fen and back, where floats would go wrong. */
#include <stdint.h>

#include "harness.h"
#include "money.h"

static void
test_parse(void)
{
	int64_t f;
	const char *why;

	CHECK("money 12345.67", money_parse("12345.67", &f, &why) == 0 && f == 1234567);
	CHECK("money integer", money_parse("12", &f, &why) == 0 && f == 1200);
	CHECK("money one decimal", money_parse("0.1", &f, &why) == 0 && f == 10);
	CHECK("money grouped", money_parse("12,345.60", &f, &why) == 0 && f == 1234560);
	CHECK("money three decimals refused", money_parse("1.005", &f, &why) == -1);
	CHECK_STR("money three decimals message", why, "an amount has at most two decimals (fen); round it to 0.01");
	CHECK("money negative refused", money_parse("-3.00", &f, &why) == -1);
	CHECK("money text refused", money_parse("三百元", &f, &why) == -1);
	CHECK("money trailing dot refused", money_parse("3.", &f, &why) == -1);
	CHECK("money empty refused", money_parse("", &f, &why) == -1);
	CHECK("money bad grouping refused", money_parse("12,34.00", &f, &why) == -1);
	CHECK("money huge refused", money_parse("99999999999999999999", &f, &why) == -1);
	/* 17 nines fit as digits but overflow when scaled to fen (found by fuzzing) */
	CHECK("money 17 nines refused", money_parse("99999999999999999", &f, &why) == -1);
	CHECK("money largest accepted", money_parse("999999999999999.99", &f, &why) == 0 && f == MONEY_MAX_FEN);
}

static void
test_sum(void)
{
	int64_t f, sum = 0;
	const char *why;

	/* 0.10 and 0.20 a thousand times each: a double drifts, fen do not. */
	for (int i = 0; i < 1000; i++) {
		money_parse("0.10", &f, &why);
		sum += f;
		money_parse("0.20", &f, &why);
		sum += f;
	}
	CHECK_INT("money 1000x(0.10+0.20) in fen", sum, 30000);
}

static void
test_format(void)
{
	char buf[40];

	CHECK_STR("format thousands", money_format(1234567, buf), "12,345.67");
	CHECK_STR("format zero", money_format(0, buf), "0.00");
	CHECK_STR("format small", money_format(5, buf), "0.05");
	CHECK_STR("format million", money_format(100000000, buf), "1,000,000.00");
	CHECK_STR("format negative", money_format(-123456, buf), "-1,234.56");
	CHECK_STR("format 999", money_format(99900, buf), "999.00");
	CHECK_STR("format 1,000", money_format(100000, buf), "1,000.00");
	CHECK_STR("format -0.01", money_format(-1, buf), "-0.01");
	CHECK_STR("format INT64_MAX", money_format(INT64_MAX, buf), "92,233,720,368,547,758.07");
	CHECK_STR("format INT64_MIN", money_format(INT64_MIN, buf), "-92,233,720,368,547,758.08");
}

int
main(void)
{
	test_parse();
	test_sum();
	test_format();
	return t_done();
}
