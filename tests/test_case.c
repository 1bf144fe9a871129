/* The case store against a real PostgreSQL: every API call, every refusal
 * with its message, the history of a sequence of changes, two writers on
 * one case, and the database refusing impossible rows written directly. */
#include <pthread.h>

#include "clock_spec.h"
#include "dbtest.h"

static const char *conninfo;
static ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;

static ehcp_store *open_store(const char *user)
{
	ehcp_store *s = NULL;
	ehcp_store_options o = EHCP_STORE_OPTIONS_INIT;
	o.app_user = user;
	if (ehcp_store_open(&s, conninfo, &o) < 0) {
		fprintf(stderr, "cannot open the store: %s\n", ehcp_error_last());
		exit(1);
	}
	return s;
}

static int add(ehcp_store *s, const char *ref, const char *request, const char *caseworker)
{
	ehcp_case *c;
	CHECK_INT(ehcp_case_new(&c), 0);
	CHECK_INT(ehcp_case_set_field(c, "case_ref", ref, strlen(ref)), 0);
	CHECK_INT(ehcp_case_set_field(c, "request_date", request, strlen(request)), 0);
	if (caseworker)
		CHECK_INT(ehcp_case_set_field(c, "caseworker", caseworker, strlen(caseworker)), 0);
	int rc = ehcp_case_create(NULL, s, c, &wo);
	ehcp_case_free(c);
	return rc;
}

static char *digest(ehcp_store *s)
{
	return dbtest_digest(ehcp_store_conn(s));
}

static void test_create_and_lookup(ehcp_store *s)
{
	ehcp_case *c;
	CHECK_INT(ehcp_case_new(&c), 0);
	CHECK_INT(ehcp_case_set_field(c, "case_ref", "EHC-1", 5), 0);
	CHECK_INT(ehcp_case_set_field(c, "request_date", "06/01/2020", 10), 0);
	CHECK_INT(ehcp_case_set_field(c, "caseworker", " A. Khan ", 9), 0);
	CHECK_INT(ehcp_case_set_field(c, "child_ref", "C-1", 3), 0);
	CHECK_INT(ehcp_case_set_field(c, "date_of_birth", "2012-03-14", 10), 0);
	CHECK_INT(ehcp_case_set_field(c, "request_type", "transfer_in", 11), 0);
	ehcp_case *stored = NULL;
	CHECK_INT(ehcp_case_create(&stored, s, c, &wo), 0);
	CHECK(stored != NULL);
	if (stored) {
		CHECK_INT(strlen(stored->id), 36);
		CHECK_INT(stored->id[14], '7'); /* a time-ordered (version 7) UUID */
		CHECK(strchr("89ab", stored->id[19]) != NULL);
		CHECK_INT(stored->version, 1);
	}
	ehcp_case_free(stored);
	/* The same reference again */
	CHECK_INT(ehcp_case_create(NULL, s, c, &wo), EHCP_ECONFLICT);
	CHECK_STR(ehcp_error_last(), "case EHC-1 exists already");
	ehcp_case_free(c);

	ehcp_case *got = NULL;
	CHECK_INT(ehcp_case_lookup(&got, s, "EHC-1", spec_date("2020-02-03")), 0);
	if (got) {
		CHECK_STR(got->caseworker, "A. Khan");
		CHECK_STR(got->child_ref, "C-1");
		CHECK_INT(got->dates.type, EHCP_REQUEST_TRANSFER_IN);
		CHECK_INT(got->dates.request, spec_date("2020-01-06"));
		CHECK_INT(got->date_of_birth, spec_date("2012-03-14"));
		CHECK_INT(got->view.status, EHCP_STATUS_NEARING);
		CHECK_INT(got->view.elapsed_days, 28);
		CHECK_INT(got->deadlines[EHCP_DEADLINE_FINAL_PLAN].due, spec_date("2020-05-25"));
		CHECK_INT(got->view.next, EHCP_DEADLINE_DECISION);
	}
	ehcp_case_free(got);
	CHECK_INT(ehcp_case_lookup(&got, s, "EHC-404", EHCP_DATE_NONE), EHCP_ENOTFOUND);
	CHECK_STR(ehcp_error_last(), "no case EHC-404");

	/* An inconsistent new case is refused with every problem. */
	CHECK_INT(ehcp_case_new(&c), 0);
	CHECK_INT(ehcp_case_set_field(c, "case_ref", "EHC-BAD", 7), 0);
	CHECK_INT(ehcp_case_set_field(c, "request_date", "2020-01-06", 10), 0);
	CHECK_INT(ehcp_case_set_field(c, "final_plan_date", "2019-12-01", 10), 0);
	CHECK_INT(ehcp_case_set_field(c, "date_of_birth", "2021-01-01", 10), 0);
	CHECK_INT(ehcp_case_create(NULL, s, c, &wo), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "final_plan_date 2019-12-01 is before request_date 2020-01-06\n"
	                             "date_of_birth is after request_date");
	ehcp_case_free(c);
	CHECK_INT(ehcp_case_lookup(&got, s, "EHC-BAD", EHCP_DATE_NONE), EHCP_ENOTFOUND);
}

static void test_field_parsing(void)
{
	ehcp_case *c;
	CHECK_INT(ehcp_case_new(&c), 0);
	CHECK_INT(ehcp_case_set_field(c, "request_date", "31/04/2021", 10), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "request_date: \"31/04/2021\": April 2021 has 30 days");
	CHECK_INT(ehcp_case_set_field(c, "assessment_decision", "maybe", 5), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "assessment_decision: \"maybe\" is not one of assess, refuse");
	CHECK_INT(ehcp_case_set_field(c, "exception", "missed_appointment", 18), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "exception: \"missed_appointment\" is not one of setting_closure");
	/* coronavirus excuses the advice limit too (SI 2020/471); setting_closure does not */
	CHECK_INT(ehcp_case_set_field(c, "ep_advice_exception", "coronavirus", 11), 0);
	CHECK_INT(ehcp_case_set_field(c, "ep_advice_exception", "setting_closure", 15), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "ep_advice_exception: \"setting_closure\" is not one of personal_circumstances");
	CHECK_INT(ehcp_case_set_field(c, "ep_advice_exception", "", 0), 0);
	CHECK_INT(ehcp_case_set_field(c, "tribunal_outcome", "won", 3), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "tribunal_outcome: \"won\" is not one of dismissed, assess, issue, other");
	CHECK_INT(ehcp_case_set_field(c, "request_type", "transfer", 8), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "transfer_in (a child who moved in during an assessment, s.24");
	CHECK_INT(ehcp_case_set_field(c, "caseworker", "A\nB", 3), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "caseworker: contains a control character (byte 2)");
	CHECK_INT(ehcp_case_set_field(c, "caseworker", "A\0B", 3), EHCP_EINVALID);
	CHECK_INT(ehcp_case_set_field(c, "caseworker", "\xff", 1), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "caseworker: is not valid UTF-8 (byte 1)");
	char big[500];
	memset(big, 'x', sizeof big);
	CHECK_INT(ehcp_case_set_field(c, "case_ref", big, 101), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "case_ref: longer than 100 characters");
	CHECK_INT(ehcp_case_set_field(c, "case_ref", big, 100), 0);
	CHECK_INT(ehcp_case_set_field(c, "case_ref", "  ", 2), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "case_ref: required");
	CHECK_INT(ehcp_case_set_field(c, "caseworker", "Zoë Ó Súilleabháin", strlen("Zoë Ó Súilleabháin")), 0);
	CHECK_INT(ehcp_case_set_field(c, "colour", "red", 3), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "unknown field \"colour\"");
	char buf[EHCP_FIELD_TEXT_MAX];
	CHECK_INT(ehcp_case_set_field(c, "health_advice_received", "2020-03-20", 10), 0);
	CHECK_STR(ehcp_case_get_field(c, "health_advice_received", buf), "2020-03-20");
	CHECK_STR(ehcp_case_get_field(c, "request_type", buf), "initial");
	CHECK_STR(ehcp_case_get_field(c, "closed_reason", buf), "");
	ehcp_case_free(c);
}

static void test_milestones(ehcp_store *s)
{
	CHECK_INT(add(s, "EHC-2", "2020-01-06", "B. Osei"), 0);
	char *before;

	CHECK_INT(ehcp_case_record(s, "EHC-2", "assessment_decision", "assess", &wo), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "assessment_decision_date is required with assessment_decision");

	ehcp_change decide[2] = {{"assessment_decision", "assess", EHCP_CHANGE_RECORD},
	                         {"assessment_decision_date", "2020-02-10", EHCP_CHANGE_RECORD}};
	CHECK_INT(ehcp_case_apply(s, "EHC-2", decide, 2, &wo), 0);
	CHECK_INT(ehcp_case_record(s, "EHC-2", "health_advice_requested", "2020-02-11", &wo), 0);

	/* Refusals leave everything as it was. */
	before = digest(s);
	CHECK_INT(ehcp_case_record(s, "EHC-2", "health_advice_received", "2020-02-01", &wo), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "health_advice_received 2020-02-01 is before health_advice_requested 2020-02-11");
	CHECK_INT(ehcp_case_record(s, "EHC-2", "health_advice_requested", "2020-02-12", &wo), EHCP_ECONFLICT);
	CHECK_STR(ehcp_error_last(), "health_advice_requested is already recorded (2020-02-11): use correct to change it");
	CHECK_INT(ehcp_case_correct(s, "EHC-2", "final_plan_date", "2020-05-01", &wo), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "final_plan_date has nothing recorded to correct: use record");
	CHECK_INT(ehcp_case_record(s, "EHC-2", "draft_plan_date", "2020-02-30", &wo), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "draft_plan_date: \"2020-02-30\": February 2020 has 29 days");
	CHECK_INT(ehcp_case_record(s, "EHC-2", "final_plan_date", "2099-01-01", &wo), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "final_plan_date 2099-01-01 is after today");
	CHECK_INT(ehcp_case_record(s, "EHC-404", "final_plan_date", "2020-05-01", &wo), EHCP_ENOTFOUND);
	ehcp_change two_bad[2] = {{"draft_plan_date", "2020-05-20", EHCP_CHANGE_RECORD},
	                          {"final_plan_date", "2020-05-10", EHCP_CHANGE_RECORD}};
	CHECK_INT(ehcp_case_apply(s, "EHC-2", two_bad, 2, &wo), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "final_plan_date 2020-05-10 is before draft_plan_date 2020-05-20");
	ehcp_change unknown[2] = {{"colour", "red", EHCP_CHANGE_SET}, {"draft_plan_date", "soon", EHCP_CHANGE_SET}};
	CHECK_INT(ehcp_case_apply(s, "EHC-2", unknown, 2, &wo), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "unknown field \"colour\"\ndraft_plan_date: \"soon\": not a date in the form YYYY-MM-DD or DD/MM/YYYY");
	char *after = digest(s);
	CHECK_STR(after, before);
	free(before);
	free(after);

	CHECK_INT(ehcp_case_record(s, "EHC-2", "health_advice_received", "2020-03-30", &wo), 0);
	CHECK_INT(ehcp_case_correct(s, "EHC-2", "health_advice_received", "2020-03-20", &wo), 0);
	CHECK_INT(ehcp_case_record(s, "EHC-2", "draft_plan_date", "2020-04-14", &wo), 0);
	CHECK_INT(ehcp_case_record(s, "EHC-2", "final_plan_date", "2020-05-26", &wo), 0);
	CHECK_INT(ehcp_case_clear(s, "EHC-2", "final_plan_date", &wo), 0);
	CHECK_INT(ehcp_case_record(s, "EHC-2", "final_plan_date", "2020-05-25", &wo), 0);
	CHECK_INT(ehcp_case_set_exception(s, "EHC-2", EHCP_EXCEPTION_SETTING_CLOSURE, "school closed for summer", &wo), 0);

	ehcp_case *c = NULL;
	CHECK_INT(ehcp_case_lookup(&c, s, "EHC-2", spec_date("2020-06-01")), 0);
	if (c) {
		CHECK_INT(c->view.status, EHCP_STATUS_DONE_IN_TIME);
		CHECK_INT(c->dates.final, spec_date("2020-05-25"));
		CHECK_INT(c->dates.advice[EHCP_ADVICE_HEALTH].received, spec_date("2020-03-20"));
		CHECK_INT(c->dates.exception, EHCP_EXCEPTION_SETTING_CLOSURE);
		CHECK_STR(c->exception_note, "school closed for summer");
		CHECK_INT(c->version, 10);
		CHECK(c->deadlines[EHCP_DEADLINE_FINAL_PLAN].excused);
	}
	ehcp_case_free(c);
	/* As it stood before the plan: */
	CHECK_INT(ehcp_case_lookup(&c, s, "EHC-2", spec_date("2020-05-12")), 0);
	if (c)
		CHECK_INT(c->view.status, EHCP_STATUS_NEARING);
	ehcp_case_free(c);

	/* The history of that sequence, oldest first. */
	ehcp_history *h = NULL;
	CHECK_INT(ehcp_case_history(&h, s, "EHC-2"), 0);
	static const char *const want[][4] = {
	    {"created", NULL, NULL, NULL},
	    {"recorded", "assessment_decision", NULL, "assess"},
	    {"recorded", "assessment_decision_date", NULL, "2020-02-10"},
	    {"recorded", "health_advice_requested", NULL, "2020-02-11"},
	    {"recorded", "health_advice_received", NULL, "2020-03-30"},
	    {"corrected", "health_advice_received", "2020-03-30", "2020-03-20"},
	    {"recorded", "draft_plan_date", NULL, "2020-04-14"},
	    {"recorded", "final_plan_date", NULL, "2020-05-26"},
	    {"cleared", "final_plan_date", "2020-05-26", NULL},
	    {"recorded", "final_plan_date", NULL, "2020-05-25"},
	    {"recorded", "exception", NULL, "setting_closure"},
	    {"recorded", "exception_note", NULL, "school closed for summer"},
	};
	size_t nwant = sizeof want / sizeof want[0];
	CHECK_INT(h ? h->count : 0, nwant);
	for (size_t i = 0; h && i < h->count && i < nwant; i++) {
		const ehcp_history_entry *e = &h->entries[i];
		CHECK_STR(e->action, want[i][0]);
		CHECK_STR(e->field ? e->field : "", want[i][1] ? want[i][1] : "");
		CHECK_STR(e->old_value ? e->old_value : "", want[i][2] ? want[i][2] : "");
		if (i > 0)
			CHECK_STR(e->new_value ? e->new_value : "", want[i][3] ? want[i][3] : "");
		CHECK_STR(e->app_user ? e->app_user : "", "test-user");
		CHECK_STR(e->db_role, dbtest_value(ehcp_store_conn(s), "SELECT session_user"));
	}
	if (h && h->count)
		CHECK_STR(h->entries[0].new_value, "(EHC-2,,,\"B. Osei\",initial,2020-01-06,,,,,,,,,,,,,,,,,,,,,,,)");
	ehcp_history_free(h);
	CHECK_INT(ehcp_case_history(&h, s, "EHC-404"), EHCP_ENOTFOUND);

	/* Removing the exception takes its note with it. */
	CHECK_INT(ehcp_case_set_exception(s, "EHC-2", EHCP_EXCEPTION_NONE, NULL, &wo), 0);
	CHECK_INT(ehcp_case_lookup(&c, s, "EHC-2", EHCP_DATE_NONE), 0);
	if (c) {
		CHECK(c->exception_note == NULL);
		CHECK_INT(c->dates.exception, EHCP_EXCEPTION_NONE);
	}
	ehcp_case_free(c);

	/* Closing */
	CHECK_INT(add(s, "EHC-3", "2020-02-03", NULL), 0);
	CHECK_INT(ehcp_case_close(s, "EHC-3", spec_date("2020-02-28"), EHCP_CLOSED_WITHDRAWN, &wo), 0);
	CHECK_INT(ehcp_case_close(s, "EHC-3", spec_date("2020-03-01"), EHCP_CLOSED_OTHER, &wo), EHCP_ECONFLICT);
	CHECK_INT(ehcp_case_lookup(&c, s, "EHC-3", spec_date("2020-03-01")), 0);
	if (c)
		CHECK_INT(c->view.status, EHCP_STATUS_ENDED);
	ehcp_case_free(c);
	/* A plan after closure is refused */
	CHECK_INT(ehcp_case_record(s, "EHC-3", "final_plan_date", "2020-05-01", &wo), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "final_plan_date is recorded, but the request was closed without a plan");
}

static void test_versions(ehcp_store *s)
{
	CHECK_INT(add(s, "EHC-4", "2020-01-06", NULL), 0);
	ehcp_case *c = NULL;
	CHECK_INT(ehcp_case_lookup(&c, s, "EHC-4", EHCP_DATE_NONE), 0);
	int v = c ? c->version : 0;
	ehcp_case_free(c);
	ehcp_write_options expect = EHCP_WRITE_OPTIONS_INIT;
	expect.expected_version = v;
	/* Another writer gets there first... */
	CHECK_INT(ehcp_case_record(s, "EHC-4", "caseworker", "C. Davies", &wo), 0);
	/* ...so a write based on what we saw is refused, not lost. */
	CHECK_INT(ehcp_case_record(s, "EHC-4", "health_advice_requested", "2020-01-20", &expect), EHCP_ECONFLICT);
	CHECK_STR(ehcp_error_last(), "case EHC-4 has changed since version 1 (it is now version 2): look at it again and retry");
	expect.expected_version = 2;
	CHECK_INT(ehcp_case_record(s, "EHC-4", "health_advice_requested", "2020-01-20", &expect), 0);
}

/* Two writers, each on its own connection, on one case at once: both
 * changes survive, each once in the history. */
typedef struct {
	const char *field, *value;
	int rc;
} writer;

static void *write_thread(void *arg)
{
	writer *w = arg;
	ehcp_store *s = open_store("writer");
	for (int i = 0; i < 20; i++) {
		ehcp_change ch = {w->field, w->value, EHCP_CHANGE_SET};
		w->rc |= ehcp_case_apply(s, "EHC-5", &ch, 1, &wo);
		ehcp_change clear = {w->field, NULL, EHCP_CHANGE_CLEAR};
		w->rc |= ehcp_case_apply(s, "EHC-5", &clear, 1, &wo);
	}
	ehcp_change ch = {w->field, w->value, EHCP_CHANGE_SET};
	w->rc |= ehcp_case_apply(s, "EHC-5", &ch, 1, &wo);
	ehcp_store_free(s);
	return NULL;
}

static void test_concurrent_writers(ehcp_store *s)
{
	CHECK_INT(add(s, "EHC-5", "2020-01-06", NULL), 0);
	writer w[2] = {{"caseworker", "D. Evans", 0}, {"child_ref", "C-99", 0}};
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, write_thread, &w[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	CHECK_INT(w[0].rc, 0);
	CHECK_INT(w[1].rc, 0);
	ehcp_case *c = NULL;
	CHECK_INT(ehcp_case_lookup(&c, s, "EHC-5", EHCP_DATE_NONE), 0);
	if (c) {
		CHECK_STR(c->caseworker, "D. Evans");
		CHECK_STR(c->child_ref, "C-99");
		CHECK_INT(c->version, 1 + 2 * 41);
	}
	ehcp_case_free(c);
	PGconn *conn = ehcp_store_conn(s);
	CHECK_STR(dbtest_value(conn, "SELECT count(*) FROM ehcp_history h JOIN ehcp_request r ON r.id = h.request_id "
	                             "WHERE r.case_ref = 'EHC-5' AND h.field = 'caseworker'"), "41");
	CHECK_STR(dbtest_value(conn, "SELECT count(*) FROM ehcp_history h JOIN ehcp_request r ON r.id = h.request_id "
	                             "WHERE r.case_ref = 'EHC-5' AND h.field = 'child_ref'"), "41");
}

/* Writes straight through SQL, as psql would: the database itself refuses. */
static void test_database_refuses(ehcp_store *s)
{
	PGconn *conn = ehcp_store_conn(s);
	static const struct {
		const char *sql, *constraint;
	} bad[] = {
	    {"INSERT INTO ehcp_request (id, case_ref, request_date, final_plan_date) VALUES (gen_random_uuid(), 'X1', '2020-01-06', '2019-01-01')",
	     "milestones_not_before_request"},
	    {"INSERT INTO ehcp_request (id, case_ref, request_date, assessment_decision, assessment_decision_date, final_plan_date) "
	     "VALUES (gen_random_uuid(), 'X2', '2020-01-06', 'refuse', '2020-02-01', '2020-05-01')", "no_plan_after_refusal"},
	    {"INSERT INTO ehcp_request (id, case_ref, request_date, draft_plan_date, final_plan_date) "
	     "VALUES (gen_random_uuid(), 'X3', '2020-01-06', '2020-05-10', '2020-05-01')", "plan_milestones_in_order"},
	    {"INSERT INTO ehcp_request (id, case_ref, request_date, health_advice_received) VALUES (gen_random_uuid(), 'X4', '2020-01-06', '2020-03-01')",
	     "health_advice_order"},
	    {"INSERT INTO ehcp_request (id, case_ref, request_date, request_type) VALUES (gen_random_uuid(), 'X5', '2020-01-06', 'urgent')",
	     "ehcp_request_request_type_check"},
	    {"INSERT INTO ehcp_request (id, case_ref, request_date, exception) VALUES (gen_random_uuid(), 'X6', '2020-01-06', 'missed_appointment')",
	     "ehcp_request_exception_check"},
	    {"INSERT INTO ehcp_request (id, case_ref, request_date, closed_date) VALUES (gen_random_uuid(), 'X7', '2020-01-06', '2020-02-01')",
	     "closure_has_reason"},
	    {"INSERT INTO ehcp_request (id, case_ref, request_date) VALUES (gen_random_uuid(), ' X8', '2020-01-06')", "ehcp_request_case_ref_check"},
	    {"INSERT INTO ehcp_request (id, case_ref) VALUES (gen_random_uuid(), 'X9')", ""},
	    {"UPDATE ehcp_request SET assessment_decision = 'assess' WHERE case_ref = 'EHC-4'", "decision_has_date"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		PGresult *r = PQexec(conn, bad[i].sql);
		CHECK_INT(PQresultStatus(r), PGRES_FATAL_ERROR);
		const char *cn = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
		CHECK_STR(cn ? cn : "", bad[i].constraint);
		PQclear(r);
	}
	/* The history cannot be rewritten, and cases cannot be deleted. */
	static const char *const forbidden[] = {
	    "UPDATE ehcp_history SET new_value = 'x'",
	    "DELETE FROM ehcp_history",
	    "TRUNCATE ehcp_history CASCADE",
	    "DELETE FROM ehcp_request WHERE case_ref = 'EHC-4'",
	};
	for (size_t i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++) {
		PGresult *r = PQexec(conn, forbidden[i]);
		CHECK_INT(PQresultStatus(r), PGRES_FATAL_ERROR);
		CHECK_HAS(PQresultErrorMessage(r), "append-only");
		PQclear(r);
	}
	/* A direct write is still recorded, under the database role. */
	dbtest_exec(conn, "UPDATE ehcp_request SET caseworker = 'E. Fox' WHERE case_ref = 'EHC-4'");
	CHECK_STR(dbtest_value(conn, "SELECT old_value || '>' || new_value || '>' || coalesce(app_user, '-') FROM ehcp_history "
	                             "WHERE field = 'caseworker' ORDER BY id DESC LIMIT 1"),
	          "C. Davies>E. Fox>-");
}

static void test_list(ehcp_store *s)
{
	ehcp_case_filter f = EHCP_CASE_FILTER_INIT;
	ehcp_case_list *l = NULL;
	CHECK_INT(ehcp_case_list_get(&l, s, &f, spec_date("2020-03-01")), 0);
	CHECK_INT(l ? l->count : 0, 5);
	if (l && l->count == 5) {
		CHECK_STR(l->cases[0]->case_ref, "EHC-1");
		CHECK_STR(l->cases[4]->case_ref, "EHC-5");
	}
	ehcp_case_list_free(l);
	f.open_only = true;
	CHECK_INT(ehcp_case_list_get(&l, s, &f, spec_date("2020-06-01")), 0);
	/* EHC-2 has its plan and EHC-3 was closed by then */
	CHECK_INT(l ? l->count : 0, 3);
	ehcp_case_list_free(l);
	f.open_only = false;
	f.caseworker = "E. Fox";
	CHECK_INT(ehcp_case_list_get(&l, s, &f, EHCP_DATE_NONE), 0);
	CHECK_INT(l ? l->count : 0, 1);
	ehcp_case_list_free(l);
	f.caseworker = NULL;
	f.received_from = spec_date("2020-02-01");
	f.received_to = spec_date("2020-02-28");
	CHECK_INT(ehcp_case_list_get(&l, s, &f, EHCP_DATE_NONE), 0);
	CHECK_INT(l ? l->count : 0, 1);
	if (l && l->count == 1)
		CHECK_STR(l->cases[0]->case_ref, "EHC-3");
	ehcp_case_list_free(l);
}

int main(void)
{
	conninfo = dbtest_create("case");
	ehcp_store *s = NULL;
	ehcp_store_options o = EHCP_STORE_OPTIONS_INIT;
	o.migrate = true;
	o.app_user = "test-user";
	if (ehcp_store_open(&s, conninfo, &o) < 0) {
		fprintf(stderr, "%s\n", ehcp_error_last());
		return 1;
	}
	wo.today = spec_date("2020-12-31");
	test_field_parsing();
	test_create_and_lookup(s);
	test_milestones(s);
	test_versions(s);
	test_concurrent_writers(s);
	test_database_refuses(s);
	test_list(s);
	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_case");
}
