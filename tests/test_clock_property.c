/*
 * Property test: over a million generated cases, the clock agrees with an
 * independent computation written differently: dates as time_t seconds at
 * UTC midnight, day arithmetic by timegm() normalising struct tm, and the
 * status rules restated from the reference document as a list of pending
 * items rather than the library's deadline table.
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
	return d;
}

/* A plausible case: each milestone follows the one before, or is absent. */
static void generate(ref_case *c, secs *on)
{
	struct tm tm = {0};
	tm.tm_year = 2014 - 1900 + (int)rnd(13);
	tm.tm_mon = 0;
	tm.tm_mday = 1 + (int)rnd(366);
	c->r = (secs)timegm(&tm);
	c->type = (int)rnd(10) < 8 ? 0 : (int)rnd(2) + 1;
	c->decision = (int)rnd(3);
	c->dd = c->decision ? add_days(c->r, (int)rnd(80)) : NONE_S;
	c->plan = 0;
	c->pd = c->draft = c->final = c->closed = NONE_S;
	for (int b = 0; b < 3; b++) {
		c->req[b] = c->rec[b] = NONE_S;
		if (c->decision == 1 && rnd(4)) {
			c->req[b] = add_days(c->dd, (int)rnd(10));
			if (rnd(4))
				c->rec[b] = add_days(c->req[b], (int)rnd(100));
		}
	}
	if (c->decision == 1 && rnd(3)) {
		c->plan = rnd(6) ? 1 : 2;
		c->pd = add_days(c->dd, (int)rnd(90));
		if (c->plan == 1 && rnd(4)) {
			c->draft = add_days(c->pd, (int)rnd(30));
			if (rnd(3))
				c->final = add_days(c->draft, (int)rnd(60));
		}
	}
	if (c->decision != 2 && c->plan != 2 && c->final == NONE_S && rnd(10) == 0)
		c->closed = add_days(c->r, (int)rnd(200));
	c->exc = rnd(8) == 0;
	*on = add_days(c->r, (int)rnd(420) - 10);
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

static void reference(ref_view *v, const ref_case *c, secs on, int nearing)
{
#define KNOWN(t) ((t) != NONE_S && (t) <= on)
	const int limit = c->type == 1 ? 98 : 140;
	const secs final_due = add_days(c->r, limit);
	memset(v, 0, sizeof *v);
	ymd_of(final_due, v->final_due);
	ymd_of(add_days(c->r, 42), v->decision_due);
	ymd_of(add_days(final_due, -15), v->safe_draft_due);
	ymd_of(add_days(c->r, 112), v->notice_due);
	for (int b = 0; b < 3; b++)
		if (c->req[b] != NONE_S)
			ymd_of(add_days(c->req[b], 42), v->advice_due[b]);

	const bool refused = c->decision == 2 && KNOWN(c->dd);
	const bool not_issue = c->plan == 2 && KNOWN(c->pd);
	if (refused || not_issue || KNOWN(c->closed)) {
		strcpy(v->status, "ended");
		return;
	}
	if (KNOWN(c->final)) {
		strcpy(v->status, c->final <= final_due ? "done_in_time" : "done_late");
		return;
	}
	/* Pending items in the order the library lists its deadlines. */
	item items[8];
	int n = 0;
	if (!KNOWN(c->dd))
		items[n++] = (item){add_days(c->r, 42), true, false};
	for (int b = 0; b < 3; b++)
		if (KNOWN(c->req[b]) && !KNOWN(c->rec[b]))
			items[n++] = (item){add_days(c->req[b], 42), true, false};
	if (c->type != 1 && c->decision == 1 && KNOWN(c->dd) && !KNOWN(c->pd))
		items[n++] = (item){add_days(c->r, 112), false, false};
	if (!KNOWN(c->draft))
		items[n++] = (item){add_days(final_due, -15), false, true};
	items[n++] = (item){final_due, true, false};

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
		/* Within agrees with the reference's seconds arithmetic. */
		if (rc.final != NONE_S)
			ok = ok && ehcp_clock_within(c.request, c.final, ehcp_clock_final_limit(c.type)) ==
			               (rc.final <= add_days(rc.r, rc.type == 1 ? 98 : 140));
		if (!ok && mismatches++ < 5) {
			char r[11], o[11];
			ymd_of(rc.r, r);
			ymd_of(on, o);
			fprintf(stderr, "case %ld (request %s, on %s): got %s next %s late %s; want %s next %s late %s\n", i, r, o,
			        ehcp_status_name(got.status), b1, b2, want.status, want.next_due, want.late_due);
		}
	}
	CHECK_INT(mismatches, 0);
	printf("%d generated cases compared\n", CASES);
	return harness_finish("test_clock_property");
}
