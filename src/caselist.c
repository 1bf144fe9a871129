/* The weekly case list and caseloads, queried through the SQL clock. */
#include <stdlib.h>
#include <string.h>

#include "case_internal.h"
#include "ehcp/caselist.h"
#include "errors_internal.h"
#include "store_internal.h"

/* The filters shared by the list and the caseloads; $1 as-of, $2 nearing,
 * $3 include ended, $4 caseworker, $5 statuses, $6 stage, $7 due within,
 * $8 backlog, $9/$10 received between. */
#define CASELIST_FROM                                                                              \
	" FROM ehcp_request r CROSS JOIN LATERAL ehcp_case_state(r, $1::date, $2::int) v"          \
	" WHERE r.request_date <= $1::date"                                                        \
	" AND ($3::boolean OR (v.status IN ('overdue', 'nearing', 'on_track')"                     \
	/* the same test on the row alone, so that the scan drops ended */                        \
	/* requests before the clock is worked out for them */                                    \
	"  AND coalesce(r.final_plan_date > $1::date, true)"                                       \
	"  AND coalesce(r.closed_date > $1::date, true)"                                           \
	"  AND NOT coalesce(r.assessment_decision = 'refuse' AND r.assessment_decision_date <= $1::date, false)" \
	"  AND NOT coalesce(r.plan_decision = 'not_issue' AND r.plan_decision_date <= $1::date, false)))" \
	" AND ($4::text IS NULL OR r.caseworker = $4::text)"                                       \
	" AND ($5::text[] IS NULL OR v.status = ANY ($5::text[]))"                                 \
	" AND ($6::text IS NULL OR v.stage = $6::text)"                                            \
	" AND ($7::int IS NULL OR v.days_left <= $7::int)"                                         \
	" AND (NOT $8::boolean OR (v.status IN ('overdue', 'nearing', 'on_track')"                 \
	"      AND $1::date > r.request_date + ehcp_final_limit(r.request_type)))"                 \
	" AND ($9::date IS NULL OR r.request_date >= $9::date)"                                    \
	" AND ($10::date IS NULL OR r.request_date <= $10::date)"

static const char sql_list[] =
	"SELECT r.case_ref, coalesce(r.caseworker, ''), r.request_type, r.request_date, v.elapsed_days, v.stage,"
	" v.status, coalesce(v.due_kind, ''), v.due_date, v.days_left, v.exception"
	CASELIST_FROM
	" ORDER BY v.days_left NULLS LAST, r.request_date, r.case_ref COLLATE \"C\"";

static const char sql_caseload[] =
	"SELECT coalesce(r.caseworker, ''), count(*), count(*) FILTER (WHERE v.status = 'overdue'),"
	" count(*) FILTER (WHERE v.status = 'nearing'), max(v.elapsed_days)"
	CASELIST_FROM
	" AND v.status IN ('overdue', 'nearing', 'on_track')"
	" GROUP BY 1 ORDER BY coalesce(r.caseworker, '') COLLATE \"C\"";

#define N_PARAMS 10

typedef struct {
	const char *v[N_PARAMS];
	char as_of[EHCP_DATE_ISO_LEN], nearing[12], statuses[160], stage[32], within[12];
	char from[EHCP_DATE_ISO_LEN], to[EHCP_DATE_ISO_LEN];
	ehcp_date on;
} params;

static int build_params(params *p, const ehcp_caselist_options *o)
{
	memset(p, 0, sizeof *p);
	p->on = o->as_of != EHCP_DATE_NONE ? o->as_of : ehcp_today();
	p->v[0] = ehcp_date_format_iso(p->as_of, p->on);
	snprintf(p->nearing, sizeof p->nearing, "%d", o->nearing_days >= 0 ? o->nearing_days : EHCP_DAYS_NEARING_DEFAULT);
	p->v[1] = p->nearing;
	p->v[2] = o->include_ended ? "true" : "false";
	p->v[3] = o->caseworker;
	if (o->statuses) {
		/* a text[] literal of status names: fixed identifiers only */
		strcpy(p->statuses, "{");
		for (int s = EHCP_STATUS_ON_TRACK; s <= EHCP_STATUS_ENDED; s++) {
			if (o->statuses & (1u << s)) {
				if (p->statuses[1])
					strcat(p->statuses, ",");
				strcat(p->statuses, ehcp_status_name((ehcp_status)s));
			}
		}
		strcat(p->statuses, "}");
		p->v[4] = p->statuses;
	}
	if (o->stage >= 0) {
		if (o->stage >= EHCP_STAGE_COUNT)
			return ehcp_fail(EHCP_EINVALID, "no such stage");
		snprintf(p->stage, sizeof p->stage, "%s", ehcp_stage_name((ehcp_stage)o->stage));
		p->v[5] = p->stage;
	}
	if (o->due_within >= 0) {
		snprintf(p->within, sizeof p->within, "%d", o->due_within);
		p->v[6] = p->within;
	}
	p->v[7] = o->backlog ? "true" : "false";
	if (o->received_from != EHCP_DATE_NONE)
		p->v[8] = ehcp_date_format_iso(p->from, o->received_from);
	if (o->received_to != EHCP_DATE_NONE)
		p->v[9] = ehcp_date_format_iso(p->to, o->received_to);
	return 0;
}

static ehcp_date date_of(PGresult *res, int row, int col)
{
	ehcp_date d = EHCP_DATE_NONE;
	if (!PQgetisnull(res, row, col))
		ehcp_date_parse_iso(&d, PQgetvalue(res, row, col), (size_t)PQgetlength(res, row, col), NULL, 0);
	return d;
}

/* Runs the list's or the caseloads' query for the options. */
static int query(PGresult **res, ehcp_store *s, const char *what, const char *sql, const ehcp_caselist_options *opts,
                 params *p)
{
	ehcp_caselist_options defaults = EHCP_CASELIST_OPTIONS_INIT;
	int err = build_params(p, opts ? opts : &defaults);
	if (err < 0)
		return err;
	*res = ehcp_sql(s->conn, what, sql, N_PARAMS, p->v, PGRES_TUPLES_OK);
	return *res ? 0 : EHCP_EDB;
}

int ehcp_caselist_get(ehcp_caselist **out, ehcp_store *s, const ehcp_caselist_options *opts)
{
	params p;
	PGresult *res;
	int err = query(&res, s, "cannot list the cases", sql_list, opts, &p);
	if (err < 0)
		return err;
	size_t n = (size_t)PQntuples(res);
	ehcp_caselist *l = calloc(1, sizeof *l);
	if (!l || !(l->rows = calloc(n + 1, sizeof *l->rows))) {
		free(l);
		PQclear(res);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	l->as_of = p.on;
	for (size_t i = 0; i < n; i++) {
		ehcp_caselist_row *r = &l->rows[i];
		int row = (int)i;
		snprintf(r->case_ref, sizeof r->case_ref, "%s", PQgetvalue(res, row, 0));
		snprintf(r->caseworker, sizeof r->caseworker, "%s", PQgetvalue(res, row, 1));
		ehcp_request_type_parse(&r->type, PQgetvalue(res, row, 2));
		r->request = date_of(res, row, 3);
		r->elapsed_days = atoi(PQgetvalue(res, row, 4));
		ehcp_stage st = EHCP_STAGE_AWAITING_DECISION;
		ehcp_stage_parse(&st, PQgetvalue(res, row, 5));
		r->stage = st;
		ehcp_status_parse(&r->status, PQgetvalue(res, row, 6));
		r->due_kind = EHCP_DEADLINE_COUNT;
		for (int k = 0; k < EHCP_DEADLINE_COUNT; k++)
			if (strcmp(PQgetvalue(res, row, 7), ehcp_deadline_name((ehcp_deadline_kind)k)) == 0)
				r->due_kind = (ehcp_deadline_kind)k;
		r->due = date_of(res, row, 8);
		r->days_left = PQgetisnull(res, row, 9) ? 0 : atoi(PQgetvalue(res, row, 9));
		r->exception = PQgetvalue(res, row, 10)[0] == 't';
	}
	l->count = n;
	PQclear(res);
	*out = l;
	return 0;
}

void ehcp_caselist_free(ehcp_caselist *l)
{
	if (!l)
		return;
	free(l->rows);
	free(l);
}

int ehcp_caseload_get(ehcp_caseload **out, ehcp_store *s, const ehcp_caselist_options *opts)
{
	params p;
	PGresult *res;
	int err = query(&res, s, "cannot summarise the caseloads", sql_caseload, opts, &p);
	if (err < 0)
		return err;
	size_t n = (size_t)PQntuples(res);
	ehcp_caseload *l = calloc(1, sizeof *l);
	if (!l || !(l->rows = calloc(n + 1, sizeof *l->rows))) {
		free(l);
		PQclear(res);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	l->as_of = p.on;
	for (size_t i = 0; i < n; i++) {
		ehcp_caseload_row *r = &l->rows[i];
		snprintf(r->caseworker, sizeof r->caseworker, "%s", PQgetvalue(res, (int)i, 0));
		r->open = atoi(PQgetvalue(res, (int)i, 1));
		r->overdue = atoi(PQgetvalue(res, (int)i, 2));
		r->nearing = atoi(PQgetvalue(res, (int)i, 3));
		r->oldest_days = atoi(PQgetvalue(res, (int)i, 4));
	}
	l->count = n;
	PQclear(res);
	*out = l;
	return 0;
}

void ehcp_caseload_free(ehcp_caseload *l)
{
	if (!l)
		return;
	free(l->rows);
	free(l);
}
