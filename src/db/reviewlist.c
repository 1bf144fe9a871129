/*
 * The weekly review list and caseloads, and the plan register scan the
 * calendar shares.  The database picks the plans maintained on the day and
 * what was recorded by then (src/db/reviewlist_sql.h); every judgement of
 * time is the review clock's (src/core/review.c).
 */
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "db/reviewlist_internal.h"
#include "db/reviewlist_sql.h"
#include "db/store_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the scan ---- */

enum { C_ID, C_REF, C_WORKER, C_CHILD, C_VERSION, C_START, C_TRANSFERRED, C_DOB, C_OFFSET, C_LOCAL, C_LOCAL16,
       C_CEASED, C_COUNT };
enum { R_PLAN, R_VERSION, R_MEETING, R_INVITATIONS, R_REPORT, R_DECISION, R_DECISION_DATE, R_PROPOSALS, R_AMENDED,
       R_COUNT };

/* A binary int4 (network order). */
static int32_t int4_at(PGresult *res, int row, int col)
{
	const unsigned char *b = (const unsigned char *)PQgetvalue(res, row, col);
	return (int32_t)((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | (uint32_t)b[3]);
}

static ehcp_date bday_at(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? EHCP_DATE_NONE : (ehcp_date)int4_at(res, row, col);
}

/* A uuid as two big-endian halves, so that comparing them is comparing
 * its bytes, as the server orders a uuid. */
typedef struct plan_key {
	uint64_t hi, lo;
} plan_key;

static plan_key key_of(const unsigned char *b)
{
	plan_key k = {0, 0};
	for (int i = 0; i < 8; i++) {
		k.hi = k.hi << 8 | b[i];
		k.lo = k.lo << 8 | b[8 + i];
	}
	return k;
}

/* The plan row with this id, or -1: a plan not maintained on the day. */
static int plan_row(const plan_key *keys, int rows, plan_key k)
{
	int lo = 0, hi = rows;
	while (lo < hi) {
		const int mid = lo + (hi - lo) / 2;
		if (keys[mid].hi == k.hi && keys[mid].lo == k.lo)
			return mid;
		if (keys[mid].hi < k.hi || (keys[mid].hi == k.hi && keys[mid].lo < k.lo))
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The reviews come in the order the table holds them (a sort by plan, or
 * the plan-ordered index's visit of every row's page, cost the server
 * more than all of this): each finds its plan by id and is counted; then
 * each is read once into its place in its plan's run, and each run (a
 * plan's few meetings) put in meeting order.  sc->rv holds them plan by
 * plan, sc->first[i] where plan row i's begin, sc->versions[i] their
 * versions' sum. */
static int group_reviews(ehcp_plan_scan *sc)
{
	PGresult *res = sc->reviews;
	const int n = sc->review_rows, rows = sc->rows;
	plan_key *keys = malloc((size_t)(rows ? rows : 1) * sizeof *keys);
	int *plan = malloc((size_t)(n ? n : 1) * sizeof *plan);   /* each review's plan row, or -1 */
	int *next = calloc((size_t)rows + 1, sizeof *next);
	sc->first = calloc((size_t)rows + 1, sizeof *sc->first);
	sc->versions = calloc((size_t)rows + 1, sizeof *sc->versions);
	sc->rv = malloc((size_t)(n ? n : 1) * sizeof *sc->rv);
	int err = 0;
	if (!keys || !plan || !next || !sc->first || !sc->versions || !sc->rv) {
		err = ehcp_fail(EHCP_ENOMEM, "out of memory");
		goto done;
	}
	for (int i = 0; i < rows; i++) {
		if (PQgetlength(sc->res, i, C_ID) != 16) {
			err = ehcp_fail(EHCP_EDB, "a plan came back unreadable");
			goto done;
		}
		keys[i] = key_of((const unsigned char *)PQgetvalue(sc->res, i, C_ID));
	}
	for (int j = 0; j < n; j++) {
		if (PQgetlength(res, j, R_PLAN) != 16) {
			err = ehcp_fail(EHCP_EDB, "a review's plan came back unreadable");
			goto done;
		}
		plan[j] = plan_row(keys, rows, key_of((const unsigned char *)PQgetvalue(res, j, R_PLAN)));
		if (plan[j] >= 0)
			sc->first[plan[j] + 1]++;
	}
	for (int i = 0; i < rows; i++)
		sc->first[i + 1] += sc->first[i];
	for (int j = 0; j < n; j++) {
		const int p = plan[j];
		if (p < 0)
			continue;
		const int d = PQgetisnull(res, j, R_DECISION) ? 0 : int4_at(res, j, R_DECISION);
		if (PQgetisnull(res, j, R_MEETING) || d < 0 || d > EHCP_REVIEW_CEASE) {
			err = ehcp_fail(EHCP_EDB, "a review came back unreadable");
			goto done;
		}
		sc->rv[sc->first[p] + next[p]++] =
		    (ehcp_review_dates){bday_at(res, j, R_MEETING), bday_at(res, j, R_INVITATIONS),
		                        bday_at(res, j, R_REPORT), (ehcp_review_decision)d,
		                        bday_at(res, j, R_DECISION_DATE), bday_at(res, j, R_PROPOSALS),
		                        bday_at(res, j, R_AMENDED)};
		sc->versions[p] += int4_at(res, j, R_VERSION);
	}
	/* each run by meeting: insertion, a plan having a handful */
	for (int i = 0; i < rows; i++)
		for (int a = sc->first[i] + 1; a < sc->first[i + 1]; a++) {
			const ehcp_review_dates r = sc->rv[a];
			int b = a;
			for (; b > sc->first[i] && sc->rv[b - 1].meeting > r.meeting; b--)
				sc->rv[b] = sc->rv[b - 1];
			sc->rv[b] = r;
		}
done:
	free(keys);
	free(plan);
	free(next);
	return err;
}

int ehcp_plan_scan_open(ehcp_plan_scan *sc, ehcp_store *s, const char *caseworker, ehcp_date on, bool child)
{
	memset(sc, 0, sizeof *sc);
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no store to read the plans from");
	char ons[EHCP_DATE_ISO_LEN];
	const char *params[3] = {caseworker, ehcp_date_format_iso(ons, on), child ? "true" : "false"};
	/* one snapshot for both scans, so that no review lacks its plan */
	PGresult *res = ehcp_sql(s->conn, "cannot read the plans",
	                         "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, PGRES_COMMAND_OK);
	if (!res)
		return EHCP_EDB;
	PQclear(res);
	/* both in binary: the server need not print, nor the C side parse, a
	 * number (the plans' texts are the same bytes either way) */
	sc->res = PQexecParams(s->conn, EHCP_SQL_PLAN_REGISTER, 3, NULL, params, NULL, NULL, 1);
	int err = 0;
	if (PQresultStatus(sc->res) != PGRES_TUPLES_OK)
		err = ehcp_fail(EHCP_EDB, "cannot read the plans: %s", ehcp_pq_error(s->conn, sc->res));
	if (err == 0) {
		sc->reviews = PQexecParams(s->conn, EHCP_SQL_PLAN_REGISTER_REVIEWS, 3, NULL, params, NULL, NULL, 1);
		if (PQresultStatus(sc->reviews) != PGRES_TUPLES_OK)
			err = ehcp_fail(EHCP_EDB, "cannot read the reviews: %s", ehcp_pq_error(s->conn, sc->reviews));
	}
	/* COMMIT, or after a failure ROLLBACK, keeping its error */
	res = PQexec(s->conn, err ? "ROLLBACK" : "COMMIT");
	if (err == 0 && PQresultStatus(res) != PGRES_COMMAND_OK)
		err = ehcp_fail(EHCP_EDB, "cannot read the plans: %s", ehcp_pq_error(s->conn, res));
	PQclear(res);
	if (err == 0 && (PQnfields(sc->res) != C_COUNT || PQnfields(sc->reviews) != R_COUNT ||
	                 (PQntuples(sc->reviews) > 0 && PQgetlength(sc->reviews, 0, R_VERSION) != 4)))
		err = ehcp_fail(EHCP_EDB, "the plans came back in an unexpected shape");
	if (err < 0) {
		ehcp_plan_scan_close(sc);
		return err;
	}
	sc->rows = PQntuples(sc->res);
	sc->review_rows = PQntuples(sc->reviews);
	if ((err = group_reviews(sc)) < 0) {
		ehcp_plan_scan_close(sc);
		return err;
	}
	return 0;
}

void ehcp_plan_scan_close(ehcp_plan_scan *sc)
{
	PQclear(sc->res);
	PQclear(sc->reviews);
	free(sc->rv);
	free(sc->first);
	free(sc->versions);
	memset(sc, 0, sizeof *sc);
}


int ehcp_plan_scan_next(ehcp_plan_scan *sc, ehcp_plan_rec *out)
{
	if (!sc->res || sc->row >= sc->rows)
		return 0;
	PGresult *res = sc->res;
	const int i = sc->row++;
	if (PQgetlength(res, i, C_ID) != 16 || PQgetlength(res, i, C_OFFSET) != 4)
		return ehcp_fail(EHCP_EDB, "a plan came back unreadable");
	const unsigned char *u = (const unsigned char *)PQgetvalue(res, i, C_ID);
	/* 8-4-4-4-12 hex digits, by hand rather than a printf of sixteen conversions per plan */
	static const char hex[] = "0123456789abcdef";
	char *t = sc->id;
	for (int b = 0; b < 16; b++) {
		if (b == 4 || b == 6 || b == 8 || b == 10)
			*t++ = '-';
		*t++ = hex[u[b] >> 4];
		*t++ = hex[u[b] & 15];
	}
	*t = '\0';
	out->id = sc->id;
	out->plan_ref = PQgetvalue(res, i, C_REF);
	out->caseworker = PQgetvalue(res, i, C_WORKER);   /* "" for NULL */
	out->child_ref = PQgetvalue(res, i, C_CHILD);
	ehcp_plan_dates d = EHCP_PLAN_DATES_INIT;
	d.start = bday_at(res, i, C_START);
	d.transferred_in = bday_at(res, i, C_TRANSFERRED);
	d.date_of_birth = bday_at(res, i, C_DOB);
	d.year_offset = int4_at(res, i, C_OFFSET);
	d.local_transfer = bday_at(res, i, C_LOCAL);
	d.local_post16 = !PQgetisnull(res, i, C_LOCAL16) && PQgetvalue(res, i, C_LOCAL16)[0] == 1;
	d.ceased = bday_at(res, i, C_CEASED);
	out->dates = d;
	out->n = (size_t)(sc->first[i + 1] - sc->first[i]);
	out->reviews = sc->rv + sc->first[i];
	/* the plan's version and its reviews': it rises with any change to either */
	out->version = int4_at(res, i, C_VERSION) + sc->versions[i];
	return 1;
}

/* ---- the list ---- */

/* A deadline's status on the day, as the clock judges a plan's. */
static ehcp_plan_status status_of(ehcp_date due, ehcp_date on, int within)
{
	return due < on ? EHCP_PLAN_OVERDUE : due - on <= within ? EHCP_PLAN_NEARING : EHCP_PLAN_ON_TRACK;
}

typedef struct {
	const ehcp_reviewlist_options *o;
	ehcp_date on;
	int within;
	ehcp_plan_item items[EHCP_PLAN_OUTSTANDING_MAX];
} ctx;

/* Fills r with the plan on the day; false if the options leave it out. */
static int row_of(ehcp_reviewlist_row *r, bool *keep, ctx *c, const ehcp_plan_rec *p, bool every)
{
	const ehcp_reviewlist_options *o = c->o;
	const ehcp_date on = c->on;
	ehcp_plan_view v;
	const size_t n = ehcp_plan_view_outstanding(&v, c->items, &p->dates, p->reviews, p->n, on, c->within);
	*keep = false;
	if (v.status == EHCP_PLAN_CEASED)
		return 0;

	memset(r, 0, sizeof *r);
	snprintf(r->plan_ref, sizeof r->plan_ref, "%s", p->plan_ref);
	snprintf(r->caseworker, sizeof r->caseworker, "%s", p->caseworker);
	r->date_of_birth = EHCP_DATE_NONE;
	if (o->show_child) {
		snprintf(r->child_ref, sizeof r->child_ref, "%s", p->child_ref);
		r->date_of_birth = p->dates.date_of_birth;
	}
	r->has_year = v.has_year;
	r->nc_year = v.nc_year;
	r->review_due = v.review_due;
	/* the transfer in hand: within the 12 months before it, when an
	 * amended plan or a decision to maintain can meet it */
	const bool transfer_open = v.transfer.kind != EHCP_TRANSFER_NONE && !v.transfer_met &&
	                           v.transfer.transfer <= ehcp_review_year_end(on);
	r->transfer_kind = transfer_open ? v.transfer.kind : EHCP_TRANSFER_NONE;
	r->transfer_deadline = transfer_open ? v.transfer.deadline : EHCP_DATE_NONE;

	r->due_kind = EHCP_DUE_NONE;
	r->due = EHCP_DATE_NONE;
	bool attention;
	if (o->transfers_only) {
		if (v.transfer.kind == EHCP_TRANSFER_NONE) {
			/* no date of birth: the one thing to flag is that */
			if (v.has_year || o->transfer_kind != EHCP_TRANSFER_NONE)
				return 0;
			r->status = v.status;
			attention = true;
		} else {
			if (v.transfer_met || (o->transfer_kind != EHCP_TRANSFER_NONE && v.transfer.kind != o->transfer_kind))
				return 0;
			r->due_kind = ehcp_transfer_due(v.transfer.kind);
			r->due = v.transfer.deadline;
			r->status = status_of(r->due, on, c->within);
			attention = transfer_open || r->status != EHCP_PLAN_ON_TRACK;
		}
	} else {
		/* the earliest limit missed, else the next ahead: the clock's */
		r->due = v.late_due != EHCP_DATE_NONE ? v.late_due : v.next_due;
		for (size_t i = 0; i < n && r->due != EHCP_DATE_NONE; i++)
			if (c->items[i].due == r->due) {
				r->due_kind = c->items[i].kind;
				break;
			}
		r->status = v.status;
		attention = v.status != EHCP_PLAN_ON_TRACK || !v.has_year;
	}
	r->days_left = r->due == EHCP_DATE_NONE ? 0 : r->due - on;

	if (!attention && !o->include_on_track && !every)
		return 0;
	if (o->statuses && !(o->statuses & (1u << r->status)))
		return 0;
	if (o->due_within >= 0 && (r->due == EHCP_DATE_NONE || r->days_left > o->due_within))
		return 0;
	if (o->nc_year != EHCP_REVIEWLIST_ANY_YEAR && (!v.has_year || v.nc_year != o->nc_year))
		return 0;
	*keep = true;
	return 0;
}

/* Most urgent first: days left (none last), then the reference. */
static int by_urgency(const void *pa, const void *pb)
{
	const ehcp_reviewlist_row *a = pa, *b = pb;
	const bool na = a->due == EHCP_DATE_NONE, nb = b->due == EHCP_DATE_NONE;
	if (na != nb)
		return na ? 1 : -1;
	if (!na && a->days_left != b->days_left)
		return a->days_left < b->days_left ? -1 : 1;
	return strcmp(a->plan_ref, b->plan_ref);
}

/* The rows the options select, in no particular order; `every` keeps
 * on-track plans too (the caseloads count them). */
static int select_rows(ehcp_reviewlist_row **rows, size_t *count, ehcp_date *on_out, ehcp_store *s,
                       const ehcp_reviewlist_options *opts, bool every)
{
	ehcp_reviewlist_options defaults = EHCP_REVIEWLIST_OPTIONS_INIT;
	const ehcp_reviewlist_options *o = opts ? opts : &defaults;
	int err = ehcp_check_version(o->version, EHCP_REVIEWLIST_OPTIONS_VERSION, "ehcp_reviewlist_options");
	if (err < 0)
		return err;
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no store to read the plans from");
	if ((unsigned)o->transfer_kind > EHCP_TRANSFER_LOCAL)
		return ehcp_fail(EHCP_EINVALID, "no such kind of phase transfer");
	ctx c = {.o = o,
	         .on = o->as_of != EHCP_DATE_NONE ? o->as_of : ehcp_date_today(),
	         .within = o->within_days >= 0 ? o->within_days : EHCP_REVIEWLIST_WITHIN_DEFAULT};
	ehcp_plan_scan sc;
	if ((err = ehcp_plan_scan_open(&sc, s, o->caseworker, c.on, o->show_child)) < 0)
		return err;
	ehcp_reviewlist_row *r = calloc((size_t)sc.rows + 1, sizeof *r);
	if (!r) {
		ehcp_plan_scan_close(&sc);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	size_t k = 0;
	ehcp_plan_rec p;
	while ((err = ehcp_plan_scan_next(&sc, &p)) == 1) {
		bool keep;
		if ((err = row_of(&r[k], &keep, &c, &p, every)) < 0)
			break;
		k += keep;
	}
	ehcp_plan_scan_close(&sc);
	if (err < 0) {
		free(r);
		return err;
	}
	*rows = r;
	*count = k;
	*on_out = c.on;
	return 0;
}

int ehcp_reviewlist_options_init(ehcp_reviewlist_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_REVIEWLIST_OPTIONS_VERSION, EHCP_REVIEWLIST_OPTIONS_INIT,
	                       "ehcp_reviewlist_options");
}

int ehcp_reviewlist_get(ehcp_reviewlist **out, ehcp_store *s, const ehcp_reviewlist_options *opts)
{
	if (!out)
		return ehcp_fail(EHCP_EINVALID, "nowhere to put the review list");
	*out = NULL;
	ehcp_reviewlist *l = calloc(1, sizeof *l);
	if (!l)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	int err = select_rows(&l->rows, &l->count, &l->as_of, s, opts, false);
	if (err < 0) {
		free(l);
		return err;
	}
	qsort(l->rows, l->count, sizeof *l->rows, by_urgency);
	l->transfers_only = opts && opts->transfers_only;
	l->show_child = opts && opts->show_child;
	*out = l;
	return 0;
}

void ehcp_reviewlist_free(ehcp_reviewlist *l)
{
	if (!l)
		return;
	free(l->rows);
	free(l);
}

static int by_caseworker(const void *pa, const void *pb)
{
	const ehcp_reviewlist_row *a = pa, *b = pb;
	return strcmp(a->caseworker, b->caseworker);
}

int ehcp_reviewload_get(ehcp_reviewload **out, ehcp_store *s, const ehcp_reviewlist_options *opts)
{
	if (!out)
		return ehcp_fail(EHCP_EINVALID, "nowhere to put the caseloads");
	*out = NULL;
	ehcp_reviewlist_row *rows = NULL;
	size_t n = 0;
	ehcp_date on;
	int err = select_rows(&rows, &n, &on, s, opts, true);
	if (err < 0)
		return err;
	qsort(rows, n, sizeof *rows, by_caseworker);
	ehcp_reviewload *l = calloc(1, sizeof *l);
	if (!l || !(l->rows = calloc(n + 1, sizeof *l->rows))) {
		free(l);
		free(rows);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	l->as_of = on;
	for (size_t i = 0; i < n; i++) {
		const ehcp_reviewlist_row *r = &rows[i];
		if (l->count == 0 || strcmp(l->rows[l->count - 1].caseworker, r->caseworker) != 0)
			snprintf(l->rows[l->count++].caseworker, sizeof l->rows[0].caseworker, "%s", r->caseworker);
		ehcp_reviewload_row *c = &l->rows[l->count - 1];
		c->plans++;
		c->overdue += r->status == EHCP_PLAN_OVERDUE;
		c->nearing += r->status == EHCP_PLAN_NEARING;
		c->transfers += r->transfer_kind != EHCP_TRANSFER_NONE;
		c->no_birth_date += !r->has_year;
	}
	free(rows);
	*out = l;
	return 0;
}

void ehcp_reviewload_free(ehcp_reviewload *l)
{
	if (!l)
		return;
	free(l->rows);
	free(l);
}
