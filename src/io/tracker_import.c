/* Importing the tracker CSV: read, check every row, stage the good ones
 * with COPY, check clashes in SQL, and write only if nothing was bad. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>


#include "core/case_internal.h"
#include "db/case_sql.h"
#include "db/copy.h"
#include "io/csv.h"
#include "ehcp/tracker.h"
#include "core/errors_internal.h"
#include "sys/uuid7.h"
#include "db/store_internal.h"
#include "core/text.h"

#define PROGRESS_EVERY 20000

typedef struct {
	uint64_t line;
	uint64_t seq;
	char *msg;
} bad;

typedef struct {
	bad *list;
	size_t count, cap, max;
	uint64_t dropped;     /* messages beyond max */
	uint64_t bad_rows;
	uint64_t last_bad_line;
	uint64_t seq;
} bad_list;

static int bad_add(bad_list *b, uint64_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int bad_add(bad_list *b, uint64_t line, const char *fmt, ...)
{
	if (line != b->last_bad_line) {
		b->bad_rows++;
		b->last_bad_line = line;
	}
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
	b->list[b->count++] = (bad){line, b->seq++, msg};
	return 0;
}

static int bad_cmp(const void *a, const void *b)
{
	const bad *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void bad_free(bad_list *b)
{
	for (size_t i = 0; i < b->count; i++)
		free(b->list[i].msg);
	free(b->list);
}

/* The last error: a summary line, then every bad row's problems. */
static int bad_report(bad_list *b)
{
	qsort(b->list, b->count, sizeof *b->list, bad_cmp);
	ehcp_fail(EHCP_EINVALID, "%llu bad row%s; nothing was imported:", (unsigned long long)b->bad_rows,
	          b->bad_rows == 1 ? "" : "s");
	for (size_t i = 0; i < b->count; i++)
		ehcp_error_append("%s", b->list[i].msg);
	if (b->dropped)
		ehcp_error_append("... and %llu more problems", (unsigned long long)b->dropped);
	return EHCP_EINVALID;
}

/* ---- COPY ---- */

/* A row to stage: a good one whole; with whole false, a bad row's line
 * and case_ref alone, so that a later row with the same case_ref is named
 * too (or this one, if its case exists).  With any bad row the import
 * writes nothing, so only the clash check reads those. */
static int copy_case(ehcp_copy *out, uint64_t line, const ehcp_case *c, bool whole)
{
	char num[24], id[37], buf[EHCP_FIELD_TEXT_MAX];
	ehcp_uuid_v7(id);   /* the staging table's key, a bad row's too */
	snprintf(num, sizeof num, "%llu", (unsigned long long)line);
	int err = ehcp_copy_value(out, num, false);
	if (err == 0)
		err = ehcp_copy_value(out, id, false);
	const int ref = whole ? -1 : ehcp_case_field_index("case_ref");   /* not looked up per good row */
	for (int f = 0; f < EHCP_CASE_CSV_FIELDS && err == 0; f++)
		err = ehcp_copy_value(out, whole ? ehcp_case_get_field_at(c, f, buf) : f == ref ? c->case_ref : "",
		                      f == EHCP_CASE_CSV_FIELDS - 1);
	return err;
}

/* ---- the header ---- */

static int read_header(ehcp_csv *csv, int col_field[EHCP_CSV_FIELDS_MAX], size_t *ncols)
{
	size_t n;
	const char *const *fields;
	const size_t *lens;
	int r = ehcp_csv_next(csv, &n, &fields, &lens);
	if (r < 0)
		return r;
	if (r == 0)
		return ehcp_fail(EHCP_EINVALID, "the file is empty: expected a header row naming the columns");
	int seen[EHCP_CASE_CSV_FIELDS];
	for (int f = 0; f < EHCP_CASE_CSV_FIELDS; f++)
		seen[f] = 0;
	int problems = 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = fields[i];
		size_t len = lens[i];
		ehcp_text_trim(&name, &len);
		int f = -1;
		for (int k = 0; k < EHCP_CASE_CSV_FIELDS; k++)
			if (strlen(ehcp_case_fields[k]) == len && memcmp(ehcp_case_fields[k], name, len) == 0)
				f = k;
		char shown[48];
		ehcp_text_shown(shown, sizeof shown, name, len);
		if (f < 0) {
			if (problems++ == 0)
				ehcp_fail(EHCP_EINVALID, "line 1: unknown column \"%s\" (column %zu)", shown, i + 1);
			else
				ehcp_error_append("line 1: unknown column \"%s\" (column %zu)", shown, i + 1);
		} else if (seen[f]) {
			if (problems++ == 0)
				ehcp_fail(EHCP_EINVALID, "line 1: column %s appears twice (columns %d and %zu)", shown, seen[f], i + 1);
			else
				ehcp_error_append("line 1: column %s appears twice (columns %d and %zu)", shown, seen[f], i + 1);
		} else {
			seen[f] = (int)i + 1;
		}
		col_field[i] = f;
	}
	static const char *const required[] = {"case_ref", "request_date"};
	for (size_t k = 0; k < 2; k++) {
		if (!seen[ehcp_case_field_index(required[k])]) {
			if (problems++ == 0)
				ehcp_fail(EHCP_EINVALID, "line 1: the required column %s is missing", required[k]);
			else
				ehcp_error_append("line 1: the required column %s is missing", required[k]);
		}
	}
	*ncols = n;
	return problems ? EHCP_EINVALID : 0;
}

/* ---- rows ---- */

static int check_row(bad_list *bads, ehcp_case *c, uint64_t line, size_t n, const char *const *fields,
                     const size_t *lens, const int *col_field, size_t ncols, ehcp_date today, bool *ok)
{
	int err = 0;
	uint64_t before = bads->bad_rows;
	ehcp_case_reset(c);
	if (n != ncols) {
		*ok = false;
		return bad_add(bads, line, "line %llu: %zu fields, but the header has %zu", (unsigned long long)line, n, ncols);
	}
	for (size_t i = 0; i < n && err == 0; i++) {
		if (ehcp_case_set_field_at(c, col_field[i], fields[i], lens[i]) < 0) {
			/* the message begins with the field's name: "request_date: ..." */
			err = bad_add(bads, line, "line %llu, %s", (unsigned long long)line, ehcp_error_last());
		}
	}
	if (err == 0 && bads->bad_rows == before) {
		ehcp_problem p[16];
		size_t np = ehcp_case_problems(p, 16, c, today);
		for (size_t i = 0; i < np && i < 16 && err == 0; i++)
			err = bad_add(bads, line, "line %llu, %s: %s", (unsigned long long)line, p[i].field, p[i].message);
	}
	*ok = bads->bad_rows == before;
	return err;
}

static int clashes(PGconn *conn, bad_list *bads, bool update)
{
	const char *params[1] = {update ? "true" : "false"};
	PGresult *res = ehcp_sql(conn, "cannot check case references", EHCP_SQL_IMPORT_CLASHES, 1, params, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	int err = 0;
	for (int i = 0; i < PQntuples(res) && err == 0; i++) {
		unsigned long long line = strtoull(PQgetvalue(res, i, 0), NULL, 10);
		unsigned long long first = strtoull(PQgetvalue(res, i, 1), NULL, 10);
		bool exists = PQgetvalue(res, i, 2)[0] == 't';
		/* these come in their own order; a row already bad is counted once */
		bads->last_bad_line = PQgetvalue(res, i, 3)[0] == 't' ? line : 0;
		if (line != first)
			err = bad_add(bads, line, "line %llu, case_ref: the same case_ref as line %llu", line, first);
		else if (exists && !update)
			err = bad_add(bads, line, "line %llu, case_ref: the case exists already (import with --update to change it)", line);
	}
	PQclear(res);
	return err;
}

/* The new cases, their history and the plans their final plans make
 * (all the staged rows when none of their cases exists).  A login that
 * owns the tables writes the history and the plans itself, in one
 * statement each from the staged rows, with the two row triggers that
 * would do it set aside for this transaction only (ALTER TABLE is
 * transactional: a failure or a kill rolls it back with everything else,
 * and other sessions see the triggers as they were throughout).  The
 * triggers would first copy every new row into a transition table; and
 * only the owner may set them aside, who could drop them anyway.  Any
 * other login's insert leaves it to the triggers.  Into an empty database
 * the owner first gives the tables new storage, which the rows then fill
 * without WAL where the server is at wal_level minimal (migrations/0012),
 * and whose indexes are built once the rows are in (the same migration). */
static int insert_new(PGconn *conn, bool all_new, uint64_t *created)
{
	PGresult *res = ehcp_sql(conn, "cannot check the import's tables", EHCP_SQL_IMPORT_OWNS, 0, NULL, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	bool owner = PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	int err = 0;
	bool renewed = false;
	if (owner && all_new) {
		res = ehcp_sql(conn, "cannot prepare the tables", EHCP_SQL_IMPORT_RENEW, 0, NULL, PGRES_TUPLES_OK);
		if (!res)
			return EHCP_EDB;
		renewed = PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';
		PQclear(res);
	}
	if (owner && ((err = ehcp_sql_exec(conn, "cannot prepare the history", EHCP_SQL_IMPORT_TRIGGERS_OFF)) < 0 ||
	              (err = ehcp_sql_exec(conn, "cannot record the cases' history",
	                                   all_new ? EHCP_SQL_IMPORT_HISTORY_ALL : EHCP_SQL_IMPORT_HISTORY)) < 0 ||
	              (err = ehcp_sql_exec(conn, "cannot make the plans",
	                                   all_new ? EHCP_SQL_IMPORT_PLANS_ALL : EHCP_SQL_IMPORT_PLANS)) < 0))
		return err;
	res = ehcp_sql(conn, "cannot store the cases", all_new ? EHCP_SQL_IMPORT_INSERT_ALL : EHCP_SQL_IMPORT_INSERT, 0,
	               NULL, PGRES_COMMAND_OK);
	if (!res)
		return EHCP_EDB;
	*created = strtoull(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	if (renewed) {
		if (!(res = ehcp_sql(conn, "cannot index the cases", EHCP_SQL_IMPORT_REBUILD, 0, NULL, PGRES_TUPLES_OK)))
			return EHCP_EDB;
		PQclear(res);
	}
	if (owner)
		err = ehcp_sql_exec(conn, "cannot restore the history", EHCP_SQL_IMPORT_TRIGGERS_ON);
	return err;
}

int ehcp_import_options_init(ehcp_import_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_IMPORT_OPTIONS_VERSION, EHCP_IMPORT_OPTIONS_INIT, "ehcp_import_options");
}

/* The reader's message ("cannot read FILE at line N: ..."), saying that
 * none of the file was taken. */
static int unreadable(int err)
{
	if (err != EHCP_EOS)
		return err;
	char msg[1024];
	snprintf(msg, sizeof msg, "%s", ehcp_error_last());
	return ehcp_fail(err, "%s; nothing was imported", msg);
}

int ehcp_tracker_import(ehcp_import_result *result, ehcp_store *s, FILE *in, const ehcp_import_options *opts)
{
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_import_options, opts, EHCP_IMPORT_OPTIONS_INIT, EHCP_IMPORT_OPTIONS_VERSION);
	if (!result || !s || !in)
		return ehcp_fail(EHCP_EINVALID, "an import needs a result, a store and a file");
	const ehcp_date today = opts->today != EHCP_DATE_NONE ? opts->today : ehcp_date_today();
	memset(result, 0, sizeof *result);

	bad_list bads = {0};
	bads.max = opts->max_errors ? opts->max_errors : 1000;
	ehcp_csv *csv = NULL;
	ehcp_case *c = NULL;
	ehcp_copy *out = NULL;
	int col_field[EHCP_CSV_FIELDS_MAX];
	size_t ncols = 0;
	bool in_copy = false;
	int err;

	if ((err = ehcp_csv_new(&csv, in)) < 0 || (err = ehcp_case_new(&c)) < 0)
		goto done;
	if ((err = read_header(csv, col_field, &ncols)) < 0) {
		err = unreadable(err);
		goto done;
	}
	if (!(out = malloc(sizeof *out))) {
		err = ehcp_fail(EHCP_ENOMEM, "out of memory");
		goto done;
	}
	out->conn = s->conn;
	out->len = 0;

	if ((err = ehcp_sql_begin(s)) < 0)
		goto done;
	if ((err = ehcp_sql_exec(s->conn, "cannot prepare the import", EHCP_SQL_IMPORT_STAGING)) < 0)
		goto done;
	PGresult *res = ehcp_sql(s->conn, "cannot start the import", EHCP_SQL_IMPORT_COPY, 0, NULL, PGRES_COPY_IN);
	if (!res) {
		err = EHCP_EDB;
		goto done;
	}
	PQclear(res);
	in_copy = true;

	for (;;) {
		size_t n;
		const char *const *fields;
		const size_t *lens;
		int r = ehcp_csv_next(csv, &n, &fields, &lens);
		if (r < 0 && r != EHCP_EINVALID) {
			/* The file could not be read (or memory ran out): the rows
			 * seen may be only part of it, so this is not a bad row. */
			err = unreadable(r);
			goto done;
		}
		if (r < 0) {
			/* The file cannot be read on: what came before still counts. */
			char msg[300];
			snprintf(msg, sizeof msg, "%s", ehcp_error_last());
			uint64_t line = ehcp_csv_line(csv);
			if ((err = bad_add(&bads, line, "%s", msg)) < 0)
				goto done;
			break;
		}
		if (r == 0)
			break;
		result->rows++;
		uint64_t line = ehcp_csv_line(csv);
		bool ok;
		if ((err = check_row(&bads, c, line, n, fields, lens, col_field, ncols, today, &ok)) < 0)
			goto done;
		if ((ok || c->case_ref[0]) && (err = copy_case(out, line, c, ok)) < 0)
			goto done;
		if (opts->progress && result->rows % PROGRESS_EVERY == 0)
			opts->progress(opts->progress_ctx, result->rows, ehcp_csv_bytes(csv));
	}
	if ((err = ehcp_copy_flush(out)) < 0)
		goto done;
	in_copy = false;
	if (PQputCopyEnd(s->conn, NULL) != 1) {
		err = ehcp_fail(EHCP_EDB, "the import stopped: %s", ehcp_pq_error(s->conn, NULL));
		goto done;
	}
	res = PQgetResult(s->conn);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		err = ehcp_fail(PQstatus(s->conn) == CONNECTION_OK ? EHCP_EDB : EHCP_ECONNECT,
		                "the import stopped: %s", ehcp_pq_error(s->conn, res));
		PQclear(res);
		while ((res = PQgetResult(s->conn)))
			PQclear(res);
		goto done;
	}
	PQclear(res);
	while ((res = PQgetResult(s->conn)))
		PQclear(res);
	if (opts->progress)
		opts->progress(opts->progress_ctx, result->rows, ehcp_csv_bytes(csv));

	if (result->rows == 0 && bads.bad_rows == 0) {
		err = ehcp_fail(EHCP_EINVALID, "the file has a header but no rows: nothing to import");
		goto done;
	}
	if ((err = clashes(s->conn, &bads, opts->update)) < 0)
		goto done;
	if (bads.bad_rows) {
		result->bad_rows = bads.bad_rows;
		err = bad_report(&bads);
		goto done;
	}
	/* Without --update an existing case was a bad row: none are left. */
	uint64_t existing = 0;
	if (opts->update)
		existing = ehcp_sql_count(s->conn, "cannot count existing cases", EHCP_SQL_IMPORT_EXISTING, &err);
	if (err < 0)
		goto done;
	if (existing) {
		result->updated = ehcp_sql_count(s->conn, "cannot update cases", EHCP_SQL_IMPORT_UPDATE, &err);
		if (err < 0)
			goto done;
		result->unchanged = existing - result->updated;
	}
	/* Every row good and its case_ref once: the rest are new (a nightly
	 * --update of the same cases has none, and skips three joins). */
	if (existing < result->rows && (err = insert_new(s->conn, existing == 0, &result->created)) < 0)
		goto done;
	if (opts->dry_run) {
		ehcp_sql_rollback(s);
		err = 0;
	} else {
		err = ehcp_sql_commit(s);
	}

done:
	if (in_copy && PQstatus(s->conn) == CONNECTION_OK) {
		PQputCopyEnd(s->conn, "import abandoned");
		while ((res = PQgetResult(s->conn)))
			PQclear(res);
	}
	if (err < 0)
		ehcp_sql_rollback(s);
	bad_free(&bads);
	ehcp_csv_free(csv);
	ehcp_case_free(c);
	free(out);
	return err;
}
