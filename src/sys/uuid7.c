/* Time-ordered ids (RFC 9562, version 7), the bits laid out by hand:
 * libuuid 2.38 makes no v7. */
#include <stdint.h>
#include <time.h>

#include <uuid/uuid.h>

#include "sys/uuid7.h"

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
	uuid_generate_random(u);   /* the random bits, and the variant already set */
	u[0] = (unsigned char)(ms >> 40);
	u[1] = (unsigned char)(ms >> 32);
	u[2] = (unsigned char)(ms >> 24);
	u[3] = (unsigned char)(ms >> 16);
	u[4] = (unsigned char)(ms >> 8);
	u[5] = (unsigned char)ms;
	u[6] = (unsigned char)(0x70 | ((counter >> 8) & 0x0f));
	u[7] = (unsigned char)(counter & 0xff);
	u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);   /* RFC 9562 variant */
	uuid_unparse_lower(u, out);
}
