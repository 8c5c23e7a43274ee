/*
 * money.c: decimal yuan <-> integer fen.
 */
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "i18n.h"

int
money_parse(const char *s, int64_t *fen, const char **why)
{
	int64_t v = 0;
	int digits = 0, decimals = -1, group = -1;
	const char *p = s;

	*fen = 0;
	if (*p == '-') {
		*why = _("amounts cannot be negative; write the amount as a positive number");
		return -1;
	}
	if (*p == '+')
		p++;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (decimals >= 0 && ++decimals > 2) {
				*why = _("an amount has at most two decimals (fen); round it to 0.01");
				return -1;
			}
			if (v > MONEY_MAX_FEN / 10) {
				*why = "amount is too large";
				return -1;
			}
			v = v * 10 + (*p - '0');
			digits++;
			if (group >= 0)
				group++;
		} else if (*p == ',' && decimals < 0 && digits > 0 && (group < 0 || group == 3)) {
			group = 0;
		} else if (*p == '.' && decimals < 0 && digits > 0) {
			if (group >= 0 && group != 3)
				break;
			decimals = 0;
		} else
			break;
	}
	if (*p != '\0' || digits == 0 || decimals == 0 || (group >= 0 && decimals < 0 && group != 3)) {
		*why = _("not an amount of yuan: write digits with at most two decimals, e.g. 12345.67");
		return -1;
	}
	if (decimals < 0)
		decimals = 0;
	for (; decimals < 2; decimals++) {
		if (v > MONEY_MAX_FEN / 10) {
			*why = "amount is too large";
			return -1;
		}
		v *= 10;
	}
	if (v > MONEY_MAX_FEN) {
		*why = "amount is too large";
		return -1;
	}
	*fen = v;
	return 0;
}

char *
money_format(int64_t fen, char *buf)
{
	char digits[32], *o = buf;
	uint64_t u = fen < 0 ? (uint64_t)(-(fen + 1)) + 1 : (uint64_t)fen, y = u / 100;
	int n = 0, i;

	if (fen < 0)
		*o++ = '-';
	/* by hand, not snprintf: every amount of every finance table comes here */
	do {
		digits[sizeof digits - 1 - n++] = (char)('0' + y % 10);
		y /= 10;
	} while (y > 0);
	for (i = 0; i < n; i++) {
		*o++ = digits[sizeof digits - n + i];
		if ((n - i - 1) % 3 == 0 && i != n - 1)
			*o++ = ',';
	}
	*o++ = '.';
	*o++ = (char)('0' + u % 100 / 10);
	*o++ = (char)('0' + u % 10);
	*o = '\0';
	return buf;
}
