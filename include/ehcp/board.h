#ifndef EHCP_BOARD_H
#define EHCP_BOARD_H

/*
 * The board report: one self-contained HTML page (no script, no fetches,
 * A4 when printed) with the headline indicators against their targets
 * (current month, previous month, direction of travel, RAG rating), a
 * monthly chart of the 20-week rate beside its calendar-year-to-date pooled
 * rate and the England figure, a chart of the backlog, the annual reviews
 * (held in time, decisions, amended plans, Year 9, the reviews overdue at
 * each month's end, phase transfers met), and the counts behind every
 * percentage.  Charts are inline SVG with text alternatives,
 * readable in greyscale.  Every figure comes from ehcp_report_run(), the
 * code behind `ehcp report`: ehcp_board_fetch() runs the reports and keeps
 * their figures as they came (nothing recomputed or re-rounded), and
 * ehcp_board_format() writes the page from them to a sink.  A fetched
 * board is plain data: any number of threads may format the same one.
 */

#include <stdio.h>

#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"
#include "ehcp/value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ehcp_board_options {
	unsigned int version;
	/* For the fetch: */
	ehcp_date from, to;        /* the first day of the first month, the last of the last */
	ehcp_date as_of;           /* NONE: ehcp_date_today() */
	/* For the page: */
	/* Targets: percentages, and the backlog as a number of requests;
	 * a negative target means none (no RAG rating for that indicator). */
	double target_plans;       /* 20-week rate, both with and without exceptions */
	double target_health;      /* health advice within 6 weeks */
	double target_decisions;   /* decisions whether to assess within 6 weeks */
	double target_backlog;
	const char *title;         /* NULL: "EHC needs assessments: performance" */
} ehcp_board_options;

#define EHCP_BOARD_OPTIONS_VERSION 1
#define EHCP_BOARD_OPTIONS_INIT                                                                    \
	{EHCP_BOARD_OPTIONS_VERSION, EHCP_DATE_NONE, EHCP_DATE_NONE, EHCP_DATE_NONE, 60.0, 90.0, 85.0, -1.0, NULL}

/* Fills *opts with the defaults; EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_board_options_init(ehcp_board_options *opts, unsigned int version);

/* The most months one board covers. */
#define EHCP_BOARD_MAX_MONTHS 60

/* A rate as a report gives it: w of n, and its percentage (null when n is 0). */
typedef struct ehcp_board_rate {
	long n, w;
	ehcp_value pct;
} ehcp_board_rate;

typedef struct ehcp_board_month {
	char period[16];           /* "2025-07"; "total" for the range */
	ehcp_date start;
	long issued;               /* new plans issued */
	long mt;                   /* ... whose case went to mediation or tribunal */
	ehcp_board_rate plans;     /* within 20 weeks, of the timeliness base, including exceptions */
	ehcp_board_rate plans_x;   /* ... excluding them */
	ehcp_board_rate ytd;       /* ... excluding them, pooled over the calendar year to the month's end */
	ehcp_board_rate health;    /* health advice within 6 weeks, excluding exceptions */
	ehcp_board_rate decisions; /* decisions whether to assess within 6 weeks */
	long backlog;              /* open past the deadline at the month's end */
} ehcp_board_month;

/* A month's annual reviews (or the range's), from the reviews report. */
typedef struct ehcp_board_reviews {
	ehcp_board_rate held;      /* reviews due, held by their due date */
	ehcp_board_rate decisions; /* decisions within 4 weeks of the meeting */
	ehcp_board_rate amended;   /* amended plans within 12 weeks of the meeting */
	ehcp_board_rate year9;     /* Year 9 reviews held by their due date */
	/* Phase transfers due (deadline passed) and met: Reception, Year 6 to 7,
	 * Year 11 to post-16, the council's own. */
	long transfers_due[4], transfers_met[4];
	long overdue;              /* reviews overdue at the month's end (none for the range) */
	long active;               /* plans maintained at the month's end */
	long ceased;               /* plans ceased in the month */
} ehcp_board_reviews;

typedef struct ehcp_board {
	ehcp_date from, to, as_of;
	int n;
	ehcp_board_month months[EHCP_BOARD_MAX_MONTHS];
	ehcp_board_month total;    /* the whole range, pooled (no ytd, no backlog) */
	/* Added with the plan register, after the fields above so that their
	 * places do not move. */
	ehcp_board_reviews reviews[EHCP_BOARD_MAX_MONTHS];
	ehcp_board_reviews reviews_total;
} ehcp_board;

/* Runs the reports behind the page (from, to and as_of of opts; NULL
 * options are refused, a board needs its range).  Free with ehcp_board_free(). */
EHCP_WARN_UNUSED int ehcp_board_fetch(ehcp_board **out, ehcp_store *s, const ehcp_board_options *opts);
void ehcp_board_free(ehcp_board *b);

/* Writes the page (targets and title of opts; NULL: the defaults). */
EHCP_WARN_UNUSED int ehcp_board_format(ehcp_sink *out, const ehcp_board *b, const ehcp_board_options *opts);

#ifdef __cplusplus
}
#endif

#endif
