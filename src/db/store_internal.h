#ifndef EHCP_STORE_INTERNAL_H
#define EHCP_STORE_INTERNAL_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "core/errors_internal.h"
#include "db/sql.h"
#include "ehcp/case.h"
#include "ehcp/store.h"

struct ehcp_store {
	PGconn *conn;
	char *app_user;
	/* A transaction held open around several calls (ehcp_import_files):
	 * their own BEGIN, COMMIT and ROLLBACK do nothing, and the holder ends it. */
	bool held;
};

/* The underlying connection, for the library's own modules and tests.
 * Still owned by the store. */
PGconn *ehcp_store_conn(ehcp_store *store);

/* A write's options (ehcp/case.h), for requests and plans alike: NULL is
 * the defaults, anything else must be this library's version; the day
 * the write is checked against is the caller's, else the machine's. */
static inline int ehcp_write_options_check(const ehcp_write_options *o)
{
	return o ? ehcp_check_version(o->version, EHCP_WRITE_OPTIONS_VERSION, "ehcp_write_options") : 0;
}

static inline ehcp_date ehcp_write_today(const ehcp_write_options *o)
{
	return o && o->today != EHCP_DATE_NONE ? o->today : ehcp_date_today();
}

/* A history (a case's or a plan's): `sql` selects its entries' seven
 * columns, oldest first, for the one parameter. */
int ehcp_history_read(ehcp_history **out, ehcp_store *s, const char *sql, const char *param);

/* BEGIN, with app_user set for the history triggers (SET LOCAL); inside a
 * held transaction, nothing (and so for COMMIT and ROLLBACK). */
int ehcp_sql_begin(ehcp_store *s);
int ehcp_sql_commit(ehcp_store *s);
/* ROLLBACK, keeping the last error as it was. */
void ehcp_sql_rollback(ehcp_store *s);

#endif
