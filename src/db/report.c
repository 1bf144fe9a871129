/* Running the reports: parameters in, a typed table of text out. */
#include <stdlib.h>
#include <string.h>

#include "core/case_internal.h"
#include "ehcp/report.h"
#include "core/errors_internal.h"
#include "db/report_sql.h"
#include "db/store_internal.h"

/* PostgreSQL type OIDs (pg_type.h), stable across versions. */
#define BOOLOID 16
#define INT8OID 20
#define INT4OID 23
#define TEXTOID 25
#define NUMERICOID 1700
#define DATEOID 1082
#define TEXTARRAYOID 1009

static const char *const measure_names[] = {"plans", "cohort", "decisions", "advice", "backlog", "sen2"};

const char *ehcp_report_measure_name(ehcp_report_measure m)
{
	return (unsigned)m < sizeof measure_names / sizeof measure_names[0] ? measure_names[m] : "?";
}

int ehcp_report_measure_parse(ehcp_report_measure *out, const char *s)
{
	for (size_t i = 0; i < sizeof measure_names / sizeof measure_names[0]; i++) {
		if (strcmp(s, measure_names[i]) == 0) {
			*out = (ehcp_report_measure)i;
			return 0;
		}
	}
	/* "health" is the advice report for health, as people ask for it */
	if (strcmp(s, "health") == 0) {
		*out = EHCP_REPORT_ADVICE;
		return 0;
	}
	return EHCP_EINVALID;
}

static const char *query_for(const ehcp_report_options *o)
{
	static const char *const advice[3][2] = {
	    {sql_health, sql_health_cases}, {sql_social_care, sql_social_care_cases}, {sql_ep, sql_ep_cases}};
	const int c = o->cases ? 1 : 0;
	switch (o->measure) {
	case EHCP_REPORT_PLANS: return c ? sql_plans_cases : sql_plans;
	case EHCP_REPORT_COHORT: return c ? sql_cohort_cases : sql_cohort;
	case EHCP_REPORT_DECISIONS: return c ? sql_decisions_cases : sql_decisions;
	case EHCP_REPORT_ADVICE:
		return (unsigned)o->body < EHCP_ADVICE_COUNT ? advice[o->body][c] : NULL;
	case EHCP_REPORT_BACKLOG: return c ? sql_backlog_cases : sql_backlog;
	case EHCP_REPORT_SEN2: return c ? sql_sen2_cases : sql_sen2;
	}
	return NULL;
}

static ehcp_report_type type_of(Oid t)
{
	switch (t) {
	case BOOLOID: return EHCP_REPORT_BOOL;
	case INT4OID:
	case INT8OID: return EHCP_REPORT_INT;
	case NUMERICOID: return EHCP_REPORT_NUMBER;
	case DATEOID: return EHCP_REPORT_DATE;
	default: return EHCP_REPORT_TEXT;
	}
}

int ehcp_report_run(ehcp_report **out, ehcp_store *s, const ehcp_report_options *o)
{
	if (o->from == EHCP_DATE_NONE || o->to == EHCP_DATE_NONE)
		return ehcp_fail(EHCP_EINVALID, "a report needs the first and last day (--from and --to)");
	if (o->from > o->to)
		return ehcp_fail(EHCP_EINVALID, "the report's range ends before it starts");
	const char *sql = query_for(o);
	if (!sql)
		return ehcp_fail(EHCP_EINVALID, "no such report");

	char from[EHCP_DATE_ISO_LEN], to[EHCP_DATE_ISO_LEN], as_of[EHCP_DATE_ISO_LEN], types[64];
	static const char *const units[] = {"month", "quarter", "year"};
	/* By default new plans (initial, transfer_in); decisions, every type,
	 * since re-assessment decisions have a column of their own. */
	const unsigned all = (1u << EHCP_REQUEST_INITIAL) | (1u << EHCP_REQUEST_REASSESSMENT) |
	                     (1u << EHCP_REQUEST_TRANSFER_IN);
	unsigned mask = o->types                               ? o->types
	                : o->measure == EHCP_REPORT_DECISIONS ? all
	                                                       : all & ~(1u << EHCP_REQUEST_REASSESSMENT);
	strcpy(types, "{");
	for (int t = EHCP_REQUEST_INITIAL; t <= EHCP_REQUEST_TRANSFER_IN; t++) {
		if (mask & (1u << t)) {
			if (types[1])
				strcat(types, ",");
			strcat(types, ehcp_request_type_name((ehcp_request_type)t));
		}
	}
	strcat(types, "}");
	const char *params[5] = {
	    ehcp_date_format_iso(from, o->from), ehcp_date_format_iso(to, o->to),
	    ehcp_date_format_iso(as_of, o->as_of != EHCP_DATE_NONE ? o->as_of : ehcp_date_today()),
	    units[(unsigned)o->by < 3 ? o->by : 0], types};
	/* Typed, so that a query may leave a parameter unused. */
	static const Oid ptypes[5] = {DATEOID, DATEOID, DATEOID, TEXTOID, TEXTARRAYOID};
	PGresult *res = PQexecParams(s->conn, sql, 5, ptypes, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		int code = PQstatus(s->conn) == CONNECTION_OK ? EHCP_EDB : EHCP_ECONNECT;
		ehcp_fail(code, "cannot run the report: %s", ehcp_pq_error(s->conn, res));
		PQclear(res);
		return code;
	}

	ehcp_report *r = calloc(1, sizeof *r);
	size_t nc = (size_t)PQnfields(res), nr = (size_t)PQntuples(res);
	if (!r || !(r->names = calloc(nc, sizeof *r->names)) || !(r->types = calloc(nc, sizeof *r->types)) ||
	    !(r->cells = calloc(nc * nr + 1, sizeof *r->cells))) {
		ehcp_report_free(r);
		PQclear(res);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	r->ncols = nc;
	r->nrows = nr;
	int err = 0;
	for (size_t c = 0; c < nc && err == 0; c++) {
		r->names[c] = strdup(PQfname(res, (int)c));
		r->types[c] = type_of(PQftype(res, (int)c));
		if (!r->names[c])
			err = ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < nr && err == 0; i++) {
		for (size_t c = 0; c < nc; c++) {
			const char *v = PQgetisnull(res, (int)i, (int)c) ? "" : PQgetvalue(res, (int)i, (int)c);
			if (!(r->cells[i * nc + c] = strdup(v))) {
				err = ehcp_fail(EHCP_ENOMEM, "out of memory");
				break;
			}
		}
	}
	PQclear(res);
	if (err < 0) {
		ehcp_report_free(r);
		return err;
	}
	*out = r;
	return 0;
}

void ehcp_report_free(ehcp_report *r)
{
	if (!r)
		return;
	for (size_t c = 0; r->names && c < r->ncols; c++)
		free(r->names[c]);
	for (size_t i = 0; r->cells && i < r->ncols * r->nrows; i++)
		free(r->cells[i]);
	free(r->names);
	free(r->types);
	free(r->cells);
	free(r);
}

const char *ehcp_report_cell(const ehcp_report *r, size_t row, const char *column)
{
	if (row >= r->nrows)
		return NULL;
	for (size_t c = 0; c < r->ncols; c++)
		if (strcmp(r->names[c], column) == 0)
			return r->cells[row * r->ncols + c];
	return NULL;
}
