/*
 * matternew.c: `gongkai new matters --site ID "标题"` (cmd_new hands a
 * matter here: a matter is a folder of its own, not a record kind). It
 * writes sites/<id>/matters/<date>-<slug>.md with the keys of the matter
 * table (schema.c), never replacing a file (recwrite.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "matter.h"
#include "recwrite.h"
#include "util.h"

struct mnew {
	const char	*title;
	const char	*date;		/* YYYY-MM-DD */
};

/* The text of the new file: title, subject, amount. */
static char *
matter_text(void *ctx, const char *name)
{
	(void)name;
	const struct mnew *x = ctx;
	struct sb b;

	sb_init(&b);
	sb_puts(&b, "---\n");
	rw_pair(&b, SCHEMA_MATTERS, "title", x->title);
	rw_pair(&b, SCHEMA_MATTERS, "subject", "其他");
	sb_puts(&b, "# 金额: 120000\n---\n\n");
	sb_puts(&b, "（在这里写这件事的内容：做什么、在哪里、多少钱、谁受益。）\n\n");
	return sb_take(&b);
}

int
matter_new(const char *content_dir, const char *site, const char *title, const char *date,
    const char *slug, int quiet)
{
	struct mnew x = { title, NULL };
	struct date d;
	char db[11], *dir = NULL, *stem = NULL, *path = NULL, *s = NULL;
	int rc = 2;

	if (!rw_site_exists(content_dir, site)) {
		rw_unknown_site("gongkai", content_dir, site);
		return 2;
	}
	if (date != NULL && date_parse(date, &d) < 0) {
		fprintf(stderr, "gongkai: --date wants a date YYYY-MM-DD (the day of the proposal), not '%s'\n", date);
		return 2;
	}
	if (slug != NULL && !rw_is_slug(slug)) {
		fprintf(stderr, "gongkai: --slug may only use a-z, 0-9 and -, not '%s'\n", slug);
		return 2;
	}
	x.date = date_iso(date ? d : date_today(), db);
	s = slug ? NULL : rw_slug(title);
	stem = xasprintf("%s-%s", x.date, slug ? slug : s ? s : "shixiang");
	dir = xasprintf("%s/sites/%s/matters", content_dir, site);
	if (rw_create(dir, stem, slug == NULL, matter_text, &x, &path) != 0) {
		fprintf(stderr, "gongkai: cannot create %s: %s\n", path, errno == EEXIST ?
		    "it exists already; choose another --slug" : strerror(errno));
		rc = errno == EEXIST ? 1 : 2;
		goto out;
	}
	printf("%s\n", path);
	if (!quiet)
		fprintf(stderr, "gongkai: new matter (四议两公开事项); name it in each step by its file name: "
		    "a resolution's matter: %.*s, step: 提议|商议|审议|决议, a disclosure's "
		    "matters: [{matter: %.*s, step: 决议公开|实施结果公开}]\n",
		    (int)(strlen(strrchr(path, '/') + 1) - 3), strrchr(path, '/') + 1,
		    (int)(strlen(strrchr(path, '/') + 1) - 3), strrchr(path, '/') + 1);
	rc = 0;
out:
	free(s);
	free(stem);
	free(dir);
	free(path);
	return rc;
}
