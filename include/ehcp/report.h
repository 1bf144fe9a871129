#ifndef EHCP_REPORT_H
#define EHCP_REPORT_H

/*
 * Compliance reports, computed in PostgreSQL (src/db/report_sql.h), following
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
 *
 * A report is a table of text cells with typed columns; with `cases`, the
 * cases behind the figures instead.  The caller frees it with
 * ehcp_report_free().
 */

#include <stdbool.h>
#include <stddef.h>

#include "ehcp/clock.h"
#include "ehcp/date.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ehcp_report_measure {
	EHCP_REPORT_PLANS = 0,
	EHCP_REPORT_COHORT,
	EHCP_REPORT_DECISIONS,
	EHCP_REPORT_ADVICE,
	EHCP_REPORT_BACKLOG,
	EHCP_REPORT_SEN2
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

typedef enum ehcp_report_type {
	EHCP_REPORT_TEXT = 0,
	EHCP_REPORT_INT,
	EHCP_REPORT_NUMBER,   /* decimal, e.g. a percentage */
	EHCP_REPORT_DATE,     /* YYYY-MM-DD */
	EHCP_REPORT_BOOL      /* "t" or "f" */
} ehcp_report_type;

typedef struct ehcp_report {
	size_t ncols, nrows;
	char **names;              /* column names, as the CSV heads them */
	ehcp_report_type *types;
	char **cells;              /* nrows * ncols; "" for none */
} ehcp_report;

int ehcp_report_run(ehcp_report **out, ehcp_store *s, const ehcp_report_options *opts);
void ehcp_report_free(ehcp_report *r);

/* A cell by row and column name, or NULL if there is no such column. */
const char *ehcp_report_cell(const ehcp_report *r, size_t row, const char *column);

/* "plans", "cohort", ...; parse returns EHCP_EINVALID for an unknown one. */
const char *ehcp_report_measure_name(ehcp_report_measure m);
int ehcp_report_measure_parse(ehcp_report_measure *out, const char *s);

#ifdef __cplusplus
}
#endif

#endif
