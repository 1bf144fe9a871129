#ifndef EHCP_STORE_INTERNAL_H
#define EHCP_STORE_INTERNAL_H

#include "ehcp/store.h"

struct ehcp_store {
	PGconn *conn;
	char *app_user;
};

/* Run a statement with text parameters and check its status; on failure
 * sets the last error ("<what>: <server message>") and returns NULL.  The
 * caller PQclear()s the result. */
PGresult *ehcp_sql(PGconn *conn, const char *what, const char *sql, int n, const char *const *params,
                   ExecStatusType want);

/* BEGIN, with app_user set for the history triggers (SET LOCAL). */
int ehcp_sql_begin(ehcp_store *s);
int ehcp_sql_commit(ehcp_store *s);
/* ROLLBACK, keeping the last error as it was. */
void ehcp_sql_rollback(ehcp_store *s);

/* What went wrong, on one line: the server's primary message for `res`
 * (may be NULL), else the first line of the connection's error.  The
 * string lives until the next call on this thread. */
const char *ehcp_pq_error(PGconn *conn, const PGresult *res);

/* The SQLSTATE of a failed result, or "". */
const char *ehcp_sql_state(const PGresult *res);

#endif
