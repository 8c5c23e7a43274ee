/*
 * diag_json.c: `gongkai check --format json`. One JSON document on stdout,
 * made with jansson, findings in the same order as the text output:
 *
 *   {"as_of": "2025-12-10", "errors": 1, "warnings": 2,
 *    "findings": [{"file": "...", "line": 7, "column": 3,
 *                  "severity": "error", "rule": "money-balance",
 *                  "message": "..."}, ...]}
 *
 * line and column are 0 when the whole file is meant. When the content has
 * 四议两公开 matters, "matters" lists each with its computed status and its
 * missing and late steps (matter.h):
 *
 *   "matters": [{"file": "...", "site": "fani", "matter": "2025-02-25-tongzulu",
 *                "title": "...", "status": "已完成", "missing": ["提议"], "late": ["决议公开"]}]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util.h"
#include "gongkai.h"
#include "matter.h"

static int
finding_cmp(const void *x, const void *y)
{
	const struct diag *a = x, *b = y;
	int c = strcmp(a->path, b->path);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return strcmp(a->msg, b->msg);
}

/* The matters and what the model computed of them; NULL when there are none. */
static json_t *
matters_json(const struct matters *mx)
{
	json_t *list;

	if (mx == NULL || mx->n == 0)
		return NULL;
	list = json_array();
	for (size_t i = 0; i < mx->n; i++) {
		const struct matter *mt = mx->v[i];
		json_t *missing, *late;

		/* before the arrays are made: a broken matter must not leak them */
		if (mt->broken)
			continue;
		missing = json_array();
		late = json_array();
		for (int s = 0; s < MSTEP__COUNT; s++) {
			if (mt->state[s] == MSTATE_MISSING)
				json_array_append_new(missing, json_string(mstep_name[s]));
			if (mt->state[s] == MSTATE_LATE)
				json_array_append_new(late, json_string(mstep_name[s]));
		}
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o}",
		    "file", mt->path, "site", mt->site->id, "matter", mt->slug, "title", mt->title,
		    "status", mstatus_name[mt->status], "missing", missing, "late", late));
	}
	return list;
}

int
diags_print_json(struct diags *d, const struct date *as_of, const struct matters *mx)
{
	json_t *ml = matters_json(mx);
	json_t *doc = json_object(), *list = json_array();
	char buf[11];
	int rc = 0;

	xqsort(d->v, d->n, sizeof *d->v, finding_cmp);
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		json_array_append_new(list, json_pack("{s:s, s:i, s:i, s:s, s:s, s:s}",
		    "file", g->path, "line", g->line, "column", g->line > 0 && g->col < 1 ? 1 : g->col,
		    "severity", g->level == DIAG_ERROR ? "error" : "warning",
		    "rule", g->rule, "message", g->msg));
	}
	if (as_of != NULL && as_of->y)
		json_object_set_new(doc, "as_of", json_string(date_iso(*as_of, buf)));
	json_object_set_new(doc, "errors", json_integer((json_int_t)d->errors));
	json_object_set_new(doc, "warnings", json_integer((json_int_t)d->warnings));
	json_object_set_new(doc, "findings", list);
	if (ml != NULL)
		json_object_set_new(doc, "matters", ml);
	if (json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0 || fputc('\n', stdout) == EOF ||
	    fflush(stdout) == EOF)
		rc = -1;
	json_decref(doc);
	return rc;
}
