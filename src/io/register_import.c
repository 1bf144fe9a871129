/* Importing plans.csv and reviews.csv: read and check every row, stage the
 * good ones with COPY, check clashes in SQL, check each plan with all of
 * its reviews (stored and imported) by ehcp_plan_validate(), and write
 * only if nothing was bad. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "core/plan_internal.h"
#include "core/text.h"
#include "db/copy.h"
#include "db/register_sql.h"
#include "db/store_internal.h"
#include "ehcp/register.h"
#include "io/csv.h"
#include "sys/uuid7.h"

#define PROGRESS_EVERY 20000

enum { F_PLANS, F_REVIEWS, F_COUNT };
static const char *const file_name[F_COUNT] = {"plans", "reviews"};

/* reviews.csv's columns: plan_ref, then ehcp_review_fields */
#define REVIEW_COLUMNS (1 + EHCP_REVIEW_FIELD_COUNT)

/* ---- bad rows ---- */

typedef struct {
	int file;
	uint64_t line;
	uint64_t seq;
	char *msg;
} bad;

/* Which lines are bad, one bit a line, per file: a row may be named by
 * several checks, and is counted once.  Allocated only when a row is bad. */
typedef struct {
	unsigned char *bits;
	size_t cap; /* bytes */
	uint64_t count;
} line_set;

typedef struct {
	bad *list;
	size_t count, cap, max;
	uint64_t dropped; /* messages beyond max */
	uint64_t seq;
	line_set lines[F_COUNT];
} bad_list;

static int mark_line(line_set *s, uint64_t line)
{
	size_t byte = (size_t)(line / 8);
	if (byte >= s->cap) {
		size_t cap = s->cap ? s->cap : 1024;
		while (cap <= byte)
			cap *= 2;
		unsigned char *p = realloc(s->bits, cap);
		if (!p)
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
		memset(p + s->cap, 0, cap - s->cap);
		s->bits = p;
		s->cap = cap;
	}
	unsigned char bit = (unsigned char)(1u << (line % 8));
	if (!(s->bits[byte] & bit)) {
		s->bits[byte] |= bit;
		s->count++;
	}
	return 0;
}

static int bad_add(bad_list *b, int file, uint64_t line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int bad_add(bad_list *b, int file, uint64_t line, const char *fmt, ...)
{
	int err = mark_line(&b->lines[file], line);
	if (err)
		return err;
	if (b->count == b->max) {
		b->dropped++;
		return 0;
	}
	if (b->count == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		bad *p = realloc(b->list, cap * sizeof *p);
		if (!p)
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
		b->list = p;
		b->cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	int n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	b->list[b->count++] = (bad){file, line, b->seq++, msg};
	return 0;
}

static int bad_cmp(const void *a, const void *b)
{
	const bad *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static uint64_t bad_rows(const bad_list *b) { return b->lines[F_PLANS].count + b->lines[F_REVIEWS].count; }

static void bad_free(bad_list *b)
{
	for (size_t i = 0; i < b->count; i++)
		free(b->list[i].msg);
	free(b->list);
	for (int f = 0; f < F_COUNT; f++)
		free(b->lines[f].bits);
}

/* The last error: a summary line, then every problem, plans first. */
static int bad_report(bad_list *b)
{
	qsort(b->list, b->count, sizeof *b->list, bad_cmp);
	uint64_t n = bad_rows(b);
	ehcp_fail(EHCP_EINVALID, "%llu bad row%s; nothing was imported:", (unsigned long long)n, n == 1 ? "" : "s");
	for (size_t i = 0; i < b->count; i++)
		ehcp_error_append("%s", b->list[i].msg);
	if (b->dropped)
		ehcp_error_append("... and %llu more problems", (unsigned long long)b->dropped);
	return EHCP_EINVALID;
}

/* A plans row's own problem, "plans line 7, " before it. */
typedef struct {
	bad_list *b;
	uint64_t line;
	int err;
} row_problems;

static void row_problem(void *ctx, const char *msg)
{
	row_problems *rp = ctx;
	if (rp->err == 0)
		rp->err = bad_add(rp->b, F_PLANS, rp->line, "%s line %llu, %s", file_name[F_PLANS], (unsigned long long)rp->line,
		                  msg);
}

/* ---- COPY ---- */

/* ---- the header ---- */

typedef struct {
	int file;
	const char *const *names; /* the file's columns, in the doc's order */
	int count;
	const char *const *required;
	ehcp_csv *csv;
	int col_field[EHCP_CSV_FIELDS_MAX];
	size_t ncols;
	uint64_t bytes_before; /* of the files read earlier, for progress */
} input;

static const char *const plan_required[] = {"plan_ref", "plan_start_date", NULL};
static const char *const review_columns[REVIEW_COLUMNS + 1] = {
    "plan_ref", "meeting_date", "invitations_date", "report_date", "decision", "decision_date",
    "amendments_proposed_date", "amended_plan_date", NULL};
static const char *const review_required[] = {"plan_ref", "meeting_date", NULL};

/* Problems with a header are listed like the tracker's ("plans line 1:
 * unknown column ..."), both files' together, before any row is read. */
static int header_problem(int *problems, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int header_problem(int *problems, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if ((*problems)++ == 0)
		ehcp_fail(EHCP_EINVALID, "%s", msg);
	else
		ehcp_error_append("%s", msg);
	return EHCP_EINVALID;
}

static int read_header(input *in, int *problems)
{
	const char *fname = file_name[in->file];
	size_t n;
	const char *const *fields;
	const size_t *lens;
	int r = ehcp_csv_next(in->csv, &n, &fields, &lens);
	if (r == EHCP_EINVALID) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", ehcp_error_last());
		return header_problem(problems, "%s %s", fname, msg);
	}
	if (r < 0)
		return r;
	if (r == 0)
		return header_problem(problems, "%s: the file is empty: expected a header row naming the columns", fname);
	int seen[16] = {0};
	int before = *problems;
	for (size_t i = 0; i < n; i++) {
		const char *name = fields[i];
		size_t len = lens[i];
		ehcp_text_trim(&name, &len);
		int f = -1;
		for (int k = 0; k < in->count; k++)
			if (strlen(in->names[k]) == len && memcmp(in->names[k], name, len) == 0)
				f = k;
		char shown[48];
		ehcp_text_shown(shown, sizeof shown, name, len);
		if (f < 0)
			header_problem(problems, "%s line 1: unknown column \"%s\" (column %zu)", fname, shown, i + 1);
		else if (seen[f])
			header_problem(problems, "%s line 1: column %s appears twice (columns %d and %zu)", fname, shown, seen[f],
			               i + 1);
		else
			seen[f] = (int)i + 1;
		in->col_field[i] = f;
	}
	for (const char *const *req = in->required; *req; req++) {
		int f = 0;
		while (strcmp(in->names[f], *req) != 0)
			f++;
		if (!seen[f])
			header_problem(problems, "%s line 1: the required column %s is missing", fname, *req);
	}
	in->ncols = n;
	return *problems > before ? EHCP_EINVALID : 0;
}

/* ---- rows ---- */

typedef struct {
	ehcp_store *s;
	const ehcp_import_options *opts;
	ehcp_date today;
	bad_list bads;
	ehcp_copy *out;
	ehcp_plan *plan;
	uint64_t rows; /* of both files, for progress */
} importer;

static int stage_plan(importer *im, uint64_t line, const ehcp_plan *p, bool ok)
{
	char num[24], id[37], buf[EHCP_FIELD_TEXT_MAX];
	ehcp_uuid_v7(id);
	snprintf(num, sizeof num, "%llu", (unsigned long long)line);
	int err = ehcp_copy_value(im->out, num, false);
	if (err == 0)
		err = ehcp_copy_value(im->out, id, false);
	if (err == 0)
		err = ehcp_copy_value(im->out, ok ? "t" : "f", false);
	for (int f = 0; f < EHCP_PLAN_FIELD_COUNT && err == 0; f++)
		err = ehcp_copy_value(im->out, ok || f == 0 ? ehcp_plan_get_field_at(p, f, buf) : "", f == EHCP_PLAN_FIELD_COUNT - 1);
	return err;
}

static int stage_review(importer *im, uint64_t line, const char *plan_ref, const ehcp_review_dates *r)
{
	char num[24], buf[EHCP_FIELD_TEXT_MAX];
	snprintf(num, sizeof num, "%llu", (unsigned long long)line);
	int err = ehcp_copy_value(im->out, num, false);
	if (err == 0)
		err = ehcp_copy_value(im->out, plan_ref, false);
	for (int f = 0; f < EHCP_REVIEW_FIELD_COUNT && err == 0; f++)
		err = ehcp_copy_value(im->out, ehcp_review_get_field_at(r, f, buf), f == EHCP_REVIEW_FIELD_COUNT - 1);
	return err;
}

/* One data row: checked, and staged if good (a bad plans row with a
 * readable plan_ref is staged as bad). */
static int take_row(importer *im, input *in, uint64_t line, size_t n, const char *const *fields, const size_t *lens)
{
	bad_list *b = &im->bads;
	const char *fname = file_name[in->file];
	uint64_t before = b->lines[in->file].count;
	if (n != in->ncols)
		return bad_add(b, in->file, line, "%s line %llu: %zu fields, but the header has %zu", fname,
		               (unsigned long long)line, n, in->ncols);
	int err = 0;
	ehcp_plan *p = im->plan;
	ehcp_plan_reset(p);
	ehcp_review_dates r = EHCP_REVIEW_DATES_INIT;
	for (size_t i = 0; i < n && err == 0; i++) {
		int f = in->col_field[i];
		int rc = in->file == F_PLANS ? ehcp_plan_set_field_at(p, f, fields[i], lens[i])
		         : f == 0            ? ehcp_plan_set_field_at(p, 0, fields[i], lens[i]) /* plan_ref, as plans.csv's */
		                             : ehcp_review_set_field_at(&r, f - 1, fields[i], lens[i]);
		/* the message begins with the field's name: "plan_start_date: ..." */
		if (rc < 0)
			err = bad_add(b, in->file, line, "%s line %llu, %s", fname, (unsigned long long)line, ehcp_error_last());
	}
	if (err)
		return err;
	bool ok = b->lines[in->file].count == before;
	if (in->file == F_PLANS) {
		/* the plan on its own; with its reviews once all are staged */
		if (ok) {
			row_problems rp = {b, line, 0};
			if (ehcp_plan_problems(p, im->today, row_problem, &rp) > 0)
				ok = false;
			if ((err = rp.err) < 0)
				return err;
		}
		if (p->plan_ref[0])
			err = stage_plan(im, line, p, ok);
	} else if (ok) {
		err = stage_review(im, line, p->plan_ref, &r);
	}
	return err;
}

/* The reader's message ("cannot read FILE at line N: ..."), saying that
 * none of the files was taken. */
static int unreadable(int err)
{
	if (err != EHCP_EOS)
		return err;
	char msg[1024];
	snprintf(msg, sizeof msg, "%s", ehcp_error_last());
	return ehcp_fail(err, "%s; nothing was imported", msg);
}

static int read_rows(importer *im, input *in, ehcp_import_result *result, const char *copy_sql)
{
	int err = ehcp_copy_start(im->s->conn, copy_sql);
	if (err)
		return err;
	for (;;) {
		size_t n;
		const char *const *fields;
		const size_t *lens;
		int r = ehcp_csv_next(in->csv, &n, &fields, &lens);
		if (r < 0 && r != EHCP_EINVALID) {
			/* The file could not be read (or memory ran out): the rows
			 * seen may be only part of it, so this is not a bad row. */
			err = unreadable(r);
			break;
		}
		if (r < 0) {
			/* The file cannot be read on: what came before still counts. */
			char msg[300];
			snprintf(msg, sizeof msg, "%s", ehcp_error_last());
			err = bad_add(&im->bads, in->file, ehcp_csv_line(in->csv), "%s %s", file_name[in->file], msg);
			break;
		}
		if (r == 0)
			break;
		result->rows++;
		im->rows++;
		if ((err = take_row(im, in, ehcp_csv_line(in->csv), n, fields, lens)) < 0)
			break;
		if (im->opts->progress && im->rows % PROGRESS_EVERY == 0)
			im->opts->progress(im->opts->progress_ctx, im->rows, in->bytes_before + ehcp_csv_bytes(in->csv));
	}
	if (err) {
		ehcp_copy_abandon(im->s->conn);
		return err;
	}
	return ehcp_copy_end(im->out);
}

/* ---- checks in SQL ---- */

static int clashes(importer *im, int file)
{
	const char *params[1] = {im->opts->update ? "true" : "false"};
	const char *sql = file == F_PLANS ? EHCP_SQL_REGISTER_PLAN_CLASHES : EHCP_SQL_REGISTER_REVIEW_CLASHES;
	PGresult *res = ehcp_sql(im->s->conn, "cannot check the register's references", sql, 1, params, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	int err = 0;
	const char *f = file_name[file];
	for (int i = 0; i < PQntuples(res) && err == 0; i++) {
		unsigned long long line = strtoull(PQgetvalue(res, i, 0), NULL, 10);
		const char *kind = PQgetvalue(res, i, 1);
		unsigned long long other = strtoull(PQgetvalue(res, i, 2), NULL, 10);
		if (strcmp(kind, "ref_twice") == 0)
			err = bad_add(&im->bads, file, line, "%s line %llu, plan_ref: the same plan_ref as line %llu", f, line, other);
		else if (strcmp(kind, "case_twice") == 0)
			err = bad_add(&im->bads, file, line, "%s line %llu, case_ref: the same case_ref as line %llu", f, line, other);
		else if (strcmp(kind, "case_taken") == 0)
			err = bad_add(&im->bads, file, line, "%s line %llu, case_ref: another plan in the register has this case_ref",
			              f, line);
		else if (strcmp(kind, "plan_refused") == 0)
			err = bad_add(&im->bads, file, line, "%s line %llu, plan_ref: the plan's row is refused (plans line %llu)", f,
			              line, other);
		else if (strcmp(kind, "no_plan") == 0)
			err = bad_add(&im->bads, file, line, "%s line %llu, plan_ref: no such plan in the register or in plans.csv",
			              f, line);
		else if (strcmp(kind, "meeting_twice") == 0)
			err = bad_add(&im->bads, file, line,
			              "%s line %llu, meeting_date: the same plan_ref and meeting_date as line %llu", f, line, other);
		else if (file == F_PLANS)
			err = bad_add(&im->bads, file, line,
			              "%s line %llu, plan_ref: the plan exists already (import with --update to change it)", f, line);
		else
			err = bad_add(&im->bads, file, line,
			              "%s line %llu, meeting_date: the plan has a review that day already (import with --update to "
			              "change it)",
			              f, line);
	}
	PQclear(res);
	return err;
}

/* ---- each plan with all of its reviews ---- */

typedef struct {
	uint64_t plan_line;  /* 0: the plan is stored and not in plans.csv */
	uint64_t *lines;     /* each review's line in reviews.csv, 0 if stored; by index */
	size_t cap;
} plan_lines;

typedef struct {
	importer *im;
	const ehcp_plan *p;
	const plan_lines *pl;
	int err;
} routing;

/* One problem, to the row it concerns: "review YYYY-MM-DD field: reason"
 * to its reviews row, or (a stored review) to the plans row that changed
 * the plan under it.  The plan's own were named when its row was read. */
static void route(void *ctx, const char *msg)
{
	routing *rt = ctx;
	ehcp_date meeting;
	if (rt->err || strncmp(msg, "review ", 7) != 0 || strlen(msg) < 18 ||
	    ehcp_date_parse_iso(&meeting, msg + 7, 10, NULL, 0) < 0)
		return;
	uint64_t line = 0;
	for (size_t i = 0; i < rt->p->review_count; i++)
		if (rt->p->reviews[i].meeting == meeting)
			line = rt->pl->lines[i];
	if (line)
		rt->err = bad_add(&rt->im->bads, F_REVIEWS, line, "reviews line %llu, %s", (unsigned long long)line, msg + 18);
	else if (rt->pl->plan_line)
		rt->err = bad_add(&rt->im->bads, F_PLANS, rt->pl->plan_line, "plans line %llu, %s",
		                  (unsigned long long)rt->pl->plan_line, msg);
}

/* The plan's problems, each given to the row it concerns. */
static int check_plan(importer *im, const ehcp_plan *p, const plan_lines *pl)
{
	routing rt = {im, p, pl, 0};
	ehcp_plan_problems(p, im->today, route, &rt);
	return rt.err;
}

static uint64_t line_of(const PGresult *res, int row)
{
	return PQgetisnull(res, row, 3) ? 0 : strtoull(PQgetvalue(res, row, 3), NULL, 10);
}

/* The cursor's rows: a plan row (its fields), then its reviews. */
static int check_plans(importer *im)
{
	PGconn *conn = im->s->conn;
	int err = ehcp_sql_exec(conn, "cannot check the plans with their reviews", EHCP_SQL_REGISTER_CHECK_CURSOR);
	if (err)
		return err;
	ehcp_plan *p = NULL;
	plan_lines pl = {0};
	bool have = false;
	if ((err = ehcp_plan_new(&p)) < 0)
		return err;
	for (;;) {
		PGresult *res = ehcp_sql(conn, "cannot check the plans with their reviews", EHCP_SQL_REGISTER_CHECK_FETCH, 0,
		                         NULL, PGRES_TUPLES_OK);
		if (!res) {
			err = EHCP_EDB;
			break;
		}
		int n = PQntuples(res);
		for (int i = 0; i < n && err == 0; i++) {
			if (PQgetvalue(res, i, 1)[0] == '0') {
				if (have)
					err = check_plan(im, p, &pl);
				ehcp_plan_reset(p);
				pl.plan_line = line_of(res, i);
				have = true;
				for (int f = 0; f < EHCP_PLAN_FIELD_COUNT && err == 0; f++) {
					const char *v = PQgetvalue(res, i, 4 + f);
					if (ehcp_plan_set_field_at(p, f, v, strlen(v)) < 0)
						err = ehcp_fail(EHCP_EDB, "a stored plan cannot be read back: %s", ehcp_error_last());
				}
				continue;
			}
			/* a review belongs to the plan row before it (the query
			 * gives no other; a stray one would be checked wrongly) */
			if (!have || strcmp(PQgetvalue(res, i, 0), p->plan_ref) != 0)
				continue;
			ehcp_review_dates r = EHCP_REVIEW_DATES_INIT;
			for (int f = 0; f < EHCP_REVIEW_FIELD_COUNT && err == 0; f++) {
				const char *v = PQgetvalue(res, i, 4 + f);
				if (ehcp_review_set_field_at(&r, f, v, strlen(v)) < 0)
					err = ehcp_fail(EHCP_EDB, "a stored review cannot be read back: %s", ehcp_error_last());
			}
			if (err == 0 && p->review_count == pl.cap) {
				size_t cap = pl.cap ? pl.cap * 2 : 16;
				uint64_t *grown = realloc(pl.lines, cap * sizeof *grown);
				if (!grown)
					err = ehcp_fail(EHCP_ENOMEM, "out of memory");
				else {
					pl.lines = grown;
					pl.cap = cap;
				}
			}
			/* in meeting order, each day once: appended at the end */
			if (err == 0 && (err = ehcp_plan_add_review(p, &r)) == 0)
				pl.lines[p->review_count - 1] = line_of(res, i);
		}
		PQclear(res);
		if (err || n == 0)
			break;
	}
	if (err == 0 && have)
		err = check_plan(im, p, &pl);
	if (err == 0)
		err = ehcp_sql_exec(conn, "cannot check the plans with their reviews", EHCP_SQL_REGISTER_CHECK_CLOSE);
	ehcp_plan_free(p);
	free(pl.lines);
	return err;
}

/* ---- writing ---- */

static int write_file(PGconn *conn, ehcp_import_result *r, const char *existing_sql, const char *update_sql,
                      const char *insert_sql, const char *what)
{
	int err = 0;
	uint64_t existing = ehcp_sql_count(conn, what, existing_sql, &err);
	if (err)
		return err;
	if (existing) {
		r->updated = ehcp_sql_count(conn, what, update_sql, &err);
		if (err)
			return err;
		r->unchanged = existing - r->updated;
	}
	PGresult *res = ehcp_sql(conn, what, insert_sql, 0, NULL, PGRES_COMMAND_OK);
	if (!res)
		return EHCP_EDB;
	r->created = strtoull(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return 0;
}

int ehcp_register_import(ehcp_import_result *plans, ehcp_import_result *reviews, ehcp_store *s, FILE *plans_in,
                         FILE *reviews_in, const ehcp_import_options *opts)
{
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_import_options, opts, EHCP_IMPORT_OPTIONS_INIT, EHCP_IMPORT_OPTIONS_VERSION);
	if (!plans || !reviews || !s || (!plans_in && !reviews_in))
		return ehcp_fail(EHCP_EINVALID, "an import needs results, a store and a plans or reviews file");
	memset(plans, 0, sizeof *plans);
	memset(reviews, 0, sizeof *reviews);

	importer im = {.s = s, .opts = opts};
	im.today = opts->today != EHCP_DATE_NONE ? opts->today : ehcp_date_today();
	im.bads.max = opts->max_errors ? opts->max_errors : 1000;
	input ins[F_COUNT] = {
	    {.file = F_PLANS, .names = ehcp_plan_fields, .count = EHCP_PLAN_FIELD_COUNT, .required = plan_required},
	    {.file = F_REVIEWS, .names = review_columns, .count = REVIEW_COLUMNS, .required = review_required},
	};
	FILE *files[F_COUNT] = {plans_in, reviews_in};
	ehcp_import_result *results[F_COUNT] = {plans, reviews};
	static const char *const copies[F_COUNT] = {EHCP_SQL_REGISTER_COPY_PLANS, EHCP_SQL_REGISTER_COPY_REVIEWS};
	int err = 0, problems = 0;

	if ((err = ehcp_plan_new(&im.plan)) < 0)
		goto done;
	for (int f = 0; f < F_COUNT; f++) {
		if (!files[f])
			continue;
		if ((err = ehcp_csv_new(&ins[f].csv, files[f])) < 0)
			goto done;
		err = read_header(&ins[f], &problems);
		if (err < 0 && err != EHCP_EINVALID) {
			err = unreadable(err);
			goto done;
		}
	}
	if (problems) {
		err = EHCP_EINVALID;
		goto done;
	}
	if (!(im.out = malloc(sizeof *im.out))) {
		err = ehcp_fail(EHCP_ENOMEM, "out of memory");
		goto done;
	}
	im.out->conn = s->conn;
	im.out->len = 0;

	if ((err = ehcp_sql_begin(s)) < 0)
		goto done;
	if ((err = ehcp_sql_exec(s->conn, "cannot prepare the import", EHCP_SQL_REGISTER_STAGING_DROP)) < 0 ||
	    (err = ehcp_sql_exec(s->conn, "cannot prepare the import", EHCP_SQL_REGISTER_STAGING_PLANS)) < 0 ||
	    (err = ehcp_sql_exec(s->conn, "cannot prepare the import", EHCP_SQL_REGISTER_STAGING_REVIEWS)) < 0)
		goto done;
	uint64_t bytes = 0;
	for (int f = 0; f < F_COUNT; f++) {
		if (!files[f])
			continue;
		ins[f].bytes_before = bytes;
		if ((err = read_rows(&im, &ins[f], results[f], copies[f])) < 0)
			goto done;
		bytes += ehcp_csv_bytes(ins[f].csv);
	}
	if (opts->progress)
		opts->progress(opts->progress_ctx, im.rows, bytes);

	if ((err = ehcp_sql_exec(s->conn, "cannot prepare the import", EHCP_SQL_REGISTER_ANALYZE_PLANS)) < 0 ||
	    (err = ehcp_sql_exec(s->conn, "cannot prepare the import", EHCP_SQL_REGISTER_ANALYZE_REVIEWS)) < 0 ||
	    (err = clashes(&im, F_PLANS)) < 0 || (err = clashes(&im, F_REVIEWS)) < 0 || (err = check_plans(&im)) < 0)
		goto done;
	if (bad_rows(&im.bads)) {
		plans->bad_rows = im.bads.lines[F_PLANS].count;
		reviews->bad_rows = im.bads.lines[F_REVIEWS].count;
		err = bad_report(&im.bads);
		goto done;
	}
	/* plans before reviews: a review may belong to a plan made here */
	if ((err = write_file(s->conn, plans, EHCP_SQL_REGISTER_PLANS_EXISTING, EHCP_SQL_REGISTER_PLANS_UPDATE,
	                      EHCP_SQL_REGISTER_PLANS_INSERT, "cannot store the plans")) < 0 ||
	    (err = write_file(s->conn, reviews, EHCP_SQL_REGISTER_REVIEWS_EXISTING, EHCP_SQL_REGISTER_REVIEWS_UPDATE,
	                      EHCP_SQL_REGISTER_REVIEWS_INSERT, "cannot store the reviews")) < 0)
		goto done;
	if (opts->dry_run)
		ehcp_sql_rollback(s);
	else
		err = ehcp_sql_commit(s);

done:
	if (err < 0)
		ehcp_sql_rollback(s);
	bad_free(&im.bads);
	for (int f = 0; f < F_COUNT; f++)
		ehcp_csv_free(ins[f].csv);
	ehcp_plan_free(im.plan);
	free(im.out);
	return err;
}
