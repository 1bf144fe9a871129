/* The reports page: a measure over a period, each figure a link to its cases. */
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "io/sink_internal.h"
#include "render/html.h"

static const char *const measures[] = {"plans", "cohort", "decisions", "advice", "backlog", "sen2", "reviews"};
static const char *const measure_words[] = {
    "Plans issued, in time and late", "Requests received and where they stand", "Decisions whether to assess",
    "Advice returned within 6 weeks", "The backlog", "SEN2 check (one calendar year)", "Annual reviews and transfers"};

/* A period's first and last days from its label ("2021-03", "2021-Q1",
 * "2021"), kept inside the report's range; false for any other label (an
 * as-of row), which stands for the whole range. */
static bool period_bounds(ehcp_date *from, ehcp_date *to, const char *label, const ehcp_report *r)
{
	int y, n;
	char c;
	size_t len = strlen(label);
	ehcp_date a, b;
	if (len == 7 && sscanf(label, "%4d-Q%1d%c", &y, &n, &c) == 2 && n >= 1 && n <= 4) {
		a = ehcp_date_from_ymd_unchecked(y, 3 * n - 2, 1);
		b = ehcp_date_add_days(ehcp_date_add_months_start(a, 3), -1);
	} else if (len == 7 && sscanf(label, "%4d-%2d%c", &y, &n, &c) == 2 && n >= 1 && n <= 12) {
		a = ehcp_date_from_ymd_unchecked(y, n, 1);
		b = ehcp_date_add_days(ehcp_date_add_months_start(a, 1), -1);
	} else if (len == 4 && sscanf(label, "%4d%c", &y, &c) == 1) {
		ehcp_date_year_bounds(&a, &b, y);
	} else {
		return false;
	}
	*from = a < r->from ? r->from : a;
	*to = b > r->to ? r->to : b;
	return true;
}

/* A link to the cases behind a figure: the query's report over [from, to]. */
static void cases_href(FILE *f, const ehcp_report *r, const ehcp_page_query *q, ehcp_date from, ehcp_date to)
{
	static const char *const drop[] = {"from", "to", "cases", "format", "measure", "year", NULL};
	char a[EHCP_DATE_ISO_LEN], b[EHCP_DATE_ISO_LEN], extra[96];
	fprintf(f, "/reports/%s", ehcp_report_measure_name(r->measure));
	snprintf(extra, sizeof extra, "from=%s&to=%s&cases=1", ehcp_date_format_iso(a, from), ehcp_date_format_iso(b, to));
	html_query(f, q, drop, extra);
}

static void value_cell(FILE *f, const ehcp_value *v, const char *col)
{
	char buf[256];
	if (v->null)
		return;
	if (v->type == EHCP_VALUE_DATE) {
		fputs(html_date(buf, v->date), f);
		return;
	}
	if (v->type == EHCP_VALUE_BOOL) {
		fputs(v->i ? "Yes" : "No", f);
		return;
	}
	ehcp_value_format(buf, sizeof buf, v);
	/* a case or a plan is a link to its page */
	const char *page = strcmp(col, "case_ref") == 0 ? "/cases/" : strcmp(col, "plan_ref") == 0 ? "/plans/" : NULL;
	if (page && v->type == EHCP_VALUE_TEXT) {
		fprintf(f, "<a href=\"%s", page);
		html_url(f, buf);
		fputs("\">", f);
		html_esc(f, buf);
		fputs("</a>", f);
		return;
	}
	html_esc(f, buf);
}

static void report_table(FILE *f, const ehcp_report *r, const ehcp_page_query *q)
{
	char caption[256], a[HTML_DATE_LEN], b[HTML_DATE_LEN], d[HTML_DATE_LEN];
	const bool advice = r->measure == EHCP_REPORT_ADVICE;
	snprintf(caption, sizeof caption, "%s%s%s, %s to %s, as of %s", r->cases ? "The cases behind: " : "",
	         advice ? ehcp_advice_body_name(r->body) : "", advice ? " advice" : ehcp_report_measure_name(r->measure),
	         html_date(a, r->from), html_date(b, r->to), html_date(d, r->as_of));
	caption[0] = (char)(caption[0] >= 'a' && caption[0] <= 'z' ? caption[0] - 'a' + 'A' : caption[0]);
	html_col *cols = calloc(r->ncols ? r->ncols : 1, sizeof *cols);
	char (*titles)[64] = calloc(r->ncols ? r->ncols : 1, sizeof *titles);
	if (!cols || !titles) {
		free(cols);
		free(titles);
		return;
	}
	for (size_t c = 0; c < r->ncols; c++) {
		cols[c].title = html_words(titles[c], sizeof titles[c], r->columns[c].name);
		cols[c].numeric = r->columns[c].type == EHCP_VALUE_INT || r->columns[c].type == EHCP_VALUE_NUMBER;
	}
	const bool by_period = r->ncols > 0 && strcmp(r->columns[0].name, "period") == 0;
	html_table_begin(f, "report", caption);
	html_thead(f, cols, r->ncols, q, -1, false);
	fputs("<tbody>\n", f);
	for (size_t i = 0; i < r->nrows; i++) {
		const ehcp_value *row = &r->values[i * r->ncols];
		ehcp_date from = r->from, to = r->to;
		char label[64] = "";
		if (by_period && !row[0].null) {
			snprintf(label, sizeof label, "%s", row[0].text);
			if (!period_bounds(&from, &to, label, r))
				from = r->from, to = r->to;
		}
		fputs("<tr", f);
		if (*label) {
			fputs(" data-period=\"", f);
			html_esc(f, label);
			fputc('"', f);
		}
		fputc('>', f);
		for (size_t c = 0; c < r->ncols; c++) {
			const ehcp_value *v = &row[c];
			const bool head = c == 0;
			fprintf(f, "<%s%s%s data-col=\"", head ? "th" : "td", head ? " scope=\"row\"" : "",
			        cols[c].numeric ? " class=\"num\"" : "");
			html_esc(f, r->columns[c].name);
			fputs("\">", f);
			/* a count is a link to the cases it counts; a percentage or a mean is not one figure's cases */
			if (!r->cases && by_period && v->type == EHCP_VALUE_INT && !v->null && c > 0) {
				char buf[32];
				fputs("<a class=\"figure-link\" href=\"", f);
				cases_href(f, r, q, from, to);
				fputs("\">", f);
				fputs(ehcp_value_format(buf, sizeof buf, v), f);
				fputs("<span class=\"visually-hidden\"> (the cases: ", f);
				html_esc(f, titles[c]);
				fputs(", ", f);
				html_esc(f, label);
				fputs(")</span></a>", f);
			} else if (head && by_period && *label && period_bounds(&from, &to, label, r)) {
				html_esc(f, label);
			} else if (head && by_period && *label) {
				/* an as-of row ("2026-06-30"): its day in words */
				ehcp_date day;
				char d[HTML_DATE_LEN];
				if (ehcp_date_parse_iso(&day, label, strlen(label), NULL, 0) == 0)
					fputs(html_date(d, day), f);
				else
					html_esc(f, label);
			} else {
				value_cell(f, v, r->columns[c].name);
			}
			fprintf(f, "</%s>", head ? "th" : "td");
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>", f);
	html_table_end(f);
	free(cols);
	free(titles);
}

static void picker(FILE *f, const ehcp_page_report *p)
{
	const ehcp_page_query *q = p->query;
	const char *e = p->errors;
	static const char *const bys[] = {"month", "quarter", "year"};
	static const char *const by_words[] = {"Month", "Quarter", "Year"};
	static const char *const bodies[] = {"health", "social_care", "ep"};
	static const char *const body_words[] = {"Health", "Social care", "Educational psychology"};
	const char *measure = ehcp_page_query_get(q, "measure");
	if (!measure && p->report)
		measure = ehcp_report_measure_name(p->report->measure);
	html_filters_begin(f, "/reports", "Choose a report", e);
	fputs("<div class=\"fields\">", f);
	html_select(f, &(html_field){"measure", "Report", NULL, measure, NULL, NULL, 0}, measures, measure_words,
	            sizeof measures / sizeof measures[0], e, NULL, NULL);
	html_input(f, &(html_field){"from", "From", "A month (2026-04) or a day", ehcp_page_query_get(q, "from"), "text",
	                            NULL, 12},
	           e, NULL, NULL);
	html_input(f, &(html_field){"to", "To", "A month (2027-03) or a day", ehcp_page_query_get(q, "to"), "text", NULL, 12},
	           e, NULL, NULL);
	html_input(f, &(html_field){"as-of", "As of", "Empty: today", ehcp_page_query_get(q, "as-of"), "text", NULL, 12}, e,
	           NULL, NULL);
	html_select(f, &(html_field){"from-body", "Advice from (for the advice report)", NULL,
	                             ehcp_page_query_get(q, "from-body"), NULL, NULL, 0},
	            bodies, body_words, 3, e, NULL, NULL);
	fputs("</div>", f);
	fputs("<div class=\"choices-inline\">", f);
	html_choices(f, &(html_field){"by", "By", NULL, NULL, NULL, NULL, 0}, bys, by_words, 3, q, true, "month");
	fputs("</div>", f);
	html_filters_end(f, "/reports", "Show the report");
}

int ehcp_page_report_format(ehcp_sink *out, const ehcp_page_options *given, const ehcp_page_report *p)
{
	HTML_PAGE_START(o, given, out, p, "report page");
	FILE *f = ehcp_sink_stream(out);
	html_begin(f, o, p->report && p->report->cases ? "The cases behind a figure" : "Reports", "reports");
	picker(f, p);
	if (p->report) {
		if (!p->report->cases)
			fputs("<p>Each count is a link to the cases it counts over its period.</p>\n", f);
		report_table(f, p->report, p->query);
		char path[64];
		snprintf(path, sizeof path, "/reports/%s", ehcp_report_measure_name(p->report->measure));
		html_csv_link(f, p->query, path, "this table");
	}
	return html_end(out, "the reports page");
}
