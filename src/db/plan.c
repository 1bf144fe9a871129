/* The plan register: plans and their reviews in PostgreSQL. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "core/plan_internal.h"
#include "db/plan_sql.h"
#include "db/store_internal.h"
#include "sys/uuid7.h"

#define PLAN_PARAMS (1 + EHCP_PLAN_FIELD_COUNT)      /* id, the columns */
#define REVIEW_PARAMS (1 + EHCP_REVIEW_FIELD_COUNT)  /* plan id, the columns */

static int sql_error(PGconn *conn, PGresult *res, const char *what, const char *plan_ref)
{
	const char *state = ehcp_sql_state(res);
	const char *constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
	if (strcmp(state, "23505") == 0) {
		if (constraint && strcmp(constraint, "ehcp_plan_case_ref_key") == 0)
			return ehcp_fail(EHCP_ECONFLICT, "plan %s: its case_ref has a plan already", plan_ref);
		if (constraint && strcmp(constraint, "ehcp_review_pkey") == 0)
			return ehcp_fail(EHCP_ECONFLICT, "plan %s has a review on that day already", plan_ref);
		return ehcp_fail(EHCP_ECONFLICT, "plan %s exists already", plan_ref);
	}
	if (strcmp(state, "23514") == 0 || strcmp(state, "23502") == 0 || strcmp(state, "23503") == 0)
		return ehcp_fail(EHCP_EINVALID, "the database refused plan %s (%s)", plan_ref,
		                 constraint ? constraint : "a constraint");
	return ehcp_fail(PQstatus(conn) == CONNECTION_OK ? EHCP_EDB : EHCP_ECONNECT, "%s: %s", what,
	                 ehcp_pq_error(conn, res));
}

/* id, the columns, version: one row into a plan. */
static int plan_from_row(ehcp_plan *p, PGresult *res, int row)
{
	snprintf(p->id, sizeof p->id, "%s", PQgetvalue(res, row, 0));
	int err = 0;
	for (int f = 0; f < EHCP_PLAN_FIELD_COUNT && err == 0; f++) {
		if (PQgetisnull(res, row, f + 1))
			continue;
		const char *v = PQgetvalue(res, row, f + 1);
		err = ehcp_plan_set_field_at(p, f, v, strlen(v));
	}
	if (err < 0)
		return ehcp_fail(EHCP_EDB, "a stored plan cannot be read: %s", ehcp_error_last());
	p->version = atoi(PQgetvalue(res, row, PLAN_PARAMS));
	return 0;
}

static int reviews_from_result(ehcp_plan *p, PGresult *res)
{
	for (int i = 0; i < PQntuples(res); i++) {
		ehcp_review_dates r = EHCP_REVIEW_DATES_INIT;
		for (int f = 0; f < EHCP_REVIEW_FIELD_COUNT; f++) {
			if (PQgetisnull(res, i, f))
				continue;
			const char *v = PQgetvalue(res, i, f);
			if (ehcp_review_set_field_at(&r, f, v, strlen(v)) < 0)
				return ehcp_fail(EHCP_EDB, "a stored review cannot be read: %s", ehcp_error_last());
		}
		int err = ehcp_plan_add_review(p, &r);
		if (err < 0)
			return err;
	}
	return 0;
}

/* The plan and its reviews; `lock` takes the plan's row lock (inside a
 * transaction), which every write to the plan or its reviews takes. */
static int fetch(ehcp_plan **out, ehcp_store *s, const char *plan_ref, bool lock)
{
	const char *params[1] = {plan_ref};
	PGresult *res = ehcp_sql(s->conn, "cannot read the plan", lock ? EHCP_SQL_PLAN_LOCK : EHCP_SQL_PLAN_BY_REF, 1,
	                         params, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return ehcp_fail(EHCP_ENOTFOUND, "no plan %s", plan_ref);
	}
	ehcp_plan *p = NULL;
	int err = ehcp_plan_new(&p);
	if (err == 0)
		err = plan_from_row(p, res, 0);
	PQclear(res);
	if (err == 0) {
		const char *id[1] = {p->id};
		res = ehcp_sql(s->conn, "cannot read the plan's reviews", EHCP_SQL_REVIEWS_OF, 1, id, PGRES_TUPLES_OK);
		err = res ? reviews_from_result(p, res) : EHCP_EDB;
		PQclear(res);
	}
	if (err < 0) {
		ehcp_plan_free(p);
		return err;
	}
	*out = p;
	return 0;
}

static void plan_params(const ehcp_plan *p, const char *params[PLAN_PARAMS + 1], char bufs[PLAN_PARAMS][EHCP_FIELD_TEXT_MAX],
                        char *version)
{
	params[0] = p->id;
	for (int f = 0; f < EHCP_PLAN_FIELD_COUNT; f++) {
		const char *v = ehcp_plan_get_field_at(p, f, bufs[f]);
		params[f + 1] = v[0] ? v : NULL;
	}
	snprintf(version, 16, "%d", p->version);
	params[PLAN_PARAMS] = version;
}

static void review_params(const ehcp_plan *p, const ehcp_review_dates *r, const char *params[REVIEW_PARAMS + 1],
                          char bufs[REVIEW_PARAMS + 1][EHCP_FIELD_TEXT_MAX])
{
	params[0] = p->id;
	for (int f = 0; f < EHCP_REVIEW_FIELD_COUNT; f++) {
		const char *v = ehcp_review_get_field_at(r, f, bufs[f]);
		params[f + 1] = v[0] ? v : NULL;
	}
	params[REVIEW_PARAMS] = NULL;
}

static int exec_command(ehcp_store *s, const char *sql, int n, const char *const *params, const char *what,
                        const char *plan_ref, bool one_row)
{
	PGresult *res = PQexecParams(s->conn, sql, n, NULL, params, NULL, NULL, 0);
	int err = 0;
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		err = sql_error(s->conn, res, what, plan_ref);
	else if (one_row && strcmp(PQcmdTuples(res), "1") != 0)
		/* cannot happen under the row lock; kept as a guard */
		err = ehcp_fail(EHCP_ECONFLICT, "plan %s changed while it was being updated: retry", plan_ref);
	PQclear(res);
	return err;
}

int ehcp_plan_add(ehcp_plan **out, ehcp_store *s, const ehcp_plan *in, const ehcp_write_options *opts)
{
	int err = ehcp_write_options_check(opts);
	if (err < 0)
		return err;
	if (!s || !in)
		return ehcp_fail(EHCP_EINVALID, "a new plan needs a store and the plan");
	ehcp_plan *p;
	if ((err = ehcp_plan_new(&p)) < 0)
		return err;
	*p = *in;
	p->reviews = NULL;
	p->review_count = 0;
	for (size_t i = 0; i < in->review_count && err == 0; i++)
		err = ehcp_plan_add_review(p, &in->reviews[i]);
	if (err < 0)
		goto out;
	ehcp_uuid_v7(p->id);
	p->version = 1;
	if ((err = ehcp_plan_validate(p, ehcp_write_today(opts))) < 0)
		goto out;

	const char *params[PLAN_PARAMS + 1];
	char bufs[PLAN_PARAMS][EHCP_FIELD_TEXT_MAX];
	char version[16];
	plan_params(p, params, bufs, version);
	if ((err = ehcp_sql_begin(s)) < 0)
		goto out;
	err = exec_command(s, EHCP_SQL_PLAN_INSERT, PLAN_PARAMS, params, "cannot store the plan", p->plan_ref, false);
	for (size_t i = 0; i < p->review_count && err == 0; i++) {
		const char *rp[REVIEW_PARAMS + 1];
		char rb[REVIEW_PARAMS + 1][EHCP_FIELD_TEXT_MAX];
		review_params(p, &p->reviews[i], rp, rb);
		err = exec_command(s, EHCP_SQL_REVIEW_INSERT, REVIEW_PARAMS, rp, "cannot store the review", p->plan_ref, false);
	}
	if (err == 0)
		err = ehcp_sql_commit(s);
	else
		ehcp_sql_rollback(s);
out:
	if (err == 0 && out)
		*out = p;
	else
		ehcp_plan_free(p);
	return err;
}


static bool identifies_child(const char *field)
{
	return strcmp(field, "child_ref") == 0 || strcmp(field, "date_of_birth") == 0;
}

/* Applies changes to a plan's fields (plan != NULL) or to a review's. */
static void apply_changes(ehcp_problems *probs, ehcp_plan *plan, ehcp_review_dates *review, const char *prefix,
                          const ehcp_change *changes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const ehcp_change *ch = &changes[i];
		char buf[EHCP_FIELD_TEXT_MAX];
		const char *field = ch->field ? ch->field : "";
		int idx = plan ? ehcp_plan_field_index(field) : ehcp_review_field_index(field);
		if (idx < 0) {
			ehcp_problem_add(probs, EHCP_EINVALID, "%sunknown field \"%.40s\"", prefix, field);
			continue;
		}
		if (plan && strcmp(field, "plan_ref") == 0 && ch->mode == EHCP_CHANGE_CLEAR) {
			ehcp_problem_add(probs, EHCP_EINVALID, "plan_ref: required");
			continue;
		}
		const char *now = plan ? ehcp_plan_get_field_at(plan, idx, buf) : ehcp_review_get_field_at(review, idx, buf);
		if (ch->mode == EHCP_CHANGE_RECORD && now[0]) {
			ehcp_problem_add(probs, EHCP_ECONFLICT, "%s%s is already recorded (%s): use correct to change it", prefix, field,
			        identifies_child(field) ? "not shown" : now);
			continue;
		}
		if (ch->mode == EHCP_CHANGE_CORRECT && !now[0]) {
			ehcp_problem_add(probs, EHCP_EINVALID, "%s%s has nothing recorded to correct: use record", prefix, field);
			continue;
		}
		const char *v = ch->mode == EHCP_CHANGE_CLEAR ? "" : (ch->value ? ch->value : "");
		int rc = plan ? ehcp_plan_set_field_at(plan, idx, v, strlen(v)) : ehcp_review_set_field_at(review, idx, v, strlen(v));
		if (rc < 0)
			ehcp_problem_add(probs, EHCP_EINVALID, "%s%s", prefix, ehcp_error_last());
	}
}

typedef enum { WRITE_PLAN, WRITE_REVIEW_ADD, WRITE_REVIEW_APPLY } write_kind;

/*
 * One write, in one transaction under the plan's row lock: read the plan
 * and its reviews, apply the change in memory, check the whole plan, write
 * the row that changed, and move the plan's version.
 */
static int write_plan(ehcp_store *s, const char *plan_ref, write_kind kind, ehcp_date meeting,
                      const ehcp_change *changes, size_t n, const ehcp_write_options *opts)
{
	int err = ehcp_write_options_check(opts);
	if (err < 0)
		return err;
	if (!s || !plan_ref || (n && !changes))
		return ehcp_fail(EHCP_EINVALID, "a change needs a store, a plan reference and the changes");
	if (kind == WRITE_REVIEW_ADD && meeting == EHCP_DATE_NONE)
		return ehcp_fail(EHCP_EINVALID, "meeting_date: required");
	ehcp_plan *p = NULL;
	if ((err = ehcp_sql_begin(s)) < 0)
		return err;
	if ((err = fetch(&p, s, plan_ref, true)) < 0)
		goto out;
	if (opts && opts->expected_version > 0 && opts->expected_version != p->version) {
		err = ehcp_fail(EHCP_ECONFLICT,
		                "plan %s has changed since version %d (it is now version %d): look at it again and retry",
		                plan_ref, opts->expected_version, p->version);
		goto out;
	}

	ehcp_problems probs = EHCP_PROBLEMS_INIT;
	char m[EHCP_DATE_ISO_LEN], prefix[48];
	ehcp_review_dates *r = NULL;
	ehcp_date old_meeting = EHCP_DATE_NONE;
	if (kind == WRITE_PLAN) {
		apply_changes(&probs, p, NULL, "", changes, n);
	} else if (kind == WRITE_REVIEW_ADD) {
		ehcp_review_dates fresh = EHCP_REVIEW_DATES_INIT;
		fresh.meeting = meeting;
		if ((err = ehcp_plan_add_review(p, &fresh)) < 0) {
			if (err == EHCP_ECONFLICT)
				err = ehcp_fail(EHCP_ECONFLICT, "plan %s has a review on %s already: use correct to change it",
				                plan_ref, ehcp_date_format_iso(m, meeting));
			goto out;
		}
		for (size_t i = 0; i < p->review_count; i++)
			if (p->reviews[i].meeting == meeting)
				r = &p->reviews[i];
	} else {
		for (size_t i = 0; i < p->review_count; i++)
			if (meeting == EHCP_DATE_NONE ? i + 1 == p->review_count : p->reviews[i].meeting == meeting)
				r = &p->reviews[i];
		if (!r) {
			err = meeting == EHCP_DATE_NONE
			          ? ehcp_fail(EHCP_ENOTFOUND, "plan %s has no review yet: record a meeting first", plan_ref)
			          : ehcp_fail(EHCP_ENOTFOUND, "plan %s has no review on %s", plan_ref, ehcp_date_format_iso(m, meeting));
			goto out;
		}
		old_meeting = r->meeting;
	}
	if (r) {
		snprintf(prefix, sizeof prefix, "review %s ", ehcp_date_format_iso(m, r->meeting));
		apply_changes(&probs, NULL, r, prefix, changes, n);
	}
	if (probs.count) {
		err = ehcp_fail(probs.code, "%s", probs.text);
		goto out;
	}
	/* A corrected meeting day may change the reviews' order. */
	if (r && r->meeting != old_meeting && kind == WRITE_REVIEW_APPLY) {
		const ehcp_review_dates moved = *r;
		size_t at = (size_t)(r - p->reviews);
		memmove(p->reviews + at, p->reviews + at + 1, (p->review_count - at - 1) * sizeof *p->reviews);
		p->review_count--;
		if ((err = ehcp_plan_add_review(p, &moved)) < 0) {
			err = ehcp_fail(EHCP_ECONFLICT, "plan %s has a review on %s already", plan_ref,
			                ehcp_date_format_iso(m, moved.meeting));
			goto out;
		}
		for (size_t i = 0; i < p->review_count; i++)
			if (p->reviews[i].meeting == moved.meeting)
				r = &p->reviews[i];
	}
	if ((err = ehcp_plan_validate(p, ehcp_write_today(opts))) < 0)
		goto out;

	char version[16];
	if (kind == WRITE_PLAN) {
		const char *params[PLAN_PARAMS + 1];
		char bufs[PLAN_PARAMS][EHCP_FIELD_TEXT_MAX];
		plan_params(p, params, bufs, version);
		err = exec_command(s, EHCP_SQL_PLAN_UPDATE, PLAN_PARAMS + 1, params, "cannot update the plan", plan_ref, true);
	} else {
		const char *rp[REVIEW_PARAMS + 1];
		char rb[REVIEW_PARAMS + 1][EHCP_FIELD_TEXT_MAX];
		review_params(p, r, rp, rb);
		char old[EHCP_DATE_ISO_LEN];
		rp[REVIEW_PARAMS] = ehcp_date_format_iso(old, old_meeting);
		err = kind == WRITE_REVIEW_ADD
		          ? exec_command(s, EHCP_SQL_REVIEW_INSERT, REVIEW_PARAMS, rp, "cannot store the review", plan_ref, false)
		          : exec_command(s, EHCP_SQL_REVIEW_UPDATE, REVIEW_PARAMS + 1, rp, "cannot update the review", plan_ref,
		                         true);
		if (err == 0) {
			snprintf(version, sizeof version, "%d", p->version);
			const char *tp[2] = {p->id, version};
			err = exec_command(s, EHCP_SQL_PLAN_TOUCH, 2, tp, "cannot update the plan", plan_ref, true);
		}
	}
	if (err == 0)
		err = ehcp_sql_commit(s);
out:
	if (err < 0)
		ehcp_sql_rollback(s);
	ehcp_plan_free(p);
	return err;
}

int ehcp_plan_apply(ehcp_store *s, const char *plan_ref, const ehcp_change *changes, size_t n,
                    const ehcp_write_options *opts)
{
	return write_plan(s, plan_ref, WRITE_PLAN, EHCP_DATE_NONE, changes, n, opts);
}

int ehcp_plan_review_add(ehcp_store *s, const char *plan_ref, ehcp_date meeting, const ehcp_change *changes, size_t n,
                         const ehcp_write_options *opts)
{
	return write_plan(s, plan_ref, WRITE_REVIEW_ADD, meeting, changes, n, opts);
}

int ehcp_plan_review_apply(ehcp_store *s, const char *plan_ref, ehcp_date meeting, const ehcp_change *changes,
                           size_t n, const ehcp_write_options *opts)
{
	return write_plan(s, plan_ref, WRITE_REVIEW_APPLY, meeting, changes, n, opts);
}

int ehcp_plan_cease(ehcp_store *s, const char *plan_ref, ehcp_date date, ehcp_cease_reason reason,
                    const ehcp_write_options *opts)
{
	if (date == EHCP_DATE_NONE || reason == EHCP_CEASE_NONE || (unsigned)reason >= EHCP_CEASE_REASON_COUNT)
		return ehcp_fail(EHCP_EINVALID, "a plan ceases on a date, for a reason");
	char d[EHCP_DATE_ISO_LEN];
	ehcp_change ch[2] = {
	    {"ceased_date", ehcp_date_format_iso(d, date), EHCP_CHANGE_RECORD},
	    {"cease_reason", ehcp_cease_reason_name(reason), EHCP_CHANGE_RECORD},
	};
	return ehcp_plan_apply(s, plan_ref, ch, 2, opts);
}

int ehcp_plan_lookup(ehcp_plan **out, ehcp_store *s, const char *plan_ref, ehcp_date on)
{
	if (!out || !s || !plan_ref)
		return ehcp_fail(EHCP_EINVALID, "a lookup needs somewhere to go, a store and a plan reference");
	ehcp_plan *p = NULL;
	int err = fetch(&p, s, plan_ref, false);
	if (err < 0)
		return err;
	p->on = on == EHCP_DATE_NONE ? ehcp_date_today() : on;
	ehcp_plan_view_on(&p->view, &p->dates, p->reviews, p->review_count, p->on, EHCP_DAYS_NEARING_DEFAULT);
	*out = p;
	return 0;
}

int ehcp_plan_history(ehcp_history **out, ehcp_store *s, const char *plan_ref)
{
	if (!out || !s || !plan_ref)
		return ehcp_fail(EHCP_EINVALID, "a history needs somewhere to go, a store and a plan reference");
	ehcp_plan *p = NULL;
	int err = fetch(&p, s, plan_ref, false);
	if (err < 0)
		return err;
	char id[sizeof p->id];
	snprintf(id, sizeof id, "%s", p->id);
	ehcp_plan_free(p);
	return ehcp_history_read(out, s, EHCP_SQL_PLAN_HISTORY, id);
}
