/*
 * schema.c: the key tables of the content model, and the validator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "frontmatter.h"
#include "kinds.h"
#include "money.h"
#include "schema.h"
#include "util.h"
#include "i18n.h"

const char *const schema_meeting_types[] = {
	"两委联席会议", "党员大会", "支部委员会", "党小组会", "党课", "主题党日",
	"组织生活会", "民主评议党员", "村民会议", "村民代表会议", "村民小组会议",
	"民主听证会", "民主协商", NULL
};
const char *const schema_categories[] = { "村务公开", "财务公开", "党务公开", NULL };
const char *const schema_notice_kinds[] = {
	"低保", "特困供养", "临时救助", "发展党员", "干部任前", "评优表彰", "资产评估", "其他", NULL
};
const char *const schema_requirements[] = {
	"班子建设", "队伍建设", "发展党员", "党员管理", "工作机制", "服务职能", "扶贫开发",
	"经济社会发展", NULL
};
const char *const schema_promoted[] = { "乡镇", "县", "州", NULL };
const char *const schema_stages[] = { "自查申报", "镇党委考核", "县委复核", "公示", "命名", NULL };
const char *const schema_site_types[] = { "通道型", "资源型", "扶贫型", NULL };
const char *const schema_levels[] = { "镇", "乡", "村", NULL };
const char *const schema_subjects[] = {
	"集体经济项目", "土地承包经营", "集体资产处置", "公益事业建设", "宅基地", "补偿费分配",
	"误工补贴", "其他", NULL
};
static const char *const meeting_steps[] = { "提议", "商议", "审议", "决议", NULL };
static const char *const disclosure_steps[] = { "决议公开", "实施结果公开", NULL };
static const char *const audiences[] = { "public", "internal", NULL };
static const char *const privacy_modes[] = { "mask", "refuse", NULL };
static const char *const frequencies[] = { "monthly", "quarterly", "half-yearly", "yearly", NULL };
static const char *const day_units[] = { "calendar", "workday", NULL };

#define END { NULL, NULL, FT_STR, 0, NULL, NULL, FT_STR, NULL }
#define F(k, a, t, r, h) { k, a, t, r, NULL, NULL, FT_STR, h }
#define E(k, a, v, r, h) { k, a, FT_ENUM, r, NULL, v, FT_STR, h }
#define M(k, a, t, s, r, h) { k, a, t, r, s, NULL, FT_STR, h }

/* Keys every dated record has. */
#define COMMON \
	F("title", "标题", FT_STR, 1, "标题"), \
	F("date", "日期", FT_DATE, 1, "日期，格式 YYYY-MM-DD"), \
	E("kind", "记录类型", kind_dirs, 0, "记录类型，须与所在文件夹一致"), \
	F("tags", "标签", FT_STR_LIST, 0, "标签，如 [党员教育, 产业发展]"), \
	F("draft", "草稿", FT_BOOL, 0, "草稿：true 时不发布"), \
	F("summary", "摘要", FT_STR, 0, "摘要；不填则取正文第一段"), \
	F("author", "发布单位", FT_STR, 0, "发布单位"), \
	F("attachments", "附件", FT_STR_LIST, 0, "附件：static/ 下的文件，随公开记录发布（先查隐私）"), \
	E("audience", "公开范围", audiences, 0, "公开范围：public 公开（默认）或 internal 内部")

static const struct field stats_fields[] = {
	F("year", "年度", FT_YEAR, 1, "年度"),
	F("groups", "村民小组", FT_INT, 0, "村民小组个数"),
	F("households", "户数", FT_INT, 0, "户数"),
	F("population", "人口", FT_INT, 0, "人口"),
	F("farmland_mu", "耕地亩", FT_INT, 0, "耕地（亩）"),
	F("income_per_capita", "人均纯收入", FT_INT, 0, "人均纯收入（元）"),
	F("grain_per_capita_kg", "人均占有粮", FT_INT, 0, "人均占有粮（公斤）"),
	F("party_branches", "党支部", FT_INT, 0, "党支部个数"),
	F("party_members", "党员", FT_INT, 0, "党员人数"),
	F("villages", "行政村", FT_INT, 0, "行政村个数"),
	END
};

static const struct field profile_fields[] = {
	F("name", "名称", FT_STR, 1, "示范点名称"),
	E("level", "层级", schema_levels, 0, "层级：镇、乡或村"),
	F("parent", "上级", FT_SLUG, 0, "所属乡镇的示范点编号（村填写）"),
	E("type", "类型", schema_site_types, 0, "类型：通道型、资源型或扶贫型"),
	F("location", "位置", FT_STR, 0, "位置"),
	F("since", "公开起始", FT_DATE, 0, "公开起始日期"),
	M("stats", "基本数据", FT_MAP_LIST, stats_fields, 0, "基本数据，每年一条"),
	F("summary", "摘要", FT_STR, 0, "简介"),
	F("tags", "标签", FT_STR_LIST, 0, "标签"),
	F("one_shoulder", "一肩挑", FT_BOOL, 0, "书记、主任一肩挑：提议和商议可在同一次两委联席会议进行"),
	END
};

static const struct field page_fields[] = {
	F("title", "标题", FT_STR, 1, "标题"),
	F("date", "日期", FT_DATE, 0, "日期"),
	F("summary", "摘要", FT_STR, 0, "摘要"),
	F("author", "发布单位", FT_STR, 0, "发布单位"),
	F("draft", "草稿", FT_BOOL, 0, "草稿"),
	F("weight", "排序", FT_INT, 0, "在导航中的顺序，小的在前"),
	F("menu", "导航", FT_BOOL, 0, "是否出现在页眉导航中"),
	END
};

static const struct field work_fields[] = { COMMON, END };

static const struct field absent_fields[] = {
	F("name", "姓名", FT_STR, 1, "姓名"),
	F("reason", "原因", FT_STR, 0, "原因"),
	END
};

static const struct field resolution_fields[] = {
	F("item", "事项", FT_STR, 1, "表决事项"),
	F("for", "赞成", FT_INT, 1, "赞成票"),
	F("against", "反对", FT_INT, 0, "反对票"),
	F("abstain", "弃权", FT_INT, 0, "弃权票"),
	F("passed", "通过", FT_BOOL, 0, "记录上写的是否通过（以系统按票数计算的结果为准，不一致时提示）"),
	F("matter", "所属事项", FT_SLUG, 0, "四议两公开：所属事项的文件名（不含 .md）"),
	E("step", "步骤", meeting_steps, 0, "四议两公开：本次表决是哪一步（提议、商议、审议或决议）"),
	END
};

static const struct field meeting_fields[] = {
	COMMON,
	E("meeting_type", "会议类型", schema_meeting_types, 1, "会议类型"),
	F("location", "地点", FT_STR, 0, "地点"),
	F("host", "主持人", FT_STR, 0, "主持人"),
	F("recorder", "记录人", FT_STR, 0, "记录人"),
	F("expected", "应到", FT_INT, 0, "应到人数"),
	F("present", "实到", FT_INT, 0, "实到人数"),
	M("absent", "缺席", FT_MAP_LIST, absent_fields, 0, "缺席人员及原因"),
	F("agenda", "议题", FT_STR_LIST, 0, "议题"),
	M("resolutions", "决议", FT_MAP_LIST, resolution_fields, 0, "决议及表决情况"),
	END
};

static const struct field line_fields[] = {
	F("item", "项目", FT_STR, 1, "项目"),
	F("amount", "金额", FT_MONEY, 1, "金额（元）"),
	END
};

static const struct field finance_fields[] = {
	F("opening_balance", "期初余额", FT_MONEY, 1, "期初余额（元）"),
	M("income", "收入", FT_MAP_LIST, line_fields, 0, "收入明细"),
	M("expense", "支出", FT_MAP_LIST, line_fields, 0, "支出明细"),
	F("closing_balance", "期末余额", FT_MONEY, 1, "期末余额（元）"),
	F("income_total", "收入合计", FT_MONEY, 0, "收入合计（可选，须等于明细之和）"),
	F("expense_total", "支出合计", FT_MONEY, 0, "支出合计（可选，须等于明细之和）"),
	END
};

static const struct field notice_fields[] = {
	E("kind", "类型", schema_notice_kinds, 0, "公示类型"),
	F("from", "开始", FT_DATE, 1, "公示开始日期"),
	F("to", "结束", FT_DATE, 1, "公示结束日期"),
	F("contact", "联系方式", FT_STR, 0, "异议受理：向谁反映、电话"),
	END
};

static const struct field matter_step_fields[] = {
	F("matter", "事项", FT_SLUG, 1, "所属事项的文件名（不含 .md）"),
	E("step", "步骤", disclosure_steps, 1, "公开的是哪一步：决议公开或实施结果公开"),
	END
};

static const struct field matter_fields[] = {
	F("title", "标题", FT_STR, 1, "事项名称"),
	F("date", "日期", FT_DATE, 0, "提议日期（与文件名中的日期相同，可不填）"),
	E("subject", "事项类别", schema_subjects, 0, "事项类别"),
	F("amount", "金额", FT_MONEY, 0, "涉及金额（元）"),
	F("summary", "摘要", FT_STR, 0, "摘要；不填则取正文第一段"),
	F("tags", "标签", FT_STR_LIST, 0, "标签"),
	F("draft", "草稿", FT_BOOL, 0, "草稿：true 时不发布"),
	END
};

/* The life of a disclosure (life.h): sign-off, corrections, objections, withdrawal. */
static const char *const review_bodies[] = { "村务监督委员会", "民主理财小组", NULL };
static const struct field review_fields[] = {
	E("body", "审核机构", review_bodies, 0, "审核机构"),
	F("by", "审核人", FT_STR_LIST, 0, "审核人姓名"),
	F("date", "日期", FT_DATE, 1, "审核日期（应在发布之前）"),
	F("opinion", "意见", FT_STR, 0, "审核意见"),
	END
};
static const struct field dated_fields[] = {
	F("date", "日期", FT_DATE, 1, "日期"),
	F("reason", "原因", FT_STR, 1, "原因"),
	END
};
static const struct field objection_fields[] = {
	F("received", "收到", FT_DATE, 1, "收到异议的日期"),
	F("summary", "摘要", FT_STR, 1, "异议内容摘要（不写异议人姓名）"),
	F("replied", "答复", FT_DATE, 0, "答复日期"),
	F("outcome", "结果", FT_STR, 0, "处理结果"),
	END
};

static const struct field disclosure_fields[] = {
	COMMON,
	E("category", "类别", schema_categories, 1, "类别：村务公开、财务公开或党务公开"),
	F("period", "所属期", FT_PERIOD, 1, "所属期，如 2025-Q1、2025-06、2025-H1、2025"),
	M("notice", "公示", FT_MAP, notice_fields, 0, "公示：类型、起止日期、异议受理"),
	F("rows", "名单", FT_STR, 0, "公示名单 CSV 文件（与本文件同一文件夹）"),
	M("finance", "财务", FT_MAP, finance_fields, 0, "财务公开表"),
	M("matters", "四议两公开", FT_MAP_LIST, matter_step_fields, 0, "本公开公布的四议两公开步骤"),
	M("review", "审核", FT_MAP, review_fields, 0, "审核：村务监督委员会或民主理财小组的审核"),
	M("corrections", "更正", FT_MAP_LIST, dated_fields, 0, "更正说明：日期和原因"),
	M("objections", "异议", FT_MAP_LIST, objection_fields, 0, "异议及答复（不写异议人姓名）"),
	M("withdrawn", "撤回", FT_MAP, dated_fields, 0, "撤回：日期和原因；页面只留撤回说明"),
	END
};

static const struct field case_fields[] = {
	COMMON,
	E("requirement", "对应要求", schema_requirements, 1, "对应方案中的哪项要求"),
	E("promoted", "推广级别", schema_promoted, 0, "推广级别：乡镇、县或州"),
	F("evidence", "佐证", FT_STR_LIST, 0, "佐证记录的相对路径"),
	END
};

static const struct field score_fields[] = {
	F("item", "项目", FT_STR, 1, "考核项目"),
	F("max", "满分", FT_INT, 1, "满分"),
	F("score", "得分", FT_INT, 1, "得分"),
	END
};

static const struct field assessment_fields[] = {
	COMMON,
	F("year", "年度", FT_YEAR, 1, "考核年度"),
	E("stage", "阶段", schema_stages, 1, "阶段"),
	M("scores", "评分", FT_MAP_LIST, score_fields, 1, "评分表"),
	F("pass_mark", "达标分", FT_INT, 0, "达标分（不填用 site.yaml 的规定）"),
	END
};

static const struct field report_fields[] = {
	COMMON,
	F("year", "年度", FT_YEAR, 1, "报告年度"),
	END
};

static const struct field footer_fields[] = {
	F("org", "主办单位", FT_STR, 0, "主办单位"),
	F("operator", "承办单位", FT_STR, 0, "承办单位"),
	F("contact", "联系方式", FT_STR, 0, "联系方式（其中的电话号码可以点击拨打）"),
	F("address", "地址", FT_STR, 0, "地址"),
	F("icp", "备案号", FT_STR, 0, "ICP 备案号，如 滇ICP备00000000号（链接到工信部备案查询）"),
	F("police", "公安备案号", FT_STR, 0, "公安机关备案号，如 滇公网安备 53010202000000号（链接到全国公安机关互联网站安全管理服务平台）"),
	F("site_code", "网站标识码", FT_STR, 0, "政府网站标识码，如 5301000001"),
	F("mark", "党政机关网站标识", FT_STR, 0, "党政机关网站标识图片（static/ 下的文件，如 static/dzjg.png）"),
	F("mark_url", "标识链接", FT_STR, 0, "党政机关网站标识的链接（机构编制部门给出的地址）"),
	F("text", "说明", FT_STR, 0, "其他说明"),
	END
};

static const struct field rules_fields[] = {
	{ "disclosure_frequency", "公开频次", FT_DICT, 0, NULL, frequencies, FT_ENUM, "各类别公开频次" },
	F("disclosure_grace_days", "公开宽限天数", FT_INT, 0, "期满后多少天内须公开"),
	F("disclosure_since", "公开起始", FT_DATE, 0, "从哪一天起的期次须公开"),
	{ "notice_min_days", "公示最短天数", FT_DICT, 0, NULL, NULL, FT_INT, "各类公示最短天数" },
	E("notice_day_unit", "公示计日方式", day_units, 0, "calendar 自然日或 workday 工作日"),
	F("holidays", "节假日", FT_DATE_LIST, 0, "法定节假日"),
	F("workdays", "调休上班日", FT_DATE_LIST, 0, "调休上班日"),
	{ "meeting_cadence", "会议频次", FT_DICT, 0, NULL, frequencies, FT_ENUM, "各类会议应召开的频次" },
	F("pass_mark", "达标分", FT_INT, 0, "五个好达标分"),
	F("matter_disclosure_days", "决议公开天数", FT_INT, 0, "四议两公开：决议后多少天内须决议公开，默认 7"),
	F("review_required", "须审核类别", FT_STR_LIST, 0, "须经审核才能公开的类别，如 [财务公开, 村务公开]"),
	F("objection_reply_days", "异议答复工作日", FT_INT, 0, "异议须在收到后几个工作日内答复，默认 5"),
	{ "notice_retention_days", "公示保留天数", FT_DICT, 0, NULL, NULL, FT_INT, "公示结束后名单保留天数（各类公示）" },
	END
};

static const struct field config_fields[] = {
	F("title", "标题", FT_STR, 1, "网站名称"),
	F("base_url", "网址", FT_STR, 0, "网站地址，如 https://example.gov.cn/"),
	F("language", "语言", FT_STR, 0, "语言，默认 zh-CN"),
	F("theme", "主题", FT_SLUG, 0, "主题，默认 default"),
	F("description", "简介", FT_STR, 0, "网站简介"),
	M("footer", "页脚", FT_MAP_OR_STR, footer_fields, 0, "页脚：一行文字，或主办单位、备案号、联系方式等分项"),
	F("feedback", "纠错反馈", FT_STR, 0, "纠错、意见反馈渠道：电话、邮箱或网址（每页页脚显示）"),
	F("as_of", "基准日期", FT_DATE, 0, "判断逾期、公示中的基准日期，默认今天"),
	M("rules", "规则", FT_MAP, rules_fields, 0, "公开规则"),
	E("privacy", "隐私", privacy_modes, 0, "mask 打码（默认）或 refuse 拒绝发布"),
	F("privacy_allow", "允许公开号码", FT_STR_LIST, 0, "可以公开的号码（如村委会值班电话）"),
	F("unsafe_html", "允许HTML", FT_BOOL, 0, "是否允许正文中的原始 HTML，以及 HTML、脚本和含脚本的 SVG 附件（默认否）"),
	F("paginate", "每页条数", FT_INT, 0, "列表每页条数，默认 20"),
	END
};

const struct field *
schema_fields(enum schema_which w)
{
	switch (w) {
	case SCHEMA_SITE_CONFIG: return config_fields;
	case SCHEMA_PROFILE: return profile_fields;
	case SCHEMA_PAGE: return page_fields;
	case SCHEMA_WORK: return work_fields;
	case SCHEMA_MEETINGS: return meeting_fields;
	case SCHEMA_DISCLOSURES: return disclosure_fields;
	case SCHEMA_CASES: return case_fields;
	case SCHEMA_ASSESSMENTS: return assessment_fields;
	case SCHEMA_REPORTS: return report_fields;
	case SCHEMA_MATTERS: return matter_fields;
	}
	return NULL;
}

int
schema_bool(const char *s)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes", "Yes", "是", "on", NULL };
	static const char *const no[] = { "false", "False", "FALSE", "no", "No", "否", "off", NULL };

	for (int i = 0; yes[i]; i++)
		if (strcmp(s, yes[i]) == 0)
			return 1;
	for (int i = 0; no[i]; i++)
		if (strcmp(s, no[i]) == 0)
			return 0;
	return -1;
}

/* State for one schema_check call. */
struct sc {
	const char	*path;
	const char	*src;
	struct diags	*d;
	int		 errors;
};

static void
sc_err(struct sc *c, const struct ynode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
sc_err(struct sc *c, const struct ynode *at, const char *fmt, ...)
{
	va_list ap;
	struct sb b;

	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, _(fmt), ap);
	va_end(ap);
	diag_add_src(c->d, DIAG_ERROR, "schema", c->path, c->src, at->line, at->col, "%s", sb_str(&b));
	sb_free(&b);
	c->errors++;
}

/* Appends s to the string in buf[0..n), cut as snprintf cuts. */
static void
name_cat(char *buf, size_t n, size_t *at, const char *s)
{
	size_t k = strlen(s);

	if (k > n - 1 - *at)
		k = n - 1 - *at;
	memcpy(buf + *at, s, k);
	*at += k;
	buf[*at] = '\0';
}

/*
 * "'key' (中文)" for messages. Made for every field checked, most of which
 * have no message: joined by hand, as snprintf's parsing cost more than
 * the check itself.
 */
static void
name_of(const struct field *f, char *buf, size_t n)
{
	size_t at = 0;

	buf[0] = '\0';
	name_cat(buf, n, &at, "'");
	name_cat(buf, n, &at, f->key);
	name_cat(buf, n, &at, "'");
	if (f->alias) {
		name_cat(buf, n, &at, " (");
		name_cat(buf, n, &at, f->alias);
		name_cat(buf, n, &at, ")");
	}
}

static const char *
closest(const char *s, const char *const *cands, int limit)
{
	const char *best = NULL;
	int bestd = limit + 1;

	for (int i = 0; cands[i]; i++) {
		int dist = edit_distance(s, cands[i]);

		if (dist < bestd) {
			bestd = dist;
			best = cands[i];
		}
	}
	return best;
}

static void
list_values(struct sb *b, const char *const *v)
{
	for (int i = 0; v[i]; i++) {
		if (i)
			sb_puts(b, ", ");
		sb_puts(b, v[i]);
	}
}

static void check_value(struct sc *c, const struct field *f, struct ynode *v);

static int
want_scalar(struct sc *c, const struct field *f, struct ynode *v, const char *what)
{
	char nm[128];

	if (v->type == YNODE_SCALAR)
		return 1;
	name_of(f, nm, sizeof nm);
	sc_err(c, v, "%s must be %s, not a %s", nm, _(what), v->type == YNODE_SEQ ? _("list") : _("mapping"));
	return 0;
}

static void
check_enum(struct sc *c, const struct field *f, const char *const *values, struct ynode *v)
{
	struct sb b;
	char nm[128];
	const char *near;

	for (int i = 0; values[i]; i++)
		if (strcmp(v->str, values[i]) == 0)
			return;
	name_of(f, nm, sizeof nm);
	sb_init(&b);
	near = closest(v->str, values, 3);
	if (near)
		sb_printf(&b, _("did you mean '%s'? "), near);
	sb_puts(&b, _("use one of: "));
	list_values(&b, values);
	sc_err(c, v, "%s cannot be '%s'; %s", nm, v->str, sb_str(&b));
	sb_free(&b);
}

static void
check_scalar(struct sc *c, const struct field *f, enum ftype t, struct ynode *v)
{
	char nm[128];
	struct date dt;
	struct period p;
	const char *why;
	int64_t fen;

	name_of(f, nm, sizeof nm);
	if (!want_scalar(c, f, v, "a single value"))
		return;
	if (v->null) {
		if (f->required)
			sc_err(c, v, "%s is empty; fill it in", nm);
		return;
	}
	switch (t) {
	case FT_DATE:
		if (date_parse(v->str, &dt) < 0)
			sc_err(c, v, "%s: '%s' is not a date; write it as YYYY-MM-DD, e.g. 2024-06-12", nm, v->str);
		break;
	case FT_INT: {
		char *end;
		long n = strtol(v->str, &end, 10);
		if (!v->plain || *end || end == v->str || n < 0 || n > 100000000)
			sc_err(c, v, "%s: '%s' is not a whole number; write digits only, e.g. 12", nm, v->str);
		break;
	}
	case FT_YEAR: {
		char *end;
		long n = strtol(v->str, &end, 10);
		if (*end || end == v->str || n < 1900 || n > 2999)
			sc_err(c, v, "%s: '%s' is not a year; write four digits, e.g. 2024", nm, v->str);
		break;
	}
	case FT_BOOL:
		if (schema_bool(v->str) < 0)
			sc_err(c, v, "%s: '%s' is not true or false", nm, v->str);
		break;
	case FT_MONEY:
		if (money_parse(v->str, &fen, &why) < 0)
			sc_err(c, v, "%s: '%s': %s", nm, v->str, why);
		break;
	case FT_PERIOD:
		if (period_parse(v->str, &p) < 0)
			sc_err(c, v, "%s: '%s' is not a period; write 2024-06 (month), 2024-Q2 (quarter), "
			    "2024-H1 (half year) or 2024 (year)", nm, v->str);
		break;
	case FT_SLUG:
		for (const char *s = v->str; *s; s++)
			if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) {
				sc_err(c, v, "%s: '%s' may only contain a-z, 0-9 and -", nm, v->str);
				break;
			}
		break;
	case FT_ENUM:
		check_enum(c, f, f->values, v);
		break;
	default:
		break;
	}
}

static void
check_list(struct sc *c, const struct field *f, enum ftype item, struct ynode *v)
{
	if (v->type == YNODE_SCALAR) {
		if (!v->null)
			check_scalar(c, f, item, v);
		return;
	}
	if (v->type != YNODE_SEQ) {
		char nm[128];
		name_of(f, nm, sizeof nm);
		sc_err(c, v, "%s must be a list, e.g. [a, b] or lines starting with '- '", nm);
		return;
	}
	for (size_t i = 0; i < v->n; i++)
		check_scalar(c, f, item, v->items[i]);
}

static int check_map(struct sc *c, const struct field *fields, struct ynode *map);

static void
check_value(struct sc *c, const struct field *f, struct ynode *v)
{
	char nm[128];

	name_of(f, nm, sizeof nm);
	switch (f->type) {
	case FT_STR_LIST:
		check_list(c, f, FT_STR, v);
		break;
	case FT_DATE_LIST:
		check_list(c, f, FT_DATE, v);
		break;
	case FT_MAP_OR_STR:
		if (v->type == YNODE_SCALAR)
			return;		/* one line of text: any text will do */
		/* FALLTHROUGH */
	case FT_MAP:
		if (v->type != YNODE_MAP) {
			if (!(v->type == YNODE_SCALAR && v->null))
				sc_err(c, v, "%s must be a group of 'key: value' lines", nm);
			return;
		}
		check_map(c, f->sub, v);
		break;
	case FT_MAP_LIST:
		if (v->type == YNODE_SCALAR && v->null)
			return;
		if (v->type != YNODE_SEQ) {
			sc_err(c, v, "%s must be a list of entries, each line starting with '- '", nm);
			return;
		}
		for (size_t i = 0; i < v->n; i++) {
			if (v->items[i]->type != YNODE_MAP)
				sc_err(c, v->items[i], "each entry of %s must be a group of 'key: value'", nm);
			else
				check_map(c, f->sub, v->items[i]);
		}
		break;
	case FT_DICT:
		if (v->type != YNODE_MAP) {
			sc_err(c, v, "%s must be a group of 'name: value' lines", nm);
			return;
		}
		for (size_t i = 0; i < v->n; i++) {
			struct field vf = *f;
			vf.required = 1;
			check_scalar(c, &vf, f->valtype, v->ents[i].val);
		}
		break;
	case FT_STR:
		/* '' or "  " is as empty as nothing: a required text says something (withdrawn.reason) */
		if (v->type == YNODE_SCALAR && f->required && (v->null || v->str == NULL || text_blank(v->str))) {
			sc_err(c, v, "%s is empty; fill it in", nm);
			return;
		}
		want_scalar(c, f, v, "text");
		break;
	default:
		check_scalar(c, f, f->type, v);
		break;
	}
}

static const struct field *
find_field(const struct field *fields, const char *key)
{
	for (const struct field *f = fields; f->key; f++)
		if (strcmp(f->key, key) == 0 || (f->alias && strcmp(f->alias, key) == 0))
			return f;
	return NULL;
}

/* Reports an unknown key; returns the field it probably meant, or NULL. */
static const struct field *
unknown_key(struct sc *c, const struct field *fields, const struct ynode *key)
{
	const struct field *best = NULL;
	int bestd = 100;
	struct sb b;

	for (const struct field *f = fields; f->key; f++) {
		int dist = edit_distance(key->str, f->key);
		/* a Chinese alias is short: one wrong character */
		int dista = f->alias ? edit_distance(key->str, f->alias) : 100;

		if (dist <= 2 + (int)strlen(f->key) / 6 && dist < bestd) {
			bestd = dist;
			best = f;
		}
		if (dista <= 1 && dista < bestd) {
			bestd = dista;
			best = f;
		}
	}
	sb_init(&b);
	if (best)
		sb_printf(&b, _("did you mean '%s'%s%s%s?"), best->key, best->alias ? " (" : "",
		    best->alias ? best->alias : "", best->alias ? ")" : "");
	else {
		sb_puts(&b, _("known keys here: "));
		for (const struct field *f = fields; f->key; f++)
			sb_printf(&b, "%s%s", f == fields ? "" : ", ", f->key);
	}
	sc_err(c, key, "unknown key '%s'; %s", key->str, sb_str(&b));
	sb_free(&b);
	return best;
}

static int
check_map(struct sc *c, const struct field *fields, struct ynode *map)
{
	int before = c->errors;
	const struct field *meant[16];
	size_t nmeant = 0;

	for (size_t i = 0; i < map->n; i++) {
		struct ynode *key = map->ents[i].key;
		const struct field *f = find_field(fields, key->str);

		if (f == NULL) {
			const struct field *m = unknown_key(c, fields, key);
			if (m != NULL && nmeant < 16)
				meant[nmeant++] = m;
			continue;
		}
		if (strcmp(key->str, f->key) != 0) {
			/* An alias: the English key must not be there too. */
			struct yent *other = ymap_ent(map, f->key);
			if (other != NULL) {
				/* point at whichever of the two comes second */
				const struct ynode *at = other->key->line > key->line ? other->key : key;
				sc_err(c, at, "'%s' and '%s' are the same key; keep one of them", key->str, f->key);
				continue;
			}
			/* the English name from the static table: the tree's own text is one block (frontmatter.h) */
			key->str = f->key;
		}
		check_value(c, f, map->ents[i].val);
	}
	for (const struct field *f = fields; f->key; f++) {
		char nm[128];

		int suggested = 0;

		for (size_t j = 0; j < nmeant; j++)
			suggested |= meant[j] == f;
		/* "did you mean 'title'" already said it: no second error for the same slip */
		if (!f->required || ymap_get(map, f->key) != NULL || suggested)
			continue;
		name_of(f, nm, sizeof nm);
		sc_err(c, map, "missing required key %s: add a line '%s: …'", nm, f->key);
	}
	return c->errors - before;
}

int
schema_check(const struct field *fields, struct ynode *map,
    const char *path, const char *src, struct diags *d)
{
	struct sc c = { path, src, d, 0 };

	check_map(&c, fields, map);
	return c.errors;
}

static const char *
type_name(enum ftype t)
{
	switch (t) {
	case FT_STR: return "文字";
	case FT_DATE: return "日期 YYYY-MM-DD";
	case FT_INT: return "整数";
	case FT_YEAR: return "年份";
	case FT_BOOL: return "true / false";
	case FT_MONEY: return "金额（元，最多两位小数）";
	case FT_ENUM: return "选项";
	case FT_PERIOD: return "期间 2025-Q1 / 2025-06 / 2025-H1 / 2025";
	case FT_SLUG: return "编号 a-z 0-9 -";
	case FT_STR_LIST: return "列表";
	case FT_DATE_LIST: return "日期列表";
	case FT_MAP: return "分组";
	case FT_MAP_OR_STR: return "文字或分组";
	case FT_MAP_LIST: return "条目列表";
	case FT_DICT: return "名称: 值";
	}
	return "";
}

static void
print_fields(FILE *f, const struct field *fields, const char *prefix)
{
	for (const struct field *x = fields; x->key; x++) {
		fprintf(f, "| `%s%s` | %s | %s | %s | %s", prefix, x->key, x->alias ? x->alias : "",
		    type_name(x->type), x->required ? "必填" : "", x->help);
		if (x->values != NULL) {
			fputs("：", f);
			for (int i = 0; x->values[i]; i++)
				fprintf(f, "%s%s", i ? "、" : "", x->values[i]);
		}
		fputs(" |\n", f);
	}
	for (const struct field *x = fields; x->key; x++) {
		char p[128];

		if (x->sub == NULL)
			continue;
		snprintf(p, sizeof p, "%s%s.", prefix, x->key);
		print_fields(f, x->sub, p);
	}
}

static void
print_family(FILE *f, enum schema_which w, const char *title, const char *title_cn)
{
	fprintf(f, "%s#### %s%s%s%s\n\n| key | 中文 | 类型 | | 说明 |\n|---|---|---|---|---|\n",
	    w == SCHEMA_SITE_CONFIG ? "" : "\n", title, title_cn ? "（" : "", title_cn ? title_cn : "",
	    title_cn ? "）" : "");
	print_fields(f, schema_fields(w), "");
}

void
schema_print_markdown(FILE *f)
{
	print_family(f, SCHEMA_SITE_CONFIG, "site.yaml", NULL);
	print_family(f, SCHEMA_PROFILE, "sites/<id>/index.md", "示范点概况");
	print_family(f, SCHEMA_PAGE, "pages/<slug>.md", "页面");
	/* then the record kinds, in the kinds table's order */
	for (int k = 0; k < KIND__COUNT; k++) {
		char dir[64];

		snprintf(dir, sizeof dir, "%s/", kind_info[k].dir);
		print_family(f, kind_info[k].schema, dir, kind_info[k].cn);
	}
	/* a matter is not a record kind: its own folder, after them */
	print_family(f, SCHEMA_MATTERS, "matters/", "四议两公开事项");
}
