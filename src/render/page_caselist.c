/* The case list page: the filters of `ehcp cases`, the rows, the caseloads. */
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "io/sink_internal.h"
#include "render/html.h"

static const html_col cols[] = {
    {"case_ref", "Case", false},  {"caseworker", "Caseworker", false}, {"received", "Received", false},
    {"elapsed", "Weeks elapsed", true}, {"stage", "Stage", false}, {NULL, "Deadline", false},
    {"due", "Due", false},        {"days_left", "Days left", true},     {"status", "Status", false},
    {NULL, "Exception", false},
};

/* Sorted by how urgent a status is, as the list itself is. */
static int status_rank(ehcp_status s)
{
	return s == EHCP_STATUS_OVERDUE ? 0 : s == EHCP_STATUS_NEARING ? 1 : s == EHCP_STATUS_ON_TRACK ? 2 : 3 + (int)s;
}

static html_key key_of(const void *row, size_t col)
{
	const ehcp_caselist_row *r = row;
	/* rows with no deadline sort after every date */
	const int64_t no_due = INT32_MAX;
	switch (col) {
	case 0: return (html_key){r->case_ref, 0};
	case 1: return (html_key){r->caseworker, 0};
	case 2: return (html_key){NULL, r->request};
	case 3: return (html_key){NULL, r->elapsed_days};
	case 4: return (html_key){NULL, r->stage};
	case 6: return (html_key){NULL, r->due_kind == EHCP_DEADLINE_COUNT ? no_due : r->due};
	case 7: return (html_key){NULL, r->due_kind == EHCP_DEADLINE_COUNT ? no_due : r->days_left};
	case 8: return (html_key){NULL, status_rank(r->status)};
	default: return (html_key){NULL, 0};
	}
}

static void filters(FILE *f, const ehcp_page_caselist *p, const char *path)
{
	const ehcp_page_query *q = p->query;
	static const char *const statuses[] = {"overdue", "nearing", "on_track"};
	static const char *const status_words[] = {"Overdue", "Nearing", "On track"};
	const char *stages[EHCP_STAGE_DRAFT_SERVED + 2], *stage_words[EHCP_STAGE_DRAFT_SERVED + 2];
	char words[EHCP_STAGE_DRAFT_SERVED + 1][40];
	stages[0] = "";
	stage_words[0] = "Any stage";
	for (int s = 0; s <= EHCP_STAGE_DRAFT_SERVED; s++) {
		stages[s + 1] = ehcp_stage_name((ehcp_stage)s);
		stage_words[s + 1] = html_words(words[s], sizeof words[s], stages[s + 1]);
	}
	const char *e = p->errors;
	html_filters_begin(f, path, "Filters", e);
	fputs("<div class=\"fields\">", f);
	html_input(f, &(html_field){"as-of", "As of", "The day to look from, for example 1/12/2026. Empty: today.",
	                            ehcp_page_query_get(q, "as-of"), "text", NULL, 12},
	           e, NULL, NULL);
	html_input(f, &(html_field){"caseworker", "Caseworker", NULL, ehcp_page_query_get(q, "caseworker"), "text", NULL, 20},
	           e, NULL, NULL);
	html_select(f, &(html_field){"stage", "Stage", NULL, ehcp_page_query_get(q, "stage"), NULL, NULL, 0}, stages,
	            stage_words, sizeof stages / sizeof stages[0], e, NULL, NULL);
	html_input(f, &(html_field){"due-within", "Due within (days)", "Late ones included",
	                            ehcp_page_query_get(q, "due-within"), "text", NULL, 5},
	           e, NULL, NULL);
	html_input(f, &(html_field){"received-from", "Received from", NULL, ehcp_page_query_get(q, "received-from"), "text",
	                            NULL, 12},
	           e, NULL, NULL);
	html_input(f, &(html_field){"received-to", "Received to", NULL, ehcp_page_query_get(q, "received-to"), "text", NULL,
	                            12},
	           e, NULL, NULL);
	html_input(f, &(html_field){"nearing", "Nearing (days)", "Default 14", ehcp_page_query_get(q, "nearing"), "text",
	                            NULL, 5},
	           e, NULL, NULL);
	fputs("</div><div class=\"fields\">", f);
	html_choices(f, &(html_field){"status", "Status", NULL, NULL, NULL, NULL, 0}, statuses, status_words, 3, q, false,
	             NULL);
	static const char *const yes[] = {"1"};
	static const char *const backlog_words[] = {"Only requests past their final-plan deadline"};
	static const char *const all_words[] = {"Include ended requests (plans issued, refused, closed)"};
	html_choices(f, &(html_field){"backlog", "Backlog", NULL, NULL, NULL, NULL, 0}, yes, backlog_words, 1, q, false, NULL);
	html_choices(f, &(html_field){"all", "Ended requests", NULL, NULL, NULL, NULL, 0}, yes, all_words, 1, q, false, NULL);
	fputs("</div>", f);
	html_filters_end(f, path, "Apply filters");
}

static void rows(FILE *f, const ehcp_caselist *l, const ehcp_page_query *q, const char *path)
{
	char caption[160], d[HTML_DATE_LEN];
	size_t overdue = 0, nearing = 0;
	for (size_t i = 0; i < l->count; i++) {
		overdue += l->rows[i].status == EHCP_STATUS_OVERDUE;
		nearing += l->rows[i].status == EHCP_STATUS_NEARING;
	}
	snprintf(caption, sizeof caption, "%s as of %s: %zu (%zu overdue, %zu nearing)",
	         l->include_ended ? "Requests" : "Open requests", html_date(d, l->as_of), l->count, overdue, nearing);
	bool desc;
	const size_t ncols = sizeof cols / sizeof cols[0];
	const int sorted = html_sort_col(q, cols, ncols, &desc);
	size_t *idx = html_sort(l->rows, l->count, sizeof l->rows[0], key_of, sorted, desc);
	html_table_begin(f, "cases", caption);
	html_thead(f, cols, ncols, q, sorted, desc);
	fputs("<tbody>\n", f);
	const char *as_of = ehcp_page_query_get(q, "as-of");
	for (size_t k = 0; idx && k < l->count; k++) {
		const ehcp_caselist_row *r = &l->rows[idx[k]];
		const bool has_due = r->due_kind != EHCP_DEADLINE_COUNT;
		char words[48];
		fputs("<tr data-case=\"", f);
		html_esc(f, r->case_ref);
		fputs("\"><th scope=\"row\"><a href=\"/cases/", f);
		html_url(f, r->case_ref);
		/* the case as it stood on the day the list looks from */
		if (as_of && *as_of) {
			fputs("?as-of=", f);
			html_url(f, as_of);
		}
		fputs("\">", f);
		html_esc(f, r->case_ref);
		fputs("</a></th><td>", f);
		html_caseworker_link(f, path, r->caseworker, as_of, "");
		fprintf(f, "</td><td>%s</td><td class=\"num\">%d</td><td>%s</td><td>", html_date(d, r->request),
		        r->elapsed_days / 7, html_words(words, sizeof words, ehcp_stage_name(r->stage)));
		if (has_due)
			html_esc(f, ehcp_deadline_label_for(r->due_kind, r->type));
		fprintf(f, "</td><td>%s</td><td class=\"num\">", has_due ? html_date(d, r->due) : "");
		if (has_due)
			fprintf(f, "%d", r->days_left);
		fputs("</td><td>", f);
		html_tag(f, ehcp_status_name(r->status), html_words(words, sizeof words, ehcp_status_name(r->status)));
		fprintf(f, "</td><td>%s</td></tr>\n", r->exception ? "Yes" : "");
	}
	fputs("</tbody>", f);
	html_table_end(f);
	free(idx);
}

static void caseloads(FILE *f, const ehcp_caseload *l, const ehcp_page_query *q, const char *path)
{
	char caption[96], d[HTML_DATE_LEN];
	snprintf(caption, sizeof caption, "Caseloads as of %s", html_date(d, l->as_of));
	static const html_col lcols[] = {{NULL, "Caseworker", false}, {NULL, "Open", true}, {NULL, "Overdue", true},
	                                 {NULL, "Nearing", true},     {NULL, "Oldest (weeks)", true}};
	html_loads_begin(f, "caseloads", caption, lcols, sizeof lcols / sizeof lcols[0]);
	const char *as_of = ehcp_page_query_get(q, "as-of");
	for (size_t i = 0; i < l->count; i++) {
		const ehcp_caseload_row *r = &l->rows[i];
		const int counts[] = {r->open, r->overdue, r->nearing, r->oldest_days / 7};
		html_loads_row(f, path, r->caseworker, as_of, counts, 4);
	}
	fputs("</tbody>", f);
	html_table_end(f);
}

int ehcp_page_caselist_format(ehcp_sink *out, const ehcp_page_options *given, const ehcp_page_caselist *p)
{
	HTML_PAGE_START(o, given, out, p, "case list page");
	const char *path = p->path ? p->path : "/cases";
	FILE *f = ehcp_sink_stream(out);
	html_begin(f, o, p->title ? p->title : "Case list", "cases");
	filters(f, p, path);
	if (p->list) {
		rows(f, p->list, p->query, path);
		html_csv_link(f, p->query, path, "this view");
	}
	if (p->load)
		caseloads(f, p->load, p->query, path);
	return html_end(out, "the case list page");
}
