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
	/* printable ASCII, most of every feed and sitemap: allowed, nothing to decode */
	if (c >= 0x20 && c < 0x7f)
		return 1;
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
	size_t n = s ? strlen(s) : 0, i = 0, start = 0, skip;

	sb_init(&b);
	/* runs of allowed characters are copied whole, not one by one */
	while (i < n) {
		if (next_ok(s + i, n - i, &skip) == 0) {
			sb_add(&b, s + start, i - start);
			start = i + skip;
		}
		i += skip;
	}
	if (start < n)
		sb_add(&b, s + start, n - start);
	return sb_take(&b);
}

void
xml_escape(struct sb *b, const char *s)
{
	size_t n = s ? strlen(s) : 0, i = 0, start = 0, l, skip;

	/* as xml_clean, with & < > " escaped; a run ends at each of them */
	while (i < n) {
		const char *rep = NULL;

		l = next_ok(s + i, n - i, &skip);
		if (l == 1) {
			switch (s[i]) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			default: break;
			}
		}
		if (l == 0 || rep != NULL) {
			sb_add(b, s + start, i - start);
			if (rep != NULL)
				sb_puts(b, rep);
			start = i + skip;
		}
		i += skip;
	}
	if (start < n)
		sb_add(b, s + start, n - start);
}
