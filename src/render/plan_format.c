/* A plan as `ehcp plan show` prints it. */
#include <stdio.h>
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/plan.h"
#include "io/sink_internal.h"
#include "render/html.h"

static const char *transfer_label(ehcp_transfer_kind k)
{
	switch (k) {
	case EHCP_TRANSFER_RECEPTION: return "into Reception";
	case EHCP_TRANSFER_SECONDARY: return "Year 6 to Year 7";
	case EHCP_TRANSFER_POST16: return "Year 11 to post-16";
	case EHCP_TRANSFER_LOCAL: return "to the next setting (local)";
	default: return "";
	}
}

static void year_text(char *buf, size_t len, int nc_year)
{
	if (nc_year < 0)
		snprintf(buf, len, "before Reception");
	else if (nc_year == 0)
		snprintf(buf, len, "Reception");
	else
		snprintf(buf, len, "Year %d", nc_year);
}

/* "in 12 days", "today", "12 days ago" */
static void days_text(char *buf, size_t len, int days)
{
	html_days(buf, len, days);
}

static const char *const limit_labels[EHCP_REVIEW_DL_COUNT] = {
    "invitations (2 weeks before)", "report (2 weeks)", "decision (4 weeks)",
    "proposed amendments (4 weeks)", "amended plan (8/12 weeks)"};

int ehcp_plan_format(ehcp_sink *out, const ehcp_plan *p, bool show_child)
{
	if (!out || !p)
		return ehcp_fail(EHCP_EINVALID, "no plan to write, or nowhere to write it");
	FILE *f = ehcp_sink_stream(out);
	const ehcp_date on = p->on;
	const ehcp_plan_view *v = &p->view;
	const ehcp_plan_dates *d = &p->dates;
	char d1[EHCP_DATE_LONG_LEN], d2[EHCP_DATE_LONG_LEN], t[48];

	fprintf(f, "Plan %s (version %d)\n", p->plan_ref, p->version);
	fprintf(f, "  started %s; caseworker %s%s%s\n", ehcp_date_format_long(d1, d->start),
	        p->caseworker[0] ? p->caseworker : "(none)", p->case_ref[0] ? "; from request " : "", p->case_ref);
	if (d->transferred_in != EHCP_DATE_NONE)
		fprintf(f, "  transferred in from another council %s\n", ehcp_date_format_long(d1, d->transferred_in));
	if (show_child)
		fprintf(f, "  child %s, born %s\n", p->child_ref[0] ? p->child_ref : "(no reference)",
		        d->date_of_birth == EHCP_DATE_NONE ? "(not known)" : ehcp_date_format_long(d2, d->date_of_birth));
	fprintf(f, "  on %s: %s\n", ehcp_date_format_long(d1, on), ehcp_plan_status_name(v->status));
	if (v->status == EHCP_PLAN_CEASED) {
		fprintf(f, "  ceased %s (%s)\n", ehcp_date_format_long(d1, d->ceased), ehcp_cease_reason_name(p->cease_reason));
	} else {
		days_text(t, sizeof t, v->review_due - on);
		fprintf(f, "  next review due by %s (%s)\n", ehcp_date_format_long(d1, v->review_due), t);
	}
	if (v->has_year) {
		char y[32];
		year_text(y, sizeof y, v->nc_year);
		fprintf(f, "  year group: %s%s\n", y, d->year_offset ? " (educated out of year group)" : "");
	} else if (v->status != EHCP_PLAN_CEASED) {
		fprintf(f, "  year group: not known (no date of birth): no phase transfer deadline can be worked out\n");
	}
	if (v->status != EHCP_PLAN_CEASED && v->transfer.kind != EHCP_TRANSFER_NONE) {
		days_text(t, sizeof t, v->transfer.deadline - on);
		fprintf(f, "  next phase transfer %s on %s: amended plan by %s (%s)%s\n", transfer_label(v->transfer.kind),
		        ehcp_date_format_long(d1, v->transfer.transfer), ehcp_date_format_long(d2, v->transfer.deadline),
		        v->transfer_met ? "met" : t, v->transfer_met ? "" : v->transfer.deadline < on ? ", MISSED" : "");
	}

	fprintf(f, "  Reviews%s\n", p->review_count ? "" : ": none yet");
	for (size_t i = 0; i < p->review_count; i++) {
		const ehcp_review_dates *r = &p->reviews[i];
		if (r->meeting > on)
			continue;
		/* the meeting against the limit it was held to: from the previous meeting, or the start */
		const ehcp_date due = ehcp_review_next_due(d, p->reviews, i, r->meeting - 1);
		fprintf(f, "    meeting %s (due by %s: %s)%s%s\n", ehcp_date_format_long(d1, r->meeting),
		        ehcp_date_format_long(d2, due), r->meeting <= due ? "in time" : "late",
		        r->decision && r->decision_date <= on ? ", decision " : "",
		        r->decision_date <= on ? ehcp_review_decision_name(r->decision) : "");
		ehcp_review_deadline dl[EHCP_REVIEW_DL_COUNT];
		ehcp_review_deadlines(dl, r);
		for (int k = 0; k < EHCP_REVIEW_DL_COUNT; k++) {
			if (!dl[k].applies)
				continue;
			/* after a decision to cease, nothing but the report is owed */
			if (r->decision == EHCP_REVIEW_CEASE && k != EHCP_REVIEW_DL_INVITATIONS && k != EHCP_REVIEW_DL_REPORT &&
			    k != EHCP_REVIEW_DL_DECISION)
				continue;
			char state[64];
			const ehcp_date met = dl[k].met != EHCP_DATE_NONE && dl[k].met <= on ? dl[k].met : EHCP_DATE_NONE;
			if (met != EHCP_DATE_NONE)
				snprintf(state, sizeof state, "done %s (%s)", ehcp_date_format_long(d2, met),
				         met <= dl[k].due ? "in time" : "late");
			else if (k == EHCP_REVIEW_DL_INVITATIONS)
				snprintf(state, sizeof state, "not recorded");
			else if (dl[k].due < on)
				snprintf(state, sizeof state, "MISSED, %d days ago", on - dl[k].due);
			else
				days_text(state, sizeof state, dl[k].due - on);
			fprintf(f, "      %-30s %-16s %s\n", limit_labels[k], ehcp_date_format_long(d1, dl[k].due), state);
		}
	}
	return ehcp_sink_flush(out, "the plan");
}
