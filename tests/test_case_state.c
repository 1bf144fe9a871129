/*
 * The SQL clock (ehcp_case_state, migration 0002) agrees with the C clock
 * on status, stage, elapsed days and the deadline shown, over 20,000
 * generated cases each seen on 16 dates with varying "nearing" thresholds.
 */
#include "clock_spec.h"
#include "dbtest.h"

#define CASES 20000
#define DATES 16

static uint64_t rng = 0x2545F4914F6CDD1Dull;
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

static void generate(ehcp_case_dates *c)
{
	for (;;) {
		ehcp_case_dates x = EHCP_CASE_DATES_INIT;
		x.type = (ehcp_request_type)(rnd(10) < 8 ? 0 : 1 + rnd(2));
		x.request = spec_date("2019-01-01") + rnd(900);
		if (rnd(100) < 85) {
			x.decision_date = x.request + rnd(80);
			x.decision = rnd(5) ? EHCP_ASSESS_ASSESS : EHCP_ASSESS_REFUSE;
		}
		if (x.decision == EHCP_ASSESS_ASSESS) {
			for (int b = 0; b < EHCP_ADVICE_COUNT; b++) {
				x.advice[b].requested = after(x.decision_date, 10, 75);
				x.advice[b].received = after(x.advice[b].requested, 90, 70);
			}
			if (rnd(100) < 70) {
				x.plan_decision_date = x.decision_date + rnd(100);
				x.plan_decision = rnd(8) ? EHCP_PLAN_ISSUE : EHCP_PLAN_NOT_ISSUE;
			}
			if (x.plan_decision != EHCP_PLAN_NOT_ISSUE) {
				ehcp_date from = x.plan_decision != EHCP_PLAN_NONE ? x.plan_decision_date : x.decision_date;
				x.draft = after(from, 40, 70);
				x.final = after(x.draft, 80, 70);
			}
		}
		if (x.final == EHCP_DATE_NONE && x.decision != EHCP_ASSESS_REFUSE && x.plan_decision != EHCP_PLAN_NOT_ISSUE &&
		    rnd(100) < 8) {
			x.closed = x.request + rnd(200);
			x.closed_reason = EHCP_CLOSED_WITHDRAWN;
		}
		if (rnd(100) < 10)
			x.exception = EHCP_EXCEPTION_ABSENT_FROM_AREA;
		ehcp_problem p[1];
		if (ehcp_clock_check(p, 1, &x, EHCP_DATE_NONE) == 0) {
			*c = x;
			return;
		}
	}
}

int main(void)
{
	ehcp_store *s = dbtest_store("case_state", NULL);
	static ehcp_case_dates cases[CASES];
	char *csv = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&csv, &len);
	fputs("case_ref,request_type,request_date,assessment_decision,assessment_decision_date,"
	      "health_advice_requested,health_advice_received,social_care_advice_requested,social_care_advice_received,"
	      "ep_advice_requested,ep_advice_received,plan_decision,plan_decision_date,draft_plan_date,final_plan_date,"
	      "exception,closed_date,closed_reason\n", f);
	for (int i = 0; i < CASES; i++) {
		generate(&cases[i]);
		const ehcp_case_dates *c = &cases[i];
		char d[16][EHCP_DATE_ISO_LEN];
		fprintf(f, "S%06d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", i, ehcp_request_type_name(c->type),
		        ehcp_date_format_iso(d[0], c->request), ehcp_assess_decision_name(c->decision),
		        ehcp_date_format_iso(d[1], c->decision_date), ehcp_date_format_iso(d[2], c->advice[0].requested),
		        ehcp_date_format_iso(d[3], c->advice[0].received), ehcp_date_format_iso(d[4], c->advice[1].requested),
		        ehcp_date_format_iso(d[5], c->advice[1].received), ehcp_date_format_iso(d[6], c->advice[2].requested),
		        ehcp_date_format_iso(d[7], c->advice[2].received), ehcp_plan_decision_name(c->plan_decision),
		        ehcp_date_format_iso(d[8], c->plan_decision_date), ehcp_date_format_iso(d[9], c->draft),
		        ehcp_date_format_iso(d[10], c->final), ehcp_exception_name(c->exception),
		        ehcp_date_format_iso(d[11], c->closed), ehcp_closed_reason_name(c->closed_reason));
	}
	fclose(f);
	FILE *in = fmemopen(csv, len, "r");
	ehcp_import_options io = EHCP_IMPORT_OPTIONS_INIT;
	io.today = spec_date("2030-01-01");
	ehcp_import_result ir;
	CHECK_INT(ehcp_tracker_import(&ir, s, in, &io), 0);
	fclose(in);
	free(csv);
	if (ir.created != CASES)
		fprintf(stderr, "%s\n", ehcp_error_last());

	long compared = 0, mismatches = 0;
	for (int k = 0; k < DATES; k++) {
		ehcp_date on = spec_date("2019-01-01") + k * 73 + rnd(30);
		int nearing = rnd(30);
		char ons[EHCP_DATE_ISO_LEN], near[8];
		ehcp_date_format_iso(ons, on);
		snprintf(near, sizeof near, "%d", nearing);
		const char *params[2] = {ons, near};
		PGresult *res = PQexecParams(ehcp_store_conn(s),
		                             "SELECT v.status, v.stage, v.elapsed_days, coalesce(v.due_kind, ''), "
		                             "coalesce(v.due_date::text, ''), coalesce(v.days_left::text, ''), v.exception "
		                             "FROM ehcp_request r CROSS JOIN LATERAL ehcp_case_state(r, $1::date, $2::int) v "
		                             "ORDER BY r.case_ref",
		                             2, NULL, params, NULL, NULL, 0);
		CHECK_INT(PQresultStatus(res), PGRES_TUPLES_OK);
		CHECK_INT(PQntuples(res), CASES);
		for (int i = 0; i < PQntuples(res) && i < CASES; i++) {
			ehcp_clock_view v;
			ehcp_clock_view_on(&v, &cases[i], on, nearing);
			bool open = v.status == EHCP_STATUS_OVERDUE || v.status == EHCP_STATUS_NEARING || v.status == EHCP_STATUS_ON_TRACK;
			ehcp_deadline_kind kind = v.late != EHCP_DEADLINE_COUNT ? v.late : v.next;
			ehcp_date due = v.late != EHCP_DEADLINE_COUNT ? v.late_due : v.next_due;
			char dues[EHCP_DATE_ISO_LEN], left[16] = "";
			if (open && due != EHCP_DATE_NONE)
				snprintf(left, sizeof left, "%d", due - on);
			bool ok = strcmp(PQgetvalue(res, i, 0), ehcp_status_name(v.status)) == 0 &&
			          strcmp(PQgetvalue(res, i, 1), ehcp_stage_name(ehcp_clock_stage(&cases[i], on))) == 0 &&
			          atoi(PQgetvalue(res, i, 2)) == v.elapsed_days &&
			          strcmp(PQgetvalue(res, i, 3), open && kind != EHCP_DEADLINE_COUNT ? ehcp_deadline_name(kind) : "") == 0 &&
			          strcmp(PQgetvalue(res, i, 4), open ? ehcp_date_format_iso(dues, due) : "") == 0 &&
			          strcmp(PQgetvalue(res, i, 5), left) == 0 &&
			          (PQgetvalue(res, i, 6)[0] == 't') == v.exception;
			compared++;
			if (!ok && mismatches++ < 5)
				fprintf(stderr, "S%06d on %s: SQL %s/%s/%s/%s/%s, C %s/%s/%s/%s\n", i, ons, PQgetvalue(res, i, 0),
				        PQgetvalue(res, i, 1), PQgetvalue(res, i, 3), PQgetvalue(res, i, 4), PQgetvalue(res, i, 5),
				        ehcp_status_name(v.status), ehcp_stage_name(ehcp_clock_stage(&cases[i], on)),
				        open && kind != EHCP_DEADLINE_COUNT ? ehcp_deadline_name(kind) : "", open ? dues : "");
		}
		PQclear(res);
	}
	CHECK_INT(mismatches, 0);
	printf("%ld case-days compared\n", compared);
	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_case_state");
}
