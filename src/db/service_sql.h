#ifndef EHCP_SERVICE_SQL_H
#define EHCP_SERVICE_SQL_H

/* The service's statements (feeds, accounts, sessions; migration 0007).
 * Secrets arrive as the hex of their SHA-256. */

#define FEED_COLUMNS                                                                                \
	"id, caseworker, label, extract(epoch FROM created)::bigint, "                              \
	"coalesce(extract(epoch FROM revoked_at)::bigint, 0)"

#define FEED_ADD_SQL                                                                                \
	"INSERT INTO ehcp_feed (token_hash, caseworker, label) VALUES (decode($1, 'hex'), $2, $3) "  \
	"RETURNING id"

#define FEED_LIST_SQL "SELECT " FEED_COLUMNS " FROM ehcp_feed ORDER BY id"

#define FEED_REVOKE_SQL "UPDATE ehcp_feed SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL"

#define FEED_LOOKUP_SQL                                                                             \
	"SELECT " FEED_COLUMNS " FROM ehcp_feed WHERE token_hash = decode($1, 'hex') AND revoked_at IS NULL"

#endif

#define USER_ADD_SQL "INSERT INTO ehcp_user (name, role, password_hash) VALUES ($1, $2, $3)"

#define USER_PASSWD_SQL                                                                             \
	"UPDATE ehcp_user SET password_hash = $2, failed = 0, locked_until = NULL WHERE name = $1 RETURNING id"

#define USER_DISABLE_SQL "UPDATE ehcp_user SET disabled = true WHERE name = $1 RETURNING id"

/* The admins not disabled, locked until the change commits, so that two
 * admins taking each other's role at once cannot both succeed; in one
 * order, so that two such changes wait for each other, never deadlock. */
#define USER_ADMINS_SQL "SELECT name FROM ehcp_user WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE"

#define USER_ROLE_SQL "UPDATE ehcp_user SET role = $2 WHERE name = $1 RETURNING id"

#define USER_END_SESSIONS_SQL "UPDATE ehcp_session SET ended = now() WHERE user_id = $1 AND ended IS NULL"

#define USER_LIST_SQL                                                                               \
	"SELECT name, role, disabled, failed, "                                                     \
	"CASE WHEN locked_until > now() THEN extract(epoch FROM locked_until)::bigint ELSE 0 END, "    \
	"extract(epoch FROM created)::bigint FROM ehcp_user ORDER BY name"

/* The account signing in, locked against a parallel attempt on it until
 * the attempt is counted. */
#define SIGNIN_USER_SQL                                                                             \
	"SELECT id, role, password_hash, disabled, failed, coalesce(locked_until > now(), false) "  \
	"FROM ehcp_user WHERE name = $1 FOR UPDATE"

/* A name that is no account's (or a disabled one's): its failures in
 * the last $2 seconds, from the log, so that it is slowed and locked like
 * an account. */
#define SIGNIN_UNKNOWN_FAILURES_SQL                                                                 \
	"SELECT count(*) FROM ehcp_signin_log WHERE name = $1 AND outcome <> 'ok' "                 \
	"AND at > now() - make_interval(secs => $2::int)"

#define SIGNIN_OK_SQL "UPDATE ehcp_user SET failed = 0, locked_until = NULL WHERE id = $1"

/* One more failure; the one that reaches $2 locks for $3 seconds and
 * starts the count again. */
#define SIGNIN_FAILED_SQL                                                                           \
	"UPDATE ehcp_user SET "                                                                     \
	"locked_until = CASE WHEN failed + 1 >= $2::int THEN now() + make_interval(secs => $3::int) " \
	"ELSE locked_until END, "                                                                   \
	"failed = CASE WHEN failed + 1 >= $2::int THEN 0 ELSE failed + 1 END WHERE id = $1"

#define SIGNIN_LOG_SQL "INSERT INTO ehcp_signin_log (name, client, outcome) VALUES ($1, $2, $3)"

/* A new session; the user's sessions that are over go, so that the table
 * holds no more than the live ones and those not yet come back to. */
#define SESSION_ADD_SQL                                                                             \
	"WITH over AS (DELETE FROM ehcp_session WHERE user_id = $2 AND (ended IS NOT NULL OR expires <= now())) " \
	"INSERT INTO ehcp_session (token_hash, user_id, expires) "                                  \
	"VALUES (decode($1, 'hex'), $2, now() + make_interval(secs => $3::int)) "                   \
	"RETURNING floor(extract(epoch FROM expires))::bigint"

#define SESSION_LOOKUP_SQL                                                                          \
	"SELECT u.name, u.role, floor(extract(epoch FROM s.expires))::bigint "                             \
	"FROM ehcp_session s JOIN ehcp_user u ON u.id = s.user_id "                                 \
	"WHERE s.token_hash = decode($1, 'hex') AND s.ended IS NULL AND s.expires > now() "         \
	"AND NOT u.disabled"

#define SESSION_END_SQL                                                                             \
	"UPDATE ehcp_session SET ended = now() WHERE token_hash = decode($1, 'hex') AND ended IS NULL"
