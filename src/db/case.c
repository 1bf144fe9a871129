/* The case store: requests and their milestones in PostgreSQL. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#include "db/case_sql.h"
#include "core/case_internal.h"
#include "core/errors_internal.h"
#include "db/store_internal.h"
#include "sys/uuid7.h"

#define N_PARAMS 30 /* id, the tracker's columns, exception_note */

int ehcp_write_options_init(ehcp_write_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_WRITE_OPTIONS_VERSION, EHCP_WRITE_OPTIONS_INIT, "ehcp_write_options");
}

int ehcp_case_filter_init(ehcp_case_filter *f, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(f, version, EHCP_CASE_FILTER_VERSION, EHCP_CASE_FILTER_INIT, "ehcp_case_filter");
}

/* NULL is the defaults; anything else must be this library's version. */
/* A row of EHCP_CASE_COLUMNS, version into a case. */
static int case_from_row(ehcp_case **out, PGresult *res, int row)
{
	ehcp_case *c;
	int err = ehcp_case_new(&c);
	if (err < 0)
		return err;
	snprintf(c->id, sizeof c->id, "%s", PQgetvalue(res, row, 0));
	for (int f = 0; ehcp_case_fields[f] && err == 0; f++) {
		if (PQgetisnull(res, row, f + 1))
			continue;
		const char *v = PQgetvalue(res, row, f + 1);
		err = ehcp_case_set_field_at(c, f, v, strlen(v));
	}
	if (err < 0) {
		ehcp_case_free(c);
		/* The database holds something the library cannot read. */
		return ehcp_fail(EHCP_EDB, "a stored case cannot be read: %s", ehcp_error_last());
	}
	c->version = atoi(PQgetvalue(res, row, N_PARAMS));
	*out = c;
	return 0;
}

/* The parameters for INSERT/UPDATE: text of each column, NULL when empty.
 * `bufs` holds the formatted dates. */
static void case_params(const ehcp_case *c, const char *params[N_PARAMS + 1], char bufs[N_PARAMS][EHCP_FIELD_TEXT_MAX],
                        char *version)
{
	params[0] = c->id;
	for (int f = 0; ehcp_case_fields[f]; f++) {
		const char *v = ehcp_case_get_field_at(c, f, bufs[f]);
		params[f + 1] = v[0] ? v : NULL;
	}
	snprintf(version, 16, "%d", c->version);
	params[N_PARAMS] = version;
}

static int sql_error(PGconn *conn, PGresult *res, const char *what, const char *case_ref)
{
	const char *state = ehcp_sql_state(res);
	if (strcmp(state, "23505") == 0)
		return ehcp_fail(EHCP_ECONFLICT, "case %s exists already", case_ref);
	if (strcmp(state, "23514") == 0 || strcmp(state, "23502") == 0) {
		const char *constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
		return ehcp_fail(EHCP_EINVALID, "the database refused case %s (%s)", case_ref,
		                 constraint ? constraint : "a constraint");
	}
	return ehcp_fail(PQstatus(conn) == CONNECTION_OK ? EHCP_EDB : EHCP_ECONNECT, "%s: %s", what,
	                 ehcp_pq_error(conn, res));
}

int ehcp_case_create(ehcp_case **out, ehcp_store *s, const ehcp_case *in, const ehcp_write_options *opts)
{
	int err = ehcp_write_options_check(opts);
	if (err < 0)
		return err;
	if (!s || !in)
		return ehcp_fail(EHCP_EINVALID, "a new case needs a store and the case");
	ehcp_case *c;
	err = ehcp_case_new(&c);
	if (err < 0)
		return err;
	*c = *in;
	c->exception_note = in->exception_note ? strdup(in->exception_note) : NULL;
	if (in->exception_note && !c->exception_note) {
		free(c);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	ehcp_uuid_v7(c->id);
	c->version = 1;

	if ((err = ehcp_case_validate(c, ehcp_write_today(opts))) < 0)
		goto out;

	const char *params[N_PARAMS + 1];
	char bufs[N_PARAMS][EHCP_FIELD_TEXT_MAX];
	char version[16];
	case_params(c, params, bufs, version);
	if ((err = ehcp_sql_begin(s)) < 0)
		goto out;
	PGresult *res = PQexecParams(s->conn, EHCP_SQL_CASE_INSERT, N_PARAMS, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		err = sql_error(s->conn, res, "cannot store the case", c->case_ref);
		PQclear(res);
		ehcp_sql_rollback(s);
		goto out;
	}
	PQclear(res);
	err = ehcp_sql_commit(s);
out:
	if (err == 0 && out)
		*out = c;
	else
		ehcp_case_free(c);
	return err;
}

/* Reads a case; `lock` takes its row lock (inside a transaction). */
static int fetch(ehcp_case **out, ehcp_store *s, const char *case_ref, bool lock)
{
	const char *params[1] = {case_ref};
	PGresult *res = ehcp_sql(s->conn, "cannot read the case", lock ? EHCP_SQL_CASE_LOCK : EHCP_SQL_CASE_BY_REF, 1,
	                         params, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	int err;
	if (PQntuples(res) == 0)
		err = ehcp_fail(EHCP_ENOTFOUND, "no case %s", case_ref);
	else
		err = case_from_row(out, res, 0);
	PQclear(res);
	return err;
}


int ehcp_case_apply(ehcp_store *s, const char *case_ref, const ehcp_change *changes, size_t n,
                    const ehcp_write_options *opts)
{
	ehcp_case *c = NULL;
	int err = ehcp_write_options_check(opts);
	if (err < 0)
		return err;
	if (!s || !case_ref || (n && !changes))
		return ehcp_fail(EHCP_EINVALID, "a change needs a store, a case reference and the changes");
	err = ehcp_sql_begin(s);
	if (err < 0)
		return err;
	if ((err = fetch(&c, s, case_ref, true)) < 0)
		goto out;
	if (opts && opts->expected_version > 0 && opts->expected_version != c->version) {
		err = ehcp_fail(EHCP_ECONFLICT,
		                "case %s has changed since version %d (it is now version %d): look at it again and retry",
		                case_ref, opts->expected_version, c->version);
		goto out;
	}

	ehcp_problems probs = EHCP_PROBLEMS_INIT;
	for (size_t i = 0; i < n; i++) {
		const ehcp_change *ch = &changes[i];
		char buf[EHCP_FIELD_TEXT_MAX];
		if (ehcp_case_field_index(ch->field) < 0) {
			ehcp_problem_add(&probs, EHCP_EINVALID, "unknown field \"%.40s\"", ch->field);
			continue;
		}
		if (strcmp(ch->field, "case_ref") == 0 && ch->mode == EHCP_CHANGE_CLEAR) {
			ehcp_problem_add(&probs, EHCP_EINVALID, "case_ref: required");
			continue;
		}
		const char *now = ehcp_case_get_field(c, ch->field, buf);
		if (ch->mode == EHCP_CHANGE_RECORD && now[0]) {
			/* a child's details and the free-text note are never echoed */
			ehcp_problem_add(&probs, EHCP_ECONFLICT, "%s is already recorded (%s): use correct to change it", ch->field,
			        strcmp(ch->field, "exception_note") == 0         ? "a note"
			        : ehcp_case_field_identifies_child(ch->field) ? "not shown"
			                                                      : now);
			continue;
		}
		if (ch->mode == EHCP_CHANGE_CORRECT && !now[0]) {
			ehcp_problem_add(&probs, EHCP_EINVALID, "%s has nothing recorded to correct: use record", ch->field);
			continue;
		}
		const char *v = ch->mode == EHCP_CHANGE_CLEAR ? "" : (ch->value ? ch->value : "");
		if (ehcp_case_set_field(c, ch->field, v, strlen(v)) < 0)
			ehcp_problem_add(&probs, EHCP_EINVALID, "%s", ehcp_error_last());
	}
	if (probs.count) {
		err = ehcp_fail(probs.code, "%s", probs.text);
		goto out;
	}
	if ((err = ehcp_case_validate(c, ehcp_write_today(opts))) < 0)
		goto out;

	const char *params[N_PARAMS + 1];
	char bufs[N_PARAMS][EHCP_FIELD_TEXT_MAX];
	char version[16];
	case_params(c, params, bufs, version);
	PGresult *res = PQexecParams(s->conn, EHCP_SQL_CASE_UPDATE, N_PARAMS + 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		err = sql_error(s->conn, res, "cannot update the case", case_ref);
	} else if (strcmp(PQcmdTuples(res), "1") != 0) {
		/* Cannot happen under the row lock; kept as a guard. */
		err = ehcp_fail(EHCP_ECONFLICT, "case %s changed while it was being updated: retry", case_ref);
	}
	PQclear(res);
	if (err == 0)
		err = ehcp_sql_commit(s);
out:
	if (err < 0)
		ehcp_sql_rollback(s);
	ehcp_case_free(c);
	return err;
}

static int apply_one(ehcp_store *s, const char *ref, const char *field, const char *value, ehcp_change_mode mode,
                     const ehcp_write_options *o)
{
	ehcp_change ch = {field, value, mode};
	return ehcp_case_apply(s, ref, &ch, 1, o);
}

int ehcp_case_record(ehcp_store *s, const char *ref, const char *field, const char *value, const ehcp_write_options *o)
{
	return apply_one(s, ref, field, value, EHCP_CHANGE_RECORD, o);
}

int ehcp_case_correct(ehcp_store *s, const char *ref, const char *field, const char *value, const ehcp_write_options *o)
{
	return apply_one(s, ref, field, value, EHCP_CHANGE_CORRECT, o);
}

int ehcp_case_clear(ehcp_store *s, const char *ref, const char *field, const ehcp_write_options *o)
{
	return apply_one(s, ref, field, NULL, EHCP_CHANGE_CLEAR, o);
}

int ehcp_case_set_exception(ehcp_store *s, const char *ref, ehcp_exception e, const char *note, const ehcp_write_options *o)
{
	ehcp_change ch[2] = {
	    {"exception", ehcp_exception_name(e), EHCP_CHANGE_SET},
	    {"exception_note", e == EHCP_EXCEPTION_NONE ? "" : (note ? note : ""), EHCP_CHANGE_SET},
	};
	return ehcp_case_apply(s, ref, ch, 2, o);
}

int ehcp_case_close(ehcp_store *s, const char *ref, ehcp_date date, ehcp_closed_reason reason, const ehcp_write_options *o)
{
	char d[EHCP_DATE_ISO_LEN];
	ehcp_change ch[2] = {
	    {"closed_date", ehcp_date_format_iso(d, date), EHCP_CHANGE_RECORD},
	    {"closed_reason", ehcp_closed_reason_name(reason), EHCP_CHANGE_RECORD},
	};
	return ehcp_case_apply(s, ref, ch, 2, o);
}

static void compute_view(ehcp_case *c, ehcp_date on)
{
	ehcp_case_dates as_of;
	ehcp_clock_as_of(&as_of, &c->dates, on);
	ehcp_clock_deadlines(c->deadlines, &as_of);
	ehcp_clock_view_on(&c->view, &c->dates, on, EHCP_DAYS_NEARING_DEFAULT);
	c->on = on;
}

int ehcp_case_lookup(ehcp_case **out, ehcp_store *s, const char *case_ref, ehcp_date on)
{
	if (!out || !s || !case_ref)
		return ehcp_fail(EHCP_EINVALID, "a lookup needs somewhere to go, a store and a case reference");
	ehcp_case *c = NULL;
	int err = fetch(&c, s, case_ref, false);
	if (err < 0)
		return err;
	compute_view(c, on == EHCP_DATE_NONE ? ehcp_date_today() : on);
	*out = c;
	return 0;
}

int ehcp_case_list_get(ehcp_case_list **out, ehcp_store *s, const ehcp_case_filter *f, ehcp_date on)
{
	ehcp_case_filter none = EHCP_CASE_FILTER_INIT;
	if (!f)
		f = &none;
	int verr = ehcp_check_version(f->version, EHCP_CASE_FILTER_VERSION, "ehcp_case_filter");
	if (verr < 0)
		return verr;
	if (!out || !s)
		return ehcp_fail(EHCP_EINVALID, "a list of cases needs somewhere to go and a store");
	if (on == EHCP_DATE_NONE)
		on = ehcp_date_today();
	char from[EHCP_DATE_ISO_LEN], to[EHCP_DATE_ISO_LEN], ons[EHCP_DATE_ISO_LEN];
	const char *params[5] = {f->caseworker,
	                         f->received_from == EHCP_DATE_NONE ? NULL : ehcp_date_format_iso(from, f->received_from),
	                         f->received_to == EHCP_DATE_NONE ? NULL : ehcp_date_format_iso(to, f->received_to),
	                         ehcp_date_format_iso(ons, on), f->open_only ? "true" : "false"};
	PGresult *res = ehcp_sql(s->conn, "cannot list cases", EHCP_SQL_CASE_LIST, 5, params, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	ehcp_case_list *l = calloc(1, sizeof *l);
	int rows = PQntuples(res);
	if (!l || !(l->cases = calloc((size_t)rows + 1, sizeof *l->cases))) {
		free(l);
		PQclear(res);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	l->on = on;
	int err = 0;
	for (int i = 0; i < rows && err == 0; i++) {
		ehcp_case *c;
		if ((err = case_from_row(&c, res, i)) < 0)
			break;
		compute_view(c, on);
		bool open = c->view.status != EHCP_STATUS_DONE_IN_TIME && c->view.status != EHCP_STATUS_DONE_LATE &&
		            c->view.status != EHCP_STATUS_ENDED && c->dates.request <= on;
		if (f->open_only && !open)
			ehcp_case_free(c);
		else
			l->cases[l->count++] = c;
	}
	PQclear(res);
	if (err < 0) {
		ehcp_case_list_free(l);
		return err;
	}
	*out = l;
	return 0;
}

void ehcp_case_list_free(ehcp_case_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++)
		ehcp_case_free(l->cases[i]);
	free(l->cases);
	free(l);
}

int ehcp_case_history(ehcp_history **out, ehcp_store *s, const char *case_ref)
{
	if (!out || !s || !case_ref)
		return ehcp_fail(EHCP_EINVALID, "a history needs somewhere to go, a store and a case reference");
	ehcp_case *c = NULL;
	int err = fetch(&c, s, case_ref, false);
	if (err < 0)
		return err;
	ehcp_case_free(c);
	return ehcp_history_read(out, s, EHCP_SQL_CASE_HISTORY, case_ref);
}

static char *dup_or_null(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : strdup(PQgetvalue(res, row, col));
}

int ehcp_history_read(ehcp_history **out, ehcp_store *s, const char *sql, const char *param)
{
	const char *params[1] = {param};
	PGresult *res = ehcp_sql(s->conn, "cannot read the history", sql, 1, params, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	int rows = PQntuples(res);
	ehcp_history *h = calloc(1, sizeof *h);
	if (!h || !(h->entries = calloc((size_t)rows + 1, sizeof *h->entries))) {
		free(h);
		PQclear(res);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	for (int i = 0; i < rows; i++) {
		ehcp_history_entry *e = &h->entries[i];
		snprintf(e->at, sizeof e->at, "%s", PQgetvalue(res, i, 0));
		e->db_role = dup_or_null(res, i, 1);
		e->app_user = dup_or_null(res, i, 2);
		e->action = dup_or_null(res, i, 3);
		e->field = dup_or_null(res, i, 4);
		e->old_value = dup_or_null(res, i, 5);
		e->new_value = dup_or_null(res, i, 6);
		h->count++;
	}
	PQclear(res);
	*out = h;
	return 0;
}

void ehcp_history_free(ehcp_history *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->count; i++) {
		ehcp_history_entry *e = &h->entries[i];
		free(e->db_role);
		free(e->app_user);
		free(e->action);
		free(e->field);
		free(e->old_value);
		free(e->new_value);
	}
	free(h->entries);
	free(h);
}
