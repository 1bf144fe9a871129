/* Statements on a bare connection, for the store and the migrations alike. */
#include <errno.h>
#include <poll.h>
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

int ehcp_sql_wait_any(PGconn *const *conns, int n, const char *what)
{
	struct pollfd fds[EHCP_SQL_WAIT_MAX];
	if (n < 1 || n > EHCP_SQL_WAIT_MAX)
		return ehcp_fail(EHCP_EINVALID, "%s: %d connections to wait on, not 1 to %d", what, n, EHCP_SQL_WAIT_MAX);
	for (int k = 0; k < n; k++)
		fds[k] = (struct pollfd){.fd = conns[k] ? PQsocket(conns[k]) : -1, .events = POLLIN};
	int err = 0;
	if (poll(fds, (nfds_t)n, -1) < 0 && errno != EINTR)
		err = ehcp_fail(EHCP_EDB, "%s: %s", what, strerror(errno));
	for (int k = 0; k < n && err == 0; k++)
		if (conns[k] && fds[k].revents && !PQconsumeInput(conns[k]))
			err = ehcp_fail(EHCP_EDB, "%s: %s", what, ehcp_pq_error(conns[k], NULL));
	return err;
}
