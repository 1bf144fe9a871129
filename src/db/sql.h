#ifndef EHCP_SQL_H
#define EHCP_SQL_H

/* Statements on a bare libpq connection: what the store and the migrations
 * share, so that neither needs the other. */

#include <libpq-fe.h>

/* Run a statement with text parameters and check its status; on failure
 * sets the last error ("<what>: <server message>") and returns NULL.  The
 * caller PQclear()s the result. */
PGresult *ehcp_sql(PGconn *conn, const char *what, const char *sql, int n, const char *const *params,
                   ExecStatusType want);

/* What went wrong, on one line: the server's primary message for `res`
 * (may be NULL), else the first line of the connection's error.  The
 * string lives until the next call on this thread. */
const char *ehcp_pq_error(PGconn *conn, const PGresult *res);

/* A statement without parameters that returns no rows: 0 or EHCP_EDB. */
int ehcp_sql_exec(PGconn *conn, const char *what, const char *sql);

/* A statement returning one number (a count); on failure *err = EHCP_EDB. */
unsigned long long ehcp_sql_count(PGconn *conn, const char *what, const char *sql, int *err);

/* The SQLSTATE of a failed result, or "". */
const char *ehcp_sql_state(const PGresult *res);

/* Waits until any of the n connections (1 to EHCP_SQL_WAIT_MAX; NULL ones
 * are passed over) has input, and reads what came (PQconsumeInput): 0, or
 * EHCP_EDB (EHCP_EINVALID for a bad n) with the last error set ("<what>:
 * ...").  By poll(), so that a descriptor past FD_SETSIZE (a server holding
 * a thousand clients) is waited on too. */
#define EHCP_SQL_WAIT_MAX 8
int ehcp_sql_wait_any(PGconn *const *conns, int n, const char *what);

#endif
