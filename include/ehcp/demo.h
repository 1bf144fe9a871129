#ifndef EHCP_DEMO_H
#define EHCP_DEMO_H

/*
 * A synthetic caseload shaped like a real council's, written as a tracker
 * CSV: seasonal request volumes, about a fifth refused, some decisions not
 * to issue, advice with a long tail, a minority of late plans and of
 * exceptions, withdrawals, and on the as-of date open cases at every stage.
 * Deterministic for a seed.  Every name and reference is made up and
 * obviously so ("DEMO-..."); nothing is downloaded.
 */

#include <stdint.h>
#include <stdio.h>

#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ehcp_demo_options {
	unsigned int version;
	int authorities;          /* councils, each with its own references and caseworkers */
	int years;                /* of requests, ending on as_of */
	int requests_per_year;    /* per authority */
	uint64_t seed;
	ehcp_date as_of;          /* the last day of the data; milestones after it are not yet known */
} ehcp_demo_options;

#define EHCP_DEMO_OPTIONS_VERSION 1
#define EHCP_DEMO_OPTIONS_INIT {EHCP_DEMO_OPTIONS_VERSION, 1, 3, 600, 1, EHCP_DATE_NONE}
/* Fills *opts with the defaults; EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_demo_options_init(ehcp_demo_options *opts, unsigned int version);

/* Writes the caseload as a tracker CSV with a header; *rows (may be NULL)
 * receives the number of cases written.  EHCP_EINVALID for bad options
 * (as_of is required: the data's last day; NULL options have none). */
EHCP_WARN_UNUSED int ehcp_demo_write(ehcp_sink *out, uint64_t *rows, const ehcp_demo_options *opts);

/*
 * Writes the council's plan register as plans.csv and reviews.csv
 * (shared/docs/plan-register-csv.md), with headers, for the same options as
 * ehcp_demo_write(): plans.csv holds the plans made before the tracker's
 * years (up to 9 years earlier, a few transferred in from other councils,
 * out of year group or with a local transfer, many since ceased);
 * reviews.csv their reviews and the reviews of the plans the tracker's own
 * final plans made (plan_ref = their case_ref: the tracker import makes
 * those plans in the register, so they are not in plans.csv, and they do
 * not cease here).  Nothing is dated after as_of but a plan's next local
 * transfer.  *plans_rows / *reviews_rows (may be NULL) receive the counts.
 * EHCP_EINVALID for bad options, as ehcp_demo_write().
 */
EHCP_WARN_UNUSED int ehcp_demo_write_register(ehcp_sink *plans, ehcp_sink *reviews, uint64_t *plans_rows,
                                              uint64_t *reviews_rows, const ehcp_demo_options *opts);

typedef struct ehcp_demo_result {
	uint64_t requests;        /* requests imported */
	uint64_t plans;           /* older plans imported (the requests' own final plans make theirs) */
	uint64_t reviews;         /* reviews imported */
} ehcp_demo_result;

/*
 * Generates the caseload and its register and imports them into the store
 * as any council's files would be (ehcp_import_files: all or nothing, as
 * of opts->as_of).
 */
EHCP_WARN_UNUSED int ehcp_demo_load(ehcp_demo_result *out, ehcp_store *s, const ehcp_demo_options *opts);

#ifdef __cplusplus
}
#endif

#endif
