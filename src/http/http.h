#ifndef EHCP_HTTP_H
#define EHCP_HTTP_H

/*
 * What a route handler sees (server.c calls it; routes.c lists them).
 *
 * A handler is called once per request, on a worker thread, after the
 * whole body has arrived (bounded by the body limit).  It answers with
 * exactly one of http_reply*() and returns 0; returning without a reply
 * answers 500.  Headers to send are added first with http_add_header().
 * A handler needing the database calls http_store(), which answers 503
 * itself and returns NULL when it cannot be reached.
 */

#include <stdbool.h>
#include <stddef.h>

#include "ehcp/account.h"
#include "ehcp/store.h"

struct MHD_Connection;
struct ehcp_server;

typedef struct http_request {
	struct ehcp_server *server;
	struct MHD_Connection *conn;
	const char *method;        /* "GET", "HEAD", "POST", ... */
	const char *path;          /* decoded, without the query string */
	const char *body;          /* NUL-terminated; "" when none */
	size_t body_len;
	const char *client;        /* the client's address (see behind_proxy) */
	bool tls;                  /* the connection is TLS (or the proxy's is) */
	void *priv;                /* server.c's */
} http_request;

typedef int (*http_handler)(http_request *req);

/* The session cookie's name (auth.c sets it, the API reads it). */
#define HTTP_SESSION_COOKIE "ehcp_session"

/* A request header, or NULL. */
const char *http_header(const http_request *req, const char *name);
/* A query-string argument (decoded), or NULL. */
const char *http_query(const http_request *req, const char *name);
/* Calls fn for every query-string argument until it returns nonzero
 * (which is returned). */
int http_query_each(const http_request *req, int (*fn)(void *ctx, const char *key, const char *value), void *ctx);

/* Adds a response header (copied) to the reply still to come. */
void http_add_header(http_request *req, const char *name, const char *value);

/* The reply: status, Content-Type (NULL for none) and body (copied). */
void http_reply(http_request *req, unsigned status, const char *content_type, const char *body, size_t len);
/* {"error": "<msg>"} with the status; msg is JSON-escaped. */
void http_reply_error(http_request *req, unsigned status, const char *msg);
/* The library's last error as http_reply_error, with the status its code
 * means: 400 invalid, 404 not found, 409 conflict, 503 database
 * unreachable or its schema not current, 500 otherwise. */
void http_reply_last_error(http_request *req, int code);
/* The 404 of a path that does not exist (the same bytes for every one). */
void http_reply_not_found(http_request *req);

/* This worker thread's connection to the database, opened if need be;
 * NULL after answering 503 with the reason. */
ehcp_store *http_store(http_request *req);
/* After a failure with this code: forget the thread's connection if the
 * database may have gone (a connection or database error), so that the
 * request (a GET, once) or the next one connects afresh. */
void http_store_failed(http_request *req, int code);

/* Runs the rest of the request under the database role of `role`
 * (ehcp_store_act_as() on this thread's connection), recording app_user
 * in the history; set back to the owner when the handler returns. */
int http_store_act_as(http_request *req, ehcp_role role, const char *app_user);

/* JSON string escaping into a malloc'd "..." (with the quotes); NULL
 * when out of memory. */
char *http_json_string(const char *s);

#endif
