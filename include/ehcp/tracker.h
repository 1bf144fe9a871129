#ifndef EHCP_TRACKER_H
#define EHCP_TRACKER_H

/*
 * The tracker CSV (shared/docs/tracker-csv.md): import a council's
 * spreadsheet into the case store and export the store in the same format.
 *
 * Import is all or nothing.  The whole file is read and checked, each good
 * row streamed into the database with COPY, and only if no row is bad is
 * anything written; otherwise the last error lists every bad row, one per
 * line ("line 7, request_date: ..."), in line order.  Memory does not grow
 * with the size of the file.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ehcp_import_options {
	unsigned int version;
	bool dry_run;          /* check everything, write nothing */
	bool update;           /* rows whose case_ref exists replace those cases */
	ehcp_date today;       /* milestones after it are refused; NONE: the machine's date */
	size_t max_errors;     /* bad rows listed in full (the rest counted); 0: 1000 */
	/* Called every few thousand rows, and at the end, with rows and bytes read. */
	void (*progress)(void *ctx, uint64_t rows, uint64_t bytes);
	void *progress_ctx;
} ehcp_import_options;

#define EHCP_IMPORT_OPTIONS_VERSION 1
#define EHCP_IMPORT_OPTIONS_INIT {EHCP_IMPORT_OPTIONS_VERSION, false, false, EHCP_DATE_NONE, 0, NULL, NULL}
/* Fills *opts with the defaults; EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_import_options_init(ehcp_import_options *opts, unsigned int version);

typedef struct ehcp_import_result {
	uint64_t rows;       /* data rows read */
	uint64_t created;    /* new cases */
	uint64_t updated;    /* existing cases changed (with update) */
	uint64_t unchanged;  /* existing cases the file left as they were */
	uint64_t bad_rows;   /* rows refused */
} ehcp_import_result;

/* EHCP_EINVALID when any row is bad (nothing written; *result counts them). */
EHCP_WARN_UNUSED int ehcp_tracker_import(ehcp_import_result *result, ehcp_store *s, FILE *in, const ehcp_import_options *opts);

/* Every case, ordered by case_ref, with a header row, streamed to the sink. */
EHCP_WARN_UNUSED int ehcp_tracker_export(ehcp_sink *out, ehcp_store *s);

#ifdef __cplusplus
}
#endif

#endif
