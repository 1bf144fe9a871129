/* Times the clock: every deadline and the status of N cases (default 10
 * million) on one core.  Prints cases, seconds and nanoseconds per case. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ehcp/ehcp.h"

#define POOL 1000000

static uint64_t rng = 42;
static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)((rng >> 11) % n);
}

static ehcp_date maybe_after(ehcp_date d, int spread, int chance)
{
	return d != EHCP_DATE_NONE && (int)rnd(100) < chance ? d + (int)rnd((uint32_t)spread) : EHCP_DATE_NONE;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000000L;
	ehcp_case_dates *pool = malloc(sizeof *pool * POOL);
	if (!pool)
		return 1;
	const ehcp_date base = ehcp_date_from_ymd_unchecked(2015, 1, 1);
	for (int i = 0; i < POOL; i++) {
		ehcp_case_dates c = EHCP_CASE_DATES_INIT;
		c.type = rnd(10) == 0 ? EHCP_REQUEST_REASSESSMENT : EHCP_REQUEST_INITIAL;
		c.request = base + (int)rnd(3650);
		c.decision_date = maybe_after(c.request, 60, 85);
		c.decision = c.decision_date == EHCP_DATE_NONE ? EHCP_ASSESS_NONE
		             : rnd(5) == 0                      ? EHCP_ASSESS_REFUSE
		                                                : EHCP_ASSESS_ASSESS;
		if (c.decision == EHCP_ASSESS_ASSESS) {
			for (int b = 0; b < EHCP_ADVICE_COUNT; b++) {
				c.advice[b].requested = maybe_after(c.decision_date, 7, 90);
				c.advice[b].received = maybe_after(c.advice[b].requested, 80, 80);
			}
			c.draft = maybe_after(c.decision_date, 90, 70);
			c.final = maybe_after(c.draft, 60, 80);
		}
		pool[i] = c;
	}

	struct timespec t0, t1;
	long overdue = 0, deadlines = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < n; i++) {
		const ehcp_case_dates *c = &pool[i % POOL];
		ehcp_date on = c->request + (int)(i % 300);
		ehcp_deadline dl[EHCP_DEADLINE_COUNT];
		ehcp_clock_view v;
		ehcp_clock_deadlines(dl, c);
		ehcp_clock_view_on(&v, c, on, EHCP_DAYS_NEARING_DEFAULT);
		deadlines += dl[EHCP_DEADLINE_FINAL_PLAN].applies;
		overdue += v.status == EHCP_STATUS_OVERDUE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("clock: %ld cases (all deadlines and the status), %.3f s, %.1f ns/case on one core"
	       " [%ld overdue, %ld with a final deadline]\n",
	       n, s, s * 1e9 / (double)n, overdue, deadlines);
	free(pool);
	return 0;
}
