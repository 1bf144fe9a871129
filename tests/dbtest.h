#ifndef EHCP_TEST_DBTEST_H
#define EHCP_TEST_DBTEST_H

/*
 * Database tests run against the real PostgreSQL server that tests/run
 * starts for the whole run; $EHCP_TEST_SERVER is a conninfo for it.  Each
 * test creates a database of its own, so that tests cannot see each
 * other's rows, and drops it at the end.  Without a server the test fails:
 * a database test never skips.
 */

#include <libpq-fe.h>
#include <stdarg.h>
#include <unistd.h>

#include "db/store_internal.h"   /* ehcp_store_conn(): tests look below the API */
#include "ehcp/ehcp.h"
#include "harness.h"

static char dbtest_name[64];
static char dbtest_conninfo[1024];

static inline PGconn *dbtest_admin(void)
{
	const char *server = getenv("EHCP_TEST_SERVER");
	if (!server || !*server) {
		fprintf(stderr, "EHCP_TEST_SERVER is not set: run the suite with tests/run, which starts a server\n");
		exit(1);
	}
	PGconn *c = PQconnectdb(server);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "cannot reach the test server: %s", PQerrorMessage(c));
		exit(1);
	}
	PQclear(PQexec(c, "SET client_min_messages = warning"));
	return c;
}

static inline void dbtest_exec(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "test setup failed: %s: %s", sql, PQerrorMessage(c));
		exit(1);
	}
	PQclear(r);
}

/* A fresh empty database named after the test; returns its conninfo. */
static inline const char *dbtest_create(const char *test)
{
	PGconn *c = dbtest_admin();
	char sql[256];
	snprintf(dbtest_name, sizeof dbtest_name, "t_%s_%ld", test, (long)getpid());
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", dbtest_name);
	dbtest_exec(c, sql);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", dbtest_name);
	dbtest_exec(c, sql);
	PQfinish(c);
	snprintf(dbtest_conninfo, sizeof dbtest_conninfo, "%s dbname=%s", getenv("EHCP_TEST_SERVER"), dbtest_name);
	return dbtest_conninfo;
}

static inline void dbtest_drop(void)
{
	PGconn *c = dbtest_admin();
	char sql[256];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", dbtest_name);
	dbtest_exec(c, sql);
	PQfinish(c);
}

/* The first column of the first row of a query, as text (static buffer). */
static inline const char *dbtest_value(PGconn *c, const char *sql)
{
	static char buf[4096];
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) < 1) {
		snprintf(buf, sizeof buf, "<error: %s>", PQerrorMessage(c));
	} else {
		snprintf(buf, sizeof buf, "%s", PQgetvalue(r, 0, 0));
	}
	PQclear(r);
	return buf;
}

/* A fresh database with the schema applied, opened as a store; the test
 * stops if that fails. */
static inline ehcp_store *dbtest_store(const char *test, const char *app_user)
{
	ehcp_store *s = NULL;
	ehcp_store_options o = EHCP_STORE_OPTIONS_INIT;
	o.migrate = true;
	o.app_user = app_user;
	if (ehcp_store_open(&s, dbtest_create(test), &o) < 0) {
		fprintf(stderr, "cannot open the test store: %s\n", ehcp_error_last());
		exit(1);
	}
	return s;
}

/* Imports tests/data/FILE as if on the day `today` (YYYY-MM-DD). */
static inline void dbtest_import(ehcp_store *s, const char *file, const char *today)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", getenv("EHCP_TEST_DATA"), file);
	FILE *f = fopen(path, "r");
	ehcp_import_options io = EHCP_IMPORT_OPTIONS_INIT;
	CHECK_INT(ehcp_date_parse_iso(&io.today, today, strlen(today), NULL, 0), 0);
	ehcp_import_result r;
	if (!f || ehcp_tracker_import(&r, s, f, &io) < 0) {
		fprintf(stderr, "cannot import %s: %s\n", path, f ? ehcp_error_last() : "no such file");
		exit(1);
	}
	fclose(f);
}

/* A report's value as the tests spell it: PostgreSQL's text (t/f for a
 * boolean, ISO dates, decimals with their digits), "" when null, NULL when
 * there is no such column.  Rotating buffers, so that a few may be used in
 * one expression. */
static inline const char *dbtest_cell(const ehcp_report *r, size_t row, const char *column)
{
	static char bufs[8][512];
	static int next;
	const ehcp_value *v = ehcp_report_value(r, row, column);
	if (!v)
		return NULL;
	char *b = bufs[next++ % 8];
	if (v->type == EHCP_VALUE_BOOL && !v->null)
		snprintf(b, 512, "%s", v->i ? "t" : "f");
	else
		ehcp_value_format(b, 512, v);
	return b;
}

/* A report's rows as CSV lines without the header, or "ERROR <message>"
 * (static buffer). */
static inline const char *dbtest_report_text(ehcp_store *s, const ehcp_report_options *o)
{
	static char buf[16384];
	ehcp_report *r = NULL;
	if (ehcp_report_run(&r, s, o) < 0) {
		snprintf(buf, sizeof buf, "ERROR %s", ehcp_error_last());
		return buf;
	}
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < r->nrows; i++)
		for (size_t c = 0; c < r->ncols && at < sizeof buf; c++)
			at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%c", dbtest_cell(r, i, r->columns[c].name),
			                       c + 1 < r->ncols ? ',' : '\n');
	ehcp_report_free(r);
	return buf;
}

/* A digest of every case and the history's length: equal before and after
 * a refused write shows that nothing changed. */
static inline char *dbtest_digest(PGconn *c)
{
	return strdup(dbtest_value(c, "SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY case_ref), '')) || ':' || "
	                              "(SELECT count(*) FROM ehcp_history)::text FROM ehcp_request r"));
}

#endif
