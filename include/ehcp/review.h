#ifndef EHCP_REVIEW_H
#define EHCP_REVIEW_H

/*
 * The review clock: the annual review of an EHC plan and its phase
 * transfers (CFA s.44; regs 15, 18-22; shared/docs/statutory-clock.md,
 * "Annual reviews" and "Phase transfers").  Pure functions of the dates
 * given, like the assessment clock: no I/O, no globals, no allocation, the
 * day they work on passed in, callable from any thread.  Every limit is in
 * ehcp/rules.h.
 *
 * Interpretations (the reference's, and where it is silent):
 *  - "The 12 months starting with D" ends the day before D's anniversary;
 *    the anniversary of 29 February in a common year is 1 March.
 *  - The 12 months restart on the day of each review meeting.  A plan
 *    transferred in (reg 15) is reviewed by the later of its own 12-month
 *    date and 3 calendar months after the transfer (a day that does not
 *    exist, 31 + 3 months into June, is the month's last day); a meeting
 *    after the transfer restarts the count as for any plan.
 *  - A local transfer to post-16 in any month but September, of a young
 *    person in Year 12 or later on its day (or whose year is not known), is
 *    a move between post-16 institutions "at another time" (reg 18(2)): its
 *    deadline is 5 calendar months before the move (a day the month lacks
 *    is its last: 31 July -> the end of February).  One in September is the
 *    start of a school year: from school, or between post-16 institutions
 *    for the new academic year, both by 31 March (reg 18(1); Code of
 *    Practice 9.179).  A Year 11 pupil's move at another time is still from
 *    secondary school: 31 March of its calendar year, even after the move.
 *  - A phase transfer is met by a final amended plan, or a notified
 *    decision to maintain the plan, dated on or before its deadline and
 *    after the day 12 months before the transfer.
 */

#include <stdbool.h>
#include <stddef.h>

#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/rules.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ehcp_review_decision {
	EHCP_REVIEW_DECISION_NONE = 0,
	EHCP_REVIEW_MAINTAIN,
	EHCP_REVIEW_AMEND,
	EHCP_REVIEW_CEASE
} ehcp_review_decision;

typedef enum ehcp_transfer_kind {
	EHCP_TRANSFER_NONE = 0,    /* none ahead, or no date of birth */
	EHCP_TRANSFER_RECEPTION,   /* early years to school */
	EHCP_TRANSFER_SECONDARY,   /* Year 6 to 7 */
	EHCP_TRANSFER_POST16,      /* Year 11 to 12 */
	EHCP_TRANSFER_LOCAL        /* the council's own pattern (next_transfer_date) */
} ehcp_transfer_kind;

/* A plan in the register (shared/docs/plan-register-csv.md). */
typedef struct ehcp_plan_dates {
	ehcp_date start;           /* plan_start_date: first made */
	ehcp_date transferred_in;  /* NONE unless transferred from another council */
	ehcp_date date_of_birth;   /* NONE: no year group, no phase transfer */
	int year_offset;           /* -1 a year behind, 1 ahead */
	ehcp_date local_transfer;  /* NONE, or the first day at the next setting */
	bool local_post16;         /* that setting is post-16 (31 March, or 5 months before) */
	ehcp_date ceased;          /* NONE while maintained */
} ehcp_plan_dates;

#define EHCP_PLAN_DATES_INIT                                                                       \
	{EHCP_DATE_NONE, EHCP_DATE_NONE, EHCP_DATE_NONE, 0, EHCP_DATE_NONE, false, EHCP_DATE_NONE}

/* One review. */
typedef struct ehcp_review_dates {
	ehcp_date meeting;         /* required */
	ehcp_date invitations;
	ehcp_date report;
	ehcp_review_decision decision;
	ehcp_date decision_date;
	ehcp_date proposals;       /* amendments_proposed_date */
	ehcp_date amended;         /* amended_plan_date */
} ehcp_review_dates;

#define EHCP_REVIEW_DATES_INIT                                                                     \
	{EHCP_DATE_NONE, EHCP_DATE_NONE, EHCP_DATE_NONE, EHCP_REVIEW_DECISION_NONE, EHCP_DATE_NONE,     \
	 EHCP_DATE_NONE, EHCP_DATE_NONE}

/* "maintain", "amend", "cease" ("" for NONE); "reception", "secondary",
 * "post16", "local" ("" for NONE). */
const char *ehcp_review_decision_name(ehcp_review_decision d);
const char *ehcp_transfer_kind_name(ehcp_transfer_kind k);

/* The last day of the 12 months starting with d: the day before its
 * anniversary (29 February 2024 -> 28 February 2025). */
ehcp_date ehcp_review_year_end(ehcp_date d);

/* The national curriculum year on `on` (Reception 0, Year 1 ..., negative
 * before school) of a child born on dob, with the plan's offset. */
int ehcp_review_nc_year(ehcp_date dob, int offset, ehcp_date on);

/*
 * The review due after an anchor (the plan's start, or a meeting) whose
 * next meeting is `next` (NONE: none held by `on`): the end of the 12
 * months starting with it, or for a plan transferred in after the anchor,
 * by `on` and before the next meeting, the later of that and 3 months
 * after the transfer (reg 15).  The plan's cease is not looked at.
 */
ehcp_date ehcp_review_due_after(const ehcp_plan_dates *p, ehcp_date anchor, ehcp_date next, ehcp_date on);

/*
 * The next review due on `on`: from the last meeting held on or before it
 * (reviews in any order), else from the plan's start, with reg 15 for a
 * transferred plan.  NONE for a plan ceased by then.
 */
ehcp_date ehcp_review_next_due(const ehcp_plan_dates *p, const ehcp_review_dates *reviews, size_t n, ehcp_date on);

typedef struct ehcp_phase_transfer {
	ehcp_transfer_kind kind;
	ehcp_date transfer;        /* the first day at the new setting */
	ehcp_date deadline;        /* the amended plan by this day (inclusive) */
} ehcp_phase_transfer;

/* The next phase transfer after `on` (a local one if set and still ahead,
 * else the national ones from the date of birth); kind NONE if there is
 * none ahead or no date of birth. */
void ehcp_review_next_transfer(ehcp_phase_transfer *out, const ehcp_plan_dates *p, ehcp_date on);

/* Whether the reviews met a transfer: an amended plan, or a notified
 * decision to maintain, dated by its deadline and after the day 12 months
 * before the transfer.  *on_date (may be NULL) receives the date that met it. */
bool ehcp_review_transfer_met(const ehcp_phase_transfer *t, const ehcp_review_dates *reviews, size_t n,
                              ehcp_date *on_date);

typedef enum ehcp_review_deadline_kind {
	EHCP_REVIEW_DL_INVITATIONS = 0, /* sent at least 2 weeks before the meeting: met <= due */
	EHCP_REVIEW_DL_REPORT,          /* meeting + 14 */
	EHCP_REVIEW_DL_DECISION,        /* meeting + 28 */
	EHCP_REVIEW_DL_PROPOSALS,       /* meeting + 28, when the decision is to amend */
	EHCP_REVIEW_DL_AMENDED,         /* proposals + 56, and at most meeting + 84 */
	EHCP_REVIEW_DL_COUNT
} ehcp_review_deadline_kind;

typedef struct ehcp_review_deadline {
	bool applies;
	ehcp_date due;
	ehcp_date met;             /* NONE while outstanding */
} ehcp_review_deadline;

/* "invitations", "report", "decision", "proposals", "amended_plan". */
const char *ehcp_review_deadline_name(ehcp_review_deadline_kind k);

/* Every limit of one review.  The proposals and the amended plan apply
 * when the decision is to amend (or either is recorded). */
void ehcp_review_deadlines(ehcp_review_deadline out[EHCP_REVIEW_DL_COUNT], const ehcp_review_dates *r);

typedef enum ehcp_plan_status {
	EHCP_PLAN_ON_TRACK = 0,
	EHCP_PLAN_NEARING,         /* something falls due within the nearing days */
	EHCP_PLAN_OVERDUE,         /* a review, a review's step or a transfer's deadline missed */
	EHCP_PLAN_CEASED
} ehcp_plan_status;

const char *ehcp_plan_status_name(ehcp_plan_status s);

/* The plan's status and the limits that make it: the earliest missed and
 * the earliest ahead of those ehcp_plan_outstanding() lists. */
typedef struct ehcp_plan_view {
	ehcp_plan_status status;
	ehcp_date review_due;      /* the next review due (NONE once ceased) */
	bool has_year;             /* a date of birth is known */
	int nc_year;
	ehcp_phase_transfer transfer;
	bool transfer_met;
	ehcp_date next_due;        /* the earliest limit still ahead, NONE if none */
	ehcp_date late_due;        /* the earliest limit already missed, NONE if none */
} ehcp_plan_view;

/* What falls due. */
typedef enum ehcp_review_due {
	EHCP_DUE_REVIEW = 0,          /* the next annual review meeting */
	EHCP_DUE_REPORT,              /* a held review's report */
	EHCP_DUE_DECISION,            /* its decision to maintain, amend or cease */
	EHCP_DUE_PROPOSALS,           /* its proposed amendments */
	EHCP_DUE_AMENDED_PLAN,        /* its final amended plan */
	EHCP_DUE_TRANSFER_RECEPTION,  /* a phase transfer's amended plan */
	EHCP_DUE_TRANSFER_SECONDARY,
	EHCP_DUE_TRANSFER_POST16,
	EHCP_DUE_TRANSFER_LOCAL,
	EHCP_DUE_NONE
} ehcp_review_due;

/* "review", "report", "decision", "proposals", "amended_plan",
 * "transfer_reception", ... ("" for NONE); and a label for people. */
const char *ehcp_review_due_name(ehcp_review_due k);
const char *ehcp_review_due_label(ehcp_review_due k);
/* What a phase transfer of this kind makes fall due (NONE for NONE). */
ehcp_review_due ehcp_transfer_due(ehcp_transfer_kind k);

/* A limit outstanding: what, by when, and for a review's step its meeting. */
typedef struct ehcp_plan_item {
	ehcp_review_due kind;
	ehcp_date due;
	ehcp_date meeting;          /* NONE but for a review's step */
} ehcp_plan_item;

/* The most limits one plan has outstanding at once. */
#define EHCP_PLAN_OUTSTANDING_MAX 6

/*
 * Every limit the plan has outstanding on `on`, missed or ahead, in this
 * order: the next review; the report, decision, proposals and amended plan
 * of the latest review held by then, each not yet made (after a decision to
 * cease, only the report); the next phase transfer unless met.  Nothing
 * once the plan has ceased.  A step an earlier review missed is history,
 * not outstanding, once a later meeting has been held: the later review
 * looks at the plan afresh (interpretation; its lateness stays in the
 * figures).  Returns how many were written.
 */
size_t ehcp_plan_outstanding(ehcp_plan_item out[EHCP_PLAN_OUTSTANDING_MAX], const ehcp_plan_dates *p,
                             const ehcp_review_dates *reviews, size_t n, ehcp_date on);

/* A plan as it stood on `on`: anything dated after it is ignored. */
void ehcp_plan_view_on(ehcp_plan_view *v, const ehcp_plan_dates *p, const ehcp_review_dates *reviews, size_t n,
                       ehcp_date on, int nearing_days);

/* The view and the limits it weighs at once, each worked out once (the
 * review list and the calendar want both); returns how many limits. */
size_t ehcp_plan_view_outstanding(ehcp_plan_view *v, ehcp_plan_item out[EHCP_PLAN_OUTSTANDING_MAX],
                                  const ehcp_plan_dates *p, const ehcp_review_dates *reviews, size_t n, ehcp_date on,
                                  int nearing_days);

#ifdef __cplusplus
}
#endif

#endif
