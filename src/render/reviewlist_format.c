/* The review list and its caseloads as a table, CSV or JSON. */
#include <stdio.h>

#include "core/errors_internal.h"
#include "ehcp/reviewlist.h"
#include "io/sink_internal.h"
#include "render/html.h"
#include "render/table.h"

/* "Reception", "Year 6", "Early years" (before Reception); "unknown"
 * without a date of birth. */
static const char *year_text(char *buf, size_t len, const ehcp_reviewlist_row *r)
{
	const char *y = html_year(buf, len, r->has_year, r->nc_year);
	return y ? y : "unknown";
}

int ehcp_reviewlist_format(ehcp_sink *out, const ehcp_reviewlist *l, const ehcp_format_options *opts)
{
	/* the child's columns only with show_child: the rest never name a child */
	static const ehcp_table_col cols[] = {
	    {"plan_ref", "Plan", EHCP_VALUE_TEXT, false},
	    {"caseworker", "Caseworker", EHCP_VALUE_TEXT, false},
	    {"year_group", "Year", EHCP_VALUE_TEXT, false},
	    {"nc_year", "", EHCP_VALUE_INT, true},
	    {"due", "Due", EHCP_VALUE_TEXT, false},
	    {"due_date", "Due date", EHCP_VALUE_DATE, false},
	    {"days_left", "Days left", EHCP_VALUE_INT, false},
	    {"status", "Status", EHCP_VALUE_TEXT, false},
	    {"next_review", "Next review", EHCP_VALUE_DATE, false},
	    {"transfer", "Transfer", EHCP_VALUE_TEXT, false},
	    {"transfer_deadline", "Transfer by", EHCP_VALUE_DATE, false},
	    {"no_date_of_birth", "No DOB", EHCP_VALUE_BOOL, false},
	    {"child_ref", "Child", EHCP_VALUE_TEXT, false},
	    {"date_of_birth", "Born", EHCP_VALUE_DATE, false},
	};
	ehcp_format_options defaults = EHCP_FORMAT_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	if (!l || !out)
		return ehcp_fail(EHCP_EINVALID, "no review list to write, or nowhere to write it");
	const size_t ncols = sizeof cols / sizeof cols[0] - (l->show_child ? 0 : 2);
	ehcp_table *t = NULL;
	int err = ehcp_table_begin(&t, out, opts, cols, ncols);
	if (err < 0)
		return err;
	size_t overdue = 0, nearing = 0, no_dob = 0;
	for (size_t i = 0; i < l->count; i++) {
		overdue += l->rows[i].status == EHCP_PLAN_OVERDUE;
		nearing += l->rows[i].status == EHCP_PLAN_NEARING;
		no_dob += !l->rows[i].has_year;
	}
	if (opts->format == EHCP_FORMAT_TABLE) {
		char d[EHCP_DATE_LONG_LEN];
		fprintf(ehcp_sink_stream(out), "%s as of %s: %zu (%zu overdue, %zu nearing, %zu without a date of birth)\n\n",
		        l->transfers_only ? "Phase transfers" : "Plans needing attention", ehcp_date_format_long(d, l->as_of),
		        l->count, overdue, nearing, no_dob);
	}
	const bool table = opts->format == EHCP_FORMAT_TABLE;
	for (size_t i = 0; err == 0 && i < l->count; i++) {
		const ehcp_reviewlist_row *r = &l->rows[i];
		char yb[16];
		const bool has_due = r->due_kind != EHCP_DUE_NONE;
		ehcp_value v[] = {
		    ehcp_v_text(r->plan_ref),
		    ehcp_v_text(r->caseworker),
		    ehcp_v_text(r->has_year || table ? year_text(yb, sizeof yb, r) : ""),
		    ehcp_v_int(r->nc_year),
		    ehcp_v_text(!has_due ? "" : table ? ehcp_review_due_label(r->due_kind) : ehcp_review_due_name(r->due_kind)),
		    ehcp_v_date(has_due ? r->due : EHCP_DATE_NONE),
		    ehcp_v_int(r->days_left),
		    ehcp_v_text(ehcp_plan_status_name(r->status)),
		    ehcp_v_date(r->review_due),
		    ehcp_v_text(ehcp_transfer_kind_name(r->transfer_kind)),
		    ehcp_v_date(r->transfer_deadline),
		    ehcp_v_bool(!r->has_year),
		    ehcp_v_text(r->child_ref),
		    ehcp_v_date(r->date_of_birth),
		};
		v[3].null = !r->has_year;
		v[6].null = !has_due;
		err = ehcp_table_row(t, v, r->status == EHCP_PLAN_OVERDUE ? "31" : r->status == EHCP_PLAN_NEARING ? "33" : NULL);
	}
	if (err < 0) {
		ehcp_table_abandon(t);
		return err;
	}
	return ehcp_table_end(t);
}

int ehcp_reviewload_format(ehcp_sink *out, const ehcp_reviewload *l, const ehcp_format_options *opts)
{
	static const ehcp_table_col cols[] = {
	    {"caseworker", "Caseworker", EHCP_VALUE_TEXT, false},
	    {"plans", "Plans", EHCP_VALUE_INT, false},
	    {"overdue", "Overdue", EHCP_VALUE_INT, false},
	    {"nearing", "Nearing", EHCP_VALUE_INT, false},
	    {"transfers", "Transfers outstanding", EHCP_VALUE_INT, false},
	    {"no_date_of_birth", "No DOB", EHCP_VALUE_INT, false},
	};
	ehcp_format_options defaults = EHCP_FORMAT_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	if (!l || !out)
		return ehcp_fail(EHCP_EINVALID, "no caseloads to write, or nowhere to write them");
	int verr = ehcp_check_version(opts->version, EHCP_FORMAT_OPTIONS_VERSION, "ehcp_format_options");
	if (verr < 0)
		return verr;
	/* no colours in the caseloads */
	ehcp_format_options o = *opts;
	o.colour = false;
	ehcp_table *t = NULL;
	int err = ehcp_table_begin(&t, out, &o, cols, sizeof cols / sizeof cols[0]);
	if (err < 0)
		return err;
	if (opts->format == EHCP_FORMAT_TABLE) {
		char d[EHCP_DATE_LONG_LEN];
		fprintf(ehcp_sink_stream(out), "Review caseloads as of %s\n\n", ehcp_date_format_long(d, l->as_of));
	}
	const bool table = opts->format == EHCP_FORMAT_TABLE;
	for (size_t i = 0; err == 0 && i < l->count; i++) {
		const ehcp_reviewload_row *r = &l->rows[i];
		ehcp_value v[] = {ehcp_v_text(r->caseworker[0] ? r->caseworker : table ? "(none)" : ""),
		                  ehcp_v_int(r->plans),
		                  ehcp_v_int(r->overdue),
		                  ehcp_v_int(r->nearing),
		                  ehcp_v_int(r->transfers),
		                  ehcp_v_int(r->no_birth_date)};
		err = ehcp_table_row(t, v, NULL);
	}
	if (err < 0) {
		ehcp_table_abandon(t);
		return err;
	}
	return ehcp_table_end(t);
}
