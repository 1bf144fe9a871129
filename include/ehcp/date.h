#ifndef EHCP_DATE_H
#define EHCP_DATE_H

/*
 * Calendar dates: the proleptic Gregorian calendar, no time of day and no
 * time zone.  A date is a count of days since 1970-01-01, so that the
 * statutory arithmetic ("within 20 weeks") is integer addition.  Every
 * function here is pure: no I/O, no globals, no dependence on the machine's
 * clock or time zone, save ehcp_date_today().  Everything may be called
 * from any thread.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ehcp/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t ehcp_date;

/* "No date": a milestone that has not happened. */
#define EHCP_DATE_NONE INT32_MIN

/* The range a parsed or constructed date may take: years 1 to 9999. */
#define EHCP_DATE_MIN_YEAR 1
#define EHCP_DATE_MAX_YEAR 9999

bool ehcp_date_is_leap_year(int year);
/* Days in a month (1-12) of a year, or 0 for a month that does not exist. */
int ehcp_date_days_in_month(int year, int month);
bool ehcp_date_ymd_valid(int year, int month, int day);

/* Build a date; EHCP_EINVALID for an impossible one (2023-02-29). */
EHCP_WARN_UNUSED int ehcp_date_from_ymd(ehcp_date *out, int year, int month, int day);
/* Unchecked: the caller guarantees the date is valid. */
ehcp_date ehcp_date_from_ymd_unchecked(int year, int month, int day);
void ehcp_date_to_ymd(ehcp_date d, int *year, int *month, int *day);

/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int ehcp_date_weekday(ehcp_date d);

static inline ehcp_date ehcp_date_add_days(ehcp_date d, int32_t days) { return d + days; }
/* a - b in days. */
static inline int32_t ehcp_date_diff(ehcp_date a, ehcp_date b) { return a - b; }

ehcp_date ehcp_date_month_start(ehcp_date d);
ehcp_date ehcp_date_year_start(ehcp_date d);
/* First day of the month `months` after d's month (negative goes back). */
ehcp_date ehcp_date_add_months_start(ehcp_date d, int months);

/*
 * Parse YYYY-MM-DD, or DD/MM/YYYY as a UK spreadsheet writes it (day and
 * month may have one digit).  The whole of s[0..len) must be the date.  On
 * failure returns EHCP_EINVALID and writes the reason ("31/04/2021: April
 * 2021 has 30 days") into why (if not NULL); does not touch the thread's
 * last error, so it can be called from anywhere.
 */
EHCP_WARN_UNUSED int ehcp_date_parse(ehcp_date *out, const char *s, size_t len, char *why, size_t whylen);

/* A month, YYYY-MM: its first and last days (either may be NULL).
 * EHCP_EINVALID with the reason in why for anything else. */
EHCP_WARN_UNUSED int ehcp_date_parse_month(ehcp_date *first, ehcp_date *last, const char *s, size_t len, char *why,
                                           size_t whylen);

/* 1 January and 31 December of a year. */
void ehcp_date_year_bounds(ehcp_date *first, ehcp_date *last, int year);

/* Only YYYY-MM-DD. */
EHCP_WARN_UNUSED int ehcp_date_parse_iso(ehcp_date *out, const char *s, size_t len, char *why, size_t whylen);

#define EHCP_DATE_ISO_LEN 11 /* "2020-05-25" and its NUL */
/* Writes YYYY-MM-DD; "" for EHCP_DATE_NONE.  buf holds EHCP_DATE_ISO_LEN. */
char *ehcp_date_format_iso(char *buf, ehcp_date d);

/*
 * Today in the machine's local calendar: the one function in the library
 * that reads the clock.  Every computation takes the day it works on as a
 * parameter; where an option leaves it as EHCP_DATE_NONE, this is the day.
 */
ehcp_date ehcp_date_today(void);

#define EHCP_DATE_LONG_LEN 24
/* "Mon 25 May 2020", as a British reader expects; "" for EHCP_DATE_NONE. */
char *ehcp_date_format_long(char *buf, ehcp_date d);

#ifdef __cplusplus
}
#endif

#endif
