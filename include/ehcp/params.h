#ifndef EHCP_PARAMS_H
#define EHCP_PARAMS_H

/*
 * Options by name: the one parser of the case list's, the review list's
 * and the reports' options, for the command line (`ehcp cases --status
 * overdue`) and for the API (`/api/cases?status=overdue`) alike, so that
 * both take the same names, refuse the same values and say the same
 * thing ("--status: \"x\" is not one of ...").
 *
 * `name` is the long option without its "--"; `value` is its argument,
 * NULL (or "") for a flag such as "all".  Each returns 0, EHCP_EINVALID
 * with the message for a bad value, or EHCP_ENOTFOUND ("unknown option")
 * for a name that is none of its options.  Strings are not copied: value
 * must outlive opts.
 */

#include <stdbool.h>

#include "ehcp/caselist.h"
#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/format.h"
#include "ehcp/report.h"
#include "ehcp/reviewlist.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A number of days from 0 to max: `<what>: "<arg>" is not a number of days`. */
EHCP_WARN_UNUSED int ehcp_param_days(int *out, const char *arg, const char *what, int max);
/* A date (YYYY-MM-DD or DD/MM/YYYY): `<what>: <why>`. */
EHCP_WARN_UNUSED int ehcp_param_date(ehcp_date *out, const char *arg, const char *what);
/* YYYY-MM (its first day, or with `end` its last) or a date. */
EHCP_WARN_UNUSED int ehcp_param_month_or_date(ehcp_date *out, const char *arg, const char *what, bool end);
/* --expect-version's number (1 and up). */
EHCP_WARN_UNUSED int ehcp_param_expect_version(int *out, const char *arg);

/* `ehcp cases`: as-of, all, caseworker, status, stage, due-within,
 * backlog, received-from, received-to, nearing, by (*by_caseworker). */
EHCP_WARN_UNUSED int ehcp_caselist_option_set(ehcp_caselist_options *o, bool *by_caseworker, const char *name,
                                              const char *value);

/* `ehcp reviews`: as-of, all, within, caseworker, status, due-within,
 * transfers, kind, year, show-child, by (*by_caseworker). */
EHCP_WARN_UNUSED int ehcp_reviewlist_option_set(ehcp_reviewlist_options *o, bool *by_caseworker, const char *name,
                                                const char *value);
/* What only the whole set can tell (--kind without --transfers). */
EHCP_WARN_UNUSED int ehcp_reviewlist_options_check(const ehcp_reviewlist_options *o);

/* `ehcp report MEASURE`: from, to, year, by, as-of, type, from-body, cases. */
EHCP_WARN_UNUSED int ehcp_report_option_set(ehcp_report_options *o, const char *name, const char *value);
/* The measure by name and the range given (`report <m> needs --from and
 * --to`, `--to is before --from`); sets o->measure. */
EHCP_WARN_UNUSED int ehcp_report_options_check(ehcp_report_options *o, const char *measure);

#ifdef __cplusplus
}
#endif

#endif
