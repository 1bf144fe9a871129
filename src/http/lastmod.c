/* First-seen times of feed bodies, in a fixed table under one lock. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "http/lastmod.h"

typedef struct slot {
	long long id;
	char etag[72];
	int64_t since;
} slot;

struct http_lastmod {
	pthread_mutex_t lock;
	unsigned nslots;
	slot *slots;
};

int http_lastmod_new(http_lastmod **out, unsigned slots)
{
	http_lastmod *lm = calloc(1, sizeof *lm);
	if (!lm || !(lm->slots = calloc(slots, sizeof *lm->slots))) {
		free(lm);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	pthread_mutex_init(&lm->lock, NULL);
	lm->nslots = slots;
	*out = lm;
	return 0;
}

void http_lastmod_free(http_lastmod *lm)
{
	if (!lm)
		return;
	pthread_mutex_destroy(&lm->lock);
	free(lm->slots);
	free(lm);
}

int64_t http_lastmod_get(http_lastmod *lm, long long id, const char *etag, int64_t now)
{
	pthread_mutex_lock(&lm->lock);
	slot *s = &lm->slots[(unsigned long long)id % lm->nslots];
	if (s->since == 0 || s->id != id || strcmp(s->etag, etag) != 0) {
		s->id = id;
		snprintf(s->etag, sizeof s->etag, "%s", etag);
		s->since = now;
	}
	int64_t since = s->since;
	pthread_mutex_unlock(&lm->lock);
	return since;
}
