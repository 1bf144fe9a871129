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

int ehcp_config_set(ehcp_store *s, const char *key, const char *value)
{
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "a setting needs a store");
	int err = ehcp_config_check(key, value);
	if (err < 0)
		return err;
	const char *params[2] = {key, value};
	PGresult *res = PQexecParams(s->conn, sql_config_set, 2, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		int code = PQstatus(s->conn) == CONNECTION_OK ? EHCP_EDB : EHCP_ECONNECT;
		ehcp_fail(code, "cannot store the setting %s: %s", key, ehcp_pq_error(s->conn, res));
		PQclear(res);
		return code;
	}
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
	PGresult *res = PQexecParams(s->conn, sql_config_get, 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		int code = PQstatus(s->conn) == CONNECTION_OK ? EHCP_EDB : EHCP_ECONNECT;
		ehcp_fail(code, "cannot read the setting %s: %s", key, ehcp_pq_error(s->conn, res));
		PQclear(res);
		return code;
	}
	int err = 0;
	if (PQntuples(res) == 1 && !(*out = strdup(PQgetvalue(res, 0, 0))))
		err = ehcp_fail(EHCP_ENOMEM, "out of memory");
	PQclear(res);
	return err;
}
