/* Exporting the tracker CSV, straight from PostgreSQL's COPY. */

#include "db/case_sql.h"
#include "ehcp/tracker.h"
#include "io/export_internal.h"

int ehcp_tracker_export(ehcp_sink *sink, ehcp_store *s)
{
	return ehcp_export_copy(sink, s, EHCP_SQL_EXPORT);
}
