/* A case and its history as `ehcp case show` and `ehcp case history` print them. */
#include <stdio.h>
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/case.h"
#include "io/sink_internal.h"

static void print_date_line(FILE *f, const char *label, ehcp_date d, const char *extra)
{
	char buf[EHCP_DATE_LONG_LEN];
	if (d == EHCP_DATE_NONE)
		return;
	fprintf(f, "    %-28s %s%s\n", label, ehcp_date_format_long(buf, d), extra ? extra : "");
}

/* A decision and its date: "plan decision  Mon 1 Jun 2020 (issue)"; nothing
 * while there is no code. */
static void coded_line(FILE *f, const char *label, ehcp_date d, const char *code)
{
	if (!*code)
		return;
	char extra[48];
	snprintf(extra, sizeof extra, " (%s)", code);
	print_date_line(f, label, d, extra);
}

int ehcp_case_format(ehcp_sink *out, const ehcp_case *c, bool show_child)
{
	if (!out || !c)
		return ehcp_fail(EHCP_EINVALID, "no case to write, or nowhere to write it");
	FILE *f = ehcp_sink_stream(out);
	const ehcp_date on = c->on;
	char d1[EHCP_DATE_LONG_LEN], d2[EHCP_DATE_LONG_LEN], el[16];
	/* the milestones as they stood on the day shown, as its deadlines are */
	ehcp_case_dates seen;
	const int later = ehcp_clock_as_of(&seen, &c->dates, on);
	const ehcp_case_dates *cd = &seen;
	fprintf(f, "Case %s (version %d)\n", c->case_ref, c->version);
	fprintf(f, "  %s request received %s; caseworker %s\n", ehcp_request_type_name(cd->type),
	       ehcp_date_format_long(d1, cd->request), c->caseworker[0] ? c->caseworker : "(none)");
	if (show_child) {
		fprintf(f, "  child %s, born %s\n", c->child_ref[0] ? c->child_ref : "(no reference)",
		       c->date_of_birth == EHCP_DATE_NONE ? "(not known)" : ehcp_date_format_long(d2, c->date_of_birth));
	}
	fprintf(f, "  on %s: %s, %s since the request%s\n", ehcp_date_format_long(d1, on), ehcp_status_name(c->view.status),
	       ehcp_clock_format_elapsed(el, sizeof el, c->view.elapsed_days),
	       c->view.exception ? "; exception recorded" : "");
	if (c->view.next != EHCP_DEADLINE_COUNT)
		fprintf(f, "  next deadline: %s, %s (%d days)\n", ehcp_deadline_label_for(c->view.next, cd->type),
		       ehcp_date_format_long(d2, c->view.next_due), c->view.next_due - on);

	fprintf(f, "  Milestones\n");
	coded_line(f, cd->type == EHCP_REQUEST_REASSESSMENT ? "decision whether to re-assess" : "decision whether to assess",
	           cd->decision_date, ehcp_assess_decision_name(cd->decision));
	static const char *const bodies[] = {"health advice", "social care advice", "EP advice"};
	for (int b = 0; b < EHCP_ADVICE_COUNT; b++) {
		char label[64];
		snprintf(label, sizeof label, "%s requested", bodies[b]);
		print_date_line(f, label, cd->advice[b].requested, NULL);
		snprintf(label, sizeof label, "%s received", bodies[b]);
		print_date_line(f, label, cd->advice[b].received, NULL);
		if (cd->advice[b].exception != EHCP_EXCEPTION_NONE)
			fprintf(f, "    %-28s %s\n", "  exception", ehcp_exception_name(cd->advice[b].exception));
	}
	coded_line(f, "plan decision", cd->plan_decision_date, ehcp_plan_decision_name(cd->plan_decision));
	print_date_line(f, "draft plan served", cd->draft, NULL);
	print_date_line(f, "final plan issued", cd->final, NULL);
	coded_line(f, "closed", cd->closed, ehcp_closed_reason_name(cd->closed_reason));
	print_date_line(f, "mediation", cd->mediation, NULL);
	print_date_line(f, "tribunal appeal registered", cd->tribunal_appeal, NULL);
	coded_line(f, "tribunal outcome", cd->tribunal_outcome_date, ehcp_tribunal_outcome_name(cd->tribunal_outcome));
	if (cd->exception != EHCP_EXCEPTION_NONE)
		fprintf(f, "    %-28s %s%s%s\n", "exception", ehcp_exception_name(cd->exception),
		       c->exception_note ? ": " : "", c->exception_note ? c->exception_note : "");

	if (later)
		fprintf(f, "    (%d %s dated after %s not shown)\n", later, later == 1 ? "milestone" : "milestones",
		        ehcp_date_format_long(d1, on));
	if (ehcp_clock_comment_period_cut_short(cd))
		fprintf(f, "  warning: the final plan came %d days after the draft, before the family's %d days to comment "
		           "had run\n",
		        cd->final - cd->draft, EHCP_DAYS_COMMENT);
	fprintf(f, "  Deadlines\n");
	for (int k = 0; k < EHCP_DEADLINE_COUNT; k++) {
		const ehcp_deadline *d = &c->deadlines[k];
		if (!d->applies)
			continue;
		char state[96];
		if (d->met != EHCP_DATE_NONE)
			snprintf(state, sizeof state, "met %s (%s)", ehcp_date_format_long(d2, d->met),
			         d->met <= d->due ? "in time" : "late");
		else if (d->due < on)
			snprintf(state, sizeof state, "%s, %d days ago", d->hard ? "MISSED" : "passed", on - d->due);
		else
			snprintf(state, sizeof state, "in %d days", d->due - on);
		fprintf(f, "    %-28s %-16s %s%s\n", ehcp_deadline_label_for((ehcp_deadline_kind)k, cd->type),
		       ehcp_date_format_long(d1, d->due), state, d->excused ? " [exception]" : "");
	}
	return ehcp_sink_flush(out, "the case");
}

int ehcp_history_format(ehcp_sink *out, const ehcp_history *h, bool show_child)
{
	if (!out || !h)
		return ehcp_fail(EHCP_EINVALID, "no history to write, or nowhere to write it");
	FILE *f = ehcp_sink_stream(out);
	fprintf(f, "%-27s %-20s %-9s %-28s %s\n", "when (UTC)", "who", "action", "field", "change");
	for (size_t i = 0; i < h->count; i++) {
		const ehcp_history_entry *e = &h->entries[i];
		char who[128];
		snprintf(who, sizeof who, "%s%s%s%s", e->app_user ? e->app_user : "", e->app_user ? " (" : "", e->db_role,
		         e->app_user ? ")" : "");
		if (!e->field) {
			fprintf(f, "%-27s %-20s %-9s %-28s %s\n", e->at, who, e->action, "", show_child ? e->new_value : "(created)");
			continue;
		}
		bool hide = ehcp_case_field_identifies_child(e->field) && !show_child;
		fprintf(f, "%-27s %-20s %-9s %-28s %s -> %s\n", e->at, who, e->action, e->field,
		       hide ? "(hidden)" : e->old_value ? e->old_value : "(none)", hide ? "(hidden)" : e->new_value ? e->new_value : "(none)");
	}
	return ehcp_sink_flush(out, "the history");
}

