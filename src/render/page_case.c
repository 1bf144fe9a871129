/* The case page: a request's status, milestones, deadlines and history, and
 * the form to record a milestone. */
#include <string.h>

#include "core/errors_internal.h"
#include "io/sink_internal.h"
#include "render/html.h"

/* The milestones the form offers, in the order they happen. */
static const char *const milestones[] = {"decision", "plan_decision", "draft", "final", "exception",
                                         "mediation", "appeal", "tribunal", "closed"};
static const char *const milestone_words[] = {
    "Decision whether to assess (code and date)", "Decision whether to issue a plan (code and date)",
    "Draft plan served (date)", "Final plan issued (date)", "Exception (code and note)", "Mediation (date)",
    "Tribunal appeal registered (date)", "Tribunal outcome (code and date)", "Request closed (code and date)"};

const char *ehcp_page_case_input_of(const char *milestone, const char *field)
{
	if (!field)
		return NULL;
	static const char *const inputs[] = {"milestone", "change", "code", "date", "note", "version"};
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
		if (strcmp(field, inputs[i]) == 0)
			return inputs[i];
	ehcp_milestone m;
	if (!milestone || !*milestone || ehcp_milestone_lookup(&m, milestone) < 0)
		return NULL;
	if (!m.fields[1])
		return strcmp(field, m.fields[0]) == 0 ? "date" : NULL;
	if (strcmp(field, m.fields[0]) == 0)
		return "code";
	if (strcmp(field, m.fields[1]) == 0)
		return m.second_optional ? "note" : "date";
	return NULL;
}

/* A form's value, "" when it has none. */
static const char *value_of(const ehcp_page_query *form, const char *name)
{
	const char *v = ehcp_page_query_get(form, name);
	return v ? v : "";
}

/* record or correct, as the form's change says; -1 (with the message) otherwise. */
static int mode_of(ehcp_change_mode *mode, const ehcp_page_query *form)
{
	const char *change = value_of(form, "change");
	if (!*change || strcmp(change, "record") == 0)
		*mode = EHCP_CHANGE_RECORD;
	else if (strcmp(change, "correct") == 0)
		*mode = EHCP_CHANGE_CORRECT;
	else
		return ehcp_fail(EHCP_EINVALID, "change: \"%s\" is not record or correct", change);
	return 0;
}

int ehcp_page_case_changes(ehcp_change out[2], size_t *n, const ehcp_page_query *form)
{
	if (!out || !n)
		return ehcp_fail(EHCP_EINVALID, "nowhere to put the changes");
	*n = 0;
	const char *name = value_of(form, "milestone");
	ehcp_milestone m;
	if (!*name)
		return ehcp_fail(EHCP_EINVALID, "milestone: choose the milestone to record");
	if (ehcp_milestone_lookup(&m, name) < 0) {
		/* the message is the last error itself: copied before it is rewritten */
		char why[160];
		snprintf(why, sizeof why, "%s", ehcp_error_last());
		return ehcp_fail(EHCP_EINVALID, "milestone: %s", why);
	}
	ehcp_change_mode mode = EHCP_CHANGE_RECORD;
	if (mode_of(&mode, form) < 0)
		return EHCP_EINVALID;
	const char *code = value_of(form, "code"), *date = value_of(form, "date"), *note = value_of(form, "note");
	/* what is missing, named by its field; then the command's own reading */
	ehcp_problems probs = EHCP_PROBLEMS_INIT;
	if (m.fields[1] && !*code)
		ehcp_problem_add(&probs, EHCP_EINVALID, "code: enter the code");
	if (!m.second_optional && !*date)
		ehcp_problem_add(&probs, EHCP_EINVALID, "date: enter the date, for example 1/12/2026");
	if (probs.count)
		return ehcp_fail(EHCP_EINVALID, "%s", probs.text);
	const char *values[2] = {m.fields[1] ? code : date, m.second_optional ? note : date};
	const int nvalues = !m.fields[1] ? 1 : m.second_optional && !*note ? 1 : 2;
	return ehcp_milestone_changes(out, n, &m, mode, values, nvalues);
}

static const char *case_input_of(const char *name, const void *ctx)
{
	return ehcp_page_case_input_of(ctx, name);
}

static void milestone_row(FILE *f, const char *what, ehcp_date d, const char *detail)
{
	if (d == EHCP_DATE_NONE && (!detail || !*detail))
		return;
	char buf[HTML_DATE_LEN];
	fputs("<tr><th scope=\"row\">", f);
	html_esc(f, what);
	fprintf(f, "</th><td>%s</td><td>", html_date(buf, d));
	html_esc(f, detail ? detail : "");
	fputs("</td></tr>\n", f);
}

/* cd: the milestones as they stood on the day shown, of which `later`
 * dated after it were left out */
static void milestones_table(FILE *f, const ehcp_case *c, const ehcp_case_dates *cd, int later)
{
	static const html_col mcols[] = {{NULL, "Milestone", false}, {NULL, "Date", false}, {NULL, "Detail", false}};
	html_table_begin(f, "milestones", "Milestones");
	html_thead(f, mcols, 3, NULL, -1, false);
	fputs("<tbody>\n", f);
	char w[64];
	milestone_row(f, "Request received", cd->request, ehcp_request_type_name(cd->type));
	milestone_row(f, cd->type == EHCP_REQUEST_REASSESSMENT ? "Decision whether to re-assess" : "Decision whether to assess",
	              cd->decision_date, html_words(w, sizeof w, ehcp_assess_decision_name(cd->decision)));
	static const char *const bodies[] = {"Health advice", "Social care advice", "EP advice"};
	for (int b = 0; b < EHCP_ADVICE_COUNT; b++) {
		char label[64];
		snprintf(label, sizeof label, "%s asked for", bodies[b]);
		milestone_row(f, label, cd->advice[b].requested, NULL);
		snprintf(label, sizeof label, "%s received", bodies[b]);
		milestone_row(f, label, cd->advice[b].received,
		              cd->advice[b].exception ? ehcp_exception_name(cd->advice[b].exception) : NULL);
	}
	milestone_row(f, "Decision whether to issue a plan", cd->plan_decision_date,
	              html_words(w, sizeof w, ehcp_plan_decision_name(cd->plan_decision)));
	milestone_row(f, "Draft plan served", cd->draft, NULL);
	milestone_row(f, "Final plan issued", cd->final, NULL);
	milestone_row(f, "Mediation", cd->mediation, NULL);
	milestone_row(f, "Tribunal appeal registered", cd->tribunal_appeal, NULL);
	milestone_row(f, "Tribunal outcome", cd->tribunal_outcome_date,
	              html_words(w, sizeof w, ehcp_tribunal_outcome_name(cd->tribunal_outcome)));
	milestone_row(f, "Request closed", cd->closed, html_words(w, sizeof w, ehcp_closed_reason_name(cd->closed_reason)));
	if (cd->exception != EHCP_EXCEPTION_NONE) {
		fputs("<tr><th scope=\"row\">Exception</th><td></td><td>", f);
		html_esc(f, ehcp_exception_name(cd->exception));
		if (c->exception_note) {
			fputs(": ", f);
			html_esc(f, c->exception_note);
		}
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>", f);
	html_table_end(f);
	if (later) {
		char d[HTML_DATE_LEN];
		fprintf(f, "<p>%d %s dated after %s %s not shown: this is the case as it stood then.</p>\n", later,
		        later == 1 ? "milestone" : "milestones", html_date(d, c->on), later == 1 ? "is" : "are");
	}
}

static void deadlines_table(FILE *f, const ehcp_case *c)
{
	static const html_col dcols[] = {{NULL, "Deadline", false}, {NULL, "Due by", false}, {NULL, "Days left", true},
	                                 {NULL, "Where it stands", false}};
	html_table_begin(f, "deadlines", "Deadlines");
	html_thead(f, dcols, 4, NULL, -1, false);
	fputs("<tbody>\n", f);
	const ehcp_date on = c->on;
	for (int k = 0; k < EHCP_DEADLINE_COUNT; k++) {
		const ehcp_deadline *d = &c->deadlines[k];
		if (!d->applies)
			continue;
		char due[HTML_DATE_LEN], met[HTML_DATE_LEN], state[96];
		fputs("<tr><th scope=\"row\">", f);
		html_esc(f, ehcp_deadline_label_for((ehcp_deadline_kind)k, c->dates.type));
		fprintf(f, "</th><td>%s</td><td class=\"num\">", html_date(due, d->due));
		if (d->met == EHCP_DATE_NONE)
			fprintf(f, "%d", d->due - on);
		fputs("</td><td>", f);
		if (d->met != EHCP_DATE_NONE) {
			const bool in_time = d->met <= d->due;
			snprintf(state, sizeof state, "Met %s", html_date(met, d->met));
			html_tag(f, in_time ? "in_time" : "late", in_time ? "In time" : "Late");
			fputs(" ", f);
			html_esc(f, state);
		} else if (d->due < on) {
			html_tag(f, d->hard ? "missed" : "none", d->hard ? "Missed" : "Passed");
			fprintf(f, " %s", html_days(state, sizeof state, d->due - on));
		} else {
			fputs(html_days(state, sizeof state, d->due - on), f);
		}
		if (d->excused)
			fputs(" (exception)", f);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>", f);
	html_table_end(f);
}

/* Who made a change: "app user (db role)", or the role alone. */
static void who(FILE *f, const ehcp_history_entry *e)
{
	if (e->app_user) {
		html_esc(f, e->app_user);
		fputs(" (", f);
		html_esc(f, e->db_role);
		fputs(")", f);
	} else {
		html_esc(f, e->db_role);
	}
}

void html_history(FILE *f, const ehcp_history *h, bool (*identifies_child)(const char *field))
{
	static const html_col hcols[] = {{NULL, "When (UTC)", false}, {NULL, "Who", false}, {NULL, "Action", false},
	                                 {NULL, "Field", false},      {NULL, "Was", false}, {NULL, "Now", false}};
	fputs("<h2>History</h2>\n", f);
	html_table_begin(f, "history", "Every change, oldest first");
	html_thead(f, hcols, 6, NULL, -1, false);
	fputs("<tbody>\n", f);
	for (size_t i = 0; i < h->count; i++) {
		const ehcp_history_entry *e = &h->entries[i];
		const bool hide = e->field && identifies_child(e->field);
		fputs("<tr><td>", f);
		html_esc(f, e->at);
		fputs("</td><td>", f);
		who(f, e);
		fputs("</td><td>", f);
		html_esc(f, e->action);
		fputs("</td><td>", f);
		html_esc(f, e->field ? e->field : "");
		fputs("</td><td>", f);
		html_esc(f, !e->field ? "" : hide ? "(hidden)" : e->old_value ? e->old_value : "(none)");
		fputs("</td><td>", f);
		html_esc(f, !e->field ? "" : hide ? "(hidden)" : e->new_value ? e->new_value : "(none)");
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>", f);
	html_table_end(f);
}

static void change_form(FILE *f, const ehcp_page_options *o, const ehcp_page_case *p)
{
	const ehcp_case *c = p->c;
	const ehcp_page_query *form = p->form;
	const char *ms = ehcp_page_query_get(form, "milestone");
	const char *e = p->errors;
	char codes[512];
	snprintf(codes, sizeof codes,
	         "Decision: %s. Plan decision: %s. Exception: %s. Tribunal outcome: %s. Closed: %s.",
	         ehcp_assess_decision_list(), ehcp_plan_decision_list(), ehcp_case_exception_list(),
	         ehcp_tribunal_outcome_list(), ehcp_closed_reason_list());
	static const char *const changes[] = {"record", "correct"};
	static const char *const change_words[] = {"Record it (it has no date yet)", "Correct it (it has one)"};
	fputs("<h2 id=\"record-heading\">Record a milestone</h2>\n<form method=\"post\" action=\"/cases/", f);
	html_url(f, c->case_ref);
	fputs("\" novalidate aria-labelledby=\"record-heading\">", f);
	html_csrf(f, o);
	fprintf(f, "<input type=\"hidden\" name=\"version\" value=\"%d\">", c->version);
	html_select(f, &(html_field){"milestone", "Milestone", NULL, ms, NULL, NULL, 0}, milestones, milestone_words,
	            sizeof milestones / sizeof milestones[0], e, case_input_of, ms);
	html_choices(f, &(html_field){"change", "Record or correct", NULL, NULL, NULL, NULL, 0}, changes, change_words, 2,
	             form, true, "record");
	html_input(f, &(html_field){"code", "Code", codes, ehcp_page_query_get(form, "code"), "text", NULL, 24}, e,
	           case_input_of, ms);
	html_input(f, &(html_field){"date", "Date", "For example 1/12/2026 or 2026-12-01",
	                            ehcp_page_query_get(form, "date"), "text", NULL, 12},
	           e, case_input_of, ms);
	html_input(f, &(html_field){"note", "Note (for an exception)", NULL, ehcp_page_query_get(form, "note"), "text", NULL,
	                            40},
	           e, case_input_of, ms);
	fputs("<button class=\"button\" type=\"submit\">Save the milestone</button></form>\n", f);
}

int ehcp_page_case_format(ehcp_sink *out, const ehcp_page_options *given, const ehcp_page_case *p)
{
	HTML_PAGE_START(o, given, out, p && p->c, "case page");
	const ehcp_case *c = p->c;
	FILE *f = ehcp_sink_stream(out);
	char title[4 * EHCP_REF_MAX + 16], d[HTML_DATE_LEN], el[32], w[48];
	snprintf(title, sizeof title, "Case %s", c->case_ref);
	html_begin(f, o, title, "cases");
	html_notice(f, p->notice);
	const char *ms = ehcp_page_query_get(p->form, "milestone");
	html_error_summary(f, p->errors, case_input_of, ms);
	fprintf(f, "<p class=\"lead\">As of %s: ", html_date(d, c->on));
	html_tag(f, ehcp_status_name(c->view.status), html_words(w, sizeof w, ehcp_status_name(c->view.status)));
	const int32_t days = c->view.elapsed_days;
	fprintf(f, " %d week%s %d day%s since the request.</p>\n<dl class=\"summary\">", days / 7, days / 7 == 1 ? "" : "s",
	        days % 7, days % 7 == 1 ? "" : "s");
	html_summary_row(f, "Request", html_words(w, sizeof w, ehcp_request_type_name(c->dates.type)));
	html_summary_row(f, "Received", html_date(d, c->dates.request));
	html_summary_row(f, "Caseworker", c->caseworker[0] ? c->caseworker : "None");
	snprintf(el, sizeof el, "%d", c->view.elapsed_days / 7);
	html_summary_row(f, "Weeks elapsed", el);
	if (c->view.next != EHCP_DEADLINE_COUNT) {
		char next[160], days[32];
		snprintf(next, sizeof next, "%s, by %s (%s)", ehcp_deadline_label_for(c->view.next, c->dates.type),
		         html_date(d, c->view.next_due), html_days(days, sizeof days, c->view.next_due - c->on));
		html_summary_row(f, "Next deadline", next);
	}
	html_summary_row(f, "Exception", c->view.exception ? "Recorded" : "None");
	fprintf(f, "<dt>Version</dt><dd>%d</dd></dl>\n", c->version);
	/* the milestones as they stood on the day shown, as its deadlines are */
	ehcp_case_dates seen;
	const int later = ehcp_clock_as_of(&seen, &c->dates, c->on);
	if (ehcp_clock_comment_period_cut_short(&seen))
		fprintf(f, "<p><strong>Warning:</strong> the final plan came %d days after the draft, before the family's "
		           "%d days to comment had run.</p>\n",
		        seen.final - seen.draft, EHCP_DAYS_COMMENT);
	fputs("<h2>Milestones and deadlines</h2>\n", f);
	milestones_table(f, c, &seen, later);
	deadlines_table(f, c);
	if (html_may_write(o))
		change_form(f, o, p);
	if (p->history)
		html_history(f, p->history, ehcp_case_field_identifies_child);
	return html_end(out, "the case page");
}
