/* Accounts, sign-in, sessions, feeds and the per-request role against a
 * real PostgreSQL.  Stored hashes are checked with PostgreSQL's own
 * sha256(), which shares no code with the library's (gnutls). */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "dbtest.h"
#include "sys/secret.h"

static ehcp_signin_options fast = EHCP_SIGNIN_OPTIONS_INIT;

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

/* The value of a query with one text parameter (static buffer). */
static const char *value1(ehcp_store *s, const char *sql, const char *param)
{
	static char buf[512];
	const char *p[1] = {param};
	PGresult *r = PQexecParams(ehcp_store_conn(s), sql, 1, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) < 1)
		snprintf(buf, sizeof buf, "<error: %s>", PQerrorMessage(ehcp_store_conn(s)));
	else
		snprintf(buf, sizeof buf, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return buf;
}

static const char *last_outcome(ehcp_store *s)
{
	return dbtest_value(ehcp_store_conn(s), "SELECT name || ' ' || client || ' ' || outcome FROM ehcp_signin_log "
	                                        "ORDER BY id DESC LIMIT 1");
}

static void test_users(ehcp_store *s)
{
	CHECK_INT(ehcp_user_add(s, "alice", EHCP_ROLE_WRITER, "correct horse"), 0);
	CHECK_INT(ehcp_user_add(s, "bob", EHCP_ROLE_READER, "battery staple"), 0);
	CHECK_INT(ehcp_user_add(s, "carol", EHCP_ROLE_ADMIN, "tr0ub4dor&3"), 0);
	CHECK_INT(ehcp_user_add(s, "alice", EHCP_ROLE_READER, "another one"), EHCP_ECONFLICT);
	CHECK_STR(ehcp_error_last(), "there is a user alice already");
	CHECK_INT(ehcp_user_add(s, "a b", EHCP_ROLE_READER, "long enough"), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "a user name is 1 to 64 letters, digits or . _ @ -");
	CHECK_INT(ehcp_user_add(s, "dave", EHCP_ROLE_READER, "short"), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "a password is 8 to 1024 characters");
	CHECK_INT(ehcp_user_passwd(s, "nobody", "long enough"), EHCP_ENOTFOUND);
	CHECK_STR(ehcp_error_last(), "no user nobody");
	/* Only a yescrypt hash is kept, salted: the same password twice is
	 * two different hashes. */
	PGconn *c = ehcp_store_conn(s);
	CHECK_STR(dbtest_value(c, "SELECT count(*) FROM ehcp_user WHERE password_hash LIKE '$y$%' AND "
	                          "password_hash NOT LIKE '%horse%'"), "3");
	CHECK_INT(ehcp_user_add(s, "alice2", EHCP_ROLE_WRITER, "correct horse"), 0);
	CHECK_STR(dbtest_value(c, "SELECT count(DISTINCT password_hash) FROM ehcp_user WHERE name LIKE 'alice%'"), "2");

	ehcp_users *l = NULL;
	CHECK_INT(ehcp_user_list(&l, s), 0);
	CHECK_INT(l ? (long long)l->count : -1, 4);
	if (l && l->count == 4) {
		CHECK_STR(l->users[0].name, "alice");
		CHECK_INT(l->users[0].role, EHCP_ROLE_WRITER);
		CHECK_STR(l->users[2].name, "bob");
		CHECK_INT(l->users[2].role, EHCP_ROLE_READER);
		CHECK_STR(l->users[3].name, "carol");
		CHECK_INT(l->users[3].role, EHCP_ROLE_ADMIN);
		CHECK(!l->users[3].disabled && l->users[3].failed == 0 && l->users[3].locked_until == 0);
		CHECK(l->users[3].created > 1700000000);
	}
	ehcp_users_free(l);
	ehcp_role r;
	CHECK_INT(ehcp_role_parse(&r, "writer"), 0);
	CHECK_INT(r, EHCP_ROLE_WRITER);
	CHECK_INT(ehcp_role_parse(&r, "root"), EHCP_EINVALID);
	CHECK_STR(ehcp_role_name(EHCP_ROLE_ADMIN), "admin");
}

static void test_signin(ehcp_store *s)
{
	ehcp_session se, found;
	CHECK_INT(ehcp_account_signin(&se, s, "alice", "correct horse", "192.0.2.7", &fast), 0);
	CHECK_INT(strlen(se.token), 43);
	CHECK_INT(strlen(se.csrf), 43);
	CHECK(strcmp(se.token, se.csrf) != 0);
	CHECK_STR(se.name, "alice");
	CHECK_INT(se.role, EHCP_ROLE_WRITER);
	/* expires = now + 8 hours (EHCP_SIGNIN_OPTIONS_INIT), to a minute */
	CHECK(se.expires > (long long)time(NULL) + 8 * 3600 - 60 && se.expires < (long long)time(NULL) + 8 * 3600 + 60);
	CHECK_STR(last_outcome(s), "alice 192.0.2.7 ok");
	/* Only the token's SHA-256 is stored, as PostgreSQL computes it. */
	CHECK_STR(value1(s, "SELECT count(*) FROM ehcp_session WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
	                 se.token), "1");

	CHECK_INT(ehcp_session_lookup(&found, s, se.token), 0);
	CHECK_STR(found.name, "alice");
	CHECK_INT(found.role, EHCP_ROLE_WRITER);
	CHECK_STR(found.csrf, se.csrf);
	CHECK_INT(found.expires, se.expires);
	CHECK(ehcp_csrf_check(&found, se.csrf));
	char wrong[64];
	snprintf(wrong, sizeof wrong, "%s", se.csrf);
	wrong[42] = wrong[42] == 'A' ? 'B' : 'A';
	CHECK(!ehcp_csrf_check(&found, wrong));
	wrong[42] = '\0';
	CHECK(!ehcp_csrf_check(&found, wrong));
	CHECK(!ehcp_csrf_check(&found, ""));
	CHECK(!ehcp_csrf_check(&found, NULL));

	/* Look-alikes of the token open nothing. */
	snprintf(wrong, sizeof wrong, "%s", se.token);
	wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
	CHECK_INT(ehcp_session_lookup(&found, s, wrong), EHCP_ENOTFOUND);
	CHECK_STR(ehcp_error_last(), "no such session");
	CHECK_INT(ehcp_session_lookup(&found, s, "x' OR '1'='1"), EHCP_ENOTFOUND);
	CHECK_INT(ehcp_session_lookup(&found, s, NULL), EHCP_ENOTFOUND);

	/* Sign-out ends it; a second sign-out is harmless. */
	CHECK_INT(ehcp_session_end(s, se.token), 0);
	CHECK_INT(ehcp_session_lookup(&found, s, se.token), EHCP_ENOTFOUND);
	CHECK_INT(ehcp_session_end(s, se.token), 0);

	/* An expired session opens nothing. */
	CHECK_INT(ehcp_account_signin(&se, s, "alice", "correct horse", "192.0.2.7", &fast), 0);
	CHECK_INT(ehcp_session_lookup(&found, s, se.token), 0);
	dbtest_exec(ehcp_store_conn(s), "UPDATE ehcp_session SET expires = now() - interval '1 second'");
	CHECK_INT(ehcp_session_lookup(&found, s, se.token), EHCP_ENOTFOUND);

	/* Sessions that are over are deleted when their user next signs in, so
	 * that the table holds no more than the live ones: the signed-out one
	 * went at the last sign-in, the expired one goes at this; another
	 * user's expired one stays until they come back. */
	dbtest_exec(ehcp_store_conn(s), "INSERT INTO ehcp_session (token_hash, user_id, expires)"
	                                " SELECT sha256('other'), id, now() - interval '1 day' FROM ehcp_user WHERE name <> 'alice' LIMIT 1");
	CHECK_STR(dbtest_value(ehcp_store_conn(s), "SELECT count(*) FROM ehcp_session"), "2");
	CHECK_INT(ehcp_account_signin(&se, s, "alice", "correct horse", "192.0.2.7", &fast), 0);
	CHECK_STR(dbtest_value(ehcp_store_conn(s), "SELECT count(*) FILTER (WHERE u.name = 'alice' AND s.ended IS NULL"
	                                            " AND s.expires > now()) || ' ' || count(*) FROM ehcp_session s"
	                                            " JOIN ehcp_user u ON u.id = s.user_id"),
	          "1 2");
	CHECK_INT(ehcp_session_lookup(&found, s, se.token), 0);
}

static void test_failures(ehcp_store *s)
{
	ehcp_session se;
	static const char refused[] = "sign-in refused: wrong name or password, or the account is locked for a while";
	ehcp_signin_options o = fast;
	o.delay_ms = 100;
	o.delay_step_ms = 150;
	o.lock_after = 3;
	/* Each failure waits 100 ms and 150 more for each failure before it
	 * in a row: 100, then 250, then the lock. */
	double t0 = now_ms();
	CHECK_INT(ehcp_account_signin(&se, s, "carol", "wrong one", "198.51.100.1", &o), EHCP_EINVALID);
	double t1 = now_ms();
	CHECK_STR(ehcp_error_last(), refused);
	CHECK_STR(last_outcome(s), "carol 198.51.100.1 wrong_password");
	CHECK_STR(se.token, "");
	CHECK_INT(ehcp_account_signin(&se, s, "carol", "wrong two", "198.51.100.1", &o), EHCP_EINVALID);
	double t2 = now_ms();
	CHECK(t1 - t0 >= 100);
	CHECK(t2 - t1 >= 250);
	CHECK_STR(dbtest_value(ehcp_store_conn(s), "SELECT failed FROM ehcp_user WHERE name = 'carol'"), "2");
	/* The third locks; now the right password is refused as well. */
	CHECK_INT(ehcp_account_signin(&se, s, "carol", "wrong three", "198.51.100.1", &o), EHCP_EINVALID);
	/* A locked account waits as long as the failure that locked it, 100 +
	 * 2 * 150 ms, for a known name as for an unknown one. */
	t0 = now_ms();
	CHECK_INT(ehcp_account_signin(&se, s, "carol", "tr0ub4dor&3", "198.51.100.1", &o), EHCP_EINVALID);
	CHECK(now_ms() - t0 >= 400);
	CHECK_STR(ehcp_error_last(), refused);
	CHECK_STR(last_outcome(s), "carol 198.51.100.1 locked");
	/* locked for lock_seconds (900) from the third failure, to a minute */
	CHECK_STR(dbtest_value(ehcp_store_conn(s), "SELECT locked_until BETWEEN now() + interval '899 seconds' - "
	                                           "interval '1 minute' AND now() + interval '900 seconds' "
	                                           "FROM ehcp_user WHERE name = 'carol'"), "t");
	/* When the lock has run out, the right password works and the count
	 * starts again. */
	dbtest_exec(ehcp_store_conn(s), "UPDATE ehcp_user SET locked_until = now() - interval '1 second' "
	                                "WHERE name = 'carol'");
	CHECK_INT(ehcp_account_signin(&se, s, "carol", "tr0ub4dor&3", "198.51.100.1", &o), 0);
	CHECK_STR(dbtest_value(ehcp_store_conn(s), "SELECT failed || ' ' || (locked_until IS NULL) FROM ehcp_user "
	                                           "WHERE name = 'carol'"), "0 true");

	/* An unknown name: the same answer, and a password hashed all the
	 * same (without the dummy hash it would answer in no time). */
	o.delay_ms = 0;
	o.delay_step_ms = 0;
	/* (the first unknown name makes the dummy hash; time the second) */
	CHECK_INT(ehcp_account_signin(&se, s, "trudy", "wrong password", "203.0.113.9", &o), EHCP_EINVALID);
	/* The fastest of five of each, interleaved, so that a busy machine
	 * does not decide it (and no lock meanwhile). */
	o.lock_after = 100;
	double known_ms = 1e9, unknown_ms = 1e9;
	for (int i = 0; i < 5; i++) {
		char who[16];
		snprintf(who, sizeof who, "nobody%d", i);
		t0 = now_ms();
		CHECK_INT(ehcp_account_signin(&se, s, "alice", "wrong password", "203.0.113.9", &o), EHCP_EINVALID);
		t1 = now_ms();
		CHECK_INT(ehcp_account_signin(&se, s, who, "wrong password", "203.0.113.9", &o), EHCP_EINVALID);
		t2 = now_ms();
		known_ms = t1 - t0 < known_ms ? t1 - t0 : known_ms;
		unknown_ms = t2 - t1 < unknown_ms ? t2 - t1 : unknown_ms;
	}
	fprintf(stderr, "wrong password %.1f ms, unknown name %.1f ms (fastest of 5)\n", known_ms, unknown_ms);
	CHECK(unknown_ms > 0.5 * known_ms);
	o.lock_after = 3;
	CHECK_INT(ehcp_account_signin(&se, s, "mallory", "wrong password", "203.0.113.9", &o), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), refused);
	CHECK_STR(last_outcome(s), "mallory 203.0.113.9 unknown_user");
	/* ...and locked like one after lock_after failures in a row: the
	 * third is still a failure, the fourth finds the lock. */
	CHECK_INT(ehcp_account_signin(&se, s, "mallory", "wrong password", "203.0.113.9", &o), EHCP_EINVALID);
	CHECK_INT(ehcp_account_signin(&se, s, "mallory", "wrong password", "203.0.113.9", &o), EHCP_EINVALID);
	CHECK_STR(last_outcome(s), "mallory 203.0.113.9 unknown_user");
	CHECK_INT(ehcp_account_signin(&se, s, "mallory", "wrong password", "203.0.113.9", &o), EHCP_EINVALID);
	CHECK_STR(last_outcome(s), "mallory 203.0.113.9 locked");
	/* What is logged of a name is at most 64 printable characters:
	 * "a?b?" 4 + the alphabet from c 24 + the alphabet 26 + "abcdefghij" 10. */
	CHECK_INT(ehcp_account_signin(&se, s, "a\nb\x01" "cdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopq",
	                              "wrong password", NULL, &o), EHCP_EINVALID);
	CHECK_STR(last_outcome(s), "a?b?cdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij  unknown_user");

	/* A disabled user: no sign-in, no session, and its delays grow from
	 * the log like an unknown name's: 0 + 150 ms the second time. */
	ehcp_session bob, found;
	CHECK_INT(ehcp_account_signin(&bob, s, "bob", "battery staple", "192.0.2.8", &fast), 0);
	CHECK_INT(ehcp_user_disable(s, "bob"), 0);
	CHECK_INT(ehcp_session_lookup(&found, s, bob.token), EHCP_ENOTFOUND);
	o.delay_ms = 0;
	o.delay_step_ms = 150;
	CHECK_INT(ehcp_account_signin(&se, s, "bob", "battery staple", "192.0.2.8", &o), EHCP_EINVALID);
	CHECK_STR(last_outcome(s), "bob 192.0.2.8 disabled");
	t0 = now_ms();
	CHECK_INT(ehcp_account_signin(&se, s, "bob", "battery staple", "192.0.2.8", &o), EHCP_EINVALID);
	CHECK(now_ms() - t0 >= 150);
	o.delay_step_ms = 0;

	/* A new password ends the old sessions; the old password is refused. */
	ehcp_session alice;
	CHECK_INT(ehcp_account_signin(&alice, s, "alice", "correct horse", "192.0.2.7", &fast), 0);
	CHECK_INT(ehcp_user_passwd(s, "alice", "new and better"), 0);
	CHECK_INT(ehcp_session_lookup(&found, s, alice.token), EHCP_ENOTFOUND);
	CHECK_INT(ehcp_account_signin(&se, s, "alice", "correct horse", "192.0.2.7", &o), EHCP_EINVALID);
	CHECK_INT(ehcp_account_signin(&se, s, "alice", "new and better", "192.0.2.7", &fast), 0);
}

static const char *role_of(ehcp_store *s, const char *name)
{
	return value1(s, "SELECT role FROM ehcp_user WHERE name = $1", name);
}

typedef struct role_change {
	ehcp_store *s;
	const char *name;
	int rc;
	char error[256];
} role_change;

static void *set_reader(void *arg)
{
	role_change *c = arg;
	c->rc = ehcp_user_set_role(c->s, c->name, EHCP_ROLE_READER);
	snprintf(c->error, sizeof c->error, "%s", c->rc < 0 ? ehcp_error_last() : "");
	return NULL;
}

/* A new role: at once, in the same session; never the last admin's. */
static void test_set_role(ehcp_store *s)
{
	PGconn *c = ehcp_store_conn(s);
	/* carol is the only admin here */
	CHECK_STR(dbtest_value(c, "SELECT string_agg(name, ',') FROM ehcp_user WHERE role = 'admin'"), "carol");
	ehcp_session se, found;
	CHECK_INT(ehcp_user_add(s, "frank", EHCP_ROLE_READER, "frank's password"), 0);
	CHECK_INT(ehcp_account_signin(&se, s, "frank", "frank's password", NULL, &fast), 0);
	CHECK_INT(ehcp_user_set_role(s, "frank", EHCP_ROLE_WRITER), 0);
	CHECK_STR(role_of(s, "frank"), "writer");
	CHECK_INT(ehcp_session_lookup(&found, s, se.token), 0);
	CHECK_INT(found.role, EHCP_ROLE_WRITER);

	CHECK_INT(ehcp_user_set_role(s, "carol", EHCP_ROLE_WRITER), EHCP_ECONFLICT);
	CHECK_STR(ehcp_error_last(), "carol is the only admin: make another user an admin first");
	CHECK_STR(role_of(s, "carol"), "admin");
	/* a disabled admin is nobody to manage the service */
	CHECK_INT(ehcp_user_add(s, "gina", EHCP_ROLE_ADMIN, "gina's password"), 0);
	CHECK_INT(ehcp_user_disable(s, "gina"), 0);
	CHECK_INT(ehcp_user_set_role(s, "carol", EHCP_ROLE_READER), EHCP_ECONFLICT);
	/* the only admin made an admin again: nothing taken */
	CHECK_INT(ehcp_user_set_role(s, "carol", EHCP_ROLE_ADMIN), 0);
	/* with a second admin, carol may go; then frank is the only one */
	CHECK_INT(ehcp_user_set_role(s, "frank", EHCP_ROLE_ADMIN), 0);
	CHECK_INT(ehcp_user_set_role(s, "carol", EHCP_ROLE_READER), 0);
	CHECK_STR(role_of(s, "carol"), "reader");
	CHECK_INT(ehcp_user_set_role(s, "frank", EHCP_ROLE_WRITER), EHCP_ECONFLICT);
	CHECK_STR(ehcp_error_last(), "frank is the only admin: make another user an admin first");

	CHECK_INT(ehcp_user_set_role(s, "nobody", EHCP_ROLE_READER), EHCP_ENOTFOUND);
	CHECK_STR(ehcp_error_last(), "no user nobody");
	CHECK_INT(ehcp_user_set_role(s, "a b", EHCP_ROLE_READER), EHCP_EINVALID);
	CHECK_INT(ehcp_user_set_role(s, "frank", (ehcp_role)7), EHCP_EINVALID);
	CHECK_STR(role_of(s, "frank"), "admin");
	CHECK_INT(ehcp_user_set_role(NULL, "frank", EHCP_ROLE_READER), EHCP_EINVALID);

	/* Two admins taking each other's role at once: one wins, and the other
	 * then finds itself the only admin.  A third connection holds the
	 * admins while both start, so that both are under way together. */
	CHECK_INT(ehcp_user_set_role(s, "carol", EHCP_ROLE_ADMIN), 0);
	ehcp_store *s2 = NULL, *s3 = NULL;
	ehcp_store_options so = EHCP_STORE_OPTIONS_INIT;
	CHECK_INT(ehcp_store_open(&s2, dbtest_conninfo, &so), 0);
	CHECK_INT(ehcp_store_open(&s3, dbtest_conninfo, &so), 0);
	PGconn *holder = PQconnectdb(dbtest_conninfo);
	dbtest_exec(holder, "BEGIN");
	dbtest_exec(holder, "SELECT 1 FROM ehcp_user WHERE role = 'admin' FOR UPDATE");
	role_change a = {s2, "carol", 1, ""}, b = {s3, "frank", 1, ""};
	pthread_t ta, tb;
	if (s2 && s3 && pthread_create(&ta, NULL, set_reader, &a) == 0) {
		if (pthread_create(&tb, NULL, set_reader, &b) == 0) {
			/* both waiting on the holder's locks */
			int waiting = 0;
			for (int i = 0; i < 500 && waiting < 2; i++) {
				usleep(10000);
				waiting = atoi(dbtest_value(c, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
				                               " AND wait_event_type = 'Lock'"));
			}
			CHECK_INT(waiting, 2);
			dbtest_exec(holder, "COMMIT");
			pthread_join(tb, NULL);
		} else {
			dbtest_exec(holder, "COMMIT");
		}
		pthread_join(ta, NULL);
	}
	PQfinish(holder);
	CHECK((a.rc == 0 && b.rc == EHCP_ECONFLICT) || (b.rc == 0 && a.rc == EHCP_ECONFLICT));
	CHECK_HAS(a.rc ? a.error : b.error, "is the only admin");
	CHECK_STR(dbtest_value(c, "SELECT count(*) FROM ehcp_user WHERE role = 'admin' AND NOT disabled"), "1");
	ehcp_store_free(s2);
	ehcp_store_free(s3);
	/* carol the admin again, for what follows */
	CHECK_INT(ehcp_user_set_role(s, "carol", EHCP_ROLE_ADMIN), 0);
	CHECK_INT(ehcp_user_set_role(s, "frank", EHCP_ROLE_READER), 0);
	/* nor is the only admin disabled */
	CHECK_INT(ehcp_user_disable(s, "carol"), EHCP_ECONFLICT);
	CHECK_STR(ehcp_error_last(), "carol is the only admin: make another user an admin first");
	CHECK_STR(value1(s, "SELECT disabled::text FROM ehcp_user WHERE name = $1", "carol"), "false");
}

static int add_case(ehcp_store *s, const char *ref)
{
	ehcp_case *c;
	CHECK_INT(ehcp_case_new(&c), 0);
	CHECK_INT(ehcp_case_set_field(c, "case_ref", ref, strlen(ref)), 0);
	CHECK_INT(ehcp_case_set_field(c, "request_date", "2020-01-06", 10), 0);
	int rc = ehcp_case_create(NULL, s, c, NULL);
	ehcp_case_free(c);
	return rc;
}

/* PostgreSQL, not the library, refuses a reader's write. */
static void test_act_as(ehcp_store *s)
{
	PGconn *c = ehcp_store_conn(s);
	CHECK_INT(add_case(s, "R-1"), 0);
	char *before = dbtest_digest(c);

	CHECK_INT(ehcp_store_act_as(s, EHCP_ROLE_READER, "bob"), 0);
	CHECK_STR(dbtest_value(c, "SELECT current_user"), "ehcp_reader");
	CHECK_INT(ehcp_case_record(s, "R-1", "caseworker", "B. Jones", NULL), EHCP_EDB);
	CHECK_HAS(ehcp_error_last(), "permission denied for table ehcp_request");
	CHECK_INT(add_case(s, "R-2"), EHCP_EDB);
	CHECK_HAS(ehcp_error_last(), "permission denied");
	/* It still reads... */
	ehcp_case *got = NULL;
	CHECK_INT(ehcp_case_lookup(&got, s, "R-1", EHCP_DATE_NONE), 0);
	ehcp_case_free(got);
	/* ...but not the accounts, nor the feeds. */
	ehcp_users *l = NULL;
	CHECK_INT(ehcp_user_list(&l, s), EHCP_EDB);
	CHECK_HAS(ehcp_error_last(), "permission denied for table ehcp_user");
	ehcp_session se;
	CHECK_INT(ehcp_session_lookup(&se, s, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), EHCP_EDB);
	CHECK_HAS(ehcp_error_last(), "permission denied for table ehcp_session");
	ehcp_feeds *fl = NULL;
	CHECK_INT(ehcp_feed_list(&fl, s), EHCP_EDB);
	CHECK_HAS(ehcp_error_last(), "permission denied for table ehcp_feed");
	char *after = dbtest_digest(c);
	CHECK_STR(after, before);
	free(after);

	/* A writer writes, and the history says who. */
	CHECK_INT(ehcp_store_act_as(s, EHCP_ROLE_WRITER, "alice"), 0);
	CHECK_STR(dbtest_value(c, "SELECT current_user"), "ehcp_writer");
	CHECK_INT(ehcp_case_record(s, "R-1", "caseworker", "B. Jones", NULL), 0);
	CHECK_STR(dbtest_value(c, "SELECT app_user || ' ' || field || ' ' || new_value FROM ehcp_history "
	                          "ORDER BY id DESC LIMIT 1"), "alice caseworker B. Jones");
	CHECK_INT(ehcp_user_list(&l, s), EHCP_EDB);
	CHECK_HAS(ehcp_error_last(), "permission denied for table ehcp_user");

	/* Back to the owner. */
	CHECK_INT(ehcp_store_act_as(s, EHCP_ROLE_ADMIN, NULL), 0);
	CHECK_STR(dbtest_value(c, "SELECT current_user = session_user"), "t");
	CHECK_INT(ehcp_user_list(&l, s), 0);
	ehcp_users_free(l);
	free(before);
}

static void test_feeds(ehcp_store *s)
{
	char team[EHCP_FEED_TOKEN_SIZE], khan[EHCP_FEED_TOKEN_SIZE];
	long long id_team = 0, id_khan = 0;
	CHECK_INT(ehcp_feed_add(team, &id_team, s, NULL), 0);
	ehcp_feed_options fo = EHCP_FEED_OPTIONS_INIT;
	fo.caseworker = "A. Khan";
	fo.label = "Khan's phone";
	CHECK_INT(ehcp_feed_add(khan, &id_khan, s, &fo), 0);
	CHECK_INT(strlen(team), 43);
	CHECK(strspn(team, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43);
	CHECK(strcmp(team, khan) != 0);
	CHECK_INT(id_khan, id_team + 1);
	CHECK_STR(value1(s, "SELECT id FROM ehcp_feed WHERE token_hash = sha256(convert_to($1, 'UTF8'))", khan),
	          dbtest_value(ehcp_store_conn(s), "SELECT max(id) FROM ehcp_feed"));
	fo.caseworker = "";
	CHECK_INT(ehcp_feed_add(team, NULL, s, &fo), EHCP_EINVALID);

	ehcp_feed *f = NULL;
	CHECK_INT(ehcp_feed_lookup(&f, s, khan), 0);
	if (f) {
		CHECK_INT(f->id, id_khan);
		CHECK_STR(f->caseworker, "A. Khan");
		CHECK_STR(f->label, "Khan's phone");
		CHECK_INT(f->revoked, 0);
	}
	ehcp_feed_free(f);
	CHECK_INT(ehcp_feed_lookup(&f, s, team), 0);
	CHECK(f && !f->caseworker && !f->label);
	ehcp_feed_free(f);

	CHECK_INT(ehcp_feed_revoke(s, id_khan), 0);
	CHECK_INT(ehcp_feed_revoke(s, id_khan), EHCP_ENOTFOUND);
	CHECK_STR(ehcp_error_last(), "no feed 2 that still works");
	CHECK_INT(ehcp_feed_revoke(s, 999), EHCP_ENOTFOUND);
	/* Revoked, never issued, not a token: one answer. */
	CHECK_INT(ehcp_feed_lookup(&f, s, khan), EHCP_ENOTFOUND);
	CHECK_STR(ehcp_error_last(), "no such feed");
	CHECK(f == NULL);
	CHECK_INT(ehcp_feed_lookup(&f, s, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), EHCP_ENOTFOUND);
	CHECK_STR(ehcp_error_last(), "no such feed");
	CHECK_INT(ehcp_feed_lookup(&f, s, "../../etc/passwd"), EHCP_ENOTFOUND);
	CHECK_STR(ehcp_error_last(), "no such feed");

	ehcp_feeds *l = NULL;
	CHECK_INT(ehcp_feed_list(&l, s), 0);
	CHECK_INT(l ? (long long)l->count : -1, 2);
	if (l && l->count == 2) {
		CHECK_INT(l->feeds[0].id, id_team);
		CHECK(l->feeds[0].caseworker == NULL && l->feeds[0].revoked == 0);
		CHECK_STR(l->feeds[1].caseworker, "A. Khan");
		CHECK(l->feeds[1].revoked >= l->feeds[1].created && l->feeds[1].created > 1700000000);
	}
	ehcp_feeds_free(l);
}

/* A named database owned by a login that is no superuser but may create
 * roles, on the test server; its conninfo. */
static char owned_role[64], owned_db[64];

/* A statement about the owner (%s: its name), run by the administrator. */
static void owned_admin(const char *fmt)
{
	PGconn *admin = dbtest_admin();
	char sql[512];
	snprintf(sql, sizeof sql, fmt, owned_role);
	dbtest_exec(admin, sql);
	PQfinish(admin);
}

static void owned_create(char *conninfo, size_t size, const char *attributes)
{
	snprintf(owned_role, sizeof owned_role, "t_owner_%ld", (long)getpid());
	snprintf(owned_db, sizeof owned_db, "t_owned_%ld", (long)getpid());
	PGconn *admin = dbtest_admin();
	char sql[512];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", owned_db);
	dbtest_exec(admin, sql);
	PQfinish(admin);
	owned_admin("DROP ROLE IF EXISTS %s");
	snprintf(sql, sizeof sql, "CREATE ROLE %%s LOGIN %s", attributes);
	owned_admin(sql);
	admin = dbtest_admin();
	snprintf(sql, sizeof sql, "CREATE DATABASE %s OWNER %s", owned_db, owned_role);
	dbtest_exec(admin, sql);
	PQfinish(admin);
	snprintf(conninfo, size, "%s dbname=%s user=%s", getenv("EHCP_TEST_SERVER"), owned_db, owned_role);
}

static void owned_drop(void)
{
	PGconn *admin = dbtest_admin();
	char sql[512];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", owned_db);
	dbtest_exec(admin, sql);
	PQfinish(admin);
	owned_admin("DROP OWNED BY %s");
	owned_admin("DROP ROLE IF EXISTS %s");
}

/* A named database whose owner is no superuser but may create roles: the
 * migration makes it a member of both, and the switch works there too. */
static void test_owner_not_superuser(void)
{
	char conninfo[1024];
	owned_create(conninfo, sizeof conninfo, "CREATEROLE");
	ehcp_store *s = NULL;
	ehcp_store_options o = EHCP_STORE_OPTIONS_INIT;
	o.migrate = true;
	CHECK_INT(ehcp_store_open(&s, conninfo, &o), 0);
	if (s) {
		CHECK_STR(dbtest_value(ehcp_store_conn(s), "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"), "f");
		CHECK_INT(add_case(s, "N-1"), 0);
		CHECK_INT(ehcp_store_act_as(s, EHCP_ROLE_READER, "bob"), 0);
		CHECK_INT(ehcp_case_record(s, "N-1", "caseworker", "B. Jones", NULL), EHCP_EDB);
		CHECK_HAS(ehcp_error_last(), "permission denied for table ehcp_request");
		CHECK_INT(ehcp_store_act_as(s, EHCP_ROLE_WRITER, "alice"), 0);
		CHECK_INT(ehcp_case_record(s, "N-1", "caseworker", "B. Jones", NULL), 0);
		CHECK_INT(ehcp_store_act_as(s, EHCP_ROLE_ADMIN, NULL), 0);
		CHECK_INT(ehcp_user_add(s, "erin", EHCP_ROLE_READER, "long enough"), 0);
		ehcp_store_free(s);
		s = NULL;
	}

	/* An owner that is not a member of the roles (an administrator revoked
	 * it; 0004 itself refuses an owner that may not grant them): the switch
	 * is refused by PostgreSQL with its own message, and works again once
	 * an administrator grants them. */
	owned_admin("REVOKE ehcp_reader, ehcp_writer FROM %s");
	CHECK_INT(ehcp_store_open(&s, conninfo, NULL), 0);
	if (s) {
		CHECK_INT(ehcp_store_act_as(s, EHCP_ROLE_READER, NULL), EHCP_EDB);
		CHECK_STR(ehcp_error_last(), "cannot act under the role: permission denied to set role \"ehcp_reader\"");
		CHECK_STR(dbtest_value(ehcp_store_conn(s), "SELECT current_user = session_user"), "t");
		ehcp_store_free(s);
		s = NULL;
	}
	owned_admin("GRANT ehcp_reader, ehcp_writer TO %s");
	CHECK_INT(ehcp_store_open(&s, conninfo, NULL), 0);
	if (s) {
		CHECK_INT(ehcp_store_act_as(s, EHCP_ROLE_READER, NULL), 0);
		CHECK_INT(add_case(s, "P-1"), EHCP_EDB);
		CHECK_HAS(ehcp_error_last(), "permission denied");
		ehcp_store_free(s);
	}
	owned_drop();
}

/* An owner that may not create roles, in a cluster where another database
 * made them: the migrations run (0004 grants only what the owner owns, once
 * the roles are joined), the readers may read, and the owner acts under the
 * roles once an administrator makes it a member. */
static void test_owner_plain(void)
{
	char conninfo[1024];
	owned_create(conninfo, sizeof conninfo, "NOCREATEROLE");
	ehcp_store *s = NULL;
	ehcp_store_options o = EHCP_STORE_OPTIONS_INIT;
	o.migrate = true;
	CHECK_INT(ehcp_store_open(&s, conninfo, &o), 0);
	if (!s)
		fprintf(stderr, "  (%s)\n", ehcp_error_last());
	if (s) {
		CHECK_STR(dbtest_value(ehcp_store_conn(s), "SELECT has_table_privilege('ehcp_reader', 'ehcp_plan', 'SELECT')"
		                                            " AND has_table_privilege('ehcp_writer', 'ehcp_review', 'INSERT')"
		                                            " AND NOT has_table_privilege('ehcp_reader', 'ehcp_review', 'INSERT')"),
		          "t");
		ehcp_store_free(s);
		s = NULL;
	}
	owned_admin("GRANT ehcp_reader, ehcp_writer TO %s");
	CHECK_INT(ehcp_store_open(&s, conninfo, NULL), 0);
	if (s) {
		CHECK_INT(add_case(s, "P-1"), 0);
		CHECK_INT(ehcp_store_act_as(s, EHCP_ROLE_READER, NULL), 0);
		CHECK_INT(add_case(s, "P-2"), EHCP_EDB);
		CHECK_HAS(ehcp_error_last(), "permission denied");
		ehcp_store_free(s);
	}
	owned_drop();
}

int main(void)
{
	fast.delay_ms = 0;
	fast.delay_step_ms = 0;
	ehcp_store *s = dbtest_store("account", "tester");
	test_users(s);
	test_signin(s);
	test_failures(s);
	test_set_role(s);
	test_act_as(s);
	test_feeds(s);
	ehcp_store_free(s);
	dbtest_drop();
	test_owner_not_superuser();
	test_owner_plain();
	return harness_finish("account");
}
