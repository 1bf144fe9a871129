/* GET /signin (the form, in the pages' layout), POST /signin, POST
 * /signout. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/errors_internal.h"
#include "ehcp/account.h"
#include "ehcp/page.h"
#include "ehcp/sink.h"
#include "http/auth.h"
#include "http/parse.h"
#include "http/routes.h"
#include "http/server_internal.h"
#include "sys/secret.h"

static const char csrf_refused[] = "the form's CSRF token is missing or not this session's";

/* A cookie's value from the request's Cookie header, or NULL (absent,
 * given twice, or a header that does not parse). */
static const char *cookie(const http_request *req, ehcp_http_params *jar, const char *name)
{
	const char *h = http_header(req, "Cookie");
	const char *v = NULL;
	if (!h || ehcp_http_cookie_parse(jar, h, strlen(h)) < 0 || ehcp_http_param_get(&v, jar, name) < 0)
		return NULL;
	return v;
}

/* Set-Cookie for name=value with the attributes every cookie of ours has;
 * max_age 0 deletes it. */
static void set_cookie(http_request *req, const char *name, const char *value, const char *path, long long max_age)
{
	char c[256];
	snprintf(c, sizeof c, "%s=%s; Path=%s; Max-Age=%lld; HttpOnly; SameSite=Strict%s", name, value, path, max_age,
	         req->tls ? "; Secure" : "");
	http_add_header(req, "Set-Cookie", c);
}

static void see_other(http_request *req, const char *where)
{
	http_add_header(req, "Location", where);
	http_reply(req, MHD_HTTP_SEE_OTHER, NULL, "", 0);
}

/* Where a sign-in goes on to: next if it is a path of this site (one
 * slash, then not another or a backslash, which browsers take for another
 * host), else "/"; written as the pages write it (ehcp_http_path_write),
 * and "/" too if that is longer than len - 1 bytes.  NULL: out of memory. */
static char *next_location(const char *next, size_t len)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		next = "/";
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	if (!f)
		return NULL;
	ehcp_http_path_write(f, next);
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	if (n >= len) {   /* longer than any page's address: home */
		free(out);
		return strdup("/");
	}
	return out;
}

/* The form in the pages' layout, with a fresh token in it and in its
 * cookie; `problem` (a fixed string, or NULL) above it, and `next` (where
 * to go after signing in) kept in it. */
static int signin_page(http_request *req, unsigned status, const char *problem, const char *next)
{
	char token[EHCP_TOKEN_LEN + 1];
	if (ehcp_token_new(token) < 0) {
		http_reply_last_error(req, EHCP_EOS);
		return 0;
	}
	ehcp_page_options o = EHCP_PAGE_OPTIONS_INIT;
	o.csrf = token;
	ehcp_sink *sink = NULL;
	int err = ehcp_sink_buffer(&sink);
	if (err == 0)
		err = ehcp_page_signin_format(sink, &o, problem, next);
	if (err < 0) {
		ehcp_sink_free(sink);
		http_reply_last_error(req, err);
		return 0;
	}
	set_cookie(req, HTTP_SIGNIN_CSRF_COOKIE, token, "/signin", 3600);
	/* Never framed; its own style sheet and nothing else loaded; posted
	 * only here. */
	http_add_header(req, "Content-Security-Policy",
	                "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	http_add_header(req, "X-Content-Type-Options", "nosniff");
	http_add_header(req, "Referrer-Policy", "same-origin");
	http_add_header(req, "Cache-Control", "no-store");
	size_t len;
	const char *body = ehcp_sink_data(sink, &len);
	http_reply(req, status, "text/html; charset=utf-8", body, len);
	ehcp_sink_free(sink);
	return 0;
}

int http_signin_form(http_request *req)
{
	return signin_page(req, MHD_HTTP_OK, NULL, http_query(req, "next"));
}

static int bad_form(http_request *req)
{
	http_reply_error(req, MHD_HTTP_BAD_REQUEST, ehcp_error_last());
	return 0;
}

/* The sign-in proper, on the parsed form; the caller wipes the form. */
static int signin_posted(http_request *req, ehcp_http_params *form, bool blocked)
{
	const char *csrf = NULL, *name = NULL, *password = NULL, *given = NULL;
	/* next is optional, but not twice; kept, since the form is wiped before
	 * the page is made (longer than any page's address: none) */
	char next[1024] = "";
	if (ehcp_http_param_count(form, "next") > 0 && ehcp_http_param_get(&given, form, "next") < 0)
		return bad_form(req);
	if (given && strlen(given) < sizeof next)
		memcpy(next, given, strlen(given) + 1);
	if (blocked) {
		http_add_header(req, "Retry-After", "60");
		return signin_page(req, 429, "Too many failed sign-ins from this address: try again in a minute.", next);
	}
	ehcp_http_params jar;
	const char *expected = cookie(req, &jar, HTTP_SIGNIN_CSRF_COOKIE);
	if (ehcp_http_param_get(&csrf, form, "csrf") < 0 || !expected || !ehcp_secret_equal(csrf, expected)) {
		http_reply_error(req, MHD_HTTP_FORBIDDEN, csrf_refused);
		return 0;
	}
	if (ehcp_http_param_get(&name, form, "name") < 0 || ehcp_http_param_get(&password, form, "password") < 0)
		return bad_form(req);
	ehcp_store *s = http_store(req);
	if (!s)
		return 0;
	ehcp_session sess;
	int err = ehcp_account_signin(&sess, s, name, password, req->client, NULL);
	explicit_bzero(form->text, sizeof form->text);
	if (err == EHCP_EINVALID) {
		http_ratelimit_fail(req->server->signin_limit, req->client, http_ratelimit_now());
		return signin_page(req, MHD_HTTP_UNAUTHORIZED, "Wrong name or password, or the account is locked for a while.",
		                   next);
	}
	if (err < 0) {
		http_store_failed(req, err);
		http_reply_last_error(req, err);
		return 0;
	}
	long long left = sess.expires - (long long)time(NULL);
	set_cookie(req, HTTP_SESSION_COOKIE, sess.token, "/", left > 0 ? left : 1);
	set_cookie(req, HTTP_SIGNIN_CSRF_COOKIE, "", "/signin", 0);
	explicit_bzero(&sess, sizeof sess);
	char *where = next_location(next, 1024);
	if (!where) {
		http_reply_last_error(req, ehcp_fail(EHCP_ENOMEM, "out of memory"));
		return 0;
	}
	see_other(req, where);
	free(where);
	return 0;
}

int http_signin(http_request *req)
{
	/* A wrong password is slowed per account; an address that keeps
	 * failing is refused before any hashing or delay, so that a flood of
	 * guesses cannot hold every worker in those delays. */
	const bool blocked = http_ratelimit_blocked(req->server->signin_limit, req->client, http_ratelimit_now());
	ehcp_http_params form;
	int rc = ehcp_http_form_parse(&form, req->body, req->body_len) < 0 ? bad_form(req)
	                                                                    : signin_posted(req, &form, blocked);
	/* the password, whatever the answer */
	explicit_bzero(form.text, sizeof form.text);
	return rc;
}

int http_session(http_request *req, ehcp_session *out)
{
	ehcp_http_params jar;
	const char *token = cookie(req, &jar, HTTP_SESSION_COOKIE);
	ehcp_store *s = http_store(req);
	if (!s)
		return -1;
	int err = token ? ehcp_session_lookup(out, s, token) : EHCP_ENOTFOUND;
	if (err == EHCP_ENOTFOUND) {
		http_reply_error(req, MHD_HTTP_UNAUTHORIZED, "sign in first");
		return -1;
	}
	if (err == 0)
		err = http_store_act_as(req, out->role, out->name);
	if (err < 0) {
		http_store_failed(req, err);
		http_reply_last_error(req, err);
		return -1;
	}
	return 0;
}

int http_csrf_required(http_request *req, const ehcp_session *sess, const char *form_csrf)
{
	const char *csrf = form_csrf ? form_csrf : http_header(req, "X-CSRF-Token");
	if (csrf && ehcp_csrf_check(sess, csrf))
		return 0;
	http_reply_error(req, MHD_HTTP_FORBIDDEN, csrf_refused);
	return -1;
}

/* GET /session: who is signed in, and the CSRF token for the session's
 * forms and API posts (readable by this site's pages only: no CORS). */
int http_session_info(http_request *req)
{
	ehcp_session sess;
	if (http_session(req, &sess) != 0)
		return 0;
	char *name = http_json_string(sess.name);
	if (!name) {
		http_reply_last_error(req, ehcp_fail(EHCP_ENOMEM, "out of memory"));
		return 0;
	}
	char expires[24];
	time_t t = (time_t)sess.expires;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(expires, sizeof expires, "%Y-%m-%dT%H:%M:%SZ", &tm);
	char body[512];
	int n = snprintf(body, sizeof body, "{\"name\": %s, \"role\": \"%s\", \"csrf\": \"%s\", \"expires\": \"%s\"}\n", name,
	                 ehcp_role_name(sess.role), sess.csrf, expires);
	free(name);
	http_reply(req, MHD_HTTP_OK, "application/json", body, (size_t)n);
	return 0;
}

int http_signout(http_request *req)
{
	ehcp_http_params form;
	const char *csrf = NULL;
	if (ehcp_http_form_parse(&form, req->body, req->body_len) < 0)
		return bad_form(req);
	if (ehcp_http_param_count(&form, "csrf") > 1)
		return bad_form(req);
	(void)ehcp_http_param_get(&csrf, &form, "csrf");
	ehcp_session sess;
	if (http_session(req, &sess) != 0 || http_csrf_required(req, &sess, csrf) != 0)
		return 0;
	/* The session's rows are the owner's: back to it to end the session. */
	ehcp_store *s = http_store(req);
	int err = s ? http_store_act_as(req, EHCP_ROLE_ADMIN, NULL) : EHCP_ECONNECT;
	if (err == 0)
		err = ehcp_session_end(s, sess.token);
	if (err < 0) {
		http_store_failed(req, err);
		http_reply_last_error(req, err);
		return 0;
	}
	set_cookie(req, HTTP_SESSION_COOKIE, "", "/", 0);
	see_other(req, "/signin");
	return 0;
}
