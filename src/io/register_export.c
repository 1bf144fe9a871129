/* Exporting plans.csv and reviews.csv, straight from PostgreSQL's COPY. */
#include <string.h>

#include "core/errors_internal.h"
#include "db/register_sql.h"
#include "db/store_internal.h"
#include "ehcp/register.h"
#include "io/export_internal.h"

int ehcp_register_export_plans(ehcp_sink *out, ehcp_store *s)
{
	return ehcp_export_copy(out, s, EHCP_SQL_REGISTER_EXPORT_PLANS);
}

int ehcp_register_export_reviews(ehcp_sink *out, ehcp_store *s)
{
	return ehcp_export_copy(out, s, EHCP_SQL_REGISTER_EXPORT_REVIEWS);
}
