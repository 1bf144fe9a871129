#ifndef EHCP_REPORT_H
#define EHCP_REPORT_H

/*
 * Compliance reports, computed in PostgreSQL (src/db/report_sql.h) but for
 * reviews, which the C review clock works out from the plans and reviews
 * the range needs (src/db/review_report.c), following
 * "How timeliness is counted" in shared/docs/statutory-clock.md.
 *
 *  plans      final plans issued per period: within the limit (20 weeks, or
 *             14 for re-assessments), including and excluding exceptions,
 *             time bands, mean weeks to issue
 *  cohort     requests received per period and where each now stands
 *  decisions  decisions whether to assess (6 weeks) and not to issue (16)
 *  advice     advice returned within 6 weeks of being asked for, and what
 *             is outstanding past 6 weeks at each period's end
 *  backlog    open requests past their final-plan deadline at each
 *             period's end and on the as-of date, by how far past
 *  sen2       one calendar year's figures to check an SEN2 return against
 *  reviews    the plan register: annual reviews due and held in time (and
 *             Year 9's), decisions within 4 weeks of a review and amended
 *             plans within 12, phase transfers met, reviews overdue and
 *             plans maintained at each period's end, plans ceased by reason
 *
 * A report is a table of typed values (counts as integers, percentages as
 * exact decimals, dates as dates); with `cases`, the cases behind the
 * figures instead.  ehcp_report_run() fetches it, ehcp_report_format()
 * writes it as a table, CSV or JSON; the caller frees it with
 * ehcp_report_free().  A report is plain data once fetched: any number of
 * threads may read or format the same one at once.  The store is not: one
 * thread at a time (one store per thread).
 */

#include <stdbool.h>
#include <stddef.h>

#include "ehcp/clock.h"
#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/format.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"
#include "ehcp/value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ehcp_report_measure {
	EHCP_REPORT_PLANS = 0,
	EHCP_REPORT_COHORT,
	EHCP_REPORT_DECISIONS,
	EHCP_REPORT_ADVICE,
	EHCP_REPORT_BACKLOG,
	EHCP_REPORT_SEN2,
	EHCP_REPORT_REVIEWS
} ehcp_report_measure;

typedef enum ehcp_report_period { EHCP_PERIOD_MONTH = 0, EHCP_PERIOD_QUARTER, EHCP_PERIOD_YEAR } ehcp_report_period;

typedef struct ehcp_report_options {
	unsigned int version;
	ehcp_report_measure measure;
	ehcp_date from, to;          /* inclusive; required */
	ehcp_date as_of;             /* NONE: today; later milestones are not counted */
	ehcp_report_period by;
	/* Request types counted, bit (1 << ehcp_request_type); 0: new plans,
	 * initial and transfer_in.  Advice and backlog count every type. */
	unsigned int types;
	ehcp_advice_body body;       /* for EHCP_REPORT_ADVICE */
	bool cases;                  /* the cases behind the figures */
} ehcp_report_options;

#define EHCP_REPORT_OPTIONS_VERSION 1
#define EHCP_REPORT_OPTIONS_INIT                                                                   \
	{EHCP_REPORT_OPTIONS_VERSION, EHCP_REPORT_PLANS, EHCP_DATE_NONE, EHCP_DATE_NONE,            \
	 EHCP_DATE_NONE, EHCP_PERIOD_MONTH, 0, EHCP_ADVICE_HEALTH, false}

/* Fills *opts with the defaults; EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_report_options_init(ehcp_report_options *opts, unsigned int version);

typedef struct ehcp_report_column {
	char *name;                /* as the CSV heads it */
	ehcp_value_type type;
} ehcp_report_column;

typedef struct ehcp_report {
	/* What was asked for: the measure, its body, the range, the day it
	 * was seen from, and whether these are the cases behind it. */
	ehcp_report_measure measure;
	ehcp_advice_body body;
	ehcp_date from, to, as_of;
	bool cases;
	size_t ncols, nrows;
	ehcp_report_column *columns;
	ehcp_value *values;        /* nrows * ncols, row by row; texts owned by the report */
} ehcp_report;

/* Runs the report on the store.  opts is required (a report needs its
 * range); its as_of, if NONE, is ehcp_date_today(). */
EHCP_WARN_UNUSED int ehcp_report_run(ehcp_report **out, ehcp_store *s, const ehcp_report_options *opts);
void ehcp_report_free(ehcp_report *r);

/* A value by row and column name, or NULL if there is no such row or column. */
const ehcp_value *ehcp_report_value(const ehcp_report *r, size_t row, const char *column);

/* Writes the report to the sink in the format of opts (NULL: a table,
 * headed by what it is: "plans from ... to ..., as of ..."). */
EHCP_WARN_UNUSED int ehcp_report_format(ehcp_sink *out, const ehcp_report *r, const ehcp_format_options *opts);

/* "plans", "cohort", ...; parse returns EHCP_EINVALID for an unknown one. */
const char *ehcp_report_measure_name(ehcp_report_measure m);
EHCP_WARN_UNUSED int ehcp_report_measure_parse(ehcp_report_measure *out, const char *s);
/* "month", "quarter", "year". */
EHCP_WARN_UNUSED int ehcp_report_period_parse(ehcp_report_period *out, const char *s);

#ifdef __cplusplus
}
#endif

#endif
