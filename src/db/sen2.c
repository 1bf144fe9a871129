/*
 * The SEN2 return's data: one query (src/db/sen2_sql.h) gives a row per
 * Requests element with the milestones as they stood on 31 December; here
 * each becomes SEN2's codes.  Where the tracker does not say which stage
 * mediation or an appeal belonged to, the stage is the one the request
 * reached: a refused request's belong to the request, an assessed one's to
 * the assessment (DfE's guide asks for each at the stage whose decision
 * was disputed).
 */
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "db/sen2_sql.h"
#include "db/store_internal.h"
#include "ehcp/sen2.h"

int ehcp_sen2_options_init(ehcp_sen2_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_SEN2_OPTIONS_VERSION, EHCP_SEN2_OPTIONS_INIT, "ehcp_sen2_options");
}

int ehcp_sen2_spec_parse(ehcp_sen2_spec *out, const char *s)
{
	if (!out || !s)
		return ehcp_fail(EHCP_EINVALID, "no specification to read");
	if (strcmp(s, "2024") == 0) {
		*out = EHCP_SEN2_SPEC_2024;
		return 0;
	}
	return ehcp_fail(EHCP_EINVALID, "\"%s\" is not a supported SEN2 specification (2024)", s);
}

ehcp_date ehcp_sen2_reference_date(int collection_year)
{
	/* The third Thursday of January (ISO weekday 4). */
	ehcp_date first = ehcp_date_from_ymd_unchecked(collection_year, 1, 1);
	int wd = ehcp_date_weekday(first);
	int to_thursday = (4 - wd + 7) % 7;
	return first + to_thursday + 2 * 7;
}

int ehcp_sen2_new(ehcp_sen2 **out, int year)
{
	if (!out)
		return ehcp_fail(EHCP_EINVALID, "a return needs somewhere to go");
	*out = NULL;
	if (year < 1900 || year > 9998)
		return ehcp_fail(EHCP_EINVALID, "%d is not a year a return can cover", year);
	ehcp_sen2 *r = calloc(1, sizeof *r);
	if (!r)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	r->year = year;
	ehcp_date_year_bounds(&r->from, &r->to, year);
	r->reference_date = ehcp_sen2_reference_date(year + 1);
	*out = r;
	return 0;
}

void ehcp_sen2_free(ehcp_sen2 *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nchildren; i++)
		free(r->children[i].requests);
	free(r->children);
	for (size_t i = 0; i < r->nunreferenced; i++)
		free(r->unreferenced[i]);
	free(r->unreferenced);
	free(r);
}

/* 'H' last; else by received date, then case_ref. */
static int request_order(const ehcp_sen2_request *a, const ehcp_sen2_request *b)
{
	const bool ha = a->request_outcome == 'H', hb = b->request_outcome == 'H';
	if (ha != hb)
		return ha ? 1 : -1;
	if (a->received != b->received)
		return a->received < b->received ? -1 : 1;
	int c = strcmp(a->case_ref, b->case_ref);
	return c ? c : strcmp(a->plan_ref, b->plan_ref);
}

int ehcp_sen2_add(ehcp_sen2 *r, const char *child_ref, const ehcp_sen2_request *req)
{
	if (!r || !child_ref || !req)
		return ehcp_fail(EHCP_EINVALID, "a request needs a return, a child and itself");
	if (strlen(child_ref) >= sizeof r->children[0].child_ref)
		return ehcp_fail(EHCP_EINVALID, "a child_ref is too long");
	/* find the child, or the place to insert it (children by child_ref) */
	size_t lo = 0, hi = r->nchildren;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(r->children[mid].child_ref, child_ref) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == r->nchildren || strcmp(r->children[lo].child_ref, child_ref) != 0) {
		ehcp_sen2_child *c = realloc(r->children, (r->nchildren + 1) * sizeof *c);
		if (!c)
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
		r->children = c;
		memmove(&c[lo + 1], &c[lo], (r->nchildren - lo) * sizeof *c);
		memset(&c[lo], 0, sizeof c[lo]);
		snprintf(c[lo].child_ref, sizeof c[lo].child_ref, "%s", child_ref);
		r->nchildren++;
	}
	ehcp_sen2_child *c = &r->children[lo];
	ehcp_sen2_request *q = realloc(c->requests, (c->nrequests + 1) * sizeof *q);
	if (!q)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	c->requests = q;
	size_t at = c->nrequests;
	while (at > 0 && request_order(&q[at - 1], req) > 0)
		at--;
	memmove(&q[at + 1], &q[at], (c->nrequests - at) * sizeof *q);
	q[at] = *req;
	c->nrequests++;
	return 0;
}

static int add_unreferenced(ehcp_sen2 *r, const char *ref)
{
	char **u = realloc(r->unreferenced, (r->nunreferenced + 1) * sizeof *u);
	if (!u)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	r->unreferenced = u;
	if (!(u[r->nunreferenced] = strdup(ref)))
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	r->nunreferenced++;
	return 0;
}

enum { C_CHILD, C_CASE, C_PLAN, C_BIRTH, C_RECEIVED, C_AD, C_ADD, C_PD, C_PDD, C_FP, C_CD, C_CR, C_EXC, C_MED,
       C_TRIB, C_TRO, C_START, C_CEASED, C_CEASE_REASON, C_TIN, C_LAST_REVIEW, C_REVIEW_IN_YEAR, C_DECISION,
       C_COUNT };

static bool has(const PGresult *res, int row, int col) { return !PQgetisnull(res, row, col); }
static const char *text(const PGresult *res, int row, int col) { return PQgetvalue(res, row, col); }
static ehcp_date day(const PGresult *res, int row, int col)
{
	return has(res, row, col) ? (ehcp_date)strtol(text(res, row, col), NULL, 10) : EHCP_DATE_NONE;
}
static bool yes(const PGresult *res, int row, int col) { return has(res, row, col) && text(res, row, col)[0] == 't'; }
static bool is(const PGresult *res, int row, int col, const char *v)
{
	return has(res, row, col) && strcmp(text(res, row, col), v) == 0;
}

/* A row of the query as SEN2's items. */
static void request_of(ehcp_sen2_request *q, const PGresult *res, int i)
{
	memset(q, 0, sizeof *q);
	q->received = q->request_outcome_date = q->assessment_outcome_date = EHCP_DATE_NONE;
	q->plan_start = q->cease_date = q->review_meeting = q->last_review = EHCP_DATE_NONE;
	q->tracker_birth = day(res, i, C_BIRTH);
	if (has(res, i, C_PLAN))
		snprintf(q->plan_ref, sizeof q->plan_ref, "%s", text(res, i, C_PLAN));
	if (has(res, i, C_CASE)) {
		snprintf(q->case_ref, sizeof q->case_ref, "%s", text(res, i, C_CASE));
		q->received = day(res, i, C_RECEIVED);
		const ehcp_date closed = day(res, i, C_CD);
		const bool refused = is(res, i, C_AD, "refuse");
		if (is(res, i, C_AD, "assess") || refused) {
			q->request_outcome = refused ? 'N' : 'Y';
			q->request_outcome_date = day(res, i, C_ADD);
		} else if (closed != EHCP_DATE_NONE) {
			q->request_outcome = 'W';
			q->request_outcome_date = closed;
		} else {
			q->request_outcome = 'A';
		}
		q->moved_away = is(res, i, C_CR, "moved_away");
		/* an order to assess after a refusal: the assessment goes on */
		q->assessment = q->request_outcome == 'Y' || (refused && is(res, i, C_TRO, "assess"));
		const bool med = yes(res, i, C_MED), trib = yes(res, i, C_TRIB);
		if (q->assessment && !refused) {
			q->assessment_mediation = med;
			q->assessment_tribunal = trib;
		} else {
			q->request_mediation = med;
			q->request_tribunal = trib;
		}
		const ehcp_date fp = day(res, i, C_FP);
		if (q->assessment) {
			if (is(res, i, C_PD, "issue") || is(res, i, C_PD, "not_issue")) {
				q->assessment_outcome = is(res, i, C_PD, "issue") ? 'Y' : 'N';
				q->assessment_outcome_date = day(res, i, C_PDD);
			} else if (fp != EHCP_DATE_NONE) {
				/* a plan issued with no decision recorded: the plan is the decision */
				q->assessment_outcome = 'Y';
				q->assessment_outcome_date = fp;
			} else if (closed != EHCP_DATE_NONE) {
				q->assessment_outcome = 'W';
				q->assessment_outcome_date = closed;
			} else {
				q->assessment_outcome = 'A';
			}
			q->week20 = yes(res, i, C_EXC);
		}
		if (fp != EHCP_DATE_NONE) {
			q->named_plan = true;
			q->plan_start = fp;
		}
	} else {
		/* a plan whose request is not in the return: historical or transferred in */
		q->request_outcome = 'H';
		q->assessment = true;
		q->assessment_outcome = 'H';
		if (has(res, i, C_CEASED)) {
			q->named_plan = true;
			q->plan_start = day(res, i, C_START);
		}
	}
	if (has(res, i, C_PLAN)) {
		q->cease_date = day(res, i, C_CEASED);
		if (has(res, i, C_CEASE_REASON) && ehcp_cease_reason_parse(&q->cease_reason, text(res, i, C_CEASE_REASON)) < 0)
			q->cease_reason = EHCP_CEASE_OTHER;   /* the table's CHECK allows only the nine */
		q->active = q->cease_date == EHCP_DATE_NONE && has(res, i, C_START);
		q->transferred_in = yes(res, i, C_TIN);
		q->last_review = day(res, i, C_LAST_REVIEW);
		q->review_meeting = day(res, i, C_REVIEW_IN_YEAR);
		q->review_outcome = is(res, i, C_DECISION, "amend")      ? 'A'
		                    : is(res, i, C_DECISION, "cease")    ? 'C'
		                    : is(res, i, C_DECISION, "maintain") ? 'M'
		                                                         : '\0';
		if (q->review_meeting == EHCP_DATE_NONE)
			q->review_outcome = '\0';   /* the outcome goes with the year's meeting */
	}
}

int ehcp_sen2_fetch(ehcp_sen2 **out, ehcp_store *s, const ehcp_sen2_options *o)
{
	if (!out || !s || !o)
		return ehcp_fail(EHCP_EINVALID, "a return needs somewhere to go, a store and its options");
	*out = NULL;
	int err = ehcp_check_version(o->version, EHCP_SEN2_OPTIONS_VERSION, "ehcp_sen2_options");
	if (err < 0)
		return err;
	ehcp_sen2 *r;
	if ((err = ehcp_sen2_new(&r, o->year)) < 0)
		return err;
	char from[EHCP_DATE_ISO_LEN], to[EHCP_DATE_ISO_LEN];
	const char *params[2] = {ehcp_date_format_iso(from, r->from), ehcp_date_format_iso(to, r->to)};
	PGresult *res = PQexecParams(s->conn, sql_sen2_return, 2, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		int code = PQstatus(s->conn) == CONNECTION_OK ? EHCP_EDB : EHCP_ECONNECT;
		ehcp_fail(code, "cannot read the return: %s", ehcp_pq_error(s->conn, res));
		PQclear(res);
		ehcp_sen2_free(r);
		return code;
	}
	if (PQnfields(res) != C_COUNT) {
		PQclear(res);
		ehcp_sen2_free(r);
		return ehcp_fail(EHCP_EDB, "the return came back in an unexpected shape");
	}
	for (int i = 0; i < PQntuples(res) && err == 0; i++) {
		ehcp_sen2_request q;
		request_of(&q, res, i);
		if (has(res, i, C_CHILD))
			err = ehcp_sen2_add(r, text(res, i, C_CHILD), &q);
		else
			err = add_unreferenced(r, q.case_ref[0] ? q.case_ref : q.plan_ref);
	}
	PQclear(res);
	if (err < 0) {
		ehcp_sen2_free(r);
		return err;
	}
	*out = r;
	return 0;
}
