#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ehcp/clock.h"
#include "ehcp/errors.h"
#include "core/errors_internal.h"
#include "core/text.h"

/* ---- codes ---- */

/*
 * Each list of codes once, in enum order after NONE: the parser's table,
 * the names and the lists in messages ("assess, refuse") are all made from
 * it.  An exception also says whether it excuses the council's limits
 * (regs 5(4), 10(4), 13(3), 27(3)) and the advice limit (reg 8(2)).
 */
#define ASSESS_CODES(X) X("assess") X("refuse")
#define PLAN_CODES(X) X("issue") X("not_issue")
#define CLOSED_CODES(X) X("withdrawn") X("moved_away") X("other")
#define TRIBUNAL_CODES(X) X("dismissed") X("assess") X("issue") X("other")
#define REQUEST_TYPE_CODES(X) X("initial") X("reassessment") X("transfer_in")
/*                         code, case, advice */
#define EXCEPTION_CODES(X)                                                                         \
	X("setting_closure", 1, 0)                                                                 \
	X("personal_circumstances", 1, 1)                                                          \
	X("absent_from_area", 1, 1)                                                                \
	X("missed_appointment", 0, 1)                                                              \
	X("coronavirus", 1, 1)

#define NAME_(s) , s
/* a list with no NONE before it: the first item without its comma */
#define FIRST_NAME_(s) s,
#define ITEM_(s) ", " s
/* The list for a message: the items joined by ", " (the first separator skipped). */
#define LIST_(CODES) (("" CODES(ITEM_)) + 2)
#define EXC_NAME_(s, c, a) , s
#define PICK_1(s) ", " s
#define PICK_0(s)
#define EXC_CASE_ITEM_(s, c, a) PICK_##c(s)
#define EXC_ADVICE_ITEM_(s, c, a) PICK_##a(s)
#define EXC_CASE_FLAG_(s, c, a) , c
#define EXC_ADVICE_FLAG_(s, c, a) , a

static const char *const request_type_names[] = {REQUEST_TYPE_CODES(FIRST_NAME_)};
static const char *const assess_names[] = {"" ASSESS_CODES(NAME_)};
static const char *const plan_names[] = {"" PLAN_CODES(NAME_)};
static const char *const exception_names[] = {"" EXCEPTION_CODES(EXC_NAME_)};
static const bool exception_for_case[] = {false EXCEPTION_CODES(EXC_CASE_FLAG_)};
static const bool exception_for_advice[] = {false EXCEPTION_CODES(EXC_ADVICE_FLAG_)};
static const char *const closed_names[] = {"" CLOSED_CODES(NAME_)};
static const char *const tribunal_names[] = {"" TRIBUNAL_CODES(NAME_)};
static const char *const body_names[] = {"health", "social_care", "ep"};
static const char *const status_names[] = {"on_track",  "nearing",   "overdue",
                                           "done_in_time", "done_late", "ended"};
static const char *const stage_names[] = {"awaiting_decision", "assessing", "awaiting_plan_decision",
                                          "drafting", "draft_served", "issued", "refused", "not_issued", "closed"};
static const char *const deadline_names[] = {"decision",         "health_advice",
                                             "social_care_advice", "ep_advice",
                                             "not_issue_notice", "safe_draft",
                                             "final_plan",       "tribunal_notice",
                                             "tribunal_draft"};
static const char *const deadline_labels[] = {"Decision whether to assess",
                                              "Health advice",
                                              "Social care advice",
                                              "EP advice",
                                              "Notice not to issue",
                                              "Latest safe draft",
                                              "Final plan",
                                              "Notice to assess (tribunal order)",
                                              "Draft plan (tribunal order)"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *name_of(const char *const *names, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? names[v] : "?";
}

/* Finds s among names[first..n); 0 or EHCP_EINVALID. */
/* A code by its name; EHCP_EINVALID, with the last error listing the
 * codes from the same table, when it is not one. */
static int parse_code(int *out, const char *const *names, size_t n, size_t first, const char *s)
{
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no code to read");
	for (size_t i = first; i < n; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	}
	char list[512];
	size_t at = 0;
	list[0] = '\0';
	for (size_t i = first; i < n && at < sizeof list; i++)
		if (names[i][0])
			at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", at ? ", " : "", names[i]);
	char shown[48];
	ehcp_text_shown(shown, sizeof shown, s, strlen(s));
	return ehcp_fail(EHCP_EINVALID, "\"%s\" is not one of %s", shown, list);
}

const char *ehcp_request_type_name(ehcp_request_type t) { return name_of(request_type_names, COUNT(request_type_names), (int)t); }
const char *ehcp_assess_decision_name(ehcp_assess_decision d) { return name_of(assess_names, COUNT(assess_names), (int)d); }
const char *ehcp_plan_decision_name(ehcp_plan_decision d) { return name_of(plan_names, COUNT(plan_names), (int)d); }
const char *ehcp_exception_name(ehcp_exception e) { return name_of(exception_names, COUNT(exception_names), (int)e); }
const char *ehcp_closed_reason_name(ehcp_closed_reason r) { return name_of(closed_names, COUNT(closed_names), (int)r); }
const char *ehcp_tribunal_outcome_name(ehcp_tribunal_outcome o) { return name_of(tribunal_names, COUNT(tribunal_names), (int)o); }
const char *ehcp_advice_body_name(ehcp_advice_body b) { return name_of(body_names, COUNT(body_names), (int)b); }

int ehcp_advice_body_parse(ehcp_advice_body *out, const char *s)
{
	int v = 0;
	if (parse_code(&v, body_names, COUNT(body_names), 0, s) < 0)
		return EHCP_EINVALID;
	*out = (ehcp_advice_body)v;
	return 0;
}
const char *ehcp_status_name(ehcp_status s) { return name_of(status_names, COUNT(status_names), (int)s); }
const char *ehcp_stage_name(ehcp_stage s) { return name_of(stage_names, COUNT(stage_names), (int)s); }
const char *ehcp_deadline_name(ehcp_deadline_kind k) { return name_of(deadline_names, COUNT(deadline_names), (int)k); }
const char *ehcp_deadline_label(ehcp_deadline_kind k) { return name_of(deadline_labels, COUNT(deadline_labels), (int)k); }
const char *ehcp_deadline_label_for(ehcp_deadline_kind k, ehcp_request_type t)
{
	return k == EHCP_DEADLINE_DECISION && t == EHCP_REQUEST_REASSESSMENT ? "Decision whether to re-assess"
	                                                                     : ehcp_deadline_label(k);
}

#define DEFINE_PARSE(fn, type, names, empty_value)                                                 \
	int fn(type *out, const char *s)                                                           \
	{                                                                                          \
		int v = 0;                                                                             \
		if (s && s[0] == '\0') {                                                                \
			*out = (empty_value);                                                      \
			return 0;                                                                  \
		}                                                                                  \
		if (parse_code(&v, names, COUNT(names), 0, s) < 0)                                 \
			return EHCP_EINVALID;                                                      \
		*out = (type)v;                                                                    \
		return 0;                                                                          \
	}

DEFINE_PARSE(ehcp_request_type_parse, ehcp_request_type, request_type_names, EHCP_REQUEST_INITIAL)
DEFINE_PARSE(ehcp_assess_decision_parse, ehcp_assess_decision, assess_names, EHCP_ASSESS_NONE)
DEFINE_PARSE(ehcp_plan_decision_parse, ehcp_plan_decision, plan_names, EHCP_PLAN_NONE)
DEFINE_PARSE(ehcp_exception_parse, ehcp_exception, exception_names, EHCP_EXCEPTION_NONE)
DEFINE_PARSE(ehcp_closed_reason_parse, ehcp_closed_reason, closed_names, EHCP_CLOSED_NONE)
DEFINE_PARSE(ehcp_tribunal_outcome_parse, ehcp_tribunal_outcome, tribunal_names, EHCP_TRIBUNAL_NONE)

/* The lists for messages, made from the same lists as the tables. */
const char *ehcp_request_type_list(void)
{
	return ("" REQUEST_TYPE_CODES(ITEM_) " (a child who moved in during an assessment, s.24; "
	        "a plan transferred from another council goes in the plan register)") + 2;
}
const char *ehcp_assess_decision_list(void) { return LIST_(ASSESS_CODES); }
const char *ehcp_plan_decision_list(void) { return LIST_(PLAN_CODES); }
const char *ehcp_case_exception_list(void) { return ("" EXCEPTION_CODES(EXC_CASE_ITEM_)) + 2; }
const char *ehcp_advice_exception_list(void) { return ("" EXCEPTION_CODES(EXC_ADVICE_ITEM_)) + 2; }
const char *ehcp_closed_reason_list(void) { return LIST_(CLOSED_CODES); }
const char *ehcp_tribunal_outcome_list(void) { return LIST_(TRIBUNAL_CODES); }

int ehcp_status_parse(ehcp_status *out, const char *s)
{
	int v = 0;
	if (parse_code(&v, status_names, COUNT(status_names), 0, s) < 0)
		return EHCP_EINVALID;
	*out = (ehcp_status)v;
	return 0;
}

int ehcp_stage_parse(ehcp_stage *out, const char *s)
{
	int v = 0;
	if (parse_code(&v, stage_names, COUNT(stage_names), 0, s) < 0)
		return EHCP_EINVALID;
	*out = (ehcp_stage)v;
	return 0;
}

bool ehcp_exception_valid_for_case(ehcp_exception e)
{
	return (unsigned)e < COUNT(exception_for_case) && exception_for_case[e];
}

bool ehcp_exception_valid_for_advice(ehcp_exception e)
{
	return (unsigned)e < COUNT(exception_for_advice) && exception_for_advice[e];
}

bool ehcp_exception_coronavirus_applies(ehcp_date start, ehcp_date due)
{
	const ehcp_date from = ehcp_date_from_ymd_unchecked(EHCP_RULE_CORONAVIRUS_FROM);
	const ehcp_date to = ehcp_date_from_ymd_unchecked(EHCP_RULE_CORONAVIRUS_TO);
	return start <= to && due >= from;
}

/* ---- the rules of one request ---- */

/*
 * Each rule once, as a static function the others call directly (so that
 * the compiler inlines them; the exported names below only wrap them),
 * with the tribunal's order worked out once per case and passed along.
 */
static inline ehcp_tribunal_outcome overturn_of(const ehcp_case_dates *c)
{
	if (c->tribunal_outcome == EHCP_TRIBUNAL_ASSESS && c->decision == EHCP_ASSESS_REFUSE)
		return EHCP_TRIBUNAL_ASSESS;
	if (c->tribunal_outcome == EHCP_TRIBUNAL_ISSUE && c->plan_decision == EHCP_PLAN_NOT_ISSUE)
		return EHCP_TRIBUNAL_ISSUE;
	return EHCP_TRIBUNAL_NONE;
}

static inline ehcp_date decision_due_of(const ehcp_case_dates *c)
{
	return c->request + (c->type == EHCP_REQUEST_REASSESSMENT ? EHCP_DAYS_DECISION_REASSESSMENT
	                                                          : EHCP_DAYS_DECISION);
}

static inline ehcp_date final_due_of(const ehcp_case_dates *c, ehcp_tribunal_outcome o)
{
	switch (o) {
	case EHCP_TRIBUNAL_ASSESS: return c->tribunal_outcome_date + EHCP_DAYS_TRIBUNAL_ASSESS_FINAL;
	case EHCP_TRIBUNAL_ISSUE: return c->tribunal_outcome_date + EHCP_DAYS_TRIBUNAL_ISSUE_FINAL;
	default: break;
	}
	if (c->type == EHCP_REQUEST_REASSESSMENT) {
		/* 14 weeks from the decision to re-assess; until it is recorded,
		 * from the last day it could lawfully be made. */
		ehcp_date d = c->decision == EHCP_ASSESS_ASSESS ? c->decision_date : decision_due_of(c);
		return d + EHCP_DAYS_FINAL_REASSESSMENT;
	}
	return c->request + EHCP_DAYS_FINAL;
}

static inline bool ended_of(const ehcp_case_dates *c, ehcp_tribunal_outcome o)
{
	return c->closed != EHCP_DATE_NONE || (c->decision == EHCP_ASSESS_REFUSE && o != EHCP_TRIBUNAL_ASSESS) ||
	       (c->plan_decision == EHCP_PLAN_NOT_ISSUE && o != EHCP_TRIBUNAL_ISSUE);
}

ehcp_tribunal_outcome ehcp_clock_overturn(const ehcp_case_dates *c)
{
	return overturn_of(c);
}

ehcp_date ehcp_clock_decision_due(const ehcp_case_dates *c)
{
	return decision_due_of(c);
}

ehcp_date ehcp_clock_final_due(const ehcp_case_dates *c)
{
	return final_due_of(c, overturn_of(c));
}

bool ehcp_clock_ended(const ehcp_case_dates *c)
{
	return ended_of(c, overturn_of(c));
}

bool ehcp_clock_mediation_or_tribunal(const ehcp_case_dates *c)
{
	return c->mediation != EHCP_DATE_NONE || c->tribunal_appeal != EHCP_DATE_NONE;
}

bool ehcp_clock_final_in_time(const ehcp_case_dates *c)
{
	return c->final != EHCP_DATE_NONE && c->final <= final_due_of(c, overturn_of(c));
}

/* ---- deadlines ---- */

static void set(ehcp_deadline *d, bool applies, bool hard, bool excused, ehcp_date due, ehcp_date met)
{
	d->applies = applies;
	d->hard = hard;
	d->excused = applies && excused;
	d->due = applies ? due : EHCP_DATE_NONE;
	d->met = applies ? met : EHCP_DATE_NONE;
}

/* The deadlines for a case whose tribunal order is already worked out. */
static void deadlines_of(ehcp_deadline out[EHCP_DEADLINE_COUNT], const ehcp_case_dates *c,
                         ehcp_tribunal_outcome overturn)
{
	const ehcp_date r = c->request;
	const ehcp_date t = c->tribunal_outcome_date;
	const ehcp_date final_due = final_due_of(c, overturn);
	const bool case_exc = c->exception != EHCP_EXCEPTION_NONE;
	const bool possible = !ended_of(c, overturn);   /* a plan can still come */

	/* The exceptions of regs 5(4) and 27(3) cover the 6-week decision, not
	 * the 15 days of a decision whether to re-assess (reg 25 has none). */
	set(&out[EHCP_DEADLINE_DECISION], c->decision != EHCP_ASSESS_NONE || c->closed == EHCP_DATE_NONE,
	    true, case_exc && c->type != EHCP_REQUEST_REASSESSMENT, decision_due_of(c), c->decision_date);

	for (int b = 0; b < EHCP_ADVICE_COUNT; b++) {
		const ehcp_advice *a = &c->advice[b];
		set(&out[EHCP_DEADLINE_HEALTH_ADVICE + b], a->requested != EHCP_DATE_NONE, true,
		    a->exception != EHCP_EXCEPTION_NONE, a->requested + EHCP_DAYS_ADVICE, a->received);
	}

	/* No 16-week notice for a re-assessment (reg 27 has none).  A decision
	 * not to issue is judged against it even when the decision to assess
	 * was never recorded (as the decisions report judges it). */
	const bool assessing = c->decision == EHCP_ASSESS_ASSESS || overturn == EHCP_TRIBUNAL_ASSESS;
	const bool notice = c->type != EHCP_REQUEST_REASSESSMENT &&
	                    (c->plan_decision == EHCP_PLAN_NOT_ISSUE ||
	                     (assessing && c->plan_decision == EHCP_PLAN_NONE && c->final == EHCP_DATE_NONE &&
	                      c->closed == EHCP_DATE_NONE));
	set(&out[EHCP_DEADLINE_NOT_ISSUE], notice, false, case_exc,
	    overturn == EHCP_TRIBUNAL_ASSESS ? t + EHCP_DAYS_TRIBUNAL_ASSESS_NOT_ISSUE : r + EHCP_DAYS_NOT_ISSUE,
	    c->plan_decision == EHCP_PLAN_NOT_ISSUE ? c->plan_decision_date : EHCP_DATE_NONE);

	/* After an order to make a plan the draft has a limit of its own,
	 * earlier than the safe-draft date, which then says nothing more. */
	set(&out[EHCP_DEADLINE_SAFE_DRAFT], overturn != EHCP_TRIBUNAL_ISSUE && (possible || c->draft != EHCP_DATE_NONE),
	    false, case_exc, final_due - EHCP_DAYS_COMMENT, c->draft);

	set(&out[EHCP_DEADLINE_FINAL_PLAN], possible || c->final != EHCP_DATE_NONE, true, case_exc,
	    final_due, c->final);

	/* The notice to assess has no column of its own: shown, never late. */
	set(&out[EHCP_DEADLINE_TRIBUNAL_NOTICE], overturn == EHCP_TRIBUNAL_ASSESS, false, case_exc,
	    t + EHCP_DAYS_TRIBUNAL_ASSESS_NOTICE, EHCP_DATE_NONE);
	set(&out[EHCP_DEADLINE_TRIBUNAL_DRAFT], overturn == EHCP_TRIBUNAL_ISSUE, true, case_exc,
	    t + EHCP_DAYS_TRIBUNAL_ISSUE_DRAFT, c->draft);
}

void ehcp_clock_deadlines(ehcp_deadline out[EHCP_DEADLINE_COUNT], const ehcp_case_dates *c)
{
	deadlines_of(out, c, overturn_of(c));
}

int ehcp_clock_as_of(ehcp_case_dates *out, const ehcp_case_dates *c, ehcp_date as_of)
{
	*out = *c;
	int n = 0;   /* the milestones removed */
#define LATER(d) ((d) != EHCP_DATE_NONE && (d) > as_of && ++n)
	if (LATER(out->decision_date)) {
		out->decision = EHCP_ASSESS_NONE;
		out->decision_date = EHCP_DATE_NONE;
	}
	for (int b = 0; b < EHCP_ADVICE_COUNT; b++) {
		ehcp_advice *a = &out->advice[b];
		if (LATER(a->requested)) {
			a->requested = EHCP_DATE_NONE;
			a->exception = EHCP_EXCEPTION_NONE;
		}
		if (LATER(a->received))
			a->received = EHCP_DATE_NONE;
	}
	if (LATER(out->plan_decision_date)) {
		out->plan_decision = EHCP_PLAN_NONE;
		out->plan_decision_date = EHCP_DATE_NONE;
	}
	if (LATER(out->draft))
		out->draft = EHCP_DATE_NONE;
	if (LATER(out->final))
		out->final = EHCP_DATE_NONE;
	if (LATER(out->closed)) {
		out->closed = EHCP_DATE_NONE;
		out->closed_reason = EHCP_CLOSED_NONE;
	}
	if (LATER(out->mediation))
		out->mediation = EHCP_DATE_NONE;
	if (LATER(out->tribunal_appeal))
		out->tribunal_appeal = EHCP_DATE_NONE;
	if (LATER(out->tribunal_outcome_date)) {
		out->tribunal_outcome = EHCP_TRIBUNAL_NONE;
		out->tribunal_outcome_date = EHCP_DATE_NONE;
	}
#undef LATER
	return n;
}

/* ---- status ---- */

void ehcp_clock_view_on(ehcp_clock_view *v, const ehcp_case_dates *c0, ehcp_date on, int nearing_days)
{
	ehcp_case_dates c;
	ehcp_clock_as_of(&c, c0, on);

	v->elapsed_days = on - c.request;
	v->next = EHCP_DEADLINE_COUNT;
	v->next_due = EHCP_DATE_NONE;
	v->late = EHCP_DEADLINE_COUNT;
	v->late_due = EHCP_DATE_NONE;
	v->exception = c.exception != EHCP_EXCEPTION_NONE;

	const ehcp_tribunal_outcome overturn = overturn_of(&c);
	if (ended_of(&c, overturn)) {
		v->status = EHCP_STATUS_ENDED;
		return;
	}
	if (c.final != EHCP_DATE_NONE) {
		v->status = c.final <= final_due_of(&c, overturn) ? EHCP_STATUS_DONE_IN_TIME : EHCP_STATUS_DONE_LATE;
		return;
	}

	ehcp_deadline dl[EHCP_DEADLINE_COUNT];
	deadlines_of(dl, &c, overturn);
	bool at_risk = false;
	for (int k = 0; k < EHCP_DEADLINE_COUNT; k++) {
		const ehcp_deadline *d = &dl[k];
		if (!d->applies || d->met != EHCP_DATE_NONE)
			continue;
		if (d->due >= on) {
			if (v->next_due == EHCP_DATE_NONE || d->due < v->next_due) {
				v->next = (ehcp_deadline_kind)k;
				v->next_due = d->due;
			}
		} else if (d->hard) {
			if (v->late_due == EHCP_DATE_NONE || d->due < v->late_due) {
				v->late = (ehcp_deadline_kind)k;
				v->late_due = d->due;
			}
		} else if (k == EHCP_DEADLINE_SAFE_DRAFT) {
			at_risk = true;
		}
	}
	if (v->late != EHCP_DEADLINE_COUNT)
		v->status = EHCP_STATUS_OVERDUE;
	else if (at_risk || (v->next_due != EHCP_DATE_NONE && v->next_due - on <= nearing_days))
		v->status = EHCP_STATUS_NEARING;
	else
		v->status = EHCP_STATUS_ON_TRACK;
}

ehcp_stage ehcp_clock_stage(const ehcp_case_dates *c0, ehcp_date on)
{
	ehcp_case_dates c;
	ehcp_clock_as_of(&c, c0, on);
	const ehcp_tribunal_outcome overturn = overturn_of(&c);
	if (c.closed != EHCP_DATE_NONE)
		return EHCP_STAGE_CLOSED;
	if (c.decision == EHCP_ASSESS_REFUSE && overturn != EHCP_TRIBUNAL_ASSESS)
		return EHCP_STAGE_REFUSED;
	if (c.plan_decision == EHCP_PLAN_NOT_ISSUE && overturn != EHCP_TRIBUNAL_ISSUE)
		return EHCP_STAGE_NOT_ISSUED;
	if (c.final != EHCP_DATE_NONE)
		return EHCP_STAGE_ISSUED;
	if (c.draft != EHCP_DATE_NONE)
		return EHCP_STAGE_DRAFT_SERVED;
	if (c.plan_decision == EHCP_PLAN_ISSUE || overturn == EHCP_TRIBUNAL_ISSUE)
		return EHCP_STAGE_DRAFTING;
	if (c.decision == EHCP_ASSESS_NONE)
		return EHCP_STAGE_AWAITING_DECISION;
	bool asked = false, all_in = true;
	for (int b = 0; b < EHCP_ADVICE_COUNT; b++) {
		if (c.advice[b].requested != EHCP_DATE_NONE) {
			asked = true;
			all_in = all_in && c.advice[b].received != EHCP_DATE_NONE;
		}
	}
	return asked && all_in ? EHCP_STAGE_AWAITING_PLAN_DECISION : EHCP_STAGE_ASSESSING;
}

bool ehcp_clock_comment_period_cut_short(const ehcp_case_dates *c)
{
	return c->draft != EHCP_DATE_NONE && c->final != EHCP_DATE_NONE && c->final - c->draft < EHCP_DAYS_COMMENT;
}

char *ehcp_clock_format_elapsed(char *buf, size_t len, int32_t days)
{
	const char *sign = days < 0 ? "-" : "";
	int64_t a = days < 0 ? -(int64_t)days : days;
	snprintf(buf, len, "%s%lldw %lldd", sign, (long long)(a / 7), (long long)(a % 7));
	return buf;
}

/* ---- consistency ---- */

typedef struct {
	ehcp_problem *out;
	size_t max;
	size_t n;
} problems;

static void add(problems *p, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));


static void add(problems *p, const char *field, const char *fmt, ...)
{
	if (p->n < p->max) {
		ehcp_problem *q = &p->out[p->n];
		q->field = field;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(q->message, sizeof(q->message), fmt, ap);
		va_end(ap);
	}
	p->n++;
}

/* Flags `a` (named fa) when it falls before `b` (named fb); either may be absent. */
static void not_before(problems *p, const char *fa, ehcp_date a, const char *fb, ehcp_date b)
{
	if (a == EHCP_DATE_NONE || b == EHCP_DATE_NONE || a >= b)
		return;
	char da[EHCP_DATE_ISO_LEN], db[EHCP_DATE_ISO_LEN];
	add(p, fa, "%s %s is before %s %s", fa, ehcp_date_format_iso(da, a), fb,
	    ehcp_date_format_iso(db, b));
}

static void not_future(problems *p, const char *f, ehcp_date a, ehcp_date today)
{
	if (a == EHCP_DATE_NONE || today == EHCP_DATE_NONE || a <= today)
		return;
	char da[EHCP_DATE_ISO_LEN], dt[EHCP_DATE_ISO_LEN];
	add(p, f, "%s %s is after today, %s", f, ehcp_date_format_iso(da, a),
	    ehcp_date_format_iso(dt, today));
}

static void paired(problems *p, bool has_code, const char *code_field, ehcp_date d, const char *date_field)
{
	if (has_code && d == EHCP_DATE_NONE)
		add(p, date_field, "%s is required with %s", date_field, code_field);
	else if (!has_code && d != EHCP_DATE_NONE)
		add(p, code_field, "%s is required with %s", code_field, date_field);
}

static void absent_after(problems *p, const char *f, ehcp_date d, const char *why)
{
	if (d != EHCP_DATE_NONE)
		add(p, f, "%s is recorded, but %s", f, why);
}

static const char *const advice_req_fields[] = {"health_advice_requested", "social_care_advice_requested", "ep_advice_requested"};
static const char *const advice_rec_fields[] = {"health_advice_received", "social_care_advice_received", "ep_advice_received"};
static const char *const advice_exc_fields[] = {"health_advice_exception", "social_care_advice_exception", "ep_advice_exception"};

/* A coronavirus exception excuses only a limit that met the window. */
static void coronavirus(problems *p, const ehcp_case_dates *c)
{
	char dr[EHCP_DATE_ISO_LEN], dd[EHCP_DATE_ISO_LEN], w[64];
	/* the window as people read it ("1 May to 25 September 2020"), from ehcp/rules.h */
	static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
	                                     "July",    "August",   "September", "October", "November", "December"};
	int y0, m0, d0, y1, m1, d1;
	ehcp_date_to_ymd(ehcp_date_from_ymd_unchecked(EHCP_RULE_CORONAVIRUS_FROM), &y0, &m0, &d0);
	ehcp_date_to_ymd(ehcp_date_from_ymd_unchecked(EHCP_RULE_CORONAVIRUS_TO), &y1, &m1, &d1);
	snprintf(w, sizeof w, "%d %s to %d %s %d", d0, months[m0 - 1], d1, months[m1 - 1], y1);
	if (c->exception == EHCP_EXCEPTION_CORONAVIRUS && c->request != EHCP_DATE_NONE) {
		/* the council's limits run from the request (or the tribunal's
		 * order) to the final plan's due date, the latest of them */
		ehcp_date start = ehcp_clock_overturn(c) != EHCP_TRIBUNAL_NONE ? c->tribunal_outcome_date : c->request;
		ehcp_date due = ehcp_clock_final_due(c);
		if (!ehcp_exception_coronavirus_applies(start, due))
			add(p, "exception",
			    "coronavirus excuses only a limit due in, or running through, %s (this one ran %s to %s)", w,
			    ehcp_date_format_iso(dr, start), ehcp_date_format_iso(dd, due));
	}
	for (int b = 0; b < EHCP_ADVICE_COUNT; b++) {
		const ehcp_advice *a = &c->advice[b];
		if (a->exception == EHCP_EXCEPTION_CORONAVIRUS && a->requested != EHCP_DATE_NONE &&
		    !ehcp_exception_coronavirus_applies(a->requested, a->requested + EHCP_DAYS_ADVICE))
			add(p, advice_exc_fields[b],
			    "coronavirus excuses only a limit due in, or running through, %s (this one ran %s to %s)", w,
			    ehcp_date_format_iso(dr, a->requested),
			    ehcp_date_format_iso(dd, a->requested + EHCP_DAYS_ADVICE));
	}
}

/* An appeal's outcome needs the appeal, and an order to go on needs the
 * decision it overturns (reg 44). */
static void tribunal(problems *p, const ehcp_case_dates *c)
{
	if (c->tribunal_outcome == EHCP_TRIBUNAL_NONE)
		return;
	if (c->tribunal_appeal == EHCP_DATE_NONE)
		add(p, "tribunal_appeal_date", "tribunal_appeal_date is required with tribunal_outcome");
	not_before(p, "tribunal_outcome_date", c->tribunal_outcome_date, "tribunal_appeal_date", c->tribunal_appeal);
	if (c->tribunal_outcome == EHCP_TRIBUNAL_ASSESS) {
		if (c->decision != EHCP_ASSESS_REFUSE)
			add(p, "tribunal_outcome", "tribunal_outcome: assess needs assessment_decision refuse (an order to assess overturns a refusal)");
		else
			not_before(p, "tribunal_appeal_date", c->tribunal_appeal, "assessment_decision_date", c->decision_date);
	} else if (c->tribunal_outcome == EHCP_TRIBUNAL_ISSUE) {
		if (c->plan_decision != EHCP_PLAN_NOT_ISSUE)
			add(p, "tribunal_outcome", "tribunal_outcome: issue needs plan_decision not_issue (an order to make a plan overturns a decision not to issue)");
		else
			not_before(p, "tribunal_appeal_date", c->tribunal_appeal, "plan_decision_date", c->plan_decision_date);
	}
}

size_t ehcp_clock_check(ehcp_problem *out, size_t max, const ehcp_case_dates *c, ehcp_date today)
{
	problems p = {out, max, 0};
	const ehcp_date r = c->request;

	if (r == EHCP_DATE_NONE) {
		add(&p, "request_date", "request_date is required");
	} else {
		not_future(&p, "request_date", r, today);
	}

	const struct {
		const char *field;
		ehcp_date d;
	} dated[] = {
	    {"assessment_decision_date", c->decision_date},
	    {advice_req_fields[0], c->advice[0].requested},
	    {advice_rec_fields[0], c->advice[0].received},
	    {advice_req_fields[1], c->advice[1].requested},
	    {advice_rec_fields[1], c->advice[1].received},
	    {advice_req_fields[2], c->advice[2].requested},
	    {advice_rec_fields[2], c->advice[2].received},
	    {"plan_decision_date", c->plan_decision_date},
	    {"draft_plan_date", c->draft},
	    {"final_plan_date", c->final},
	    {"closed_date", c->closed},
	    {"mediation_date", c->mediation},
	    {"tribunal_appeal_date", c->tribunal_appeal},
	    {"tribunal_outcome_date", c->tribunal_outcome_date},
	};
	for (size_t i = 0; i < COUNT(dated); i++) {
		not_before(&p, dated[i].field, dated[i].d, "request_date", r);
		not_future(&p, dated[i].field, dated[i].d, today);
	}

	paired(&p, c->decision != EHCP_ASSESS_NONE, "assessment_decision", c->decision_date,
	       "assessment_decision_date");
	paired(&p, c->plan_decision != EHCP_PLAN_NONE, "plan_decision", c->plan_decision_date,
	       "plan_decision_date");
	paired(&p, c->closed_reason != EHCP_CLOSED_NONE, "closed_reason", c->closed, "closed_date");
	paired(&p, c->tribunal_outcome != EHCP_TRIBUNAL_NONE, "tribunal_outcome", c->tribunal_outcome_date,
	       "tribunal_outcome_date");

	for (int b = 0; b < EHCP_ADVICE_COUNT; b++) {
		const ehcp_advice *a = &c->advice[b];
		if (a->requested == EHCP_DATE_NONE) {
			if (a->received != EHCP_DATE_NONE)
				add(&p, advice_rec_fields[b], "%s is recorded without %s", advice_rec_fields[b],
				    advice_req_fields[b]);
			if (a->exception != EHCP_EXCEPTION_NONE)
				add(&p, advice_exc_fields[b], "%s is recorded without %s", advice_exc_fields[b],
				    advice_req_fields[b]);
		}
		not_before(&p, advice_rec_fields[b], a->received, advice_req_fields[b], a->requested);
		if (a->exception != EHCP_EXCEPTION_NONE && !ehcp_exception_valid_for_advice(a->exception))
			add(&p, advice_exc_fields[b], "%s: %s is not an exception to the advice limit",
			    advice_exc_fields[b], ehcp_exception_name(a->exception));
	}

	if (c->exception != EHCP_EXCEPTION_NONE && !ehcp_exception_valid_for_case(c->exception))
		add(&p, "exception", "exception: %s is not an exception to the council's limits",
		    ehcp_exception_name(c->exception));
	coronavirus(&p, c);
	tribunal(&p, c);

	const ehcp_tribunal_outcome overturn = ehcp_clock_overturn(c);
	if (c->decision == EHCP_ASSESS_REFUSE && overturn != EHCP_TRIBUNAL_ASSESS) {
		const char *why = "the council refused to assess";
		if (c->plan_decision != EHCP_PLAN_NONE)
			add(&p, "plan_decision", "plan_decision is recorded, but %s", why);
		absent_after(&p, "draft_plan_date", c->draft, why);
		absent_after(&p, "final_plan_date", c->final, why);
	} else {
		not_before(&p, "plan_decision_date", c->plan_decision_date, "assessment_decision_date", c->decision_date);
		not_before(&p, "draft_plan_date", c->draft, "assessment_decision_date", c->decision_date);
		not_before(&p, "final_plan_date", c->final, "assessment_decision_date", c->decision_date);
	}
	if (overturn == EHCP_TRIBUNAL_ASSESS) {
		/* what follows the order is dated after it */
		not_before(&p, "plan_decision_date", c->plan_decision_date, "tribunal_outcome_date", c->tribunal_outcome_date);
		not_before(&p, "draft_plan_date", c->draft, "tribunal_outcome_date", c->tribunal_outcome_date);
		not_before(&p, "final_plan_date", c->final, "tribunal_outcome_date", c->tribunal_outcome_date);
	}

	if (c->plan_decision == EHCP_PLAN_NOT_ISSUE && overturn != EHCP_TRIBUNAL_ISSUE) {
		const char *why = "the council decided not to issue a plan";
		absent_after(&p, "draft_plan_date", c->draft, why);
		absent_after(&p, "final_plan_date", c->final, why);
	} else if (c->plan_decision == EHCP_PLAN_ISSUE) {
		not_before(&p, "draft_plan_date", c->draft, "plan_decision_date", c->plan_decision_date);
		not_before(&p, "final_plan_date", c->final, "plan_decision_date", c->plan_decision_date);
	}
	if (overturn == EHCP_TRIBUNAL_ISSUE) {
		not_before(&p, "draft_plan_date", c->draft, "tribunal_outcome_date", c->tribunal_outcome_date);
		not_before(&p, "final_plan_date", c->final, "tribunal_outcome_date", c->tribunal_outcome_date);
	}
	not_before(&p, "final_plan_date", c->final, "draft_plan_date", c->draft);

	if (c->closed != EHCP_DATE_NONE) {
		const char *why = "the request was closed without a plan";
		absent_after(&p, "final_plan_date", c->final, why);
		if (c->decision == EHCP_ASSESS_REFUSE && overturn != EHCP_TRIBUNAL_ASSESS)
			add(&p, "closed_date", "closed_date is recorded, but the request already ended with a refusal to assess");
		if (c->plan_decision == EHCP_PLAN_NOT_ISSUE && overturn != EHCP_TRIBUNAL_ISSUE)
			add(&p, "closed_date", "closed_date is recorded, but the request already ended with a decision not to issue");
		if (overturn != EHCP_TRIBUNAL_NONE)
			not_before(&p, "closed_date", c->closed, "tribunal_outcome_date", c->tribunal_outcome_date);
	}
	return p.n;
}
