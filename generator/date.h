/*
 * date.h: calendar dates and disclosure periods. Dates are civil dates with
 * no time zone; a build is reproducible whatever TZ says.
 */
#ifndef GONGKAI_DATE_H
#define GONGKAI_DATE_H

struct date {
	int	y, m, d;	/* 0 0 0 means "no date" */
};

/* Parses exactly YYYY-MM-DD with a real calendar day. 0 or -1. */
int date_parse(const char *s, struct date *out);
/* Days since 1970-01-01 (negative before). */
long date_days(struct date d);
struct date date_from_days(long days);
/* 0 Monday .. 6 Sunday */
int date_weekday(struct date d);
int date_cmp(struct date a, struct date b);
int date_valid(struct date d);
/* "2024年6月12日"; buf holds at least 32 bytes. Returns buf. */
char *date_cn(struct date d, char *buf);
/* "2024-06-12"; buf holds at least 11 bytes. Returns buf. */
char *date_iso(struct date d, char *buf);
/* Today from the system clock, in local time. */
struct date date_today(void);

enum period_unit {
	PERIOD_MONTH,
	PERIOD_QUARTER,
	PERIOD_HALF,
	PERIOD_YEAR
};

struct period {
	int			year;
	enum period_unit	unit;
	int			n;	/* month 1-12, quarter 1-4, half 1-2; 1 for a year */
};

/* Parses 2024-06, 2024-Q2, 2024-H1 or 2024. 0 or -1. */
int period_parse(const char *s, struct period *out);
struct date period_start(struct period p);
struct date period_end(struct period p);
/* The period of the same unit that follows p. */
struct period period_next(struct period p);
/* The period of `unit` that contains date d. */
struct period period_of(struct date d, enum period_unit unit);
int period_cmp(struct period a, struct period b);
/* "2024年第二季度" etc.; buf at least 48 bytes. */
char *period_cn(struct period p, char *buf);
/* "2024-Q2" etc.; buf at least 16 bytes. */
char *period_str(struct period p, char *buf);
/* monthly|quarterly|half-yearly|yearly -> unit; -1 when unknown. */
int period_unit_parse(const char *s);

#endif
