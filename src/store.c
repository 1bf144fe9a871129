#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conninfo.h"
#include "errors_internal.h"
#include "store_internal.h"

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

int ehcp_sql_begin(ehcp_store *s)
{
	PGresult *res = ehcp_sql(s->conn, "cannot begin a transaction", "BEGIN", 0, NULL, PGRES_COMMAND_OK);
	if (!res)
		return EHCP_EDB;
	PQclear(res);
	const char *params[1] = {s->app_user ? s->app_user : ""};
	res = ehcp_sql(s->conn, "cannot set the user name", "SELECT set_config('ehcp.app_user', $1, true)", 1,
	               params, PGRES_TUPLES_OK);
	if (!res) {
		ehcp_sql_rollback(s);
		return EHCP_EDB;
	}
	PQclear(res);
	return 0;
}

int ehcp_sql_commit(ehcp_store *s)
{
	PGresult *res = ehcp_sql(s->conn, "cannot commit", "COMMIT", 0, NULL, PGRES_COMMAND_OK);
	if (!res) {
		ehcp_sql_rollback(s);
		return EHCP_EDB;
	}
	PQclear(res);
	return 0;
}

void ehcp_sql_rollback(ehcp_store *s)
{
	if (PQtransactionStatus(s->conn) != PQTRANS_IDLE)
		PQclear(PQexec(s->conn, "ROLLBACK"));
}

int ehcp_store_open(ehcp_store **out, const char *conninfo, const ehcp_store_options *opts)
{
	ehcp_store_options defaults = EHCP_STORE_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	*out = NULL;
	ehcp_store *s = calloc(1, sizeof *s);
	if (!s)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	if (opts->app_user && !(s->app_user = strdup(opts->app_user))) {
		free(s);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	s->conn = ehcp_connect(conninfo);
	if (!s->conn) {
		free(s->app_user);
		free(s);
		return EHCP_ECONNECT;
	}
	int err = opts->migrate ? ehcp_store_migrate(s, NULL) : ehcp_store_check_schema(s);
	if (err < 0) {
		ehcp_store_free(s);
		return err;
	}
	*out = s;
	return 0;
}

void ehcp_store_free(ehcp_store *s)
{
	if (!s)
		return;
	PQfinish(s->conn);
	free(s->app_user);
	free(s);
}

PGconn *ehcp_store_conn(ehcp_store *s)
{
	return s->conn;
}
