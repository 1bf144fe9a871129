#ifndef EHCP_CONFIG_SQL_H
#define EHCP_CONFIG_SQL_H

/* The settings table (migrations/0008_settings.sql): $1 key, $2 value. */
static const char sql_config_set[] =
	"INSERT INTO ehcp_setting (key, value) VALUES ($1, $2)"
	" ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = session_user";
static const char sql_config_get[] = "SELECT value FROM ehcp_setting WHERE key = $1";

#endif
