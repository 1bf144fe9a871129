#ifndef EHCP_REVIEWLIST_H
#define EHCP_REVIEWLIST_H

/*
 * The weekly review list: every maintained EHC plan as it stood on a date,
 * with the thing that matters now (the earliest limit missed, else the next
 * ahead: the annual review, a review's report, decision, proposals or
 * amended plan, or a phase transfer's amended plan) and its status; most
 * urgent first.  A transfers view (the children whose phase transfer falls
 * in the next 12 months and whose amended plan is not yet made), and the
 * caseload of each caseworker.  The database picks the plans and what was
 * recorded by the day; every judgement of time is the review clock's
 * (ehcp/review.h), the same as `plan show` and the calendar.
 *
 * ehcp_reviewlist_get() and ehcp_reviewload_get() fetch;
 * ehcp_reviewlist_format() and ehcp_reviewload_format() write what was
 * fetched as a table, CSV or JSON.  Lists belong to the caller:
 * ehcp_reviewlist_free() and ehcp_reviewload_free().  A fetched list is
 * plain data any number of threads may read; a store is used by one thread
 * at a time.  The child's reference and date of birth are read only when
 * show_child asks for them.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ehcp/case.h"
#include "ehcp/common.h"
#include "ehcp/format.h"
#include "ehcp/review.h"
#include "ehcp/rules.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What falls due: ehcp_review_due, in ehcp/review.h. */

/* A review falls due "nearing" this close by default: the usual nearing
 * days plus the two weeks' notice its invitations need, so that it is
 * flagged while a meeting can still be called in time (28 days). */
#define EHCP_REVIEWLIST_WITHIN_DEFAULT (EHCP_DAYS_NEARING_DEFAULT + EHCP_DAYS_REVIEW_INVITATIONS)
/* Any national curriculum year. */
#define EHCP_REVIEWLIST_ANY_YEAR (-100)

typedef struct ehcp_reviewlist_options {
	unsigned int version;
	ehcp_date as_of;            /* NONE: ehcp_date_today(); anything dated after it is ignored */
	int within_days;            /* what counts as nearing; -1: EHCP_REVIEWLIST_WITHIN_DEFAULT */
	bool include_on_track;      /* also plans with nothing late or nearing */
	const char *caseworker;     /* NULL: everyone */
	unsigned int statuses;      /* bit (1 << ehcp_plan_status) per status wanted; 0: all */
	int due_within;             /* due within this many days (late ones too); -1: any */
	bool transfers_only;        /* the phase transfers instead (see above) */
	ehcp_transfer_kind transfer_kind; /* with transfers_only: NONE for every kind */
	int nc_year;                /* one NC year (Reception 0); EHCP_REVIEWLIST_ANY_YEAR: all */
	bool show_child;            /* read the child's reference and date of birth */
} ehcp_reviewlist_options;

#define EHCP_REVIEWLIST_OPTIONS_VERSION 1
#define EHCP_REVIEWLIST_OPTIONS_INIT                                                               \
	{EHCP_REVIEWLIST_OPTIONS_VERSION, EHCP_DATE_NONE, -1, false, NULL, 0, -1, false,            \
	 EHCP_TRANSFER_NONE, EHCP_REVIEWLIST_ANY_YEAR, false}

/* Fills *opts with the defaults; EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_reviewlist_options_init(ehcp_reviewlist_options *opts, unsigned int version);

typedef struct ehcp_reviewlist_row {
	char plan_ref[4 * EHCP_REF_MAX + 1];
	char caseworker[4 * EHCP_CASEWORKER_MAX + 1];   /* "" when none */
	char child_ref[4 * EHCP_REF_MAX + 1];           /* "" unless show_child */
	ehcp_date date_of_birth;                        /* NONE unless show_child */
	bool has_year;              /* false: no date of birth, so no year group and no transfer */
	int nc_year;
	ehcp_review_due due_kind;   /* EHCP_DUE_NONE when nothing is known to fall due */
	ehcp_date due;              /* NONE with it */
	int32_t days_left;          /* due - as_of; negative when late */
	ehcp_plan_status status;    /* overdue, nearing, on_track */
	ehcp_date review_due;       /* the next annual review */
	/* A phase transfer in the next 12 months whose amended plan is not yet
	 * made: its kind and deadline (NONE otherwise). */
	ehcp_transfer_kind transfer_kind;
	ehcp_date transfer_deadline;
} ehcp_reviewlist_row;

typedef struct ehcp_reviewlist {
	ehcp_date as_of;
	bool transfers_only;
	bool show_child;
	size_t count;
	ehcp_reviewlist_row *rows;
} ehcp_reviewlist;

/* opts may be NULL for the defaults (plans needing attention, today). */
EHCP_WARN_UNUSED int ehcp_reviewlist_get(ehcp_reviewlist **out, ehcp_store *s, const ehcp_reviewlist_options *opts);
void ehcp_reviewlist_free(ehcp_reviewlist *l);
/* The list as a table (a heading and, if asked, colours), CSV or JSON. */
EHCP_WARN_UNUSED int ehcp_reviewlist_format(ehcp_sink *out, const ehcp_reviewlist *l, const ehcp_format_options *opts);

/* One caseworker's maintained plans (the same filters, on-track ones too). */
typedef struct ehcp_reviewload_row {
	char caseworker[4 * EHCP_CASEWORKER_MAX + 1];   /* "" for plans with no caseworker */
	int plans, overdue, nearing;
	int transfers;              /* phase transfers outstanding (as transfer_kind above) */
	int no_birth_date;          /* plans lacking a date of birth */
} ehcp_reviewload_row;

typedef struct ehcp_reviewload {
	ehcp_date as_of;
	size_t count;
	ehcp_reviewload_row *rows;  /* by caseworker */
} ehcp_reviewload;

EHCP_WARN_UNUSED int ehcp_reviewload_get(ehcp_reviewload **out, ehcp_store *s, const ehcp_reviewlist_options *opts);
void ehcp_reviewload_free(ehcp_reviewload *l);
EHCP_WARN_UNUSED int ehcp_reviewload_format(ehcp_sink *out, const ehcp_reviewload *l, const ehcp_format_options *opts);

#ifdef __cplusplus
}
#endif

#endif
