/* The review list page: the filters of `ehcp reviews`, the rows, the caseloads.
 * Never a child's reference or date of birth, whatever the list holds. */
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "io/sink_internal.h"
#include "render/html.h"

static const html_col cols[] = {
    {"plan_ref", "Plan", false},        {"caseworker", "Caseworker", false}, {"year", "Year group", false},
    {NULL, "What is due", false},       {"due", "Due", false},               {"days_left", "Days left", true},
    {"status", "Status", false},        {"next_review", "Next review", false}, {NULL, "Phase transfer", false},
    {"transfer_by", "Transfer by", false},
};

static int status_rank(ehcp_plan_status s)
{
	return s == EHCP_PLAN_OVERDUE ? 0 : s == EHCP_PLAN_NEARING ? 1 : s == EHCP_PLAN_ON_TRACK ? 2 : 3;
}

static html_key key_of(const void *row, size_t col)
{
	const ehcp_reviewlist_row *r = row;
	const int64_t none = INT32_MAX;
	switch (col) {
	case 0: return (html_key){r->plan_ref, 0};
	case 1: return (html_key){r->caseworker, 0};
	case 2: return (html_key){NULL, r->has_year ? r->nc_year : none};
	case 4: return (html_key){NULL, r->due_kind == EHCP_DUE_NONE ? none : r->due};
	case 5: return (html_key){NULL, r->due_kind == EHCP_DUE_NONE ? none : r->days_left};
	case 6: return (html_key){NULL, status_rank(r->status)};
	case 7: return (html_key){NULL, r->review_due == EHCP_DATE_NONE ? none : r->review_due};
	case 9: return (html_key){NULL, r->transfer_deadline == EHCP_DATE_NONE ? none : r->transfer_deadline};
	default: return (html_key){NULL, 0};
	}
}

static const char *year_words(char *buf, size_t len, const ehcp_reviewlist_row *r)
{
	const char *y = html_year(buf, len, r->has_year, r->nc_year);
	return y ? y : "Not known";
}

static void filters(FILE *f, const ehcp_page_reviewlist *p, const char *path)
{
	const ehcp_page_query *q = p->query;
	const char *e = p->errors;
	static const char *const statuses[] = {"overdue", "nearing", "on_track"};
	static const char *const status_words[] = {"Overdue", "Nearing", "On track"};
	static const char *const kinds[] = {"", "reception", "secondary", "post16", "local"};
	static const char *const kind_words[] = {"Any kind", "Into Reception", "Year 6 to Year 7", "Year 11 to post-16",
	                                         "The council's own pattern"};
	static const char *const yes[] = {"1"};
	static const char *const all_words[] = {"Include plans on track"};
	static const char *const transfer_words[] = {"Phase transfers in the next 12 months not yet met, instead"};
	html_filters_begin(f, path, "Filters", e);
	fputs("<div class=\"fields\">", f);
	html_input(f, &(html_field){"as-of", "As of", "The day to look from, for example 1/12/2026. Empty: today.",
	                            ehcp_page_query_get(q, "as-of"), "text", NULL, 12},
	           e, NULL, NULL);
	html_input(f, &(html_field){"caseworker", "Caseworker", NULL, ehcp_page_query_get(q, "caseworker"), "text", NULL, 20},
	           e, NULL, NULL);
	html_input(f, &(html_field){"due-within", "Due within (days)", "Late ones included",
	                            ehcp_page_query_get(q, "due-within"), "text", NULL, 5},
	           e, NULL, NULL);
	html_input(f, &(html_field){"within", "Nearing (days)", "Default 28", ehcp_page_query_get(q, "within"), "text", NULL,
	                            5},
	           e, NULL, NULL);
	html_input(f, &(html_field){"year", "Year group", "Reception is 0", ehcp_page_query_get(q, "year"), "text", NULL, 4},
	           e, NULL, NULL);
	html_select(f, &(html_field){"kind", "Kind of transfer", NULL, ehcp_page_query_get(q, "kind"), NULL, NULL, 0}, kinds,
	            kind_words, sizeof kinds / sizeof kinds[0], e, NULL, NULL);
	fputs("</div><div class=\"fields\">", f);
	html_choices(f, &(html_field){"status", "Status", NULL, NULL, NULL, NULL, 0}, statuses, status_words, 3, q, false,
	             NULL);
	html_choices(f, &(html_field){"all", "Plans on track", NULL, NULL, NULL, NULL, 0}, yes, all_words, 1, q, false, NULL);
	html_choices(f, &(html_field){"transfers", "Phase transfers", NULL, NULL, NULL, NULL, 0}, yes, transfer_words, 1, q,
	             false, NULL);
	fputs("</div>", f);
	html_filters_end(f, path, "Apply filters");
}

static void rows(FILE *f, const ehcp_reviewlist *l, const ehcp_page_query *q, const char *path)
{
	char caption[200], d[HTML_DATE_LEN];
	size_t overdue = 0, nearing = 0, no_dob = 0;
	for (size_t i = 0; i < l->count; i++) {
		overdue += l->rows[i].status == EHCP_PLAN_OVERDUE;
		nearing += l->rows[i].status == EHCP_PLAN_NEARING;
		no_dob += !l->rows[i].has_year;
	}
	snprintf(caption, sizeof caption, "%s as of %s: %zu (%zu overdue, %zu nearing, %zu without a date of birth)",
	         l->transfers_only ? "Phase transfers" : "Plans needing attention", html_date(d, l->as_of), l->count,
	         overdue, nearing, no_dob);
	bool desc;
	const size_t ncols = sizeof cols / sizeof cols[0];
	const int sorted = html_sort_col(q, cols, ncols, &desc);
	size_t *idx = html_sort(l->rows, l->count, sizeof l->rows[0], key_of, sorted, desc);
	html_table_begin(f, "reviews", caption);
	html_thead(f, cols, ncols, q, sorted, desc);
	fputs("<tbody>\n", f);
	for (size_t k = 0; idx && k < l->count; k++) {
		const ehcp_reviewlist_row *r = &l->rows[idx[k]];
		const bool has_due = r->due_kind != EHCP_DUE_NONE;
		char words[48], yb[16];
		fputs("<tr data-plan=\"", f);
		html_esc(f, r->plan_ref);
		fputs("\"><th scope=\"row\"><a href=\"/plans/", f);
		html_url(f, r->plan_ref);
		fputs("\">", f);
		html_esc(f, r->plan_ref);
		fputs("</a></th><td>", f);
		html_caseworker_link(f, path, r->caseworker, ehcp_page_query_get(q, "as-of"), "");
		fprintf(f, "</td><td>%s</td><td>", year_words(yb, sizeof yb, r));
		if (has_due)
			html_esc(f, ehcp_review_due_label(r->due_kind));
		fprintf(f, "</td><td>%s</td><td class=\"num\">", has_due ? html_date(d, r->due) : "");
		if (has_due)
			fprintf(f, "%d", r->days_left);
		fputs("</td><td>", f);
		html_tag(f, ehcp_plan_status_name(r->status), html_words(words, sizeof words, ehcp_plan_status_name(r->status)));
		fprintf(f, "</td><td>%s</td><td>", html_date(d, r->review_due));
		html_esc(f, html_words(words, sizeof words, ehcp_transfer_kind_name(r->transfer_kind)));
		fprintf(f, "</td><td>%s</td></tr>\n", html_date(d, r->transfer_deadline));
	}
	fputs("</tbody>", f);
	html_table_end(f);
	free(idx);
}

static void reviewloads(FILE *f, const ehcp_reviewload *l, const ehcp_page_query *q, const char *path)
{
	char caption[96], d[HTML_DATE_LEN];
	snprintf(caption, sizeof caption, "Review caseloads as of %s", html_date(d, l->as_of));
	static const html_col lcols[] = {{NULL, "Caseworker", false}, {NULL, "Plans", true},
	                                 {NULL, "Overdue", true},     {NULL, "Nearing", true},
	                                 {NULL, "Transfers outstanding", true}, {NULL, "No date of birth", true}};
	html_loads_begin(f, "reviewloads", caption, lcols, sizeof lcols / sizeof lcols[0]);
	const char *as_of = ehcp_page_query_get(q, "as-of");
	for (size_t i = 0; i < l->count; i++) {
		const ehcp_reviewload_row *r = &l->rows[i];
		const int counts[] = {r->plans, r->overdue, r->nearing, r->transfers, r->no_birth_date};
		html_loads_row(f, path, r->caseworker, as_of, counts, 5);
	}
	fputs("</tbody>", f);
	html_table_end(f);
}

int ehcp_page_reviewlist_format(ehcp_sink *out, const ehcp_page_options *given, const ehcp_page_reviewlist *p)
{
	HTML_PAGE_START(o, given, out, p, "review list page");
	const char *path = p->path ? p->path : "/reviews";
	FILE *f = ehcp_sink_stream(out);
	html_begin(f, o, p->title ? p->title : "Review list", "reviews");
	filters(f, p, path);
	if (p->list) {
		rows(f, p->list, p->query, path);
		html_csv_link(f, p->query, path, "this view");
	}
	if (p->load)
		reviewloads(f, p->load, p->query, path);
	return html_end(out, "the review list page");
}
