/* The plan page: a plan's status, next review, next phase transfer, its
 * reviews with each limit, its history, and the form to record a review step. */
#include <string.h>

#include "core/errors_internal.h"
#include "io/sink_internal.h"
#include "render/html.h"

static const char *const milestones[] = {"meeting",  "invitations", "report",   "decision",
                                         "proposals", "amended",     "transfer", "cease"};
static const char *const milestone_words[] = {
    "Review meeting held (date)",          "Invitations sent (date)",
    "Review report sent (date)",           "Decision after the review (code and date)",
    "Amendments proposed (date)",          "Amended plan issued (date)",
    "Next phase transfer (code and date)", "Plan ceased (code and date)"};

static const char *value_of(const ehcp_page_query *form, const char *name)
{
	const char *v = ehcp_page_query_get(form, name);
	return v ? v : "";
}

/* The form input a library field's message goes beside. */
static const char *plan_input_of(const char *field, const void *ctx)
{
	static const char *const inputs[] = {"milestone", "change", "review", "code", "date", "version"};
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
		if (strcmp(field, inputs[i]) == 0)
			return inputs[i];
	ehcp_plan_milestone m;
	const char *ms = ctx;
	if (!ms || !*ms || ehcp_plan_milestone_lookup(&m, ms) < 0)
		return NULL;
	if (strcmp(field, m.fields[0]) == 0)
		return m.fields[1] ? "code" : "date";
	if (m.fields[1] && strcmp(field, m.fields[1]) == 0)
		return "date";
	return NULL;
}

int ehcp_page_plan_changes(ehcp_change out[2], size_t *n, bool *review, ehcp_date *meeting,
                           const ehcp_page_query *form)
{
	if (!out || !n || !review || !meeting)
		return ehcp_fail(EHCP_EINVALID, "nowhere to put the changes");
	*n = 0;
	*review = false;
	*meeting = EHCP_DATE_NONE;
	const char *name = value_of(form, "milestone");
	ehcp_plan_milestone m;
	if (!*name)
		return ehcp_fail(EHCP_EINVALID, "milestone: choose the step to record");
	if (ehcp_plan_milestone_lookup(&m, name) < 0) {
		/* the message is the last error itself: copied before it is rewritten */
		char why[160];
		snprintf(why, sizeof why, "%s", ehcp_error_last());
		return ehcp_fail(EHCP_EINVALID, "milestone: %s", why);
	}
	const char *change = value_of(form, "change");
	ehcp_change_mode mode = EHCP_CHANGE_RECORD;
	if (!*change || strcmp(change, "record") == 0)
		mode = EHCP_CHANGE_RECORD;
	else if (strcmp(change, "correct") == 0)
		mode = EHCP_CHANGE_CORRECT;
	else
		return ehcp_fail(EHCP_EINVALID, "change: \"%s\" is not record or correct", change);
	const char *code = value_of(form, "code"), *date = value_of(form, "date"), *rev = value_of(form, "review");
	ehcp_problems probs = EHCP_PROBLEMS_INIT;
	char why[160];
	if (m.fields[1] && !*code)
		ehcp_problem_add(&probs, EHCP_EINVALID, "code: enter the code");
	if (!*date)
		ehcp_problem_add(&probs, EHCP_EINVALID, "date: enter the date, for example 1/12/2026");
	*review = m.review;
	if (m.review && *rev && ehcp_date_parse(meeting, rev, strlen(rev), why, sizeof why) < 0)
		ehcp_problem_add(&probs, EHCP_EINVALID, "review: %s", why);
	if (!m.review && *rev)
		ehcp_problem_add(&probs, EHCP_EINVALID, "review: a review is only for a review's steps");
	const bool new_review = strcmp(m.fields[0], "meeting_date") == 0 && mode == EHCP_CHANGE_RECORD;
	if (new_review && *date && ehcp_date_parse(meeting, date, strlen(date), why, sizeof why) < 0)
		/* as `plan record meeting DATE` says it */
		ehcp_problem_add(&probs, EHCP_EINVALID, "date: %s", why);
	if (probs.count)
		return ehcp_fail(EHCP_EINVALID, "%s", probs.text);
	if (new_review)
		return 0;
	out[(*n)++] = (ehcp_change){m.fields[0], m.fields[1] ? code : date, mode};
	if (m.fields[1])
		out[(*n)++] = (ehcp_change){m.fields[1], date, mode};
	return 0;
}

static const char *transfer_words(ehcp_transfer_kind k)
{
	switch (k) {
	case EHCP_TRANSFER_RECEPTION: return "Into Reception";
	case EHCP_TRANSFER_SECONDARY: return "Year 6 to Year 7";
	case EHCP_TRANSFER_POST16: return "Year 11 to post-16";
	case EHCP_TRANSFER_LOCAL: return "To the next setting (the council's own pattern)";
	default: return "None ahead";
	}
}

static void review_table(FILE *f, const ehcp_plan *p, size_t i)
{
	static const char *const labels[EHCP_REVIEW_DL_COUNT] = {
	    "Invitations (2 weeks before the meeting)", "Review report (within 2 weeks)", "Decision (within 4 weeks)",
	    "Proposed amendments (within 4 weeks)", "Amended plan (8 weeks after proposals, at most 12 weeks)"};
	static const html_col rcols[] = {{NULL, "Step", false}, {NULL, "Due by", false}, {NULL, "Where it stands", false}};
	const ehcp_review_dates *r = &p->reviews[i];
	const ehcp_date on = p->on;
	const ehcp_date due = ehcp_review_next_due(&p->dates, p->reviews, i, r->meeting - 1);
	char caption[160], d1[HTML_DATE_LEN], d2[HTML_DATE_LEN], id[32], w[32];
	snprintf(caption, sizeof caption, "Review meeting %s (due by %s: %s)%s%s", html_date(d1, r->meeting),
	         html_date(d2, due), r->meeting <= due ? "in time" : "late",
	         r->decision && r->decision_date <= on ? ", decision: " : "",
	         r->decision && r->decision_date <= on ? html_words(w, sizeof w, ehcp_review_decision_name(r->decision)) : "");
	snprintf(id, sizeof id, "review-%zu", i + 1);
	html_table_begin(f, id, caption);
	html_thead(f, rcols, 3, NULL, -1, false);
	fputs("<tbody>\n", f);
	ehcp_review_deadline dl[EHCP_REVIEW_DL_COUNT];
	ehcp_review_deadlines(dl, r);
	for (int k = 0; k < EHCP_REVIEW_DL_COUNT; k++) {
		if (!dl[k].applies)
			continue;
		/* after a decision to cease, nothing but the report is owed (as `plan show`) */
		if (r->decision == EHCP_REVIEW_CEASE && k > EHCP_REVIEW_DL_DECISION)
			continue;
		const ehcp_date met = dl[k].met != EHCP_DATE_NONE && dl[k].met <= on ? dl[k].met : EHCP_DATE_NONE;
		fprintf(f, "<tr><th scope=\"row\">%s</th><td>%s</td><td>", labels[k], html_date(d1, dl[k].due));
		char state[64];
		if (met != EHCP_DATE_NONE) {
			html_tag(f, met <= dl[k].due ? "in_time" : "late", met <= dl[k].due ? "In time" : "Late");
			fprintf(f, " done %s", html_date(d2, met));
		} else if (k == EHCP_REVIEW_DL_INVITATIONS) {
			fputs("Not recorded", f);
		} else if (dl[k].due < on) {
			html_tag(f, "missed", "Missed");
			fprintf(f, " %s", html_days(state, sizeof state, dl[k].due - on));
		} else {
			fputs(html_days(state, sizeof state, dl[k].due - on), f);
		}
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>", f);
	html_table_end(f);
}

static void step_form(FILE *f, const ehcp_page_options *o, const ehcp_page_plan *pg)
{
	const ehcp_plan *p = pg->p;
	const ehcp_page_query *form = pg->form;
	const char *ms = ehcp_page_query_get(form, "milestone");
	const char *e = pg->errors;
	static const char *const changes[] = {"record", "correct"};
	static const char *const change_words[] = {"Record it (it has no date yet)", "Correct it (it has one)"};
	/* the reviews it may be for: the latest, or one by its meeting day */
	const char *revs[33], *rev_words[33];
	char iso[32][EHCP_DATE_ISO_LEN], words[32][HTML_DATE_LEN + 16];
	size_t nr = 0;
	revs[nr] = "";
	rev_words[nr++] = "The latest review";
	for (size_t i = p->review_count; i-- > 0 && nr < 33;) {
		revs[nr] = ehcp_date_format_iso(iso[nr - 1], p->reviews[i].meeting);
		char d[HTML_DATE_LEN];
		snprintf(words[nr - 1], sizeof words[nr - 1], "Meeting of %s", html_date(d, p->reviews[i].meeting));
		rev_words[nr] = words[nr - 1];
		nr++;
	}
	fputs("<h2 id=\"record-heading\">Record a review step</h2>\n<form method=\"post\" action=\"/plans/", f);
	html_url(f, p->plan_ref);
	fputs("\" novalidate aria-labelledby=\"record-heading\">", f);
	html_csrf(f, o);
	fprintf(f, "<input type=\"hidden\" name=\"version\" value=\"%d\">", p->version);
	html_select(f, &(html_field){"milestone", "Step", NULL, ms, NULL, NULL, 0}, milestones, milestone_words,
	            sizeof milestones / sizeof milestones[0], e, plan_input_of, ms);
	html_choices(f, &(html_field){"change", "Record or correct", NULL, NULL, NULL, NULL, 0}, changes, change_words, 2,
	             form, true, "record");
	html_select(f, &(html_field){"review", "For the review", "Not for a new meeting, a transfer or ceasing",
	                             ehcp_page_query_get(form, "review"), NULL, NULL, 0},
	            revs, rev_words, nr, e, plan_input_of, ms);
	html_input(f, &(html_field){"code", "Code", "Decision: maintain, amend, cease. Transfer: school or post16. Cease: "
	                                            "max_age, needs_met, higher_education, employment, moved_la, "
	                                            "no_engagement, left_england, deceased, other.",
	                            ehcp_page_query_get(form, "code"), "text", NULL, 20},
	           e, plan_input_of, ms);
	html_input(f, &(html_field){"date", "Date", "For example 1/12/2026 or 2026-12-01", ehcp_page_query_get(form, "date"),
	                            "text", NULL, 12},
	           e, plan_input_of, ms);
	fputs("<button class=\"button\" type=\"submit\">Save the step</button></form>\n", f);
}

int ehcp_page_plan_format(ehcp_sink *out, const ehcp_page_options *given, const ehcp_page_plan *pg)
{
	HTML_PAGE_START(o, given, out, pg && pg->p, "plan page");
	const ehcp_plan *p = pg->p;
	const ehcp_plan_view *v = &p->view;
	FILE *f = ehcp_sink_stream(out);
	char title[4 * EHCP_REF_MAX + 16], d[HTML_DATE_LEN], d2[HTML_DATE_LEN], w[48], line[256], days[32];
	snprintf(title, sizeof title, "Plan %s", p->plan_ref);
	html_begin(f, o, title, "reviews");
	html_notice(f, pg->notice);
	const char *ms = ehcp_page_query_get(pg->form, "milestone");
	html_error_summary(f, pg->errors, plan_input_of, ms);
	fprintf(f, "<p class=\"lead\">As of %s: ", html_date(d, p->on));
	html_tag(f, ehcp_plan_status_name(v->status), html_words(w, sizeof w, ehcp_plan_status_name(v->status)));
	fputs("</p>\n<dl class=\"summary\">", f);
	html_summary_row(f, "Started", html_date(d, p->dates.start));
	html_summary_row(f, "Caseworker", p->caseworker[0] ? p->caseworker : "None");
	if (p->case_ref[0]) {
		fputs("<dt>From the request</dt><dd><a href=\"/cases/", f);
		html_url(f, p->case_ref);
		fputs("\">", f);
		html_esc(f, p->case_ref);
		fputs("</a></dd>", f);
	}
	if (p->dates.transferred_in != EHCP_DATE_NONE)
		html_summary_row(f, "Transferred in", html_date(d, p->dates.transferred_in));
	if (v->status == EHCP_PLAN_CEASED) {
		snprintf(line, sizeof line, "%s (%s)", html_date(d, p->dates.ceased),
		         html_words(w, sizeof w, ehcp_cease_reason_name(p->cease_reason)));
		html_summary_row(f, "Ceased", line);
	} else {
		snprintf(line, sizeof line, "%s (%s)", html_date(d, v->review_due), html_days(days, sizeof days, v->review_due - p->on));
		html_summary_row(f, "Next review due by", line);
	}
	if (v->has_year) {
		html_summary_row(f, "Year group", html_year(line, sizeof line, true, v->nc_year));
	} else {
		html_summary_row(f, "Year group", "Not known (no date of birth): no phase transfer deadline can be worked out");
	}
	if (v->status != EHCP_PLAN_CEASED && v->transfer.kind != EHCP_TRANSFER_NONE) {
		snprintf(line, sizeof line, "%s on %s: amended plan by %s (%s)", transfer_words(v->transfer.kind),
		         html_date(d, v->transfer.transfer), html_date(d2, v->transfer.deadline),
		         v->transfer_met ? "met" : v->transfer.deadline < p->on ? "missed" : html_days(days, sizeof days, v->transfer.deadline - p->on));
		html_summary_row(f, "Next phase transfer", line);
	}
	fprintf(f, "<dt>Version</dt><dd>%d</dd></dl>\n<h2>Reviews</h2>\n", p->version);
	size_t shown = 0;
	for (size_t i = p->review_count; i-- > 0;) {
		if (p->reviews[i].meeting > p->on)
			continue;
		review_table(f, p, i);
		shown++;
	}
	if (!shown)
		fputs("<p>No review held yet.</p>\n", f);
	if (html_may_write(o))
		step_form(f, o, pg);
	if (pg->history)
		html_history(f, pg->history, ehcp_case_field_identifies_child);
	return html_end(out, "the plan page");
}
