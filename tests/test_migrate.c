/* Migrations: applied once and only once, a tampered one refused with the
 * file named, concurrent starts safe, and a current schema demanded. */
#include <dirent.h>
#include <pthread.h>

#include "dbtest.h"
#include "ehcp/ehcp.h"

static const char *conninfo;

/* The migrations in the source tree (the .sql files of migrations/),
 * sorted by name: what the library should have compiled in, found without
 * it.  Returns how many, or -1. */
static char source_names[64][256];

static int cmp_name(const void *a, const void *b) { return strcmp(a, b); }

static int source_migrations(void)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/../../migrations", getenv("EHCP_TEST_DATA"));
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "cannot read %s\n", dir);
		return -1;
	}
	int n = 0;
	for (struct dirent *e; (e = readdir(d)) && n < 64;) {
		size_t len = strlen(e->d_name);
		if (len > 4 && len < sizeof source_names[0] && strcmp(e->d_name + len - 4, ".sql") == 0)
			snprintf(source_names[n++], sizeof source_names[0], "%s", e->d_name);
	}
	closedir(d);
	qsort(source_names, (size_t)n, sizeof source_names[0], cmp_name);
	return n;
}

/* SHA-256 of a source migration's bytes, as the server computes it. */
static const char *source_checksum(PGconn *c, const char *name)
{
	static char out[80];
	char path[1400];
	snprintf(path, sizeof path, "%s/../../migrations/%s", getenv("EHCP_TEST_DATA"), name);
	FILE *f = fopen(path, "rb");
	snprintf(out, sizeof out, "<cannot read %s>", name);
	if (!f)
		return out;
	char *data = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&data, &len);
	char buf[8192];
	for (size_t got; (got = fread(buf, 1, sizeof buf, f)) > 0;)
		fwrite(buf, 1, got, m);
	fclose(f);
	fclose(m);
	const char *params[1] = {data};
	int lens[1] = {(int)len}, formats[1] = {1};
	PGresult *r = PQexecParams(c, "SELECT encode(sha256($1::bytea), 'hex')", 1, NULL, params, lens, formats, 0);
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		snprintf(out, sizeof out, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	free(data);
	return out;
}

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
	/* As many migrations compiled in as there are files in migrations/
	 * (five when this was written: 0001 to 0005). */
	const int total = ehcp_store_migration_count();
	const int files = source_migrations();
	CHECK(files >= 5);
	CHECK_INT(total, files);

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
	CHECK_INT(atoi(dbtest_value(c, "SELECT count(*) FROM ehcp_schema_migrations")), files);
	CHECK_STR(dbtest_value(c, "SELECT min(name) FROM ehcp_schema_migrations"), "0001_schema.sql");
	/* Each file applied, under its own name, with the checksum of its bytes. */
	for (int i = 0; i < files; i++) {
		char sql[512];
		snprintf(sql, sizeof sql, "SELECT name FROM ehcp_schema_migrations ORDER BY name OFFSET %d LIMIT 1", i);
		CHECK_STR(dbtest_value(c, sql), source_names[i]);
		char want[80];
		snprintf(want, sizeof want, "%s", source_checksum(c, source_names[i]));
		CHECK_INT(strlen(want), 64);
		snprintf(sql, sizeof sql, "SELECT checksum FROM ehcp_schema_migrations WHERE name = '%.400s'", source_names[i]);
		CHECK_STR(dbtest_value(c, sql), want);
	}
	/* and the rules' SQL, once */
	CHECK_STR(dbtest_value(c, "SELECT count(*) FROM ehcp_schema_rules"), "1");

	/* Applying again does nothing. */
	int applied = -1;
	CHECK_INT(ehcp_store_migrate(&applied, s), 0);
	CHECK_INT(applied, 0);
	CHECK_INT(atoi(dbtest_value(c, "SELECT count(*) FROM ehcp_schema_migrations")), total);

	/* A database that applied 0004 as it was before it learnt to grant the
	 * readers' role to the writers only once (sha256 of that text): still
	 * current. */
	dbtest_exec(c, "UPDATE ehcp_schema_migrations SET checksum ="
	               " '8f85ce182b885db97fc654a9195e64236773265774c0e3c0f3688ca5188c1232' WHERE name = '0004_roles.sql'");
	CHECK_INT(ehcp_store_check_schema(s), 0);

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
