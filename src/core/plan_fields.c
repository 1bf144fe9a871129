/* A plan's and a review's fields by name (plans.csv, reviews.csv), and the
 * checks on a plan and its reviews as a whole.  The same checks as
 * migration 0006's constraints and triggers, with the field named. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "core/plan_internal.h"
#include "core/text.h"

const char *const ehcp_plan_fields[] = {
    "plan_ref", "child_ref", "date_of_birth", "caseworker", "case_ref", "plan_start_date",
    "transferred_in_date", "year_group_offset", "next_transfer_date", "next_transfer_to",
    "ceased_date", "cease_reason", NULL};

const char *const ehcp_review_fields[] = {
    "meeting_date", "invitations_date", "report_date", "decision", "decision_date",
    "amendments_proposed_date", "amended_plan_date", NULL};

enum {
	P_PLAN_REF, P_CHILD_REF, P_DOB, P_CASEWORKER, P_CASE_REF, P_START, P_TRANSFERRED_IN,
	P_OFFSET, P_NEXT_TRANSFER, P_NEXT_TRANSFER_TO, P_CEASED, P_CEASE_REASON
};
enum { R_MEETING, R_INVITATIONS, R_REPORT, R_DECISION, R_DECISION_DATE, R_PROPOSALS, R_AMENDED };

static const char *const cease_names[EHCP_CEASE_REASON_COUNT] = {
    "", "max_age", "needs_met", "higher_education", "employment", "moved_la",
    "no_engagement", "left_england", "deceased", "other"};

const char *ehcp_cease_reason_name(ehcp_cease_reason r)
{
	return (unsigned)r < EHCP_CEASE_REASON_COUNT ? cease_names[r] : "";
}

int ehcp_cease_reason_parse(ehcp_cease_reason *out, const char *s)
{
	for (int i = 1; i < EHCP_CEASE_REASON_COUNT; i++)
		if (strcmp(s, cease_names[i]) == 0) {
			*out = (ehcp_cease_reason)i;
			return 0;
		}
	char shown[48];
	ehcp_text_shown(shown, sizeof shown, s, strlen(s));
	return ehcp_fail(EHCP_EINVALID,
	                 "cease_reason: \"%s\" is not one of max_age, needs_met, higher_education, employment, "
	                 "moved_la, no_engagement, left_england, deceased, other",
	                 shown);
}

static int index_of(const char *const *names, const char *name)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

int ehcp_plan_field_index(const char *name) { return name ? index_of(ehcp_plan_fields, name) : -1; }
int ehcp_review_field_index(const char *name) { return name ? index_of(ehcp_review_fields, name) : -1; }

int ehcp_plan_new(ehcp_plan **out)
{
	ehcp_plan *p = calloc(1, sizeof *p);
	if (!p)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	ehcp_plan_reset(p);
	*out = p;
	return 0;
}

void ehcp_plan_reset(ehcp_plan *p)
{
	free(p->reviews);
	memset(p, 0, sizeof *p);
	const ehcp_plan_dates init = EHCP_PLAN_DATES_INIT;
	p->dates = init;
	p->on = EHCP_DATE_NONE;
}

void ehcp_plan_free(ehcp_plan *p)
{
	if (!p)
		return;
	free(p->reviews);
	free(p);
}

static int set_date(ehcp_date *d, const char *field, const char *v, size_t len)
{
	if (len == 0) {
		*d = EHCP_DATE_NONE;
		return 0;
	}
	char why[160];
	if (ehcp_date_parse(d, v, len, why, sizeof why) < 0) {
		/* the reason quotes the cell; a child's date of birth is not shown */
		if (strcmp(field, "date_of_birth") == 0)
			return ehcp_fail(EHCP_EINVALID, "date_of_birth: not a date (YYYY-MM-DD or DD/MM/YYYY)");
		return ehcp_fail(EHCP_EINVALID, "%s: %s", field, why);
	}
	return 0;
}

/* A code cell as a C string; a cell longer than any code is refused. */
static bool code_of(char *code, size_t cap, const char *v, size_t len)
{
	if (len >= cap)
		return false;
	memcpy(code, v, len);
	code[len] = '\0';
	return strlen(code) == len;
}

int ehcp_plan_set_field_at(ehcp_plan *p, int f, const char *v0, size_t len0)
{
	if (f < 0 || f >= EHCP_PLAN_FIELD_COUNT)
		return ehcp_fail(EHCP_EINVALID, "unknown plan field");
	const char *field = ehcp_plan_fields[f];
	/* Spreadsheet cells often carry stray spaces around a value. */
	const char *v = v0;
	size_t len = len0;
	ehcp_text_trim(&v, &len);
	char code[32];

	switch (f) {
	case P_PLAN_REF:
		if (len == 0)
			return ehcp_fail(EHCP_EINVALID, "plan_ref: required");
		return ehcp_text_set_field(p->plan_ref, sizeof p->plan_ref, field, v, len, EHCP_REF_MAX);
	case P_CHILD_REF: return ehcp_text_set_field(p->child_ref, sizeof p->child_ref, field, v, len, EHCP_REF_MAX);
	case P_CASEWORKER: return ehcp_text_set_field(p->caseworker, sizeof p->caseworker, field, v, len, EHCP_CASEWORKER_MAX);
	case P_CASE_REF: return ehcp_text_set_field(p->case_ref, sizeof p->case_ref, field, v, len, EHCP_REF_MAX);
	case P_DOB: return set_date(&p->dates.date_of_birth, field, v, len);
	case P_START: return set_date(&p->dates.start, field, v, len);
	case P_TRANSFERRED_IN: return set_date(&p->dates.transferred_in, field, v, len);
	case P_NEXT_TRANSFER: return set_date(&p->dates.local_transfer, field, v, len);
	case P_CEASED: return set_date(&p->dates.ceased, field, v, len);
	case P_OFFSET: {
		if (len == 0) {
			p->dates.year_offset = 0;
			return 0;
		}
		/* a whole number, an optional sign then one digit: nothing else is ever right */
		int sign = 1;
		size_t i = 0;
		if (v[0] == '-' || v[0] == '+') {
			sign = v[0] == '-' ? -1 : 1;
			i = 1;
		}
		if (len - i != 1 || v[i] < '0' || v[i] > '9' || v[i] - '0' > EHCP_YEAR_OFFSET_MAX) {
			char shown[48];
			ehcp_text_shown(shown, sizeof shown, v, len);
			return ehcp_fail(EHCP_EINVALID, "year_group_offset: \"%s\" is not a whole number from -%d to %d",
			                 shown, EHCP_YEAR_OFFSET_MAX, EHCP_YEAR_OFFSET_MAX);
		}
		p->dates.year_offset = sign * (v[i] - '0');
		return 0;
	}
	case P_NEXT_TRANSFER_TO:
		if (len == 0) {
			p->next_transfer_set = false;
			p->dates.local_post16 = false;
			return 0;
		}
		if (code_of(code, sizeof code, v, len) && (strcmp(code, "school") == 0 || strcmp(code, "post16") == 0)) {
			p->next_transfer_set = true;
			p->dates.local_post16 = strcmp(code, "post16") == 0;
			return 0;
		}
		return ehcp_text_bad_code(field, v, len, "school, post16");
	case P_CEASE_REASON:
		if (len == 0) {
			p->cease_reason = EHCP_CEASE_NONE;
			return 0;
		}
		if (code_of(code, sizeof code, v, len))
			for (int i = 1; i < EHCP_CEASE_REASON_COUNT; i++)
				if (strcmp(code, cease_names[i]) == 0) {
					p->cease_reason = (ehcp_cease_reason)i;
					return 0;
				}
		return ehcp_text_bad_code(field, v, len,
		                "max_age, needs_met, higher_education, employment, moved_la, no_engagement, "
		                "left_england, deceased, other");
	}
	return ehcp_fail(EHCP_EINVALID, "unknown plan field");
}

int ehcp_plan_set_field(ehcp_plan *p, const char *field, const char *v, size_t len)
{
	int f = ehcp_plan_field_index(field);
	if (f < 0)
		return ehcp_fail(EHCP_EINVALID, "unknown plan field \"%s\"", field ? field : "");
	return ehcp_plan_set_field_at(p, f, v, len);
}

const char *ehcp_plan_get_field_at(const ehcp_plan *p, int f, char *buf)
{
	buf[0] = '\0';
	switch (f) {
	case P_PLAN_REF: return p->plan_ref;
	case P_CHILD_REF: return p->child_ref;
	case P_CASEWORKER: return p->caseworker;
	case P_CASE_REF: return p->case_ref;
	case P_DOB: return ehcp_date_format_iso(buf, p->dates.date_of_birth);
	case P_START: return ehcp_date_format_iso(buf, p->dates.start);
	case P_TRANSFERRED_IN: return ehcp_date_format_iso(buf, p->dates.transferred_in);
	case P_NEXT_TRANSFER: return ehcp_date_format_iso(buf, p->dates.local_transfer);
	case P_CEASED: return ehcp_date_format_iso(buf, p->dates.ceased);
	case P_OFFSET:
		if (p->dates.year_offset != 0)
			snprintf(buf, 8, "%d", p->dates.year_offset);
		return buf;
	case P_NEXT_TRANSFER_TO: return !p->next_transfer_set ? "" : p->dates.local_post16 ? "post16" : "school";
	case P_CEASE_REASON: return ehcp_cease_reason_name(p->cease_reason);
	default: return buf;
	}
}

const char *ehcp_plan_get_field(const ehcp_plan *p, const char *field, char *buf)
{
	buf[0] = '\0';
	int f = ehcp_plan_field_index(field);
	return f < 0 ? buf : ehcp_plan_get_field_at(p, f, buf);
}

static ehcp_date *review_date_slot(ehcp_review_dates *r, int f)
{
	switch (f) {
	case R_MEETING: return &r->meeting;
	case R_INVITATIONS: return &r->invitations;
	case R_REPORT: return &r->report;
	case R_DECISION_DATE: return &r->decision_date;
	case R_PROPOSALS: return &r->proposals;
	case R_AMENDED: return &r->amended;
	default: return NULL;
	}
}

int ehcp_review_set_field_at(ehcp_review_dates *r, int f, const char *v0, size_t len0)
{
	if (f < 0 || f >= EHCP_REVIEW_FIELD_COUNT)
		return ehcp_fail(EHCP_EINVALID, "unknown review field");
	const char *field = ehcp_review_fields[f];
	const char *v = v0;
	size_t len = len0;
	ehcp_text_trim(&v, &len);
	ehcp_date *d = review_date_slot(r, f);
	if (d) {
		if (f == R_MEETING && len == 0)
			return ehcp_fail(EHCP_EINVALID, "meeting_date: required");
		return set_date(d, field, v, len);
	}
	/* the decision */
	if (len == 0) {
		r->decision = EHCP_REVIEW_DECISION_NONE;
		return 0;
	}
	char code[32];
	if (code_of(code, sizeof code, v, len))
		for (int i = EHCP_REVIEW_MAINTAIN; i <= EHCP_REVIEW_CEASE; i++)
			if (strcmp(code, ehcp_review_decision_name((ehcp_review_decision)i)) == 0) {
				r->decision = (ehcp_review_decision)i;
				return 0;
			}
	return ehcp_text_bad_code(field, v, len, "maintain, amend, cease");
}

int ehcp_review_set_field(ehcp_review_dates *r, const char *field, const char *v, size_t len)
{
	int f = ehcp_review_field_index(field);
	if (f < 0)
		return ehcp_fail(EHCP_EINVALID, "unknown review field \"%s\"", field ? field : "");
	return ehcp_review_set_field_at(r, f, v, len);
}

const char *ehcp_review_get_field_at(const ehcp_review_dates *r, int f, char *buf)
{
	buf[0] = '\0';
	if (f == R_DECISION)
		return ehcp_review_decision_name(r->decision);
	ehcp_date *d = review_date_slot((ehcp_review_dates *)r, f);
	return d ? ehcp_date_format_iso(buf, *d) : buf;
}

const char *ehcp_review_get_field(const ehcp_review_dates *r, const char *field, char *buf)
{
	buf[0] = '\0';
	int f = ehcp_review_field_index(field);
	return f < 0 ? buf : ehcp_review_get_field_at(r, f, buf);
}

int ehcp_plan_add_review(ehcp_plan *p, const ehcp_review_dates *r)
{
	if (!p || !r)
		return ehcp_fail(EHCP_EINVALID, "a review needs a plan and the review");
	size_t at = p->review_count;
	while (at > 0 && p->reviews[at - 1].meeting > r->meeting)
		at--;
	if (at > 0 && p->reviews[at - 1].meeting == r->meeting && r->meeting != EHCP_DATE_NONE) {
		char d[16];
		return ehcp_fail(EHCP_ECONFLICT, "plan %s has a review on %s already", p->plan_ref,
		                 ehcp_date_format_iso(d, r->meeting));
	}
	/* grow by doubling: an import adds many reviews to one plan in turn */
	if ((p->review_count & (p->review_count - 1)) == 0) {
		size_t cap = p->review_count ? p->review_count * 2 : 4;
		ehcp_review_dates *grown = realloc(p->reviews, cap * sizeof *grown);
		if (!grown)
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
		p->reviews = grown;
	}
	memmove(p->reviews + at + 1, p->reviews + at, (p->review_count - at) * sizeof *p->reviews);
	p->reviews[at] = *r;
	p->review_count++;
	return 0;
}

static const ehcp_plan_milestone milestones[] = {
    {"cease", {"cease_reason", "ceased_date"}, false},
    {"transfer", {"next_transfer_to", "next_transfer_date"}, false},
    {"meeting", {"meeting_date", NULL}, true},
    {"invitations", {"invitations_date", NULL}, true},
    {"report", {"report_date", NULL}, true},
    {"decision", {"decision", "decision_date"}, true},
    {"proposals", {"amendments_proposed_date", NULL}, true},
    {"amended", {"amended_plan_date", NULL}, true},
};

int ehcp_plan_milestone_lookup(ehcp_plan_milestone *out, const char *name)
{
	if (!out || !name)
		return ehcp_fail(EHCP_EINVALID, "no milestone to look up");
	for (size_t i = 0; i < sizeof milestones / sizeof milestones[0]; i++)
		if (strcmp(milestones[i].name, name) == 0) {
			*out = milestones[i];
			return 0;
		}
	int f = ehcp_plan_field_index(name);
	if (f >= 0) {
		*out = (ehcp_plan_milestone){ehcp_plan_fields[f], {ehcp_plan_fields[f], NULL}, false};
		return 0;
	}
	f = ehcp_review_field_index(name);
	if (f >= 0) {
		*out = (ehcp_plan_milestone){ehcp_review_fields[f], {ehcp_review_fields[f], NULL}, true};
		return 0;
	}
	char shown[48];
	ehcp_text_shown(shown, sizeof shown, name, strlen(name));
	return ehcp_fail(EHCP_EINVALID, "unknown milestone \"%s\"", shown);
}

/* ---- checks ---- */

typedef struct problems {
	size_t n;
	void (*each)(void *ctx, const char *msg);   /* NULL: into the last error */
	void *ctx;
} problems;

static void problem(problems *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(problems *ps, const char *fmt, ...)
{
	char msg[320];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (ps->each)
		ps->each(ps->ctx, msg);
	else if (ps->n == 0)
		ehcp_fail(EHCP_EINVALID, "%s", msg);
	else
		ehcp_error_append("%s", msg);
	ps->n++;
}

static bool after(ehcp_date a, ehcp_date b) { return a != EHCP_DATE_NONE && b != EHCP_DATE_NONE && a > b; }

static void check_review(problems *ps, const ehcp_plan *p, const ehcp_review_dates *r, ehcp_date today)
{
	char m[16], d1[16], d2[16];
	ehcp_date_format_iso(m, r->meeting);
	if (r->meeting == EHCP_DATE_NONE) {
		problem(ps, "review: meeting_date is required");
		return;
	}
	const struct {
		const char *field;
		ehcp_date d;
	} dates[] = {
	    {"meeting_date", r->meeting}, {"invitations_date", r->invitations}, {"report_date", r->report},
	    {"decision_date", r->decision_date}, {"amendments_proposed_date", r->proposals},
	    {"amended_plan_date", r->amended},
	};
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		if (after(p->dates.start, dates[i].d))
			problem(ps, "review %s %s: %s is before the plan started (%s)", m, dates[i].field,
			        ehcp_date_format_iso(d1, dates[i].d), ehcp_date_format_iso(d2, p->dates.start));
		if (after(dates[i].d, today))
			problem(ps, "review %s %s: %s is in the future", m, dates[i].field, ehcp_date_format_iso(d1, dates[i].d));
	}
	if (after(r->meeting, p->dates.ceased))
		problem(ps, "review %s meeting_date: the plan ceased on %s, before the meeting", m,
		        ehcp_date_format_iso(d1, p->dates.ceased));
	if (after(r->invitations, r->meeting))
		problem(ps, "review %s invitations_date: %s is after the meeting", m, ehcp_date_format_iso(d1, r->invitations));
	const struct {
		const char *field;
		ehcp_date d;
	} later[] = {{"report_date", r->report}, {"decision_date", r->decision_date},
	             {"amendments_proposed_date", r->proposals}, {"amended_plan_date", r->amended}};
	for (size_t i = 0; i < sizeof later / sizeof later[0]; i++)
		if (after(r->meeting, later[i].d))
			problem(ps, "review %s %s: %s is before the meeting", m, later[i].field, ehcp_date_format_iso(d1, later[i].d));
	if ((r->decision == EHCP_REVIEW_DECISION_NONE) != (r->decision_date == EHCP_DATE_NONE))
		problem(ps, r->decision == EHCP_REVIEW_DECISION_NONE ? "review %s decision: decision_date is recorded without a decision"
		                                                    : "review %s decision_date: a decision needs its date",
		        m);
	if (r->amended != EHCP_DATE_NONE && r->decision != EHCP_REVIEW_AMEND)
		problem(ps, "review %s amended_plan_date: an amended plan needs the decision to amend", m);
	if (r->proposals != EHCP_DATE_NONE && r->decision != EHCP_REVIEW_DECISION_NONE && r->decision != EHCP_REVIEW_AMEND)
		problem(ps, "review %s amendments_proposed_date: amendments are proposed only with the decision to amend", m);
	if (after(r->proposals, r->amended))
		problem(ps, "review %s amended_plan_date: %s is before the proposed amendments (%s)", m,
		        ehcp_date_format_iso(d1, r->amended), ehcp_date_format_iso(d2, r->proposals));
}

static size_t plan_problems(problems ps, const ehcp_plan *p, ehcp_date today);

int ehcp_plan_validate(const ehcp_plan *p, ehcp_date today)
{
	if (!p)
		return ehcp_fail(EHCP_EINVALID, "no plan to check");
	problems ps = {0, NULL, NULL};
	return plan_problems(ps, p, today) ? EHCP_EINVALID : 0;
}

size_t ehcp_plan_problems(const ehcp_plan *p, ehcp_date today, void (*each)(void *ctx, const char *msg), void *ctx)
{
	problems ps = {0, each, ctx};
	return p ? plan_problems(ps, p, today) : 0;
}

static size_t plan_problems(problems ps, const ehcp_plan *p, ehcp_date today)
{
	char d1[16], d2[16];
	const ehcp_plan_dates *d = &p->dates;
	if (p->plan_ref[0] == '\0')
		problem(&ps, "plan_ref: required");
	if (d->start == EHCP_DATE_NONE)
		problem(&ps, "plan_start_date: required");
	const struct {
		const char *field;
		ehcp_date d;
	} past[] = {{"date_of_birth", d->date_of_birth}, {"plan_start_date", d->start},
	            {"transferred_in_date", d->transferred_in}, {"ceased_date", d->ceased}};
	/* a child's date of birth is never echoed */
	if (after(d->date_of_birth, today))
		problem(&ps, "date_of_birth: in the future");
	for (size_t i = 1; i < sizeof past / sizeof past[0]; i++)
		if (after(past[i].d, today))
			problem(&ps, "%s: %s is in the future", past[i].field, ehcp_date_format_iso(d1, past[i].d));
	if (after(d->date_of_birth, d->start))
		problem(&ps, "date_of_birth: after plan_start_date (%s)", ehcp_date_format_iso(d2, d->start));
	if (after(d->start, d->transferred_in))
		problem(&ps, "transferred_in_date: %s is before plan_start_date (%s)", ehcp_date_format_iso(d1, d->transferred_in),
		        ehcp_date_format_iso(d2, d->start));
	if (after(d->start, d->ceased))
		problem(&ps, "ceased_date: %s is before plan_start_date (%s)", ehcp_date_format_iso(d1, d->ceased),
		        ehcp_date_format_iso(d2, d->start));
	if (after(d->transferred_in, d->ceased))
		problem(&ps, "ceased_date: %s is before transferred_in_date (%s)", ehcp_date_format_iso(d1, d->ceased),
		        ehcp_date_format_iso(d2, d->transferred_in));
	if (d->local_transfer != EHCP_DATE_NONE && d->date_of_birth != EHCP_DATE_NONE &&
	    d->local_transfer <= d->date_of_birth)
		problem(&ps, "next_transfer_date: %s is not after date_of_birth", ehcp_date_format_iso(d1, d->local_transfer));
	if ((d->local_transfer == EHCP_DATE_NONE) != !p->next_transfer_set)
		problem(&ps, d->local_transfer == EHCP_DATE_NONE ? "next_transfer_to: given without next_transfer_date"
		                                                 : "next_transfer_to: required with next_transfer_date (school or post16)");
	if ((d->ceased == EHCP_DATE_NONE) != (p->cease_reason == EHCP_CEASE_NONE))
		problem(&ps, d->ceased == EHCP_DATE_NONE ? "cease_reason: given without ceased_date"
		                                         : "cease_reason: required with ceased_date");
	if (d->year_offset < -EHCP_YEAR_OFFSET_MAX || d->year_offset > EHCP_YEAR_OFFSET_MAX)
		problem(&ps, "year_group_offset: %d is not from -%d to %d", d->year_offset, EHCP_YEAR_OFFSET_MAX,
		        EHCP_YEAR_OFFSET_MAX);
	for (size_t i = 0; i < p->review_count; i++) {
		check_review(&ps, p, &p->reviews[i], today);
		if (i > 0 && p->reviews[i].meeting == p->reviews[i - 1].meeting)
			problem(&ps, "review %s meeting_date: the plan has two reviews that day",
			        ehcp_date_format_iso(d1, p->reviews[i].meeting));
	}
	return ps.n;
}
