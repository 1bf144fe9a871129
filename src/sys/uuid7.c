/* Time-ordered ids (RFC 9562, version 7), the bits laid out by hand:
 * libuuid 2.38 makes no v7. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <uuid/uuid.h>

#include "sys/secret.h"
#include "sys/uuid7.h"

/*
 * The random bits come from the kernel a few kilobytes at a time: libuuid's
 * uuid_generate_random asks for every id, which was a third of a national
 * import's CPU.  Ids are not secrets; they must only not repeat, so a child
 * of fork() starts with a pool of its own rather than its parent's.
 */
#define POOL 4096
static _Thread_local unsigned char pool[POOL];
static _Thread_local size_t pool_used = POOL;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

static void pool_forget(void)
{
	pool_used = POOL;
}

static void atfork_register(void)
{
	pthread_atfork(NULL, NULL, pool_forget);
}

/* 8 random bytes: from the pool, or from libuuid if the kernel will not. */
static void random8(unsigned char out[8])
{
	if (pool_used + 8 > POOL) {
		/* before the pool first holds anything a child could inherit */
		pthread_once(&atfork_once, atfork_register);
		if (ehcp_random_bytes(pool, POOL) < 0) {
			uuid_t u;
			uuid_generate_random(u);
			memcpy(out, u + 8, 8);
			return;
		}
		pool_used = 0;
	}
	memcpy(out, pool + pool_used, 8);
	pool_used += 8;
}

void ehcp_uuid_v7(char out[37])
{
	/* the last millisecond used on this thread and its counter */
	static _Thread_local uint64_t last_ms;
	static _Thread_local unsigned counter;

	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	if (ms <= last_ms) {
		/* the same millisecond (or the clock went back): count on, and
		 * borrow the next millisecond when the 12 bits run out */
		ms = last_ms;
		if (++counter > 0xfff) {
			counter = 0;
			ms++;
		}
	} else {
		counter = 0;
	}
	last_ms = ms;

	uuid_t u;
	u[0] = (unsigned char)(ms >> 40);
	u[1] = (unsigned char)(ms >> 32);
	u[2] = (unsigned char)(ms >> 24);
	u[3] = (unsigned char)(ms >> 16);
	u[4] = (unsigned char)(ms >> 8);
	u[5] = (unsigned char)ms;
	u[6] = (unsigned char)(0x70 | ((counter >> 8) & 0x0f));
	u[7] = (unsigned char)(counter & 0xff);
	random8(u + 8);
	u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);   /* RFC 9562 variant */
	uuid_unparse_lower(u, out);
}
