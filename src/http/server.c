/* The HTTP server: libmicrohttpd's daemon, the per-thread database
 * connection, routing, replies and the access log. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/errors_internal.h"
#include "ehcp/account.h"
#include "ehcp/server.h"
#include "http/http.h"
#include "http/ratelimit.h"
#include "http/routes.h"
#include "http/server_internal.h"
#include "render/table.h"

/* A reply is held until the handler returns, so that a read that met a
 * dead connection can be run again on a fresh one before anything is
 * sent. */
typedef struct reply {
	unsigned status;
	char *body;
	size_t len;
	char **headers; /* name, value, name, value, ... */
	size_t nheaders;
	bool set;
} reply;

typedef struct req_ctx {
	struct timespec start;
	char method[16];
	char *log_path;
	char *body;
	size_t body_len, body_cap;
	bool too_large;
	bool store_dropped;  /* http_store_failed() forgot the connection */
	reply r;
	unsigned status;
	size_t bytes;
} req_ctx;

static void reply_clear(reply *r)
{
	free(r->body);
	for (size_t i = 0; i < r->nheaders * 2; i++)
		free(r->headers[i]);
	free(r->headers);
	*r = (reply){0};
}

int ehcp_server_options_init(ehcp_server_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_SERVER_OPTIONS_VERSION, EHCP_SERVER_OPTIONS_INIT,
	                       "ehcp_server_options");
}

/* ---- requests ---- */

const char *http_header(const http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_query(const http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

typedef struct each_ctx {
	int (*fn)(void *, const char *, const char *);
	void *ctx;
	int rc;
} each_ctx;

static enum MHD_Result each_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	each_ctx *e = cls;
	e->rc = e->fn(e->ctx, key, value ? value : "");
	return e->rc ? MHD_NO : MHD_YES;
}

int http_query_each(const http_request *req, int (*fn)(void *ctx, const char *key, const char *value), void *ctx)
{
	each_ctx e = {fn, ctx, 0};
	MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, each_arg, &e);
	return e.rc;
}

void http_add_header(http_request *req, const char *name, const char *value)
{
	reply *r = &((req_ctx *)req->priv)->r;
	char **h = realloc(r->headers, (r->nheaders + 1) * 2 * sizeof *h);
	if (!h)
		return;
	r->headers = h;
	h[r->nheaders * 2] = strdup(name);
	h[r->nheaders * 2 + 1] = strdup(value);
	r->nheaders++;
}

void http_reply(http_request *req, unsigned status, const char *content_type, const char *body, size_t len)
{
	reply *r = &((req_ctx *)req->priv)->r;
	free(r->body);
	r->body = malloc(len + 1);
	if (r->body) {
		memcpy(r->body, body, len);
		r->body[len] = '\0';
		r->len = len;
	} else {
		r->len = 0;
		status = MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
	r->status = status;
	r->set = true;
	if (content_type)
		http_add_header(req, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
}

char *http_json_string(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	ehcp_json_string(f, s);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

void http_reply_error(http_request *req, unsigned status, const char *msg)
{
	char *q = http_json_string(msg);
	char *body = NULL;
	int n = q ? asprintf(&body, "{\"error\": %s}\n", q) : -1;
	free(q);
	if (n < 0) {
		http_reply(req, MHD_HTTP_INTERNAL_SERVER_ERROR, "application/json", "{\"error\": \"out of memory\"}\n", 26);
		return;
	}
	http_reply(req, status, "application/json", body, (size_t)n);
	free(body);
}

unsigned http_status_of(int code)
{
	switch (code) {
	case EHCP_EINVALID: return MHD_HTTP_BAD_REQUEST;
	case EHCP_ENOTFOUND: return MHD_HTTP_NOT_FOUND;
	case EHCP_ECONFLICT: return MHD_HTTP_CONFLICT;
	case EHCP_ECONNECT:
	case EHCP_ESCHEMA: return MHD_HTTP_SERVICE_UNAVAILABLE;
	case EHCP_EDB:
		/* PostgreSQL refusing the role (a reader's write): not a fault. */
		return strstr(ehcp_error_last(), "permission denied") ? MHD_HTTP_FORBIDDEN : MHD_HTTP_INTERNAL_SERVER_ERROR;
	default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

void http_reply_last_error(http_request *req, int code)
{
	const char *msg = ehcp_error_last();
	unsigned status = http_status_of(code);
	if (status == MHD_HTTP_SERVICE_UNAVAILABLE) {
		/* One line: libpq's reasons run over several. */
		char line[300];
		snprintf(line, sizeof line, "%s", *msg ? msg : "the database cannot be reached");
		line[strcspn(line, "\r\n")] = '\0';
		http_reply_error(req, status, line);
		return;
	}
	http_reply_error(req, status, *msg ? msg : "failed");
}

void http_reply_not_found(http_request *req)
{
	static const char nf[] = "{\"error\": \"not found\"}\n";
	http_reply(req, MHD_HTTP_NOT_FOUND, "application/json", nf, sizeof nf - 1);
}

/* ---- the database, one connection per worker thread ---- */

/* What the key holds for each worker thread. */
typedef struct worker {
	ehcp_store *s;
	bool acting;  /* under a role other than the owner's, until the request ends */
} worker;

static void worker_destroy(void *p)
{
	worker *w = p;
	ehcp_store_free(w->s);
	free(w);
}

static worker *worker_of(ehcp_server *srv)
{
	worker *w = pthread_getspecific(srv->store_key);
	if (!w && (w = calloc(1, sizeof *w)) && pthread_setspecific(srv->store_key, w) != 0) {
		free(w);
		w = NULL;
	}
	return w;
}

static void worker_drop(worker *w)
{
	ehcp_store_free(w->s);
	w->s = NULL;
	w->acting = false;
}

ehcp_store *http_store(http_request *req)
{
	worker *w = worker_of(req->server);
	if (!w) {
		http_reply_error(req, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
		return NULL;
	}
	if (w->s)
		return w->s;
	ehcp_store_options so = EHCP_STORE_OPTIONS_INIT;
	so.app_user = "ehcp serve";
	int err = ehcp_store_open(&w->s, req->server->conninfo, &so);
	if (err < 0) {
		w->s = NULL;
		if (err != EHCP_ESCHEMA)
			err = EHCP_ECONNECT;
		http_reply_last_error(req, err);
		return NULL;
	}
	return w->s;
}

void http_store_failed(http_request *req, int code)
{
	/* libpq may not yet know the server went (EHCP_EDB on the first
	 * failed query): any database failure closes the connection, at the
	 * cost of a reconnect after a refused statement. */
	if (code != EHCP_ECONNECT && code != EHCP_EDB && code != EHCP_ERROR)
		return;
	worker *w = pthread_getspecific(req->server->store_key);
	if (!w || !w->s)
		return;
	worker_drop(w);
	((req_ctx *)req->priv)->store_dropped = true;
}

int http_store_act_as(http_request *req, ehcp_role role, const char *app_user)
{
	worker *w = pthread_getspecific(req->server->store_key);
	if (!w || !w->s)
		return ehcp_fail(EHCP_ERROR, "no connection to act on");
	w->acting = true;
	return ehcp_store_act_as(w->s, role, app_user);
}

/* Back to the owner for the thread's next request; a connection that
 * cannot be set back is closed rather than trusted. */
static void worker_reset(ehcp_server *srv)
{
	worker *w = pthread_getspecific(srv->store_key);
	if (!w || !w->s || !w->acting)
		return;
	w->acting = false;
	if (ehcp_store_act_as(w->s, EHCP_ROLE_ADMIN, "ehcp serve") < 0)
		worker_drop(w);
}

/* ---- the access log ---- */

/* The path as logged: a feed's token replaced, anything unprintable
 * escaped (so that a request cannot forge a log line), at most 200 bytes. */
static char *log_path(const char *url)
{
	static const char feeds[] = "/feeds/";
	char buf[256];
	size_t n = 0;
	const char *p = url;
	if (strncmp(url, feeds, sizeof feeds - 1) == 0) {
		const char *ext = strrchr(url, '.');
		bool ics = ext && strcmp(ext, ".ics") == 0 && ext > url + sizeof feeds - 1;
		n = (size_t)snprintf(buf, sizeof buf, "/feeds/[token]%s", ics ? ".ics" : "");
		p = "";
	}
	for (; *p && n < 200; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch < 0x21 || ch >= 0x7f || ch == '\\')
			n += (size_t)snprintf(buf + n, sizeof buf - n, "\\x%02x", ch);
		else
			buf[n++] = (char)ch;
	}
	if (*p)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "...");
	buf[n] = '\0';
	return strdup(buf);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls, enum MHD_RequestTerminationCode toe)
{
	(void)conn;
	ehcp_server *srv = cls;
	req_ctx *c = *req_cls;
	if (!c)
		return;
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	long ms = (end.tv_sec - c->start.tv_sec) * 1000 + (end.tv_nsec - c->start.tv_nsec) / 1000000;
	fprintf(srv->log, "%s %s %u %zu %ld%s\n", c->method, c->log_path ? c->log_path : "-", c->status, c->bytes, ms,
	        toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (not completed)");
	fflush(srv->log);
	free(c->log_path);
	/* a body may hold a password or a child's details */
	if (c->body)
		explicit_bzero(c->body, c->body_cap);
	free(c->body);
	reply_clear(&c->r);
	free(c);
	*req_cls = NULL;
	atomic_fetch_sub(&srv->inflight, 1);
}

/* ---- dispatch ---- */

static void client_address(char *out, size_t outlen, ehcp_server *srv, struct MHD_Connection *conn)
{
	snprintf(out, outlen, "unknown");
	if (srv->opts.behind_proxy) {
		const char *xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
		if (xff) {
			/* The proxy appends the address it saw last. */
			const char *last = strrchr(xff, ',');
			last = last ? last + 1 : xff;
			while (*last == ' ' || *last == '\t')
				last++;
			size_t len = strcspn(last, " \t");
			if (len > 0 && len < outlen) {
				memcpy(out, last, len);
				out[len] = '\0';
				return;
			}
		}
	}
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, (socklen_t)outlen);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, (socklen_t)outlen);
}

static bool path_matches(const http_route *r, const char *path)
{
	size_t n = strlen(r->path);
	return r->prefix ? strncmp(path, r->path, n) == 0 && path[n] != '\0' : strcmp(path, r->path) == 0;
}

/* The methods the path's routes take, for 405's Allow. */
static void allowed_methods(char *out, size_t outlen, const char *path)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < http_route_count && n < outlen; i++)
		if (path_matches(&http_routes[i], path))
			n += (size_t)snprintf(out + n, outlen - n, "%s%s%s", n ? ", " : "", http_routes[i].method,
			                      strcmp(http_routes[i].method, "GET") == 0 ? ", HEAD" : "");
}

static const http_route *route_for(const char *method, const char *path, bool *wrong_method)
{
	*wrong_method = false;
	bool head = strcmp(method, "HEAD") == 0;
	for (size_t i = 0; i < http_route_count; i++) {
		const http_route *r = &http_routes[i];
		if (!path_matches(r, path))
			continue;
		if (strcmp(method, r->method) == 0 || (head && strcmp(r->method, "GET") == 0))
			return r;
		*wrong_method = true;
	}
	return NULL;
}

static void dispatch(ehcp_server *srv, http_request *req, req_ctx *c)
{
	bool wrong_method;
	const http_route *r = route_for(req->method, req->path, &wrong_method);
	if (!r) {
		if (wrong_method) {
			char allow[64];
			allowed_methods(allow, sizeof allow, req->path);
			http_add_header(req, "Allow", allow);
			http_reply_error(req, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed");
		}
		else
			http_reply_not_found(req);
		return;
	}
	bool idempotent = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
	for (int attempt = 0; attempt < 2; attempt++) {
		c->store_dropped = false;
		int rc = r->fn(req);
		if (!c->r.set || rc < 0)
			http_reply_error(req, MHD_HTTP_INTERNAL_SERVER_ERROR, "the server failed");
		/* A read that found the connection dead (the database restarted)
		 * runs once more on a fresh one; a write is never repeated. */
		worker_reset(srv);
		if (!(c->store_dropped && idempotent && attempt == 0))
			break;
		reply_clear(&c->r);
	}
}

static enum MHD_Result send_reply(ehcp_server *srv, struct MHD_Connection *conn, req_ctx *c, bool head)
{
	reply *r = &c->r;
	struct MHD_Response *resp = MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE);
	if (!resp)
		return MHD_NO;
	r->body = NULL;
	bool cache_set = false;
	for (size_t i = 0; i < r->nheaders; i++) {
		if (r->headers[2 * i] && r->headers[2 * i + 1]) {
			MHD_add_response_header(resp, r->headers[2 * i], r->headers[2 * i + 1]);
			cache_set |= strcasecmp(r->headers[2 * i], MHD_HTTP_HEADER_CACHE_CONTROL) == 0;
		}
	}
	if (!cache_set)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	if (srv->tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	if (atomic_load(&srv->stopping))
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
	c->status = r->status;
	c->bytes = head || r->status == MHD_HTTP_NOT_MODIFIED ? 0 : r->len;
	enum MHD_Result ret = MHD_queue_response(conn, r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **req_cls)
{
	(void)version;
	ehcp_server *srv = cls;
	req_ctx *c = *req_cls;
	if (!c) {
		if (!(c = calloc(1, sizeof *c)))
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &c->start);
		snprintf(c->method, sizeof c->method, "%s", method);
		c->method[strcspn(c->method, " \t\r\n")] = '\0';
		c->log_path = log_path(url);
		*req_cls = c;
		atomic_fetch_add(&srv->inflight, 1);
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > srv->opts.max_body_bytes)
			c->too_large = true;
		else
			return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (c->too_large || c->body_len + n > srv->opts.max_body_bytes) {
			c->too_large = true;
			return MHD_YES;
		}
		if (c->body_len + n + 1 > c->body_cap) {
			size_t cap = c->body_len + n + 1 > 2 * c->body_cap ? c->body_len + n + 1 : 2 * c->body_cap;
			/* moved by hand, so that no copy is left behind unwiped */
			char *b = malloc(cap);
			if (!b)
				return MHD_NO;
			if (c->body) {
				memcpy(b, c->body, c->body_len);
				explicit_bzero(c->body, c->body_cap);
				free(c->body);
			}
			c->body = b;
			c->body_cap = cap;
		}
		memcpy(c->body + c->body_len, upload_data, n);
		c->body_len += n;
		c->body[c->body_len] = '\0';
		return MHD_YES;
	}
	char client[INET6_ADDRSTRLEN + 1];
	client_address(client, sizeof client, srv, conn);
	const char *proto = srv->opts.behind_proxy ? MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Proto") : NULL;
	http_request req = {
	    .server = srv,
	    .conn = conn,
	    .method = c->method,
	    .path = url,
	    .body = c->body ? c->body : "",
	    .body_len = c->body_len,
	    .client = client,
	    .tls = srv->tls || (proto && strcasecmp(proto, "https") == 0),
	    .priv = c,
	};
	if (c->too_large)
		http_reply_error(&req, MHD_HTTP_CONTENT_TOO_LARGE, "the request body is too large");
	else
		dispatch(srv, &req, c);
	return send_reply(srv, conn, c, strcmp(c->method, "HEAD") == 0);
}

/* ---- start and stop ---- */

static bool is_loopback(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)(const void *)ss)->sin_addr.s_addr) >> 24) == 127;
	const struct in6_addr *a = &((const struct sockaddr_in6 *)(const void *)ss)->sin6_addr;
	return IN6_IS_ADDR_LOOPBACK(a) ||
	       (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
}

int http_parse_listen(struct sockaddr_storage *out, socklen_t *outlen, const char *listen)
{
	char host[INET6_ADDRSTRLEN + 2];
	const char *colon, *h = listen;
	size_t hlen;
	if (*listen == '[') {
		const char *close = strchr(listen, ']');
		if (!close || close[1] != ':')
			return ehcp_fail(EHCP_EINVALID, "--listen: \"%s\" is not [ADDRESS]:PORT", listen);
		h = listen + 1;
		hlen = (size_t)(close - h);
		colon = close + 1;
	} else {
		colon = strrchr(listen, ':');
		if (!colon || strchr(listen, ':') != colon)
			return ehcp_fail(EHCP_EINVALID, "--listen: \"%s\" is not ADDRESS:PORT", listen);
		hlen = (size_t)(colon - listen);
	}
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (hlen == 0 || hlen >= sizeof host || !colon[1] || *end || port < 0 || port > 65535)
		return ehcp_fail(EHCP_EINVALID, "--listen: \"%s\" is not ADDRESS:PORT", listen);
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_PASSIVE, .ai_socktype = SOCK_STREAM}, *ai;
	if (getaddrinfo(host, NULL, &hints, &ai) != 0)
		return ehcp_fail(EHCP_EINVALID, "--listen: \"%s\" is not a numeric address", host);
	memset(out, 0, sizeof *out);
	memcpy(out, ai->ai_addr, ai->ai_addrlen);
	*outlen = ai->ai_addrlen;
	freeaddrinfo(ai);
	if (out->ss_family == AF_INET)
		((struct sockaddr_in *)(void *)out)->sin_port = htons((uint16_t)port);
	else
		((struct sockaddr_in6 *)(void *)out)->sin6_port = htons((uint16_t)port);
	return 0;
}

static void server_free(ehcp_server *srv)
{
	if (!srv)
		return;
	http_ratelimit_free(srv->feed_limit);
	http_ratelimit_free(srv->signin_limit);
	http_lastmod_free(srv->feed_lastmod);
	http_feedcache_free(srv->feed_cache);
	free(srv->conninfo);
	free(srv->cert);
	free(srv->key);
	free(srv);
}

int ehcp_server_start(ehcp_server **out, const ehcp_server_options *opts)
{
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_server_options, opts, EHCP_SERVER_OPTIONS_INIT, EHCP_SERVER_OPTIONS_VERSION);
	*out = NULL;
	if (!opts->conninfo)
		return ehcp_fail(EHCP_EINVALID, "the server needs a database");
	if (!opts->tls_cert_pem != !opts->tls_key_pem)
		return ehcp_fail(EHCP_EINVALID, "TLS needs both a certificate and its key");
	const char *listen = opts->listen ? opts->listen : EHCP_SERVER_DEFAULT_LISTEN;
	struct sockaddr_storage ss;
	socklen_t sslen;
	int err = http_parse_listen(&ss, &sslen, listen);
	if (err < 0)
		return err;
	bool tls = opts->tls_cert_pem != NULL;
	if (!tls && !opts->behind_proxy && !is_loopback(&ss))
		return ehcp_fail(EHCP_EINVALID,
		                 "--listen %s: only loopback is served without TLS (give --tls-cert and --tls-key, or "
		                 "--behind-proxy for a reverse proxy that terminates TLS)",
		                 listen);
	if (tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
		return ehcp_fail(EHCP_EOS, "this libmicrohttpd was built without TLS");

	ehcp_server *srv = calloc(1, sizeof *srv);
	if (!srv)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	srv->opts = *opts;
	srv->opts.listen = NULL;
	srv->opts.tls_cert_pem = srv->opts.tls_key_pem = NULL;
	srv->opts.conninfo = NULL;
	if (!srv->opts.threads) srv->opts.threads = 4;
	if (!srv->opts.max_connections) srv->opts.max_connections = 256;
	if (!srv->opts.max_header_bytes) srv->opts.max_header_bytes = 16 * 1024;
	if (!srv->opts.max_body_bytes) srv->opts.max_body_bytes = 64 * 1024;
	if (!srv->opts.timeout_seconds) srv->opts.timeout_seconds = 30;
	if (!srv->opts.grace_seconds) srv->opts.grace_seconds = 10;
	if (!srv->opts.feed_failures_per_minute) srv->opts.feed_failures_per_minute = 20;
	srv->log = opts->access_log ? opts->access_log : stderr;
	srv->tls = tls;
	srv->conninfo = strdup(opts->conninfo);
	if (tls) {
		srv->cert = strdup(opts->tls_cert_pem);
		srv->key = strdup(opts->tls_key_pem);
	}
	if (!srv->conninfo || (tls && (!srv->cert || !srv->key)) ||
	    http_ratelimit_new(&srv->feed_limit, 4096, srv->opts.feed_failures_per_minute, 60) < 0 ||
	    http_ratelimit_new(&srv->signin_limit, 4096, HTTP_SIGNIN_FAILURES_PER_MINUTE, 60) < 0 ||
	    http_lastmod_new(&srv->feed_lastmod, 4096) < 0 ||
	    http_feedcache_new(&srv->feed_cache, 256, srv->opts.feed_cache_seconds < 0 ? 10 : (unsigned)srv->opts.feed_cache_seconds) < 0) {
		server_free(srv);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	if (pthread_key_create(&srv->store_key, worker_destroy) != 0) {
		server_free(srv);
		return ehcp_fail(EHCP_EOS, "cannot create the worker threads' key");
	}
	unsigned flags = MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | (tls ? MHD_USE_TLS : 0) |
	                 (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
	/* The memory limit bounds the request line and headers (MHD answers
	 * 431 or 414 beyond it); twice the header limit leaves room for
	 * MHD's own use and the reply's headers. */
	size_t mem = 2 * srv->opts.max_header_bytes;
	if (mem < 8192)
		mem = 8192;
	/* The same address may open a quarter of the connections, so that
	 * one client holding connections open cannot shut out the rest. */
	unsigned per_ip = srv->opts.max_connections / 4 ? srv->opts.max_connections / 4 : 1;
	if (srv->opts.behind_proxy)
		per_ip = srv->opts.max_connections;
	struct MHD_OptionItem tls_opts[] = {
	    {MHD_OPTION_HTTPS_MEM_CERT, 0, srv->cert},
	    {MHD_OPTION_HTTPS_MEM_KEY, 0, srv->key},
	    {MHD_OPTION_END, 0, NULL},
	};
	srv->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv,
	                          MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	                          MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)srv->opts.threads,
	                          MHD_OPTION_CONNECTION_LIMIT, (unsigned int)srv->opts.max_connections,
	                          MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip,
	                          MHD_OPTION_CONNECTION_MEMORY_LIMIT, mem,
	                          MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)srv->opts.timeout_seconds,
	                          MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
	                          /* HTTP/1.1 without Host, and the like: 400 */
	                          MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
	                          MHD_OPTION_ARRAY, tls ? tls_opts : tls_opts + 2,
	                          MHD_OPTION_END);
	if (!srv->d) {
		pthread_key_delete(srv->store_key);
		server_free(srv);
		return ehcp_fail(EHCP_EOS, "cannot listen on %s (in use, not this machine's, or a bad certificate or key)",
		                 listen);
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : 0;
	*out = srv;
	return 0;
}

unsigned ehcp_server_port(const ehcp_server *srv)
{
	return srv ? srv->port : 0;
}

void ehcp_server_stop(ehcp_server *srv)
{
	if (!srv)
		return;
	atomic_store(&srv->stopping, true);
	MHD_socket fd = MHD_quiesce_daemon(srv->d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	struct timespec t0, now;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (atomic_load(&srv->inflight) <= 0)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - t0.tv_sec >= (time_t)srv->opts.grace_seconds)
			break;
		nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
	}
	/* The worker threads end here, each freeing its connection through
	 * the key's destructor. */
	MHD_stop_daemon(srv->d);
	pthread_key_delete(srv->store_key);
	server_free(srv);
}
