/*
 * The reviews report (docs/reports.md, "reviews"), worked out by the C
 * review clock (src/core/review.c): the database streams the plans and the
 * reviews the range needs (src/db/review_report_sql.h says which and why)
 * in binary, this file joins them by plan and counts.  One rule each, in
 * one place: the clock's.
 */
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "db/report_internal.h"
#include "db/review_report_sql.h"
#include "db/store_internal.h"
#include "ehcp/plan.h"
#include "ehcp/review.h"
#include "sys/conninfo.h"

/* PostgreSQL's binary date counts from 2000-01-01, ehcp_date from 1970. */
#define PG_DATE_EPOCH 10957

/* ---- a binary COPY, row by row ---- */

#define COPY_MAX_FIELDS 10

typedef struct copy_in {
	PGconn *conn;
	char *msg;
	int len, pos;
	bool started;
} copy_in;

typedef struct copy_row {
	const unsigned char *v[COPY_MAX_FIELDS];   /* NULL for SQL NULL */
	int32_t len[COPY_MAX_FIELDS];
} copy_row;

static int32_t be32(const unsigned char *b)
{
	return (int32_t)((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | (uint32_t)b[3]);
}

static int copy_open(copy_in *c, PGconn *conn, const char *sql)
{
	*c = (copy_in){.conn = conn};
	PGresult *res = ehcp_sql(conn, "cannot read the plan register", sql, 0, NULL, PGRES_COPY_OUT);
	if (!res)
		return EHCP_EDB;
	PQclear(res);
	return 0;
}

static int copy_shape(void)
{
	return ehcp_fail(EHCP_EDB, "the plan register came back in an unexpected shape");
}

/* 1 with the next row of nf fields, 0 at the end (the COPY's verdict
 * read), COPY_WAIT when no whole row has arrived yet, or an error code.
 * The server sends each row as one message, the first after the file
 * header. */
#define COPY_WAIT 2
static int copy_next(copy_in *c, copy_row *r, int nf)
{
	for (;;) {
		if (c->pos >= c->len) {
			PQfreemem(c->msg);
			c->msg = NULL;
			c->len = c->pos = 0;
			const int n = PQgetCopyData(c->conn, &c->msg, 1);
			if (n == 0)
				return COPY_WAIT;
			if (n == -1) {
				PGresult *res = PQgetResult(c->conn);
				int err = 0;
				if (PQresultStatus(res) != PGRES_COMMAND_OK)
					err = ehcp_fail(EHCP_EDB, "cannot read the plan register: %s", ehcp_pq_error(c->conn, res));
				PQclear(res);
				while ((res = PQgetResult(c->conn)))
					PQclear(res);
				return err;
			}
			if (n < 0)
				return ehcp_fail(EHCP_EDB, "cannot read the plan register: %s", ehcp_pq_error(c->conn, NULL));
			c->len = n;
			if (!c->started) {
				/* the signature, 4 bytes of flags, then the extension's length */
				static const char sig[11] = "PGCOPY\n\377\r\n";
				const int ext_at = (int)sizeof sig + 4, header = ext_at + 4;
				if (n < header || memcmp(c->msg, sig, sizeof sig) != 0)
					return copy_shape();
				c->pos = header + be32((const unsigned char *)c->msg + ext_at);
				c->started = true;
				continue;
			}
		}
		const unsigned char *b = (const unsigned char *)c->msg + c->pos;
		const int left = c->len - c->pos;
		if (left < 2)
			return copy_shape();
		const int16_t fields = (int16_t)(b[0] << 8 | b[1]);
		if (fields == -1) {   /* the trailer: the end follows */
			c->pos = c->len;
			continue;
		}
		if (fields != nf)
			return copy_shape();
		int at = 2;
		for (int i = 0; i < nf; i++) {
			if (left - at < 4)
				return copy_shape();
			const int32_t l = be32(b + at);
			at += 4;
			if (l > left - at)
				return copy_shape();
			r->v[i] = l < 0 ? NULL : b + at;
			r->len[i] = l;
			at += l < 0 ? 0 : l;
		}
		c->pos += at;
		return 1;
	}
}

static void copy_close(copy_in *c)
{
	PQfreemem(c->msg);
	c->msg = NULL;
	/* a COPY left part-read: read it out, so the connection can go on */
	if (c->conn && PQisBusy(c->conn)) {
		char *m;
		while (PQgetCopyData(c->conn, &m, 0) >= 0)
			PQfreemem(m);
		PGresult *res;
		while ((res = PQgetResult(c->conn)))
			PQclear(res);
	}
}

static int date_of(const copy_row *r, int i, ehcp_date *out)
{
	if (!r->v[i]) {
		*out = EHCP_DATE_NONE;
		return 0;
	}
	if (r->len[i] != 4)
		return copy_shape();
	const int32_t d = be32(r->v[i]);
	/* 'infinity' and '-infinity' are no day the clock can count from */
	if (d == INT32_MAX || d == INT32_MIN)
		return ehcp_fail(EHCP_EDB, "the plan register holds an infinite date");
	*out = d + PG_DATE_EPOCH;
	return 0;
}

static bool text_is(const copy_row *r, int i, const char *s)
{
	return r->v[i] && (size_t)r->len[i] == strlen(s) && memcmp(r->v[i], s, (size_t)r->len[i]) == 0;
}

/* ---- the register: plans, and each plan's reviews by meeting ----
 *
 * Half a million plans and over a million and a half reviews, joined by
 * plan id.  One hash table over all the plans would make every review a
 * cache miss or two; instead plans and reviews are dealt into buckets by
 * their id's hash as they arrive (appending to a few hundred arrays stays
 * in cache), and each bucket is joined on its own, small enough to stay in
 * cache while it is. */

#define RV_BUCKET_BITS 8
#define RV_BUCKETS (1 << RV_BUCKET_BITS)

typedef struct rv_plan {
	unsigned char id[16];
	ehcp_plan_dates d;           /* ceased as of the day seen from */
	ehcp_cease_reason reason;    /* NONE unless ceased by then */
	uint32_t ref;                /* its reference in refs (--cases) */
	uint32_t first, n;           /* its reviews in the bucket's, while joined */
} rv_plan;

/* What the figures read of a review, and no more: a million and a half of
 * them are held at once. */
typedef struct rv_review {
	unsigned char plan[16];
	ehcp_date meeting, decision_date, amended;
	unsigned char decision;      /* ehcp_review_decision */
} rv_review;

/* A bucket's reviews in chunks, appended to and never moved: a growing
 * array's copies and the fresh pages they touch cost a tenth of the run. */
#define RV_CHUNK 2000
typedef struct rv_chunk {
	struct rv_chunk *next;
	size_t n;
	rv_review r[RV_CHUNK];
} rv_chunk;

typedef struct rv_bucket {
	rv_plan *plans;
	size_t np, pcap;
	rv_chunk *rv, *last;         /* the first and the one appended to */
	size_t nr;
} rv_bucket;

static void chunks_free(rv_bucket *b)
{
	for (rv_chunk *c = b->rv, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	b->rv = b->last = NULL;
}

typedef struct rv_register {
	rv_bucket b[RV_BUCKETS];
	char *refs;
	size_t refs_len, refs_cap;
} rv_register;

static void register_free(rv_register *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < RV_BUCKETS; i++) {
		free(g->b[i].plans);
		chunks_free(&g->b[i]);
	}
	free(g->refs);
	free(g);
}

static uint64_t id_hash(const unsigned char id[16])
{
	uint64_t a, b;
	memcpy(&a, id, 8);
	memcpy(&b, id + 8, 8);
	return (a ^ b) * UINT64_C(0x9e3779b97f4a7c15);
}

/* The bucket takes the hash's top bits, the table within it the next. */
static size_t bucket_of(const unsigned char id[16])
{
	return (size_t)(id_hash(id) >> (64 - RV_BUCKET_BITS));
}

/* Room for one more of n items of size `size` in *p (capacity *cap). */
static void *more(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	size_t c = *cap ? 2 * *cap : 64;
	void *q = realloc(p, c * size);
	if (q)
		*cap = c;
	return q;
}

static int add_ref(rv_register *g, rv_plan *p, const copy_row *r, int i)
{
	const size_t l = r->v[i] ? (size_t)r->len[i] : 0;
	if (g->refs_len + l + 1 > g->refs_cap) {
		size_t cap = g->refs_cap ? 2 * g->refs_cap : 1 << 16;
		while (cap < g->refs_len + l + 1)
			cap *= 2;
		char *b = realloc(g->refs, cap);
		if (!b)
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
		g->refs = b;
		g->refs_cap = cap;
	}
	p->ref = (uint32_t)g->refs_len;
	if (l)
		memcpy(g->refs + g->refs_len, r->v[i], l);
	g->refs[g->refs_len + l] = '\0';
	g->refs_len += l + 1;
	return 0;
}

/* A plan of the plans' COPY, into its bucket. */
static int plan_row(rv_register *g, const copy_row *r, bool refs, ehcp_date as_of)
{
	if (r->len[0] != 16 || r->len[4] != 4 || !r->v[1] || (r->v[6] && r->len[6] != 1))
		return copy_shape();
	rv_bucket *b = &g->b[bucket_of(r->v[0])];
	rv_plan *ps = more(b->plans, &b->pcap, b->np, sizeof *ps);
	if (!ps)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	b->plans = ps;
	rv_plan *p = &ps[b->np];
	*p = (rv_plan){.d = EHCP_PLAN_DATES_INIT};
	memcpy(p->id, r->v[0], 16);
	ehcp_date ceased = EHCP_DATE_NONE;
	int err;
	if ((err = date_of(r, 1, &p->d.start)) < 0 || (err = date_of(r, 2, &p->d.transferred_in)) < 0 ||
	    (err = date_of(r, 3, &p->d.date_of_birth)) < 0 || (err = date_of(r, 5, &p->d.local_transfer)) < 0 ||
	    (err = date_of(r, 7, &ceased)) < 0)
		return err;
	p->d.year_offset = be32(r->v[4]);
	p->d.local_post16 = r->v[6] && r->v[6][0] == 1;
	/* a cease after the day seen from is not seen */
	if (ceased != EHCP_DATE_NONE && ceased <= as_of) {
		p->d.ceased = ceased;
		char reason[32] = "";
		if (r->v[8] && r->len[8] < (int32_t)sizeof reason)
			memcpy(reason, r->v[8], (size_t)r->len[8]);
		if (ehcp_cease_reason_parse(&p->reason, reason) < 0)
			p->reason = EHCP_CEASE_NONE;
	}
	if (refs && (err = add_ref(g, p, r, 9)) < 0)
		return err;
	b->np++;
	return 0;
}

/* A review of the reviews' COPY, into its plan's bucket. */
static int review_row(rv_register *g, const copy_row *r)
{
	if (r->len[0] != 16)
		return copy_shape();
	rv_bucket *b = &g->b[bucket_of(r->v[0])];
	if (!b->last || b->last->n == RV_CHUNK) {
		rv_chunk *c = malloc(sizeof *c);
		if (!c)
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
		c->next = NULL;
		c->n = 0;
		if (b->last)
			b->last->next = c;
		else
			b->rv = c;
		b->last = c;
	}
	rv_review *x = &b->last->r[b->last->n];
	memcpy(x->plan, r->v[0], 16);
	int err;
	if ((err = date_of(r, 1, &x->meeting)) < 0 || (err = date_of(r, 3, &x->decision_date)) < 0 ||
	    (err = date_of(r, 4, &x->amended)) < 0)
		return err;
	x->decision = (unsigned char)(text_is(r, 2, "maintain") ? EHCP_REVIEW_MAINTAIN
	                              : text_is(r, 2, "amend")  ? EHCP_REVIEW_AMEND
	                              : text_is(r, 2, "cease")  ? EHCP_REVIEW_CEASE
	                                                        : EHCP_REVIEW_DECISION_NONE);
	b->last->n++;
	b->nr++;
	return 0;
}

/* The streams to read: a COPY each, of plans or of reviews. */
#define RV_STREAMS 3
typedef struct rv_stream {
	copy_in *in;   /* NULL once read to its end */
	bool plans;
} rv_stream;

/* The streams, read as their rows come: on their own connections, the
 * servers work at once. */
static int read_streams(rv_register *g, rv_stream *st, int n, bool refs, ehcp_date as_of)
{
	copy_row r = {{0}, {0}};
	int err = 0, live = n;
	while (err == 0 && live > 0) {
		bool moved = false;
		for (int k = 0; k < n && err == 0; k++) {
			int got;
			const int nf = st[k].plans ? (refs ? 10 : 9) : 5;
			while (st[k].in && (got = copy_next(st[k].in, &r, nf)) != COPY_WAIT) {
				if (got <= 0) {
					err = got;
					st[k].in = NULL;
					live--;
					break;
				}
				moved = true;
				if ((err = st[k].plans ? plan_row(g, &r, refs, as_of) : review_row(g, &r)) < 0)
					break;
			}
		}
		if (err || moved || live == 0)
			continue;
		/* nothing whole yet: wait for any server */
		PGconn *conns[RV_STREAMS] = {NULL};
		for (int k = 0; k < n && k < RV_STREAMS; k++)
			conns[k] = st[k].in ? st[k].in->conn : NULL;
		err = ehcp_sql_wait_any(conns, n < RV_STREAMS ? n : RV_STREAMS, "cannot read the plan register");
	}
	return err;
}

/* BEGIN, then the days set (and on the first connection LO read and the
 * snapshot exported; on the second, that snapshot taken). */
static int begin_read(PGconn *conn, const char *const params[3], ehcp_date *lo, char snapshot[64])
{
	PGresult *res = ehcp_sql(conn, "cannot read the plan register", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	                         0, NULL, PGRES_COMMAND_OK);
	if (!res)
		return EHCP_EDB;
	PQclear(res);
	if (!lo) {
		/* the id is the server's own (hex digits and dashes) */
		char sql[128];
		snprintf(sql, sizeof sql, "SET TRANSACTION SNAPSHOT '%s'", snapshot);
		if (!(res = ehcp_sql(conn, "cannot read the plan register", sql, 0, NULL, PGRES_COMMAND_OK)))
			return EHCP_EDB;
		PQclear(res);
	}
	if (!(res = ehcp_sql(conn, "cannot read the plan register", EHCP_SQL_RV_SET, 3, params, PGRES_TUPLES_OK)))
		return EHCP_EDB;
	int err = 0;
	if (PQntuples(res) != 1 || PQnfields(res) != 5)
		err = copy_shape();
	else if (lo) {
		*lo = (ehcp_date)strtol(PQgetvalue(res, 0, 3), NULL, 10);
		const char *id = PQgetvalue(res, 0, 4);
		if (strlen(id) >= 64 || strspn(id, "0123456789ABCDEFabcdef-") != strlen(id))
			err = copy_shape();
		else
			strcpy(snapshot, id);
	}
	PQclear(res);
	return err;
}

/* Another connection like the store's, for a stream to come beside the
 * others; NULL if there cannot be one (then they take turns). */
static PGconn *another_connection(PGconn *conn)
{
	PQconninfoOption *opts = PQconninfo(conn);
	if (!opts)
		return NULL;
	size_t len = 1;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (o->val && *o->val)
			len += strlen(o->keyword) + 2 * strlen(o->val) + 5;
	char *ci = malloc(len);
	PGconn *c2 = NULL;
	if (ci) {
		ci[0] = '\0';
		bool ok = true;
		for (PQconninfoOption *o = opts; o->keyword && ok; o++) {
			if (!o->val || !*o->val)
				continue;
			char *q = ehcp_conninfo_quote(o->val);
			if (!(ok = q != NULL))
				break;
			strcat(ci, o->keyword);
			strcat(ci, "=");
			strcat(ci, q);
			strcat(ci, " ");
			free(q);
		}
		if (ok)
			c2 = ehcp_connect(ci);
		/* the connection string may hold a password: not left about */
		memset(ci, 0, len);
		free(ci);
	}
	PQconninfoFree(opts);
	return c2;
}

static void end_read(PGconn *conn, int err, int *out)
{
	/* COMMIT, or after a failure ROLLBACK, keeping its error */
	PGresult *res = PQexec(conn, err ? "ROLLBACK" : "COMMIT");
	if (*out == 0 && PQresultStatus(res) != PGRES_COMMAND_OK)
		*out = ehcp_fail(EHCP_EDB, "cannot read the plan register: %s", ehcp_pq_error(conn, res));
	PQclear(res);
}

/* One snapshot for every stream, the days set for the queries to read:
 * the plans, then the reviews' two halves, each on a connection of its own
 * where there can be one; what cannot have its own is read after the
 * others on the store's. */
static int read_register(rv_register *g, ehcp_store *s, const ehcp_report_options *o, ehcp_date on, ehcp_date *lo)
{
	char from[EHCP_DATE_ISO_LEN], to[EHCP_DATE_ISO_LEN], as_of[EHCP_DATE_ISO_LEN], snapshot[64];
	const char *params[3] = {ehcp_date_format_iso(from, o->from), ehcp_date_format_iso(to, o->to),
	                         ehcp_date_format_iso(as_of, on)};
	const char *const sql[RV_STREAMS] = {o->cases ? EHCP_SQL_RV_PLANS_REFS : EHCP_SQL_RV_PLANS,
	                                     o->cases ? EHCP_SQL_RV_REVIEWS_EARLY_CASES : EHCP_SQL_RV_REVIEWS_EARLY,
	                                     EHCP_SQL_RV_REVIEWS_LATE};
	PGconn *conn[RV_STREAMS] = {s->conn, NULL, NULL};
	int err = begin_read(s->conn, params, lo, snapshot);
	for (int k = 1; k < RV_STREAMS && err == 0; k++)
		if ((conn[k] = another_connection(s->conn)) && begin_read(conn[k], params, NULL, snapshot) < 0) {
			PQfinish(conn[k]);
			conn[k] = NULL;
		}
	copy_in in[RV_STREAMS] = {{0}};
	rv_stream st[RV_STREAMS];
	/* first at once each stream with a connection of its own (the plans
	 * on the store's), then the rest in turn on the store's */
	int n = 0;
	for (int k = 0; k < RV_STREAMS && err == 0; k++)
		if (k == 0 || conn[k]) {
			err = copy_open(&in[k], conn[k] ? conn[k] : s->conn, sql[k]);
			st[n++] = (rv_stream){.in = &in[k], .plans = k == 0};
		}
	if (err == 0)
		err = read_streams(g, st, n, o->cases, on);
	for (int k = 1; k < RV_STREAMS && err == 0; k++)
		if (!conn[k]) {
			/* the store's earlier streams are read to their ends */
			if ((err = copy_open(&in[k], s->conn, sql[k])) == 0) {
				st[0] = (rv_stream){.in = &in[k], .plans = false};
				err = read_streams(g, st, 1, o->cases, on);
			}
		}
	for (int k = 0; k < RV_STREAMS; k++)
		copy_close(&in[k]);
	for (int k = 1; k < RV_STREAMS; k++)
		if (conn[k]) {
			end_read(conn[k], err, &err);
			PQfinish(conn[k]);
		}
	end_read(s->conn, err, &err);
	return err < 0 ? err : 0;
}

/* The scratch one bucket's join needs, kept for the next. */
typedef struct rv_join {
	uint32_t *slot;              /* plan index + 1, 0 empty */
	size_t nslots;
	uint32_t *owner;             /* each review's plan; UINT32_MAX for none */
	ehcp_review_dates *rv;       /* the bucket's reviews by plan, then meeting */
	size_t cap;
} rv_join;

/* Each plan of the bucket's reviews, rv[first .. first + n), by meeting. */
static int join_bucket(rv_join *j, rv_bucket *b)
{
	size_t ns = 16;
	while (ns < 2 * b->np)
		ns *= 2;
	if (ns > j->nslots) {
		free(j->slot);
		if (!(j->slot = malloc(ns * sizeof *j->slot)))
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
		j->nslots = ns;
	}
	if (b->nr + 1 > j->cap) {
		free(j->owner);
		free(j->rv);
		j->owner = malloc((b->nr + 1) * sizeof *j->owner);
		j->rv = malloc((b->nr + 1) * sizeof *j->rv);
		j->cap = j->owner && j->rv ? b->nr + 1 : 0;
		if (!j->cap)
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	const size_t mask = ns - 1;
	memset(j->slot, 0, ns * sizeof *j->slot);
	for (size_t i = 0; i < b->np; i++) {
		size_t h = (size_t)(id_hash(b->plans[i].id) >> 24) & mask;
		while (j->slot[h])
			h = (h + 1) & mask;
		j->slot[h] = (uint32_t)i + 1;
		b->plans[i].n = 0;
	}
	size_t i = 0;
	for (const rv_chunk *c = b->rv; c; c = c->next)
		for (size_t k = 0; k < c->n; k++, i++) {
			j->owner[i] = UINT32_MAX;   /* a plan the range does not see */
			for (size_t h = (size_t)(id_hash(c->r[k].plan) >> 24) & mask; j->slot[h]; h = (h + 1) & mask) {
				rv_plan *p = &b->plans[j->slot[h] - 1];
				if (memcmp(p->id, c->r[k].plan, 16) == 0) {
					j->owner[i] = j->slot[h] - 1;
					p->n++;
					break;
				}
			}
		}
	uint32_t at = 0;
	for (size_t i = 0; i < b->np; i++) {
		b->plans[i].first = at;
		at += b->plans[i].n;
		b->plans[i].n = 0;
	}
	/* in the order they came: each stream's by meeting (but for the few
	 * slow reviews read last), the two halves' interleaved as they arrived,
	 * so a plan's few are sorted below */
	i = 0;
	for (const rv_chunk *c = b->rv; c; c = c->next)
		for (size_t k = 0; k < c->n; k++, i++)
			if (j->owner[i] != UINT32_MAX) {
				rv_plan *p = &b->plans[j->owner[i]];
				const rv_review *x = &c->r[k];
				ehcp_review_dates *d = &j->rv[p->first + p->n++];
				*d = (ehcp_review_dates)EHCP_REVIEW_DATES_INIT;
				d->meeting = x->meeting;
				d->decision = (ehcp_review_decision)x->decision;
				d->decision_date = x->decision_date;
				d->amended = x->amended;
			}
	for (size_t i = 0; i < b->np; i++) {
		ehcp_review_dates *v = j->rv + b->plans[i].first;
		for (size_t k = 1; k < b->plans[i].n; k++)
			for (size_t m = k; m > 0 && v[m - 1].meeting > v[m].meeting; m--) {
				const ehcp_review_dates t = v[m];
				v[m] = v[m - 1];
				v[m - 1] = t;
			}
	}
	return 0;
}

/* ---- the figures ---- */

enum {
	F_DUE, F_IN_TIME, F_LATE, F_OVERDUE, F_Y9, F_Y9_IN_TIME, F_DECISIONS, F_DECISIONS_IN_TIME, F_AMENDED,
	F_AMENDED_IN_TIME, F_TRANSFER,   /* due and met for each kind, in transfer_kinds' order */
	F_OVERDUE_AT_END = F_TRANSFER + 8, F_ACTIVE, F_CEASED, /* then one per reason */
	F_COUNT = F_CEASED + EHCP_CEASE_REASON_COUNT
};

static const ehcp_transfer_kind transfer_kinds[4] = {EHCP_TRANSFER_RECEPTION, EHCP_TRANSFER_SECONDARY,
                                                     EHCP_TRANSFER_POST16, EHCP_TRANSFER_LOCAL};

/* The summary's columns after the period: a figure, or with den >= 0 the
 * percentage num of den. */
static const struct {
	const char *name;
	int num, den;
} columns[] = {
    {"reviews_due", F_DUE, -1}, {"reviews_in_time", F_IN_TIME, -1}, {"reviews_late", F_LATE, -1},
    {"reviews_overdue", F_OVERDUE, -1}, {"reviews_in_time_pct", F_IN_TIME, F_DUE},
    {"year9_due", F_Y9, -1}, {"year9_in_time", F_Y9_IN_TIME, -1}, {"year9_in_time_pct", F_Y9_IN_TIME, F_Y9},
    {"decisions_due", F_DECISIONS, -1}, {"decisions_in_time", F_DECISIONS_IN_TIME, -1},
    {"decisions_in_time_pct", F_DECISIONS_IN_TIME, F_DECISIONS},
    {"amended_due", F_AMENDED, -1}, {"amended_in_time", F_AMENDED_IN_TIME, -1},
    {"amended_in_time_pct", F_AMENDED_IN_TIME, F_AMENDED},
    {"transfer_reception_due", F_TRANSFER, -1}, {"transfer_reception_met", F_TRANSFER + 1, -1},
    {"transfer_year6_due", F_TRANSFER + 2, -1}, {"transfer_year6_met", F_TRANSFER + 3, -1},
    {"transfer_year11_due", F_TRANSFER + 4, -1}, {"transfer_year11_met", F_TRANSFER + 5, -1},
    {"transfer_local_due", F_TRANSFER + 6, -1}, {"transfer_local_met", F_TRANSFER + 7, -1},
    {"overdue_at_end", F_OVERDUE_AT_END, -1}, {"plans_active_at_end", F_ACTIVE, -1}, {"ceased", F_CEASED, -1},
    {"ceased_max_age", F_CEASED + EHCP_CEASE_MAX_AGE, -1}, {"ceased_needs_met", F_CEASED + EHCP_CEASE_NEEDS_MET, -1},
    {"ceased_higher_education", F_CEASED + EHCP_CEASE_HIGHER_EDUCATION, -1},
    {"ceased_employment", F_CEASED + EHCP_CEASE_EMPLOYMENT, -1},
    {"ceased_moved_la", F_CEASED + EHCP_CEASE_MOVED_LA, -1},
    {"ceased_no_engagement", F_CEASED + EHCP_CEASE_NO_ENGAGEMENT, -1},
    {"ceased_left_england", F_CEASED + EHCP_CEASE_LEFT_ENGLAND, -1},
    {"ceased_deceased", F_CEASED + EHCP_CEASE_DECEASED, -1}, {"ceased_other", F_CEASED + EHCP_CEASE_OTHER, -1},
};

/* --cases: the measures in the order the rows are sorted (by name). */
enum { M_AMENDED, M_CEASED, M_DECISION, M_OVERDUE_AT_END, M_REVIEW, M_TRANSFER_LOCAL, M_TRANSFER_RECEPTION,
       M_TRANSFER_YEAR11, M_TRANSFER_YEAR6, M_YEAR9 };
static const char *const measure_names[] = {"amended", "ceased", "decision", "overdue_at_end", "review",
                                            "transfer_local", "transfer_reception", "transfer_year11",
                                            "transfer_year6", "year9"};
/* transfer_kinds' measures */
static const unsigned char transfer_measures[4] = {M_TRANSFER_RECEPTION, M_TRANSFER_YEAR6, M_TRANSFER_YEAR11,
                                                   M_TRANSFER_LOCAL};
/* the outcomes; then the cease reasons from O_REASON */
enum { O_IN_TIME, O_LATE, O_OVERDUE, O_MET, O_NOT_MET, O_REASON };
static const char *const outcome_names[] = {"in_time", "late", "overdue", "met", "not_met"};

typedef struct rv_case {
	const char *ref;             /* the plan's reference (in refs) */
	uint16_t period;
	unsigned char measure, outcome;
	ehcp_date due, done;
} rv_case;

typedef struct rv_ctx {
	const rv_register *g;
	ehcp_date from, hi, as_of, lo;
	ehcp_date year_before, last_year_end;   /* 31 December before from's year, and of hi's */
	ehcp_date last_transfer;     /* the last transfer whose deadline can be by hi */
	ehcp_report_period by;
	ehcp_date first;             /* the first period's first day */
	size_t np;                   /* periods; then the total */
	ehcp_date *start, *seen;     /* each period's first day, and the day it is seen at (np + 1) */
	int64_t (*fig)[F_COUNT];     /* np + 1 */
	bool cases;
	rv_case *c;
	size_t nc, ccap;
	int err;
} rv_ctx;

static int months_of(ehcp_report_period by)
{
	return by == EHCP_PERIOD_YEAR ? 12 : by == EHCP_PERIOD_QUARTER ? 3 : 1;
}

/* The first day of the period holding d. */
static ehcp_date period_start(ehcp_date d, ehcp_report_period by)
{
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	const int step = months_of(by);
	return ehcp_date_from_ymd_unchecked(y, (m - 1) / step * step + 1, 1);
}

/* The period of a day in the range: the last starting on or before it. */
static size_t period_of(const rv_ctx *c, ehcp_date d)
{
	size_t lo = 0, hi = c->np;
	while (hi - lo > 1) {
		const size_t mid = lo + (hi - lo) / 2;
		if (c->start[mid] <= d)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void add_case(rv_ctx *c, const rv_plan *p, size_t period, int measure, ehcp_date due, ehcp_date done,
                     int outcome)
{
	if (!c->cases || c->err)
		return;
	rv_case *b = more(c->c, &c->ccap, c->nc, sizeof *b);
	if (!b) {
		c->err = ehcp_fail(EHCP_ENOMEM, "out of memory");
		return;
	}
	c->c = b;
	c->c[c->nc++] = (rv_case){c->g->refs ? c->g->refs + p->ref : "", (uint16_t)period, (unsigned char)measure,
	                          (unsigned char)outcome, due, done};
}

static bool in_range(const rv_ctx *c, ehcp_date d)
{
	return d != EHCP_DATE_NONE && d >= c->from && d <= c->hi;
}

/* done by due, after it, or not (NONE) by the day seen from */
static int outcome_of(ehcp_date done, ehcp_date due)
{
	return done == EHCP_DATE_NONE ? O_OVERDUE : done <= due ? O_IN_TIME : O_LATE;
}

static ehcp_date seen(ehcp_date d, ehcp_date on)
{
	return d != EHCP_DATE_NONE && d <= on ? d : EHCP_DATE_NONE;
}

/* Whether a step due on `due` and done on `done` (NONE: not yet) is owed
 * by a plan: maintained on the day it fell due, or done while it was (a
 * decision to cease, say, with the plan ceasing on it).  A ceased plan
 * has no more reviews, nor the steps after them. */
static bool owed(const ehcp_plan_dates *d, ehcp_date due, ehcp_date done)
{
	return d->ceased == EHCP_DATE_NONE || d->ceased > due || (done != EHCP_DATE_NONE && done <= d->ceased);
}

static void plan_figures(rv_ctx *c, const rv_plan *p, const ehcp_review_dates *all, size_t nall)
{
	const ehcp_plan_dates *d = &p->d;
	/* the chain: the start, then the meetings from LO on (not the slow
	 * reviews read for the transfers alone) */
	size_t k0 = 0;
	while (k0 < nall && all[k0].meeting < c->lo)
		k0++;
	const ehcp_review_dates *w = all + k0;
	const size_t nw = nall - k0;

	/* each review due in the range, on a plan maintained on its day */
	for (size_t i = 0; i <= nw; i++) {
		const ehcp_date a = i == 0 ? d->start : w[i - 1].meeting;
		if (a > c->hi)
			break;
		const ehcp_date next = i < nw ? w[i].meeting : EHCP_DATE_NONE;
		const ehcp_date due = ehcp_review_due_after(d, a, next, c->as_of);
		if (!in_range(c, due) || (d->ceased != EHCP_DATE_NONE && d->ceased <= due))
			continue;
		const size_t k = period_of(c, due);
		const int out = outcome_of(next, due);
		int64_t *f = c->fig[k];
		f[F_DUE]++;
		f[out == O_IN_TIME ? F_IN_TIME : out == O_LATE ? F_LATE : F_OVERDUE]++;
		add_case(c, p, k, M_REVIEW, due, next, out);
		if (d->date_of_birth != EHCP_DATE_NONE && ehcp_review_nc_year(d->date_of_birth, d->year_offset, due) == 9) {
			f[F_Y9]++;
			f[F_Y9_IN_TIME] += out == O_IN_TIME;
			add_case(c, p, k, M_YEAR9, due, next, out);
		}
	}

	/* each meeting held in the range: its decision in 4 weeks, its amended
	 * plan in 12 (the board's measure, from the meeting), once due, and
	 * owed: not when the plan ceased by then with nothing made before */
	for (size_t i = 0; i < nw; i++) {
		const ehcp_date m = w[i].meeting;
		if (!in_range(c, m) || m + EHCP_DAYS_REVIEW_DECISION > c->as_of)
			continue;
		const size_t k = period_of(c, m);
		int64_t *f = c->fig[k];
		const ehcp_date ddue = m + EHCP_DAYS_REVIEW_DECISION, dd = seen(w[i].decision_date, c->as_of);
		if (owed(d, ddue, dd)) {
			f[F_DECISIONS]++;
			f[F_DECISIONS_IN_TIME] += outcome_of(dd, ddue) == O_IN_TIME;
			add_case(c, p, k, M_DECISION, ddue, dd, outcome_of(dd, ddue));
		}
		/* each judged on its own: an amended plan may come before the
		 * decision is dated */
		const ehcp_date adue = m + EHCP_DAYS_REVIEW_AMENDED_FROM_MEETING;
		if (dd != EHCP_DATE_NONE && w[i].decision == EHCP_REVIEW_AMEND && adue <= c->as_of &&
		    owed(d, adue, seen(w[i].amended, c->as_of))) {
			const ehcp_date ad = seen(w[i].amended, c->as_of);
			f[F_AMENDED]++;
			f[F_AMENDED_IN_TIME] += outcome_of(ad, adue) == O_IN_TIME;
			add_case(c, p, k, M_AMENDED, adue, ad, outcome_of(ad, adue));
		}
	}

	/* the phase transfers whose deadlines fall in the range, on a plan
	 * started and maintained then: its local one, then the national ones
	 * after it, as ehcp_review_next_transfer() takes them in turn.  A
	 * deadline falls in its transfer's calendar year, or (a move between
	 * post-16 institutions) 5 months before it, so the turns start after
	 * the year before the range's and stop after last_transfer; a local
	 * transfer before that start still leaves out the national ones before
	 * it, which are before the start too. */
	ehcp_date after = c->year_before;
	for (int turn = 0; turn < 4; turn++) {
		ehcp_phase_transfer t;
		ehcp_review_next_transfer(&t, d, after);
		if (t.kind == EHCP_TRANSFER_NONE || t.transfer > c->last_transfer)
			break;
		after = t.transfer;
		if (!in_range(c, t.deadline) || d->start > t.deadline || (d->ceased != EHCP_DATE_NONE && d->ceased <= t.deadline))
			continue;
		int j = 0;
		while (transfer_kinds[j] != t.kind)
			j++;
		ehcp_date met;
		const bool ok = ehcp_review_transfer_met(&t, all, nall, &met);
		const size_t k = period_of(c, t.deadline);
		c->fig[k][F_TRANSFER + 2 * j]++;
		c->fig[k][F_TRANSFER + 2 * j + 1] += ok;
		add_case(c, p, k, transfer_measures[j], t.deadline, met, ok ? O_MET : O_NOT_MET);
	}

	/* at each period's end (and the range's), maintained and overdue; the
	 * days come in order, and the due date changes only with the last
	 * meeting held and the transfer being seen */
	size_t held = 0, was_held = SIZE_MAX;
	bool moved = false, was_moved = false;
	/* --cases shows the due date, so it reads each plan's last meeting
	 * before LO, all[k0 - 1] (the largest before LO); the count is the same
	 * without it (review_report_sql.h) */
	const size_t before = c->cases && k0 > 0;
	ehcp_date due = EHCP_DATE_NONE;
	for (size_t k = 0; k <= c->np; k++) {
		const ehcp_date e = c->seen[k];
		if (d->start > e || (d->ceased != EHCP_DATE_NONE && d->ceased <= e))
			continue;
		c->fig[k][F_ACTIVE]++;
		while (held < nw && w[held].meeting <= e)
			held++;
		moved = d->transferred_in != EHCP_DATE_NONE && d->transferred_in <= e;
		if (held != was_held || moved != was_moved) {
			due = ehcp_review_next_due(d, w - before, held + before, e);
			was_held = held;
			was_moved = moved;
		}
		if (due < e) {
			c->fig[k][F_OVERDUE_AT_END]++;
			if (k < c->np)
				add_case(c, p, k, M_OVERDUE_AT_END, due, EHCP_DATE_NONE, O_OVERDUE);
		}
	}

	if (in_range(c, d->ceased)) {
		const size_t k = period_of(c, d->ceased);
		c->fig[k][F_CEASED]++;
		c->fig[k][F_CEASED + p->reason]++;
		add_case(c, p, k, M_CEASED, d->ceased, d->ceased, O_REASON + (int)p->reason);
	}
}

/* ---- the report ---- */

static void period_label(char *buf, size_t len, ehcp_date start, ehcp_report_period by)
{
	int y, m, d;
	ehcp_date_to_ymd(start, &y, &m, &d);
	if (by == EHCP_PERIOD_MONTH)
		snprintf(buf, len, "%04d-%02d", y, m);
	else if (by == EHCP_PERIOD_QUARTER)
		snprintf(buf, len, "%04d-Q%d", y, (m - 1) / 3 + 1);
	else
		snprintf(buf, len, "%04d", y);
}

static int set_text(ehcp_value *v, const char *s)
{
	*v = (ehcp_value){.type = EHCP_VALUE_TEXT};
	if (!(v->text = strdup(s)))
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	return 0;
}

static int name_columns(ehcp_report *r, const char *const *names, const ehcp_value_type *types)
{
	for (size_t i = 0; i < r->ncols; i++) {
		r->columns[i].type = types[i];
		if (!(r->columns[i].name = strdup(names[i])))
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	return 0;
}

static int summary(ehcp_report **out, const rv_ctx *c, const ehcp_report_options *o, ehcp_date on)
{
	const size_t nc = 1 + sizeof columns / sizeof columns[0];
	ehcp_report *r = ehcp_report_new(o, on, nc, c->np + 1);
	if (!r)
		return EHCP_ENOMEM;
	const char *names[1 + sizeof columns / sizeof columns[0]];
	ehcp_value_type types[1 + sizeof columns / sizeof columns[0]];
	names[0] = "period";
	types[0] = EHCP_VALUE_TEXT;
	for (size_t i = 1; i < nc; i++) {
		names[i] = columns[i - 1].name;
		types[i] = columns[i - 1].den >= 0 ? EHCP_VALUE_NUMBER : EHCP_VALUE_INT;
	}
	int err = name_columns(r, names, types);
	for (size_t k = 0; k <= c->np && err == 0; k++) {
		r->nrows = k + 1;   /* so that a failure frees what was made */
		ehcp_value *row = &r->values[k * nc];
		char label[32] = "total";
		if (k < c->np)
			period_label(label, sizeof label, c->start[k], c->by);
		err = set_text(&row[0], label);
		const int64_t *f = c->fig[k];
		for (size_t i = 1; i < nc && err == 0; i++) {
			const int num = columns[i - 1].num, den = columns[i - 1].den;
			if (den < 0) {
				row[i] = (ehcp_value){.type = EHCP_VALUE_INT, .i = f[num]};
			} else if (f[den] == 0) {
				row[i] = (ehcp_value){.type = EHCP_VALUE_NUMBER, .null = true};
			} else {
				/* 100 num / den to one place, half away from zero, as
				 * PostgreSQL's round() on numeric */
				row[i] = (ehcp_value){.type = EHCP_VALUE_NUMBER, .scale = 1,
				                      .i = (2000 * f[num] + f[den]) / (2 * f[den])};
			}
		}
	}
	if (err < 0) {
		ehcp_report_free(r);
		return err;
	}
	*out = r;
	return 0;
}

/* As the rows are read: by period, measure, due day, plan reference (bytes),
 * then the day done. */
static int by_case(const void *pa, const void *pb)
{
	const rv_case *a = pa, *b = pb;
	if (a->period != b->period)
		return a->period < b->period ? -1 : 1;
	if (a->measure != b->measure)
		return a->measure < b->measure ? -1 : 1;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	const int s = strcmp(a->ref, b->ref);
	if (s)
		return s;
	return a->done < b->done ? -1 : a->done > b->done;
}

static int cases(ehcp_report **out, rv_ctx *c, const ehcp_report_options *o, ehcp_date on)
{
	qsort(c->c, c->nc, sizeof *c->c, by_case);
	static const char *const names[] = {"period", "plan_ref", "measure", "due", "done", "outcome"};
	static const ehcp_value_type types[] = {EHCP_VALUE_TEXT, EHCP_VALUE_TEXT, EHCP_VALUE_TEXT,
	                                        EHCP_VALUE_DATE, EHCP_VALUE_DATE, EHCP_VALUE_TEXT};
	ehcp_report *r = ehcp_report_new(o, on, 6, c->nc);
	if (!r)
		return EHCP_ENOMEM;
	int err = name_columns(r, names, types);
	for (size_t i = 0; i < c->nc && err == 0; i++) {
		const rv_case *x = &c->c[i];
		r->nrows = i + 1;
		ehcp_value *row = &r->values[i * 6];
		char label[32];
		period_label(label, sizeof label, c->start[x->period], c->by);
		if ((err = set_text(&row[0], label)) < 0 || (err = set_text(&row[1], x->ref)) < 0 ||
		    (err = set_text(&row[2], measure_names[x->measure])) < 0)
			break;
		row[3] = (ehcp_value){.type = EHCP_VALUE_DATE, .date = x->due};
		row[4] = (ehcp_value){.type = EHCP_VALUE_DATE, .date = x->done, .null = x->done == EHCP_DATE_NONE};
		if (x->outcome >= O_REASON && x->outcome == O_REASON + EHCP_CEASE_NONE)
			row[5] = (ehcp_value){.type = EHCP_VALUE_TEXT, .null = true};
		else
			err = set_text(&row[5], x->outcome >= O_REASON
			                            ? ehcp_cease_reason_name((ehcp_cease_reason)(x->outcome - O_REASON))
			                            : outcome_names[x->outcome]);
	}
	if (err < 0) {
		ehcp_report_free(r);
		return err;
	}
	*out = r;
	return 0;
}

int ehcp_review_report_run(ehcp_report **out, ehcp_store *s, const ehcp_report_options *o, ehcp_date on)
{
	rv_ctx c = {.from = o->from, .as_of = on, .by = o->by, .cases = o->cases};
	c.hi = o->to < on ? o->to : on;
	c.year_before = ehcp_date_year_start(o->from) - 1;
	c.last_year_end = ehcp_date_add_months_start(ehcp_date_year_start(c.hi), 12) - 1;
	/* the later of that and the end of the month 5 months after hi */
	c.last_transfer = ehcp_date_add_months_start(c.hi, EHCP_RULE_POST16_MOVE_MONTHS + 1) - 1;
	if (c.last_transfer < c.last_year_end)
		c.last_transfer = c.last_year_end;
	if ((unsigned)c.by > EHCP_PERIOD_YEAR)
		c.by = EHCP_PERIOD_MONTH;
	/* the periods: from the one holding the first day to the last day */
	c.first = period_start(o->from, c.by);
	int y0, m0, y1, m1, day;
	ehcp_date_to_ymd(c.first, &y0, &m0, &day);
	ehcp_date_to_ymd(o->to, &y1, &m1, &day);
	c.np = (size_t)(((y1 - y0) * 12 + (m1 - m0)) / months_of(c.by)) + 1;
	if (c.np > UINT16_MAX)
		return ehcp_fail(EHCP_EINVALID, "the report's range holds too many periods");
	c.start = calloc(c.np + 1, sizeof *c.start);
	c.seen = calloc(c.np + 1, sizeof *c.seen);
	c.fig = calloc(c.np + 1, sizeof *c.fig);
	rv_register *g = calloc(1, sizeof *g);
	int err = 0;
	if (!c.start || !c.seen || !c.fig || !g)
		err = ehcp_fail(EHCP_ENOMEM, "out of memory");
	for (size_t k = 0; k < c.np && err == 0; k++) {
		c.start[k] = ehcp_date_add_months_start(c.first, (int)k * months_of(c.by));
		const ehcp_date stop = ehcp_date_add_months_start(c.first, (int)(k + 1) * months_of(c.by)) - 1;
		c.seen[k] = stop < o->to ? (stop < on ? stop : on) : (o->to < on ? o->to : on);
	}
	c.seen[c.np] = c.hi;
	if (err == 0)
		err = read_register(g, s, o, on, &c.lo);
	if (err == 0) {
		c.g = g;
		rv_join j = {0};
		for (size_t i = 0; i < RV_BUCKETS && err == 0; i++) {
			rv_bucket *b = &g->b[i];
			if ((err = join_bucket(&j, b)) < 0)
				break;
			for (size_t k = 0; k < b->np; k++)
				plan_figures(&c, &b->plans[k], j.rv + b->plans[k].first, b->plans[k].n);
			/* what the bucket read is done with */
			chunks_free(b);
			err = c.err;
		}
		free(j.slot);
		free(j.owner);
		free(j.rv);
		/* the total: every flow of the range; the stocks at its end */
		for (size_t k = 0; k < c.np && err == 0; k++)
			for (int f = 0; f < F_COUNT; f++)
				if (f != F_OVERDUE_AT_END && f != F_ACTIVE)
					c.fig[c.np][f] += c.fig[k][f];
	}
	if (err == 0)
		err = o->cases ? cases(out, &c, o, on) : summary(out, &c, o, on);
	register_free(g);
	free(c.start);
	free(c.seen);
	free(c.fig);
	free(c.c);
	return err < 0 ? err : 0;
}
