#ifndef EHCP_REPORT_INTERNAL_H
#define EHCP_REPORT_INTERNAL_H

/* What report.c and the reports computed in C (review_report.c) share. */

#include "ehcp/report.h"

/* An empty report of nrows x ncols (names and values to fill), headed by
 * the options and the day it is seen from; NULL when out of memory (the
 * last error set). */
ehcp_report *ehcp_report_new(const ehcp_report_options *o, ehcp_date on, size_t ncols, size_t nrows);

/* The reviews report (or its cases), worked out by the C review clock from
 * the plans and reviews the range needs. */
int ehcp_review_report_run(ehcp_report **out, ehcp_store *s, const ehcp_report_options *o, ehcp_date on);

#endif
