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
 * The EHC plans the council maintains add their review deadlines (the
 * review clock's, ehcp/review.h): the next annual review, each held
 * review's report, decision, proposals and amended plan still to come, and
 * the next phase transfer's amended plan until it is met.  The same rules:
 * the UID is a name-based UUID of the plan's id and the limit ("plan review",
 * "plan review 2025-03-04 report", "plan transfer_secondary 2025-09-01"); SEQUENCE
 * is worked out from the plan's version plus its reviews' (which rises
 * with any change to either) and the flag; summaries carry the plan
 * reference and the limit only.
 *
 * ehcp_ical_fetch() reads the open cases (a caseworker's, or the team's)
 * with their deadlines on the as-of day, ehcp_ical_fetch_plans() the plans
 * maintained on it; ehcp_ical_format_all() writes both as one calendar to a
 * sink (ehcp_ical_format() the cases alone).  The fetched list may be formatted by any number of
 * threads at once; a store is used by one thread at a time.
 */

#include <stdint.h>
#include <stdio.h>

#include "ehcp/case.h"
#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/review.h"
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

/* A maintained plan as the calendar needs it: nothing of the child but
 * what the clock needs (the date of birth, for the phase transfers). */
typedef struct ehcp_ical_plan {
	char id[37];
	char plan_ref[4 * EHCP_REF_MAX + 1];
	int version;                  /* the plan's version plus its reviews' */
	ehcp_plan_dates dates;
	size_t review_count;
	ehcp_review_dates *reviews;   /* held by the as-of day, as they stood then */
} ehcp_ical_plan;

typedef struct ehcp_ical_plans {
	ehcp_date on;
	size_t count;
	ehcp_ical_plan *plans;
} ehcp_ical_plans;

/* The plans maintained on the as-of day (caseworker of opts).  Free with
 * ehcp_ical_plans_free(). */
EHCP_WARN_UNUSED int ehcp_ical_fetch_plans(ehcp_ical_plans **out, ehcp_store *s, const ehcp_ical_options *opts);
void ehcp_ical_plans_free(ehcp_ical_plans *p);

/* The calendar of the cases and the plans (either may be NULL), on the
 * day they were fetched for (the cases' when both are given). */
EHCP_WARN_UNUSED int ehcp_ical_format_all(ehcp_sink *out, size_t *events, const ehcp_case_list *cases,
                                          const ehcp_ical_plans *plans, const ehcp_ical_options *opts);

#ifdef __cplusplus
}
#endif

#endif
