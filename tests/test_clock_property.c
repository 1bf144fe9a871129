/*
 * Property test: over a million generated cases, the clock agrees with an
 * independent computation written differently: dates as time_t seconds at
 * UTC midnight, day arithmetic by timegm() normalising struct tm, and the
 * status rules restated from the reference document as a list of pending
 * items rather than the library's deadline table.  The generated cases
 * include re-assessments (15-day decision, 14 weeks from it), mediation,
 * tribunal appeals and refusals overturned on appeal (the tribunal's
 * clock), and ended ones.
 */
#include <time.h>

#include "ehcp/ehcp.h"
#include "harness.h"

#define CASES 1000000
#define DAY 86400

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)((rng >> 11) % n);
}

/* ---- the independent side: time_t at UTC midnight ---- */

typedef long long secs;
#define NONE_S (-(1LL << 60))

static secs add_days(secs t, int n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	tm.tm_mday += n;
	return (secs)timegm(&tm);
}

static void ymd_of(secs t, char out[11])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

typedef struct {
	int type;       /* 0 initial, 1 reassessment, 2 transfer */
	secs r;
	int decision;   /* 0 none, 1 assess, 2 refuse */
	secs dd;
	secs req[3], rec[3];
	int plan;       /* 0 none, 1 issue, 2 not issue */
	secs pd, draft, final, closed;
	int exc;
	secs mediation, appeal, outcome_date;
	int outcome;    /* 0 none, 1 dismissed, 2 assess, 3 issue, 4 other */
} ref_case;

static ehcp_date to_date(secs t)
{
	if (t == NONE_S)
		return EHCP_DATE_NONE;
	char s[11];
	ymd_of(t, s);
	ehcp_date d;
	if (ehcp_date_parse_iso(&d, s, 10, NULL, 0) < 0)
		abort();
	return d;
}

static ehcp_case_dates to_case(const ref_case *c)
{
	ehcp_case_dates d = EHCP_CASE_DATES_INIT;
	d.type = (ehcp_request_type)c->type;
	d.request = to_date(c->r);
	d.decision = (ehcp_assess_decision)c->decision;
	d.decision_date = to_date(c->dd);
	for (int b = 0; b < 3; b++) {
		d.advice[b].requested = to_date(c->req[b]);
		d.advice[b].received = to_date(c->rec[b]);
	}
	d.plan_decision = (ehcp_plan_decision)c->plan;
	d.plan_decision_date = to_date(c->pd);
	d.draft = to_date(c->draft);
	d.final = to_date(c->final);
	d.closed = to_date(c->closed);
	d.closed_reason = c->closed != NONE_S ? EHCP_CLOSED_WITHDRAWN : EHCP_CLOSED_NONE;
	d.exception = c->exc ? EHCP_EXCEPTION_PERSONAL_CIRCUMSTANCES : EHCP_EXCEPTION_NONE;
	d.mediation = to_date(c->mediation);
	d.tribunal_appeal = to_date(c->appeal);
	d.tribunal_outcome = (ehcp_tribunal_outcome)c->outcome;
	d.tribunal_outcome_date = to_date(c->outcome_date);
	return d;
}

/* The assessment after a decision (or an order) to assess on day `from`. */
static void assess_from(ref_case *c, secs from)
{
	for (int b = 0; b < 3; b++) {
		c->req[b] = c->rec[b] = NONE_S;
		if (rnd(4)) {
			c->req[b] = add_days(from, (int)rnd(10));
			if (rnd(4))
				c->rec[b] = add_days(c->req[b], (int)rnd(100));
		}
	}
	if (rnd(3)) {
		c->plan = rnd(6) ? 1 : 2;
		c->pd = add_days(from, (int)rnd(90));
		if (c->plan == 1 && rnd(4)) {
			c->draft = add_days(c->pd, (int)rnd(30));
			if (rnd(3))
				c->final = add_days(c->draft, (int)rnd(60));
		}
	}
}

/* An appeal registered after `after`, decided (or not yet) some time later. */
static void appeal(ref_case *c, secs after, int outcome)
{
	c->appeal = add_days(after, (int)rnd(60));
	if (rnd(5)) {
		c->outcome = outcome;
		c->outcome_date = add_days(c->appeal, (int)rnd(150));
	}
}

/* A plausible case: each milestone follows the one before, or is absent. */
static void generate(ref_case *c, secs *on)
{
	struct tm tm = {0};
	tm.tm_year = 2014 - 1900 + (int)rnd(13);
	tm.tm_mon = 0;
	tm.tm_mday = 1 + (int)rnd(366);
	c->r = (secs)timegm(&tm);
	c->type = (int)rnd(10) < 7 ? 0 : (int)rnd(2) + 1;
	c->decision = (int)rnd(3);
	/* a re-assessment is decided around its 15 days, an assessment its 42 */
	c->dd = c->decision ? add_days(c->r, (int)rnd(c->type == 1 ? 30 : 80)) : NONE_S;
	c->plan = 0;
	c->pd = c->draft = c->final = c->closed = NONE_S;
	c->mediation = c->appeal = c->outcome_date = NONE_S;
	c->outcome = 0;
	for (int b = 0; b < 3; b++)
		c->req[b] = c->rec[b] = NONE_S;
	if (c->decision == 1)
		assess_from(c, c->dd);
	if (c->decision == 2 && rnd(3) == 0) {
		/* a refusal appealed: dismissed, or an order to assess */
		appeal(c, c->dd, rnd(2) ? 2 : 1);
		if (c->outcome == 2)
			assess_from(c, c->outcome_date);
	}
	if (c->decision == 1 && c->plan == 2 && rnd(3) == 0) {
		/* a decision not to issue appealed: an order to make a plan */
		appeal(c, c->pd, rnd(2) ? 3 : 1);
		if (c->outcome == 3) {
			c->plan = 2;
			if (rnd(4)) {
				c->draft = add_days(c->outcome_date, (int)rnd(50));
				if (rnd(3))
					c->final = add_days(c->draft, (int)rnd(60));
			}
		}
	}
	if (c->final != NONE_S && c->appeal == NONE_S && rnd(8) == 0)
		appeal(c, c->final, 4);            /* about the plan's contents */
	if (c->dd != NONE_S && rnd(10) == 0)
		c->mediation = add_days(c->dd, (int)rnd(60));
	/* still open on the record: closed, after any order that reopened it */
	const bool ended = (c->decision == 2 && c->outcome != 2) || (c->plan == 2 && c->outcome != 3);
	if (!ended && c->final == NONE_S && rnd(10) == 0)
		c->closed = add_days(c->outcome_date != NONE_S ? c->outcome_date : c->r, (int)rnd(200));
	c->exc = rnd(8) == 0;
	*on = add_days(c->r, (int)rnd(560) - 10);
}

/* The reference's own reading of the rules. */
typedef struct {
	secs due;
	bool hard, safe_draft;
} item;

typedef struct {
	char status[16];
	char next_due[11];
	char late_due[11];
	char final_due[11];
	char decision_due[11];
	char safe_draft_due[11];
	char notice_due[11];
	char advice_due[3][11];
} ref_view;

/* The decision the tribunal overturned, as it stood on `on`: 2 (an order
 * to assess after a refusal), 3 (to make a plan after not issuing), or 0. */
static int ref_overturn(const ref_case *c, secs on)
{
	if (c->outcome_date == NONE_S || c->outcome_date > on)
		return 0;
	if (c->outcome == 2 && c->decision == 2 && c->dd <= on)
		return 2;
	if (c->outcome == 3 && c->plan == 2 && c->pd <= on)
		return 3;
	return 0;
}

/* The final plan's due date on `on`, from the reference's tables: 14 weeks
 * (T + 98) after an order to assess, 11 weeks (T + 77) after an order to
 * make a plan, 14 weeks from the decision to re-assess (or from its 15th
 * day while none is recorded), else 20 weeks from the request. */
static secs ref_final_due(const ref_case *c, secs on)
{
	switch (ref_overturn(c, on)) {
	case 2: return add_days(c->outcome_date, 98);
	case 3: return add_days(c->outcome_date, 77);
	default: break;
	}
	if (c->type == 1)
		return add_days(c->decision == 1 && c->dd <= on ? c->dd : add_days(c->r, 15), 98);
	return add_days(c->r, 140);
}

#define FOREVER ((secs)1 << 50)

static void reference(ref_view *v, const ref_case *c, secs on, int nearing)
{
#define KNOWN(t) ((t) != NONE_S && (t) <= on)
	const int overturn = ref_overturn(c, on);
	const secs final_due = ref_final_due(c, on);
	const secs decision_due = add_days(c->r, c->type == 1 ? 15 : 42);
	const secs notice_due = overturn == 2 ? add_days(c->outcome_date, 70) : add_days(c->r, 112);
	memset(v, 0, sizeof *v);
	{
		/* the due dates on the whole record, for the deadline table */
		const int o = ref_overturn(c, FOREVER);
		ymd_of(ref_final_due(c, FOREVER), v->final_due);
		ymd_of(add_days(ref_final_due(c, FOREVER), -15), v->safe_draft_due);
		ymd_of(o == 2 ? add_days(c->outcome_date, 70) : add_days(c->r, 112), v->notice_due);
		ymd_of(decision_due, v->decision_due);
		for (int b = 0; b < 3; b++)
			if (c->req[b] != NONE_S)
				ymd_of(add_days(c->req[b], 42), v->advice_due[b]);
	}

	const bool refused = c->decision == 2 && KNOWN(c->dd) && overturn != 2;
	const bool not_issue = c->plan == 2 && KNOWN(c->pd) && overturn != 3;
	if (refused || not_issue || KNOWN(c->closed)) {
		strcpy(v->status, "ended");
		return;
	}
	if (KNOWN(c->final)) {
		strcpy(v->status, c->final <= final_due ? "done_in_time" : "done_late");
		return;
	}
	/* Pending items in the order the library lists its deadlines. */
	item items[10];
	int n = 0;
	if (!KNOWN(c->dd))
		items[n++] = (item){decision_due, true, false};
	for (int b = 0; b < 3; b++)
		if (KNOWN(c->req[b]) && !KNOWN(c->rec[b]))
			items[n++] = (item){add_days(c->req[b], 42), true, false};
	/* the 16-week notice (10 weeks after an order to assess); none for a
	 * re-assessment */
	if (c->type != 1 && ((c->decision == 1 && KNOWN(c->dd)) || overturn == 2) && !KNOWN(c->pd))
		items[n++] = (item){notice_due, false, false};
	if (overturn != 3 && !KNOWN(c->draft))
		items[n++] = (item){add_days(final_due, -15), false, true};
	items[n++] = (item){final_due, true, false};
	if (overturn == 2)   /* notice that it will assess: 2 weeks, advisory */
		items[n++] = (item){add_days(c->outcome_date, 14), false, false};
	if (overturn == 3 && !KNOWN(c->draft))   /* the draft: 5 weeks */
		items[n++] = (item){add_days(c->outcome_date, 35), true, false};

	secs next = NONE_S, late = NONE_S;
	bool risk = false;
	for (int i = 0; i < n; i++) {
		if (items[i].due >= on) {
			if (next == NONE_S || items[i].due < next)
				next = items[i].due;
		} else if (items[i].hard) {
			if (late == NONE_S || items[i].due < late)
				late = items[i].due;
		} else if (items[i].safe_draft) {
			risk = true;
		}
	}
	if (next != NONE_S)
		ymd_of(next, v->next_due);
	if (late != NONE_S)
		ymd_of(late, v->late_due);
	if (late != NONE_S)
		strcpy(v->status, "overdue");
	else if (risk || (next != NONE_S && (next - on) / DAY <= nearing))
		strcpy(v->status, "nearing");
	else
		strcpy(v->status, "on_track");
#undef KNOWN
}

int main(void)
{
	long mismatches = 0;
	long reassess = 0, ordered = 0, mediated = 0, statuses[6] = {0};
	for (long i = 0; i < CASES; i++) {
		ref_case rc;
		secs on;
		generate(&rc, &on);
		const int nearing = (int)rnd(30);
		ref_view want;
		reference(&want, &rc, on, nearing);

		ehcp_case_dates c = to_case(&rc);
		ehcp_clock_view got;
		ehcp_clock_view_on(&got, &c, to_date(on), nearing);
		ehcp_deadline dl[EHCP_DEADLINE_COUNT];
		ehcp_clock_deadlines(dl, &c);

		char b1[11], b2[11], b3[11], b4[11], b5[11], b6[11];
		bool ok = strcmp(ehcp_status_name(got.status), want.status) == 0;
		ok = ok && strcmp(ehcp_date_format_iso(b1, got.next_due), want.next_due) == 0;
		ok = ok && strcmp(ehcp_date_format_iso(b2, got.late_due), want.late_due) == 0;
		ok = ok && got.elapsed_days == (int)((on - rc.r) / DAY);
		/* The due dates, wherever the deadline applies. */
		ok = ok && (!dl[EHCP_DEADLINE_FINAL_PLAN].applies ||
		            strcmp(ehcp_date_format_iso(b3, dl[EHCP_DEADLINE_FINAL_PLAN].due), want.final_due) == 0);
		ok = ok && (!dl[EHCP_DEADLINE_DECISION].applies ||
		            strcmp(ehcp_date_format_iso(b4, dl[EHCP_DEADLINE_DECISION].due), want.decision_due) == 0);
		ok = ok && (!dl[EHCP_DEADLINE_SAFE_DRAFT].applies ||
		            strcmp(ehcp_date_format_iso(b5, dl[EHCP_DEADLINE_SAFE_DRAFT].due), want.safe_draft_due) == 0);
		ok = ok && (!dl[EHCP_DEADLINE_NOT_ISSUE].applies ||
		            strcmp(ehcp_date_format_iso(b6, dl[EHCP_DEADLINE_NOT_ISSUE].due), want.notice_due) == 0);
		for (int b = 0; b < 3; b++) {
			char bb[11];
			ok = ok && dl[EHCP_DEADLINE_HEALTH_ADVICE + b].applies == (rc.req[b] != NONE_S);
			ok = ok && (!dl[EHCP_DEADLINE_HEALTH_ADVICE + b].applies ||
			            strcmp(ehcp_date_format_iso(bb, dl[EHCP_DEADLINE_HEALTH_ADVICE + b].due), want.advice_due[b]) == 0);
		}
		/* The consistency check accepts every generated case. */
		ehcp_problem p[4];
		ok = ok && ehcp_clock_check(p, 4, &c, EHCP_DATE_NONE) == 0;
		/* The rules the reports use, on the whole record. */
		const int o = ref_overturn(&rc, FOREVER);
		ok = ok && (int)ehcp_clock_overturn(&c) == o;
		ok = ok && ehcp_clock_final_in_time(&c) ==
		               (rc.final != NONE_S && rc.final <= ref_final_due(&rc, FOREVER));
		ok = ok && ehcp_clock_ended(&c) ==
		               (rc.closed != NONE_S || (rc.decision == 2 && o != 2) || (rc.plan == 2 && o != 3));
		ok = ok && ehcp_clock_mediation_or_tribunal(&c) == (rc.mediation != NONE_S || rc.appeal != NONE_S);
		ok = ok && dl[EHCP_DEADLINE_TRIBUNAL_NOTICE].applies == (o == 2);
		ok = ok && dl[EHCP_DEADLINE_TRIBUNAL_DRAFT].applies == (o == 3);
		if (o == 2)
			ok = ok && dl[EHCP_DEADLINE_TRIBUNAL_NOTICE].due == to_date(add_days(rc.outcome_date, 14));
		if (o == 3)
			ok = ok && dl[EHCP_DEADLINE_TRIBUNAL_DRAFT].due == to_date(add_days(rc.outcome_date, 35));
		reassess += rc.type == 1;
		ordered += o != 0;
		mediated += rc.mediation != NONE_S;
		statuses[got.status]++;
		if (!ok && mismatches++ < 5) {
			char r[11], o[11];
			ymd_of(rc.r, r);
			ymd_of(on, o);
			fprintf(stderr, "case %ld (request %s, on %s): got %s next %s late %s; want %s next %s late %s\n", i, r, o,
			        ehcp_status_name(got.status), b1, b2, want.status, want.next_due, want.late_due);
		}
	}
	CHECK_INT(mismatches, 0);
	/* The generator reaches every rule it is meant to test. */
	CHECK(reassess > CASES / 10 && ordered > CASES / 100 && mediated > CASES / 100);
	for (int s = 0; s < 6; s++)
		CHECK(statuses[s] > CASES / 100);
	printf("%d generated cases compared: %ld re-assessments, %ld overturned on appeal, %ld mediated;"
	       " on_track %ld, nearing %ld, overdue %ld, done_in_time %ld, done_late %ld, ended %ld\n",
	       CASES, reassess, ordered, mediated, statuses[0], statuses[1], statuses[2], statuses[3], statuses[4],
	       statuses[5]);
	return harness_finish("test_clock_property");
}
