#ifndef EHCP_CLOCK_H
#define EHCP_CLOCK_H

/*
 * The statutory clock of an EHC needs assessment (SEND Regulations 2014).
 *
 * Pure functions over a case's milestone dates: the deadlines that apply,
 * the next one ahead, elapsed time, a status on a given date, whether a
 * milestone was in time, and whether the dates are consistent.  No I/O, no
 * globals, no allocation; the rules are in shared/docs/statutory-clock.md.
 *
 * "Within N weeks of D" means on or before D + 7*N days (the day of D is not
 * counted).  Each limit is one named constant in ehcp/rules.h.
 */

#include <stdbool.h>
#include <stddef.h>

#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/rules.h"

#ifdef __cplusplus
extern "C" {
#endif


typedef enum ehcp_request_type {
	EHCP_REQUEST_INITIAL = 0,
	EHCP_REQUEST_REASSESSMENT,
	EHCP_REQUEST_TRANSFER_IN
} ehcp_request_type;

typedef enum ehcp_assess_decision {
	EHCP_ASSESS_NONE = 0,
	EHCP_ASSESS_ASSESS,
	EHCP_ASSESS_REFUSE
} ehcp_assess_decision;

typedef enum ehcp_plan_decision {
	EHCP_PLAN_NONE = 0,
	EHCP_PLAN_ISSUE,
	EHCP_PLAN_NOT_ISSUE
} ehcp_plan_decision;

/* One list for both kinds of exception; ehcp_exception_valid_for_case()
 * and ehcp_exception_valid_for_advice() say which each may carry. */
typedef enum ehcp_exception {
	EHCP_EXCEPTION_NONE = 0,
	EHCP_EXCEPTION_SETTING_CLOSURE,
	EHCP_EXCEPTION_PERSONAL_CIRCUMSTANCES,
	EHCP_EXCEPTION_ABSENT_FROM_AREA,
	EHCP_EXCEPTION_MISSED_APPOINTMENT,
	EHCP_EXCEPTION_CORONAVIRUS
} ehcp_exception;

typedef enum ehcp_closed_reason {
	EHCP_CLOSED_NONE = 0,
	EHCP_CLOSED_WITHDRAWN,
	EHCP_CLOSED_MOVED_AWAY,
	EHCP_CLOSED_OTHER
} ehcp_closed_reason;

/* How an appeal to the First-tier Tribunal ended (reg 44, 45). */
typedef enum ehcp_tribunal_outcome {
	EHCP_TRIBUNAL_NONE = 0,
	EHCP_TRIBUNAL_DISMISSED,
	EHCP_TRIBUNAL_ASSESS,  /* ordered (or conceded) to assess after a refusal */
	EHCP_TRIBUNAL_ISSUE,   /* ordered (or conceded) to make a plan after not_issue */
	EHCP_TRIBUNAL_OTHER    /* about the plan's contents or school */
} ehcp_tribunal_outcome;

typedef enum ehcp_advice_body {
	EHCP_ADVICE_HEALTH = 0,
	EHCP_ADVICE_SOCIAL_CARE,
	EHCP_ADVICE_EP,
	EHCP_ADVICE_COUNT
} ehcp_advice_body;

typedef struct ehcp_advice {
	ehcp_date requested;
	ehcp_date received;
	ehcp_exception exception;
} ehcp_advice;

/* The milestones of one request.  Absent dates are EHCP_DATE_NONE. */
typedef struct ehcp_case_dates {
	ehcp_request_type type;
	ehcp_date request;
	ehcp_assess_decision decision;
	ehcp_date decision_date;
	ehcp_advice advice[EHCP_ADVICE_COUNT];
	ehcp_plan_decision plan_decision;
	ehcp_date plan_decision_date;
	ehcp_date draft;
	ehcp_date final;
	ehcp_exception exception;
	ehcp_date closed;
	ehcp_closed_reason closed_reason;
	ehcp_date mediation;                     /* mediation took place */
	ehcp_date tribunal_appeal;               /* appeal registered */
	ehcp_tribunal_outcome tribunal_outcome;
	ehcp_date tribunal_outcome_date;         /* the order, or the council's concession */
} ehcp_case_dates;

#define EHCP_ADVICE_INIT {EHCP_DATE_NONE, EHCP_DATE_NONE, EHCP_EXCEPTION_NONE}
#define EHCP_CASE_DATES_INIT                                                                       \
	{EHCP_REQUEST_INITIAL, EHCP_DATE_NONE, EHCP_ASSESS_NONE, EHCP_DATE_NONE,                   \
	 {EHCP_ADVICE_INIT, EHCP_ADVICE_INIT, EHCP_ADVICE_INIT}, EHCP_PLAN_NONE, EHCP_DATE_NONE,   \
	 EHCP_DATE_NONE, EHCP_DATE_NONE, EHCP_EXCEPTION_NONE, EHCP_DATE_NONE, EHCP_CLOSED_NONE,     \
	 EHCP_DATE_NONE, EHCP_DATE_NONE, EHCP_TRIBUNAL_NONE, EHCP_DATE_NONE}

/* ---- codes as text (the tracker CSV's spelling) ---- */

const char *ehcp_request_type_name(ehcp_request_type t);
const char *ehcp_assess_decision_name(ehcp_assess_decision d); /* "" for NONE */
const char *ehcp_plan_decision_name(ehcp_plan_decision d);     /* "" for NONE */
const char *ehcp_exception_name(ehcp_exception e);             /* "" for NONE */
const char *ehcp_closed_reason_name(ehcp_closed_reason r);     /* "" for NONE */
const char *ehcp_tribunal_outcome_name(ehcp_tribunal_outcome o); /* "" for NONE */
const char *ehcp_advice_body_name(ehcp_advice_body b);         /* "health", "social_care", "ep" */
EHCP_WARN_UNUSED int ehcp_advice_body_parse(ehcp_advice_body *out, const char *s);

/* Parse a code; EHCP_EINVALID, the last error listing the codes, if it is
 * not one of them (the only state a parser touches).  An empty string
 * parses as NONE where NONE exists (and as INITIAL for a request type). */
EHCP_WARN_UNUSED int ehcp_request_type_parse(ehcp_request_type *out, const char *s);
EHCP_WARN_UNUSED int ehcp_assess_decision_parse(ehcp_assess_decision *out, const char *s);
EHCP_WARN_UNUSED int ehcp_plan_decision_parse(ehcp_plan_decision *out, const char *s);
EHCP_WARN_UNUSED int ehcp_exception_parse(ehcp_exception *out, const char *s);
EHCP_WARN_UNUSED int ehcp_closed_reason_parse(ehcp_closed_reason *out, const char *s);
EHCP_WARN_UNUSED int ehcp_tribunal_outcome_parse(ehcp_tribunal_outcome *out, const char *s);

/* The codes a field may hold, for messages: "assess, refuse". */
const char *ehcp_request_type_list(void);
const char *ehcp_assess_decision_list(void);
const char *ehcp_plan_decision_list(void);
const char *ehcp_case_exception_list(void);
const char *ehcp_advice_exception_list(void);
const char *ehcp_closed_reason_list(void);
const char *ehcp_tribunal_outcome_list(void);

bool ehcp_exception_valid_for_case(ehcp_exception e);
bool ehcp_exception_valid_for_advice(ehcp_exception e);
/* The coronavirus exception may excuse a limit running from `start` to
 * `due` only if that period meets the window in ehcp/rules.h. */
bool ehcp_exception_coronavirus_applies(ehcp_date start, ehcp_date due);

/* ---- deadlines ---- */

typedef enum ehcp_deadline_kind {
	EHCP_DEADLINE_DECISION = 0,    /* decision whether to assess: R + 42 (re-assess: R + 15) */
	EHCP_DEADLINE_HEALTH_ADVICE,   /* each advice: requested + 42 */
	EHCP_DEADLINE_SOCIAL_CARE_ADVICE,
	EHCP_DEADLINE_EP_ADVICE,
	EHCP_DEADLINE_NOT_ISSUE,       /* notice not to issue: R + 112 (after an order to assess: T + 70) */
	EHCP_DEADLINE_SAFE_DRAFT,      /* latest draft leaving 15 days: final - 15 */
	EHCP_DEADLINE_FINAL_PLAN,      /* ehcp_clock_final_due() */
	EHCP_DEADLINE_TRIBUNAL_NOTICE, /* notice that it will assess: T + 14 (advisory: no column) */
	EHCP_DEADLINE_TRIBUNAL_DRAFT,  /* draft plan after an order to make one: T + 35 */
	EHCP_DEADLINE_COUNT
} ehcp_deadline_kind;

typedef struct ehcp_deadline {
	bool applies;     /* false: this deadline does not arise for the case */
	bool hard;        /* a statutory limit: missing it makes the case overdue */
	bool excused;     /* an exception recorded against it disapplies the limit */
	ehcp_date due;    /* the last good day */
	ehcp_date met;    /* the day the milestone happened, or EHCP_DATE_NONE */
} ehcp_deadline;

/* "decision", "health_advice", "social_care_advice", "ep_advice",
 * "not_issue_notice", "safe_draft", "final_plan", "tribunal_notice",
 * "tribunal_draft". */
const char *ehcp_deadline_name(ehcp_deadline_kind k);
/* "Decision whether to assess", ... for people. */
const char *ehcp_deadline_label(ehcp_deadline_kind k);
/* The same for a request of the given type: a re-assessment's decision is
 * "Decision whether to re-assess". */
const char *ehcp_deadline_label_for(ehcp_deadline_kind k, ehcp_request_type t);

/*
 * Every deadline of the case, indexed by kind.  The notice not to issue and
 * the latest safe draft are advisory: missing them puts a case at risk, it
 * does not make it late.  The notice applies to initial and transfer-in
 * requests that were assessed and not yet decided to issue (interpretation:
 * regulation 10 only binds a council that decides not to issue).
 */
void ehcp_clock_deadlines(ehcp_deadline out[EHCP_DEADLINE_COUNT], const ehcp_case_dates *c);

/* True when `done` is within `limit_days` of `start` (done <= start + limit):
 * the one "in time" test; the SQL's ehcp_within() is held to it. */
static inline bool ehcp_clock_within(ehcp_date start, ehcp_date done, int limit_days)
{
	return done <= start + limit_days;
}

/*
 * The rules of one request, each on the milestones as given (call
 * ehcp_clock_as_of() first to see them on a past day).  The SQL functions
 * of the same names in src/db/rules.sql.in follow them, and the tests hold
 * the two together.
 */
/* A tribunal's order that lets a refused or not-issued request go on:
 * EHCP_TRIBUNAL_ASSESS, EHCP_TRIBUNAL_ISSUE, or EHCP_TRIBUNAL_NONE. */
ehcp_tribunal_outcome ehcp_clock_overturn(const ehcp_case_dates *c);
/* The decision whether to assess (or to re-assess) is due. */
ehcp_date ehcp_clock_decision_due(const ehcp_case_dates *c);
/* The final plan is due: T + 98 after an order to assess, T + 77 after an
 * order to make a plan, D + 98 for a re-assessment (R + 15 + 98 while the
 * decision is not recorded), else R + 140. */
ehcp_date ehcp_clock_final_due(const ehcp_case_dates *c);
/* Ended without a plan: closed, refused or not issued (unless overturned). */
bool ehcp_clock_ended(const ehcp_case_dates *c);
/* Went to mediation or tribunal: left out of DfE's timeliness figures. */
bool ehcp_clock_mediation_or_tribunal(const ehcp_case_dates *c);
/* The final plan was issued by its due date (false while there is none). */
bool ehcp_clock_final_in_time(const ehcp_case_dates *c);

/* The milestones as they stood on `as_of`: anything dated after it is
 * removed, with the codes that go with it.  Returns how many dates it
 * removed (0: the case as recorded). */
int ehcp_clock_as_of(ehcp_case_dates *out, const ehcp_case_dates *c, ehcp_date as_of);

/* ---- status ---- */

typedef enum ehcp_status {
	EHCP_STATUS_ON_TRACK = 0,
	EHCP_STATUS_NEARING,
	EHCP_STATUS_OVERDUE,
	EHCP_STATUS_DONE_IN_TIME,
	EHCP_STATUS_DONE_LATE,
	EHCP_STATUS_ENDED
} ehcp_status;

const char *ehcp_status_name(ehcp_status s);
EHCP_WARN_UNUSED int ehcp_status_parse(ehcp_status *out, const char *s);

typedef struct ehcp_clock_view {
	ehcp_status status;
	int32_t elapsed_days;          /* on - request */
	ehcp_deadline_kind next;       /* next unmet deadline on or after `on`, */
	ehcp_date next_due;            /* or EHCP_DEADLINE_COUNT / NONE if none */
	ehcp_deadline_kind late;       /* the earliest missed hard deadline, or */
	ehcp_date late_due;            /* EHCP_DEADLINE_COUNT / NONE if none */
	bool exception;                /* the case carries an exception */
} ehcp_clock_view;

/*
 * The case on day `on`, looking only at milestones dated on or before it:
 *  - ended: refused, decided not to issue, or closed;
 *  - done_in_time / done_late: the final plan was issued, by its deadline or after;
 *  - overdue: a statutory deadline (decision, advice, final plan) has passed unmet;
 *  - nearing: an unmet deadline falls within `nearing_days`, or the latest
 *    safe draft date has passed with no draft served;
 *  - on_track: otherwise.
 * The status describes time only; an exception is reported beside it.
 */
void ehcp_clock_view_on(ehcp_clock_view *out, const ehcp_case_dates *c, ehcp_date on,
                        int nearing_days);

/* How far a request has got. */
typedef enum ehcp_stage {
	EHCP_STAGE_AWAITING_DECISION = 0,  /* no decision whether to assess yet */
	EHCP_STAGE_ASSESSING,              /* assessing: advice not asked for, or outstanding */
	EHCP_STAGE_AWAITING_PLAN_DECISION, /* every advice asked for is in */
	EHCP_STAGE_DRAFTING,               /* decided to issue, no draft served */
	EHCP_STAGE_DRAFT_SERVED,           /* draft served, no final plan */
	EHCP_STAGE_ISSUED,
	EHCP_STAGE_REFUSED,
	EHCP_STAGE_NOT_ISSUED,
	EHCP_STAGE_CLOSED,
	EHCP_STAGE_COUNT
} ehcp_stage;

const char *ehcp_stage_name(ehcp_stage s);
EHCP_WARN_UNUSED int ehcp_stage_parse(ehcp_stage *out, const char *s);

/* The stage on day `on` (milestones after it ignored). */
ehcp_stage ehcp_clock_stage(const ehcp_case_dates *c, ehcp_date on);

/* True when the final plan was issued before the family's 15 days to
 * comment on the draft had run (counting the day it was served): worth a
 * warning unless the family's response is on file. */
bool ehcp_clock_comment_period_cut_short(const ehcp_case_dates *c);

/* "20w 0d" for 140 days; buf holds at least 16 bytes. */
char *ehcp_clock_format_elapsed(char *buf, size_t len, int32_t days);

/* ---- consistency ---- */

typedef struct ehcp_problem {
	const char *field;   /* the tracker CSV column at fault */
	char message[256];   /* what is wrong, with the dates involved */
} ehcp_problem;

/*
 * Check that the milestones can all be true together.  `today` (or
 * EHCP_DATE_NONE) rejects milestones in the future.  Writes at most `max`
 * problems and returns how many there are in all (0: consistent).
 */
size_t ehcp_clock_check(ehcp_problem *out, size_t max, const ehcp_case_dates *c, ehcp_date today);

#ifdef __cplusplus
}
#endif

#endif
