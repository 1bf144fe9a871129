/*
 * The weekly case list and caseloads.  The same engine as the calendar and
 * `case show`: the C clock over each case (src/core/clock.c).  The database
 * picks the rows (caseworker, dates, open on the day); every judgement of
 * time is the clock's.
 */
#include <stdlib.h>
#include <string.h>

#include "core/case_internal.h"
#include "ehcp/caselist.h"
#include "core/errors_internal.h"
#include "db/store_internal.h"

/* One case on the day, as the list shows it. */
static void row_of(ehcp_caselist_row *r, const ehcp_case *c, ehcp_date on, int nearing)
{
	ehcp_clock_view v;
	ehcp_clock_view_on(&v, &c->dates, on, nearing);
	snprintf(r->case_ref, sizeof r->case_ref, "%s", c->case_ref);
	snprintf(r->caseworker, sizeof r->caseworker, "%s", c->caseworker);
	r->type = c->dates.type;
	r->request = c->dates.request;
	r->elapsed_days = v.elapsed_days;
	r->stage = ehcp_clock_stage(&c->dates, on);
	r->status = v.status;
	const bool open = v.status == EHCP_STATUS_OVERDUE || v.status == EHCP_STATUS_NEARING ||
	                  v.status == EHCP_STATUS_ON_TRACK;
	/* The earliest missed statutory deadline, else the next one ahead. */
	r->due_kind = !open ? EHCP_DEADLINE_COUNT : v.late != EHCP_DEADLINE_COUNT ? v.late : v.next;
	r->due = !open ? EHCP_DATE_NONE : v.late != EHCP_DEADLINE_COUNT ? v.late_due : v.next_due;
	r->days_left = r->due == EHCP_DATE_NONE ? 0 : r->due - on;
	r->exception = v.exception;
}

static bool is_open(ehcp_status s)
{
	return s == EHCP_STATUS_OVERDUE || s == EHCP_STATUS_NEARING || s == EHCP_STATUS_ON_TRACK;
}

static bool wanted(const ehcp_caselist_row *r, const ehcp_case *c, ehcp_date on, const ehcp_caselist_options *o)
{
	if (c->dates.request > on)
		return false;
	if (!o->include_ended && !is_open(r->status))
		return false;
	if (o->statuses && !(o->statuses & (1u << r->status)))
		return false;
	if (o->stage >= 0 && r->stage != (ehcp_stage)o->stage)
		return false;
	if (o->due_within >= 0 && (r->due == EHCP_DATE_NONE || r->days_left > o->due_within))
		return false;
	if (o->backlog) {
		ehcp_case_dates d;
		ehcp_clock_as_of(&d, &c->dates, on);
		if (!is_open(r->status) || on <= ehcp_clock_final_due(&d))
			return false;
	}
	return true;
}

/* Most urgent first: days left (none last), then the oldest request. */
static int by_urgency(const void *pa, const void *pb)
{
	const ehcp_caselist_row *a = pa, *b = pb;
	const bool na = a->due == EHCP_DATE_NONE, nb = b->due == EHCP_DATE_NONE;
	if (na != nb)
		return na ? 1 : -1;
	if (!na && a->days_left != b->days_left)
		return a->days_left < b->days_left ? -1 : 1;
	if (a->request != b->request)
		return a->request < b->request ? -1 : 1;
	return strcmp(a->case_ref, b->case_ref);
}

/* The rows the options select, in no particular order. */
static int select_rows(ehcp_caselist_row **rows, size_t *n, ehcp_date *on_out, ehcp_store *s,
                       const ehcp_caselist_options *opts)
{
	ehcp_caselist_options defaults = EHCP_CASELIST_OPTIONS_INIT;
	const ehcp_caselist_options *o = opts ? opts : &defaults;
	int verr = ehcp_check_version(o->version, EHCP_CASELIST_OPTIONS_VERSION, "ehcp_caselist_options");
	if (verr < 0)
		return verr;
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no store to read the cases from");
	if (o->stage >= EHCP_STAGE_COUNT)
		return ehcp_fail(EHCP_EINVALID, "no such stage");
	const ehcp_date on = o->as_of != EHCP_DATE_NONE ? o->as_of : ehcp_date_today();
	const int nearing = o->nearing_days >= 0 ? o->nearing_days : EHCP_DAYS_NEARING_DEFAULT;

	ehcp_case_filter f = EHCP_CASE_FILTER_INIT;
	f.caseworker = o->caseworker;
	f.open_only = !o->include_ended;
	f.received_from = o->received_from;
	f.received_to = o->received_to;
	ehcp_case_list *cases = NULL;
	int err = ehcp_case_list_get(&cases, s, &f, on);
	if (err < 0)
		return err;
	ehcp_caselist_row *r = calloc(cases->count + 1, sizeof *r);
	if (!r) {
		ehcp_case_list_free(cases);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	size_t k = 0;
	for (size_t i = 0; i < cases->count; i++) {
		row_of(&r[k], cases->cases[i], on, nearing);
		if (wanted(&r[k], cases->cases[i], on, o))
			k++;
	}
	ehcp_case_list_free(cases);
	*rows = r;
	*n = k;
	*on_out = on;
	return 0;
}

int ehcp_caselist_options_init(ehcp_caselist_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_CASELIST_OPTIONS_VERSION, EHCP_CASELIST_OPTIONS_INIT,
	                       "ehcp_caselist_options");
}

int ehcp_caselist_get(ehcp_caselist **out, ehcp_store *s, const ehcp_caselist_options *opts)
{
	if (!out)
		return ehcp_fail(EHCP_EINVALID, "nowhere to put the case list");
	*out = NULL;
	ehcp_caselist *l = calloc(1, sizeof *l);
	if (!l)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	int err = select_rows(&l->rows, &l->count, &l->as_of, s, opts);
	if (err < 0) {
		free(l);
		return err;
	}
	qsort(l->rows, l->count, sizeof *l->rows, by_urgency);
	l->include_ended = opts && opts->include_ended;
	*out = l;
	return 0;
}

void ehcp_caselist_free(ehcp_caselist *l)
{
	if (!l)
		return;
	free(l->rows);
	free(l);
}

static int by_caseworker(const void *pa, const void *pb)
{
	const ehcp_caselist_row *a = pa, *b = pb;
	return strcmp(a->caseworker, b->caseworker);
}

/* The caseloads of the rows (which it sorts by caseworker, and frees). */
static int caseload_of(ehcp_caseload **out, ehcp_caselist_row *rows, size_t n, ehcp_date on)
{
	qsort(rows, n, sizeof *rows, by_caseworker);
	ehcp_caseload *l = calloc(1, sizeof *l);
	if (!l || !(l->rows = calloc(n + 1, sizeof *l->rows))) {
		free(l);
		free(rows);
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	}
	l->as_of = on;
	for (size_t i = 0; i < n; i++) {
		const ehcp_caselist_row *r = &rows[i];
		if (!is_open(r->status))
			continue;
		if (l->count == 0 || strcmp(l->rows[l->count - 1].caseworker, r->caseworker) != 0) {
			ehcp_caseload_row *c = &l->rows[l->count++];
			snprintf(c->caseworker, sizeof c->caseworker, "%s", r->caseworker);
			c->oldest_days = r->elapsed_days;
		}
		ehcp_caseload_row *c = &l->rows[l->count - 1];
		c->open++;
		c->overdue += r->status == EHCP_STATUS_OVERDUE;
		c->nearing += r->status == EHCP_STATUS_NEARING;
		if (r->elapsed_days > c->oldest_days)
			c->oldest_days = r->elapsed_days;
	}
	free(rows);
	*out = l;
	return 0;
}

int ehcp_caseload_get(ehcp_caseload **out, ehcp_store *s, const ehcp_caselist_options *opts)
{
	if (!out)
		return ehcp_fail(EHCP_EINVALID, "nowhere to put the caseloads");
	*out = NULL;
	ehcp_caselist_row *rows = NULL;
	size_t n = 0;
	ehcp_date on;
	int err = select_rows(&rows, &n, &on, s, opts);
	if (err < 0)
		return err;
	return caseload_of(out, rows, n, on);
}

int ehcp_caseload_from_list(ehcp_caseload **out, const ehcp_caselist *list)
{
	if (!out || !list)
		return ehcp_fail(EHCP_EINVALID, "no case list to count, or nowhere to put the caseloads");
	*out = NULL;
	ehcp_caselist_row *rows = malloc((list->count + 1) * sizeof *rows);
	if (!rows)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	if (list->count)
		memcpy(rows, list->rows, list->count * sizeof *rows);
	return caseload_of(out, rows, list->count, list->as_of);
}

void ehcp_caseload_free(ehcp_caseload *l)
{
	if (!l)
		return;
	free(l->rows);
	free(l);
}
