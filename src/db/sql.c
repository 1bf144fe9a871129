/* Statements on a bare connection, for the store and the migrations alike. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "db/sql.h"

const char *ehcp_pq_error(PGconn *conn, const PGresult *res)
{
	static _Thread_local char line[512];
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!msg || !*msg)
		msg = PQerrorMessage(conn);
	if (!msg || !*msg)
		msg = "unknown error";
	snprintf(line, sizeof line, "%.*s", (int)strcspn(msg, "\n"), msg);
	return line;
}

PGresult *ehcp_sql(PGconn *conn, const char *what, const char *sql, int n, const char *const *params,
                   ExecStatusType want)
{
	PGresult *res = PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) == want)
		return res;
	ehcp_fail(PQstatus(conn) == CONNECTION_OK ? EHCP_EDB : EHCP_ECONNECT, "%s: %s", what, ehcp_pq_error(conn, res));
	PQclear(res);
	return NULL;
}

const char *ehcp_sql_state(const PGresult *res)
{
	const char *s = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	return s ? s : "";
}

int ehcp_sql_exec(PGconn *conn, const char *what, const char *sql)
{
	PGresult *res = ehcp_sql(conn, what, sql, 0, NULL, PGRES_COMMAND_OK);
	if (!res)
		return EHCP_EDB;
	PQclear(res);
	return 0;
}

unsigned long long ehcp_sql_count(PGconn *conn, const char *what, const char *sql, int *err)
{
	PGresult *res = ehcp_sql(conn, what, sql, 0, NULL, PGRES_TUPLES_OK);
	if (!res) {
		*err = EHCP_EDB;
		return 0;
	}
	unsigned long long n = strtoull(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return n;
}
