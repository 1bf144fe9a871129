/* Feeds' answers for a few seconds, in a fixed table under one lock. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "http/feedcache.h"

typedef struct entry {
	http_feed_answer a;  /* first, so that an answer is its entry */
	unsigned refs;       /* the table's, and each reader's; under the lock */
	uint8_t key[32];
	ehcp_date day;
	int64_t made_ms;
} entry;

struct http_feedcache {
	pthread_mutex_t lock;
	unsigned nslots;
	int64_t ttl_ms;
	entry **slots;
};

int http_feedcache_new(http_feedcache **out, unsigned slots, unsigned seconds)
{
	http_feedcache *c = calloc(1, sizeof *c);
	if (!c || !(c->slots = calloc(slots, sizeof *c->slots))) {
		free(c);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	pthread_mutex_init(&c->lock, NULL);
	c->nslots = slots;
	c->ttl_ms = (int64_t)seconds * 1000;
	*out = c;
	return 0;
}

static void unref(entry *e)
{
	if (e && --e->refs == 0) {
		free(e->a.body);
		free(e);
	}
}

void http_feedcache_free(http_feedcache *c)
{
	if (!c)
		return;
	for (unsigned i = 0; i < c->nslots; i++)
		unref(c->slots[i]);
	pthread_mutex_destroy(&c->lock);
	free(c->slots);
	free(c);
}

static unsigned slot_of(const http_feedcache *c, const uint8_t key[32])
{
	uint32_t h;
	memcpy(&h, key, sizeof h);  /* a SHA-256 is spread already */
	return h % c->nslots;
}

const http_feed_answer *http_feedcache_get(http_feedcache *c, const uint8_t key[32], ehcp_date day, int64_t now_ms)
{
	if (c->ttl_ms <= 0)
		return NULL;
	pthread_mutex_lock(&c->lock);
	entry *e = c->slots[slot_of(c, key)];
	if (e && (memcmp(e->key, key, 32) != 0 || e->day != day || now_ms - e->made_ms >= c->ttl_ms))
		e = NULL;
	if (e)
		e->refs++;
	pthread_mutex_unlock(&c->lock);
	return e ? &e->a : NULL;
}

void http_feedcache_release(http_feedcache *c, const http_feed_answer *a)
{
	if (!a)
		return;
	pthread_mutex_lock(&c->lock);
	unref((entry *)(void *)a);
	pthread_mutex_unlock(&c->lock);
}

void http_feedcache_put(http_feedcache *c, const uint8_t key[32], ehcp_date day, int64_t now_ms,
                        const http_feed_answer *a)
{
	if (c->ttl_ms <= 0)
		return;
	entry *e = calloc(1, sizeof *e);
	if (!e || !(e->a.body = malloc(a->len ? a->len : 1))) {
		free(e);
		return;
	}
	memcpy(e->a.body, a->body, a->len);
	e->a.len = a->len;
	memcpy(e->a.etag, a->etag, sizeof e->a.etag);
	e->a.last_modified = a->last_modified;
	memcpy(e->key, key, 32);
	e->day = day;
	e->made_ms = now_ms;
	e->refs = 1;
	pthread_mutex_lock(&c->lock);
	unsigned i = slot_of(c, key);
	entry *old = c->slots[i];
	c->slots[i] = e;
	unref(old);
	pthread_mutex_unlock(&c->lock);
}
