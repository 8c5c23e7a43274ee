/*
 * money.h: amounts of yuan held as integer fen (1 yuan = 100 fen). Amounts
 * are parsed from the text the clerk typed, never through a float, so
 * 0.10 + 0.20 is exactly 0.30.
 */
#ifndef GONGKAI_MONEY_H
#define GONGKAI_MONEY_H

#include <stdint.h>

/* Largest amount accepted: 999 trillion yuan keeps every sum inside int64. */
#define MONEY_MAX_FEN	99999999999999999LL

/*
 * Parses "12345.67", "12,345.67" or "12345" into fen. On error returns -1 and
 * sets *why to a static explanation (no position). Negative amounts are refused.
 */
int money_parse(const char *s, int64_t *fen, const char **why);
/* Formats fen as "12,345.67" (a minus sign when negative); buf >= 40 bytes. */
char *money_format(int64_t fen, char *buf);

#endif
