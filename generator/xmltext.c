/*
 * xmltext.c: only characters XML allows (see xmltext.h for the contract).
 */
#include <string.h>

#include "util.h"
#include "xmltext.h"

int
xml_char_ok(uint32_t cp)
{
	if (cp < 0x20)
		return cp == 0x09 || cp == 0x0a || cp == 0x0d;
	if (cp >= 0x7f && cp <= 0x9f)
		return 0;
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe)
		return 0;
	return 1;
}

/*
 * The length of the character at s (n bytes left) when it is UTF-8 and
 * allowed; 0 when it must go, with *skip the bytes to drop.
 */
static size_t
next_ok(const char *s, size_t n, size_t *skip)
{
	unsigned char c = (unsigned char)s[0];
	size_t len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
	uint32_t cp;

	*skip = 1;
	if (len > n || utf8_valid(s, len) != len)
		return 0;	/* not UTF-8 (or a NUL): drop one byte and look again */
	*skip = len;
	utf8_decode(s, &cp);
	return xml_char_ok(cp) ? len : 0;
}

char *
xml_clean(const char *s)
{
	struct sb b;
	size_t n = s ? strlen(s) : 0, i = 0, l, skip;

	sb_init(&b);
	while (i < n) {
		if ((l = next_ok(s + i, n - i, &skip)) > 0)
			sb_add(&b, s + i, l);
		i += skip;
	}
	return sb_take(&b);
}

void
xml_escape(struct sb *b, const char *s)
{
	size_t n = s ? strlen(s) : 0, i = 0, l, skip;

	while (i < n) {
		if ((l = next_ok(s + i, n - i, &skip)) == 1) {
			switch (s[i]) {
			case '&': sb_puts(b, "&amp;"); break;
			case '<': sb_puts(b, "&lt;"); break;
			case '>': sb_puts(b, "&gt;"); break;
			case '"': sb_puts(b, "&quot;"); break;
			default: sb_putc(b, s[i]);
			}
		} else if (l > 0)
			sb_add(b, s + i, l);
		i += skip;
	}
}
