/* A fetched report as a table, CSV or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/report.h"
#include "render/table.h"

/* More columns than this do not fit a terminal side by side: a table of
 * periods turns on its side, a measure to a row, a period to a column. */
#define WIDE_COLUMNS 14
#define MAX_PERIODS 14

static int format_turned(ehcp_sink *out, const ehcp_report *r, const ehcp_format_options *o)
{
	const size_t ncols = r->nrows + 1, nrows = r->ncols - 1;
	ehcp_table_col cols[MAX_PERIODS + 1];
	cols[0] = (ehcp_table_col){"measure", NULL, EHCP_VALUE_TEXT, false};
	for (size_t i = 0; i < r->nrows; i++) {
		const ehcp_value *p = &r->values[i * r->ncols];
		cols[i + 1] = (ehcp_table_col){p->null ? "" : p->text, NULL, EHCP_VALUE_INT, false};
	}
	ehcp_value row[MAX_PERIODS + 1];
	ehcp_table *t = NULL;
	int err = ehcp_table_begin(&t, out, o, cols, ncols);
	for (size_t m = 0; err == 0 && m < nrows; m++) {
		row[0] = (ehcp_value){.type = EHCP_VALUE_TEXT, .text = r->columns[m + 1].name};
		for (size_t i = 0; i < r->nrows; i++)
			row[i + 1] = r->values[i * r->ncols + m + 1];
		err = ehcp_table_row(t, row, NULL);
	}
	if (t)
		err = err < 0 ? (ehcp_table_abandon(t), err) : ehcp_table_end(t);
	return err;
}

int ehcp_report_format(ehcp_sink *out, const ehcp_report *r, const ehcp_format_options *opts)
{
	if (!r)
		return ehcp_fail(EHCP_EINVALID, "no report to write");
	ehcp_table_col *cols = calloc(r->ncols + 1, sizeof *cols);
	if (!cols)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	for (size_t c = 0; c < r->ncols; c++)
		cols[c] = (ehcp_table_col){r->columns[c].name, NULL, r->columns[c].type, false};
	/* The heading a table has, saying what it counts (the version checked
	 * before the caller's struct is copied). */
	ehcp_format_options o = EHCP_FORMAT_OPTIONS_INIT;
	if (opts) {
		int verr = ehcp_check_version(opts->version, EHCP_FORMAT_OPTIONS_VERSION, "ehcp_format_options");
		if (verr < 0)
			return verr;
		o = *opts;
	}
	char title[256], a[EHCP_DATE_LONG_LEN], b[EHCP_DATE_LONG_LEN], d[EHCP_DATE_LONG_LEN];
	if (!o.title) {
		const bool advice = r->measure == EHCP_REPORT_ADVICE;
		snprintf(title, sizeof title, "%s%s%s from %s to %s, as of %s", advice ? ehcp_advice_body_name(r->body) : "",
		         advice ? " advice" : ehcp_report_measure_name(r->measure), r->cases ? " (cases)" : "",
		         ehcp_date_format_long(a, r->from), ehcp_date_format_long(b, r->to), ehcp_date_format_long(d, r->as_of));
		o.title = title;
	}
	if (o.format == EHCP_FORMAT_TABLE && !r->cases && r->ncols > WIDE_COLUMNS && r->nrows >= 1 &&
	    r->nrows <= MAX_PERIODS && strcmp(r->columns[0].name, "period") == 0 && r->columns[0].type == EHCP_VALUE_TEXT) {
		free(cols);
		return format_turned(out, r, &o);
	}
	ehcp_table *t = NULL;
	int err = ehcp_table_begin(&t, out, &o, cols, r->ncols);
	for (size_t i = 0; err == 0 && i < r->nrows; i++)
		err = ehcp_table_row(t, &r->values[i * r->ncols], NULL);
	if (t)
		err = err < 0 ? (ehcp_table_abandon(t), err) : ehcp_table_end(t);
	free(cols);
	return err;
}
