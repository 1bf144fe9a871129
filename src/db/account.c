/* Users, sign-in, sessions and the role a request runs under. */
#include <crypt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/errors_internal.h"
#include "db/service_sql.h"
#include "db/store_internal.h"
#include "ehcp/account.h"
#include "sys/secret.h"

_Static_assert(EHCP_SESSION_TOKEN_SIZE == EHCP_TOKEN_LEN + 1, "a session's token is a token");

#define PASSWORD_MIN 8
#define PASSWORD_MAX 1024

static const char *const role_names[] = {"reader", "writer", "admin"};

const char *ehcp_role_name(ehcp_role role)
{
	return (unsigned)role < 3 ? role_names[role] : "?";
}

int ehcp_role_parse(ehcp_role *out, const char *name)
{
	for (int i = 0; i < 3; i++)
		if (name && strcmp(name, role_names[i]) == 0) {
			*out = (ehcp_role)i;
			return 0;
		}
	return ehcp_fail(EHCP_EINVALID, "\"%s\" is not a role: reader, writer or admin", name ? name : "");
}

static bool name_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	return n >= 1 && n <= EHCP_USER_NAME_MAX &&
	       strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._@-") == n;
}

static int check_name(const char *name)
{
	if (!name_ok(name))
		return ehcp_fail(EHCP_EINVALID,
		                 "a user name is 1 to %d letters, digits or . _ @ -", EHCP_USER_NAME_MAX);
	return 0;
}

/* The yescrypt hash of a password, with a fresh salt at libcrypt's
 * default cost. */
static int hash_password(char out[CRYPT_OUTPUT_SIZE], const char *password)
{
	size_t n = password ? strlen(password) : 0;
	if (n < PASSWORD_MIN || n > PASSWORD_MAX)
		return ehcp_fail(EHCP_EINVALID, "a password is %d to %d characters", PASSWORD_MIN, PASSWORD_MAX);
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt))
		return ehcp_fail(EHCP_EOS, "cannot make a salt for the password");
	struct crypt_data *cd = calloc(1, sizeof *cd);
	if (!cd)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	const char *h = crypt_rn(password, salt, cd, sizeof *cd);
	int err = 0;
	if (!h || h[0] == '*')
		err = ehcp_fail(EHCP_EOS, "cannot hash the password");
	else
		snprintf(out, CRYPT_OUTPUT_SIZE, "%s", h);
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return err;
}

/* Whether password hashes to `hash` (a yescrypt setting and hash). */
static bool password_matches(const char *password, const char *hash)
{
	struct crypt_data *cd = calloc(1, sizeof *cd);
	if (!cd)
		return false;
	const char *h = crypt_rn(password ? password : "", hash, cd, sizeof *cd);
	bool ok = h && h[0] != '*' && ehcp_secret_equal(h, hash);
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return ok;
}

/* What an unknown name's password is checked against, so that it costs
 * what a known one's does: the hash of a random password, made once. */
static char dummy_hash[CRYPT_OUTPUT_SIZE];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	char pw[EHCP_TOKEN_LEN + 1];
	if (ehcp_token_new(pw) < 0 || hash_password(dummy_hash, pw) < 0)
		snprintf(dummy_hash, sizeof dummy_hash, "*");
}

/* A user's name checked and the password's hash, for a new account or a
 * new password. */
static int name_and_hash(char hash[CRYPT_OUTPUT_SIZE], const char *name, const char *password)
{
	int err = check_name(name);
	return err < 0 ? err : hash_password(hash, password);
}

int ehcp_user_add(ehcp_store *s, const char *name, ehcp_role role, const char *password)
{
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no store to add a user to");
	char hash[CRYPT_OUTPUT_SIZE];
	int err = name_and_hash(hash, name, password);
	if (err < 0)
		return err;
	const char *params[3] = {name, ehcp_role_name(role), hash};
	PGresult *res = PQexecParams(s->conn, USER_ADD_SQL, 3, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		bool taken = strcmp(ehcp_sql_state(res), "23505") == 0;
		err = taken ? ehcp_fail(EHCP_ECONFLICT, "there is a user %s already", name)
		            : ehcp_fail(PQstatus(s->conn) == CONNECTION_OK ? EHCP_EDB : EHCP_ECONNECT,
		                        "cannot add the user: %s", ehcp_pq_error(s->conn, res));
	}
	PQclear(res);
	return err;
}

/* Whether taking the admin role from name would leave no admin not
 * disabled; the admins are locked (USER_ADMINS_SQL) until the end of the
 * transaction.  1 yes, 0 no, or an error. */
static int only_admin(ehcp_store *s, const char *name)
{
	PGresult *res = ehcp_sql(s->conn, "cannot read the admins", USER_ADMINS_SQL, 0, NULL, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	const int n = PQntuples(res);
	bool is = false;
	for (int i = 0; i < n; i++)
		is = is || strcmp(PQgetvalue(res, i, 0), name) == 0;
	PQclear(res);
	return is && n == 1;
}

/* The refusal of a change that would leave no admin not disabled. */
static int keep_an_admin(ehcp_store *s, const char *name)
{
	int err = only_admin(s, name);
	return err <= 0 ? err : ehcp_fail(EHCP_ECONFLICT, "%s is the only admin: make another user an admin first", name);
}

/* An update of one user by name (returning its id), then with
 * end_sessions the end of their sessions, in one transaction;
 * EHCP_ENOTFOUND if there is no such user.  With guard, not if it would
 * leave no admin (keep_an_admin). */
static int user_change(ehcp_store *s, const char *what, const char *sql, int n, const char *const *params,
                       bool guard, bool end_sessions)
{
	int err = ehcp_sql_begin(s);
	if (err < 0)
		return err;
	if (guard && (err = keep_an_admin(s, params[0])) < 0) {
		ehcp_sql_rollback(s);
		return err;
	}
	PGresult *res = ehcp_sql(s->conn, what, sql, n, params, PGRES_TUPLES_OK);
	if (!res) {
		ehcp_sql_rollback(s);
		return EHCP_EDB;
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		ehcp_sql_rollback(s);
		return ehcp_fail(EHCP_ENOTFOUND, "no user %s", params[0]);
	}
	if (end_sessions) {
		const char *id[1] = {PQgetvalue(res, 0, 0)};
		PGresult *ended = ehcp_sql(s->conn, "cannot end the user's sessions", USER_END_SESSIONS_SQL, 1, id,
		                           PGRES_COMMAND_OK);
		if (!ended) {
			PQclear(res);
			ehcp_sql_rollback(s);
			return EHCP_EDB;
		}
		PQclear(ended);
	}
	PQclear(res);
	return ehcp_sql_commit(s);
}

int ehcp_user_passwd(ehcp_store *s, const char *name, const char *password)
{
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no store to change a password in");
	char hash[CRYPT_OUTPUT_SIZE];
	int err = name_and_hash(hash, name, password);
	if (err < 0)
		return err;
	const char *params[2] = {name, hash};
	return user_change(s, "cannot change the password", USER_PASSWD_SQL, 2, params, false, true);
}

int ehcp_user_disable(ehcp_store *s, const char *name)
{
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no store to disable a user in");
	int err = check_name(name);
	if (err < 0)
		return err;
	const char *params[1] = {name};
	return user_change(s, "cannot disable the user", USER_DISABLE_SQL, 1, params, true, true);
}

int ehcp_user_set_role(ehcp_store *s, const char *name, ehcp_role role)
{
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no store to change a role in");
	int err = check_name(name);
	if (err < 0)
		return err;
	if ((unsigned)role > EHCP_ROLE_ADMIN)
		return ehcp_fail(EHCP_EINVALID, "role: not reader, writer or admin");
	/* the sessions go on: each request reads the role */
	const char *params[2] = {name, ehcp_role_name(role)};
	return user_change(s, "cannot change the role", USER_ROLE_SQL, 2, params, role != EHCP_ROLE_ADMIN, false);
}

int ehcp_user_list(ehcp_users **out, ehcp_store *s)
{
	if (!out || !s)
		return ehcp_fail(EHCP_EINVALID, "a user list needs a store and somewhere to go");
	*out = NULL;
	PGresult *res = ehcp_sql(s->conn, "cannot list the users", USER_LIST_SQL, 0, NULL, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	int n = PQntuples(res);
	ehcp_users *l = calloc(1, sizeof *l);
	if (l && n > 0)
		l->users = calloc((size_t)n, sizeof *l->users);
	int err = !l || (n > 0 && !l->users) ? ehcp_fail(EHCP_ENOMEM, "out of memory") : 0;
	for (int i = 0; i < n && err == 0; i++) {
		ehcp_user *u = &l->users[l->count++];
		if (!(u->name = strdup(PQgetvalue(res, i, 0))))
			err = ehcp_fail(EHCP_ENOMEM, "out of memory");
		if (ehcp_role_parse(&u->role, PQgetvalue(res, i, 1)) < 0)
			err = ehcp_fail(EHCP_EDB, "user %s has an unknown role", PQgetvalue(res, i, 0));
		u->disabled = strcmp(PQgetvalue(res, i, 2), "t") == 0;
		u->failed = atoi(PQgetvalue(res, i, 3));
		u->locked_until = strtoll(PQgetvalue(res, i, 4), NULL, 10);
		u->created = strtoll(PQgetvalue(res, i, 5), NULL, 10);
	}
	PQclear(res);
	if (err < 0) {
		ehcp_users_free(l);
		return err;
	}
	*out = l;
	return 0;
}

void ehcp_users_free(ehcp_users *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++)
		free(l->users[i].name);
	free(l->users);
	free(l);
}

int ehcp_signin_options_init(ehcp_signin_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_SIGNIN_OPTIONS_VERSION, EHCP_SIGNIN_OPTIONS_INIT,
	                       "ehcp_signin_options");
}

/* The CSRF token of a session token: a hash of it under its own prefix,
 * which the cookie's holder alone can work out. */
static int csrf_of(char out[EHCP_SESSION_TOKEN_SIZE], const char *token)
{
	char buf[16 + EHCP_TOKEN_LEN + 1];
	snprintf(buf, sizeof buf, "ehcp-csrf:%s", token);
	uint8_t h[32];
	int err = ehcp_sha256(h, buf, strlen(buf));
	if (err == 0)
		ehcp_base64url(out, h, sizeof h);
	return err;
}

/* Text from outside for the log: at most `max` bytes, printable ASCII
 * (anything else as '?', so the log is valid UTF-8 and one line). */
static void log_text(char *out, size_t max, const char *in)
{
	size_t i = 0;
	for (; in && in[i] && i < max; i++)
		out[i] = in[i] >= 0x20 && in[i] < 0x7f ? in[i] : '?';
	out[i] = '\0';
}

static void sleep_ms(unsigned int ms)
{
	struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
	while (nanosleep(&t, &t) != 0)
		;
}

typedef enum { OUT_OK, OUT_WRONG, OUT_UNKNOWN, OUT_LOCKED, OUT_DISABLED } outcome;
static const char *const outcome_names[] = {"ok", "wrong_password", "unknown_user", "locked", "disabled"};

static const char refused[] = "sign-in refused: wrong name or password, or the account is locked for a while";

/* The attempt's database half, in one transaction: the account read and
 * locked, the password checked, the count kept, the log written and, if
 * it worked, the session made.  *failures_before: failures in a row before
 * this one. */
static int signin_tx(ehcp_session *out, outcome *oc, int *failures_before, ehcp_store *s, const char *name,
                     const char *password, const char *client, const ehcp_signin_options *o)
{
	char lock_after[16], lock_seconds[16], session_seconds[16];
	snprintf(lock_after, sizeof lock_after, "%d", o->lock_after);
	snprintf(lock_seconds, sizeof lock_seconds, "%d", o->lock_seconds);
	snprintf(session_seconds, sizeof session_seconds, "%d", o->session_seconds);
	char logged_name[EHCP_USER_NAME_MAX + 1], logged_client[65];
	log_text(logged_name, EHCP_USER_NAME_MAX, name);
	log_text(logged_client, 64, client);

	int err = ehcp_sql_begin(s);
	if (err < 0)
		return err;
	PGresult *res = NULL;
	bool known = false;
	if (name_ok(name)) {
		const char *p[1] = {name};
		if (!(res = ehcp_sql(s->conn, "cannot sign in", SIGNIN_USER_SQL, 1, p, PGRES_TUPLES_OK)))
			goto fail;
		known = PQntuples(res) == 1;
	}
	char user_id[32] = "", role[16] = "", hash[CRYPT_OUTPUT_SIZE];
	bool disabled = false, locked = false;
	if (known) {
		snprintf(user_id, sizeof user_id, "%s", PQgetvalue(res, 0, 0));
		snprintf(role, sizeof role, "%s", PQgetvalue(res, 0, 1));
		snprintf(hash, sizeof hash, "%s", PQgetvalue(res, 0, 2));
		disabled = strcmp(PQgetvalue(res, 0, 3), "t") == 0;
		*failures_before = atoi(PQgetvalue(res, 0, 4));
		locked = strcmp(PQgetvalue(res, 0, 5), "t") == 0;
	} else {
		pthread_once(&dummy_once, make_dummy);
		snprintf(hash, sizeof hash, "%s", dummy_hash);
	}
	PQclear(res);
	res = NULL;
	/* A name that is no account's, or a disabled one's (whose count stops),
	 * is counted from the log, so that its delays grow like any other's.
	 * Asked for every name, so that every attempt costs the same. */
	const char *lp2[2] = {logged_name, lock_seconds};
	if (!(res = ehcp_sql(s->conn, "cannot sign in", SIGNIN_UNKNOWN_FAILURES_SQL, 2, lp2, PGRES_TUPLES_OK)))
		goto fail;
	if (!known || disabled) {
		*failures_before = atoi(PQgetvalue(res, 0, 0));
		locked = locked || (!known && *failures_before >= o->lock_after);
	}
	PQclear(res);
	res = NULL;
	/* Always hashed, whatever else is wrong, so that it costs the same. */
	bool match = password_matches(password, hash);
	*oc = !known ? (locked ? OUT_LOCKED : OUT_UNKNOWN)
	      : disabled ? OUT_DISABLED
	      : locked   ? OUT_LOCKED
	      : match    ? OUT_OK
	                 : OUT_WRONG;
	/* A lock waits as long as the failure that caused it, for every name. */
	if (*oc == OUT_LOCKED)
		*failures_before = o->lock_after - 1;
	if (known && (*oc == OUT_OK || *oc == OUT_WRONG)) {
		const char *p[3] = {user_id, lock_after, lock_seconds};
		if (!(res = ehcp_sql(s->conn, "cannot count the sign-in", *oc == OUT_OK ? SIGNIN_OK_SQL : SIGNIN_FAILED_SQL,
		                     *oc == OUT_OK ? 1 : 3, p, PGRES_COMMAND_OK)))
			goto fail;
		PQclear(res);
	}
	const char *lp[3] = {logged_name, logged_client, outcome_names[*oc]};
	if (!(res = ehcp_sql(s->conn, "cannot log the sign-in", SIGNIN_LOG_SQL, 3, lp, PGRES_COMMAND_OK)))
		goto fail;
	PQclear(res);
	if (*oc == OUT_OK) {
		char token_hash[EHCP_SHA256_HEX];
		if ((err = ehcp_token_new(out->token)) < 0 || (err = ehcp_sha256_hex(token_hash, out->token)) < 0 ||
		    (err = csrf_of(out->csrf, out->token)) < 0) {
			ehcp_sql_rollback(s);
			return err;
		}
		const char *p[3] = {token_hash, user_id, session_seconds};
		if (!(res = ehcp_sql(s->conn, "cannot start the session", SESSION_ADD_SQL, 3, p, PGRES_TUPLES_OK)))
			goto fail;
		out->expires = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		snprintf(out->name, sizeof out->name, "%s", name);
		if (ehcp_role_parse(&out->role, role) < 0) {
			PQclear(res);
			ehcp_sql_rollback(s);
			return ehcp_fail(EHCP_EDB, "user %s has an unknown role", name);
		}
		PQclear(res);
	}
	return ehcp_sql_commit(s);
fail:
	ehcp_sql_rollback(s);
	return EHCP_EDB;
}

int ehcp_account_signin(ehcp_session *out, ehcp_store *s, const char *name, const char *password,
                        const char *client, const ehcp_signin_options *opts)
{
	if (!out || !s)
		return ehcp_fail(EHCP_EINVALID, "a sign-in needs a store and somewhere to put the session");
	memset(out, 0, sizeof *out);
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_signin_options, opts, EHCP_SIGNIN_OPTIONS_INIT, EHCP_SIGNIN_OPTIONS_VERSION);
	if (opts->lock_after < 1 || opts->lock_seconds < 1 || opts->session_seconds < 1)
		return ehcp_fail(EHCP_EINVALID, "ehcp_signin_options: the lock and the session need a length");
	outcome oc = OUT_WRONG;
	int before = 0;
	int err = signin_tx(out, &oc, &before, s, name, password, client, opts);
	if (err < 0) {
		memset(out, 0, sizeof *out);
		return err;
	}
	if (oc == OUT_OK)
		return 0;
	/* The growing part stops where the lock starts, for known and unknown
	 * names alike. */
	if (before > opts->lock_after - 1)
		before = opts->lock_after - 1;
	sleep_ms(opts->delay_ms + opts->delay_step_ms * (unsigned)before);
	return ehcp_fail(EHCP_EINVALID, "%s", refused);
}

int ehcp_session_lookup(ehcp_session *out, ehcp_store *s, const char *token)
{
	if (!out || !s)
		return ehcp_fail(EHCP_EINVALID, "a session lookup needs a store and somewhere to go");
	memset(out, 0, sizeof *out);
	char hash[EHCP_SHA256_HEX];
	int err = ehcp_token_hash(hash, token, "no such session");
	if (err < 0)
		return err;
	const char *p[1] = {hash};
	PGresult *res = ehcp_sql(s->conn, "cannot look the session up", SESSION_LOOKUP_SQL, 1, p, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return ehcp_fail(EHCP_ENOTFOUND, "no such session");
	}
	snprintf(out->token, sizeof out->token, "%s", token);
	snprintf(out->name, sizeof out->name, "%s", PQgetvalue(res, 0, 0));
	err = ehcp_role_parse(&out->role, PQgetvalue(res, 0, 1));
	out->expires = strtoll(PQgetvalue(res, 0, 2), NULL, 10);
	PQclear(res);
	if (err == 0)
		err = csrf_of(out->csrf, out->token);
	if (err < 0)
		memset(out, 0, sizeof *out);
	return err;
}

int ehcp_session_end(ehcp_store *s, const char *token)
{
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no store to end a session in");
	char hash[EHCP_SHA256_HEX];
	int err = ehcp_token_hash(hash, token, "no such session");
	if (err == EHCP_ENOTFOUND)
		return 0;
	if (err < 0)
		return err;
	const char *p[1] = {hash};
	PGresult *res = ehcp_sql(s->conn, "cannot end the session", SESSION_END_SQL, 1, p, PGRES_COMMAND_OK);
	if (!res)
		return EHCP_EDB;
	PQclear(res);
	return 0;
}

bool ehcp_csrf_check(const ehcp_session *session, const char *csrf)
{
	return session && csrf && session->csrf[0] && ehcp_secret_equal(session->csrf, csrf);
}

int ehcp_store_act_as(ehcp_store *s, ehcp_role role, const char *app_user)
{
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no store to switch roles on");
	if (s->held)
		return ehcp_fail(EHCP_EINVALID, "cannot switch roles inside a held transaction");
	/* Fixed statements: nothing from outside is in them. */
	static const char *const sql[] = {"SET ROLE ehcp_reader", "SET ROLE ehcp_writer", "RESET ROLE"};
	if ((unsigned)role > EHCP_ROLE_ADMIN)
		return ehcp_fail(EHCP_EINVALID, "no such role");
	int err = ehcp_sql_exec(s->conn, "cannot act under the role", sql[role]);
	if (err < 0)
		return err;
	if (app_user) {
		char *copy = strdup(app_user);
		if (!copy)
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
		free(s->app_user);
		s->app_user = copy;
	}
	return 0;
}
