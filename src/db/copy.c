/* COPY FROM STDIN, for the imports. */
#include <string.h>

#include "core/errors_internal.h"
#include "db/copy.h"
#include "db/sql.h"

int ehcp_copy_start(PGconn *conn, const char *sql)
{
	PGresult *res = ehcp_sql(conn, "cannot start the import", sql, 0, NULL, PGRES_COPY_IN);
	if (!res)
		return EHCP_EDB;
	PQclear(res);
	return 0;
}

int ehcp_copy_flush(ehcp_copy *c)
{
	if (c->len && PQputCopyData(c->conn, c->buf, (int)c->len) != 1)
		return ehcp_fail(EHCP_EDB, "the import stopped: %s", ehcp_pq_error(c->conn, NULL));
	c->len = 0;
	return 0;
}

int ehcp_copy_value(ehcp_copy *c, const char *v, bool last)
{
	size_t need = 2 * strlen(v) + 4;
	if (c->len + need > sizeof c->buf) {
		int err = ehcp_copy_flush(c);
		if (err)
			return err;
	}
	if (!v[0]) {
		c->buf[c->len++] = '\\';
		c->buf[c->len++] = 'N';
	} else {
		for (; *v; v++) {
			if (*v == '\\')
				c->buf[c->len++] = '\\';
			c->buf[c->len++] = *v;
		}
	}
	c->buf[c->len++] = last ? '\n' : '\t';
	return 0;
}

int ehcp_copy_end(ehcp_copy *c)
{
	int err = ehcp_copy_flush(c);
	if (err)
		return err;
	if (PQputCopyEnd(c->conn, NULL) != 1)
		return ehcp_fail(EHCP_EDB, "the import stopped: %s", ehcp_pq_error(c->conn, NULL));
	PGresult *res = PQgetResult(c->conn);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		err = ehcp_fail(PQstatus(c->conn) == CONNECTION_OK ? EHCP_EDB : EHCP_ECONNECT, "the import stopped: %s",
		                ehcp_pq_error(c->conn, res));
	PQclear(res);
	while ((res = PQgetResult(c->conn)))
		PQclear(res);
	return err;
}

void ehcp_copy_abandon(PGconn *conn)
{
	if (PQstatus(conn) != CONNECTION_OK)
		return;
	PQputCopyEnd(conn, "import abandoned");
	PGresult *res;
	while ((res = PQgetResult(conn)))
		PQclear(res);
}
