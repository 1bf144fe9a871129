#ifndef EHCP_HTTP_RATELIMIT_H
#define EHCP_HTTP_RATELIMIT_H

/*
 * Failures counted per client address, for refusing a client that guesses
 * feed tokens or passwords.  An address's window opens at its first
 * failure (not on the clock's minute) and lasts window_seconds; once it
 * holds `limit` failures the address is refused until the window ends.  So
 * no run of window_seconds admits twice the limit (at most limit - 1 at
 * one window's end and limit at the next's start).  Only a failure opens a
 * window: asking whether an address is refused changes nothing.
 *
 * A fixed table, so that a flood of addresses cannot grow memory: a new
 * address takes a slot whose window is over, else the one of its two with
 * fewer failures, so a flood's addresses (one failure each) displace each
 * other before a blocked guesser; an address whose slot was taken starts
 * again from nothing.  Safe to call from any number of threads.
 *
 * An IPv6 address is counted by its network, the first 64 bits: a client
 * is handed a /64 and may speak from any of its 2^64 addresses, so a count
 * per address would let one guesser make as many tries as it liked.  (An
 * IPv4 address mapped into IPv6 is counted as that IPv4 address.)
 */

#include <stdbool.h>
#include <stdint.h>

typedef struct http_ratelimit http_ratelimit;

/* A table of `slots` addresses, each allowed `limit` failures per
 * `window_seconds`.  0 or EHCP_ENOMEM. */
int http_ratelimit_new(http_ratelimit **out, unsigned slots, unsigned limit, unsigned window_seconds);
void http_ratelimit_free(http_ratelimit *rl);

/* Whether addr has used up its failures in its window holding `now`
 * (seconds of http_ratelimit_now(), or any clock that never goes back). */
bool http_ratelimit_blocked(http_ratelimit *rl, const char *addr, int64_t now);
/* Counts one failure of addr at `now`. */
void http_ratelimit_fail(http_ratelimit *rl, const char *addr, int64_t now);
/* The name addr's failures are counted under: an IPv4 address in its
 * usual form, "NETWORK::/64" for an IPv6 one (or the IPv4 address it maps),
 * anything else as given, cut to HTTP_RATELIMIT_KEY - 1 bytes.  Pure. */
#define HTTP_RATELIMIT_KEY 48
void http_ratelimit_key(char out[HTTP_RATELIMIT_KEY], const char *addr);
/* Seconds of the monotonic clock: a wall clock stepped back would give a
 * guesser a fresh allowance. */
int64_t http_ratelimit_now(void);

#endif
