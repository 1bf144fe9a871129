#ifndef EHCP_CASELIST_H
#define EHCP_CASELIST_H

/*
 * The weekly case list: every open request as it stood on a date, with the
 * stage it has reached, the deadline that matters now (the earliest missed
 * one, else the next ahead) and its status; most urgent first.  And the
 * caseload of each caseworker.  The database picks the rows; every
 * judgement of time is the C clock's (src/core/clock.c), the same engine
 * as the calendar and `case show`.
 *
 * ehcp_caselist_get() and ehcp_caseload_get() fetch; ehcp_caselist_format()
 * and ehcp_caseload_format() write what was fetched as a table, CSV or
 * JSON.  Lists handed back belong to the caller: ehcp_caselist_free() and
 * ehcp_caseload_free().  A fetched list is plain data that any number of
 * threads may read or format at once; a store is used by one thread at a
 * time.
 */

#include <stdbool.h>
#include <stddef.h>

#include "ehcp/case.h"
#include "ehcp/clock.h"
#include "ehcp/common.h"
#include "ehcp/format.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ehcp_caselist_options {
	unsigned int version;
	ehcp_date as_of;            /* NONE: ehcp_date_today(); milestones after it are ignored */
	int nearing_days;           /* -1: EHCP_DAYS_NEARING_DEFAULT */
	bool include_ended;         /* also plans issued, refused, not issued, closed */
	const char *caseworker;     /* NULL: everyone */
	unsigned int statuses;      /* bit (1 << ehcp_status) per status wanted; 0: all */
	int stage;                  /* an ehcp_stage, or -1 for all */
	int due_within;             /* deadline within this many days (late ones too); -1: any */
	bool backlog;               /* only open requests past their final-plan deadline */
	ehcp_date received_from;    /* request date bounds, inclusive; NONE: open-ended */
	ehcp_date received_to;
} ehcp_caselist_options;

#define EHCP_CASELIST_OPTIONS_VERSION 1
#define EHCP_CASELIST_OPTIONS_INIT                                                                 \
	{EHCP_CASELIST_OPTIONS_VERSION, EHCP_DATE_NONE, -1, false, NULL, 0, -1, -1, false,          \
	 EHCP_DATE_NONE, EHCP_DATE_NONE}

/* Fills *opts with the defaults; EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_caselist_options_init(ehcp_caselist_options *opts, unsigned int version);

typedef struct ehcp_caselist_row {
	char case_ref[4 * EHCP_REF_MAX + 1];
	char caseworker[4 * EHCP_CASEWORKER_MAX + 1];   /* "" when none */
	ehcp_request_type type;
	ehcp_date request;
	int32_t elapsed_days;
	ehcp_stage stage;
	ehcp_status status;
	ehcp_deadline_kind due_kind;   /* EHCP_DEADLINE_COUNT when none (ended) */
	ehcp_date due;                 /* NONE when none */
	int32_t days_left;             /* due - as_of; negative when late */
	bool exception;
} ehcp_caselist_row;

typedef struct ehcp_caselist {
	ehcp_date as_of;
	bool include_ended;
	size_t count;
	ehcp_caselist_row *rows;
} ehcp_caselist;

/* opts may be NULL for the defaults (every open case, today). */
EHCP_WARN_UNUSED int ehcp_caselist_get(ehcp_caselist **out, ehcp_store *s, const ehcp_caselist_options *opts);
void ehcp_caselist_free(ehcp_caselist *l);
/* The list as a table (with a heading and, if asked, colours), CSV or JSON. */
EHCP_WARN_UNUSED int ehcp_caselist_format(ehcp_sink *out, const ehcp_caselist *l, const ehcp_format_options *opts);

/* One caseworker's open cases (the same filters; ended cases never count). */
typedef struct ehcp_caseload_row {
	char caseworker[4 * EHCP_CASEWORKER_MAX + 1];   /* "" for cases with no caseworker */
	int open, overdue, nearing;
	int32_t oldest_days;           /* the longest-running open case */
} ehcp_caseload_row;

typedef struct ehcp_caseload {
	ehcp_date as_of;
	size_t count;
	ehcp_caseload_row *rows;       /* by caseworker */
} ehcp_caseload;

EHCP_WARN_UNUSED int ehcp_caseload_get(ehcp_caseload **out, ehcp_store *s, const ehcp_caselist_options *opts);
/* The same caseloads from a list already fetched with the same options
 * (a page that shows both reads the cases once). */
EHCP_WARN_UNUSED int ehcp_caseload_from_list(ehcp_caseload **out, const ehcp_caselist *list);
void ehcp_caseload_free(ehcp_caseload *l);
EHCP_WARN_UNUSED int ehcp_caseload_format(ehcp_sink *out, const ehcp_caseload *l, const ehcp_format_options *opts);

#ifdef __cplusplus
}
#endif

#endif
