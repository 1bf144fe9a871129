/* The plan register against a real PostgreSQL: every write of a plan and
 * its reviews, each refusal with its message and nothing changed, versions,
 * the history, the plan a final plan makes, and the database refusing
 * impossible rows written directly. */
#include "dbtest.h"

static ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;

static ehcp_date D(const char *s)
{
	ehcp_date d;
	char why[128];
	if (ehcp_date_parse(&d, s, strlen(s), why, sizeof why) < 0) {
		fprintf(stderr, "bad test date %s\n", s);
		exit(1);
	}
	return d;
}

static char *digest(ehcp_store *s)
{
	return strdup(dbtest_value(ehcp_store_conn(s),
	                           "SELECT md5(coalesce((SELECT string_agg(p::text, '|' ORDER BY plan_ref) FROM ehcp_plan p), '')"
	                           " || coalesce((SELECT string_agg(r::text, '|' ORDER BY plan_id, meeting_date) FROM ehcp_review r), ''))"
	                           " || ':' || (SELECT count(*) FROM ehcp_plan_history)"));
}

static int add_plan(ehcp_store *s, const char *ref, const char *start, const char *dob)
{
	ehcp_plan *p;
	CHECK_INT(ehcp_plan_new(&p), 0);
	CHECK_INT(ehcp_plan_set_field(p, "plan_ref", ref, strlen(ref)), 0);
	CHECK_INT(ehcp_plan_set_field(p, "plan_start_date", start, strlen(start)), 0);
	CHECK_INT(ehcp_plan_set_field(p, "caseworker", "A. Khan", 7), 0);
	if (dob)
		CHECK_INT(ehcp_plan_set_field(p, "date_of_birth", dob, strlen(dob)), 0);
	int rc = ehcp_plan_add(NULL, s, p, &wo);
	ehcp_plan_free(p);
	return rc;
}

static int review(ehcp_store *s, const char *ref, const char *meeting, const char *field, const char *value)
{
	ehcp_change ch = {field, value, EHCP_CHANGE_RECORD};
	return ehcp_plan_review_add(s, ref, D(meeting), field ? &ch : NULL, field ? 1 : 0, &wo);
}

static int record(ehcp_store *s, const char *ref, const char *meeting, const char *field, const char *value)
{
	ehcp_change ch = {field, value, EHCP_CHANGE_RECORD};
	return ehcp_plan_review_apply(s, ref, meeting ? D(meeting) : EHCP_DATE_NONE, &ch, 1, &wo);
}

static void test_add_and_lookup(ehcp_store *s)
{
	CHECK_INT(add_plan(s, "P-1", "2024-02-29", "2014-03-10"), 0);
	ehcp_plan *p = NULL;
	CHECK_INT(ehcp_plan_lookup(&p, s, "P-1", D("2024-06-01")), 0);
	CHECK_STR(p->plan_ref, "P-1");
	CHECK_STR(p->caseworker, "A. Khan");
	CHECK_INT(p->version, 1);
	CHECK_INT((int)p->review_count, 0);
	CHECK(p->dates.start == D("2024-02-29"));
	/* started 29 Feb 2024: the 12 months end on 28 Feb 2025 */
	CHECK(p->view.review_due == D("2025-02-28"));
	CHECK_INT(p->view.status, EHCP_PLAN_ON_TRACK);
	/* born 10 March 2014 (school year 2013/14): Reception Sept 2018, so Year 5 in 2023/24 */
	CHECK_INT(p->view.nc_year, 5);
	/* Year 6 to 7 in September 2025, amended plan before 15 February 2025 */
	CHECK_INT(p->view.transfer.kind, EHCP_TRANSFER_SECONDARY);
	CHECK(p->view.transfer.deadline == D("2025-02-14"));
	ehcp_plan_free(p);

	CHECK_INT(ehcp_plan_lookup(&p, s, "NOPE", D("2024-06-01")), EHCP_ENOTFOUND);
	CHECK_HAS(ehcp_error_last(), "no plan NOPE");
}

static void test_refusals_change_nothing(ehcp_store *s)
{
	char *before = digest(s);
	CHECK_INT(add_plan(s, "P-1", "2024-01-01", NULL), EHCP_ECONFLICT);
	CHECK_HAS(ehcp_error_last(), "plan P-1 exists already");
	CHECK_INT(add_plan(s, "P-F", "2027-01-01", NULL), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "plan_start_date: 2027-01-01 is in the future");
	CHECK_INT(add_plan(s, "P-B", "2020-01-01", "2020-01-02"), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "date_of_birth: after plan_start_date (2020-01-01)");
	CHECK(strstr(ehcp_error_last(), "2020-01-02") == NULL);

	/* a review before the plan began, a second one the same day, a step
	 * with nothing to hang on */
	CHECK_INT(review(s, "P-1", "2024-02-28", NULL, NULL), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "review 2024-02-28 meeting_date: 2024-02-28 is before the plan started (2024-02-29)");
	CHECK_INT(record(s, "P-1", NULL, "report_date", "2024-03-01"), EHCP_ENOTFOUND);
	CHECK_HAS(ehcp_error_last(), "plan P-1 has no review yet");
	char *after = digest(s);
	CHECK_STR(after, before);
	free(before);
	free(after);
}

static void test_reviews(ehcp_store *s)
{
	CHECK_INT(review(s, "P-1", "2025-02-20", "invitations_date", "2025-02-03"), 0);
	CHECK_INT(review(s, "P-1", "2025-02-20", NULL, NULL), EHCP_ECONFLICT);
	CHECK_HAS(ehcp_error_last(), "plan P-1 has a review on 2025-02-20 already");
	/* the latest review, by default */
	CHECK_INT(record(s, "P-1", NULL, "report_date", "2025-03-03"), 0);
	ehcp_change amend[2] = {{"decision", "amend", EHCP_CHANGE_RECORD}, {"decision_date", "2025-03-14", EHCP_CHANGE_RECORD}};
	CHECK_INT(ehcp_plan_review_apply(s, "P-1", D("2025-02-20"), amend, 2, &wo), 0);

	CHECK_INT(record(s, "P-1", NULL, "amendments_proposed_date", "2025-03-14"), 0);
	/* an amended plan before the proposals; a report before the meeting;
	 * each named with its review */
	char *before = digest(s);
	CHECK_INT(record(s, "P-1", NULL, "amended_plan_date", "2025-03-10"), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(),
	          "review 2025-02-20 amended_plan_date: 2025-03-10 is before the proposed amendments (2025-03-14)");
	ehcp_change bad = {"report_date", "2025-02-19", EHCP_CHANGE_CORRECT};
	CHECK_INT(ehcp_plan_review_apply(s, "P-1", EHCP_DATE_NONE, &bad, 1, &wo), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "review 2025-02-20 report_date: 2025-02-19 is before the meeting");
	CHECK_INT(record(s, "P-1", NULL, "report_date", "2025-03-04"), EHCP_ECONFLICT);
	CHECK_HAS(ehcp_error_last(), "review 2025-02-20 report_date is already recorded (2025-03-03)");
	CHECK_INT(record(s, "P-1", "2025-01-01", "report_date", "2025-03-04"), EHCP_ENOTFOUND);
	CHECK_HAS(ehcp_error_last(), "plan P-1 has no review on 2025-01-01");
	char *after = digest(s);
	CHECK_STR(after, before);
	free(before);
	free(after);

	/* amended 5 May 2025: within 8 weeks of the proposals (14 March + 56 = 9 May) */
	CHECK_INT(record(s, "P-1", NULL, "amended_plan_date", "2025-05-05"), 0);

	ehcp_plan *p = NULL;
	CHECK_INT(ehcp_plan_lookup(&p, s, "P-1", D("2025-06-01")), 0);
	/* plan 1, then one review add and four changes to it: six versions */
	CHECK_INT(p->version, 6);
	CHECK_INT((int)p->review_count, 1);
	/* meeting 20 Feb 2025: next due 19 Feb 2026 */
	CHECK(p->view.review_due == D("2026-02-19"));
	/* the amended plan came after the Year 6 deadline (14 Feb 2025): missed */
	CHECK_INT(p->view.transfer.kind, EHCP_TRANSFER_SECONDARY);
	CHECK(!p->view.transfer_met);
	CHECK_INT(p->view.status, EHCP_PLAN_OVERDUE);
	ehcp_plan_free(p);

	/* an earlier meeting recorded later lands in order; correcting a
	 * meeting's day moves it */
	CHECK_INT(review(s, "P-1", "2024-09-10", NULL, NULL), 0);
	ehcp_change move = {"meeting_date", "2024-09-12", EHCP_CHANGE_CORRECT};
	CHECK_INT(ehcp_plan_review_apply(s, "P-1", D("2024-09-10"), &move, 1, &wo), 0);
	CHECK_INT(ehcp_plan_lookup(&p, s, "P-1", D("2025-06-01")), 0);
	CHECK_INT((int)p->review_count, 2);
	CHECK(p->reviews[0].meeting == D("2024-09-12"));
	CHECK(p->reviews[1].meeting == D("2025-02-20"));
	CHECK(p->reviews[1].amended == D("2025-05-05"));
	ehcp_plan_free(p);
	/* moving it onto the other's day is a conflict */
	ehcp_change clash = {"meeting_date", "2025-02-20", EHCP_CHANGE_CORRECT};
	CHECK_INT(ehcp_plan_review_apply(s, "P-1", D("2024-09-12"), &clash, 1, &wo), EHCP_ECONFLICT);
}

static void test_versions(ehcp_store *s)
{
	ehcp_plan *p = NULL;
	CHECK_INT(ehcp_plan_lookup(&p, s, "P-1", D("2025-06-01")), 0);
	const int v = p->version;
	ehcp_plan_free(p);
	ehcp_write_options stale = wo;
	stale.expected_version = v - 1;
	ehcp_change ch = {"caseworker", "B. Jones", EHCP_CHANGE_CORRECT};
	CHECK_INT(ehcp_plan_apply(s, "P-1", &ch, 1, &stale), EHCP_ECONFLICT);
	CHECK_HAS(ehcp_error_last(), "has changed since version");
	/* a review's change is the plan's: a stale version is refused there too */
	CHECK_INT(ehcp_plan_review_apply(s, "P-1", EHCP_DATE_NONE, &ch, 0, &stale), EHCP_ECONFLICT);
	ehcp_write_options fresh = wo;
	fresh.expected_version = v;
	CHECK_INT(ehcp_plan_apply(s, "P-1", &ch, 1, &fresh), 0);
}

static void test_cease(ehcp_store *s)
{
	char *before = digest(s);
	/* ceasing before a meeting held is refused, naming both */
	CHECK_INT(ehcp_plan_cease(s, "P-1", D("2025-01-01"), EHCP_CEASE_MOVED_LA, &wo), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "review 2025-02-20 meeting_date: the plan ceased on 2025-01-01, before the meeting");
	char *after = digest(s);
	CHECK_STR(after, before);
	free(before);
	free(after);
	CHECK_INT(ehcp_plan_cease(s, "P-1", D("2025-07-31"), EHCP_CEASE_MOVED_LA, &wo), 0);
	CHECK_INT(ehcp_plan_cease(s, "P-1", D("2025-08-01"), EHCP_CEASE_OTHER, &wo), EHCP_ECONFLICT);
	CHECK_INT(review(s, "P-1", "2025-08-05", NULL, NULL), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "the plan ceased on 2025-07-31, before the meeting");
	ehcp_plan *p = NULL;
	CHECK_INT(ehcp_plan_lookup(&p, s, "P-1", D("2025-08-01")), 0);
	CHECK_INT(p->view.status, EHCP_PLAN_CEASED);
	CHECK_INT(p->cease_reason, EHCP_CEASE_MOVED_LA);
	ehcp_plan_free(p);
}

static void test_history(ehcp_store *s)
{
	ehcp_history *h = NULL;
	CHECK_INT(ehcp_plan_history(&h, s, "P-1"), 0);
	/* created; review 2025-02-20 (with its invitations); report; decision
	 * and its date; proposals; amended; review 2024-09-10; its move to
	 * 2024-09-12; caseworker; ceased date and reason */
	CHECK_INT((int)h->count, 12);
	CHECK_STR(h->entries[0].action, "created");
	CHECK_STR(h->entries[1].field, "review 2025-02-20");
	CHECK_STR(h->entries[1].new_value, "(2025-02-20,2025-02-03,,,,,)");
	CHECK_STR(h->entries[2].field, "review 2025-02-20 report_date");
	CHECK_STR(h->entries[2].new_value, "2025-03-03");
	CHECK_STR(h->entries[3].field, "review 2025-02-20 decision");
	CHECK_STR(h->entries[7].field, "review 2024-09-10");
	CHECK_STR(h->entries[8].field, "review 2024-09-12 meeting_date");
	CHECK_STR(h->entries[8].old_value, "2024-09-10");
	CHECK_STR(h->entries[8].action, "corrected");
	CHECK_STR(h->entries[9].field, "caseworker");
	CHECK_STR(h->entries[9].new_value, "B. Jones");
	CHECK_STR(h->entries[10].field, "ceased_date");
	CHECK_STR(h->entries[10].db_role, dbtest_value(ehcp_store_conn(s), "SELECT session_user"));
	CHECK_STR(h->entries[10].app_user, "plan-tester");
	CHECK_STR(h->entries[11].field, "cease_reason");
	CHECK_STR(h->entries[11].new_value, "moved_la");
	ehcp_history_free(h);
}

/* A final plan on a new request makes its plan; a re-assessment's does not. */
static void test_final_plan_makes_plan(ehcp_store *s)
{
	const char *kinds[][2] = {{"R-INIT", "initial"}, {"R-TIN", "transfer_in"}, {"R-RA", "reassessment"}};
	for (int i = 0; i < 3; i++) {
		ehcp_case *c;
		CHECK_INT(ehcp_case_new(&c), 0);
		CHECK_INT(ehcp_case_set_field(c, "case_ref", kinds[i][0], strlen(kinds[i][0])), 0);
		CHECK_INT(ehcp_case_set_field(c, "request_type", kinds[i][1], strlen(kinds[i][1])), 0);
		CHECK_INT(ehcp_case_set_field(c, "request_date", "2024-01-08", 10), 0);
		CHECK_INT(ehcp_case_set_field(c, "caseworker", "C. Lee", 6), 0);
		CHECK_INT(ehcp_case_set_field(c, "date_of_birth", "2015-06-01", 10), 0);
		CHECK_INT(ehcp_case_create(NULL, s, c, &wo), 0);
		ehcp_case_free(c);
		ehcp_change ch[3] = {{"assessment_decision", "assess", EHCP_CHANGE_RECORD},
		                     {"assessment_decision_date", "2024-01-19", EHCP_CHANGE_RECORD},
		                     {"final_plan_date", "2024-05-20", EHCP_CHANGE_RECORD}};
		CHECK_INT(ehcp_case_apply(s, kinds[i][0], ch, 3, &wo), 0);
	}
	ehcp_plan *p = NULL;
	CHECK_INT(ehcp_plan_lookup(&p, s, "R-INIT", D("2024-06-01")), 0);
	CHECK_STR(p->case_ref, "R-INIT");
	CHECK_STR(p->caseworker, "C. Lee");
	CHECK(p->dates.start == D("2024-05-20"));
	CHECK(p->dates.date_of_birth == D("2015-06-01"));
	CHECK(p->view.review_due == D("2025-05-19"));
	ehcp_plan_free(p);
	CHECK_INT(ehcp_plan_lookup(&p, s, "R-TIN", D("2024-06-01")), 0);
	ehcp_plan_free(p);
	CHECK_INT(ehcp_plan_lookup(&p, s, "R-RA", D("2024-06-01")), EHCP_ENOTFOUND);
	/* correcting the final plan's date makes no second plan */
	ehcp_change fix = {"final_plan_date", "2024-05-21", EHCP_CHANGE_CORRECT};
	CHECK_INT(ehcp_case_apply(s, "R-INIT", &fix, 1, &wo), 0);
	CHECK_STR(dbtest_value(ehcp_store_conn(s), "SELECT count(*) FROM ehcp_plan WHERE case_ref = 'R-INIT'"), "1");
	/* ... and moves the start of the plan it made */
	CHECK_STR(dbtest_value(ehcp_store_conn(s), "SELECT plan_start_date FROM ehcp_plan WHERE plan_ref = 'R-INIT'"),
	          "2024-05-21");
	/* but not a start corrected on the plan itself */
	ehcp_change own = {"plan_start_date", "2024-05-23", EHCP_CHANGE_CORRECT};
	CHECK_INT(ehcp_plan_apply(s, "R-TIN", &own, 1, &wo), 0);
	ehcp_change fix2 = {"final_plan_date", "2024-05-22", EHCP_CHANGE_CORRECT};
	CHECK_INT(ehcp_case_apply(s, "R-TIN", &fix2, 1, &wo), 0);
	CHECK_STR(dbtest_value(ehcp_store_conn(s), "SELECT plan_start_date FROM ehcp_plan WHERE plan_ref = 'R-TIN'"),
	          "2024-05-23");
	/* and the plan's history says it was created, then its start moved */
	ehcp_history *h = NULL;
	CHECK_INT(ehcp_plan_history(&h, s, "R-INIT"), 0);
	CHECK_INT((int)h->count, 2);
	CHECK_STR(h->entries[0].action, "created");
	CHECK_STR(h->entries[1].field, "plan_start_date");
	CHECK_STR(h->entries[1].old_value, "2024-05-20");
	CHECK_STR(h->entries[1].new_value, "2024-05-21");
	ehcp_history_free(h);
}

/* Whatever the client, the database refuses what can never be right. */
static void test_database_refuses(ehcp_store *s)
{
	PGconn *c = ehcp_store_conn(s);
	const char *id = dbtest_value(c, "SELECT id FROM ehcp_plan WHERE plan_ref = 'R-INIT'");
	char sql[512];
	static const struct {
		const char *values, *state;
	} bad[] = {
	    /* before the plan started */
	    {"'2024-05-01', NULL, NULL, NULL, NULL, NULL, NULL", "23514"},
	    /* an amended plan without the decision to amend */
	    {"'2025-05-01', NULL, NULL, 'maintain', '2025-05-02', NULL, '2025-06-01'", "23514"},
	    /* a decision before the meeting */
	    {"'2025-05-01', NULL, NULL, 'amend', '2025-04-30', NULL, NULL", "23514"},
	    /* invitations after it */
	    {"'2025-05-01', '2025-05-02', NULL, NULL, NULL, NULL, NULL", "23514"},
	    /* a decision without its date */
	    {"'2025-05-01', NULL, NULL, 'amend', NULL, NULL, NULL", "23514"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(sql, sizeof sql,
		         "INSERT INTO ehcp_review (plan_id, meeting_date, invitations_date, report_date, decision, "
		         "decision_date, amendments_proposed_date, amended_plan_date) VALUES ('%s', %s)",
		         id, bad[i].values);
		PGresult *res = PQexec(c, sql);
		CHECK_STR(ehcp_sql_state(res), bad[i].state);
		PQclear(res);
	}
	const char *refused[] = {
	    "DELETE FROM ehcp_plan WHERE plan_ref = 'R-INIT'",
	    "UPDATE ehcp_plan_history SET field = 'x'",
	    "UPDATE ehcp_plan SET cease_reason = 'other' WHERE plan_ref = 'R-INIT'",
	    "UPDATE ehcp_plan SET next_transfer_date = '2026-09-01' WHERE plan_ref = 'R-INIT'",
	    "UPDATE ehcp_plan SET year_group_offset = 4 WHERE plan_ref = 'R-INIT'",
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		PGresult *res = PQexec(c, refused[i]);
		CHECK(PQresultStatus(res) == PGRES_FATAL_ERROR);
		PQclear(res);
	}
	/* a plan's start moved after its review */
	dbtest_exec(c, "INSERT INTO ehcp_review (plan_id, meeting_date) SELECT id, '2025-05-01' FROM ehcp_plan "
	               "WHERE plan_ref = 'R-INIT'");
	PGresult *res = PQexec(c, "UPDATE ehcp_plan SET plan_start_date = '2025-05-02' WHERE plan_ref = 'R-INIT'");
	CHECK_STR(ehcp_sql_state(res), "23514");
	PQclear(res);
	/* a review stays on its plan */
	res = PQexec(c, "UPDATE ehcp_review SET plan_id = (SELECT id FROM ehcp_plan WHERE plan_ref = 'R-TIN') "
	                "WHERE plan_id = (SELECT id FROM ehcp_plan WHERE plan_ref = 'R-INIT')");
	CHECK_STR(ehcp_sql_state(res), "23514");
	PQclear(res);
	/* the roles: a reader reads, a writer writes plans and reviews, nobody
	 * but the triggers writes the history */
	if (strcmp(dbtest_value(c, "SELECT count(*) FROM pg_roles WHERE rolname IN ('ehcp_reader', 'ehcp_writer')"), "2") == 0) {
		CHECK_STR(dbtest_value(c, "SELECT has_table_privilege('ehcp_reader', 'ehcp_plan', 'SELECT') AND "
		                          "NOT has_table_privilege('ehcp_reader', 'ehcp_review', 'INSERT') AND "
		                          "has_table_privilege('ehcp_writer', 'ehcp_review', 'UPDATE') AND "
		                          "NOT has_table_privilege('ehcp_writer', 'ehcp_plan_history', 'INSERT') AND "
		                          "NOT has_table_privilege('ehcp_writer', 'ehcp_plan', 'DELETE')"),
		          "t");
	}
}

/* In memory, reviews are kept in meeting order whatever order they come
 * in, and a second review on one day is refused wherever it falls. */
static void test_review_order(void)
{
	ehcp_plan *p;
	CHECK_INT(ehcp_plan_new(&p), 0);
	const char *days[] = {"2023-05-01", "2021-05-01", "2022-05-01", "2020-05-01", "2024-05-01"};
	for (int i = 0; i < 5; i++) {
		ehcp_review_dates r = EHCP_REVIEW_DATES_INIT;
		r.meeting = D(days[i]);
		CHECK_INT(ehcp_plan_add_review(p, &r), 0);
	}
	CHECK_INT((int)p->review_count, 5);
	for (size_t i = 1; i < p->review_count; i++)
		CHECK(p->reviews[i - 1].meeting < p->reviews[i].meeting);
	CHECK(p->reviews[0].meeting == D("2020-05-01"));
	ehcp_review_dates again = EHCP_REVIEW_DATES_INIT;
	again.meeting = D("2021-05-01");
	CHECK_INT(ehcp_plan_add_review(p, &again), EHCP_ECONFLICT);
	CHECK_INT((int)p->review_count, 5);
	ehcp_plan_free(p);
}

int main(void)
{
	test_review_order();
	ehcp_store *s = dbtest_store("plan", "plan-tester");
	wo.today = D("2026-12-01");
	test_add_and_lookup(s);
	test_refusals_change_nothing(s);
	test_reviews(s);
	test_versions(s);
	test_cease(s);
	test_history(s);
	test_final_plan_makes_plan(s);
	test_database_refuses(s);
	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_plan");
}
