/* The weekly case list on a hand-built caseload seen on Mon 1 Jun 2020:
 * every stage and status, with rows, order and figures worked by hand. */
#include "clock_spec.h"
#include "dbtest.h"

static ehcp_store *s;

/* "case_ref caseworker received elapsed stage deadline due days status exc" */
static const char *render(const ehcp_caselist_row *r)
{
	static char buf[2048];
	char req[EHCP_DATE_ISO_LEN], due[EHCP_DATE_ISO_LEN];
	snprintf(buf, sizeof buf, "%s|%s|%s|%d|%s|%s|%s|%d|%s|%s", r->case_ref, r->caseworker,
	         ehcp_date_format_iso(req, r->request), r->elapsed_days, ehcp_stage_name(r->stage),
	         r->due_kind == EHCP_DEADLINE_COUNT ? "" : ehcp_deadline_name(r->due_kind), ehcp_date_format_iso(due, r->due),
	         r->days_left, ehcp_status_name(r->status), r->exception ? "exc" : "");
	return buf;
}

static void expect_list(const ehcp_caselist_options *o, const char *const *want, size_t n, const char *what)
{
	ehcp_caselist *l = NULL;
	CHECK_INT(ehcp_caselist_get(&l, s, o), 0);
	if (!l)
		return;
	int before = harness_failures;
	CHECK_INT(l->count, n);
	for (size_t i = 0; i < l->count && i < n; i++)
		CHECK_STR(render(&l->rows[i]), want[i]);
	if (harness_failures != before)
		fprintf(stderr, "  in list \"%s\"\n", what);
	ehcp_caselist_free(l);
}

#define ROW_DRAFTED_BACKLOG "L-DRAFTED-BACKLOG|C|2019-12-02|182|draft_served|final_plan|2020-04-20|-42|overdue|"
#define ROW_AWAIT_OVER "L-AWAIT-OVER|A|2020-04-06|56|awaiting_decision|decision|2020-05-18|-14|overdue|"
#define ROW_ASSESS "L-ASSESS|B|2020-03-02|91|assessing|health_advice|2020-05-19|-13|overdue|"
#define ROW_FUTURE_PLAN "L-FUTURE-PLAN|C|2020-01-13|140|draft_served|final_plan|2020-06-01|0|nearing|"
#define ROW_PLANDEC "L-PLANDEC|C|2020-02-10|112|awaiting_plan_decision|not_issue_notice|2020-06-01|0|nearing|"
#define ROW_DRAFTING "L-DRAFTING|A|2020-01-20|133|drafting|final_plan|2020-06-08|7|nearing|exc"
/* A re-assessment: the final plan is due 14 weeks from the decision to
 * re-assess, 2020-03-30 + 98 = 2020-07-06 (Mar 31, Apr 30, May 31, Jun 30,
 * then 6 days), 35 days after 1 June: on track. */
#define ROW_REASSESS "L-REASSESS|B|2020-03-02|91|draft_served|final_plan|2020-07-06|35|on_track|"
#define ROW_AWAIT_NEAR "L-AWAIT-NEAR|B|2020-05-04|28|awaiting_decision|decision|2020-06-15|14|nearing|"
#define ROW_AWAIT_OK "L-AWAIT-OK|A|2020-05-25|7|awaiting_decision|decision|2020-07-06|35|on_track|"
#define ROW_NOWORKER "L-NOWORKER||2020-04-20|42|assessing|not_issue_notice|2020-08-10|70|on_track|"

int main(void)
{
	s = dbtest_store("caselist", NULL);
	dbtest_import(s, "caselist.csv", "2020-12-31");

	ehcp_caselist_options o = EHCP_CASELIST_OPTIONS_INIT;
	o.as_of = spec_date("2020-06-01");

	static const char *const open_rows[] = {ROW_DRAFTED_BACKLOG, ROW_AWAIT_OVER, ROW_ASSESS, ROW_FUTURE_PLAN, ROW_PLANDEC,
	                                        ROW_DRAFTING, ROW_AWAIT_NEAR, ROW_REASSESS, ROW_AWAIT_OK, ROW_NOWORKER};
	expect_list(&o, open_rows, 10, "open");

	ehcp_caselist_options all = o;
	all.include_ended = true;
	static const char *const all_rows[] = {
	    ROW_DRAFTED_BACKLOG, ROW_AWAIT_OVER, ROW_ASSESS, ROW_FUTURE_PLAN, ROW_PLANDEC, ROW_DRAFTING, ROW_AWAIT_NEAR,
	    ROW_REASSESS, ROW_AWAIT_OK, ROW_NOWORKER,
	    "L-ISSUED|A|2020-01-06|147|issued|||0|done_in_time|",
	    "L-LATE-ISSUED|B|2020-01-06|147|issued|||0|done_late|",
	    "L-NOTISSUED|A|2020-01-06|147|not_issued|||0|ended|",
	    "L-CLOSED|B|2020-02-03|119|closed|||0|ended|",
	    "L-REFUSED|C|2020-03-02|91|refused|||0|ended|"};
	expect_list(&all, all_rows, 15, "all");

	ehcp_caselist_options f1 = o;
	f1.backlog = true;
	static const char *const backlog[] = {ROW_DRAFTED_BACKLOG};
	expect_list(&f1, backlog, 1, "backlog");

	ehcp_caselist_options f2 = o;
	f2.statuses = 1u << EHCP_STATUS_NEARING;
	static const char *const nearing[] = {ROW_FUTURE_PLAN, ROW_PLANDEC, ROW_DRAFTING, ROW_AWAIT_NEAR};
	expect_list(&f2, nearing, 4, "nearing");

	ehcp_caselist_options f3 = o;
	f3.stage = EHCP_STAGE_DRAFT_SERVED;
	static const char *const drafted[] = {ROW_DRAFTED_BACKLOG, ROW_FUTURE_PLAN, ROW_REASSESS};
	expect_list(&f3, drafted, 3, "draft served");

	ehcp_caselist_options f4 = o;
	f4.due_within = 7;
	static const char *const within[] = {ROW_DRAFTED_BACKLOG, ROW_AWAIT_OVER, ROW_ASSESS, ROW_FUTURE_PLAN,
	                                     ROW_PLANDEC, ROW_DRAFTING};
	expect_list(&f4, within, 6, "due within 7 days");

	ehcp_caselist_options f5 = o;
	f5.caseworker = "B";
	static const char *const b[] = {ROW_ASSESS, ROW_AWAIT_NEAR, ROW_REASSESS};
	expect_list(&f5, b, 3, "caseworker B");

	ehcp_caselist_options f6 = o;
	f6.received_from = spec_date("2020-03-01");
	f6.received_to = spec_date("2020-04-30");
	static const char *const received[] = {ROW_AWAIT_OVER, ROW_ASSESS, ROW_REASSESS, ROW_NOWORKER};
	expect_list(&f6, received, 4, "received March-April");

	ehcp_caselist_options f7 = o;
	f7.statuses = (1u << EHCP_STATUS_OVERDUE) | (1u << EHCP_STATUS_ON_TRACK);
	f7.caseworker = "A";
	static const char *const a[] = {ROW_AWAIT_OVER, ROW_AWAIT_OK};
	expect_list(&f7, a, 2, "caseworker A overdue or on track");

	/* Looking back: on 1 May 2020 the late-issued case was still open. */
	ehcp_caselist_options back = o;
	back.as_of = spec_date("2020-05-01");
	back.caseworker = "B";
	static const char *const may[] = {
	    "L-LATE-ISSUED|B|2020-01-06|116|assessing|safe_draft|2020-05-10|9|nearing|",
	    "L-ASSESS|B|2020-03-02|60|assessing|health_advice|2020-05-19|18|on_track|",
	    /* not drafted by then: the latest safe draft, 2020-07-06 - 15 */
	    "L-REASSESS|B|2020-03-02|60|assessing|safe_draft|2020-06-21|51|on_track|"};
	expect_list(&back, may, 3, "as of 1 May");

	/* The caseloads */
	ehcp_caseload *l = NULL;
	CHECK_INT(ehcp_caseload_get(&l, s, &o), 0);
	CHECK_INT(l ? l->count : 0, 4);
	static const char *const loads[] = {"|1|0|0|42", "A|3|1|1|133", "B|3|1|1|91", "C|3|1|2|182"};
	for (size_t i = 0; l && i < l->count && i < 4; i++) {
		char row[1024];
		snprintf(row, sizeof row, "%s|%d|%d|%d|%d", l->rows[i].caseworker, l->rows[i].open, l->rows[i].overdue,
		         l->rows[i].nearing, l->rows[i].oldest_days);
		CHECK_STR(row, loads[i]);
	}
	/* the same from the list fetched with the same options */
	ehcp_caselist *cl = NULL;
	ehcp_caseload *fl = NULL;
	CHECK_INT(ehcp_caselist_get(&cl, s, &o), 0);
	CHECK_INT(ehcp_caseload_from_list(&fl, cl), 0);
	CHECK_INT(fl ? fl->count : 0, 4);
	CHECK_INT(fl ? fl->as_of : 0, l ? l->as_of : 1);
	for (size_t i = 0; l && fl && i < fl->count && i < 4; i++) {
		char row[1024];
		snprintf(row, sizeof row, "%s|%d|%d|%d|%d", fl->rows[i].caseworker, fl->rows[i].open, fl->rows[i].overdue,
		         fl->rows[i].nearing, fl->rows[i].oldest_days);
		CHECK_STR(row, loads[i]);
	}
	ehcp_caseload_free(fl);
	ehcp_caselist_free(cl);
	ehcp_caseload_free(l);

	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_caselist");
}
