#include <stdlib.h>
#include <string.h>

#include "sys/conninfo.h"
#include "core/errors_internal.h"

char *ehcp_conninfo_quote(const char *v)
{
	size_t n = strlen(v);
	char *q = malloc(2 * n + 3);
	if (!q)
		return NULL;
	char *p = q;
	*p++ = '\'';
	for (; *v; v++) {
		if (*v == '\'' || *v == '\\')
			*p++ = '\\';
		*p++ = *v;
	}
	*p++ = '\'';
	*p = '\0';
	return q;
}

PGconn *ehcp_connect(const char *conninfo)
{
	PGconn *conn = PQconnectdb(conninfo);
	if (!conn) {
		ehcp_fail(EHCP_ENOMEM, "cannot connect: out of memory");
		return NULL;
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		/* libpq's message runs over several lines; its first says what
		 * failed.  Name the database by its parts so that a password in
		 * the conninfo is never shown. */
		const char *msg = PQerrorMessage(conn);
		size_t len = strcspn(msg, "\n");
		const char *host = PQhost(conn);
		const char *port = PQport(conn);
		const char *db = PQdb(conn);
		ehcp_fail(EHCP_ECONNECT, "cannot connect to database \"%s\" on %s%s%s: %.*s",
		          db && *db ? db : "?", host && *host ? host : "the default host",
		          port && *port ? " port " : "", port && *port ? port : "", (int)len, msg);
		PQfinish(conn);
		return NULL;
	}
	/* Dates as ISO whatever the server's settings, and no surprise from a
	 * server-side time zone: every date here is a calendar date. */
	/* JIT compilation costs a report a third of a second and saves nothing
	 * on queries of this size. */
	PGresult *res = PQexec(conn, PQserverVersion(conn) >= 110000
	                                 ? "SET DateStyle = 'ISO, YMD'; SET client_min_messages = warning; SET jit = off"
	                                 : "SET DateStyle = 'ISO, YMD'; SET client_min_messages = warning");
	ExecStatusType st = PQresultStatus(res);
	PQclear(res);
	if (st != PGRES_COMMAND_OK) {
		const char *msg = PQerrorMessage(conn);
		ehcp_fail(EHCP_EDB, "cannot set up the session: %.*s", (int)strcspn(msg, "\n"), msg);
		PQfinish(conn);
		return NULL;
	}
	return conn;
}
