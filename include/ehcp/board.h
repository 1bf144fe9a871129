#ifndef EHCP_BOARD_H
#define EHCP_BOARD_H

/*
 * The board report: one self-contained HTML page (no script, no fetches,
 * A4 when printed) with the headline indicators against their targets
 * (current month, previous month, direction of travel, RAG rating), a
 * monthly chart of the 20-week rate beside its calendar-year-to-date pooled
 * rate and the England figure, a chart of the backlog, and the counts
 * behind every percentage.  Charts are inline SVG with text alternatives,
 * readable in greyscale.  Every figure comes from ehcp_report_run(), the
 * code behind `ehcp report`.
 */

#include <stdio.h>

#include "ehcp/date.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ehcp_board_options {
	unsigned int version;
	ehcp_date from, to;        /* the first day of the first month, the last of the last */
	ehcp_date as_of;           /* NONE: today */
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

int ehcp_board_write(ehcp_store *s, FILE *out, const ehcp_board_options *opts);

#ifdef __cplusplus
}
#endif

#endif
