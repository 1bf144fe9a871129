/* Migrations: applied once and only once, a tampered one refused with the
 * file named, concurrent starts safe, and a current schema demanded. */
#include <pthread.h>

#include "dbtest.h"
#include "ehcp/ehcp.h"

static const char *conninfo;

static void *migrate_thread(void *arg)
{
	int *rc = arg;
	ehcp_store *s = NULL;
	ehcp_store_options o = EHCP_STORE_OPTIONS_INIT;
	o.migrate = true;
	*rc = ehcp_store_open(&s, conninfo, &o);
	ehcp_store_free(s);
	return NULL;
}

int main(void)
{
	conninfo = dbtest_create("migrate");
	const int total = ehcp_store_migration_count();
	CHECK(total >= 1);

	/* An empty database: other commands are told to run init. */
	ehcp_store *s = NULL;
	CHECK_INT(ehcp_store_open(&s, conninfo, NULL), EHCP_ESCHEMA);
	CHECK(s == NULL);
	CHECK_STR(ehcp_error_last(), "the database has no ehcp schema yet: run 'ehcp init'");

	/* Several processes' worth of connections migrating at once: each
	 * succeeds and every migration is applied exactly once. */
	pthread_t t[6];
	int rc[6];
	for (int i = 0; i < 6; i++)
		pthread_create(&t[i], NULL, migrate_thread, &rc[i]);
	for (int i = 0; i < 6; i++) {
		pthread_join(t[i], NULL);
		CHECK_INT(rc[i], 0);
	}

	CHECK_INT(ehcp_store_open(&s, conninfo, NULL), 0);
	PGconn *c = ehcp_store_conn(s);
	CHECK_INT(atoi(dbtest_value(c, "SELECT count(*) FROM ehcp_schema_migrations")), total);
	CHECK_INT(atoi(dbtest_value(c, "SELECT count(DISTINCT name) FROM ehcp_schema_migrations")), total);
	CHECK_STR(dbtest_value(c, "SELECT min(name) FROM ehcp_schema_migrations"), "0001_schema.sql");
	CHECK_INT(strlen(dbtest_value(c, "SELECT min(checksum) FROM ehcp_schema_migrations")), 64);

	/* Applying again does nothing. */
	int applied = -1;
	CHECK_INT(ehcp_store_migrate(&applied, s), 0);
	CHECK_INT(applied, 0);
	CHECK_INT(atoi(dbtest_value(c, "SELECT count(*) FROM ehcp_schema_migrations")), total);

	/* A database whose applied migration differs from the library's file. */
	dbtest_exec(c, "UPDATE ehcp_schema_migrations SET checksum = repeat('0', 64) WHERE name = '0001_schema.sql'");
	ehcp_store *s2 = NULL;
	CHECK_INT(ehcp_store_open(&s2, conninfo, NULL), EHCP_ESCHEMA);
	CHECK_HAS(ehcp_error_last(), "migration 0001_schema.sql applied to this database differs from the file");
	ehcp_store_options o = EHCP_STORE_OPTIONS_INIT;
	o.migrate = true;
	CHECK_INT(ehcp_store_open(&s2, conninfo, &o), EHCP_ESCHEMA);
	CHECK_HAS(ehcp_error_last(), "0001_schema.sql");
	CHECK_HAS(ehcp_error_last(), "refusing to run");

	ehcp_store_free(s);
	dbtest_drop();

	/* A migration this library does not have (a newer ehcp applied it). */
	conninfo = dbtest_create("migrate2");
	CHECK_INT(ehcp_store_open(&s, conninfo, &o), 0);
	c = ehcp_store_conn(s);
	dbtest_exec(c, "INSERT INTO ehcp_schema_migrations (name, checksum) VALUES ('9999_future.sql', 'x')");
	CHECK_INT(ehcp_store_check_schema(s), EHCP_ESCHEMA);
	CHECK_HAS(ehcp_error_last(), "the database has migration 9999_future.sql, which this ehcp does not have");

	/* Missing a migration the library has: out of date, told to init. */
	dbtest_exec(c, "DELETE FROM ehcp_schema_migrations WHERE name = '9999_future.sql'");
	dbtest_exec(c, "DELETE FROM ehcp_schema_migrations WHERE name = (SELECT max(name) FROM ehcp_schema_migrations)");
	CHECK_INT(ehcp_store_check_schema(s), EHCP_ESCHEMA);
	CHECK_HAS(ehcp_error_last(), "out of date");
	CHECK_HAS(ehcp_error_last(), "run 'ehcp init'");
	ehcp_store_free(s);

	/* An unreachable database: one line naming it. */
	CHECK_INT(ehcp_store_open(&s, "host=/nonexistent-ehcp-dir dbname=council_tracker connect_timeout=2", NULL),
	          EHCP_ECONNECT);
	CHECK_HAS(ehcp_error_last(), "cannot connect to database \"council_tracker\" on /nonexistent-ehcp-dir");
	CHECK(strchr(ehcp_error_last(), '\n') == NULL);

	dbtest_drop();
	return harness_finish("test_migrate");
}
