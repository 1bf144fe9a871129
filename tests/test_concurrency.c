/*
 * Many clients recording milestones on the same few cases at once: no
 * update is lost, no deadlock is left unhandled, and the history holds
 * every change once.  16 clients for $EHCP_CONCURRENCY_SECONDS (default 6;
 * the long run is 60).
 *
 * Lost updates are looked for with a counter kept in each case's child_ref:
 * a client reads the case, and writes the counter plus one, with the
 * version it read as the expected version.  Each client counts what the
 * library says it applied and what it refused as stale; at the end, each
 * case's counter and history must hold exactly the applied increments, one
 * after another, and none of the refused ones.  A stale write let through
 * would write a counter some other write had written already.
 */
#include <pthread.h>
#include <time.h>

#include "clock_spec.h"
#include "dbtest.h"

#define CLIENTS 16
#define CASES 4

static const char *conninfo;
static double seconds = 6;

/* What became of a client's write number n. */
enum { OUT_NONE = 0, OUT_APPLIED = 'A', OUT_REFUSED = 'R', OUT_FAILED = 'F' };

typedef struct {
	int id;
	long ok, refused, failed;
	long named;                 /* applied changes of caseworker, each a new value */
	long increments[CASES];     /* applied increments of each case's counter */
	long inc_refused;           /* increments refused as stale */
	char *outcome;              /* by write number: OUT_* for increments, else OUT_NONE */
	long rounds;
} client;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A counter value as written to child_ref: "count:client:write", or "0". */
static int counter_parse(const char *v, long *count, int *who, long *n)
{
	*who = -1;
	*n = -1;
	if (strcmp(v, "0") == 0) {
		*count = 0;
		return 0;
	}
	int used = 0;
	if (sscanf(v, "%ld:%d:%ld%n", count, who, n, &used) != 3 || v[used] != '\0')
		return -1;
	return 0;
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
	long cap = 0;
	for (long n = 0; now() < end; n++) {
		if (n >= cap) {
			cap = cap ? cap * 2 : 4096;
			char *grown = realloc(c->outcome, (size_t)cap);
			if (!grown) {
				c->failed++;
				break;
			}
			c->outcome = grown;
			memset(c->outcome + n, OUT_NONE, (size_t)(cap - n));
		}
		c->rounds = n + 1;
		const int k = (int)((n + c->id) % CASES);
		char ref[16], value[96];
		snprintf(ref, sizeof ref, "K-%d", k);
		/* Alternate a plain change, a pair of milestones that must stay
		 * consistent with each other, and an increment of the counter
		 * based on the version read, which may be stale by the time it
		 * is written. */
		int rc;
		if (n % 3 == 0) {
			snprintf(value, sizeof value, "%s #%ld", user, n);
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
			long count = -1, wn;
			int who;
			if (rc == 0 && counter_parse(cur->child_ref, &count, &who, &wn) < 0) {
				fprintf(stderr, "%s: %s has child_ref \"%s\", not a counter\n", user, ref, cur->child_ref);
				rc = -1000;
			}
			ehcp_write_options stale = wo;
			stale.expected_version = cur ? cur->version : 1;
			ehcp_case_free(cur);
			if (rc == 0) {
				snprintf(value, sizeof value, "%ld:%d:%ld", count + 1, c->id, n);
				rc = ehcp_case_correct(s, ref, "child_ref", value, &stale);
				c->outcome[n] = rc == 0 ? OUT_APPLIED : rc == EHCP_ECONFLICT ? OUT_REFUSED : OUT_FAILED;
				c->increments[k] += rc == 0;
				c->inc_refused += rc == EHCP_ECONFLICT;
			}
		}
		if (rc == 0) {
			c->ok++;
			c->named += n % 3 == 0;
		} else if (rc == EHCP_ECONFLICT) {
			c->refused++; /* a stale version, refused as it must be */
		} else {
			c->failed++;
			if (rc != -1000)
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
		CHECK_INT(ehcp_case_new(&c), 0);
		char ref[16];
		snprintf(ref, sizeof ref, "K-%d", i);
		CHECK_INT(ehcp_case_set_field(c, "case_ref", ref, strlen(ref)), 0);
		CHECK_INT(ehcp_case_set_field(c, "request_date", "2020-01-06", 10), 0);
		CHECK_INT(ehcp_case_set_field(c, "child_ref", "0", 1), 0);
		CHECK_INT(ehcp_case_create(NULL, s, c, &wo), 0);
		ehcp_case_free(c);
	}

	static client cl[CLIENTS];
	pthread_t t[CLIENTS];
	for (int i = 0; i < CLIENTS; i++) {
		cl[i] = (client){.id = i};
		pthread_create(&t[i], NULL, run, &cl[i]);
	}
	long ok = 0, refused = 0, failed = 0, inc_refused = 0, applied[CASES] = {0}, applied_all = 0;
	for (int i = 0; i < CLIENTS; i++) {
		pthread_join(t[i], NULL);
		ok += cl[i].ok, refused += cl[i].refused, failed += cl[i].failed, inc_refused += cl[i].inc_refused;
		for (int k = 0; k < CASES; k++)
			applied[k] += cl[i].increments[k], applied_all += cl[i].increments[k];
	}
	CHECK_INT(failed, 0);
	CHECK(ok > 100);
	/* The race was run: some increments were applied, and some were
	 * refused because another client's write came between the read and
	 * the write. */
	CHECK(applied_all > 0);
	CHECK(inc_refused > 0);

	PGconn *c = ehcp_store_conn(s);
	char sql[512], want[32];
	/* Every change of caseworker present once: each client's (each to a
	 * value of its own) are exactly its history rows for that field, with
	 * no row twice. */
	for (int i = 0; i < CLIENTS; i++) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM ehcp_history WHERE app_user = 'client-%02d' AND field = 'caseworker'", i);
		snprintf(want, sizeof want, "%ld", cl[i].named);
		CHECK_STR(dbtest_value(c, sql), want);
		snprintf(sql, sizeof sql,
		         "SELECT count(DISTINCT (h.request_id, h.at, h.field)) = count(*) FROM ehcp_history h WHERE app_user = 'client-%02d'", i);
		CHECK_STR(dbtest_value(c, sql), "t");
	}

	/* No lost update.  Each case's counter is the number of increments
	 * the clients were told were applied to it ... */
	for (int k = 0; k < CASES; k++) {
		snprintf(sql, sizeof sql, "SELECT child_ref FROM ehcp_request WHERE case_ref = 'K-%d'", k);
		long count = -1, wn;
		int who;
		const char *v = dbtest_value(c, sql);
		CHECK_INT(counter_parse(v, &count, &who, &wn), 0);
		if (count != applied[k])
			fprintf(stderr, "K-%d: counter %s, %ld increments applied\n", k, v, applied[k]);
		CHECK_INT(count, applied[k]);
		CHECK(count == 0 || (who >= 0 && who < CLIENTS && wn < cl[who].rounds && cl[who].outcome[wn] == OUT_APPLIED));
	}
	/* ... and its history of child_ref is those increments, one each, in
	 * order (1, 2, 3, ...), each by the client that was told it was
	 * applied, and none that was refused. */
	PGresult *h = PQexec(c, "SELECT r.case_ref, h.app_user, h.new_value FROM ehcp_history h"
	                        " JOIN ehcp_request r ON r.id = h.request_id"
	                        " WHERE h.field = 'child_ref' ORDER BY h.id");
	CHECK_INT(PQresultStatus(h), PGRES_TUPLES_OK);
	long last[CASES] = {0}, rows_by[CLIENTS] = {0}, out_of_order = 0, not_applied = 0, twice = 0, wrong_user = 0;
	char *seen[CLIENTS];
	for (int i = 0; i < CLIENTS; i++)
		seen[i] = calloc((size_t)cl[i].rounds + 1, 1);
	const int nh = PQresultStatus(h) == PGRES_TUPLES_OK ? PQntuples(h) : 0;
	for (int r = 0; r < nh; r++) {
		int k = -1, who;
		long count, wn;
		sscanf(PQgetvalue(h, r, 0), "K-%d", &k);
		if (k < 0 || k >= CASES || counter_parse(PQgetvalue(h, r, 2), &count, &who, &wn) < 0 || who < 0 ||
		    who >= CLIENTS || wn < 0 || wn >= cl[who].rounds) {
			fprintf(stderr, "history: %s set child_ref to \"%s\", which no client wrote\n", PQgetvalue(h, r, 0),
			        PQgetvalue(h, r, 2));
			not_applied++;
			continue;
		}
		char user[32];
		snprintf(user, sizeof user, "client-%02d", who);
		if (strcmp(PQgetvalue(h, r, 1), user) != 0)
			wrong_user++;
		if (count != last[k] + 1) {
			if (out_of_order++ < 5)
				fprintf(stderr, "history: K-%d's counter went from %ld to %ld (%s)\n", k, last[k], count,
				        PQgetvalue(h, r, 2));
		}
		last[k] = count;
		if (cl[who].outcome[wn] != OUT_APPLIED) {
			if (not_applied++ < 5)
				fprintf(stderr, "history: %s's write %ld (%s) is there, but it was %s\n", user, wn, PQgetvalue(h, r, 2),
				        cl[who].outcome[wn] == OUT_REFUSED ? "refused" : "not applied");
		}
		twice += seen[who][wn]++ > 0;
		rows_by[who]++;
	}
	PQclear(h);
	CHECK_INT(nh, applied_all);
	CHECK_INT(out_of_order, 0);
	CHECK_INT(not_applied, 0);
	CHECK_INT(twice, 0);
	CHECK_INT(wrong_user, 0);
	for (int k = 0; k < CASES; k++)
		CHECK_INT(last[k], applied[k]);
	for (int i = 0; i < CLIENTS; i++) {
		long mine = 0, refused_there = 0;
		for (int k = 0; k < CASES; k++)
			mine += cl[i].increments[k];
		for (long n = 0; n < cl[i].rounds; n++)
			refused_there += cl[i].outcome[n] == OUT_REFUSED && seen[i][n];
		CHECK_INT(rows_by[i], mine);
		CHECK_INT(refused_there, 0);
		free(seen[i]);
		free(cl[i].outcome);
	}

	/* The stored caseworker is where its history ends. */
	CHECK_STR(dbtest_value(c, "SELECT count(*) FROM ehcp_request r WHERE r.caseworker IS DISTINCT FROM ("
	                          " SELECT new_value FROM ehcp_history h WHERE h.request_id = r.id AND h.field = 'caseworker'"
	                          " ORDER BY h.id DESC LIMIT 1)"),
	          "0");
	/* The pair was always written together. */
	CHECK_STR(dbtest_value(c, "SELECT count(*) FROM ehcp_request WHERE (draft_plan_date IS NULL) <> (final_plan_date IS NULL)"), "0");
	printf("%d clients for %.0f s: %ld changes, %ld stale writes refused (%ld increments applied, %ld refused), "
	       "%ld failures\n",
	       CLIENTS, seconds, ok, refused, applied_all, inc_refused, failed);
	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_concurrency");
}
