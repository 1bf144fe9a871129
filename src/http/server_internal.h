#ifndef EHCP_HTTP_SERVER_INTERNAL_H
#define EHCP_HTTP_SERVER_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/socket.h>

#include "ehcp/server.h"
#include "http/feedcache.h"
#include "http/lastmod.h"
#include "http/ratelimit.h"

struct MHD_Daemon;

struct ehcp_server {
	struct MHD_Daemon *d;
	ehcp_server_options opts;  /* the limits filled in; no pointers kept but log */
	char *conninfo;
	char *cert, *key;
	bool tls;
	FILE *log;
	unsigned port;
	pthread_key_t store_key;   /* each worker thread's ehcp_store */
	atomic_int inflight;
	atomic_bool stopping;
	http_ratelimit *feed_limit;
	http_ratelimit *signin_limit;   /* failed sign-ins per client address */
	http_lastmod *feed_lastmod;
	http_feedcache *feed_cache;
};

/* Failed sign-ins a client address may make in a minute (an office behind
 * one address included) before it is refused without trying. */
#define HTTP_SIGNIN_FAILURES_PER_MINUTE 20

/* The HTTP status a library error code answers. */
unsigned http_status_of(int code);

/* "ADDR:PORT" or "[ADDR6]:PORT" (numeric) as a socket address. */
int http_parse_listen(struct sockaddr_storage *out, socklen_t *outlen, const char *listen);

#endif
