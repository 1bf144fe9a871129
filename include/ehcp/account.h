#ifndef EHCP_ACCOUNT_H
#define EHCP_ACCOUNT_H

/*
 * People's accounts for `ehcp serve`: users with a role, sign-in with a
 * password, sessions, CSRF tokens, and the role a request runs under.
 *
 * Passwords are kept only as yescrypt hashes (libcrypt).  A session's
 * token, handed out once at sign-in for the cookie, is 256 random bits
 * kept as its SHA-256; its CSRF token is derived from it, so the database
 * holds nothing a copy of it could sign in or forge a form with.
 *
 * The role is enforced by PostgreSQL: ehcp_store_act_as() runs SET ROLE
 * ehcp_reader or ehcp_writer on the store's connection, so a reader's
 * request that tried to write would be refused by the database even if the
 * server's own checks had a bug.  The account tables (like the feeds') are
 * the owner's only, so sign-in and session lookups run as the owner, before
 * the switch, and fail with a permission error after it.
 */

#include <stdbool.h>
#include <stddef.h>

#include "ehcp/common.h"
#include "ehcp/format.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ehcp_role {
	EHCP_ROLE_READER,  /* reads, reports, calendars: database role ehcp_reader */
	EHCP_ROLE_WRITER,  /* and records milestones: ehcp_writer */
	EHCP_ROLE_ADMIN    /* and everything else: the store's owner */
} ehcp_role;

/* "reader", "writer", "admin". */
const char *ehcp_role_name(ehcp_role role);
/* EHCP_EINVALID for any other name. */
EHCP_WARN_UNUSED int ehcp_role_parse(ehcp_role *out, const char *name);

/* User names: 1 to 64 of A-Z a-z 0-9 . _ @ -.  Passwords: 8 to 1024 bytes. */
#define EHCP_USER_NAME_MAX 64

/* EHCP_ECONFLICT if the name is taken, EHCP_EINVALID for a bad name or
 * password. */
EHCP_WARN_UNUSED int ehcp_user_add(ehcp_store *s, const char *name, ehcp_role role, const char *password);
/* A new password; it also lifts a lock and ends the user's sessions. */
EHCP_WARN_UNUSED int ehcp_user_passwd(ehcp_store *s, const char *name, const char *password);
/* No more sign-ins, and every session ended.  EHCP_ENOTFOUND: no such user;
 * EHCP_ECONFLICT: the user is the only admin not disabled (as below). */
EHCP_WARN_UNUSED int ehcp_user_disable(ehcp_store *s, const char *name);
/* A new role, in force from the user's next request (a session reads its
 * user's role at each one), so the user's sessions go on.  EHCP_ENOTFOUND:
 * no such user; EHCP_ECONFLICT: the user is the only admin not disabled,
 * and taking the role would leave nobody to manage the service from its
 * pages. */
EHCP_WARN_UNUSED int ehcp_user_set_role(ehcp_store *s, const char *name, ehcp_role role);

typedef struct ehcp_user {
	char *name;
	ehcp_role role;
	bool disabled;
	int failed;              /* failed sign-ins in a row */
	long long locked_until;  /* seconds since 1970 UTC; 0: not locked */
	long long created;
} ehcp_user;

typedef struct ehcp_users {
	size_t count;
	ehcp_user *users;
} ehcp_users;

/* Every user, by name; no password hashes. */
EHCP_WARN_UNUSED int ehcp_user_list(ehcp_users **out, ehcp_store *s);
void ehcp_users_free(ehcp_users *l);
/* The list as a table, CSV or JSON: name, role, disabled, failed,
 * locked_until and created (ISO 8601 UTC; "" for none). */
EHCP_WARN_UNUSED int ehcp_users_format(ehcp_sink *out, const ehcp_users *l, const ehcp_format_options *opts);

/* A session token or CSRF token: 43 characters of base64url, and a NUL. */
#define EHCP_SESSION_TOKEN_SIZE 44

typedef struct ehcp_session {
	char token[EHCP_SESSION_TOKEN_SIZE];  /* the cookie's value */
	char csrf[EHCP_SESSION_TOKEN_SIZE];   /* for every form of the session */
	char name[EHCP_USER_NAME_MAX + 1];
	ehcp_role role;
	long long expires;                    /* seconds since 1970 UTC */
} ehcp_session;

typedef struct ehcp_signin_options {
	unsigned int version;
	/* Every failure waits delay_ms, plus delay_step_ms for each failure
	 * before it in a row, before it answers. */
	unsigned int delay_ms, delay_step_ms;
	/* This many failures in a row lock the account for lock_seconds. */
	int lock_after, lock_seconds;
	/* A session's life from sign-in. */
	int session_seconds;
} ehcp_signin_options;

#define EHCP_SIGNIN_OPTIONS_VERSION 1
#define EHCP_SIGNIN_OPTIONS_INIT {EHCP_SIGNIN_OPTIONS_VERSION, 250, 250, 5, 900, 8 * 3600}
EHCP_WARN_UNUSED int ehcp_signin_options_init(ehcp_signin_options *opts, unsigned int version);

/*
 * Signs a user in from `client` (an address, for the log).  On success
 * *out holds the new session (its token is never shown again).  Every
 * failure -- unknown name, wrong password, locked or disabled account --
 * is EHCP_EINVALID with one and the same message, takes the same time (an
 * unknown name's password is hashed against a dummy), and is slowed as
 * the options say; each attempt is written to the sign-in log.
 */
EHCP_WARN_UNUSED int ehcp_account_signin(ehcp_session *out, ehcp_store *s, const char *name, const char *password,
                                         const char *client, const ehcp_signin_options *opts);

/* The session a cookie's token opens: EHCP_ENOTFOUND if it never existed,
 * has expired or ended, or its user is disabled. */
EHCP_WARN_UNUSED int ehcp_session_lookup(ehcp_session *out, ehcp_store *s, const char *token);

/* Signs out: the session ends (nothing happens for an unknown token). */
EHCP_WARN_UNUSED int ehcp_session_end(ehcp_store *s, const char *token);

/* Whether a form's CSRF token is the session's, in constant time. */
bool ehcp_csrf_check(const ehcp_session *session, const char *csrf);

/*
 * Runs what follows on the store's connection under the database role of
 * `role` (SET ROLE ehcp_reader or ehcp_writer; RESET ROLE for admin, back
 * to the owner), and records app_user in the history (NULL: as before).
 * The owner must be a member of both roles (migration 0007 sees to it
 * where it can).  Not inside a held transaction.
 */
EHCP_WARN_UNUSED int ehcp_store_act_as(ehcp_store *s, ehcp_role role, const char *app_user);

#ifdef __cplusplus
}
#endif

#endif
