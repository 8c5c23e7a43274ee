/*
 * xmltext.h: text on its way into an XML file (the Atom feeds, the
 * sitemaps, SVG charts and QR codes).
 *
 * The guarantee: what these functions return or append holds only
 * characters of the XML 1.0 Char production (tab, LF, CR, U+0020-U+D7FF,
 * U+E000-U+FFFD, U+10000-U+10FFFF), less the non-characters (U+FDD0-U+FDEF
 * and U+xxFFFE/U+xxFFFF of every plane) and the control characters XML 1.0
 * discourages (U+007F-U+009F). Anything else, and any byte that is not
 * UTF-8, is dropped: one stray character in a title must not make a whole
 * feed unreadable to every reader (xmllint, feed readers, search engines).
 */
#ifndef GONGKAI_XMLTEXT_H
#define GONGKAI_XMLTEXT_H

#include <stdint.h>

struct sb;

/* May code point cp appear in XML output (see above)? 1 or 0. */
int xml_char_ok(uint32_t cp);
/* A copy of s (NULL counts as "") with only the characters allowed above. Caller frees. */
char *xml_clean(const char *s);
/*
 * Appends s (NULL counts as "") to b, escaped for XML text and attribute
 * values (& < > "), with only the characters allowed above.
 */
void xml_escape(struct sb *b, const char *s);

#endif
