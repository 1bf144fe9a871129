#ifndef EHCP_HTTP_FEEDCACHE_H
#define EHCP_HTTP_FEEDCACHE_H

/*
 * Feeds' answers kept for a few seconds, so that a calendar fetched by
 * many clients at once is fetched and rendered once: a fixed table keyed
 * by the token's SHA-256 (never the token), each entry the body, its ETag
 * and Last-Modified, for one day, until it is `seconds` old.  A change to
 * the deadlines, or a revocation, reaches the feed's subscribers that
 * much later; a calendar client polls every few hours.  Entries are
 * shared and freed by the last holder, so a reader never waits on a
 * render.  Safe from any number of threads.
 */

#include <stddef.h>
#include <stdint.h>

#include "ehcp/date.h"

typedef struct http_feedcache http_feedcache;

typedef struct http_feed_answer {
	char *body;
	size_t len;
	char etag[40];
	int64_t last_modified;  /* seconds since 1970 */
} http_feed_answer;

int http_feedcache_new(http_feedcache **out, unsigned slots, unsigned seconds);
void http_feedcache_free(http_feedcache *c);

/* The answer for key on `day`, fresh at now_ms (a monotonic clock), or
 * NULL; release it with http_feedcache_release(). */
const http_feed_answer *http_feedcache_get(http_feedcache *c, const uint8_t key[32], ehcp_date day, int64_t now_ms);
void http_feedcache_release(http_feedcache *c, const http_feed_answer *a);

/* Keeps a copy of the answer for key on `day`, made at now_ms. */
void http_feedcache_put(http_feedcache *c, const uint8_t key[32], ehcp_date day, int64_t now_ms,
                        const http_feed_answer *a);

#endif
