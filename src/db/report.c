/* Running the reports: parameters in, a table of typed values out. */
#include <stdlib.h>
#include <string.h>

#include "core/case_internal.h"
#include "ehcp/report.h"
#include "core/errors_internal.h"
#include "db/report_sql.h"
#include "db/report_internal.h"
#include "db/store_internal.h"

/* PostgreSQL type OIDs (pg_type.h), stable across versions. */
#define BOOLOID 16
#define INT8OID 20
#define INT4OID 23
#define TEXTOID 25
#define NUMERICOID 1700
#define DATEOID 1082
#define TEXTARRAYOID 1009

static const char *const measure_names[] = {"plans", "cohort", "decisions", "advice", "backlog", "sen2", "reviews"};

const char *ehcp_report_measure_name(ehcp_report_measure m)
{
	return (unsigned)m < sizeof measure_names / sizeof measure_names[0] ? measure_names[m] : "?";
}

int ehcp_report_measure_parse(ehcp_report_measure *out, const char *s)
{
	if (!out || !s)
		return ehcp_fail(EHCP_EINVALID, "no report name to read");
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
	return ehcp_fail(EHCP_EINVALID, "\"%s\" is not a report (plans, cohort, decisions, health, backlog, sen2, reviews)", s);
}

static const char *const period_names[] = {"month", "quarter", "year"};

int ehcp_report_period_parse(ehcp_report_period *out, const char *s)
{
	if (!out || !s)
		return ehcp_fail(EHCP_EINVALID, "no period to read");
	for (size_t i = 0; i < 3; i++)
		if (strcmp(s, period_names[i]) == 0) {
			*out = (ehcp_report_period)i;
			return 0;
		}
	return ehcp_fail(EHCP_EINVALID, "\"%s\" is not month, quarter or year", s);
}

int ehcp_report_options_init(ehcp_report_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_REPORT_OPTIONS_VERSION, EHCP_REPORT_OPTIONS_INIT,
	                       "ehcp_report_options");
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
	case EHCP_REPORT_REVIEWS: break;   /* worked out in C: review_report.c */
	}
	return NULL;
}

static ehcp_value_type type_of(Oid t)
{
	switch (t) {
	case BOOLOID: return EHCP_VALUE_BOOL;
	case INT4OID:
	case INT8OID: return EHCP_VALUE_INT;
	case NUMERICOID: return EHCP_VALUE_NUMBER;
	case DATEOID: return EHCP_VALUE_DATE;
	default: return EHCP_VALUE_TEXT;
	}
}

/* A cell of PostgreSQL's text output as a typed value (texts copied). */
static int value_of(ehcp_value *v, ehcp_value_type t, const char *s)
{
	*v = (ehcp_value){.type = t};
	switch (t) {
	case EHCP_VALUE_BOOL: v->i = s[0] == 't'; return 0;
	case EHCP_VALUE_INT: v->i = strtoll(s, NULL, 10); return 0;
	case EHCP_VALUE_DATE:
		return ehcp_date_parse_iso(&v->date, s, strlen(s), NULL, 0) < 0
		           ? ehcp_fail(EHCP_EDB, "the report gave \"%.20s\" for a date", s)
		           : 0;
	case EHCP_VALUE_NUMBER: {
		/* exactly as the server rounded it: digits and a point */
		const char *p = s;
		bool neg = *p == '-';
		p += neg || *p == '+';
		int64_t n = 0;
		int scale = -1;
		for (; *p; p++) {
			if (*p == '.' && scale < 0)
				scale = 0;
			else if (*p >= '0' && *p <= '9' && n < INT64_MAX / 10 - 9 && scale < 18)
				n = n * 10 + (*p - '0'), scale += scale >= 0;
			else   /* not a number, or more digits than an exact int64 holds */
				return ehcp_fail(EHCP_EDB, "the report gave \"%.20s\" for a number", s);
		}
		v->i = neg ? -n : n;
		v->scale = scale < 0 ? 0 : scale;
		return 0;
	}
	case EHCP_VALUE_TEXT:
		if (!(v->text = strdup(s)))
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
		return 0;
	}
	return 0;
}

/* SEN2 is a return for one calendar year. */
static bool calendar_year(ehcp_date from, ehcp_date to)
{
	int y1, y2, m1, m2, d1, d2;
	ehcp_date_to_ymd(from, &y1, &m1, &d1);
	ehcp_date_to_ymd(to, &y2, &m2, &d2);
	return y1 == y2 && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31;
}

ehcp_report *ehcp_report_new(const ehcp_report_options *o, ehcp_date on, size_t ncols, size_t nrows)
{
	ehcp_report *r = calloc(1, sizeof *r);
	if (!r || !(r->columns = calloc(ncols + 1, sizeof *r->columns)) ||
	    !(r->values = calloc(ncols * nrows + 1, sizeof *r->values))) {
		ehcp_report_free(r);
		ehcp_fail(EHCP_ENOMEM, "out of memory");
		return NULL;
	}
	r->ncols = ncols;
	r->measure = o->measure;
	r->body = o->body;
	r->from = o->from;
	r->to = o->to;
	r->as_of = on;
	r->cases = o->cases;
	return r;
}

int ehcp_report_run(ehcp_report **out, ehcp_store *s, const ehcp_report_options *o)
{
	if (!out || !s || !o)
		return ehcp_fail(EHCP_EINVALID, "a report needs somewhere to go, a store and its options");
	*out = NULL;
	int verr = ehcp_check_version(o->version, EHCP_REPORT_OPTIONS_VERSION, "ehcp_report_options");
	if (verr < 0)
		return verr;
	if (o->from == EHCP_DATE_NONE || o->to == EHCP_DATE_NONE)
		return ehcp_fail(EHCP_EINVALID, "a report needs the first and last day (--from and --to)");
	if (o->from > o->to)
		return ehcp_fail(EHCP_EINVALID, "the report's range ends before it starts");
	const unsigned new_plans = (1u << EHCP_REQUEST_INITIAL) | (1u << EHCP_REQUEST_TRANSFER_IN);
	if (o->measure == EHCP_REPORT_SEN2 && !calendar_year(o->from, o->to))
		return ehcp_fail(EHCP_EINVALID, "sen2 covers one calendar year, 1 January to 31 December");
	if (o->measure == EHCP_REPORT_SEN2 && o->types && o->types != new_plans)
		return ehcp_fail(EHCP_EINVALID, "sen2 counts new plans only (initial and transfer_in requests)");
	char from[EHCP_DATE_ISO_LEN], to[EHCP_DATE_ISO_LEN], as_of[EHCP_DATE_ISO_LEN], types[64];
	static const char *const units[] = {"month", "quarter", "year"};
	/* By default new plans (initial, transfer_in); decisions, every type,
	 * since re-assessment decisions have a column of their own. */
	const unsigned all = (1u << EHCP_REQUEST_INITIAL) | (1u << EHCP_REQUEST_REASSESSMENT) |
	                     (1u << EHCP_REQUEST_TRANSFER_IN);
	if (o->types & ~all)
		return ehcp_fail(EHCP_EINVALID, "the report's request types are not initial, reassessment or transfer_in");
	unsigned mask = o->types                               ? o->types
	                : o->measure == EHCP_REPORT_DECISIONS ? all
	                                                       : all & ~(1u << EHCP_REQUEST_REASSESSMENT);
	/* the day is read once: the label says the day the figures are for */
	const ehcp_date on = o->as_of != EHCP_DATE_NONE ? o->as_of : ehcp_date_today();
	if (o->measure == EHCP_REPORT_REVIEWS)
		return ehcp_review_report_run(out, s, o, on);
	const char *sql = query_for(o);
	if (!sql)
		return ehcp_fail(EHCP_EINVALID, "no such report");
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
	    ehcp_date_format_iso(from, o->from), ehcp_date_format_iso(to, o->to), ehcp_date_format_iso(as_of, on),
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

	size_t nc = (size_t)PQnfields(res), nr = (size_t)PQntuples(res);
	ehcp_report *r = ehcp_report_new(o, on, nc, nr);
	if (!r) {
		PQclear(res);
		return EHCP_ENOMEM;
	}
	int err = 0;
	for (size_t c = 0; c < nc && err == 0; c++) {
		r->columns[c].name = strdup(PQfname(res, (int)c));
		r->columns[c].type = type_of(PQftype(res, (int)c));
		if (!r->columns[c].name)
			err = ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < nr && err == 0; i++) {
		r->nrows = i + 1;   /* so that a failure frees what was copied */
		for (size_t c = 0; c < nc && err == 0; c++) {
			ehcp_value *v = &r->values[i * nc + c];
			if (PQgetisnull(res, (int)i, (int)c))
				*v = (ehcp_value){.type = r->columns[c].type, .null = true};
			else
				err = value_of(v, r->columns[c].type, PQgetvalue(res, (int)i, (int)c));
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
	for (size_t c = 0; r->columns && c < r->ncols; c++)
		free(r->columns[c].name);
	for (size_t i = 0; r->values && i < r->ncols * r->nrows; i++)
		if (r->values[i].type == EHCP_VALUE_TEXT)
			free((char *)r->values[i].text);
	free(r->columns);
	free(r->values);
	free(r);
}

const ehcp_value *ehcp_report_value(const ehcp_report *r, size_t row, const char *column)
{
	if (!r || row >= r->nrows || !column)
		return NULL;
	for (size_t c = 0; c < r->ncols; c++)
		if (strcmp(r->columns[c].name, column) == 0)
			return &r->values[row * r->ncols + c];
	return NULL;
}
