#ifndef EHCP_ICAL_H
#define EHCP_ICAL_H

/*
 * Caseworkers' deadlines as an iCalendar file (RFC 5545), built with
 * libical: one all-day event per statutory deadline still ahead of each
 * open case (the decision whether to assess, each outstanding advice, the
 * latest safe draft date, the final plan), flagged in the summary, in
 * CATEGORIES and with an alarm when it draws near or has passed.  Missed
 * deadlines sit on the as-of date so that they are not lost in the past.
 *
 * Each event's UID is a name-based UUID of the case's id and the
 * deadline's name, so the same deadline keeps its UID across exports and
 * nothing in it identifies a child.  SEQUENCE rises whenever the event's
 * date or flag changes (it is worked out from the case's version and the
 * flag, so no state is kept between exports).  Summaries carry the case
 * reference and the milestone only.
 *
 * ehcp_ical_fetch() reads the open cases (a caseworker's, or the team's)
 * with their deadlines on the as-of day; ehcp_ical_format() writes them as
 * a calendar to a sink.  The fetched list may be formatted by any number of
 * threads at once; a store is used by one thread at a time.
 */

#include <stdint.h>
#include <stdio.h>

#include "ehcp/case.h"
#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ehcp_ical_options {
	unsigned int version;
	ehcp_date as_of;           /* NONE: ehcp_date_today() (the fetch's; format uses the list's day) */
	const char *caseworker;    /* NULL: the whole team */
	int horizon_days;          /* deadlines up to this far ahead; -1: 365 */
	int nearing_days;          /* flagged this close; -1: EHCP_DAYS_NEARING_DEFAULT */
	const char *calendar_name; /* NULL: "EHC deadlines" and the caseworker */
	int64_t dtstamp;           /* seconds since 1970 UTC; 0: now (tests fix it) */
} ehcp_ical_options;

#define EHCP_ICAL_OPTIONS_VERSION 1
#define EHCP_ICAL_OPTIONS_INIT {EHCP_ICAL_OPTIONS_VERSION, EHCP_DATE_NONE, NULL, -1, -1, NULL, 0}

/* Fills *opts with the defaults; EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_ical_options_init(ehcp_ical_options *opts, unsigned int version);

/* The open cases the calendar shows (caseworker and as_of of opts; NULL:
 * the team, today).  Free with ehcp_case_list_free(). */
EHCP_WARN_UNUSED int ehcp_ical_fetch(ehcp_case_list **out, ehcp_store *s, const ehcp_ical_options *opts);

/* Writes the calendar of those cases on the day they were fetched for;
 * *events (may be NULL) receives how many events. */
EHCP_WARN_UNUSED int ehcp_ical_format(ehcp_sink *out, size_t *events, const ehcp_case_list *cases,
                                      const ehcp_ical_options *opts);

#ifdef __cplusplus
}
#endif

#endif
