#ifndef EHCP_HTTP_RATELIMIT_H
#define EHCP_HTTP_RATELIMIT_H

/*
 * Failures counted per client address in a window opened by its first
 * failure, for refusing a client that guesses feed tokens or passwords.
 * A fixed table, so that a flood of addresses cannot grow memory: an address whose slot another has taken
 * starts again from nothing (the flood's own addresses are the ones
 * forgotten first, as the oldest window is the one taken).  Safe to call
 * from any number of threads.
 */

#include <stdbool.h>
#include <stdint.h>

typedef struct http_ratelimit http_ratelimit;

/* A table of `slots` addresses, each allowed `limit` failures per
 * `window_seconds`.  0 or EHCP_ENOMEM. */
int http_ratelimit_new(http_ratelimit **out, unsigned slots, unsigned limit, unsigned window_seconds);
void http_ratelimit_free(http_ratelimit *rl);

/* Whether addr has used up its failures in its window holding `now`
 * (seconds, any monotonic clock). */
bool http_ratelimit_blocked(http_ratelimit *rl, const char *addr, int64_t now);
/* Counts one failure of addr at `now`. */
void http_ratelimit_fail(http_ratelimit *rl, const char *addr, int64_t now);

#endif
