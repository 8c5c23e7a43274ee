/*
 * damage.h: what a wrong encoding conversion leaves in Chinese text, found
 * the same way by `gongkai import` (which warns as it converts) and by
 * `gongkai check` (rule damaged-text, which warns for as long as the text
 * stands in a record, so that `build` never publishes it silently).
 *
 * The signs, in a line of text:
 *   - any U+FFFD, the replacement character: a decoder gave up there (import
 *     writes one for each control character or noncharacter it drops);
 *   - a run of three or more '?' next to a Chinese character: what a lossy
 *     GBK <-> UTF-8 conversion writes for each character it could not map;
 *   - three or more shorter runs of '?' in a line, each between two Chinese
 *     characters.
 * "what???" in a Latin phrase and the full-width ？ are no sign.
 */
#ifndef GONGKAI_DAMAGE_H
#define GONGKAI_DAMAGE_H

#include <stddef.h>

enum damage_sign {
	DAMAGE_FFFD,	/* U+FFFD replacement characters */
	DAMAGE_RUN,	/* '?' in a row next to a Chinese character */
	DAMAGE_STRAY	/* short runs of '?' between Chinese characters */
};

/* The first sign of damage in a line. */
struct damage_hit {
	enum damage_sign	 sign;
	int			 col;	/* 1-based, in characters */
	int			 count;	/* U+FFFD or '?' in the run; stray runs in the line */
};

/*
 * Looks at one line s[0..n) (valid UTF-8, without its line end). Returns 1
 * and fills *hit when it shows a sign of damage (one per line: the whole
 * line needs checking against the original), else 0.
 */
int damage_line(const char *s, size_t n, struct damage_hit *hit);

/* Can text[0..n) show a sign at all (a '?' or a U+FFFD)? Cheap; most text cannot. */
int damage_may_hold(const char *s, size_t n);

/*
 * What the hit is, in words, for a message: "3 '?' in a row", "1 U+FFFD
 * replacement character", "4 stray '?' between Chinese characters". buf
 * holds at least 64 bytes. Returns buf.
 */
char *damage_describe(const struct damage_hit *hit, char *buf);

#endif
