#ifndef EHCP_REGISTER_H
#define EHCP_REGISTER_H

/*
 * The plan register's two files (shared/docs/plan-register-csv.md):
 * plans.csv, one row per plan, and reviews.csv, one row per review
 * meeting.  The tracker CSV's rules hold (ehcp/tracker.h): all or nothing,
 * every bad row named, one per line, in line order, each prefixed by its
 * file ("plans line 7, plan_start_date: ...", "reviews line 12,
 * decision_date: ..."); memory does not grow with the number of plans.
 * Each plan is checked with all of its reviews, stored or imported, by
 * ehcp_plan_validate(), so the reasons are the ones the store gives.
 */

#include <stdio.h>

#include "ehcp/common.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"
#include "ehcp/tracker.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Import plans.csv and/or reviews.csv (either FILE* may be NULL), all or nothing,
 * in one transaction: reviews may name plans in the same import or already stored.
 * With opts->update a plans row whose plan_ref is stored replaces that plan's
 * fields, and a reviews row whose plan_ref and meeting_date are stored replaces
 * that review; without it such rows are refused.  A file with a header and no
 * rows imports nothing.  EHCP_EINVALID when anything is refused (nothing written;
 * the results count the bad rows).  progress sees the rows and bytes of both
 * files together. */
EHCP_WARN_UNUSED int ehcp_register_import(ehcp_import_result *plans, ehcp_import_result *reviews, ehcp_store *s,
                                          FILE *plans_in, FILE *reviews_in, const ehcp_import_options *opts);

/* The tracker and the register together, all or nothing: one transaction,
 * the plans first (so that a request's final plan finds the plan linked to
 * it by case_ref and makes none of its own), then the tracker (whose final
 * plans make the rest), then the reviews, which may name any of them; any
 * of the three files may be NULL.  Should any be
 * refused, none is imported (the results count what was read). */
EHCP_WARN_UNUSED int ehcp_import_files(ehcp_import_result *cases, ehcp_import_result *plans,
                                       ehcp_import_result *reviews, ehcp_store *s, FILE *tracker_in, FILE *plans_in,
                                       FILE *reviews_in, const ehcp_import_options *opts);

/* Every plan, ordered by plan_ref, with a header row, in plans.csv's columns. */
EHCP_WARN_UNUSED int ehcp_register_export_plans(ehcp_sink *out, ehcp_store *s);
/* Every review, ordered by plan_ref then meeting_date, in reviews.csv's columns. */
EHCP_WARN_UNUSED int ehcp_register_export_reviews(ehcp_sink *out, ehcp_store *s);

#ifdef __cplusplus
}
#endif

#endif
