/* Failed attempts per client address, in a fixed table under one lock. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "http/ratelimit.h"

typedef struct slot {
	char addr[48];
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

/* The slot of addr (two probes), or the older of the two to take over.
 * A window opens at an address's first failure, not on the clock's
 * minute: a run of failures across a minute's turn is counted whole, so
 * the limit holds for any `window` seconds, never twice the limit.
 * Called under the lock. */
static slot *find(http_ratelimit *rl, const char *addr, int64_t now, bool take)
{
	unsigned h = hash(addr);
	slot *a = &rl->slots[h % rl->nslots], *b = &rl->slots[(h / rl->nslots + h + 1) % rl->nslots];
	for (slot *s = a;; s = b) {
		if (strcmp(s->addr, addr) == 0) {
			if (now - s->window >= rl->window || now < s->window) {
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
	slot *s = a->window <= b->window ? a : b;
	snprintf(s->addr, sizeof s->addr, "%s", addr);
	s->window = now;
	s->fails = 0;
	return s;
}

bool http_ratelimit_blocked(http_ratelimit *rl, const char *addr, int64_t now)
{
	pthread_mutex_lock(&rl->lock);
	slot *s = find(rl, addr, now, false);
	bool blocked = s && s->fails >= rl->limit;
	pthread_mutex_unlock(&rl->lock);
	return blocked;
}

void http_ratelimit_fail(http_ratelimit *rl, const char *addr, int64_t now)
{
	pthread_mutex_lock(&rl->lock);
	slot *s = find(rl, addr, now, true);
	if (s->fails < rl->limit)
		s->fails++;
	pthread_mutex_unlock(&rl->lock);
}
