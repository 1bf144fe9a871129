/* The statutory clock, table-driven, with every value worked out by hand
 * (day counts month by month; checked against Python's datetime). */
#include "clock_spec.h"
#include "harness.h"

static const char *iso(ehcp_date d)
{
	static char buf[8][EHCP_DATE_ISO_LEN];
	static int i;
	i = (i + 1) % 8;
	return ehcp_date_format_iso(buf[i], d);
}

/* Requests used throughout. */
#define R_2020_01_06 .request = "2020-01-06"
#define ASSESSED .decision = "assess", .decision_date = "2020-02-10"
#define ADVICE_ASKED .health_req = "2020-02-11", .sc_req = "2020-02-11", .ep_req = "2020-02-20"

static void test_deadlines(void)
{
	static const struct {
		const char *name;
		spec s;
		/* due dates by kind; "" where the deadline does not apply */
		const char *due[EHCP_DEADLINE_COUNT];
	} cases[] = {
	    {"new request, nothing yet", {R_2020_01_06},
	     {"2020-02-17", "", "", "", "", "2020-05-10", "2020-05-25"}},
	    {"assessed, advice asked (across 29 Feb)", {R_2020_01_06, ASSESSED, ADVICE_ASKED},
	     {"2020-02-17", "2020-03-24", "2020-03-24", "2020-04-02", "2020-04-27", "2020-05-10", "2020-05-25"}},
	    {"request on 29 February", {.request = "2020-02-29"},
	     {"2020-04-11", "", "", "", "", "2020-07-03", "2020-07-18"}},
	    {"across the 2020/2021 year end", {.request = "2020-12-14"},
	     {"2021-01-25", "", "", "", "", "2021-04-18", "2021-05-03"}},
	    {"into the 2020 leap February", {.request = "2019-12-20"},
	     {"2020-01-31", "", "", "", "", "2020-04-23", "2020-05-08"}},
	    {"through the non-leap February of 2021", {.request = "2020-10-20"},
	     {"2020-12-01", "", "", "", "", "2021-02-22", "2021-03-09"}},
	    /* Decision due 2020-01-06 + 15 = 2020-01-21 (this one, on 2020-02-10,
	     * is late); final plan 2020-02-10 + 98 = 2020-05-18 (Feb 10 -> Mar 10
	     * is 29 days in 2020, -> May 10 is 90, + 8); safe draft 2020-05-18 - 15
	     * = 2020-05-03. */
	    {"re-assessment: 15 days, 14 weeks from the decision, no notice deadline", {.type = "reassessment", R_2020_01_06, ASSESSED},
	     {"2020-01-21", "", "", "", "", "2020-05-03", "2020-05-18"}},
	    {"transfer in: as an initial request", {.type = "transfer_in", R_2020_01_06, ASSESSED},
	     {"2020-02-17", "", "", "", "2020-04-27", "2020-05-10", "2020-05-25"}},
	    {"refused: no plan deadlines", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10"},
	     {"2020-02-17", "", "", "", "", "", ""}},
	    {"withdrawn before a decision", {R_2020_01_06, .closed = "2020-02-03", .closed_reason = "withdrawn"},
	     {"", "", "", "", "", "", ""}},
	    {"decided not to issue", {R_2020_01_06, ASSESSED, .plan = "not_issue", .plan_date = "2020-04-20"},
	     {"2020-02-17", "", "", "", "2020-04-27", "", ""}},
	    {"decided to issue: no notice deadline", {R_2020_01_06, ASSESSED, .plan = "issue", .plan_date = "2020-04-06"},
	     {"2020-02-17", "", "", "", "", "2020-05-10", "2020-05-25"}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ehcp_case_dates c = spec_build(&cases[i].s);
		ehcp_deadline dl[EHCP_DEADLINE_COUNT];
		ehcp_clock_deadlines(dl, &c);
		for (int k = 0; k < EHCP_DEADLINE_COUNT; k++) {
			/* a row may stop early: the deadlines it leaves out do not apply */
			const char *want = cases[i].due[k] ? cases[i].due[k] : "";
			const char *got = dl[k].applies ? iso(dl[k].due) : "";
			if (strcmp(got, want) != 0)
				fprintf(stderr, "  case \"%s\", deadline %s:\n", cases[i].name, ehcp_deadline_name(k));
			CHECK_STR(got, want);
		}
	}
	/* Hard and advisory deadlines, and what each deadline's milestone is. */
	spec s = {R_2020_01_06, ASSESSED, ADVICE_ASKED, .health_rec = "2020-03-20", .plan = "not_issue", .plan_date = "2020-04-20"};
	ehcp_case_dates c = spec_build(&s);
	ehcp_deadline dl[EHCP_DEADLINE_COUNT];
	ehcp_clock_deadlines(dl, &c);
	CHECK(dl[EHCP_DEADLINE_DECISION].hard);
	CHECK(dl[EHCP_DEADLINE_HEALTH_ADVICE].hard);
	CHECK(!dl[EHCP_DEADLINE_NOT_ISSUE].hard);
	CHECK_STR(iso(dl[EHCP_DEADLINE_DECISION].met), "2020-02-10");
	CHECK_STR(iso(dl[EHCP_DEADLINE_HEALTH_ADVICE].met), "2020-03-20");
	CHECK_STR(iso(dl[EHCP_DEADLINE_SOCIAL_CARE_ADVICE].met), "");
	CHECK_STR(iso(dl[EHCP_DEADLINE_NOT_ISSUE].met), "2020-04-20");
	spec s2 = {R_2020_01_06, .final = "2020-05-25", .draft = "2020-05-01"};
	c = spec_build(&s2);
	ehcp_clock_deadlines(dl, &c);
	CHECK(dl[EHCP_DEADLINE_FINAL_PLAN].hard);
	CHECK(!dl[EHCP_DEADLINE_SAFE_DRAFT].hard);
	CHECK_STR(iso(dl[EHCP_DEADLINE_FINAL_PLAN].met), "2020-05-25");
	CHECK_STR(iso(dl[EHCP_DEADLINE_SAFE_DRAFT].met), "2020-05-01");
}

static void test_within(void)
{
	ehcp_date r = spec_date("2020-01-06");
	CHECK(ehcp_clock_within(r, spec_date("2020-05-25"), EHCP_DAYS_FINAL));  /* day 140 */
	CHECK(!ehcp_clock_within(r, spec_date("2020-05-26"), EHCP_DAYS_FINAL)); /* day 141 */
	CHECK(ehcp_clock_within(r, spec_date("2020-02-17"), EHCP_DAYS_DECISION));
	CHECK(!ehcp_clock_within(r, spec_date("2020-02-18"), EHCP_DAYS_DECISION));
	CHECK(ehcp_clock_within(r, spec_date("2020-04-27"), EHCP_DAYS_NOT_ISSUE));
	CHECK(!ehcp_clock_within(r, spec_date("2020-04-28"), EHCP_DAYS_NOT_ISSUE));
	CHECK(ehcp_clock_within(r, spec_date("2020-04-13"), EHCP_DAYS_FINAL_REASSESSMENT));
	CHECK(!ehcp_clock_within(r, spec_date("2020-04-14"), EHCP_DAYS_FINAL_REASSESSMENT));
	CHECK(ehcp_clock_within(spec_date("2020-02-11"), spec_date("2020-03-24"), EHCP_DAYS_ADVICE));
	CHECK(!ehcp_clock_within(spec_date("2020-02-11"), spec_date("2020-03-25"), EHCP_DAYS_ADVICE));
	/* Every limit, as the regulations state it (the reference's tables). */
	CHECK_INT(EHCP_DAYS_DECISION, 42);                 /* reg 5(1): 6 weeks */
	CHECK_INT(EHCP_DAYS_DECISION_REASSESSMENT, 15);    /* reg 25(1): 15 days */
	CHECK_INT(EHCP_DAYS_ADVICE, 42);                   /* reg 8(1): 6 weeks */
	CHECK_INT(EHCP_DAYS_NOT_ISSUE, 112);               /* reg 10(1): 16 weeks */
	CHECK_INT(EHCP_DAYS_FINAL, 140);                   /* reg 13(2): 20 weeks */
	CHECK_INT(EHCP_DAYS_FINAL_REASSESSMENT, 98);       /* reg 27(2): 14 weeks */
	CHECK_INT(EHCP_DAYS_COMMENT, 15);                  /* reg 13(1): 15 days */
	CHECK_INT(EHCP_DAYS_TRIBUNAL_ASSESS_NOTICE, 14);   /* reg 44(2)(a): 2 weeks */
	CHECK_INT(EHCP_DAYS_TRIBUNAL_ASSESS_NOT_ISSUE, 70); /* reg 44(2)(b): 10 weeks */
	CHECK_INT(EHCP_DAYS_TRIBUNAL_ASSESS_FINAL, 98);    /* reg 44(2)(d): 14 weeks */
	CHECK_INT(EHCP_DAYS_TRIBUNAL_ISSUE_DRAFT, 35);     /* reg 44(2)(c): 5 weeks */
	CHECK_INT(EHCP_DAYS_TRIBUNAL_ISSUE_FINAL, 77);     /* reg 44(2)(c): 11 weeks */
}

static void test_status(void)
{
	static const struct {
		const char *name;
		spec s;
		const char *on;
		int nearing;
		const char *status, *next, *next_due, *late;
		int elapsed;
	} cases[] = {
	    {"new, weeks to go", {R_2020_01_06}, "2020-01-10", 14, "on_track", "decision", "2020-02-17", "", 4},
	    {"decision 15 days away", {R_2020_01_06}, "2020-02-02", 14, "on_track", "decision", "2020-02-17", "", 27},
	    {"decision 14 days away", {R_2020_01_06}, "2020-02-03", 14, "nearing", "decision", "2020-02-17", "", 28},
	    {"decision due today", {R_2020_01_06}, "2020-02-17", 14, "nearing", "decision", "2020-02-17", "", 42},
	    {"decision a day late", {R_2020_01_06}, "2020-02-18", 14, "overdue", "safe_draft", "2020-05-10", "decision", 43},
	    {"advice due today", {R_2020_01_06, ASSESSED, ADVICE_ASKED}, "2020-03-24", 14, "nearing", "health_advice", "2020-03-24", "", 78},
	    {"advice a day late", {R_2020_01_06, ASSESSED, ADVICE_ASKED}, "2020-03-25", 14, "overdue", "ep_advice", "2020-04-02", "health_advice", 79},
	    {"advice in, notice next", {R_2020_01_06, ASSESSED, ADVICE_ASKED, .health_rec = "2020-03-20", .sc_rec = "2020-03-20", .ep_rec = "2020-03-30"},
	     "2020-04-01", 14, "on_track", "not_issue_notice", "2020-04-27", "", 86},
	    {"day 126, no draft: at risk", {R_2020_01_06, ASSESSED}, "2020-05-11", 7, "nearing", "final_plan", "2020-05-25", "", 126},
	    {"day 126, draft served", {R_2020_01_06, ASSESSED, .draft = "2020-05-08"}, "2020-05-11", 7, "on_track", "final_plan", "2020-05-25", "", 126},
	    {"day 140, no plan", {R_2020_01_06, ASSESSED, .draft = "2020-05-08"}, "2020-05-25", 14, "nearing", "final_plan", "2020-05-25", "", 140},
	    {"day 141, no plan", {R_2020_01_06, ASSESSED, .draft = "2020-05-08"}, "2020-05-26", 14, "overdue", "", "", "final_plan", 141},
	    {"plan on day 140", {R_2020_01_06, ASSESSED, .draft = "2020-05-08", .final = "2020-05-25"}, "2020-06-01", 14, "done_in_time", "", "", "", 147},
	    {"plan on day 141", {R_2020_01_06, ASSESSED, .draft = "2020-05-08", .final = "2020-05-26"}, "2020-06-01", 14, "done_late", "", "", "", 147},
	    {"plan late with an exception", {R_2020_01_06, ASSESSED, .final = "2020-06-10", .exception = "personal_circumstances"}, "2020-06-10", 14, "done_late", "", "", "", 156},
	    {"as of before the plan: later milestones ignored", {R_2020_01_06, ASSESSED, .draft = "2020-05-12", .final = "2020-05-20"},
	     "2020-05-01", 14, "nearing", "safe_draft", "2020-05-10", "", 116},
	    {"as of before the decision", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10"}, "2020-02-09", 14, "nearing", "decision", "2020-02-17", "", 34},
	    {"refused", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10"}, "2020-02-10", 14, "ended", "", "", "", 35},
	    {"not to issue", {R_2020_01_06, ASSESSED, .plan = "not_issue", .plan_date = "2020-04-20"}, "2020-05-01", 14, "ended", "", "", "", 116},
	    {"withdrawn", {R_2020_01_06, .closed = "2020-02-03", .closed_reason = "withdrawn"}, "2020-02-03", 14, "ended", "", "", "", 28},
	    {"before the withdrawal", {R_2020_01_06, .closed = "2020-02-28", .closed_reason = "moved_away"}, "2020-02-20", 14, "overdue", "safe_draft", "2020-05-10", "decision", 45},
	    /* A re-assessment's plan is due 14 weeks from the decision to
	     * re-assess: 2020-02-10 + 98 = 2020-05-18, day 133 from the request
	     * (Jan 6 -> May 6 is 121 days, + 12).  Its safe draft date,
	     * 2020-05-03, has passed with no draft, so it is at risk. */
	    {"re-assessment on D + 98", {.type = "reassessment", R_2020_01_06, ASSESSED}, "2020-05-18", 14, "nearing", "final_plan", "2020-05-18", "", 133},
	    {"re-assessment on D + 99", {.type = "reassessment", R_2020_01_06, ASSESSED}, "2020-05-19", 14, "overdue", "", "", "final_plan", 134},
	    {"re-assessment plan on D + 98", {.type = "reassessment", R_2020_01_06, ASSESSED, .final = "2020-05-18"}, "2020-05-18", 14, "done_in_time", "", "", "", 133},
	    {"re-assessment plan on D + 99", {.type = "reassessment", R_2020_01_06, ASSESSED, .final = "2020-05-19"}, "2020-05-19", 14, "done_late", "", "", "", 134},
	    {"earliest missed deadline is named", {R_2020_01_06, ADVICE_ASKED}, "2020-04-05", 14, "overdue", "safe_draft", "2020-05-10", "decision", 90},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ehcp_case_dates c = spec_build(&cases[i].s);
		ehcp_clock_view v;
		ehcp_clock_view_on(&v, &c, spec_date(cases[i].on), cases[i].nearing);
		const char *next = v.next == EHCP_DEADLINE_COUNT ? "" : ehcp_deadline_name(v.next);
		const char *late = v.late == EHCP_DEADLINE_COUNT ? "" : ehcp_deadline_name(v.late);
		int before = harness_failures;
		CHECK_STR(ehcp_status_name(v.status), cases[i].status);
		CHECK_STR(next, cases[i].next);
		CHECK_STR(iso(v.next_due), cases[i].next_due);
		CHECK_STR(late, cases[i].late);
		CHECK_INT(v.elapsed_days, cases[i].elapsed);
		if (harness_failures != before)
			fprintf(stderr, "  in status case \"%s\"\n", cases[i].name);
	}
	/* The exception flag travels beside the status. */
	spec s = {R_2020_01_06, .exception = "absent_from_area"};
	ehcp_case_dates c = spec_build(&s);
	ehcp_clock_view v;
	ehcp_clock_view_on(&v, &c, spec_date("2020-01-07"), EHCP_DAYS_NEARING_DEFAULT);
	CHECK(v.exception);
	spec s2 = {R_2020_01_06};
	c = spec_build(&s2);
	ehcp_clock_view_on(&v, &c, spec_date("2020-01-07"), EHCP_DAYS_NEARING_DEFAULT);
	CHECK(!v.exception);
}

static void test_exceptions(void)
{
	/* Which exception may be recorded where (regs 5(4), 10(4), 13(3) and 8(2)). */
	static const struct {
		const char *code;
		bool for_case, for_advice;
	} valid[] = {
	    {"setting_closure", true, false},
	    {"personal_circumstances", true, true},
	    {"absent_from_area", true, true},
	    {"missed_appointment", false, true},
	    {"coronavirus", true, true}, /* SI 2020/471 covered the advice limit too */
	};
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		ehcp_exception e;
		CHECK_INT(ehcp_exception_parse(&e, valid[i].code), 0);
		CHECK_STR(ehcp_exception_name(e), valid[i].code);
		CHECK_INT(ehcp_exception_valid_for_case(e), valid[i].for_case);
		CHECK_INT(ehcp_exception_valid_for_advice(e), valid[i].for_advice);
	}
	ehcp_exception e;
	CHECK_INT(ehcp_exception_parse(&e, "Coronavirus"), EHCP_EINVALID);
	CHECK_INT(ehcp_exception_parse(&e, "pandemic"), EHCP_EINVALID);

	/* A case exception disapplies the council's limits, not the advice-givers'. */
	spec s = {R_2020_01_06, ASSESSED, ADVICE_ASKED, .exception = "setting_closure"};
	ehcp_case_dates c = spec_build(&s);
	ehcp_deadline dl[EHCP_DEADLINE_COUNT];
	ehcp_clock_deadlines(dl, &c);
	CHECK(dl[EHCP_DEADLINE_DECISION].excused);
	CHECK(dl[EHCP_DEADLINE_NOT_ISSUE].excused);
	CHECK(dl[EHCP_DEADLINE_SAFE_DRAFT].excused);
	CHECK(dl[EHCP_DEADLINE_FINAL_PLAN].excused);
	CHECK(!dl[EHCP_DEADLINE_HEALTH_ADVICE].excused);
	CHECK(!dl[EHCP_DEADLINE_EP_ADVICE].excused);
	/* An advice exception disapplies that advice's limit only. */
	spec s2 = {R_2020_01_06, ASSESSED, ADVICE_ASKED, .health_exc = "missed_appointment"};
	c = spec_build(&s2);
	ehcp_clock_deadlines(dl, &c);
	CHECK(dl[EHCP_DEADLINE_HEALTH_ADVICE].excused);
	CHECK(!dl[EHCP_DEADLINE_SOCIAL_CARE_ADVICE].excused);
	CHECK(!dl[EHCP_DEADLINE_FINAL_PLAN].excused);
	CHECK(!dl[EHCP_DEADLINE_DECISION].excused);
	/* Nothing is excused without an exception. */
	spec s3 = {R_2020_01_06, ASSESSED, ADVICE_ASKED};
	c = spec_build(&s3);
	ehcp_clock_deadlines(dl, &c);
	for (int k = 0; k < EHCP_DEADLINE_COUNT; k++)
		CHECK(!dl[k].excused);
}

static void test_codes(void)
{
	ehcp_request_type t;
	CHECK_INT(ehcp_request_type_parse(&t, ""), 0);
	CHECK_INT(t, EHCP_REQUEST_INITIAL);
	CHECK_INT(ehcp_request_type_parse(&t, "transfer_in"), 0);
	CHECK_STR(ehcp_request_type_name(t), "transfer_in");
	CHECK_INT(ehcp_request_type_parse(&t, "Initial"), EHCP_EINVALID);
	ehcp_status st;
	for (int i = EHCP_STATUS_ON_TRACK; i <= EHCP_STATUS_ENDED; i++) {
		CHECK_INT(ehcp_status_parse(&st, ehcp_status_name((ehcp_status)i)), 0);
		CHECK_INT(st, i);
	}
	CHECK_INT(ehcp_status_parse(&st, "late"), EHCP_EINVALID);
	char buf[16];
	CHECK_STR(ehcp_clock_format_elapsed(buf, sizeof buf, 140), "20w 0d");
	CHECK_STR(ehcp_clock_format_elapsed(buf, sizeof buf, 101), "14w 3d");
	CHECK_STR(ehcp_clock_format_elapsed(buf, sizeof buf, 0), "0w 0d");
	CHECK_STR(ehcp_clock_format_elapsed(buf, sizeof buf, 6), "0w 6d");
	CHECK_STR(ehcp_clock_format_elapsed(buf, sizeof buf, -3), "-0w 3d");
}

static void test_comment_period(void)
{
	/* Served on 1 May, the 15 days run to 15 May: a plan on 16 May is fine. */
	spec ok = {R_2020_01_06, ASSESSED, .draft = "2020-05-01", .final = "2020-05-16"};
	spec short_ = {R_2020_01_06, ASSESSED, .draft = "2020-05-01", .final = "2020-05-15"};
	spec none = {R_2020_01_06, ASSESSED, .draft = "2020-05-01"};
	ehcp_case_dates c = spec_build(&ok);
	CHECK(!ehcp_clock_comment_period_cut_short(&c));
	c = spec_build(&short_);
	CHECK(ehcp_clock_comment_period_cut_short(&c));
	c = spec_build(&none);
	CHECK(!ehcp_clock_comment_period_cut_short(&c));
}

static void test_consistency(void)
{
	static const struct {
		const char *name;
		spec s;
		const char *today;
		const char *fields;   /* every field at fault, in order, comma-separated */
		const char *first;    /* the first problem's message */
	} cases[] = {
	    {"consistent", {R_2020_01_06, ASSESSED, ADVICE_ASKED, .health_rec = "2020-03-20", .plan = "issue", .plan_date = "2020-04-06",
	                    .draft = "2020-04-14", .final = "2020-05-25"}, "2020-06-01", "", ""},
	    {"decision before the request", {R_2020_01_06, .decision = "assess", .decision_date = "2020-01-01"}, NULL,
	     "assessment_decision_date", "assessment_decision_date 2020-01-01 is before request_date 2020-01-06"},
	    {"final plan before the draft", {R_2020_01_06, ASSESSED, .draft = "2020-05-20", .final = "2020-05-14"}, NULL,
	     "final_plan_date", "final_plan_date 2020-05-14 is before draft_plan_date 2020-05-20"},
	    {"plan after a refusal", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10", .final = "2020-05-25"}, NULL,
	     "final_plan_date", "final_plan_date is recorded, but the council refused to assess"},
	    {"plan decision after a refusal", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10", .plan = "issue", .plan_date = "2020-03-01"}, NULL,
	     "plan_decision", "plan_decision is recorded, but the council refused to assess"},
	    {"advice received before it was requested", {R_2020_01_06, ASSESSED, .health_req = "2020-02-11", .health_rec = "2020-02-01"}, NULL,
	     "health_advice_received", "health_advice_received 2020-02-01 is before health_advice_requested 2020-02-11"},
	    {"advice received, never requested", {R_2020_01_06, ASSESSED, .ep_rec = "2020-03-01"}, NULL,
	     "ep_advice_received", "ep_advice_received is recorded without ep_advice_requested"},
	    {"advice exception, never requested", {R_2020_01_06, .sc_exc = "absent_from_area"}, NULL,
	     "social_care_advice_exception", "social_care_advice_exception is recorded without social_care_advice_requested"},
	    {"in the future", {R_2020_01_06, ASSESSED, .final = "2020-05-25"}, "2020-03-01",
	     "final_plan_date", "final_plan_date 2020-05-25 is after today, 2020-03-01"},
	    {"request in the future", {R_2020_01_06}, "2020-01-05",
	     "request_date", "request_date 2020-01-06 is after today, 2020-01-05"},
	    {"decision without its date", {R_2020_01_06, .decision = "assess"}, NULL,
	     "assessment_decision_date", "assessment_decision_date is required with assessment_decision"},
	    {"decision date without the decision", {R_2020_01_06, .decision_date = "2020-02-01"}, NULL,
	     "assessment_decision", "assessment_decision is required with assessment_decision_date"},
	    {"plan decision without its date", {R_2020_01_06, ASSESSED, .plan = "issue"}, NULL,
	     "plan_decision_date", "plan_decision_date is required with plan_decision"},
	    {"closed without a reason", {R_2020_01_06, .closed = "2020-02-01"}, NULL,
	     "closed_reason", "closed_reason is required with closed_date"},
	    {"closed with a plan", {R_2020_01_06, ASSESSED, .final = "2020-05-01", .closed = "2020-05-02", .closed_reason = "other"}, NULL,
	     "final_plan_date", "final_plan_date is recorded, but the request was closed without a plan"},
	    {"closed after a refusal", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10", .closed = "2020-02-12", .closed_reason = "withdrawn"}, NULL,
	     "closed_date", "closed_date is recorded, but the request already ended with a refusal to assess"},
	    {"a draft after deciding not to issue", {R_2020_01_06, ASSESSED, .plan = "not_issue", .plan_date = "2020-04-20", .draft = "2020-04-25"}, NULL,
	     "draft_plan_date", "draft_plan_date is recorded, but the council decided not to issue a plan"},
	    {"draft before the decision to assess", {R_2020_01_06, ASSESSED, .draft = "2020-02-01"}, NULL,
	     "draft_plan_date", "draft_plan_date 2020-02-01 is before assessment_decision_date 2020-02-10"},
	    {"final before the decision to issue", {R_2020_01_06, ASSESSED, .plan = "issue", .plan_date = "2020-05-01", .final = "2020-04-30"}, NULL,
	     "final_plan_date", "final_plan_date 2020-04-30 is before plan_decision_date 2020-05-01"},
	    {"an advice-giver's exception on the case", {R_2020_01_06, .exception = "missed_appointment"}, NULL,
	     "exception", "exception: missed_appointment is not an exception to the council's limits"},
	    {"the council's exception on advice", {R_2020_01_06, .health_req = "2020-02-11", .health_exc = "setting_closure"}, NULL,
	     "health_advice_exception", "health_advice_exception: setting_closure is not an exception to the advice limit"},
	    {"every problem is named", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10", .draft = "2019-12-01",
	                                .final = "2020-05-25", .closed = "2020-03-01"}, NULL,
	     "draft_plan_date,closed_reason,draft_plan_date,final_plan_date,final_plan_date,closed_date",
	     "draft_plan_date 2019-12-01 is before request_date 2020-01-06"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ehcp_case_dates c = spec_build(&cases[i].s);
		ehcp_problem p[16];
		size_t n = ehcp_clock_check(p, 16, &c, cases[i].today ? spec_date(cases[i].today) : EHCP_DATE_NONE);
		char fields[512] = "";
		for (size_t k = 0; k < n && k < 16; k++) {
			if (k)
				strcat(fields, ",");
			strcat(fields, p[k].field);
		}
		int before = harness_failures;
		CHECK_STR(fields, cases[i].fields);
		CHECK_STR(n ? p[0].message : "", cases[i].first);
		if (harness_failures != before)
			fprintf(stderr, "  in consistency case \"%s\"\n", cases[i].name);
	}
	/* A missing request date, and more problems than room: all counted. */
	ehcp_case_dates c = EHCP_CASE_DATES_INIT;
	ehcp_problem p[1];
	c.decision = EHCP_ASSESS_ASSESS;
	c.closed_reason = EHCP_CLOSED_OTHER;
	CHECK_INT(ehcp_clock_check(p, 1, &c, EHCP_DATE_NONE), 3);
	CHECK_STR(p[0].field, "request_date");
	CHECK_STR(p[0].message, "request_date is required");
}

/* ---- re-assessments, tribunal and mediation (the corrected rules) ---- */

/* Cases used below, all worked by hand from the reference.
 *
 * The reference's re-assessment: request 2024-03-01, decision to re-assess
 * 2024-03-14.  Decision due 2024-03-01 + 15 = 2024-03-16; final plan due
 * 2024-03-14 + 98 = 2024-06-20 (Mar 14 -> Jun 14 is 31 + 30 + 31 = 92 days,
 * + 6); safe draft 2024-06-20 - 15 = 2024-06-05.
 */
#define REASSESS_2024 .type = "reassessment", .request = "2024-03-01"
#define REASSESSED_2024 REASSESS_2024, .decision = "assess", .decision_date = "2024-03-14"
/*
 * A refusal overturned: request 2024-01-08, refused 2024-02-10, appeal
 * 2024-03-01, order to assess T = 2024-06-03.  Decision due 2024-01-08 + 42
 * = 2024-02-19 (Jan 8 -> Feb 8 is 31, + 11).  T + 14 = 2024-06-17;
 * T + 70 = 2024-08-12 (Jun 3 -> Jun 30 is 27, -> Jul 31 is 58, + 12);
 * T + 98 = 2024-08-12 + 28 = 2024-09-09; safe draft 2024-09-09 - 15 =
 * 2024-08-25.  (Without the order the plan would have been due
 * 2024-01-08 + 140 = 2024-05-27: Jan 8 -> May 8 is 121, + 19.)
 */
#define R_2024_01_08 .request = "2024-01-08"
#define REFUSED_2024 R_2024_01_08, .decision = "refuse", .decision_date = "2024-02-10"
#define ORDERED_TO_ASSESS REFUSED_2024, .appeal = "2024-03-01", .tribunal = "assess", .tribunal_date = "2024-06-03"
/*
 * A decision not to issue overturned: request 2024-01-08, assessed
 * 2024-02-12, not to issue 2024-04-22, appeal 2024-05-01, order to make a
 * plan T = 2024-07-01.  Notice due 2024-01-08 + 112 = 2024-04-29 (Jan 8 ->
 * Apr 8 is 91, + 21); T + 35 = 2024-08-05 (Jul 1 -> Jul 31 is 30, + 5);
 * T + 77 = 2024-08-05 + 42 = 2024-09-16 (Aug 5 -> Aug 31 is 26, + 16).
 */
#define ASSESSED_2024 R_2024_01_08, .decision = "assess", .decision_date = "2024-02-12"
#define NOT_ISSUED_2024 ASSESSED_2024, .plan = "not_issue", .plan_date = "2024-04-22"
#define ORDERED_TO_ISSUE NOT_ISSUED_2024, .appeal = "2024-05-01", .tribunal = "issue", .tribunal_date = "2024-07-01"

static void check_deadlines(const char *name, const spec *s, const char *const due[EHCP_DEADLINE_COUNT])
{
	ehcp_case_dates c = spec_build(s);
	ehcp_deadline dl[EHCP_DEADLINE_COUNT];
	ehcp_clock_deadlines(dl, &c);
	for (int k = 0; k < EHCP_DEADLINE_COUNT; k++) {
		const char *want = due[k] ? due[k] : "";
		const char *got = dl[k].applies ? iso(dl[k].due) : "";
		if (strcmp(got, want) != 0)
			fprintf(stderr, "  case \"%s\", deadline %s:\n", name, ehcp_deadline_name(k));
		CHECK_STR(got, want);
	}
}

static void test_deadlines_corrected(void)
{
	static const struct {
		const char *name;
		spec s;
		const char *due[EHCP_DEADLINE_COUNT];
	} cases[] = {
	    /* decision, health, social care, ep, notice, safe draft, final,
	     * tribunal notice, tribunal draft */
	    {"the reference's re-assessment", {REASSESSED_2024},
	     {"2024-03-16", "", "", "", "", "2024-06-05", "2024-06-20", "", ""}},
	    /* Decided on day 16, a day late: 2024-03-17 + 98 = 2024-06-23
	     * (2024-06-20 + 3); safe draft 2024-06-23 - 15 = 2024-06-08. */
	    {"re-assessment decided on day 16", {REASSESS_2024, .decision = "assess", .decision_date = "2024-03-17"},
	     {"2024-03-16", "", "", "", "", "2024-06-08", "2024-06-23", "", ""}},
	    /* Not yet decided: as if decided on its last day, 2024-03-16:
	     * 2024-03-16 + 98 = 2024-06-22; safe draft 2024-06-07.  No notice. */
	    {"re-assessment not yet decided", {REASSESS_2024},
	     {"2024-03-16", "", "", "", "", "2024-06-07", "2024-06-22", "", ""}},
	    /* Advice for a re-assessment has the usual 6 weeks:
	     * 2024-03-18 + 42 = 2024-04-29 (Mar 18 -> Apr 18 is 31, + 11). */
	    {"re-assessment with advice asked", {REASSESSED_2024, .health_req = "2024-03-18", .ep_req = "2024-03-18"},
	     {"2024-03-16", "2024-04-29", "", "2024-04-29", "", "2024-06-05", "2024-06-20", "", ""}},
	    {"re-assessment refused: ended", {REASSESS_2024, .decision = "refuse", .decision_date = "2024-03-10"},
	     {"2024-03-16", "", "", "", "", "", "", "", ""}},
	    {"refusal overturned: the tribunal's clock", {ORDERED_TO_ASSESS},
	     {"2024-02-19", "", "", "", "2024-08-12", "2024-08-25", "2024-09-09", "2024-06-17", ""}},
	    /* Advice asked after the order: 2024-06-10 + 42 = 2024-07-22
	     * (Jun 10 -> Jul 10 is 30, + 12). */
	    {"refusal overturned, advice asked", {ORDERED_TO_ASSESS, .health_req = "2024-06-10", .sc_req = "2024-06-10"},
	     {"2024-02-19", "2024-07-22", "2024-07-22", "", "2024-08-12", "2024-08-25", "2024-09-09", "2024-06-17", ""}},
	    /* After the order the council decides to issue: no notice any more. */
	    {"refusal overturned, then decided to issue", {ORDERED_TO_ASSESS, .plan = "issue", .plan_date = "2024-08-01"},
	     {"2024-02-19", "", "", "", "", "2024-08-25", "2024-09-09", "2024-06-17", ""}},
	    /* A re-assessment refused and overturned: the tribunal's 14 weeks,
	     * and still no notice not to issue (initial and transfer_in only).
	     * Decision due 2024-03-01 + 15 = 2024-03-16. */
	    {"re-assessment refusal overturned", {REASSESS_2024, .decision = "refuse", .decision_date = "2024-03-10",
	                                           .appeal = "2024-03-20", .tribunal = "assess", .tribunal_date = "2024-06-03"},
	     {"2024-03-16", "", "", "", "", "2024-08-25", "2024-09-09", "2024-06-17", ""}},
	    /* The notice deadline stays, met by the decision not to issue;
	     * no safe draft: the tribunal's draft limit replaces it. */
	    {"not to issue overturned: draft and plan on the tribunal's clock", {ORDERED_TO_ISSUE},
	     {"2024-02-19", "", "", "", "2024-04-29", "", "2024-09-16", "", "2024-08-05"}},
	    {"refusal, appeal dismissed: ended", {REFUSED_2024, .appeal = "2024-03-01", .tribunal = "dismissed", .tribunal_date = "2024-06-03"},
	     {"2024-02-19", "", "", "", "", "", "", "", ""}},
	    {"not to issue, appeal dismissed: ended", {NOT_ISSUED_2024, .appeal = "2024-05-01", .tribunal = "dismissed", .tribunal_date = "2024-07-01"},
	     {"2024-02-19", "", "", "", "2024-04-29", "", "", "", ""}},
	    {"refusal, appeal not yet heard: ended", {REFUSED_2024, .appeal = "2024-03-01"},
	     {"2024-02-19", "", "", "", "", "", "", "", ""}},
	    /* An appeal about the plan changes no deadline: final 2024-01-08 +
	     * 140 = 2024-05-27, safe draft 2024-05-12; no notice (decided to issue). */
	    {"appeal about the plan", {ASSESSED_2024, .plan = "issue", .plan_date = "2024-04-15", .draft = "2024-04-22",
	                               .final = "2024-05-20", .appeal = "2024-06-10", .tribunal = "other", .tribunal_date = "2024-10-01"},
	     {"2024-02-19", "", "", "", "", "2024-05-12", "2024-05-27", "", ""}},
	    {"the same plan without the appeal", {ASSESSED_2024, .plan = "issue", .plan_date = "2024-04-15", .draft = "2024-04-22",
	                                          .final = "2024-05-20"},
	     {"2024-02-19", "", "", "", "", "2024-05-12", "2024-05-27", "", ""}},
	    /* An order of the wrong kind overturns nothing (the check refuses
	     * it, but the clock must not move on it either). */
	    {"order to issue after a refusal: no effect", {REFUSED_2024, .appeal = "2024-03-01", .tribunal = "issue", .tribunal_date = "2024-06-03"},
	     {"2024-02-19", "", "", "", "", "", "", "", ""}},
	    /* Mediation alone changes nothing: decision 2024-02-19, notice
	     * 2024-04-29, safe draft 2024-05-12, final 2024-05-27. */
	    {"mediation on an open case", {ASSESSED_2024, .mediation = "2024-03-05"},
	     {"2024-02-19", "", "", "", "2024-04-29", "2024-05-12", "2024-05-27", "", ""}},
	    {"appeal registered, no outcome yet", {NOT_ISSUED_2024, .appeal = "2024-05-01"},
	     {"2024-02-19", "", "", "", "2024-04-29", "", "", "", ""}},
	    {"mediation after a refusal: still ended", {REFUSED_2024, .mediation = "2024-03-05"},
	     {"2024-02-19", "", "", "", "", "", "", "", ""}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_deadlines(cases[i].name, &cases[i].s, cases[i].due);

	/* Which are hard: the tribunal's draft limit is; its notice is advisory. */
	ehcp_deadline dl[EHCP_DEADLINE_COUNT];
	spec a = {ORDERED_TO_ASSESS};
	ehcp_case_dates c = spec_build(&a);
	ehcp_clock_deadlines(dl, &c);
	CHECK(!dl[EHCP_DEADLINE_TRIBUNAL_NOTICE].hard);
	CHECK(!dl[EHCP_DEADLINE_NOT_ISSUE].hard);
	CHECK(dl[EHCP_DEADLINE_FINAL_PLAN].hard);
	CHECK(!dl[EHCP_DEADLINE_TRIBUNAL_DRAFT].applies);
	CHECK_STR(iso(dl[EHCP_DEADLINE_DECISION].met), "2024-02-10");  /* the refusal */
	spec b = {ORDERED_TO_ISSUE, .draft = "2024-08-01"};
	c = spec_build(&b);
	ehcp_clock_deadlines(dl, &c);
	CHECK(dl[EHCP_DEADLINE_TRIBUNAL_DRAFT].hard);
	CHECK(dl[EHCP_DEADLINE_FINAL_PLAN].hard);
	CHECK(!dl[EHCP_DEADLINE_TRIBUNAL_NOTICE].applies);
	CHECK(!dl[EHCP_DEADLINE_SAFE_DRAFT].applies);
	CHECK_STR(iso(dl[EHCP_DEADLINE_TRIBUNAL_DRAFT].met), "2024-08-01");
	CHECK_STR(iso(dl[EHCP_DEADLINE_NOT_ISSUE].met), "2024-04-22");
	/* A case exception covers the tribunal's limits too (they are the council's). */
	spec e = {ORDERED_TO_ISSUE, .exception = "personal_circumstances"};
	c = spec_build(&e);
	ehcp_clock_deadlines(dl, &c);
	CHECK(dl[EHCP_DEADLINE_TRIBUNAL_DRAFT].excused);
	CHECK(dl[EHCP_DEADLINE_FINAL_PLAN].excused);

	/* Names and labels of the new kinds. */
	CHECK_STR(ehcp_deadline_name(EHCP_DEADLINE_TRIBUNAL_NOTICE), "tribunal_notice");
	CHECK_STR(ehcp_deadline_name(EHCP_DEADLINE_TRIBUNAL_DRAFT), "tribunal_draft");
	CHECK_STR(ehcp_deadline_label_for(EHCP_DEADLINE_DECISION, EHCP_REQUEST_REASSESSMENT), "Decision whether to re-assess");
	CHECK_STR(ehcp_deadline_label_for(EHCP_DEADLINE_DECISION, EHCP_REQUEST_INITIAL), "Decision whether to assess");
	ehcp_tribunal_outcome o;
	CHECK_INT(ehcp_tribunal_outcome_parse(&o, "assess"), 0);
	CHECK_INT(o, EHCP_TRIBUNAL_ASSESS);
	CHECK_INT(ehcp_tribunal_outcome_parse(&o, ""), 0);
	CHECK_INT(o, EHCP_TRIBUNAL_NONE);
	CHECK_INT(ehcp_tribunal_outcome_parse(&o, "allowed"), EHCP_EINVALID);
	CHECK_STR(ehcp_tribunal_outcome_name(EHCP_TRIBUNAL_OTHER), "other");
}

/* The rule functions, each on worked dates. */
static void test_rule_functions(void)
{
	static const struct {
		const char *name;
		spec s;
		const char *decision_due, *final_due;
		int overturn;         /* ehcp_tribunal_outcome */
		bool ended, mediation_or_tribunal, final_in_time;
	} cases[] = {
	    /* 2020-01-06 + 42 = 2020-02-17; + 140 = 2020-05-25 (the reference's example) */
	    {"initial", {R_2020_01_06}, "2020-02-17", "2020-05-25", EHCP_TRIBUNAL_NONE, false, false, false},
	    {"initial, plan on day 140", {R_2020_01_06, ASSESSED, .final = "2020-05-25"}, "2020-02-17", "2020-05-25", EHCP_TRIBUNAL_NONE, false, false, true},
	    {"initial, plan on day 141", {R_2020_01_06, ASSESSED, .final = "2020-05-26"}, "2020-02-17", "2020-05-25", EHCP_TRIBUNAL_NONE, false, false, false},
	    {"transfer in", {.type = "transfer_in", R_2020_01_06}, "2020-02-17", "2020-05-25", EHCP_TRIBUNAL_NONE, false, false, false},
	    /* the reference's re-assessment: 2024-03-01 + 15, 2024-03-14 + 98 */
	    {"re-assessment decided", {REASSESSED_2024}, "2024-03-16", "2024-06-20", EHCP_TRIBUNAL_NONE, false, false, false},
	    /* 109 days after the request, in time (the reference's own words) */
	    {"re-assessment plan on 2024-06-18", {REASSESSED_2024, .final = "2024-06-18"}, "2024-03-16", "2024-06-20", EHCP_TRIBUNAL_NONE, false, false, true},
	    {"re-assessment plan on 2024-06-20", {REASSESSED_2024, .final = "2024-06-20"}, "2024-03-16", "2024-06-20", EHCP_TRIBUNAL_NONE, false, false, true},
	    {"re-assessment plan on 2024-06-21", {REASSESSED_2024, .final = "2024-06-21"}, "2024-03-16", "2024-06-20", EHCP_TRIBUNAL_NONE, false, false, false},
	    /* 2024-03-17 + 98 = 2024-06-23 */
	    {"re-assessment decided on day 16", {REASSESS_2024, .decision = "assess", .decision_date = "2024-03-17"}, "2024-03-16", "2024-06-23", EHCP_TRIBUNAL_NONE, false, false, false},
	    /* 2024-03-01 + 15 + 98 = 2024-03-16 + 98 = 2024-06-22 */
	    {"re-assessment undecided", {REASSESS_2024}, "2024-03-16", "2024-06-22", EHCP_TRIBUNAL_NONE, false, false, false},
	    {"refused", {REFUSED_2024}, "2024-02-19", "2024-05-27", EHCP_TRIBUNAL_NONE, true, false, false},
	    {"refused, appeal pending", {REFUSED_2024, .appeal = "2024-03-01"}, "2024-02-19", "2024-05-27", EHCP_TRIBUNAL_NONE, true, true, false},
	    {"refused, appeal dismissed", {REFUSED_2024, .appeal = "2024-03-01", .tribunal = "dismissed", .tribunal_date = "2024-06-03"},
	     "2024-02-19", "2024-05-27", EHCP_TRIBUNAL_NONE, true, true, false},
	    /* T + 98 = 2024-09-09 */
	    {"refusal overturned", {ORDERED_TO_ASSESS}, "2024-02-19", "2024-09-09", EHCP_TRIBUNAL_ASSESS, false, true, false},
	    {"refusal overturned, plan on T + 98", {ORDERED_TO_ASSESS, .final = "2024-09-09"}, "2024-02-19", "2024-09-09", EHCP_TRIBUNAL_ASSESS, false, true, true},
	    {"refusal overturned, plan on T + 99", {ORDERED_TO_ASSESS, .final = "2024-09-10"}, "2024-02-19", "2024-09-09", EHCP_TRIBUNAL_ASSESS, false, true, false},
	    {"refusal overturned, then closed", {ORDERED_TO_ASSESS, .closed = "2024-07-01", .closed_reason = "moved_away"},
	     "2024-02-19", "2024-09-09", EHCP_TRIBUNAL_ASSESS, true, true, false},
	    {"not to issue", {NOT_ISSUED_2024}, "2024-02-19", "2024-05-27", EHCP_TRIBUNAL_NONE, true, false, false},
	    /* T + 77 = 2024-09-16 */
	    {"not to issue overturned", {ORDERED_TO_ISSUE}, "2024-02-19", "2024-09-16", EHCP_TRIBUNAL_ISSUE, false, true, false},
	    {"not to issue overturned, plan on T + 77", {ORDERED_TO_ISSUE, .draft = "2024-08-01", .final = "2024-09-16"},
	     "2024-02-19", "2024-09-16", EHCP_TRIBUNAL_ISSUE, false, true, true},
	    {"not to issue overturned, plan on T + 78", {ORDERED_TO_ISSUE, .draft = "2024-08-01", .final = "2024-09-17"},
	     "2024-02-19", "2024-09-16", EHCP_TRIBUNAL_ISSUE, false, true, false},
	    {"order to assess without a refusal", {ASSESSED_2024, .appeal = "2024-03-01", .tribunal = "assess", .tribunal_date = "2024-06-03"},
	     "2024-02-19", "2024-05-27", EHCP_TRIBUNAL_NONE, false, true, false},
	    {"order to issue after a refusal", {REFUSED_2024, .appeal = "2024-03-01", .tribunal = "issue", .tribunal_date = "2024-06-03"},
	     "2024-02-19", "2024-05-27", EHCP_TRIBUNAL_NONE, true, true, false},
	    {"mediation only", {ASSESSED_2024, .mediation = "2024-03-05"}, "2024-02-19", "2024-05-27", EHCP_TRIBUNAL_NONE, false, true, false},
	    {"withdrawn", {R_2024_01_08, .closed = "2024-02-01", .closed_reason = "withdrawn"}, "2024-02-19", "2024-05-27", EHCP_TRIBUNAL_NONE, true, false, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ehcp_case_dates c = spec_build(&cases[i].s);
		int before = harness_failures;
		CHECK_STR(iso(ehcp_clock_decision_due(&c)), cases[i].decision_due);
		CHECK_STR(iso(ehcp_clock_final_due(&c)), cases[i].final_due);
		CHECK_INT(ehcp_clock_overturn(&c), cases[i].overturn);
		CHECK_INT(ehcp_clock_ended(&c), cases[i].ended);
		CHECK_INT(ehcp_clock_mediation_or_tribunal(&c), cases[i].mediation_or_tribunal);
		CHECK_INT(ehcp_clock_final_in_time(&c), cases[i].final_in_time);
		if (harness_failures != before)
			fprintf(stderr, "  in rule case \"%s\"\n", cases[i].name);
	}

	/* A re-assessment decided on day 16 is late (due 2024-03-16); on day 15 in time. */
	ehcp_date r = spec_date("2024-03-01");
	CHECK(!ehcp_clock_within(r, spec_date("2024-03-17"), EHCP_DAYS_DECISION_REASSESSMENT));
	CHECK(ehcp_clock_within(r, spec_date("2024-03-16"), EHCP_DAYS_DECISION_REASSESSMENT));
	spec late = {REASSESS_2024, .decision = "assess", .decision_date = "2024-03-17"};
	ehcp_case_dates c = spec_build(&late);
	ehcp_deadline dl[EHCP_DEADLINE_COUNT];
	ehcp_clock_deadlines(dl, &c);
	CHECK(dl[EHCP_DEADLINE_DECISION].met > dl[EHCP_DEADLINE_DECISION].due);

	/* As of a day: the mediation and the tribunal count from their dates. */
	ehcp_case_dates asof;
	spec m = {ASSESSED_2024, .mediation = "2024-03-05"};
	c = spec_build(&m);
	ehcp_clock_as_of(&asof, &c, spec_date("2024-03-04"));
	CHECK(!ehcp_clock_mediation_or_tribunal(&asof));
	ehcp_clock_as_of(&asof, &c, spec_date("2024-03-05"));
	CHECK(ehcp_clock_mediation_or_tribunal(&asof));
	spec t = {ORDERED_TO_ASSESS};
	c = spec_build(&t);
	ehcp_clock_as_of(&asof, &c, spec_date("2024-02-29"));  /* refused, no appeal yet */
	CHECK(!ehcp_clock_mediation_or_tribunal(&asof));
	CHECK(ehcp_clock_ended(&asof));
	ehcp_clock_as_of(&asof, &c, spec_date("2024-06-02"));  /* appealed, no order yet */
	CHECK(ehcp_clock_mediation_or_tribunal(&asof));
	CHECK(ehcp_clock_ended(&asof));
	CHECK_INT(ehcp_clock_overturn(&asof), EHCP_TRIBUNAL_NONE);
	CHECK_INT(asof.tribunal_outcome, EHCP_TRIBUNAL_NONE);
	CHECK_STR(iso(asof.tribunal_outcome_date), "");
	CHECK_STR(iso(asof.tribunal_appeal), "2024-03-01");
	ehcp_clock_as_of(&asof, &c, spec_date("2024-06-03"));  /* the order's day */
	CHECK(!ehcp_clock_ended(&asof));
	CHECK_INT(ehcp_clock_overturn(&asof), EHCP_TRIBUNAL_ASSESS);
	CHECK_STR(iso(ehcp_clock_final_due(&asof)), "2024-09-09");
	/* The undecided re-assessment as of a day before its decision. */
	spec ra = {REASSESSED_2024};
	c = spec_build(&ra);
	ehcp_clock_as_of(&asof, &c, spec_date("2024-03-13"));
	CHECK_STR(iso(ehcp_clock_final_due(&asof)), "2024-06-22");   /* 2024-03-16 + 98 */
	ehcp_clock_as_of(&asof, &c, spec_date("2024-03-14"));
	CHECK_STR(iso(ehcp_clock_final_due(&asof)), "2024-06-20");   /* 2024-03-14 + 98 */
}

static void test_status_corrected(void)
{
	static const struct {
		const char *name;
		spec s;
		const char *on;
		int nearing;
		const char *status, *next, *next_due, *late, *stage;
		int elapsed;
	} cases[] = {
	    /* The reference's re-assessment (R 2024-03-01; Mar 1 -> Jun 1 is
	     * 31 + 30 + 31 = 92 days). */
	    {"re-assessment, before the decision", {REASSESSED_2024}, "2024-03-05", 14,
	     "nearing", "decision", "2024-03-16", "", "awaiting_decision", 4},
	    {"re-assessment, decided", {REASSESSED_2024}, "2024-03-14", 14,
	     "on_track", "safe_draft", "2024-06-05", "", "assessing", 13},
	    {"re-assessment, safe draft passed", {REASSESSED_2024}, "2024-06-10", 14,
	     "nearing", "final_plan", "2024-06-20", "", "assessing", 101},
	    /* 2024-06-20 - 2024-06-03 = 17 days: more than 14 */
	    {"re-assessment, draft served", {REASSESSED_2024, .draft = "2024-06-01"}, "2024-06-03", 14,
	     "on_track", "final_plan", "2024-06-20", "", "draft_served", 94},
	    {"re-assessment, plan 14 days away", {REASSESSED_2024, .draft = "2024-06-01"}, "2024-06-06", 14,
	     "nearing", "final_plan", "2024-06-20", "", "draft_served", 97},
	    {"re-assessment, plan due today", {REASSESSED_2024, .draft = "2024-06-01"}, "2024-06-20", 14,
	     "nearing", "final_plan", "2024-06-20", "", "draft_served", 111},
	    {"re-assessment, a day past", {REASSESSED_2024, .draft = "2024-06-01"}, "2024-06-21", 14,
	     "overdue", "", "", "final_plan", "draft_served", 112},
	    {"re-assessment plan on 2024-06-18", {REASSESSED_2024, .draft = "2024-06-01", .final = "2024-06-18"}, "2024-06-18", 14,
	     "done_in_time", "", "", "", "issued", 109},
	    {"re-assessment plan on 2024-06-21", {REASSESSED_2024, .draft = "2024-06-01", .final = "2024-06-21"}, "2024-06-21", 14,
	     "done_late", "", "", "", "issued", 112},
	    /* Not decided by day 16: the decision is late, the plan counted from
	     * 2024-03-16 (due 2024-06-22, safe draft 2024-06-07). */
	    {"re-assessment, decision due today", {REASSESS_2024}, "2024-03-16", 14,
	     "nearing", "decision", "2024-03-16", "", "awaiting_decision", 15},
	    {"re-assessment, decision a day late", {REASSESS_2024}, "2024-03-17", 14,
	     "overdue", "safe_draft", "2024-06-07", "decision", "awaiting_decision", 16},
	    {"re-assessment decided on day 16", {REASSESS_2024, .decision = "assess", .decision_date = "2024-03-17"}, "2024-03-17", 14,
	     "on_track", "safe_draft", "2024-06-08", "", "assessing", 16},
	    {"re-assessment decided on day 16, plan on 2024-06-23", {REASSESS_2024, .decision = "assess", .decision_date = "2024-03-17",
	                                                             .final = "2024-06-23"}, "2024-06-30", 14,
	     "done_in_time", "", "", "", "issued", 121},
	    /* The refusal overturned (R 2024-01-08; Jan 8 -> Jun 8 is 152 days,
	     * -> Aug 8 is 213, -> Sep 8 is 244). */
	    {"refused, before the order", {ORDERED_TO_ASSESS}, "2024-06-02", 14,
	     "ended", "", "", "", "refused", 146},
	    {"on the order's day: notice to assess next", {ORDERED_TO_ASSESS}, "2024-06-03", 14,
	     "nearing", "tribunal_notice", "2024-06-17", "", "assessing", 147},
	    {"the notice is advisory: passed, not late", {ORDERED_TO_ASSESS}, "2024-06-18", 14,
	     "on_track", "not_issue_notice", "2024-08-12", "", "assessing", 162},
	    {"after the order, advice all in", {ORDERED_TO_ASSESS, .health_req = "2024-06-10", .health_rec = "2024-07-01"}, "2024-07-02", 14,
	     "on_track", "not_issue_notice", "2024-08-12", "", "awaiting_plan_decision", 176},
	    {"after the order, advice late", {ORDERED_TO_ASSESS, .health_req = "2024-06-10"}, "2024-07-23", 14,
	     "overdue", "not_issue_notice", "2024-08-12", "health_advice", "assessing", 197},
	    {"after the order, safe draft passed", {ORDERED_TO_ASSESS}, "2024-08-26", 14,
	     "nearing", "final_plan", "2024-09-09", "", "assessing", 231},
	    {"after the order, plan a day late", {ORDERED_TO_ASSESS}, "2024-09-10", 14,
	     "overdue", "", "", "final_plan", "assessing", 246},
	    {"after the order, plan on T + 98", {ORDERED_TO_ASSESS, .plan = "issue", .plan_date = "2024-08-01", .draft = "2024-08-10",
	                                         .final = "2024-09-09"}, "2024-09-09", 14,
	     "done_in_time", "", "", "", "issued", 245},
	    {"after the order, plan on T + 99", {ORDERED_TO_ASSESS, .final = "2024-09-10"}, "2024-09-10", 14,
	     "done_late", "", "", "", "issued", 246},
	    {"after the order, decided not to issue", {ORDERED_TO_ASSESS, .plan = "not_issue", .plan_date = "2024-08-01"}, "2024-08-02", 14,
	     "ended", "", "", "", "not_issued", 207},
	    {"after the order, closed", {ORDERED_TO_ASSESS, .closed = "2024-07-01", .closed_reason = "withdrawn"}, "2024-07-01", 14,
	     "ended", "", "", "", "closed", 175},
	    /* Not to issue overturned. */
	    {"not issued, before the order", {ORDERED_TO_ISSUE}, "2024-06-30", 14,
	     "ended", "", "", "", "not_issued", 174},
	    {"on the order to make a plan", {ORDERED_TO_ISSUE}, "2024-07-01", 14,
	     "on_track", "tribunal_draft", "2024-08-05", "", "drafting", 175},
	    {"draft due today", {ORDERED_TO_ISSUE}, "2024-08-05", 14,
	     "nearing", "tribunal_draft", "2024-08-05", "", "drafting", 210},
	    {"draft a day late: overdue", {ORDERED_TO_ISSUE}, "2024-08-06", 14,
	     "overdue", "final_plan", "2024-09-16", "tribunal_draft", "drafting", 211},
	    {"draft served, plan due in 6 days", {ORDERED_TO_ISSUE, .draft = "2024-08-01"}, "2024-09-10", 14,
	     "nearing", "final_plan", "2024-09-16", "", "draft_served", 246},
	    {"plan on T + 77", {ORDERED_TO_ISSUE, .draft = "2024-08-01", .final = "2024-09-16"}, "2024-09-16", 14,
	     "done_in_time", "", "", "", "issued", 252},
	    {"plan on T + 78", {ORDERED_TO_ISSUE, .draft = "2024-08-01", .final = "2024-09-17"}, "2024-09-17", 14,
	     "done_late", "", "", "", "issued", 253},
	    /* Dismissed appeals and mediation leave the case where it was. */
	    {"refusal, appeal dismissed", {REFUSED_2024, .appeal = "2024-03-01", .tribunal = "dismissed", .tribunal_date = "2024-06-03"}, "2024-06-10", 14,
	     "ended", "", "", "", "refused", 154},
	    {"not to issue, appeal dismissed", {NOT_ISSUED_2024, .appeal = "2024-05-01", .tribunal = "dismissed", .tribunal_date = "2024-07-01"}, "2024-07-02", 14,
	     "ended", "", "", "", "not_issued", 176},
	    /* 2024-01-08 + 42 = 2024-02-19; + 112 = 2024-04-29 */
	    {"mediation on an open case", {ASSESSED_2024, .mediation = "2024-03-05"}, "2024-03-10", 14,
	     "on_track", "not_issue_notice", "2024-04-29", "", "assessing", 62},
	    {"appeal about the plan", {ASSESSED_2024, .plan = "issue", .plan_date = "2024-04-15", .draft = "2024-04-22",
	                               .final = "2024-05-20", .appeal = "2024-06-10", .tribunal = "other", .tribunal_date = "2024-10-01"}, "2024-10-02", 14,
	     "done_in_time", "", "", "", "issued", 268},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ehcp_case_dates c = spec_build(&cases[i].s);
		ehcp_clock_view v;
		ehcp_date on = spec_date(cases[i].on);
		ehcp_clock_view_on(&v, &c, on, cases[i].nearing);
		const char *next = v.next == EHCP_DEADLINE_COUNT ? "" : ehcp_deadline_name(v.next);
		const char *late = v.late == EHCP_DEADLINE_COUNT ? "" : ehcp_deadline_name(v.late);
		int before = harness_failures;
		CHECK_STR(ehcp_status_name(v.status), cases[i].status);
		CHECK_STR(next, cases[i].next);
		CHECK_STR(iso(v.next_due), cases[i].next_due);
		CHECK_STR(late, cases[i].late);
		CHECK_STR(ehcp_stage_name(ehcp_clock_stage(&c, on)), cases[i].stage);
		CHECK_INT(v.elapsed_days, cases[i].elapsed);
		if (harness_failures != before)
			fprintf(stderr, "  in status case \"%s\"\n", cases[i].name);
	}
}

static void test_consistency_corrected(void)
{
	static const struct {
		const char *name;
		spec s;
		const char *today;
		const char *fields;   /* every field at fault, in order, comma-separated */
		const char *first;    /* the first problem's message */
	} cases[] = {
	    /* ---- tribunal ---- */
	    {"refusal overturned, then a plan: consistent",
	     {ORDERED_TO_ASSESS, .health_req = "2024-06-10", .health_rec = "2024-07-01", .plan = "issue", .plan_date = "2024-08-01",
	      .draft = "2024-08-10", .final = "2024-09-09"}, "2024-10-01", "", ""},
	    {"not to issue overturned, then a plan: consistent", {ORDERED_TO_ISSUE, .draft = "2024-08-01", .final = "2024-09-16"}, "2024-10-01", "", ""},
	    {"appeal about the plan: consistent", {ASSESSED_2024, .plan = "issue", .plan_date = "2024-04-15", .draft = "2024-04-22",
	                                           .final = "2024-05-20", .appeal = "2024-06-10", .tribunal = "other", .tribunal_date = "2024-10-01"},
	     "2024-10-01", "", ""},
	    {"mediation and an appeal still pending: consistent", {NOT_ISSUED_2024, .mediation = "2024-04-25", .appeal = "2024-05-01"}, "2024-05-02", "", ""},
	    {"outcome without an appeal", {REFUSED_2024, .tribunal = "assess", .tribunal_date = "2024-06-03"}, NULL,
	     "tribunal_appeal_date", "tribunal_appeal_date is required with tribunal_outcome"},
	    {"outcome without its date", {REFUSED_2024, .appeal = "2024-03-01", .tribunal = "assess"}, NULL,
	     "tribunal_outcome_date", "tribunal_outcome_date is required with tribunal_outcome"},
	    {"outcome date without the outcome", {REFUSED_2024, .appeal = "2024-03-01", .tribunal_date = "2024-06-03"}, NULL,
	     "tribunal_outcome", "tribunal_outcome is required with tribunal_outcome_date"},
	    {"outcome before the appeal", {REFUSED_2024, .appeal = "2024-06-03", .tribunal = "dismissed", .tribunal_date = "2024-03-01"}, NULL,
	     "tribunal_outcome_date", "tribunal_outcome_date 2024-03-01 is before tribunal_appeal_date 2024-06-03"},
	    {"outcome on the appeal's day", {REFUSED_2024, .appeal = "2024-06-03", .tribunal = "assess", .tribunal_date = "2024-06-03"}, NULL, "", ""},
	    {"order to assess without a refusal", {ASSESSED_2024, .appeal = "2024-03-01", .tribunal = "assess", .tribunal_date = "2024-06-03"}, NULL,
	     "tribunal_outcome", "tribunal_outcome: assess needs assessment_decision refuse (an order to assess overturns a refusal)"},
	    {"order to assess with no decision", {R_2024_01_08, .appeal = "2024-03-01", .tribunal = "assess", .tribunal_date = "2024-06-03"}, NULL,
	     "tribunal_outcome", "tribunal_outcome: assess needs assessment_decision refuse (an order to assess overturns a refusal)"},
	    {"order to make a plan without not_issue", {ASSESSED_2024, .plan = "issue", .plan_date = "2024-04-15", .appeal = "2024-05-01",
	                                                .tribunal = "issue", .tribunal_date = "2024-07-01"}, NULL,
	     "tribunal_outcome", "tribunal_outcome: issue needs plan_decision not_issue (an order to make a plan overturns a decision not to issue)"},
	    {"order to make a plan after a refusal", {REFUSED_2024, .appeal = "2024-03-01", .tribunal = "issue", .tribunal_date = "2024-06-03"}, NULL,
	     "tribunal_outcome", "tribunal_outcome: issue needs plan_decision not_issue (an order to make a plan overturns a decision not to issue)"},
	    {"appeal before the refusal", {REFUSED_2024, .appeal = "2024-02-01", .tribunal = "assess", .tribunal_date = "2024-06-03"}, NULL,
	     "tribunal_appeal_date", "tribunal_appeal_date 2024-02-01 is before assessment_decision_date 2024-02-10"},
	    {"appeal before the decision not to issue", {NOT_ISSUED_2024, .appeal = "2024-04-01", .tribunal = "issue", .tribunal_date = "2024-07-01"}, NULL,
	     "tribunal_appeal_date", "tribunal_appeal_date 2024-04-01 is before plan_decision_date 2024-04-22"},
	    {"plan milestones before the order to assess",
	     {ORDERED_TO_ASSESS, .plan = "issue", .plan_date = "2024-05-01", .draft = "2024-05-20", .final = "2024-06-01"}, NULL,
	     "plan_decision_date,draft_plan_date,final_plan_date", "plan_decision_date 2024-05-01 is before tribunal_outcome_date 2024-06-03"},
	    {"milestones on the order's day", {ORDERED_TO_ASSESS, .plan = "issue", .plan_date = "2024-06-03", .draft = "2024-06-03", .final = "2024-06-03"},
	     NULL, "", ""},
	    {"draft before the order to make a plan", {ORDERED_TO_ISSUE, .draft = "2024-06-20", .final = "2024-09-01"}, NULL,
	     "draft_plan_date", "draft_plan_date 2024-06-20 is before tribunal_outcome_date 2024-07-01"},
	    {"a plan after a refusal, appeal dismissed",
	     {REFUSED_2024, .appeal = "2024-03-01", .tribunal = "dismissed", .tribunal_date = "2024-06-03", .final = "2024-08-01"}, NULL,
	     "final_plan_date", "final_plan_date is recorded, but the council refused to assess"},
	    {"a plan after a refusal, appeal about something else",
	     {REFUSED_2024, .appeal = "2024-03-01", .tribunal = "other", .tribunal_date = "2024-06-03", .final = "2024-08-01"}, NULL,
	     "final_plan_date", "final_plan_date is recorded, but the council refused to assess"},
	    {"a draft after not_issue, appeal dismissed",
	     {NOT_ISSUED_2024, .appeal = "2024-05-01", .tribunal = "dismissed", .tribunal_date = "2024-07-01", .draft = "2024-08-01"}, NULL,
	     "draft_plan_date", "draft_plan_date is recorded, but the council decided not to issue a plan"},
	    {"closed after the order to assess", {ORDERED_TO_ASSESS, .closed = "2024-07-01", .closed_reason = "withdrawn"}, NULL, "", ""},
	    {"closed on the order's day", {ORDERED_TO_ASSESS, .closed = "2024-06-03", .closed_reason = "withdrawn"}, NULL, "", ""},
	    {"closed after the order to make a plan", {ORDERED_TO_ISSUE, .closed = "2024-07-15", .closed_reason = "moved_away"}, NULL, "", ""},
	    {"closed before the order", {ORDERED_TO_ASSESS, .closed = "2024-05-01", .closed_reason = "withdrawn"}, NULL,
	     "closed_date", "closed_date 2024-05-01 is before tribunal_outcome_date 2024-06-03"},
	    {"closed after a dismissed appeal",
	     {REFUSED_2024, .appeal = "2024-03-01", .tribunal = "dismissed", .tribunal_date = "2024-06-03", .closed = "2024-07-01", .closed_reason = "withdrawn"},
	     NULL, "closed_date", "closed_date is recorded, but the request already ended with a refusal to assess"},
	    {"mediation before the request", {R_2024_01_08, .mediation = "2024-01-01"}, NULL,
	     "mediation_date", "mediation_date 2024-01-01 is before request_date 2024-01-08"},
	    {"appeal before the request", {REFUSED_2024, .appeal = "2024-01-01"}, NULL,
	     "tribunal_appeal_date", "tribunal_appeal_date 2024-01-01 is before request_date 2024-01-08"},
	    {"order in the future", {ORDERED_TO_ASSESS}, "2024-06-01",
	     "tribunal_outcome_date", "tribunal_outcome_date 2024-06-03 is after today, 2024-06-01"},
	    {"mediation in the future", {ASSESSED_2024, .mediation = "2024-03-05"}, "2024-03-04",
	     "mediation_date", "mediation_date 2024-03-05 is after today, 2024-03-04"},

	    /* ---- coronavirus on the case: the period from the request (or the
	     * tribunal's order) to the final plan's due date must meet
	     * 2020-05-01 .. 2020-09-25 ---- */
	    /* 2020-01-06 + 140 = 2020-05-25, inside */
	    {"coronavirus: plan due 2020-05-25", {R_2020_01_06, .exception = "coronavirus"}, NULL, "", ""},
	    /* 2019-06-03 + 140 = 2019-10-21 (Jun 3 -> Oct 3 is 30+31+31+30 = 122, + 18) */
	    {"coronavirus: plan due 2019-10-21", {.request = "2019-06-03", .exception = "coronavirus"}, NULL, "exception",
	     "coronavirus excuses only a limit due in, or running through, 1 May to 25 September 2020 (this one ran 2019-06-03 to 2019-10-21)"},
	    /* 2020-10-01 + 140 = 2021-02-18 (Oct 1 -> Feb 1 is 31+30+31+31 = 123, + 17) */
	    {"coronavirus: request after the window", {.request = "2020-10-01", .exception = "coronavirus"}, NULL, "exception",
	     "coronavirus excuses only a limit due in, or running through, 1 May to 25 September 2020 (this one ran 2020-10-01 to 2021-02-18)"},
	    /* 2019-12-13 + 140 = 2020-05-01 (Dec 13 -> Mar 13 is 31+31+29 = 91, -> Apr 13 is 122, + 18): due on the first day */
	    {"coronavirus: plan due on 2020-05-01", {.request = "2019-12-13", .exception = "coronavirus"}, NULL, "", ""},
	    {"coronavirus: plan due on 2020-04-30", {.request = "2019-12-12", .exception = "coronavirus"}, NULL, "exception",
	     "coronavirus excuses only a limit due in, or running through, 1 May to 25 September 2020 (this one ran 2019-12-12 to 2020-04-30)"},
	    {"coronavirus: request on 2020-09-25", {.request = "2020-09-25", .exception = "coronavirus"}, NULL, "", ""},
	    /* 2020-09-26 + 140 = 2021-02-13 (Sep 26 -> Jan 26 is 30+31+30+31 = 122, + 18) */
	    {"coronavirus: request on 2020-09-26", {.request = "2020-09-26", .exception = "coronavirus"}, NULL, "exception",
	     "coronavirus excuses only a limit due in, or running through, 1 May to 25 September 2020 (this one ran 2020-09-26 to 2021-02-13)"},
	    {"coronavirus: running through the whole window", {.request = "2020-04-01", .exception = "coronavirus"}, NULL, "", ""},
	    /* A re-assessment's 14 weeks: 2020-01-20 + 98 = 2020-04-27 (Jan 20 ->
	     * Apr 20 is 31+29+31 = 91, + 7): before the window, though an
	     * initial request of the same day would be inside it. */
	    {"coronavirus: re-assessment plan due 2020-04-27",
	     {.type = "reassessment", R_2020_01_06, .decision = "assess", .decision_date = "2020-01-20", .exception = "coronavirus"}, NULL, "exception",
	     "coronavirus excuses only a limit due in, or running through, 1 May to 25 September 2020 (this one ran 2020-01-06 to 2020-04-27)"},
	    /* 2020-01-24 + 98 = 2020-05-01 */
	    {"coronavirus: re-assessment plan due 2020-05-01",
	     {.type = "reassessment", R_2020_01_06, .decision = "assess", .decision_date = "2020-01-24", .exception = "coronavirus"}, NULL, "", ""},
	    /* undecided: 2020-01-06 + 15 + 98 = 2020-01-21 + 98 = 2020-04-28 */
	    {"coronavirus: re-assessment undecided", {.type = "reassessment", R_2020_01_06, .exception = "coronavirus"}, NULL, "exception",
	     "coronavirus excuses only a limit due in, or running through, 1 May to 25 September 2020 (this one ran 2020-01-06 to 2020-04-28)"},
	    /* After an order to assess on 2020-10-05 every limit runs from it:
	     * 2020-10-05 + 98 = 2021-01-11 (Oct 5 -> Jan 5 is 31+30+31 = 92, + 6);
	     * the refusal's own limit fell due on 2020-02-17, before the window. */
	    {"coronavirus: order to assess after the window",
	     {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10", .appeal = "2020-03-01", .tribunal = "assess",
	      .tribunal_date = "2020-10-05", .exception = "coronavirus"}, NULL, "exception",
	     "coronavirus excuses only a limit due in, or running through, 1 May to 25 September 2020 (this one ran 2020-10-05 to 2021-01-11)"},
	    {"coronavirus: order to assess on 2020-09-25",
	     {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10", .appeal = "2020-03-01", .tribunal = "assess",
	      .tribunal_date = "2020-09-25", .exception = "coronavirus"}, NULL, "", ""},
	    /* ---- coronavirus on advice: requested .. requested + 42 ---- */
	    /* 2020-03-20 + 42 = 2020-05-01 (Mar 20 -> Apr 20 is 31, + 11) */
	    {"advice coronavirus: due 2020-05-01", {.request = "2020-03-01", .health_req = "2020-03-20", .health_exc = "coronavirus"}, NULL, "", ""},
	    {"advice coronavirus: due 2020-04-30", {.request = "2020-03-01", .health_req = "2020-03-19", .health_exc = "coronavirus"}, NULL,
	     "health_advice_exception",
	     "coronavirus excuses only a limit due in, or running through, 1 May to 25 September 2020 (this one ran 2020-03-19 to 2020-04-30)"},
	    {"advice coronavirus: asked 2020-09-25", {.request = "2020-03-01", .ep_req = "2020-09-25", .ep_exc = "coronavirus"}, NULL, "", ""},
	    /* 2020-09-26 + 42 = 2020-11-07 (Sep 26 -> Oct 26 is 30, + 12) */
	    {"advice coronavirus: asked 2020-09-26", {.request = "2020-03-01", .ep_req = "2020-09-26", .ep_exc = "coronavirus"}, NULL,
	     "ep_advice_exception",
	     "coronavirus excuses only a limit due in, or running through, 1 May to 25 September 2020 (this one ran 2020-09-26 to 2020-11-07)"},
	    /* 2024-02-12 + 42 = 2024-03-25 (Feb 12 -> Mar 12 is 29, + 13) */
	    {"advice coronavirus in 2024", {ASSESSED_2024, .sc_req = "2024-02-12", .sc_exc = "coronavirus"}, NULL,
	     "social_care_advice_exception",
	     "coronavirus excuses only a limit due in, or running through, 1 May to 25 September 2020 (this one ran 2024-02-12 to 2024-03-25)"},
	    {"coronavirus on the case and an advice, both outside", {ASSESSED_2024, .sc_req = "2024-02-12", .sc_exc = "coronavirus",
	                                                            .exception = "coronavirus"}, NULL,
	     "exception,social_care_advice_exception",
	     "coronavirus excuses only a limit due in, or running through, 1 May to 25 September 2020 (this one ran 2024-01-08 to 2024-05-27)"},
	    {"other exceptions have no window", {ASSESSED_2024, .sc_req = "2024-02-12", .sc_exc = "missed_appointment",
	                                        .exception = "setting_closure"}, NULL, "", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ehcp_case_dates c = spec_build(&cases[i].s);
		ehcp_problem p[16];
		size_t n = ehcp_clock_check(p, 16, &c, cases[i].today ? spec_date(cases[i].today) : EHCP_DATE_NONE);
		char fields[512] = "";
		for (size_t k = 0; k < n && k < 16; k++) {
			if (k)
				strcat(fields, ",");
			strcat(fields, p[k].field);
		}
		int before = harness_failures;
		CHECK_STR(fields, cases[i].fields);
		CHECK_STR(n ? p[0].message : "", cases[i].first);
		if (harness_failures != before)
			fprintf(stderr, "  in consistency case \"%s\"\n", cases[i].name);
	}

	/* The window itself, at its edges (ehcp/rules.h: 2020-05-01 .. 2020-09-25). */
	CHECK(ehcp_exception_coronavirus_applies(spec_date("2019-12-13"), spec_date("2020-05-01")));  /* due on the first day */
	CHECK(!ehcp_exception_coronavirus_applies(spec_date("2019-12-12"), spec_date("2020-04-30"))); /* a day before */
	CHECK(ehcp_exception_coronavirus_applies(spec_date("2020-09-25"), spec_date("2020-11-06")));  /* starts on the last day */
	CHECK(!ehcp_exception_coronavirus_applies(spec_date("2020-09-26"), spec_date("2020-11-07"))); /* a day after */
	CHECK(ehcp_exception_coronavirus_applies(spec_date("2020-06-01"), spec_date("2020-07-13")));  /* inside */
	CHECK(ehcp_exception_coronavirus_applies(spec_date("2020-01-01"), spec_date("2021-01-01")));  /* through */
	CHECK(!ehcp_exception_coronavirus_applies(spec_date("2021-01-01"), spec_date("2021-05-01")));
	/* Coronavirus is now one of the advice-givers' exceptions. */
	CHECK(ehcp_exception_valid_for_advice(EHCP_EXCEPTION_CORONAVIRUS));
	CHECK(ehcp_exception_valid_for_case(EHCP_EXCEPTION_CORONAVIRUS));
	CHECK_HAS(ehcp_advice_exception_list(), "coronavirus");
	CHECK_HAS(ehcp_case_exception_list(), "coronavirus");
	CHECK_STR(ehcp_tribunal_outcome_list(), "dismissed, assess, issue, other");
}

/* The codes' lists as messages give them, and each exception valid where
 * the regulations say (regs 5(4), 10(4), 13(3), 27(3); reg 8(2)). */
static void test_code_lists(void)
{
	CHECK_STR(ehcp_assess_decision_list(), "assess, refuse");
	CHECK_STR(ehcp_plan_decision_list(), "issue, not_issue");
	CHECK_STR(ehcp_closed_reason_list(), "withdrawn, moved_away, other");
	CHECK_STR(ehcp_case_exception_list(), "setting_closure, personal_circumstances, absent_from_area, coronavirus");
	CHECK_STR(ehcp_advice_exception_list(), "personal_circumstances, absent_from_area, missed_appointment, coronavirus");
	CHECK_HAS(ehcp_request_type_list(), "initial, reassessment, transfer_in (a child who moved in during an assessment");
	static const struct {
		ehcp_exception e;
		const char *name;
		bool for_case, for_advice;
	} ex[] = {
	    {EHCP_EXCEPTION_NONE, "", false, false},
	    {EHCP_EXCEPTION_SETTING_CLOSURE, "setting_closure", true, false},
	    {EHCP_EXCEPTION_PERSONAL_CIRCUMSTANCES, "personal_circumstances", true, true},
	    {EHCP_EXCEPTION_ABSENT_FROM_AREA, "absent_from_area", true, true},
	    {EHCP_EXCEPTION_MISSED_APPOINTMENT, "missed_appointment", false, true},
	    {EHCP_EXCEPTION_CORONAVIRUS, "coronavirus", true, true},
	};
	for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
		CHECK_STR(ehcp_exception_name(ex[i].e), ex[i].name);
		CHECK(ehcp_exception_valid_for_case(ex[i].e) == ex[i].for_case);
		CHECK(ehcp_exception_valid_for_advice(ex[i].e) == ex[i].for_advice);
	}
	CHECK(!ehcp_exception_valid_for_case((ehcp_exception)99));
	/* a bad code's message lists the good ones */
	ehcp_closed_reason r;
	CHECK_INT(ehcp_closed_reason_parse(&r, "gone"), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "\"gone\" is not one of withdrawn, moved_away, other");
}

/* Two shapes the reading found: a decision not to issue with no decision
 * to assess recorded is still judged against the 16-week notice (R + 112,
 * as the decisions report judges it); and a case exception does not
 * excuse the 15 days of a decision whether to re-assess (reg 25 has no
 * exception), though it excuses the 14-week plan (reg 27(3)). */
static void test_reading_shapes(void)
{
	ehcp_case_dates c = EHCP_CASE_DATES_INIT;
	c.request = spec_date("2024-01-08");
	c.plan_decision = EHCP_PLAN_NOT_ISSUE;
	c.plan_decision_date = spec_date("2024-06-03");
	ehcp_deadline dl[EHCP_DEADLINE_COUNT];
	ehcp_clock_deadlines(dl, &c);
	CHECK(dl[EHCP_DEADLINE_NOT_ISSUE].applies);
	CHECK_INT(dl[EHCP_DEADLINE_NOT_ISSUE].due, spec_date("2024-04-29"));    /* 8 Jan + 112 */
	CHECK_INT(dl[EHCP_DEADLINE_NOT_ISSUE].met, spec_date("2024-06-03"));

	ehcp_case_dates r = EHCP_CASE_DATES_INIT;
	r.type = EHCP_REQUEST_REASSESSMENT;
	r.request = spec_date("2024-03-01");
	r.exception = EHCP_EXCEPTION_PERSONAL_CIRCUMSTANCES;
	ehcp_clock_deadlines(dl, &r);
	CHECK(dl[EHCP_DEADLINE_DECISION].applies);
	CHECK(!dl[EHCP_DEADLINE_DECISION].excused);
	CHECK(dl[EHCP_DEADLINE_FINAL_PLAN].excused);
	r.type = EHCP_REQUEST_INITIAL;
	ehcp_clock_deadlines(dl, &r);
	CHECK(dl[EHCP_DEADLINE_DECISION].excused);   /* reg 5(4) */
}

int main(void)
{
	test_code_lists();
	test_reading_shapes();
	test_deadlines();
	test_within();
	test_status();
	test_exceptions();
	test_codes();
	test_consistency();
	test_comment_period();
	test_deadlines_corrected();
	test_rule_functions();
	test_status_corrected();
	test_consistency_corrected();
	return harness_finish("test_clock");
}
