/* The council's settings (ehcp/config.h). */
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "db/config_sql.h"
#include "db/store_internal.h"
#include "ehcp/config.h"

int ehcp_config_check(const char *key, const char *value)
{
	if (!key || !value)
		return ehcp_fail(EHCP_EINVALID, "a setting needs a key and a value");
	if (strcmp(key, "la") == 0) {
		bool ok = strlen(value) == 3;
		for (size_t i = 0; ok && i < 3; i++)
			ok = value[i] >= '0' && value[i] <= '9';
		return ok ? 0 : ehcp_fail(EHCP_EINVALID, "la: \"%.20s\" is not a three-digit LA code", value);
	}
	return ehcp_fail(EHCP_EINVALID, "\"%.40s\" is not a setting (la)", key);
}

/* The code ehcp_sql() set its last error with. */
static int failed(ehcp_store *s) { return PQstatus(s->conn) == CONNECTION_OK ? EHCP_EDB : EHCP_ECONNECT; }

int ehcp_config_set(ehcp_store *s, const char *key, const char *value)
{
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "a setting needs a store");
	int err = ehcp_config_check(key, value);
	if (err < 0)
		return err;
	const char *params[2] = {key, value};
	PGresult *res = ehcp_sql(s->conn, "cannot store the setting", sql_config_set, 2, params, PGRES_COMMAND_OK);
	if (!res)
		return failed(s);
	PQclear(res);
	return 0;
}

int ehcp_config_get(char **out, ehcp_store *s, const char *key)
{
	if (!out || !s || !key)
		return ehcp_fail(EHCP_EINVALID, "a setting needs somewhere to go, a store and a key");
	*out = NULL;
	if (strcmp(key, "la") != 0)
		return ehcp_fail(EHCP_EINVALID, "\"%.40s\" is not a setting (la)", key);
	const char *params[1] = {key};
	PGresult *res = ehcp_sql(s->conn, "cannot read the setting", sql_config_get, 1, params, PGRES_TUPLES_OK);
	if (!res)
		return failed(s);
	int err = 0;
	if (PQntuples(res) == 1 && !(*out = strdup(PQgetvalue(res, 0, 0))))
		err = ehcp_fail(EHCP_ENOMEM, "out of memory");
	PQclear(res);
	return err;
}
