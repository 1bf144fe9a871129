#ifndef EHCP_CASELIST_H
#define EHCP_CASELIST_H

/*
 * The weekly case list: every open request as it stood on a date, with the
 * stage it has reached, the deadline that matters now (the earliest missed
 * one, else the next ahead) and its status; most urgent first.  And the
 * caseload of each caseworker.  Computed in PostgreSQL by the SQL clock
 * (migrations/0002_case_state.sql), which the tests hold to the C clock.
 *
 * Lists handed back belong to the caller: ehcp_caselist_free() and
 * ehcp_caseload_free().
 */

#include <stdbool.h>
#include <stddef.h>

#include "ehcp/case.h"
#include "ehcp/clock.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ehcp_caselist_options {
	unsigned int version;
	ehcp_date as_of;            /* NONE: today; milestones after it are ignored */
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
	size_t count;
	ehcp_caselist_row *rows;
} ehcp_caselist;

int ehcp_caselist_get(ehcp_caselist **out, ehcp_store *s, const ehcp_caselist_options *opts);
void ehcp_caselist_free(ehcp_caselist *l);

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

int ehcp_caseload_get(ehcp_caseload **out, ehcp_store *s, const ehcp_caselist_options *opts);
void ehcp_caseload_free(ehcp_caseload *l);

#ifdef __cplusplus
}
#endif

#endif
