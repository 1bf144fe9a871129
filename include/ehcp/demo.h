#ifndef EHCP_DEMO_H
#define EHCP_DEMO_H

/*
 * A synthetic caseload shaped like a real council's, written as a tracker
 * CSV: seasonal request volumes, about a fifth refused, some decisions not
 * to issue, advice with a long tail, a minority of late plans and of
 * exceptions, withdrawals, and on the as-of date open cases at every stage.
 * Deterministic for a seed.  Every name and reference is made up and
 * obviously so ("DEMO-..."); nothing is downloaded.
 */

#include <stdint.h>
#include <stdio.h>

#include "ehcp/date.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ehcp_demo_options {
	unsigned int version;
	int authorities;          /* councils, each with its own references and caseworkers */
	int years;                /* of requests, ending on as_of */
	int requests_per_year;    /* per authority */
	uint64_t seed;
	ehcp_date as_of;          /* the last day of the data; milestones after it are not yet known */
} ehcp_demo_options;

#define EHCP_DEMO_OPTIONS_VERSION 1
#define EHCP_DEMO_OPTIONS_INIT {EHCP_DEMO_OPTIONS_VERSION, 1, 3, 600, 1, EHCP_DATE_NONE}

/* Writes the caseload as a tracker CSV with a header; *rows (may be NULL)
 * receives the number of cases written.  EHCP_EINVALID for bad options. */
int ehcp_demo_write(FILE *out, uint64_t *rows, const ehcp_demo_options *opts);

#ifdef __cplusplus
}
#endif

#endif
