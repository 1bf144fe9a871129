/* The tracker and the plan register imported together, all or nothing. */
#include <stdint.h>
#include <string.h>

#include "core/errors_internal.h"
#include "db/store_internal.h"
#include "ehcp/register.h"
#include "ehcp/tracker.h"

/* Progress across the files: each import counts from 0, the caller sees
 * the rows and bytes of every file so far. */
typedef struct {
	void (*progress)(void *ctx, uint64_t rows, uint64_t bytes);
	void *ctx;
	uint64_t base_rows, base_bytes, rows, bytes;
} running;

static void carry_on(void *ctx, uint64_t rows, uint64_t bytes)
{
	running *r = ctx;
	r->rows = rows;
	r->bytes = bytes;
	r->progress(r->ctx, r->base_rows + rows, r->base_bytes + bytes);
}

static void next_file(running *r)
{
	r->base_rows += r->rows;
	r->base_bytes += r->bytes;
	r->rows = r->bytes = 0;
}

int ehcp_import_files(ehcp_import_result *cases, ehcp_import_result *plans, ehcp_import_result *reviews,
                      ehcp_store *s, FILE *tracker_in, FILE *plans_in, FILE *reviews_in, const ehcp_import_options *opts)
{
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_import_options, opts, EHCP_IMPORT_OPTIONS_INIT, EHCP_IMPORT_OPTIONS_VERSION);
	if (!cases || !plans || !reviews || !s)
		return ehcp_fail(EHCP_EINVALID, "an import needs somewhere to count, and a store");
	memset(cases, 0, sizeof *cases);
	memset(plans, 0, sizeof *plans);
	memset(reviews, 0, sizeof *reviews);
	if (s->held)
		return ehcp_fail(EHCP_EINVALID, "an import is already under way on this store");
	int err = ehcp_sql_begin(s);
	if (err < 0)
		return err;
	/* Each import's own transaction becomes part of this one.  Plans first,
	 * so that a request's final plan finds the plan plans.csv links to it
	 * (by case_ref) and makes none of its own; the reviews last, so that
	 * they may name the plans the requests' final plans made. */
	s->held = true;
	ehcp_import_result unused;
	running run = {opts->progress, opts->progress_ctx, 0, 0, 0, 0};
	ehcp_import_options each = *opts;
	if (opts->progress) {
		each.progress = carry_on;
		each.progress_ctx = &run;
	}
	if (plans_in)
		err = ehcp_register_import(plans, &unused, s, plans_in, NULL, &each);
	next_file(&run);
	if (err == 0 && tracker_in)
		err = ehcp_tracker_import(cases, s, tracker_in, &each);
	next_file(&run);
	if (err == 0 && reviews_in)
		err = ehcp_register_import(&unused, reviews, s, NULL, reviews_in, &each);
	s->held = false;
	if (err < 0 || opts->dry_run) {
		ehcp_sql_rollback(s);
		return err;
	}
	return ehcp_sql_commit(s);
}
