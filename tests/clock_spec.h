#ifndef EHCP_TEST_CLOCK_SPEC_H
#define EHCP_TEST_CLOCK_SPEC_H

/* Cases for tests written as the tracker CSV writes them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehcp/ehcp.h"

typedef struct spec {
	const char *type, *request, *decision, *decision_date;
	const char *health_req, *health_rec, *health_exc;
	const char *sc_req, *sc_rec, *sc_exc;
	const char *ep_req, *ep_rec, *ep_exc;
	const char *plan, *plan_date, *draft, *final, *exception, *closed, *closed_reason;
	/* Added with the tribunal columns; last, so older initialisers still
	 * work: mediation_date, tribunal_appeal_date, tribunal_outcome and
	 * tribunal_outcome_date. */
	const char *mediation, *appeal, *tribunal, *tribunal_date;
} spec;

static inline ehcp_date spec_date(const char *s)
{
	ehcp_date d = EHCP_DATE_NONE;
	if (s && ehcp_date_parse(&d, s, strlen(s), NULL, 0) < 0) {
		fprintf(stderr, "bad date in test: %s\n", s);
		exit(2);
	}
	return d;
}

#define SPEC_CODE(fn, out, s)                                                                       \
	do {                                                                                       \
		if (fn(&(out), (s) ? (s) : "") < 0) {                                              \
			fprintf(stderr, "bad code in test: %s\n", s);                              \
			exit(2);                                                                   \
		}                                                                                  \
	} while (0)

static inline ehcp_case_dates spec_build(const spec *s)
{
	ehcp_case_dates c = EHCP_CASE_DATES_INIT;
	SPEC_CODE(ehcp_request_type_parse, c.type, s->type);
	c.request = spec_date(s->request);
	SPEC_CODE(ehcp_assess_decision_parse, c.decision, s->decision);
	c.decision_date = spec_date(s->decision_date);
	const char *req[3] = {s->health_req, s->sc_req, s->ep_req};
	const char *rec[3] = {s->health_rec, s->sc_rec, s->ep_rec};
	const char *exc[3] = {s->health_exc, s->sc_exc, s->ep_exc};
	for (int b = 0; b < 3; b++) {
		c.advice[b].requested = spec_date(req[b]);
		c.advice[b].received = spec_date(rec[b]);
		SPEC_CODE(ehcp_exception_parse, c.advice[b].exception, exc[b]);
	}
	SPEC_CODE(ehcp_plan_decision_parse, c.plan_decision, s->plan);
	c.plan_decision_date = spec_date(s->plan_date);
	c.draft = spec_date(s->draft);
	c.final = spec_date(s->final);
	SPEC_CODE(ehcp_exception_parse, c.exception, s->exception);
	c.closed = spec_date(s->closed);
	SPEC_CODE(ehcp_closed_reason_parse, c.closed_reason, s->closed_reason);
	c.mediation = spec_date(s->mediation);
	c.tribunal_appeal = spec_date(s->appeal);
	SPEC_CODE(ehcp_tribunal_outcome_parse, c.tribunal_outcome, s->tribunal);
	c.tribunal_outcome_date = spec_date(s->tribunal_date);
	return c;
}

#endif
