/* The case list and the caseloads as a table, CSV or JSON. */
#include <stdarg.h>
#include <stdio.h>

#include "core/errors_internal.h"
#include "ehcp/caselist.h"
#include "io/sink_internal.h"
#include "render/table.h"

/* The table heading for people, then the rows. */
static int heading(ehcp_sink *out, const ehcp_format_options *opts, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int heading(ehcp_sink *out, const ehcp_format_options *opts, const char *fmt, ...)
{
	if (!opts || opts->format != EHCP_FORMAT_TABLE)
		return 0;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(ehcp_sink_stream(out), fmt, ap);
	va_end(ap);
	return 0;
}

int ehcp_caselist_format(ehcp_sink *out, const ehcp_caselist *l, const ehcp_format_options *opts)
{
	static const ehcp_table_col cols[] = {
	    {"case_ref", "Case", EHCP_VALUE_TEXT, false},
	    {"caseworker", "Caseworker", EHCP_VALUE_TEXT, false},
	    {"request_date", "Received", EHCP_VALUE_DATE, false},
	    {"elapsed", "Elapsed", EHCP_VALUE_TEXT, false},
	    {"elapsed_days", "", EHCP_VALUE_INT, true},
	    {"stage", "Stage", EHCP_VALUE_TEXT, false},
	    {"deadline", "Deadline", EHCP_VALUE_TEXT, false},
	    {"due_date", "Due", EHCP_VALUE_DATE, false},
	    {"days_left", "Days left", EHCP_VALUE_INT, false},
	    {"status", "Status", EHCP_VALUE_TEXT, false},
	    {"exception", "Exception", EHCP_VALUE_BOOL, false},
	};
	ehcp_format_options defaults = EHCP_FORMAT_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	if (!l || !out)
		return ehcp_fail(EHCP_EINVALID, "no case list to write, or nowhere to write it");
	ehcp_table *t = NULL;
	int err = ehcp_table_begin(&t, out, opts, cols, sizeof cols / sizeof cols[0]);
	if (err < 0)
		return err;
	size_t overdue = 0, nearing = 0;
	for (size_t i = 0; i < l->count; i++) {
		overdue += l->rows[i].status == EHCP_STATUS_OVERDUE;
		nearing += l->rows[i].status == EHCP_STATUS_NEARING;
	}
	char d[EHCP_DATE_LONG_LEN];
	heading(out, opts, "%s as of %s: %zu (%zu overdue, %zu nearing)\n\n", l->include_ended ? "Requests" : "Open requests",
	        ehcp_date_format_long(d, l->as_of), l->count, overdue, nearing);
	const bool table = opts->format == EHCP_FORMAT_TABLE;
	for (size_t i = 0; err == 0 && i < l->count; i++) {
		const ehcp_caselist_row *r = &l->rows[i];
		char el[16];
		const bool has_due = r->due_kind != EHCP_DEADLINE_COUNT;
		ehcp_value v[] = {
		    ehcp_v_text(r->case_ref),
		    ehcp_v_text(r->caseworker),
		    ehcp_v_date(r->request),
		    ehcp_v_text(ehcp_clock_format_elapsed(el, sizeof el, r->elapsed_days)),
		    ehcp_v_int(r->elapsed_days),
		    ehcp_v_text(ehcp_stage_name(r->stage)),
		    ehcp_v_text(!has_due ? "" : table ? ehcp_deadline_label_for(r->due_kind, r->type) : ehcp_deadline_name(r->due_kind)),
		    ehcp_v_date(has_due ? r->due : EHCP_DATE_NONE),
		    ehcp_v_int(r->days_left),
		    ehcp_v_text(ehcp_status_name(r->status)),
		    ehcp_v_bool(r->exception),
		};
		v[8].null = !has_due;
		err = ehcp_table_row(t, v, r->status == EHCP_STATUS_OVERDUE ? "31" : r->status == EHCP_STATUS_NEARING ? "33" : NULL);
	}
	if (err < 0) {
		ehcp_table_abandon(t);
		return err;
	}
	return ehcp_table_end(t);
}

int ehcp_caseload_format(ehcp_sink *out, const ehcp_caseload *l, const ehcp_format_options *opts)
{
	static const ehcp_table_col cols[] = {
	    {"caseworker", "Caseworker", EHCP_VALUE_TEXT, false},
	    {"open", "Open", EHCP_VALUE_INT, false},
	    {"overdue", "Overdue", EHCP_VALUE_INT, false},
	    {"nearing", "Nearing", EHCP_VALUE_INT, false},
	    {"oldest_weeks", "Oldest (weeks)", EHCP_VALUE_INT, false},
	    {"oldest_days", "", EHCP_VALUE_INT, true},
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
	char d[EHCP_DATE_LONG_LEN];
	heading(out, opts, "Caseloads as of %s\n\n", ehcp_date_format_long(d, l->as_of));
	const bool table = opts->format == EHCP_FORMAT_TABLE;
	for (size_t i = 0; err == 0 && i < l->count; i++) {
		const ehcp_caseload_row *r = &l->rows[i];
		ehcp_value v[] = {ehcp_v_text(r->caseworker[0] ? r->caseworker : table ? "(none)" : ""),
		                  ehcp_v_int(r->open),
		                  ehcp_v_int(r->overdue),
		                  ehcp_v_int(r->nearing),
		                  ehcp_v_int(r->oldest_days / 7),
		                  ehcp_v_int(r->oldest_days)};
		err = ehcp_table_row(t, v, NULL);
	}
	if (err < 0) {
		ehcp_table_abandon(t);
		return err;
	}
	return ehcp_table_end(t);
}
