/*
 * test_contact.c: which part of a contact text becomes a link (contact.h),
 * and what kind: tel:, mailto: or the web address itself.
 */
#include <stdlib.h>
#include <string.h>

#include "contact.h"
#include "harness.h"
#include "util.h"

int
main(void)
{
	static const char *const cases[][3] = {
		/* text, href (or "none"), the linked part */
		{ "县委组织部组织科 0871-63512480", "tel:0871-63512480", "0871-63512480" },
		{ "村务监督委员会，电话 13812345678。", "tel:13812345678", "13812345678" },
		{ "服务热线 12345", "tel:12345", "12345" },
		{ "村务监督委员会 138****5678", "none", "" },		/* masked by the gate */
		{ "1234", "none", "" },					/* too short to call */
		{ "2025年12月10日前", "none", "" },			/* a date is not a number */
		{ "来信 dj@example.gov.cn 或 0871-1234567", "mailto:dj@example.gov.cn", "dj@example.gov.cn" },
		{ "12345@qq.com", "mailto:12345@qq.com", "12345@qq.com" },
		{ "邮箱 139****5678@qq.com", "none", "" },	/* a mobile as the name, masked by the gate */
		{ "网上留言 https://example.gov.cn/ly/ 电话 0871-1234567", "https://example.gov.cn/ly/", "https://example.gov.cn/ly/" },
		{ "版本 1.2.3.4.5.6", "none", "" },
		{ "异议请于2025-12-10前提出", "none", "" },		/* a date */
		{ "0871-6351-2480", "tel:0871-6351-2480", "0871-6351-2480" },
		{ "村务监督委员会", "none", "" },
	};
	struct arena *a = arena_new();

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *b = NULL, *e = NULL;
		const char *h = contact_href(a, cases[i][0], &b, &e);
		char name[160];

		snprintf(name, sizeof name, "contact: %s", cases[i][0]);
		CHECK_STR(name, h ? h : "none", cases[i][1]);
		if (h != NULL)
			CHECK_STR(name, arena_strndup(a, b, (size_t)(e - b)), cases[i][2]);
	}
	arena_free(a);
	return t_done();
}
