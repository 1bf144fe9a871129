#ifndef EHCP_PLAN_H
#define EHCP_PLAN_H

/*
 * The plan register: every EHC plan the council maintains, its annual
 * reviews and its phase transfers (shared/docs/plan-register-csv.md; the
 * rules in ehcp/review.h).  Add a plan, record or correct its fields and
 * its reviews' milestones, cease it, fetch it with its deadlines and status
 * on a day, read its history.
 *
 * Fields are named as plans.csv and reviews.csv name their columns.  Every
 * write runs in one transaction, takes the plan's row lock, applies the
 * change, checks the whole plan and its reviews (ehcp_plan_validate) and
 * writes it back; a refused change leaves the plan as it was and the last
 * error lists every problem, one per line, each naming its field (a
 * review's as "review 2025-03-04 decision_date: ...").  A write may name
 * the version it expects; a plan changed meanwhile is refused with
 * EHCP_ECONFLICT.
 *
 * A final plan issued on an initial or transfer_in request makes its plan
 * in the register in the same transaction (plan_ref and case_ref the
 * request's case_ref, started on the final plan's date).
 *
 * Plans handed back belong to the caller, who frees them with
 * ehcp_plan_free() (histories with ehcp_history_free()).  A fetched plan is
 * plain data any thread may read; a store is used by one thread at a time.
 */

#include <stdbool.h>
#include <stddef.h>

#include "ehcp/case.h"
#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/review.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* SEN2 CeaseReason 1-9, in this order. */
typedef enum ehcp_cease_reason {
	EHCP_CEASE_NONE = 0,
	EHCP_CEASE_MAX_AGE,
	EHCP_CEASE_NEEDS_MET,
	EHCP_CEASE_HIGHER_EDUCATION,
	EHCP_CEASE_EMPLOYMENT,
	EHCP_CEASE_MOVED_LA,
	EHCP_CEASE_NO_ENGAGEMENT,
	EHCP_CEASE_LEFT_ENGLAND,
	EHCP_CEASE_DECEASED,
	EHCP_CEASE_OTHER
} ehcp_cease_reason;

#define EHCP_CEASE_REASON_COUNT 10

/* "max_age", ... ("" for NONE); parse: EHCP_EINVALID naming the value. */
const char *ehcp_cease_reason_name(ehcp_cease_reason r);
EHCP_WARN_UNUSED int ehcp_cease_reason_parse(ehcp_cease_reason *out, const char *s);

/* The most a year-group offset may be, either way. */
#define EHCP_YEAR_OFFSET_MAX 3

typedef struct ehcp_plan {
	char id[37];                               /* UUID, text form */
	char plan_ref[4 * EHCP_REF_MAX + 1];
	char child_ref[4 * EHCP_REF_MAX + 1];      /* "" when not known */
	char caseworker[4 * EHCP_CASEWORKER_MAX + 1];
	char case_ref[4 * EHCP_REF_MAX + 1];       /* "" when not from a stored request */
	ehcp_plan_dates dates;                     /* start, transfer, birth, offset, local transfer, cease */
	bool next_transfer_set;                    /* next_transfer_to given (dates.local_post16 says which) */
	ehcp_cease_reason cease_reason;
	int version;                               /* bumped by every change to the plan row */
	size_t review_count;
	ehcp_review_dates *reviews;                /* by meeting day, owned by the plan */
	/* Filled by ehcp_plan_lookup() for its `on` date: */
	ehcp_date on;
	ehcp_plan_view view;
} ehcp_plan;

/* A new, empty plan (no dates, no reviews) for the caller to fill. */
EHCP_WARN_UNUSED int ehcp_plan_new(ehcp_plan **out);
void ehcp_plan_free(ehcp_plan *p);

/* ---- fields by name ---- */

/* plans.csv's columns, in its order (NULL-terminated). */
extern const char *const ehcp_plan_fields[];
/* reviews.csv's columns after plan_ref, in its order (NULL-terminated). */
extern const char *const ehcp_review_fields[];
#define EHCP_PLAN_FIELD_COUNT 12
#define EHCP_REVIEW_FIELD_COUNT 7

/* Index of a field name, or -1. */
int ehcp_plan_field_index(const char *name);
int ehcp_review_field_index(const char *name);

/* Set a field from its text ("" clears it; dates YYYY-MM-DD or DD/MM/YYYY).
 * EHCP_EINVALID with the reason, naming the field. */
EHCP_WARN_UNUSED int ehcp_plan_set_field(ehcp_plan *p, const char *field, const char *value, size_t len);
EHCP_WARN_UNUSED int ehcp_review_set_field(ehcp_review_dates *r, const char *field, const char *value, size_t len);

/* The field as text (dates ISO, offset "" when 0); "" when absent.  buf
 * holds at least EHCP_FIELD_TEXT_MAX bytes. */
const char *ehcp_plan_get_field(const ehcp_plan *p, const char *field, char *buf);
const char *ehcp_review_get_field(const ehcp_review_dates *r, const char *field, char *buf);

/* A milestone of a plan as people name it, and the fields it sets: "cease"
 * sets cease_reason then ceased_date; "decision" a review's decision then
 * decision_date; "meeting" holds a new review; "report", "invitations",
 * "proposals", "amended" a review's date; "transfer" next_transfer_to then
 * next_transfer_date; and any plans.csv or reviews.csv column sets itself. */
typedef struct ehcp_plan_milestone {
	const char *name;
	const char *fields[2];    /* a code then its date, or one field (fields[1] NULL) */
	bool review;              /* a review's field, not the plan's */
} ehcp_plan_milestone;

/* EHCP_EINVALID, naming it, for a milestone that is not one. */
EHCP_WARN_UNUSED int ehcp_plan_milestone_lookup(ehcp_plan_milestone *out, const char *name);

/* Add a review to a plan held in memory, kept in meeting order.
 * EHCP_ECONFLICT if the plan has a review on that day already. */
EHCP_WARN_UNUSED int ehcp_plan_add_review(ehcp_plan *p, const ehcp_review_dates *r);

/* Every problem with the plan and its reviews (each line "field: reason",
 * a review's fields as "review YYYY-MM-DD field"), in the last error; 0
 * when it is consistent.  Dates after `today` are refused (but for the
 * next transfer, which is ahead). */
EHCP_WARN_UNUSED int ehcp_plan_validate(const ehcp_plan *p, ehcp_date today);

/* ---- writes (ehcp_write_options from ehcp/case.h) ---- */

/* Store a new plan and any reviews it carries; its id is made here.
 * EHCP_ECONFLICT if plan_ref (or case_ref) is taken.  *out (may be NULL)
 * receives the stored plan. */
EHCP_WARN_UNUSED int ehcp_plan_add(ehcp_plan **out, ehcp_store *s, const ehcp_plan *p, const ehcp_write_options *opts);

/* Change the plan's own fields (ehcp_change from ehcp/case.h: RECORD an
 * empty field, CORRECT one with a value, CLEAR, SET). */
EHCP_WARN_UNUSED int ehcp_plan_apply(ehcp_store *s, const char *plan_ref, const ehcp_change *changes, size_t n,
                                     const ehcp_write_options *opts);

/* Record a review meeting held on `meeting` (and any of its other
 * fields, given as changes).  EHCP_ECONFLICT if the plan has one that day. */
EHCP_WARN_UNUSED int ehcp_plan_review_add(ehcp_store *s, const char *plan_ref, ehcp_date meeting,
                                          const ehcp_change *changes, size_t n, const ehcp_write_options *opts);

/* Change the review held on `meeting` (EHCP_DATE_NONE: the latest one);
 * the change may correct meeting_date itself.  EHCP_ENOTFOUND if the
 * plan has no such review. */
EHCP_WARN_UNUSED int ehcp_plan_review_apply(ehcp_store *s, const char *plan_ref, ehcp_date meeting,
                                            const ehcp_change *changes, size_t n, const ehcp_write_options *opts);

/* End the plan: the council ceased to maintain it on `date`. */
EHCP_WARN_UNUSED int ehcp_plan_cease(ehcp_store *s, const char *plan_ref, ehcp_date date, ehcp_cease_reason reason,
                                     const ehcp_write_options *opts);

/* ---- reads ---- */

/* One plan with its reviews, and its view (due dates, transfer, status)
 * on `on` with the default nearing days.  EHCP_ENOTFOUND if there is no
 * such plan_ref. */
EHCP_WARN_UNUSED int ehcp_plan_lookup(ehcp_plan **out, ehcp_store *s, const char *plan_ref, ehcp_date on);

/* The plan's history and its reviews', oldest first. */
EHCP_WARN_UNUSED int ehcp_plan_history(ehcp_history **out, ehcp_store *s, const char *plan_ref);

/* ---- for people ---- */

/* A plan as `ehcp plan show` prints it on the day it was looked up for:
 * status, the next review due, the year group and the next phase transfer
 * with its deadline, then each review with each limit, in time or late.
 * The child's reference and date of birth only with show_child. */
EHCP_WARN_UNUSED int ehcp_plan_format(ehcp_sink *out, const ehcp_plan *p, bool show_child);

#ifdef __cplusplus
}
#endif

#endif
