/* Failed attempts per client address, in a fixed table under one lock. */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/errors_internal.h"
#include "http/ratelimit.h"

typedef struct slot {
	char addr[HTTP_RATELIMIT_KEY];  /* http_ratelimit_key()'s */
	int64_t window;  /* the window's start: the address's first failure in it */
	unsigned fails;
} slot;

struct http_ratelimit {
	pthread_mutex_t lock;
	unsigned nslots, limit, window;
	slot *slots;
};

int http_ratelimit_new(http_ratelimit **out, unsigned slots, unsigned limit, unsigned window_seconds)
{
	http_ratelimit *rl = calloc(1, sizeof *rl);
	if (!rl || !(rl->slots = calloc(slots, sizeof *rl->slots))) {
		free(rl);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	pthread_mutex_init(&rl->lock, NULL);
	rl->nslots = slots;
	rl->limit = limit;
	rl->window = window_seconds ? window_seconds : 1;
	*out = rl;
	return 0;
}

void http_ratelimit_free(http_ratelimit *rl)
{
	if (!rl)
		return;
	pthread_mutex_destroy(&rl->lock);
	free(rl->slots);
	free(rl);
}

/* FNV-1a: spreads addresses over the table. */
static unsigned hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static bool live(const http_ratelimit *rl, const slot *s, int64_t now)
{
	return s->addr[0] && now - s->window < rl->window;
}

/* The slot of addr (two probes), or NULL; with `take`, one for it: its
 * own, its window opened afresh at `now` once over, or else the better of
 * the two to take over (see ratelimit.h).  Called under the lock. */
static slot *find(http_ratelimit *rl, const char *addr, int64_t now, bool take)
{
	/* two different slots (but in a table of one), so that an address
	 * always has a choice */
	const unsigned h = hash(addr), n = rl->nslots, i = h % n;
	slot *a = &rl->slots[i], *b = &rl->slots[n > 1 ? (i + 1 + (h / n) % (n - 1)) % n : i];
	for (slot *s = a;; s = b) {
		if (strcmp(s->addr, addr) == 0) {
			if (take && !live(rl, s, now)) {
				s->window = now;
				s->fails = 0;
			}
			return s;
		}
		if (s == b)
			break;
	}
	if (!take)
		return NULL;
	slot *s = !live(rl, a, now) ? a : !live(rl, b, now) ? b : a->fails <= b->fails ? a : b;
	snprintf(s->addr, sizeof s->addr, "%s", addr);
	s->window = now;
	s->fails = 0;
	return s;
}

void http_ratelimit_key(char out[HTTP_RATELIMIT_KEY], const char *addr)
{
	struct in6_addr a6;
	struct in_addr a4;
	if (inet_pton(AF_INET6, addr, &a6) == 1) {
		if (IN6_IS_ADDR_V4MAPPED(&a6)) {
			memcpy(&a4, a6.s6_addr + 12, sizeof a4);
			inet_ntop(AF_INET, &a4, out, HTTP_RATELIMIT_KEY);
			return;
		}
		memset(a6.s6_addr + 8, 0, 8);
		inet_ntop(AF_INET6, &a6, out, HTTP_RATELIMIT_KEY);
		strcat(out, "/64");  /* at most 39 + 3 of the 48 */
		return;
	}
	if (inet_pton(AF_INET, addr, &a4) == 1)
		inet_ntop(AF_INET, &a4, out, HTTP_RATELIMIT_KEY);
	else
		snprintf(out, HTTP_RATELIMIT_KEY, "%s", addr);
}

bool http_ratelimit_blocked(http_ratelimit *rl, const char *addr, int64_t now)
{
	char key[HTTP_RATELIMIT_KEY];
	http_ratelimit_key(key, addr);
	addr = key;
	pthread_mutex_lock(&rl->lock);
	const slot *s = find(rl, addr, now, false);
	bool blocked = s && live(rl, s, now) && s->fails >= rl->limit;
	pthread_mutex_unlock(&rl->lock);
	return blocked;
}

void http_ratelimit_fail(http_ratelimit *rl, const char *addr, int64_t now)
{
	char key[HTTP_RATELIMIT_KEY];
	http_ratelimit_key(key, addr);
	addr = key;
	pthread_mutex_lock(&rl->lock);
	slot *s = find(rl, addr, now, true);
	if (s->fails < rl->limit)
		s->fails++;
	pthread_mutex_unlock(&rl->lock);
}

int64_t http_ratelimit_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}
