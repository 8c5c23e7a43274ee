/*
 * recwrite.c: one way to write a record for `gongkai new` and `gongkai
 * import` (recwrite.h). Each command had its own quoter, and import's
 * escaped only '"' and '\': a control character in a 公文's title made a
 * file that no YAML reader would open.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gongkai.h"
#include "recwrite.h"
#include "util.h"
#include "i18n.h"

/* ---- YAML scalars ---- */

/*
 * The code point at s[*i] (n bytes in all), advancing *i past it. A byte
 * that does not start a valid sequence is U+FFFD and one byte long, so
 * that nothing the caller writes is invalid UTF-8.
 */
static uint32_t
next_cp(const char *s, size_t n, size_t *i)
{
	unsigned char c = (unsigned char)s[*i];
	size_t k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	uint32_t cp;

	if (k > n - *i || utf8_valid(s + *i, k) != k) {
		(*i)++;
		return 0xfffd;
	}
	*i += (size_t)utf8_decode(s + *i, &cp);
	return cp;
}

/*
 * Characters YAML does not allow as they are (outside its printable set),
 * or takes for a line break (U+0085, U+2028, U+2029) that would end the
 * scalar; and the byte-order mark, which a reader may drop.
 */
static int
needs_escape(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t') || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0xfeff || cp == 0xfffe || cp == 0xffff;
}

/*
 * Would a YAML 1.1 reader type s (all ASCII) as something else than a
 * string? A bool or null word (yes, On, ~ …), or anything that starts like
 * a number, a date, .inf/.nan, a merge key (<<) or a value key (=). The
 * test is wider than the YAML 1.1 regular expressions: quoting a string
 * that needs no quotes costs two characters, the other way costs the data.
 */
static int
ascii_typed(const char *s)
{
	static const char *const words[] = {
		"y", "n", "yes", "no", "true", "false", "on", "off", "null", NULL
	};

	if (strchr("0123456789+-.~<=", s[0]) != NULL)
		return 1;
	for (int i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	return 0;
}

/* Can s stand as a plain scalar after "key: " and before "  # comment"? */
static int
plain_ok(const char *s)
{
	size_t n = strlen(s), i = 0;
	int ascii = 1;

	/* indicators, and blanks a reader would trim */
	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]) != NULL ||
	    s[n - 1] == ' ' || s[n - 1] == ':' || strstr(s, ": ") || strstr(s, " #"))
		return 0;
	while (i < n) {
		uint32_t cp = next_cp(s, n, &i);

		if (cp == '\t' || needs_escape(cp) || cp == 0xfffd)
			return 0;
		ascii &= cp < 0x80;
	}
	return !(ascii && ascii_typed(s));
}

static void
put_escaped(struct sb *b, uint32_t cp)
{
	switch (cp) {
	case '"': sb_puts(b, "\\\""); return;
	case '\\': sb_puts(b, "\\\\"); return;
	case '\n': sb_puts(b, "\\n"); return;
	case '\t': sb_puts(b, "\\t"); return;
	case '\r': sb_puts(b, "\\r"); return;
	case 0x85: sb_puts(b, "\\N"); return;
	case 0x2028: sb_puts(b, "\\L"); return;
	case 0x2029: sb_puts(b, "\\P"); return;
	}
	if (cp <= 0xff)
		sb_printf(b, "\\x%02X", (unsigned)cp);
	else
		sb_printf(b, "\\u%04X", (unsigned)cp);
}

void
rw_yaml_scalar(struct sb *b, const char *s)
{
	size_t n = strlen(s), i = 0;

	if (plain_ok(s)) {
		sb_puts(b, s);
		return;
	}
	sb_putc(b, '"');
	while (i < n) {
		size_t start = i;
		uint32_t cp = next_cp(s, n, &i);

		if (cp == '"' || cp == '\\' || cp == '\t' || needs_escape(cp))
			put_escaped(b, cp);
		else if (cp == 0xfffd && i - start == 1)
			sb_puts(b, "\xef\xbf\xbd");	/* a stray byte */
		else
			sb_add(b, s + start, i - start);
	}
	sb_putc(b, '"');
}

const char *
rw_key(enum schema_which which, const char *key)
{
	for (const struct field *f = schema_fields(which); f->key; f++)
		if (strcmp(f->key, key) == 0)
			return f->alias ? f->alias : f->key;
	return key;
}

void
rw_pair(struct sb *b, enum schema_which which, const char *key, const char *value)
{
	sb_printf(b, "%s: ", rw_key(which, key));
	rw_yaml_scalar(b, value);
	sb_putc(b, '\n');
}

/* ---- names ---- */

int
rw_is_slug(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

static int
ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char *
rw_slug(const char *text)
{
	struct sb b;
	int letter = 0, words = 0;

	sb_init(&b);
	for (const char *p = text; *p && words < 6; ) {
		const char *w = p;

		while (ascii_alnum(*p))
			p++;
		if (p == w) {
			p++;
			continue;
		}
		if (b.len + (size_t)(p - w) > 40)
			break;
		if (b.len)
			sb_putc(&b, '-');
		for (; w < p; w++) {
			char c = *w >= 'A' && *w <= 'Z' ? (char)(*w - 'A' + 'a') : *w;
			letter |= c >= 'a' && c <= 'z';
			sb_putc(&b, c);
		}
		words++;
	}
	if (!letter) {
		sb_free(&b);
		return NULL;
	}
	return sb_take(&b);
}

/* ---- sites ---- */

static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
rw_site_exists(const char *content_dir, const char *id)
{
	char *ix;
	int ok;

	if (!rw_is_slug(id))
		return 0;
	ix = xasprintf("%s/sites/%s/index.md", content_dir, id);
	ok = is_file(ix);
	free(ix);
	return ok;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *
rw_site_list(const char *content_dir)
{
	char *dir = path_join(content_dir, "sites"), **v = NULL;
	DIR *dp = opendir(dir);
	struct dirent *de;
	struct sb b;
	size_t n = 0;

	sb_init(&b);
	while (dp != NULL && (de = readdir(dp)) != NULL) {
		if (rw_site_exists(content_dir, de->d_name)) {
			v = xrealloc(v, (n + 1) * sizeof *v);
			v[n++] = xstrdup(de->d_name);
		}
	}
	if (dp != NULL)
		closedir(dp);
	xqsort(v, n, sizeof *v, name_cmp);
	for (size_t i = 0; i < n; i++) {
		sb_printf(&b, "%s%s", i ? " " : "", v[i]);
		free(v[i]);
	}
	free(v);
	free(dir);
	if (n == 0) {
		sb_free(&b);
		return NULL;
	}
	return sb_take(&b);
}

void
rw_unknown_site(const char *who, const char *content_dir, const char *id)
{
	char *list = rw_site_list(content_dir);

	fprintf(stderr, _("%s: unknown site '%s' (no %s/sites/%s/index.md)\n"), who, id, content_dir, id);
	if (list != NULL)
		fprintf(stderr, _("sites: %s\n"), list);
	else
		fprintf(stderr, _("%s: %s/sites/ has no sites yet: make a folder with an index.md for each\n"),
		    who, content_dir);
	free(list);
}

/* ---- files ---- */

int
rw_create_file(const char *path, const char *text)
{
	size_t len = strlen(text), off = 0;
	int fd, e;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0)
		return -1;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		off += (size_t)w;
	}
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	e = errno ? errno : EIO;
	if (fd >= 0)
		close(fd);
	unlink(path);	/* ours: O_EXCL made it */
	errno = e;
	return -1;
}

int
rw_create(const char *dir, const char *stem, int numbered, rw_text_fn text, void *ctx,
    char **path)
{
	int rc = -1;

	*path = NULL;
	if (mkdirs(dir) != 0) {
		*path = xstrdup(dir);
		return -1;
	}
	for (int n = 1; n <= (numbered ? 999 : 1); n++) {
		char *name = n == 1 ? xstrdup(stem) : xasprintf("%s-%d", stem, n);
		char *t = text(ctx, name);
		int e;

		free(*path);
		*path = xasprintf("%s/%s.md", dir, name);
		rc = rw_create_file(*path, t);
		e = errno;
		free(t);
		free(name);
		errno = e;
		if (rc == 0 || errno != EEXIST)
			break;
	}
	return rc;
}
