#ifndef EHCP_HTTP_AUTH_H
#define EHCP_HTTP_AUTH_H

/*
 * Signing in and out (auth.c), and the session check other routes call.
 * The session cookie is HTTP_SESSION_COOKIE (http.h): HttpOnly,
 * SameSite=Strict, Path=/, and Secure under TLS.  The sign-in form is
 * protected against cross-site posts by a token in the form and the same
 * in a cookie of its own (there is no session yet to derive one from);
 * every later form by the session's CSRF token (ehcp_csrf_check).
 */

#include "ehcp/account.h"
#include "http/http.h"

/* The pre-session cookie of the sign-in form. */
#define HTTP_SIGNIN_CSRF_COOKIE "ehcp_signin_csrf"

/* The signed-in user's session from the cookie (looked up as the owner),
 * then the rest of the request under the user's database role.  0, or
 * nonzero after answering 401 (no session: "sign in first") or 503. */
int http_session(http_request *req, ehcp_session *out);

/* For a POST: the form's `csrf` (or the X-CSRF-Token header) must be the
 * session's.  0, or nonzero after answering 403. */
int http_csrf_required(http_request *req, const ehcp_session *sess, const char *form_csrf);

#endif
