#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "db/migrate_internal.h"
#include "db/sql.h"

/* Any fixed number: the advisory lock that serialises migrations. */
#define MIGRATION_LOCK "7291066184400187"

static const char create_table[] =
	"CREATE TABLE IF NOT EXISTS ehcp_schema_migrations ("
	" name text PRIMARY KEY,"
	" checksum text NOT NULL,"
	" applied_at timestamptz NOT NULL DEFAULT now())";

static const char create_rules_table[] =
	"CREATE TABLE IF NOT EXISTS ehcp_schema_rules (checksum text NOT NULL)";

/* An index on a rule's result (0014's, on ehcp_finished_for_good_from)
 * holds what the old rules said: CREATE OR REPLACE FUNCTION does not touch
 * it.  So when the rules change, every index that calls one of ours (in
 * this schema, where the rules were just made) is built again, in the same
 * transaction. */
static const char reindex_rules[] =
	"DO $$DECLARE i regclass; BEGIN"
	" FOR i IN SELECT DISTINCT d.objid::regclass FROM pg_depend d"
	"   JOIN pg_class c ON c.oid = d.objid AND c.relkind = 'i'"
	"   JOIN pg_proc p ON p.oid = d.refobjid"
	"  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_proc'::regclass"
	"    AND p.proname LIKE 'ehcp\\_%' AND p.pronamespace = to_regnamespace(current_schema())::oid"
	"  ORDER BY 1"
	" LOOP EXECUTE format('REINDEX INDEX %s', i); END LOOP; END $$";

/*
 * Migrations whose text was changed after release, with the checksum of the
 * text a database may have applied.  0002-0004 lost the hand-written SQL
 * clock when the rules were written once (0005 drops what it made); nothing
 * else in them changed.  0004 later learnt to grant the writers the readers'
 * role only once, so that an owner without CREATEROLE can run it.
 */
static const struct {
	const char *name;
	const char *checksum;
} superseded[] = {
    {"0002_case_state.sql", "36cd6e7abe42605c5116e0db05899ae9583bed2889da0fa264f7938e9efde3b7"},
    {"0003_reports.sql", "d874dd29bd06bcecf1410527aca47f49568891a3a62e233e9b46ecaa7b46648f"},
    {"0004_roles.sql", "4a7f77f6c1cd5bde98d9506a8dca58d59101e5601e3084d51d400c8c0f66e850"},
    {"0004_roles.sql", "8f85ce182b885db97fc654a9195e64236773265774c0e3c0f3688ca5188c1232"},
};

static bool checksum_ok(const ehcp_migration *m, const char *sum)
{
	if (strcmp(sum, m->checksum) == 0)
		return true;
	for (size_t i = 0; i < sizeof superseded / sizeof superseded[0]; i++)
		if (strcmp(m->name, superseded[i].name) == 0 && strcmp(sum, superseded[i].checksum) == 0)
			return true;
	return false;
}

int ehcp_migrate_count(void)
{
	return (int)ehcp_migrations_count;
}

/*
 * Compares what the database records with the library's migrations.
 * *pending is the index of the first migration not yet applied.
 */
static int verify(PGconn *conn, size_t *pending)
{
	PGresult *res = ehcp_sql(conn, "cannot read the applied migrations",
	                         "SELECT name, checksum FROM ehcp_schema_migrations ORDER BY name", 0, NULL,
	                         PGRES_TUPLES_OK);
	if (!res)
		return EHCP_ESCHEMA;
	int n = PQntuples(res);
	int err = 0;
	for (int i = 0; i < n && err == 0; i++) {
		const char *name = PQgetvalue(res, i, 0);
		const char *sum = PQgetvalue(res, i, 1);
		if ((size_t)i >= ehcp_migrations_count || strcmp(name, ehcp_migrations[i].name) != 0) {
			err = ehcp_fail(EHCP_ESCHEMA,
			                "the database has migration %s, which this ehcp does not have: is it an older ehcp?", name);
		} else if (!checksum_ok(&ehcp_migrations[i], sum)) {
			err = ehcp_fail(EHCP_ESCHEMA,
			                "migration %s applied to this database differs from the file this ehcp has "
			                "(checksum %.12s... recorded, %.12s... expected); refusing to run",
			                name, sum, ehcp_migrations[i].checksum);
		}
	}
	*pending = (size_t)n;
	PQclear(res);
	return err;
}

static int exec_simple(PGconn *conn, const char *what, const char *sql)
{
	PGresult *res = ehcp_sql(conn, what, sql, 0, NULL, PGRES_COMMAND_OK);
	if (!res)
		return EHCP_EDB;
	PQclear(res);
	return 0;
}

/* Whether the database runs the rules this ehcp was built with. */
static int rules_current(PGconn *conn, bool *current)
{
	PGresult *res = ehcp_sql(conn, "cannot read the rules' version",
	                         "SELECT count(*) FILTER (WHERE checksum = $1), count(*) FROM ehcp_schema_rules", 1,
	                         &ehcp_rules_sql.checksum, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_ESCHEMA;
	*current = strcmp(PQgetvalue(res, 0, 0), "1") == 0 && strcmp(PQgetvalue(res, 0, 1), "1") == 0;
	PQclear(res);
	return 0;
}

/* Our own SQL, compiled in: the one place a statement is not
 * parameterised, and there is nothing from outside in it. */
static int exec_script(PGconn *conn, const ehcp_migration *m)
{
	PGresult *res = PQexec(conn, m->sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) {
		int err = ehcp_fail(EHCP_ESCHEMA, "migration %s failed: %s", m->name, ehcp_pq_error(conn, res));
		PQclear(res);
		return err;
	}
	PQclear(res);
	return 0;
}

/* The rules first: the migrations' constraints call them. */
static int apply_rules(PGconn *conn)
{
	bool current = false;
	int err = rules_current(conn, &current);
	if (err < 0 || current)
		return err;
	if ((err = exec_script(conn, &ehcp_rules_sql)) < 0)
		return err;
	if ((err = exec_simple(conn, "cannot rebuild the indexes on the rules", reindex_rules)) < 0)
		return err;
	if ((err = exec_simple(conn, "cannot record the rules' version", "DELETE FROM ehcp_schema_rules")) < 0)
		return err;
	PGresult *res = ehcp_sql(conn, "cannot record the rules' version",
	                         "INSERT INTO ehcp_schema_rules (checksum) VALUES ($1)", 1, &ehcp_rules_sql.checksum,
	                         PGRES_COMMAND_OK);
	if (!res)
		return EHCP_EDB;
	PQclear(res);
	return 0;
}

int ehcp_migrate_apply(int *applied, PGconn *conn)
{
	size_t pending = 0;
	int count = 0;
	int err = exec_simple(conn, "cannot begin a transaction", "BEGIN");
	if (err < 0)
		return err;
	/* The lock first: only then is it safe to create the table and read it. */
	PGresult *res = ehcp_sql(conn, "cannot take the migration lock",
	                         "SELECT pg_advisory_xact_lock(" MIGRATION_LOCK ")", 0, NULL, PGRES_TUPLES_OK);
	if (!res) {
		err = EHCP_EDB;
		goto out;
	}
	PQclear(res);
	if ((err = exec_simple(conn, "cannot create the migrations table", create_table)) < 0)
		goto out;
	if ((err = exec_simple(conn, "cannot create the rules table", create_rules_table)) < 0)
		goto out;
	if ((err = verify(conn, &pending)) < 0)
		goto out;
	if ((err = apply_rules(conn)) < 0)
		goto out;
	for (size_t i = pending; i < ehcp_migrations_count; i++) {
		const ehcp_migration *m = &ehcp_migrations[i];
		if ((err = exec_script(conn, m)) < 0)
			goto out;
		const char *params[2] = {m->name, m->checksum};
		res = ehcp_sql(conn, "cannot record the migration",
		               "INSERT INTO ehcp_schema_migrations (name, checksum) VALUES ($1, $2)", 2, params,
		               PGRES_COMMAND_OK);
		if (!res) {
			err = EHCP_EDB;
			goto out;
		}
		PQclear(res);
		count++;
	}
	err = exec_simple(conn, "cannot commit the migrations", "COMMIT");
out:
	if (err < 0 && PQtransactionStatus(conn) != PQTRANS_IDLE)
		PQclear(PQexec(conn, "ROLLBACK"));
	else if (applied)
		*applied = count;
	return err;
}

int ehcp_migrate_check(PGconn *conn)
{
	PGresult *res = ehcp_sql(conn, "cannot inspect the schema",
	                         "SELECT to_regclass('ehcp_schema_migrations') IS NOT NULL", 0, NULL, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	bool exists = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	if (!exists)
		return ehcp_fail(EHCP_ESCHEMA, "the database has no ehcp schema yet: run 'ehcp init'");
	size_t pending = 0;
	int err = verify(conn, &pending);
	if (err < 0)
		return err;
	if (pending < ehcp_migrations_count)
		return ehcp_fail(EHCP_ESCHEMA, "the database schema is out of date (%zu of %zu migrations applied, next %s): run 'ehcp init'",
		                 pending, ehcp_migrations_count, ehcp_migrations[pending].name);
	bool current = false;
	if ((err = rules_current(conn, &current)) < 0)
		return err;
	if (!current)
		return ehcp_fail(EHCP_ESCHEMA, "the database runs other statutory rules than this ehcp: run 'ehcp init'");
	return 0;
}
