/* Dates and periods. */
#include "date.h"
#include "harness.h"

int
main(void)
{
	struct date d;
	struct period p;
	char buf[48];

	CHECK("date valid", date_parse("2024-06-12", &d) == 0 && d.y == 2024 && d.m == 6 && d.d == 12);
	CHECK("date feb 29 leap", date_parse("2024-02-29", &d) == 0);
	CHECK("date feb 29 non-leap", date_parse("2023-02-29", &d) == -1);
	CHECK("date month 13", date_parse("2024-13-01", &d) == -1);
	CHECK("date slashes", date_parse("2024/06/12", &d) == -1);
	CHECK("date short", date_parse("2024-6-12", &d) == -1);
	date_parse("2024-06-12", &d);
	CHECK_STR("date cn", date_cn(d, buf), "2024年6月12日");
	CHECK_INT("date days epoch", date_days((struct date){ 1970, 1, 1 }), 0);
	CHECK_INT("date weekday 2024-06-12 is Wednesday", date_weekday(d), 2);
	struct date back = date_from_days(date_days(d) + 30);
	CHECK_STR("date +30", date_iso(back, buf), "2024-07-12");
	CHECK_STR("date iso pads the year", date_iso((struct date){ 987, 1, 2 }, buf), "0987-01-02");
	CHECK_STR("date iso year past 9999 cut to four digits", date_iso((struct date){ 12024, 12, 31 }, buf),
	    "2024-12-31");
	CHECK("period quarter", period_parse("2024-Q2", &p) == 0 && p.unit == PERIOD_QUARTER && p.n == 2);
	CHECK_STR("period quarter end", date_iso(period_end(p), buf), "2024-06-30");
	CHECK_STR("period cn", period_cn(p, buf), "2024年第二季度");
	CHECK("period half", period_parse("2024-H2", &p) == 0 && p.unit == PERIOD_HALF);
	CHECK_STR("period half start", date_iso(period_start(p), buf), "2024-07-01");
	CHECK("period month", period_parse("2024-02", &p) == 0 && p.unit == PERIOD_MONTH);
	CHECK_STR("period month end leap", date_iso(period_end(p), buf), "2024-02-29");
	CHECK("period year", period_parse("2024", &p) == 0 && p.unit == PERIOD_YEAR);
	CHECK("period Q5 refused", period_parse("2024-Q5", &p) == -1);
	CHECK("period month 00 refused", period_parse("2024-00", &p) == -1);
	period_parse("2024-Q4", &p);
	CHECK_STR("period next wraps", period_str(period_next(p), buf), "2025-Q1");
	return t_done();
}
