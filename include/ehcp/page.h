#ifndef EHCP_PAGE_H
#define EHCP_PAGE_H

/*
 * The web pages: server-rendered HTML for people in a browser, written to a
 * sink from data the library has already fetched (a case list, a case and
 * its history, a plan, a report, ...).  Like every *_format() these fetch
 * nothing and decide nothing about time: they show what the clock said.
 *
 * Every page shares one layout (src/render/page_layout.c): <html
 * lang="en-GB">, a skip link, a header naming who is signed in with a
 * sign-out button, a navigation landmark, <main>, and the one style sheet
 * (ehcp_page_css(), served from the binary: nothing is fetched from any
 * other host).  Nothing needs JavaScript.  Every string that came from a
 * person (a caseworker's name, a reference, a note, a query value) is
 * escaped.  Dates are written as British readers expect (1 December
 * 2026); a status is shown in words as well as colour.
 *
 * Forms appear only when the options say the user may write, carry the
 * session's CSRF token in a hidden field named "csrf", and show a refused
 * change's messages (the library's last error, the CLI's words) beside the
 * field each names, and all of them in a summary at the top.
 *
 * Pages are pure functions of their inputs; any number of threads may
 * render at once.
 */

#include <stdbool.h>
#include <stddef.h>

#include "ehcp/account.h"
#include "ehcp/case.h"
#include "ehcp/caselist.h"
#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/feed.h"
#include "ehcp/plan.h"
#include "ehcp/report.h"
#include "ehcp/reviewlist.h"
#include "ehcp/sink.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- what every page is told ---- */

typedef struct ehcp_page_options {
	unsigned int version;
	const char *user;          /* who is signed in; NULL on the sign-in page */
	ehcp_role role;            /* writers and admins see forms; readers none */
	const char *csrf;          /* the session's CSRF token, in every form */
	const char *assets;        /* where the style sheet is; NULL: EHCP_PAGE_ASSETS */
	const char *caseworker;    /* the user's own name as a caseworker, for "My cases"; NULL: none */
} ehcp_page_options;

#define EHCP_PAGE_OPTIONS_VERSION 1
#define EHCP_PAGE_OPTIONS_INIT {EHCP_PAGE_OPTIONS_VERSION, NULL, EHCP_ROLE_READER, NULL, NULL, NULL}
/* Fills *opts with the defaults; EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_page_options_init(ehcp_page_options *opts, unsigned int version);

/* Where the pages expect their style sheet: EHCP_PAGE_ASSETS "ehcp.css". */
#define EHCP_PAGE_ASSETS "/assets/"
#define EHCP_PAGE_CSS_NAME "ehcp.css"

/* Where signing in and out are posted (src/http/auth.c answers them). */
#define EHCP_PAGE_SIGNIN_PATH "/signin"
#define EHCP_PAGE_SIGNOUT_PATH "/signout"

/* The style sheet, compiled into the library (src/render/page.css). */
const char *ehcp_page_css(size_t *len);

/* A request's query string or form body, decoded: name=value pairs in the
 * order they came (a name may repeat, as ticked checkboxes do). */
typedef struct ehcp_page_param {
	const char *name;
	const char *value;
} ehcp_page_param;

typedef struct ehcp_page_query {
	size_t count;
	const ehcp_page_param *params;
} ehcp_page_query;

/* The first value of a name, or NULL (q may be NULL). */
const char *ehcp_page_query_get(const ehcp_page_query *q, const char *name);

/* ---- the team lead's lists ---- */

/*
 * The case list: a GET form with the filters of `ehcp cases`, named as its
 * options are (as-of, all, caseworker, status (repeated), stage,
 * due-within, backlog, received-from, received-to, nearing); the rows,
 * sortable by a column's heading (sort=KEY, dir=asc|desc; none: most urgent
 * first, the library's order); each case a link to /cases/REF; the
 * caseloads with a link into each caseworker's list; a link to the same
 * view as CSV (format=csv).  `list` NULL: the filters were refused and
 * `errors` says why.
 */
typedef struct ehcp_page_caselist {
	const char *title;              /* NULL: "Case list" */
	const char *path;               /* where the form goes; NULL: "/cases" */
	const ehcp_caselist *list;
	const ehcp_caseload *load;      /* NULL: no caseloads */
	const ehcp_page_query *query;   /* the request's: fills the form, kept by every link */
	const char *errors;             /* "name: message" lines, or NULL */
} ehcp_page_caselist;

EHCP_WARN_UNUSED int ehcp_page_caselist_format(ehcp_sink *out, const ehcp_page_options *opts,
                                               const ehcp_page_caselist *page);

/* The column keys the case list sorts by: case_ref, caseworker, received,
 * elapsed, stage, due, days_left, status.  And the review list's: plan_ref,
 * caseworker, year, due, days_left, status, next_review, transfer_by. */

/*
 * The review list: the filters of `ehcp reviews` (as-of, all, within,
 * caseworker, status, due-within, transfers, kind, year), sortable, each
 * plan a link to /plans/REF, the caseloads, CSV.  Never a child's details.
 */
typedef struct ehcp_page_reviewlist {
	const char *title;              /* NULL: "Review list" */
	const char *path;               /* NULL: "/reviews" */
	const ehcp_reviewlist *list;
	const ehcp_reviewload *load;
	const ehcp_page_query *query;
	const char *errors;
} ehcp_page_reviewlist;

EHCP_WARN_UNUSED int ehcp_page_reviewlist_format(ehcp_sink *out, const ehcp_page_options *opts,
                                                 const ehcp_page_reviewlist *page);

/* ---- a case and a plan ---- */

/*
 * The case page: status, weeks elapsed, milestones, every deadline with its
 * due date and days left, the history (a child's details hidden); and for
 * writers the form to record or correct a milestone.  The form posts to
 * /cases/REF with milestone (a name ehcp_milestone_lookup() knows), change
 * (record|correct), code, date, note, version (the version shown, for the
 * stale-edit check) and csrf.  `form` is what was posted when it was
 * refused (NULL: an empty form), `errors` the refusal.  `notice` a line
 * to confirm a change ("Recorded final").
 */
typedef struct ehcp_page_case {
	const ehcp_case *c;             /* looked up for its `on` day */
	const ehcp_history *history;    /* NULL: none shown */
	const ehcp_page_query *form;
	const char *errors;
	const char *notice;
} ehcp_page_case;

EHCP_WARN_UNUSED int ehcp_page_case_format(ehcp_sink *out, const ehcp_page_options *opts, const ehcp_page_case *page);

/*
 * The changes a posted case form asks for, as `ehcp case record|correct REF
 * MILESTONE VALUE...` would make them: a milestone with a code and a date
 * (decision, plan_decision, closed, tribunal) takes code then date; an
 * exception takes code then note; any other milestone its date.  *mode is
 * record or correct.  Pointers in out point into the form.  EHCP_EINVALID
 * with a "name: message" line for a form that is not one.
 */
EHCP_WARN_UNUSED int ehcp_page_case_changes(ehcp_change out[2], size_t *n, const ehcp_page_query *form);

/* The form input a library field's message belongs beside ("code",
 * "date", "note"), given the posted milestone; NULL: none (the summary). */
const char *ehcp_page_case_input_of(const char *milestone, const char *field);

/*
 * The plan page: status, the next review due, the year group, the next
 * phase transfer, each review with each limit; the history; for writers
 * the form to record a review step, posting to /plans/REF: milestone (a
 * name ehcp_plan_milestone_lookup() knows), change (record|correct),
 * review (the meeting day of the review it is for; "" the latest), code,
 * date, version, csrf.
 */
typedef struct ehcp_page_plan {
	const ehcp_plan *p;
	const ehcp_history *history;
	const ehcp_page_query *form;
	const char *errors;
	const char *notice;
} ehcp_page_plan;

EHCP_WARN_UNUSED int ehcp_page_plan_format(ehcp_sink *out, const ehcp_page_options *opts, const ehcp_page_plan *page);

/* As for a case: the changes a posted plan form asks for (a milestone
 * with a code takes code then date, any other its date).  *review is
 * true when they are a review's, *meeting the review's day (NONE: the
 * latest); for "meeting" itself, *meeting is the new review's day and
 * *n is 0.  EHCP_EINVALID with "name: message" lines otherwise. */
EHCP_WARN_UNUSED int ehcp_page_plan_changes(ehcp_change out[2], size_t *n, bool *review, ehcp_date *meeting,
                                            const ehcp_page_query *form);

/* ---- reports ---- */

/*
 * The reports page: a form to pick the measure, the period (from, to:
 * YYYY-MM or a date), by month|quarter|year and the as-of day; the report
 * as a table with a caption, each figure a link to the cases behind it
 * (/reports/MEASURE?...&cases=1 over that figure's period), and a link to
 * the table as CSV.  `report` NULL: nothing asked yet, or refused.
 */
typedef struct ehcp_page_report {
	const ehcp_report *report;
	const ehcp_page_query *query;
	const char *errors;
} ehcp_page_report;

EHCP_WARN_UNUSED int ehcp_page_report_format(ehcp_sink *out, const ehcp_page_options *opts,
                                             const ehcp_page_report *page);

/* The board: its range picked with a form, the board itself (the same page
 * as `ehcp report board`) framed from `board_src`, and a link to open it
 * alone to print. */
EHCP_WARN_UNUSED int ehcp_page_board_format(ehcp_sink *out, const ehcp_page_options *opts,
                                            const ehcp_page_query *query, const char *board_src, const char *errors);

/* ---- people ---- */

/*
 * Admin: the users and their roles, with forms to add one (name, role,
 * password) and disable one; the feeds, with a form to add
 * one and a button to revoke each.  Every form posts to /admin with an
 * "action": user_add (name, role, password), user_disable (user),
 * feed_add (caseworker, label), feed_revoke (feed: its id).
 * `new_feed_url`: a feed just made, whose address is shown this once.
 */
typedef struct ehcp_page_admin {
	const ehcp_users *users;
	const ehcp_feeds *feeds;
	long long now;                  /* seconds since 1970 UTC, for "locked until" */
	const char *new_feed_url;
	const ehcp_page_query *form;
	const char *errors;
	const char *notice;
} ehcp_page_admin;

EHCP_WARN_UNUSED int ehcp_page_admin_format(ehcp_sink *out, const ehcp_page_options *opts, const ehcp_page_admin *page);

/*
 * The caseworker's own page: links to their cases and reviews, their
 * calendar feeds, a button to make one (posting action=feed_add to /me),
 * the address of one just made, and how to subscribe in Outlook, Google
 * Calendar and Apple Calendar.
 */
typedef struct ehcp_page_me {
	const ehcp_feeds *feeds;        /* the user's own (NULL: none) */
	const char *new_feed_url;
	const char *errors;
} ehcp_page_me;

EHCP_WARN_UNUSED int ehcp_page_me_format(ehcp_sink *out, const ehcp_page_options *opts, const ehcp_page_me *page);

/* The sign-in form (posting name, password, csrf and next to
 * EHCP_PAGE_SIGNIN_PATH); `errors` a
 * refusal, `next` where to go after. */
EHCP_WARN_UNUSED int ehcp_page_signin_format(ehcp_sink *out, const ehcp_page_options *opts, const char *errors,
                                             const char *next);

/* A page that says only what went wrong ("No case X"), with a status line. */
EHCP_WARN_UNUSED int ehcp_page_message_format(ehcp_sink *out, const ehcp_page_options *opts, const char *title,
                                              const char *message);

#ifdef __cplusplus
}
#endif

#endif
