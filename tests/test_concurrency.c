/*
 * Many clients recording milestones on the same few cases at once: no
 * update is lost (each change's old value is the change before it), no
 * deadlock is left unhandled, and the history holds every change once.
 * 16 clients for $EHCP_CONCURRENCY_SECONDS (default 6; the long run is 60).
 */
#include <pthread.h>
#include <time.h>

#include "clock_spec.h"
#include "dbtest.h"

#define CLIENTS 16
#define CASES 4

static const char *conninfo;
static double seconds = 6;

typedef struct {
	int id;
	long ok, refused, failed;
	long named; /* successful changes of caseworker or child_ref, each a new value */
} client;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *run(void *arg)
{
	client *c = arg;
	ehcp_store *s = NULL;
	char user[32];
	snprintf(user, sizeof user, "client-%02d", c->id);
	ehcp_store_options o = EHCP_STORE_OPTIONS_INIT;
	o.app_user = user;
	if (ehcp_store_open(&s, conninfo, &o) < 0) {
		c->failed++;
		return NULL;
	}
	ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;
	wo.today = spec_date("2021-12-31");
	const double end = now() + seconds;
	for (long n = 0; now() < end; n++) {
		char ref[16], value[96];
		snprintf(ref, sizeof ref, "K-%d", (int)((n + c->id) % CASES));
		snprintf(value, sizeof value, "%s #%ld", user, n);
		/* Alternate a plain change with a pair of milestones that must
		 * stay consistent with each other, and every few rounds a write
		 * based on a version that may be stale. */
		int rc;
		if (n % 3 == 0) {
			rc = ehcp_case_record(s, ref, "caseworker", value, NULL) == EHCP_ECONFLICT
			         ? ehcp_case_correct(s, ref, "caseworker", value, NULL)
			         : 0;
		} else if (n % 3 == 1) {
			ehcp_change ch[2] = {{"draft_plan_date", n % 2 ? "2020-05-01" : "", EHCP_CHANGE_SET},
			                     {"final_plan_date", n % 2 ? "2020-05-20" : "", EHCP_CHANGE_SET}};
			rc = ehcp_case_apply(s, ref, ch, 2, &wo);
		} else {
			ehcp_case *cur = NULL;
			rc = ehcp_case_lookup(&cur, s, ref, EHCP_DATE_NONE);
			ehcp_write_options stale = wo;
			stale.expected_version = cur ? cur->version : 1;
			ehcp_case_free(cur);
			if (rc == 0)
				rc = ehcp_case_correct(s, ref, "child_ref", value, &stale);
		}
		if (rc == 0) {
			c->ok++;
			c->named += n % 3 != 1;
		}
		else if (rc == EHCP_ECONFLICT)
			c->refused++; /* a stale version, refused as it must be */
		else {
			c->failed++;
			fprintf(stderr, "%s: %s\n", user, ehcp_error_last());
		}
	}
	ehcp_store_free(s);
	return NULL;
}

int main(void)
{
	const char *env = getenv("EHCP_CONCURRENCY_SECONDS");
	if (env && atof(env) > 0)
		seconds = atof(env);
	conninfo = dbtest_create("concurrency");
	ehcp_store *s = NULL;
	ehcp_store_options so = EHCP_STORE_OPTIONS_INIT;
	so.migrate = true;
	if (ehcp_store_open(&s, conninfo, &so) < 0) {
		fprintf(stderr, "%s\n", ehcp_error_last());
		return 1;
	}
	ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;
	for (int i = 0; i < CASES; i++) {
		ehcp_case *c;
		ehcp_case_new(&c);
		char ref[16];
		snprintf(ref, sizeof ref, "K-%d", i);
		ehcp_case_set_field(c, "case_ref", ref, strlen(ref));
		ehcp_case_set_field(c, "request_date", "2020-01-06", 10);
		ehcp_case_set_field(c, "child_ref", "C-0", 3);
		CHECK_INT(ehcp_case_create(NULL, s, c, &wo), 0);
		ehcp_case_free(c);
	}

	client cl[CLIENTS];
	pthread_t t[CLIENTS];
	for (int i = 0; i < CLIENTS; i++) {
		cl[i] = (client){i, 0, 0, 0, 0};
		pthread_create(&t[i], NULL, run, &cl[i]);
	}
	long ok = 0, refused = 0, failed = 0;
	for (int i = 0; i < CLIENTS; i++) {
		pthread_join(t[i], NULL);
		ok += cl[i].ok, refused += cl[i].refused, failed += cl[i].failed;
	}
	CHECK_INT(failed, 0);
	CHECK(ok > 100);

	PGconn *c = ehcp_store_conn(s);
	/* Every change present once: each client's changes of caseworker and
	 * child_ref (each to a value of its own) are exactly its history rows
	 * for those fields, with no row twice. */
	char sql[512], want[32];
	for (int i = 0; i < CLIENTS; i++) {
		snprintf(sql, sizeof sql,
		         "SELECT count(*) FROM ehcp_history WHERE app_user = 'client-%02d' AND field IN ('caseworker', 'child_ref')", i);
		snprintf(want, sizeof want, "%ld", cl[i].named);
		CHECK_STR(dbtest_value(c, sql), want);
		snprintf(sql, sizeof sql,
		         "SELECT count(DISTINCT (h.request_id, h.at, h.field)) = count(*) FROM ehcp_history h WHERE app_user = 'client-%02d'", i);
		CHECK_STR(dbtest_value(c, sql), "t");
	}
	/* No lost update: in each case and field, each change's old value is
	 * the value the change before it left. */
	CHECK_STR(dbtest_value(c, "SELECT count(*) FROM ("
	                          " SELECT h.old_value, lag(h.new_value) OVER (PARTITION BY h.request_id, h.field ORDER BY h.id) AS prev,"
	                          "        row_number() OVER (PARTITION BY h.request_id, h.field ORDER BY h.id) AS k"
	                          " FROM ehcp_history h WHERE h.action <> 'created') x"
	                          " WHERE k > 1 AND old_value IS DISTINCT FROM prev"),
	          "0");
	/* ... and the stored case is where its history ends. */
	CHECK_STR(dbtest_value(c, "SELECT count(*) FROM ehcp_request r WHERE r.caseworker IS DISTINCT FROM ("
	                          " SELECT new_value FROM ehcp_history h WHERE h.request_id = r.id AND h.field = 'caseworker'"
	                          " ORDER BY h.id DESC LIMIT 1) OR r.child_ref IS DISTINCT FROM coalesce(("
	                          " SELECT new_value FROM ehcp_history h WHERE h.request_id = r.id AND h.field = 'child_ref'"
	                          " ORDER BY h.id DESC LIMIT 1), 'C-0')"),
	          "0");
	/* The pair was always written together. */
	CHECK_STR(dbtest_value(c, "SELECT count(*) FROM ehcp_request WHERE (draft_plan_date IS NULL) <> (final_plan_date IS NULL)"), "0");
	printf("%d clients for %.0f s: %ld changes, %ld stale writes refused, %ld failures\n", CLIENTS, seconds, ok, refused,
	       failed);
	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_concurrency");
}
