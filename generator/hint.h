/*
 * hint.h: what a record's title says about it. A clerk writes
 * "法泥村2025年第四季度财务公开" and expects `gongkai new` to know the
 * category and the period without being told twice.
 */
#ifndef GONGKAI_HINT_H
#define GONGKAI_HINT_H

#include "date.h"

/*
 * The disclosure category a title names: 财务公开 when it says 财务;
 * 党务公开 when it says 党务 or 党员 (发展党员 among them); NULL when it
 * names neither (a caller's default is 村务公开). Static (an entry of
 * schema_categories).
 */
const char *hint_category(const char *title);

/*
 * The first period a title names, after a year of four digits and 年:
 *   2025年第四季度, 2025年四季度, 2025年第4季度   -> 2025-Q4
 *   2025年上半年, 2025年下半年                  -> 2025-H1, 2025-H2
 *   2025年3月, 2025年三月, 2025年12月           -> 2025-03, 2025-12
 *   2025年度, 2025年全年                        -> 2025
 * Digits may be ASCII or full-width. Returns 0 and sets *p, or -1 when the
 * title names no period ("2025年工作总结" says a year, not which period).
 */
int hint_period(const char *title, struct period *p);

#endif
