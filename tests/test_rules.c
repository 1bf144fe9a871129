/*
 * The rules are written once (include/ehcp/rules.h) and the SQL the
 * database runs is generated from them.  This test holds the two sides
 * together:
 *  1. every ehcp_days_*() function and the coronavirus window return the C
 *     constants;
 *  2. over 120,000 generated cases (initial, transfer-in and re-assessment
 *     requests, exceptions, mediation, tribunal appeals and orders that
 *     overturn a refusal, open and ended cases), each report's per-case
 *     classification (`--cases`) equals the C clock's, on several as-of
 *     dates: plans (due date, in time, mediation or tribunal), cohort
 *     (state), decisions (kind, due, in time), advice (in time; outstanding),
 *     backlog (which cases, due date, days past, and none missing on any
 *     day seen) and sen2;
 *  3. the SQL's "open on a day" (the case list's filter) is the C clock's,
 *     and so is the first day a case is finished for good (the backlog's
 *     index);
 *  4. the SQL review clock (ehcp_review_year_end, ehcp_review_nc_year, the
 *     next transfer and its deadline, ehcp_review_next_due, a review meeting
 *     a transfer) equals src/core/review.c on every day of 1999-2041 and
 *     over 20,000 generated plans and their reviews, each seen on several
 *     days (29 February, 31 August and 1 September births, offsets -1, 0
 *     and 1, transfers in, local transfers, ceased plans).
 */
#include "clock_spec.h"
#include "dbtest.h"
#include "ehcp/review.h"

#define CASES 120000

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static int rnd(int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (int)((rng >> 11) % (uint64_t)n);
}

static ehcp_date after(ehcp_date d, int spread, int per100)
{
	return d != EHCP_DATE_NONE && rnd(100) < per100 ? d + rnd(spread) : EHCP_DATE_NONE;
}

static ehcp_exception any_case_exception(void)
{
	static const ehcp_exception e[] = {EHCP_EXCEPTION_SETTING_CLOSURE, EHCP_EXCEPTION_PERSONAL_CIRCUMSTANCES,
	                                   EHCP_EXCEPTION_ABSENT_FROM_AREA, EHCP_EXCEPTION_CORONAVIRUS};
	return e[rnd(4)];
}

static ehcp_exception any_advice_exception(void)
{
	static const ehcp_exception e[] = {EHCP_EXCEPTION_PERSONAL_CIRCUMSTANCES, EHCP_EXCEPTION_ABSENT_FROM_AREA,
	                                   EHCP_EXCEPTION_MISSED_APPOINTMENT, EHCP_EXCEPTION_CORONAVIRUS};
	return e[rnd(4)];
}

/* A consistent case: drawn at random, kept if the clock's checks pass. */
static void generate(ehcp_case_dates *c)
{
	for (;;) {
		ehcp_case_dates x = EHCP_CASE_DATES_INIT;
		int t = rnd(100);
		x.type = t < 65 ? EHCP_REQUEST_INITIAL : t < 85 ? EHCP_REQUEST_REASSESSMENT : EHCP_REQUEST_TRANSFER_IN;
		/* 2019-06 to 2023-07: through the coronavirus window */
		x.request = spec_date("2019-06-01") + rnd(1500);
		if (rnd(100) < 85) {
			x.decision_date = x.request + rnd(x.type == EHCP_REQUEST_REASSESSMENT ? 30 : 80);
			x.decision = rnd(5) ? EHCP_ASSESS_ASSESS : EHCP_ASSESS_REFUSE;
		}
		ehcp_date start = x.decision_date;
		if (x.decision == EHCP_ASSESS_REFUSE) {
			x.mediation = after(x.decision_date, 60, 15);
			x.tribunal_appeal = after(x.decision_date, 60, 30);
			if (x.tribunal_appeal != EHCP_DATE_NONE && rnd(100) < 70) {
				x.tribunal_outcome_date = x.tribunal_appeal + rnd(200);
				int o = rnd(10);
				x.tribunal_outcome = o < 5 ? EHCP_TRIBUNAL_ASSESS : o < 9 ? EHCP_TRIBUNAL_DISMISSED : EHCP_TRIBUNAL_OTHER;
				start = x.tribunal_outcome_date;
			}
		}
		if (x.decision == EHCP_ASSESS_ASSESS || x.tribunal_outcome == EHCP_TRIBUNAL_ASSESS) {
			for (int b = 0; b < EHCP_ADVICE_COUNT; b++) {
				x.advice[b].requested = after(start, 10, 75);
				x.advice[b].received = after(x.advice[b].requested, 90, 70);
				if (x.advice[b].requested != EHCP_DATE_NONE && rnd(100) < 12)
					x.advice[b].exception = any_advice_exception();
			}
			if (rnd(100) < 70) {
				x.plan_decision_date = start + rnd(100);
				x.plan_decision = rnd(6) ? EHCP_PLAN_ISSUE : EHCP_PLAN_NOT_ISSUE;
			}
			ehcp_date from = x.plan_decision != EHCP_PLAN_NONE ? x.plan_decision_date : start;
			if (x.plan_decision == EHCP_PLAN_NOT_ISSUE && x.tribunal_outcome == EHCP_TRIBUNAL_NONE) {
				x.mediation = after(x.plan_decision_date, 60, 15);
				x.tribunal_appeal = after(x.plan_decision_date, 60, 30);
				if (x.tribunal_appeal != EHCP_DATE_NONE && rnd(100) < 70) {
					x.tribunal_outcome_date = x.tribunal_appeal + rnd(150);
					x.tribunal_outcome = rnd(2) ? EHCP_TRIBUNAL_ISSUE : EHCP_TRIBUNAL_DISMISSED;
					from = x.tribunal_outcome_date;
				}
			}
			if (x.plan_decision != EHCP_PLAN_NOT_ISSUE || x.tribunal_outcome == EHCP_TRIBUNAL_ISSUE) {
				x.draft = after(from, 40, 70);
				x.final = after(x.draft, 80, 70);
			}
			if (x.final != EHCP_DATE_NONE && x.tribunal_appeal == EHCP_DATE_NONE) {
				x.mediation = after(x.draft, 30, 5);
				x.tribunal_appeal = after(x.final, 90, 4);
				if (x.tribunal_appeal != EHCP_DATE_NONE && rnd(2)) {
					x.tribunal_outcome = EHCP_TRIBUNAL_OTHER;
					x.tribunal_outcome_date = x.tribunal_appeal + rnd(200);
				}
			}
		}
		if (x.final == EHCP_DATE_NONE && !ehcp_clock_ended(&x) && rnd(100) < 8) {
			x.closed = (x.tribunal_outcome_date != EHCP_DATE_NONE ? x.tribunal_outcome_date : x.request) + rnd(200);
			x.closed_reason = EHCP_CLOSED_WITHDRAWN;
		}
		if (rnd(100) < 12)
			x.exception = any_case_exception();
		ehcp_problem p[1];
		if (ehcp_clock_check(p, 1, &x, EHCP_DATE_NONE) == 0) {
			*c = x;
			return;
		}
	}
}

static ehcp_case_dates cases[CASES];
static ehcp_store *s;
static long compared, mismatches;

static int index_of(const char *ref)
{
	return atoi(ref + 1);
}

static const char *iso(char *buf, ehcp_date d)
{
	return d == EHCP_DATE_NONE ? "" : ehcp_date_format_iso(buf, d);
}

static const char *yes(bool b)
{
	return b ? "t" : "f";
}

static void expect(bool ok, const char *what, const char *ref, const char *on, const char *detail)
{
	compared++;
	if (!ok && mismatches++ < 10)
		fprintf(stderr, "%s: %s as of %s: %s\n", what, ref, on, detail);
}

static ehcp_report *run(ehcp_report_measure m, ehcp_advice_body body, ehcp_date from, ehcp_date to, ehcp_date as_of,
                        ehcp_report_period by)
{
	ehcp_report_options o = EHCP_REPORT_OPTIONS_INIT;
	o.measure = m;
	o.body = body;
	o.from = from;
	o.to = to;
	o.as_of = as_of;
	o.by = by;
	o.cases = true;
	/* Every type, so that re-assessments are judged too; but SEN2 is a
	 * return of new plans only, and refuses any other type. */
	o.types = m == EHCP_REPORT_SEN2 ? 0
	                                 : (1u << EHCP_REQUEST_INITIAL) | (1u << EHCP_REQUEST_REASSESSMENT) |
	                                       (1u << EHCP_REQUEST_TRANSFER_IN);
	ehcp_report *r = NULL;
	if (ehcp_report_run(&r, s, &o) < 0) {
		fprintf(stderr, "report %s: %s\n", ehcp_report_measure_name(m), ehcp_error_last());
		exit(1);
	}
	return r;
}

#define CELL(r, i, col) dbtest_cell(r, i, col)

static void check_plans(ehcp_date from, ehcp_date to, ehcp_date asof, const char *ons)
{
	ehcp_report *r = run(EHCP_REPORT_PLANS, 0, from, to, asof, EHCP_PERIOD_MONTH);
	size_t want = 0;
	const ehcp_date end = to < asof ? to : asof;
	for (int i = 0; i < CASES; i++)
		want += cases[i].final != EHCP_DATE_NONE && cases[i].final >= from && cases[i].final <= end;
	expect(r->nrows == want, "plans: cases listed", "-", ons, "count differs");
	for (size_t i = 0; i < r->nrows; i++) {
		const char *ref = CELL(r, i, "case_ref");
		ehcp_case_dates a;
		ehcp_clock_as_of(&a, &cases[index_of(ref)], asof);
		char due[EHCP_DATE_ISO_LEN], detail[160];
		snprintf(detail, sizeof detail, "SQL due %s in time %s mt %s; C due %s in time %s mt %s",
		         CELL(r, i, "final_due"), CELL(r, i, "within_limit"), CELL(r, i, "mediation_or_tribunal"),
		         iso(due, ehcp_clock_final_due(&a)), yes(ehcp_clock_final_in_time(&a)),
		         yes(ehcp_clock_mediation_or_tribunal(&a)));
		expect(strcmp(CELL(r, i, "final_due"), due) == 0 &&
		           strcmp(CELL(r, i, "within_limit"), yes(ehcp_clock_final_in_time(&a))) == 0 &&
		           strcmp(CELL(r, i, "mediation_or_tribunal"), yes(ehcp_clock_mediation_or_tribunal(&a))) == 0,
		       "plans", ref, ons, detail);
	}
	ehcp_report_free(r);
}

static const char *cohort_state(const ehcp_case_dates *c, ehcp_date asof)
{
	ehcp_case_dates a;
	ehcp_clock_as_of(&a, c, asof);
	if (ehcp_clock_ended(&a))
		return "ended_without_plan";
	if (a.final != EHCP_DATE_NONE)
		return ehcp_clock_final_in_time(&a) ? "plan_within_limit" : "plan_late";
	return asof > ehcp_clock_final_due(&a) ? "open_past_deadline" : "open_within_deadline";
}

static void check_cohort(ehcp_date from, ehcp_date to, ehcp_date asof, const char *ons)
{
	ehcp_report *r = run(EHCP_REPORT_COHORT, 0, from, to, asof, EHCP_PERIOD_QUARTER);
	/* every request received in the range is listed, none twice */
	size_t want = 0;
	const ehcp_date end = to < asof ? to : asof;
	for (int i = 0; i < CASES; i++)
		want += cases[i].request >= from && cases[i].request <= end;
	expect(r->nrows == want, "cohort: cases listed", "-", ons, "count differs");
	for (size_t i = 0; i < r->nrows; i++) {
		const char *ref = CELL(r, i, "case_ref");
		const ehcp_case_dates *c = &cases[index_of(ref)];
		ehcp_case_dates a;
		ehcp_clock_as_of(&a, c, asof);
		char due[EHCP_DATE_ISO_LEN], detail[160];
		const char *want = cohort_state(c, asof);
		snprintf(detail, sizeof detail, "SQL %s due %s; C %s due %s", CELL(r, i, "state"), CELL(r, i, "final_deadline"),
		         want, iso(due, ehcp_clock_final_due(&a)));
		expect(strcmp(CELL(r, i, "state"), want) == 0 && strcmp(CELL(r, i, "final_deadline"), due) == 0, "cohort",
		       ref, ons, detail);
	}
	ehcp_report_free(r);
}

static void check_decisions(ehcp_date from, ehcp_date to, ehcp_date asof, const char *ons)
{
	ehcp_report *r = run(EHCP_REPORT_DECISIONS, 0, from, to, asof, EHCP_PERIOD_YEAR);
	size_t want = 0;
	const ehcp_date end = to < asof ? to : asof;
	for (int i = 0; i < CASES; i++) {
		const ehcp_case_dates *c = &cases[i];
		want += c->decision != EHCP_ASSESS_NONE && c->decision_date >= from && c->decision_date <= end;
		want += c->type != EHCP_REQUEST_REASSESSMENT && c->plan_decision == EHCP_PLAN_NOT_ISSUE &&
		        c->plan_decision_date >= from && c->plan_decision_date <= end;
	}
	expect(r->nrows == want, "decisions: events listed", "-", ons, "count differs");
	for (size_t i = 0; i < r->nrows; i++) {
		const char *ref = CELL(r, i, "case_ref"), *kind = CELL(r, i, "kind");
		ehcp_case_dates a;
		ehcp_clock_as_of(&a, &cases[index_of(ref)], asof);
		const char *want_kind;
		ehcp_date d, due;
		if (strcmp(kind, "not_to_issue") == 0) {
			ehcp_deadline dl[EHCP_DEADLINE_COUNT];
			ehcp_clock_deadlines(dl, &a);
			want_kind = "not_to_issue";
			d = a.plan_decision_date;
			due = dl[EHCP_DEADLINE_NOT_ISSUE].due;
		} else {
			want_kind = a.type == EHCP_REQUEST_REASSESSMENT ? "whether_to_reassess" : "whether_to_assess";
			d = a.decision_date;
			due = ehcp_clock_decision_due(&a);
		}
		char dues[EHCP_DATE_ISO_LEN], ds[EHCP_DATE_ISO_LEN], detail[200];
		snprintf(detail, sizeof detail, "SQL %s %s due %s in time %s; C %s %s due %s in time %s", kind,
		         CELL(r, i, "decision_date"), CELL(r, i, "due"), CELL(r, i, "within_limit"), want_kind, iso(ds, d),
		         iso(dues, due), yes(d <= due));
		expect(strcmp(kind, want_kind) == 0 && strcmp(CELL(r, i, "decision_date"), ds) == 0 &&
		           strcmp(CELL(r, i, "due"), dues) == 0 && strcmp(CELL(r, i, "within_limit"), yes(d <= due)) == 0,
		       "decisions", ref, ons, detail);
	}
	ehcp_report_free(r);
}

/* Finished on `at`, as the C clock sees it. */
static bool finished(const ehcp_case_dates *c, ehcp_date at)
{
	ehcp_case_dates a;
	ehcp_clock_as_of(&a, c, at);
	return a.final != EHCP_DATE_NONE || ehcp_clock_ended(&a);
}

static void check_advice(ehcp_advice_body body, ehcp_date from, ehcp_date to, ehcp_date asof, const char *ons)
{
	ehcp_report *r = run(EHCP_REPORT_ADVICE, body, from, to, asof, EHCP_PERIOD_YEAR);
	const ehcp_date end = to < asof ? to : asof;
	size_t outstanding = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		const char *ref = CELL(r, i, "case_ref");
		const ehcp_case_dates *c = &cases[index_of(ref)];
		ehcp_case_dates a;
		ehcp_clock_as_of(&a, c, asof);
		ehcp_deadline dl[EHCP_DEADLINE_COUNT];
		ehcp_clock_deadlines(dl, &a);
		const ehcp_deadline *d = &dl[EHCP_DEADLINE_HEALTH_ADVICE + body];
		char detail[160];
		if (strcmp(CELL(r, i, "kind"), "returned") == 0) {
			snprintf(detail, sizeof detail, "returned: SQL in time %s, C %s", CELL(r, i, "within_limit"),
			         yes(d->met <= d->due));
			expect(d->met != EHCP_DATE_NONE && strcmp(CELL(r, i, "within_limit"), yes(d->met <= d->due)) == 0,
			       "advice", ref, ons, detail);
		} else {
			outstanding++;
			/* outstanding at the end of the range (cut at as-of): the total row */
			const ehcp_date at = end;
			ehcp_case_dates b;
			ehcp_clock_as_of(&b, c, at);
			const ehcp_advice *x = &b.advice[body];
			bool want = x->requested != EHCP_DATE_NONE && !ehcp_clock_within(x->requested, at, EHCP_DAYS_ADVICE) &&
			            x->received == EHCP_DATE_NONE && !finished(c, at);
			snprintf(detail, sizeof detail, "listed outstanding on %s but the C clock says not", CELL(r, i, "period"));
			expect(strcmp(CELL(r, i, "period"), "total") != 0 || want, "advice", ref, ons, detail);
		}
	}
	/* and every case the C clock finds outstanding at the end is listed */
	size_t want = 0;
	for (int i = 0; i < CASES; i++) {
		ehcp_case_dates b;
		ehcp_clock_as_of(&b, &cases[i], end);
		const ehcp_advice *x = &b.advice[body];
		want += x->requested != EHCP_DATE_NONE && !ehcp_clock_within(x->requested, end, EHCP_DAYS_ADVICE) &&
		        x->received == EHCP_DATE_NONE && !finished(&cases[i], end);
	}
	size_t total = 0, returned = 0, want_returned = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		total += strcmp(CELL(r, i, "kind"), "returned") != 0 && strcmp(CELL(r, i, "period"), "total") == 0;
		returned += strcmp(CELL(r, i, "kind"), "returned") == 0;
	}
	expect(total == want, "advice: outstanding at the end", "-", ons, "count differs");
	/* and every advice received in the range is listed as returned */
	for (int i = 0; i < CASES; i++) {
		const ehcp_advice *x = &cases[i].advice[body];
		want_returned += x->received != EHCP_DATE_NONE && x->received >= from && x->received <= end;
	}
	expect(returned == want_returned, "advice: returned listed", "-", ons, "count differs");
	(void)outstanding;
	ehcp_report_free(r);
}

/* How many cases are open and past their due date on `at`, by the C clock. */
static size_t late_on(ehcp_date at)
{
	size_t n = 0;
	for (int i = 0; i < CASES; i++) {
		ehcp_case_dates a;
		ehcp_clock_as_of(&a, &cases[i], at);
		n += cases[i].request <= at && !finished(&cases[i], at) && ehcp_clock_final_due(&a) < at;
	}
	return n;
}

static void check_backlog(ehcp_date from, ehcp_date to, ehcp_date asof, const char *ons)
{
	ehcp_report *r = run(EHCP_REPORT_BACKLOG, 0, from, to, asof, EHCP_PERIOD_QUARTER);
	/* the as-of day's rows: exactly the open cases past their due date */
	size_t listed = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		const char *ref = CELL(r, i, "case_ref");
		ehcp_date seen = spec_date(CELL(r, i, "seen_on"));
		const ehcp_case_dates *c = &cases[index_of(ref)];
		ehcp_case_dates a;
		ehcp_clock_as_of(&a, c, seen);
		ehcp_date due = ehcp_clock_final_due(&a);
		char dues[EHCP_DATE_ISO_LEN], detail[160];
		snprintf(detail, sizeof detail, "SQL due %s past %s; C due %s past %d, finished %s", CELL(r, i, "final_deadline"),
		         CELL(r, i, "days_past"), iso(dues, due), seen - due, yes(finished(c, seen)));
		expect(!finished(c, seen) && c->request <= seen && due < seen && strcmp(CELL(r, i, "final_deadline"), dues) == 0 &&
		           atoi(CELL(r, i, "days_past")) == seen - due,
		       "backlog", ref, ons, detail);
		listed += seen == asof && strchr(CELL(r, i, "period"), 'Q') == NULL;
	}
	size_t want = late_on(asof);
	expect(listed == want, "backlog: open past due on the as-of day", "-", ons, "count differs");
	/* and none missing on any day seen: each quarter's end (cut at the
	 * as-of day), then the as-of day */
	int y, m, d;
	ehcp_date_to_ymd(from, &y, &m, &d);
	size_t all = want;
	for (int q = 0;; q++) {
		int qy = y + (m - 1 + 3 * q) / 12, qm = (m - 1 + 3 * q) % 12 + 1;
		ehcp_date start = ehcp_date_from_ymd_unchecked(qy, qm, 1);
		if (start > to)
			break;
		ehcp_date end = ehcp_date_from_ymd_unchecked(qy + (qm + 2) / 12, (qm + 2) % 12 + 1, 1) - 1;
		all += late_on(end < asof ? end : asof);
	}
	expect(r->nrows == all, "backlog: every case late on every day seen", "-", ons, "count differs");
	ehcp_report_free(r);
}

static void check_sen2(int year, ehcp_date asof, const char *ons)
{
	char y0[24], y1[24];
	snprintf(y0, sizeof y0, "%d-01-01", year);
	snprintf(y1, sizeof y1, "%d-12-31", year);
	ehcp_report *r = run(EHCP_REPORT_SEN2, 0, spec_date(y0), spec_date(y1), asof, EHCP_PERIOD_YEAR);
	/* every new-plan request with a milestone in the year (cut at the as-of
	 * day) is listed, none twice */
	const ehcp_date from = spec_date(y0), end = spec_date(y1) < asof ? spec_date(y1) : asof;
	size_t want = 0;
	for (int i = 0; i < CASES; i++) {
		const ehcp_case_dates *c = &cases[i];
		const ehcp_date d[4] = {c->request, c->decision_date, c->plan_decision_date, c->final};
		bool in = false;
		for (int k = 0; k < 4; k++)
			in = in || (d[k] != EHCP_DATE_NONE && d[k] >= from && d[k] <= end);
		want += in && c->type != EHCP_REQUEST_REASSESSMENT;
	}
	expect(r->nrows == want, "sen2: cases listed", "-", ons, "count differs");
	for (size_t i = 0; i < r->nrows; i++) {
		const char *ref = CELL(r, i, "case_ref");
		ehcp_case_dates a;
		ehcp_clock_as_of(&a, &cases[index_of(ref)], asof);
		char detail[200];
		bool issued = strcmp(CELL(r, i, "issued"), "t") == 0;
		bool decided = strcmp(CELL(r, i, "decided"), "t") == 0;
		snprintf(detail, sizeof detail, "SQL in time %s mt %s decided in time %s", CELL(r, i, "within_limit"),
		         CELL(r, i, "mediation_or_tribunal"), CELL(r, i, "decided_in_time"));
		expect((!issued || (strcmp(CELL(r, i, "within_limit"), yes(ehcp_clock_final_in_time(&a))) == 0 &&
		                    strcmp(CELL(r, i, "mediation_or_tribunal"), yes(ehcp_clock_mediation_or_tribunal(&a))) == 0)) &&
		           (!decided || strcmp(CELL(r, i, "decided_in_time"),
		                               yes(a.decision_date <= ehcp_clock_decision_due(&a))) == 0),
		       "sen2", ref, ons, detail);
	}
	ehcp_report_free(r);
}

/* The case list's SQL filter ("open on the day") against the C clock. */
static void check_open(ehcp_date on, const char *ons)
{
	const char *params[1] = {ons};
	PGresult *res = PQexecParams(ehcp_store_conn(s),
	                             "SELECT case_ref FROM ehcp_request WHERE request_date <= $1::date AND NOT "
	                             "ehcp_finished_on(final_plan_date, closed_date, assessment_decision, "
	                             "assessment_decision_date, plan_decision, plan_decision_date, tribunal_outcome, "
	                             "tribunal_outcome_date, $1::date) ORDER BY case_ref",
	                             1, NULL, params, NULL, NULL, 0);
	CHECK_INT(PQresultStatus(res), PGRES_TUPLES_OK);
	int k = 0;
	for (int i = 0; i < CASES; i++) {
		bool open = cases[i].request <= on && !finished(&cases[i], on);
		bool listed = k < PQntuples(res) && index_of(PQgetvalue(res, k, 0)) == i;
		k += listed;
		char ref[16];
		snprintf(ref, sizeof ref, "S%06d", i);
		expect(open == listed, "open on a day", ref, ons, open ? "open, not selected" : "selected, not open");
	}
	PQclear(res);
}

/* Finished for good on `at`, as the C clock sees it: finished, and no
 * tribunal order still to come that could reopen it. */
static bool finished_for_good(const ehcp_case_dates *c, ehcp_date at)
{
	return finished(c, at) && (c->tribunal_outcome_date == EHCP_DATE_NONE || c->tribunal_outcome_date <= at);
}

/* ehcp_finished_for_good_from (the backlog's index) against the C clock:
 * finished for good on that day and every day after, and not the day
 * before; 'infinity' when on no day yet.  Days from the request to five
 * years on, the day itself and each side of it. */
static void check_finished_for_good_from(void)
{
	PGresult *res = PQexecParams(ehcp_store_conn(s),
	                             "SELECT case_ref, ehcp_finished_for_good_from(final_plan_date, closed_date, "
	                             "assessment_decision, assessment_decision_date, plan_decision, plan_decision_date, "
	                             "tribunal_outcome, tribunal_outcome_date) FROM ehcp_request ORDER BY case_ref",
	                             0, NULL, NULL, NULL, NULL, 0);
	CHECK_INT(PQresultStatus(res), PGRES_TUPLES_OK);
	CHECK_INT(PQntuples(res), CASES);
	long never = 0;
	for (int k = 0; k < PQntuples(res); k++) {
		const char *ref = PQgetvalue(res, k, 0), *v = PQgetvalue(res, k, 1);
		const ehcp_case_dates *c = &cases[index_of(ref)];
		bool infinite = strcmp(v, "infinity") == 0;
		ehcp_date from = infinite ? EHCP_DATE_NONE : spec_date(v);
		never += infinite;
		bool ok = infinite || (finished_for_good(c, from) && !finished_for_good(c, from - 1));
		for (int d = 0; ok && d <= 5 * 366; d += 7 + rnd(30)) {
			ehcp_date at = c->request + d;
			ok = finished_for_good(c, at) == (!infinite && at >= from);
		}
		expect(ok, "finished for good from", ref, v, "differs from the C clock");
	}
	/* both kinds are there to compare */
	CHECK(never > 1000 && never < CASES - 1000);
	PQclear(res);
}

static void check_limits(void)
{
	PGconn *c = ehcp_store_conn(s);
	char sql[128];
#define LIMIT(NAME, name, days, rule, what)                                                        \
	snprintf(sql, sizeof sql, "SELECT ehcp_days_%s()", #name);                                 \
	CHECK_INT(atoi(dbtest_value(c, sql)), EHCP_DAYS_##NAME);
	EHCP_RULE_LIMITS(LIMIT)
#undef LIMIT
	char want[EHCP_DATE_ISO_LEN];
	CHECK_STR(dbtest_value(c, "SELECT ehcp_coronavirus_from()"),
	          ehcp_date_format_iso(want, ehcp_date_from_ymd_unchecked(EHCP_RULE_CORONAVIRUS_FROM)));
	CHECK_STR(dbtest_value(c, "SELECT ehcp_coronavirus_to()"),
	          ehcp_date_format_iso(want, ehcp_date_from_ymd_unchecked(EHCP_RULE_CORONAVIRUS_TO)));
}

/* ---- 4. the review clock ---- */

#define PLANS 20000
#define PLAN_REVIEWS 6
#define PLAN_ONS 4

typedef struct gen_plan {
	ehcp_plan_dates p;
	ehcp_review_dates r[PLAN_REVIEWS];
	size_t n;
	ehcp_date on[PLAN_ONS];
} gen_plan;

static gen_plan plans[PLANS];

static ehcp_date some_day(int from_year, int years)
{
	return ehcp_date_from_ymd_unchecked(from_year, 1, 1) + rnd(years * 365);
}

/* A birthday on an edge of the school year or a leap day, now and then. */
static ehcp_date some_birth(ehcp_date before)
{
	int y, m, d;
	ehcp_date_to_ymd(before - 365 - rnd(22 * 365), &y, &m, &d);
	switch (rnd(8)) {
	case 0: return ehcp_date_from_ymd_unchecked(y, 8, 31);
	case 1: return ehcp_date_from_ymd_unchecked(y, 9, 1);
	case 2: return ehcp_date_from_ymd_unchecked(y - y % 4, 2, 29); /* 2000 is a leap year */
	default: return ehcp_date_from_ymd_unchecked(y, m, d);
	}
}

static void generate_plan(gen_plan *g)
{
	memset(g, 0, sizeof *g);
	ehcp_plan_dates p = EHCP_PLAN_DATES_INIT;
	p.start = rnd(10) == 0 ? ehcp_date_from_ymd_unchecked(2012 + 4 * rnd(4), 2, 29) : some_day(2010, 14);
	if (rnd(100) < 85) {
		p.date_of_birth = some_birth(p.start);
		if (p.date_of_birth > p.start)
			p.date_of_birth = p.start;
		int o = rnd(10);
		p.year_offset = o == 0 ? -1 : o == 1 ? 1 : 0;
	}
	if (rnd(100) < 25)
		p.transferred_in = p.start + rnd(2500);
	if (rnd(100) < 15) {
		p.local_transfer = (p.date_of_birth != EHCP_DATE_NONE ? p.date_of_birth : p.start) + 1 + rnd(20 * 365);
		p.local_post16 = rnd(2);
	}
	ehcp_date last = p.transferred_in != EHCP_DATE_NONE ? p.transferred_in : p.start;
	if (rnd(100) < 15)
		p.ceased = last + rnd(3000);
	g->p = p;
	ehcp_date m = p.start;
	size_t n = (size_t)rnd(PLAN_REVIEWS + 1);
	for (size_t i = 0; i < n; i++) {
		m += 150 + rnd(400);
		if (p.ceased != EHCP_DATE_NONE && m > p.ceased)
			break;
		ehcp_review_dates r = EHCP_REVIEW_DATES_INIT;
		r.meeting = m;
		if (rnd(100) < 80) {
			int d = rnd(10);
			r.decision = d < 5 ? EHCP_REVIEW_MAINTAIN : d < 9 ? EHCP_REVIEW_AMEND : EHCP_REVIEW_CEASE;
			r.decision_date = m + rnd(60);
			if (r.decision == EHCP_REVIEW_AMEND && rnd(100) < 70)
				r.amended = r.decision_date + rnd(120);
		}
		g->r[g->n++] = r;
	}
	/* a transfer on the day of a meeting: reg 15 only after the anchor */
	if (g->p.transferred_in != EHCP_DATE_NONE && g->n && rnd(4) == 0)
		g->p.transferred_in = g->r[rnd((int)g->n)].meeting;
	for (int k = 0; k < PLAN_ONS; k++)
		g->on[k] = k == 0 && g->n ? g->r[rnd((int)g->n)].meeting : p.start + rnd(5000);
}

static void iso_or_empty(char *buf, ehcp_date d)
{
	if (d == EHCP_DATE_NONE)
		buf[0] = '\0';
	else
		ehcp_date_format_iso(buf, d);
}

static const char *sql_date(char *buf, ehcp_date d)
{
	if (d == EHCP_DATE_NONE)
		return "NULL";
	char iso_[EHCP_DATE_ISO_LEN];
	snprintf(buf, 16, "'%s'", ehcp_date_format_iso(iso_, d));
	return buf;
}

static void exec_buf(PGconn *c, FILE **f, char **buf, size_t *len)
{
	fclose(*f);
	dbtest_exec(c, *buf);
	free(*buf);
	*f = open_memstream(buf, len);
}

static void check_review_clock(void)
{
	PGconn *c = ehcp_store_conn(s);
	/* every day of 43 years, leap days and all */
	{
		const ehcp_date a = spec_date("1999-01-01"), b = spec_date("2041-12-31");
		char *want = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&want, &len);
		for (ehcp_date d = a; d <= b; d++) {
			char x[EHCP_DATE_ISO_LEN];
			fprintf(f, "%s%s", d > a ? "," : "", ehcp_date_format_iso(x, ehcp_review_year_end(d)));
		}
		fclose(f);
		PGresult *res = PQexecParams(c,
		                             "SELECT string_agg(ehcp_review_year_end(d::date)::text, ',' ORDER BY d) = $1"
		                             " FROM generate_series('1999-01-01'::date, '2041-12-31', '1 day') d",
		                             1, NULL, (const char *const *)&want, NULL, NULL, 0);
		CHECK_INT(PQresultStatus(res), PGRES_TUPLES_OK);
		compared++;
		if (strcmp(PQgetvalue(res, 0, 0), "t") != 0 && mismatches++ < 10)
			fprintf(stderr, "review year end: SQL and C differ over 1999-2041\n");
		PQclear(res);
		free(want);
	}

	dbtest_exec(c, "CREATE TEMP TABLE gp (i int PRIMARY KEY, start date, t date, dob date, off int, local date,"
	               " post16 boolean, ceased date)");
	dbtest_exec(c, "CREATE TEMP TABLE gr (i int, meeting date, decision text, decision_date date, amended date)");
	dbtest_exec(c, "CREATE TEMP TABLE gon (i int, k int, on_date date)");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	long edges[4] = {0};
	for (int i = 0; i < PLANS; i++) {
		gen_plan *g = &plans[i];
		generate_plan(g);
		char b[8][16];
		if (i % 2000 == 0) {
			if (i)
				exec_buf(c, &f, &buf, &len);
			fputs("INSERT INTO gp VALUES ", f);
		}
		fprintf(f, "%s(%d,%s,%s,%s,%d,%s,%s,%s)", i % 2000 ? "," : "", i, sql_date(b[0], g->p.start),
		        sql_date(b[1], g->p.transferred_in), sql_date(b[2], g->p.date_of_birth), g->p.year_offset,
		        sql_date(b[3], g->p.local_transfer), g->p.local_post16 ? "true" : "false",
		        sql_date(b[4], g->p.ceased));
		int y, m, d;
		if (g->p.date_of_birth != EHCP_DATE_NONE) {
			ehcp_date_to_ymd(g->p.date_of_birth, &y, &m, &d);
			edges[0] += m == 2 && d == 29;
			edges[1] += (m == 8 && d == 31) || (m == 9 && d == 1);
			edges[2] += g->p.year_offset != 0;
		}
		edges[3] += g->p.transferred_in != EHCP_DATE_NONE;
	}
	exec_buf(c, &f, &buf, &len);
	for (int k = 0; k < 4; k++)
		CHECK(edges[k] > 500);
	int rows = 0;
	for (int i = 0; i < PLANS; i++) {
		gen_plan *g = &plans[i];
		for (size_t j = 0; j < g->n; j++) {
			char b[4][16];
			const ehcp_review_dates *r = &g->r[j];
			fprintf(f, "%s(%d,%s,%s%s%s,%s,%s)", rows++ % 2000 ? "," : "INSERT INTO gr VALUES ", i,
			        sql_date(b[0], r->meeting), r->decision ? "'" : "",
			        r->decision ? ehcp_review_decision_name(r->decision) : "NULL", r->decision ? "'" : "",
			        sql_date(b[1], r->decision_date), sql_date(b[2], r->amended));
			if (rows % 2000 == 0)
				exec_buf(c, &f, &buf, &len);
		}
	}
	if (rows % 2000)
		exec_buf(c, &f, &buf, &len);
	for (int i = 0; i < PLANS; i++) {
		char b[16];
		fputs(i % 2000 ? "," : "INSERT INTO gon VALUES ", f);
		for (int k = 0; k < PLAN_ONS; k++)
			fprintf(f, "%s(%d,%d,%s)", k ? "," : "", i, k, sql_date(b, plans[i].on[k]));
		if ((i + 1) % 2000 == 0)
			exec_buf(c, &f, &buf, &len);
	}
	fclose(f);
	free(buf);
	dbtest_exec(c, "CREATE INDEX ON gr (i, meeting)");
	dbtest_exec(c, "ANALYZE gp, gr, gon");

	/* Each plan on each of its days: the SQL clock's answers, as text. */
	PGresult *res = PQexec(
	    c, "SELECT o.i, o.k, ehcp_review_year_end(p.start), ehcp_review_nc_year(p.dob, p.off, o.on_date),"
	       "  x.tr, x.kind, x.dl,"
	       "  ehcp_review_next_due(p.start, p.t, p.ceased,"
	       "    (SELECT max(r.meeting) FROM gr r WHERE r.i = p.i AND r.meeting <= o.on_date), o.on_date),"
	       "  (SELECT bool_or(ehcp_review_transfer_met(x.tr, x.dl, r.amended, r.decision, r.decision_date))"
	       "     FROM gr r WHERE r.i = p.i)"
	       " FROM gon o JOIN gp p ON p.i = o.i"
	       " CROSS JOIN LATERAL (SELECT ehcp_next_transfer(p.dob, p.off, p.local, o.on_date) AS tr,"
	       "   ehcp_next_transfer_kind(p.dob, p.off, p.local, o.on_date) AS kind) x0"
	       " CROSS JOIN LATERAL (SELECT x0.tr, x0.kind, CASE WHEN x0.kind = 'local'"
	       "   THEN ehcp_local_transfer_deadline(x0.tr, p.post16, p.dob, p.off)"
	       "   ELSE ehcp_transfer_deadline(x0.tr, x0.kind = 'post16') END AS dl) x"
	       " ORDER BY o.i, o.k");
	CHECK_INT(PQresultStatus(res), PGRES_TUPLES_OK);
	CHECK_INT(PQntuples(res), PLANS * PLAN_ONS);
	long transfers = 0, reg15 = 0, moves = 0;
	for (int row = 0; row < PQntuples(res); row++) {
		const int i = atoi(PQgetvalue(res, row, 0)), k = atoi(PQgetvalue(res, row, 1));
		const gen_plan *g = &plans[i];
		const ehcp_date on = g->on[k];
		char want[6][EHCP_DATE_ISO_LEN + 8], ref[16], ons[EHCP_DATE_ISO_LEN];
		snprintf(ref, sizeof ref, "plan %d", i);
		ehcp_date_format_iso(ons, on);
		ehcp_date_format_iso(want[0], ehcp_review_year_end(g->p.start));
		if (g->p.date_of_birth != EHCP_DATE_NONE)
			snprintf(want[1], sizeof want[1], "%d", ehcp_review_nc_year(g->p.date_of_birth, g->p.year_offset, on));
		else
			want[1][0] = '\0';
		ehcp_phase_transfer t;
		ehcp_review_next_transfer(&t, &g->p, on);
		iso_or_empty(want[2], t.transfer);
		snprintf(want[3], sizeof want[3], "%s", ehcp_transfer_kind_name(t.kind));
		iso_or_empty(want[4], t.deadline);
		const ehcp_date due = ehcp_review_next_due(&g->p, g->r, g->n, on);
		iso_or_empty(want[5], due);
		const char *met = t.kind == EHCP_TRANSFER_NONE || g->n == 0
		                      ? (g->n == 0 ? "" : "f")
		                      : yes(ehcp_review_transfer_met(&t, g->r, g->n, NULL));
		transfers += t.kind != EHCP_TRANSFER_NONE;
		/* moves between post-16 institutions (the 5 months) among them */
		if (t.kind == EHCP_TRANSFER_LOCAL && g->p.local_post16) {
			int ty, tm, td;
			ehcp_date_to_ymd(t.transfer, &ty, &tm, &td);
			moves += t.deadline != ehcp_date_from_ymd_unchecked(ty, 3, 30);
		}
		reg15 += g->p.transferred_in != EHCP_DATE_NONE && due != EHCP_DATE_NONE &&
		         due != ehcp_review_year_end(g->p.start) && g->n == 0;
		static const char *const what[] = {"year end", "nc year", "next transfer", "transfer kind",
		                                   "transfer deadline", "next review due"};
		for (int col = 0; col < 6; col++) {
			char detail[320];
			snprintf(detail, sizeof detail, "%s: SQL '%s', C '%s'", what[col], PQgetvalue(res, row, col + 2), want[col]);
			expect(strcmp(PQgetvalue(res, row, col + 2), want[col]) == 0, "review clock", ref, ons, detail);
		}
		char detail[96];
		snprintf(detail, sizeof detail, "transfer met: SQL '%s', C '%s'", PQgetvalue(res, row, 8), met);
		expect(strcmp(PQgetvalue(res, row, 8), met) == 0, "review clock", ref, ons, detail);
	}
	PQclear(res);
	printf("review clock: %d plans on %d days each; %ld with a transfer ahead (%ld between post-16 institutions),"
	       " %ld due by reg 15\n", PLANS, PLAN_ONS, transfers, moves, reg15);
	CHECK(transfers > 10000);
	CHECK(moves > 100);
	CHECK(reg15 > 100);
}

int main(void)
{
	s = dbtest_store("rules", NULL);
	check_limits();
	check_review_clock();
	if (getenv("EHCP_TEST_REVIEW_ONLY")) {
		printf("%ld review judgements compared, %ld differ\n", compared, mismatches);
		CHECK_INT(mismatches, 0);
		ehcp_store_free(s);
		dbtest_drop();
		return harness_finish("test_rules");
	}

	char *csv = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&csv, &len);
	ehcp_case *row;
	CHECK_INT(ehcp_case_new(&row), 0);
	for (int i = 0; ehcp_case_fields[i] && i < EHCP_CASE_CSV_FIELDS; i++)
		fprintf(f, "%s%s", i ? "," : "", ehcp_case_fields[i]);
	fputc('\n', f);
	long kinds[8] = {0};
	for (int i = 0; i < CASES; i++) {
		generate(&cases[i]);
		row->dates = cases[i];
		snprintf(row->case_ref, sizeof row->case_ref, "S%06d", i);
		char buf[EHCP_FIELD_TEXT_MAX];
		for (int k = 0; k < EHCP_CASE_CSV_FIELDS; k++)
			fprintf(f, "%s%s", k ? "," : "", ehcp_case_get_field(row, ehcp_case_fields[k], buf));
		fputc('\n', f);
		const ehcp_case_dates *c = &cases[i];
		kinds[0] += c->type == EHCP_REQUEST_REASSESSMENT;
		kinds[1] += c->mediation != EHCP_DATE_NONE;
		kinds[2] += ehcp_clock_overturn(c) == EHCP_TRIBUNAL_ASSESS;
		kinds[3] += ehcp_clock_overturn(c) == EHCP_TRIBUNAL_ISSUE;
		kinds[4] += c->exception == EHCP_EXCEPTION_CORONAVIRUS;
		kinds[5] += c->final == EHCP_DATE_NONE && !ehcp_clock_ended(c);
		kinds[6] += c->tribunal_outcome == EHCP_TRIBUNAL_ASSESS && c->final != EHCP_DATE_NONE;
	}
	ehcp_case_free(row);
	fclose(f);
	/* the generator reaches every kind of case this test is for */
	for (int k = 0; k < 7; k++)
		CHECK(kinds[k] > 100);
	printf("re-assessments %ld, mediation %ld, orders to assess %ld, to issue %ld, coronavirus %ld, open %ld\n",
	       kinds[0], kinds[1], kinds[2], kinds[3], kinds[4], kinds[5]);

	FILE *in = fmemopen(csv, len, "r");
	ehcp_import_options io = EHCP_IMPORT_OPTIONS_INIT;
	io.today = spec_date("2030-01-01");
	ehcp_import_result ir;
	if (ehcp_tracker_import(&ir, s, in, &io) < 0)
		fprintf(stderr, "%.2000s\n", ehcp_error_last());
	fclose(in);
	free(csv);
	CHECK_INT(ir.created, CASES);

	static const char *const asofs[] = {"2020-06-30", "2021-12-31", "2023-03-15", "2026-01-01"};
	for (size_t k = 0; k < sizeof asofs / sizeof asofs[0]; k++) {
		const ehcp_date asof = spec_date(asofs[k]);
		int y, m, d;
		ehcp_date_to_ymd(asof, &y, &m, &d);
		const ehcp_date from = ehcp_date_from_ymd_unchecked(y - 1, 1, 1), to = ehcp_date_from_ymd_unchecked(y, 12, 31);
		check_plans(from, to, asof, asofs[k]);
		check_cohort(from, to, asof, asofs[k]);
		check_decisions(from, to, asof, asofs[k]);
		for (int b = 0; b < EHCP_ADVICE_COUNT; b++)
			check_advice((ehcp_advice_body)b, from, to, asof, asofs[k]);
		check_backlog(from, asof, asof, asofs[k]);
		check_sen2(y - 1, asof, asofs[k]);
		check_open(asof, asofs[k]);
	}
	check_finished_for_good_from();
	printf("%ld per-case judgements compared, %ld differ\n", compared, mismatches);
	CHECK_INT(mismatches, 0);
	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_rules");
}
