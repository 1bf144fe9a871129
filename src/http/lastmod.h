#ifndef EHCP_HTTP_LASTMOD_H
#define EHCP_HTTP_LASTMOD_H

/*
 * When each feed's current body was first served, for Last-Modified: a
 * body is known by its ETag, so a feed whose ETag changed was modified
 * now.  A fixed table by feed id (a slot another feed has taken starts
 * again from now, which is later than the truth and so never makes a
 * client keep a stale calendar); after a restart everything starts again
 * from then for the same reason.  Safe from any number of threads.
 */

#include <stdint.h>

typedef struct http_lastmod http_lastmod;

int http_lastmod_new(http_lastmod **out, unsigned slots);
void http_lastmod_free(http_lastmod *lm);

/* The time (seconds since 1970) feed `id` was first seen with `etag`,
 * which is `now` if it is new. */
int64_t http_lastmod_get(http_lastmod *lm, long long id, const char *etag, int64_t now);

#endif
