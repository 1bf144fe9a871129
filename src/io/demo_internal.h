/* Shared by the demo's two writers (demo.c, the tracker; demo_register.c,
 * the plan register): one random stream and one case generation, so that
 * the register's reviews follow the very cases the tracker holds. */
#ifndef EHCP_IO_DEMO_INTERNAL_H
#define EHCP_IO_DEMO_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "ehcp/date.h"
#include "ehcp/demo.h"

typedef struct {
	uint64_t s;
} demo_rng;

/* splitmix64: small, fast, and the same on every platform. */
static inline uint64_t demo_next(demo_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static inline int demo_uniform(demo_rng *r, int lo, int hi) /* inclusive */
{
	return lo + (int)(demo_next(r) % (uint64_t)(hi - lo + 1));
}

static inline bool demo_chance(demo_rng *r, int per_thousand)
{
	return (int)(demo_next(r) % 1000) < per_thousand;
}

/* A delay with a long tail: mostly near `typical`, sometimes far beyond. */
static inline int demo_delay(demo_rng *r, int lo, int typical, int tail)
{
	int d = demo_uniform(r, lo, typical);
	if (demo_chance(r, 250))
		d += demo_uniform(r, 0, tail);
	if (demo_chance(r, 40))
		d += demo_uniform(r, tail, 3 * tail);
	return d;
}

/* The tracker's columns. */
#define DEMO_COLS 28

/* One generated case: its tracker row and what the register needs of it. */
typedef struct demo_case {
	int authority;
	int workers;                  /* the authority's caseworkers, 1..workers */
	const char *const *v;         /* DEMO_COLS cells, NULL = empty */
	ehcp_date date_of_birth;
	ehcp_date final_plan;         /* NONE unless issued by as_of */
} demo_case;

typedef void (*demo_case_fn)(void *ctx, const demo_case *c);

/* 0, or EHCP_EINVALID with the reason. */
int demo_check_options(const ehcp_demo_options *o);
/* The first day of the tracker's requests. */
ehcp_date demo_first_day(const ehcp_demo_options *o);
/* The authority's main stream, after its first draw (how many caseworkers). */
demo_rng demo_authority_rng(const ehcp_demo_options *o, int a, int *workers);
/* Every case of authority a, in request order, passed to fn. */
void demo_generate_authority(const ehcp_demo_options *o, int a, demo_case_fn fn, void *ctx);

#endif
