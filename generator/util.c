/*
 * util.c: allocation, strings, files, UTF-8 and an arena.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unictype.h>
#include <unistr.h>

#include "gongkai.h"
#include "util.h"
#include "i18n.h"

_Noreturn void
oom(void)
{
	fputs(_("gongkai: out of memory\n"), stderr);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xasprintf(const char *fmt, ...)
{
	struct sb b;
	va_list ap;

	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	return sb_take(&b);
}

void
sb_init(struct sb *b)
{
	b->buf = NULL;
	b->len = b->cap = 0;
}

static void
sb_grow(struct sb *b, size_t more)
{
	size_t need = b->len + more + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->buf = xrealloc(b->buf, b->cap);
}

void
sb_add(struct sb *b, const char *s, size_t n)
{
	sb_grow(b, n);
	if (n)
		memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void
sb_puts(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void
sb_putc(struct sb *b, char c)
{
	sb_add(b, &c, 1);
}

/*
 * Whether fmt's conversions are all %s, %d, %u, %zu, %ld, %lu, %lld, %llu,
 * %% or %016lx (a 64-bit hash, as PRIx64 spells it), with no other flag,
 * width or precision.
 */
static int
plain_format(const char *fmt)
{
	for (const char *p = strchr(fmt, '%'); p != NULL; p = strchr(p, '%')) {
		p++;
		if (*p == 's' || *p == 'd' || *p == 'u' || *p == '%')
			p++;
		else if ((p[0] == 'z' || p[0] == 'l') && (p[1] == 'u' || (p[0] == 'l' && p[1] == 'd')))
			p += 2;
		else if (p[0] == 'l' && p[1] == 'l' && (p[2] == 'd' || p[2] == 'u'))
			p += 3;
		else if (strncmp(p, "016lx", 5) == 0)
			p += 5;
		else
			return 0;
	}
	return 1;
}

/* v as 16 lowercase hex digits, zero-padded: "%016lx". */
static void
sb_puthex16(struct sb *b, unsigned long v)
{
	static const char digits[] = "0123456789abcdef";
	char d[16];

	for (int i = 15; i >= 0; i--, v >>= 4)
		d[i] = digits[v & 15];
	sb_add(b, d, sizeof d);
}

static void
sb_puti(struct sb *b, long long v)
{
	if (v < 0)
		sb_putc(b, '-');
	sb_putu(b, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
}

/* A plain_format fmt, written as vsnprintf would write it (NULL as "(null)", as glibc does). */
static void
sb_vprintf_plain(struct sb *b, const char *fmt, va_list ap)
{
	const char *p = fmt, *q;

	while ((q = strchr(p, '%')) != NULL) {
		const char *s;

		sb_add(b, p, (size_t)(q - p));
		switch (*++q) {
		case 's':
			s = va_arg(ap, const char *);
			sb_puts(b, s ? s : "(null)");
			break;
		case 'd': sb_puti(b, va_arg(ap, int)); break;
		case 'u': sb_putu(b, va_arg(ap, unsigned)); break;
		case '%': sb_putc(b, '%'); break;
		case 'z': sb_putu(b, va_arg(ap, size_t)); q++; break;
		case '0': sb_puthex16(b, va_arg(ap, unsigned long)); q += 4; break;	/* "016lx" */
		default:	/* "ld", "lu", "lld", "llu" */
			if (q[1] != 'l') {
				if (q[1] == 'd')
					sb_puti(b, va_arg(ap, long));
				else
					sb_putu(b, va_arg(ap, unsigned long));
				q++;
			} else if (q[2] == 'd') {
				sb_puti(b, va_arg(ap, long long));
				q += 2;
			} else {
				sb_putu(b, va_arg(ap, unsigned long long));
				q += 2;
			}
			break;
		}
		p = q + 1;
	}
	sb_puts(b, p);
}

void
sb_vprintf(struct sb *b, const char *fmt, va_list ap)
{
	va_list ap2;
	size_t room;
	int n;

	/* Paths, URLs, ids: most formats only join strings and numbers, which libc's parser cost */
	if (plain_format(fmt)) {
		sb_vprintf_plain(b, fmt, ap);
		return;
	}
	/* Most pieces are short: format straight into the buffer, once. */
	sb_grow(b, 63);
	room = b->cap - b->len;
	va_copy(ap2, ap);
	n = vsnprintf(b->buf + b->len, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->buf[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		sb_grow(b, (size_t)n);
		vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
sb_putu(struct sb *b, unsigned long long v)
{
	char d[24];
	size_t n = sizeof d;

	do {
		d[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	sb_add(b, d + n, sizeof d - n);
}

void
sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

void
sb_html(struct sb *b, const char *s, size_t n)
{
	size_t i = 0;
	const char *rep;

	/*
	 * strcspn steps over many bytes at a time to the next one to escape
	 * (every value of every page passes here); it stops at the string's
	 * NUL, so a NUL before n is copied as it was.
	 */
	while (i < n) {
		size_t k = strcspn(s + i, "&<>\"'");

		if (k >= n - i) {
			sb_add(b, s + i, n - i);
			break;
		}
		sb_add(b, s + i, k);
		i += k;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: rep = NULL; break;	/* the NUL */
		}
		if (rep != NULL)
			sb_puts(b, rep);
		else
			sb_add(b, s + i, 1);
		i++;
	}
}

char *
sb_take(struct sb *b)
{
	char *p = b->buf ? b->buf : xstrdup("");

	sb_init(b);
	return p;
}

const char *
sb_str(const struct sb *b)
{
	return b->buf ? b->buf : "";
}

void
sb_free(struct sb *b)
{
	free(b->buf);
	sb_init(b);
}

/* Called with every file file_read read (readlog.h sets it while a build runs). */
static void (*read_observer)(const char *, const char *, size_t);

void
file_read_observer(void (*fn)(const char *path, const char *data, size_t len))
{
	__atomic_store_n(&read_observer, fn, __ATOMIC_RELEASE);
}

int
file_read(const char *path, char **out, size_t *len)
{
	void (*fn)(const char *, const char *, size_t);

	if (file_read_raw(path, out, len) < 0)
		return -1;
	if ((fn = __atomic_load_n(&read_observer, __ATOMIC_ACQUIRE)) != NULL)
		fn(path, *out, *len);
	return 0;
}

int
file_read_raw(const char *path, char **out, size_t *len)
{
	struct sb b;
	char tmp[65536];
	ssize_t n;
	int fd;

	*out = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	sb_init(&b);
	while ((n = read(fd, tmp, sizeof tmp)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			sb_free(&b);
			errno = e;
			return -1;
		}
		sb_add(&b, tmp, (size_t)n);
	}
	close(fd);
	*len = b.len;
	*out = sb_take(&b);
	return 0;
}

int
mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			rc = -1;
			goto out;
		}
		*s = '/';
	}
	if (mkdir(p, 0755) < 0 && errno != EEXIST)
		rc = -1;
out:
	free(p);
	return rc;
}

int
file_write(const char *path, const char *data, size_t len)
{
	const char *slash = strrchr(path, '/');
	size_t off = 0;
	int fd;

	if (slash != NULL && slash != path) {
		char *dir = xstrndup(path, (size_t)(slash - path));
		int rc = mkdirs(dir);

		free(dir);
		if (rc < 0)
			return -1;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
		return -1;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		off += (size_t)n;
	}
	return close(fd);
}

int
file_copy(const char *from, const char *to)
{
	char *data;
	size_t len;
	int rc;

	if (file_read(from, &data, &len) < 0)
		return -1;
	rc = file_write(to, data, len);
	free(data);
	return rc;
}

int
rmtree(const char *path)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	int rc = 0;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *sub = path_join(path, de->d_name);
		if (rmtree(sub) < 0)
			rc = -1;
		free(sub);
	}
	closedir(d);
	if (rmdir(path) < 0)
		rc = -1;
	return rc;
}

char *
path_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	if (la == 0)
		return xstrdup(b);
	if (a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

size_t
utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	/*
	 * Every source file passes here, mostly Chinese: each length's bounds
	 * are tested on the lead byte and the next one, with no code point
	 * put together (the same rules: no overlong form, no surrogate, none
	 * above U+10FFFF, no NUL).
	 */
	while (i < n) {
		unsigned c = s[i], c1;

		if (c < 0x80) {
			if (c == 0)
				return i;
			i++;
			continue;
		}
		if (c < 0xc2 || c > 0xf4 || i + 1 >= n || ((c1 = s[i + 1]) & 0xc0) != 0x80)
			return i;
		if (c < 0xe0) {
			i += 2;
			continue;
		}
		if (i + 2 >= n || (s[i + 2] & 0xc0) != 0x80)
			return i;
		if (c < 0xf0) {
			/* E0 needs A0..BF after it (else overlong), ED 80..9F (else a surrogate) */
			if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0))
				return i;
			i += 3;
			continue;
		}
		/* F0 needs 90..BF after it (else overlong), F4 80..8F (else above U+10FFFF) */
		if (i + 3 >= n || (s[i + 3] & 0xc0) != 0x80 || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90))
			return i;
		i += 4;
	}
	return n;
}

int
utf8_decode(const char *str, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0 && s[1]) {
		*cp = ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0 && s[1] && s[2]) {
		*cp = ((uint32_t)(s[0] & 0x0f) << 12) |
		    ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
		return 3;
	}
	if ((s[0] & 0xf8) == 0xf0 && s[1] && s[2] && s[3]) {
		*cp = ((uint32_t)(s[0] & 0x07) << 18) |
		    ((uint32_t)(s[1] & 0x3f) << 12) |
		    ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
		return 4;
	}
	*cp = 0xfffd;
	return 1;
}

void
utf8_encode(struct sb *b, uint32_t cp)
{
	char o[4];

	if (cp < 0x80) {
		o[0] = (char)cp;
		sb_add(b, o, 1);
	} else if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		sb_add(b, o, 2);
	} else if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		sb_add(b, o, 3);
	} else {
		o[0] = (char)(0xf0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[3] = (char)(0x80 | (cp & 0x3f));
		sb_add(b, o, 4);
	}
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

int
utf8_columns(const char *s, size_t n)
{
	return 1 + (int)utf8_count(s, n);
}

int
is_cjk(uint32_t cp)
{
	return (cp >= 0x2e80 && cp <= 0x9fff) ||	/* radicals .. unified ideographs, CJK punct, kana */
	    (cp >= 0xf900 && cp <= 0xfaff) ||		/* compatibility ideographs */
	    (cp >= 0xfe30 && cp <= 0xfe4f) ||		/* compatibility forms */
	    (cp >= 0xff00 && cp <= 0xffef) ||		/* full-width forms */
	    (cp >= 0x20000 && cp <= 0x3ffff);		/* extension B.. */
}

void
xqsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (base != NULL && n > 1)
		qsort(base, n, size, cmp);
}

/* Code points of s (valid UTF-8); caller frees; *n their count. */
static uint32_t *
code_points(const char *s, size_t *n)
{
	uint32_t *v = xcalloc(strlen(s) + 1, sizeof *v);

	*n = 0;
	while (*s)
		s += utf8_decode(s, &v[(*n)++]);
	return v;
}

/* Counted in characters, so one wrong Chinese character is distance 1. */
int
edit_distance(const char *sa, const char *sb)
{
	size_t la, lb;
	uint32_t *a = code_points(sa, &la), *b = code_points(sb, &lb);
	int *row = xcalloc(lb + 1, sizeof *row), d;

	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int prev = row[0];

		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int cur = row[j];
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int best = prev + cost;

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	d = row[lb];
	free(row);
	free(a);
	free(b);
	return d;
}

uint64_t
hash64(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t w;

	h ^= (uint64_t)n * 0x9e3779b97f4a7c15ULL;
	/* four words a turn: every file written and read passes here, and the loop's own count showed */
#define HASH_WORD(off) (memcpy(&w, s + (off), 8), h = (h ^ w) * 0xbf58476d1ce4e5b9ULL, h ^= h >> 31)
	for (; n >= 32; s += 32, n -= 32) {
		HASH_WORD(0);
		HASH_WORD(8);
		HASH_WORD(16);
		HASH_WORD(24);
	}
	for (; n >= 8; s += 8, n -= 8)
		HASH_WORD(0);
#undef HASH_WORD
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w ^ ((uint64_t)n << 56)) * 0x94d049bb133111ebULL;
	return h ^ (h >> 29);
}

/* Arena: a list of chunks; big requests get a chunk of their own. */
struct chunk {
	struct chunk	*next;
	size_t		 used, size;
	max_align_t	 data[];
};

struct arena {
	struct chunk	*head;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct chunk *c = a->head;

	n = (n + align - 1) / align * align;
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > 32768 ? n : 32768;

		c = xmalloc(sizeof *c + size);
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *tmp, *p;
	struct sb b;

	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	tmp = sb_take(&b);
	p = arena_strdup(a, tmp);
	free(tmp);
	return p;
}

int
utf8_line_col(const char *body, size_t len, int line, int bytecol)
{
	const char *s = body, *end = body + len;

	for (int i = 1; i < line; i++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			return bytecol;
		s = nl + 1;
	}
	if (bytecol < 1 || (size_t)(bytecol - 1) > (size_t)(end - s))
		return bytecol;
	return utf8_columns(s, (size_t)bytecol - 1);
}

int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
url_linkable(const char *u)
{
	const char *colon = strchr(u, ':'), *slash = strchr(u, '/');

	if (colon == NULL || (slash != NULL && slash < colon))
		return 1;
	return strncmp(u, "http:", 5) == 0 || strncmp(u, "https:", 6) == 0 ||
	    strncmp(u, "mailto:", 7) == 0 || strncmp(u, "tel:", 4) == 0;
}

int
text_blank(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		ucs4_t u;
		int k = u8_mbtouc(&u, (const uint8_t *)s + i, n - i);

		if (!uc_is_property_white_space(u) && !uc_is_property_default_ignorable_code_point(u))
			return 0;
		i += (size_t)(k > 0 ? k : 1);
	}
	return 1;
}

int
digit_at(const char *s, int *k)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] >= '0' && u[0] <= '9') {
		*k = 1;
		return u[0] - '0';
	}
	if (u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99) {
		*k = 3;
		return u[2] - 0x90;
	}
	return -1;
}

/* ---- cache files ---- */

/*
 * Every cache file ends with a seal, "end <bytes> <hash>", the length and the
 * hash of everything before it. A file cut short (a full disk, a crash) or
 * with a byte changed fails the seal and is ignored whole: trusting the rest
 * of a manifest that lost lines left files of deleted pages in .next, which
 * the next swap published again (tests/incr_cache.py).
 */
void
cache_seal(struct sb *b)
{
	uint64_t h = hash_bytes(0, b->buf, b->len);

	sb_printf(b, "end %zu %016" PRIx64 "\n", b->len, h);
}

void
cache_put(const char *path, struct sb *b)
{
	char *tmp = xasprintf("%s.tmp", path);

	cache_seal(b);
	if (file_write(tmp, b->buf, b->len) < 0 || rename(tmp, path) < 0)
		unlink(tmp), unlink(path);
	free(tmp);
}

/* cache_unseal: cuts text (NUL-terminated, len bytes) before its seal: 0, or -1 when the seal does not hold. */
int
cache_unseal(char *text, size_t len)
{
	char *p;
	size_t n;
	uint64_t h;
	int off = 0;

	if (len == 0 || text[len - 1] != '\n')
		return -1;
	for (p = text + len - 1; p > text && p[-1] != '\n'; p--)
		;
	if (sscanf(p, "end %zu %16" SCNx64 "%n", &n, &h, &off) != 2 || n != (size_t)(p - text) ||
	    p + off != text + len - 1 || hash_bytes(0, text, n) != h)
		return -1;
	*p = '\0';
	return 0;
}

/*
 * What this gongkai is: its version and its binary's size and mtime. A
 * rebuilt gongkai may render or mask differently with the same version
 * string (a developer's build), so what a cache keeps is only trusted by
 * the same binary.
 */
uint64_t
self_stamp(void)
{
	struct stat st;
	char exe[4096];
	ssize_t l = readlink("/proc/self/exe", exe, sizeof exe - 1);
	uint64_t h = hash_bytes(0, GONGKAI_VERSION, strlen(GONGKAI_VERSION));

	if (l > 0) {
		exe[l] = '\0';
		if (stat(exe, &st) == 0) {
			int64_t v[3] = { (int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec, st.st_mtim.tv_nsec };
			h = hash_bytes(h, v, sizeof v);
		}
	}
	return h;
}
