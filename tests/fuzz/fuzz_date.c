/*
 * fuzz_date: date_parse and period_parse on any text, with round trips:
 * a parsed date prints back as the same text, and survives days and back;
 * a parsed period prints and parses to the same period.
 */
#include "fuzz.h"
#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct date dt, dt2;
	struct period p, p2;
	char buf[64], *s;

	if (size > 256)
		return 0;
	s = fz_cstr(data, size);
	if (date_parse(s, &dt) == 0) {
		FZ_ASSERT(date_valid(dt));
		date_iso(dt, buf);
		FZ_ASSERT(strcmp(buf, s) == 0);
		dt2 = date_from_days(date_days(dt));
		FZ_ASSERT(date_cmp(dt, dt2) == 0);
		FZ_ASSERT(date_weekday(dt) >= 0 && date_weekday(dt) <= 6);
		date_cn(dt, buf);
		for (int u = PERIOD_MONTH; u <= PERIOD_YEAR; u++) {
			struct period q = period_of(dt, (enum period_unit)u);
			FZ_ASSERT(date_cmp(period_start(q), dt) <= 0);
			FZ_ASSERT(date_cmp(dt, period_end(q)) <= 0);
		}
	}
	if (period_parse(s, &p) == 0) {
		period_str(p, buf);
		FZ_ASSERT(period_parse(buf, &p2) == 0 && period_cmp(p, p2) == 0);
		FZ_ASSERT(date_cmp(period_start(p), period_end(p)) <= 0);
		p2 = period_next(p);
		FZ_ASSERT(period_cmp(p, p2) < 0);
		period_cn(p, buf);
	}
	period_unit_parse(s);
	free(s);
	return 0;
}
