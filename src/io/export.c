/* An export: a COPY ... TO STDOUT's rows written to a sink as they come. */
#include <string.h>

#include "core/errors_internal.h"
#include "db/store_internal.h"
#include "io/export_internal.h"
#include "io/sink_internal.h"

int ehcp_export_copy(ehcp_sink *sink, ehcp_store *s, const char *sql)
{
	if (!sink || !s)
		return ehcp_fail(EHCP_EINVALID, "an export needs somewhere to go and a store");
	FILE *out = ehcp_sink_stream(sink);
	PGresult *res = ehcp_sql(s->conn, "cannot export", sql, 0, NULL, PGRES_COPY_OUT);
	if (!res)
		return EHCP_EDB;
	PQclear(res);
	int err = 0;
	char *buf;
	int n;
	while ((n = PQgetCopyData(s->conn, &buf, 0)) > 0) {
		if (err == 0 && fwrite(buf, 1, (size_t)n, out) != (size_t)n)
			err = ehcp_fail(EHCP_EOS, "cannot write the export");
		PQfreemem(buf);
	}
	if (n == -2 && err == 0)
		err = ehcp_fail(EHCP_EDB, "the export stopped: %s", ehcp_pq_error(s->conn, NULL));
	while ((res = PQgetResult(s->conn))) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && err == 0)
			err = ehcp_fail(EHCP_EDB, "the export stopped: %s", ehcp_pq_error(s->conn, res));
		PQclear(res);
	}
	if (err == 0)
		err = ehcp_sink_flush(sink, "the export");
	return err;
}
