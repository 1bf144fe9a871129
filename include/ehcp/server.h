#ifndef EHCP_SERVER_H
#define EHCP_SERVER_H

/*
 * The HTTP service (`ehcp serve`), embeddable: calendar feeds, the JSON and
 * CSV API and a health check, on libmicrohttpd.
 *
 * ehcp_server_start() listens and returns; requests are answered by a pool
 * of worker threads, each with its own connection to the database (opened
 * on its first request and opened again after the database has gone away,
 * so the service recovers by itself; while it cannot connect it answers
 * 503 with a one-line reason).  ehcp_server_stop() stops accepting, lets
 * the requests in flight finish (up to a grace period), and frees the
 * server.
 *
 * Each request is logged as one line: method, path (a feed's token
 * replaced by "[token]"), status, bytes sent, milliseconds.  Never a query
 * string, a cookie, a token or a child's data.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ehcp/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ehcp_server ehcp_server;

typedef struct ehcp_server_options {
	unsigned int version;
	/* The database (a conninfo string); required. */
	const char *conninfo;
	/* "ADDR:PORT" or "[ADDR6]:PORT", numeric only; NULL: 127.0.0.1:8750.
	 * Port 0 takes any free port (ehcp_server_port() tells which). */
	const char *listen;
	/* Worker threads (each with one database connection); 0: 4. */
	unsigned threads;
	/* PEM text of the certificate (chain) and its key: both or neither. */
	const char *tls_cert_pem;
	const char *tls_key_pem;
	/* An address other than loopback without TLS is refused unless the
	 * server sits behind a reverse proxy that terminates TLS; then the
	 * client's address is the last of X-Forwarded-For. */
	bool behind_proxy;
	/* Limits; 0 for the defaults: 256 connections, 16 KiB of request
	 * head (line and headers, answered 431 beyond), 64 KiB of body (413),
	 * 30 s without progress before a connection is dropped (a connection
	 * waiting its turn on a busy worker makes none either), and 10 s for
	 * requests in flight to finish at stop. */
	unsigned max_connections;
	size_t max_header_bytes;
	size_t max_body_bytes;
	unsigned timeout_seconds;
	unsigned grace_seconds;
	/* Failed feed tokens from one client address allowed per minute
	 * before it is answered 429; 0: 20. */
	unsigned feed_failures_per_minute;
	/* A feed's answer is kept this many seconds and served again to
	 * every client asking for it (a change or a revocation reaches the
	 * feed that much later); 0: never kept; -1: 10. */
	int feed_cache_seconds;
	/* Where the access log goes; NULL: stderr. */
	FILE *access_log;
} ehcp_server_options;

#define EHCP_SERVER_OPTIONS_VERSION 1
#define EHCP_SERVER_OPTIONS_INIT {EHCP_SERVER_OPTIONS_VERSION, NULL, NULL, 0, NULL, NULL, false, 0, 0, 0, 0, 0, 0, -1, NULL}
#define EHCP_SERVER_DEFAULT_LISTEN "127.0.0.1:8750"

/* Fills *opts with the defaults; EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_server_options_init(ehcp_server_options *opts, unsigned int version);

/* Starts listening.  EHCP_EINVALID for a bad address, a lone certificate
 * or key, or a non-loopback address without TLS or behind_proxy;
 * EHCP_EOS if the port cannot be bound or TLS is not built in.  The
 * database is not touched until the first request. */
EHCP_WARN_UNUSED int ehcp_server_start(ehcp_server **out, const ehcp_server_options *opts);

/* The port it listens on. */
unsigned ehcp_server_port(const ehcp_server *srv);

/* Stops accepting, waits for requests in flight (up to the grace period),
 * closes everything and frees the server.  NULL is ignored. */
void ehcp_server_stop(ehcp_server *srv);

#ifdef __cplusplus
}
#endif

#endif
