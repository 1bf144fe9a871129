#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "db/migrate_internal.h"
#include "db/store_internal.h"
#include "sys/conninfo.h"

int ehcp_sql_begin(ehcp_store *s)
{
	if (s->held)
		return 0;
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
	if (s->held)
		return 0;
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
	if (s->held)
		return;
	if (PQtransactionStatus(s->conn) != PQTRANS_IDLE)
		PQclear(PQexec(s->conn, "ROLLBACK"));
}

int ehcp_store_options_init(ehcp_store_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_STORE_OPTIONS_VERSION, EHCP_STORE_OPTIONS_INIT, "ehcp_store_options");
}

int ehcp_store_open(ehcp_store **out, const char *conninfo, const ehcp_store_options *opts)
{
	ehcp_store_options defaults = EHCP_STORE_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	if (!out || !conninfo)
		return ehcp_fail(EHCP_EINVALID, "a store needs somewhere to go and a database to open");
	*out = NULL;
	int verr = ehcp_check_version(opts->version, EHCP_STORE_OPTIONS_VERSION, "ehcp_store_options");
	if (verr < 0)
		return verr;
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
	int err = opts->migrate ? ehcp_migrate_apply(NULL, s->conn) : ehcp_migrate_check(s->conn);
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

int ehcp_store_migrate(int *applied, ehcp_store *s)
{
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no store to migrate");
	return ehcp_migrate_apply(applied, s->conn);
}

int ehcp_store_check_schema(ehcp_store *s)
{
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no store to check");
	return ehcp_migrate_check(s->conn);
}

int ehcp_store_migration_count(void)
{
	return ehcp_migrate_count();
}
