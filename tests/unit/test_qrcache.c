/* test_qrcache.c: QR codes kept between builds (qrcache.h): the same bytes as drawn, a damaged file ignored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "qr.h"
#include "qrcache.h"
#include "util.h"

static const char *url = "https://dangjian.example.gov.cn/sites/agu/disclosures/2025-04-08-caiwu-gongkai-q1/";
static const char *other = "https://dangjian.example.gov.cn/sites/agu/work/2025-05-01-x/";

/* The code of url through a cache loaded from path: equal to qr_svg's? *hits the cache's hits. */
static int
through(const char *path, const char *text, size_t *hits)
{
	struct qrcache *c = qrcache_load(path);
	char *got = qrcache_svg(c, text, "扫码 <原文>", "qr-a"), *want = qr_svg(text, "扫码 <原文>", "qr-a");
	int same = got && want && strcmp(got, want) == 0;

	*hits = qrcache_hits(c);
	free(got);
	free(want);
	qrcache_free(c);
	return same;
}

static void
put(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	fwrite(data, 1, len, f);
	fclose(f);
}

int
main(void)
{
	char dir[] = "/tmp/test_qrcache.XXXXXX", *path, *text = NULL, *svg;
	struct qrcache *c;
	size_t len, hits;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/site.qr", dir);
	c = qrcache_load(path);
	svg = qrcache_svg(c, url, "扫码 <原文>", "qr-a");
	free(svg);
	free(qrcache_svg(c, url, "another label", "qr-b"));
	CHECK_INT("qrcache: drawn once", (int)qrcache_misses(c), 1);
	CHECK_INT("qrcache: then found", (int)qrcache_hits(c), 1);
	qrcache_save(c, path);
	qrcache_free(c);

	CHECK("qrcache: a kept code is qr_svg's bytes", through(path, url, &hits));
	CHECK_INT("qrcache: a kept code is found", (int)hits, 1);
	CHECK("qrcache: another text is drawn", through(path, other, &hits));
	CHECK_INT("qrcache: another text is not found", (int)hits, 0);

	/* a forgery under a valid seal is trusted: the damaged cases below can fail */
	CHECK("qrcache: read back", file_read_raw(path, &text, &len) == 0);
	if (text != NULL) {
		char *p = strstr(text, url), *seal = strstr(text, "\nend ");
		struct sb b;

		CHECK("qrcache: the text is kept whole", p != NULL && seal != NULL);
		if (p && seal) {
			char *d = p + strlen(url);	/* the path data: "M4 4.5h7..." */

			sb_init(&b);
			sb_add(&b, text, (size_t)(seal + 1 - text));
			b.buf[d - text + 1] = '5';	/* M5: another drawing */
			cache_seal(&b);
			put(path, b.buf, b.len);
			CHECK("qrcache: (control) a sealed forgery is used", !through(path, url, &hits) && hits == 1);
			sb_free(&b);
			/* the same change without a new seal: ignored whole */
			text[d - text + 1] = '5';
			put(path, text, len);
			CHECK("qrcache: a changed byte is ignored", through(path, url, &hits) && hits == 0);
			text[d - text + 1] = '4';
			put(path, text, len - 3);
			CHECK("qrcache: a file cut short is ignored", through(path, url, &hits) && hits == 0);
			/* another libqrencode, sealed: ignored */
			sb_init(&b);
			sb_add(&b, text, (size_t)(seal + 1 - text));
			memcpy(strstr(b.buf, "qrencode-"), "qrencodX", 8);
			cache_seal(&b);
			put(path, b.buf, b.len);
			CHECK("qrcache: another library's codes are ignored", through(path, url, &hits) && hits == 0);
			sb_free(&b);
		}
		free(text);
	}
	c = qrcache_load(path);
	char *big = malloc(8000);
	memset(big, 'a', 7999);
	big[7999] = '\0';
	CHECK("qrcache: too long gives NULL", qrcache_svg(c, big, "x", "qr-b") == NULL);
	CHECK("qrcache: and is not kept", qrcache_hits(c) == 0 && qrcache_misses(c) == 0);
	free(big);
	qrcache_free(c);
	unlink(path);
	rmdir(dir);
	free(path);
	return t_done();
}
