/*
 * harness.h: the smallest test harness that does the job. Each check prints
 * "PASS: name" or "FAIL: name: detail"; tests/run.sh counts those lines.
 * A test file defines main() that calls its tests and returns t_done().
 */
#ifndef GONGKAI_HARNESS_H
#define GONGKAI_HARNESS_H

#include <stdio.h>
#include <string.h>

static int t_passed, t_failed;

#define CHECK(name, cond) do {						\
	if (cond) { t_passed++; printf("PASS: %s\n", (name)); }		\
	else { t_failed++; printf("FAIL: %s: %s (%s:%d)\n", (name), #cond, __FILE__, __LINE__); } \
} while (0)

#define CHECK_STR(name, got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0) { t_passed++; printf("PASS: %s\n", (name)); } \
	else { t_failed++; printf("FAIL: %s: got \"%s\", want \"%s\" (%s:%d)\n", (name), \
	    g_ ? g_ : "(null)", w_ ? w_ : "(null)", __FILE__, __LINE__); } \
} while (0)

#define CHECK_INT(name, got, want) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (g_ == w_) { t_passed++; printf("PASS: %s\n", (name)); }	\
	else { t_failed++; printf("FAIL: %s: got %lld, want %lld (%s:%d)\n", (name), g_, w_, __FILE__, __LINE__); } \
} while (0)

static inline int
t_done(void)
{
	return t_failed != 0;
}

#endif
