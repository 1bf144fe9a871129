#ifndef EHCP_REVIEWLIST_INTERNAL_H
#define EHCP_REVIEWLIST_INTERNAL_H

/* The plan register on a day, read plan by plan (src/db/reviewlist.c):
 * shared by the review list and the calendar, so that both see the same
 * plans (and, through ehcp_plan_view_outstanding(), the same limits). */

#include <libpq-fe.h>

#include "ehcp/reviewlist.h"

/* One plan of the scan; the strings and reviews live until the next row. */
typedef struct ehcp_plan_rec {
	const char *id, *plan_ref, *caseworker, *child_ref;   /* "" when none */
	int version;                /* the plan's and its reviews' versions, summed */
	ehcp_plan_dates dates;
	size_t n;
	const ehcp_review_dates *reviews;   /* held by the day, as they stood then, by meeting */
} ehcp_plan_rec;

typedef struct ehcp_plan_scan {
	PGresult *res, *reviews;    /* the plans by id; their reviews as the table holds them */
	int row, rows, review_rows;
	ehcp_review_dates *rv;      /* the reviews plan by plan, each plan's by meeting */
	int *first, *versions;      /* where plan row i's begin; their versions' sum */
	char id[37];                /* the current plan's id as text */
} ehcp_plan_scan;

/* Reads the plans maintained on `on` (a caseworker's, or NULL: all). */
int ehcp_plan_scan_open(ehcp_plan_scan *sc, ehcp_store *s, const char *caseworker, ehcp_date on, bool child);
/* 1 with the next plan in *out, 0 at the end, or an error code. */
int ehcp_plan_scan_next(ehcp_plan_scan *sc, ehcp_plan_rec *out);
void ehcp_plan_scan_close(ehcp_plan_scan *sc);

#endif
