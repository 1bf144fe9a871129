/*
 * The board's figures: the reports it stands on, kept as they came.  The
 * year-to-date rate of each month is the plans report's own pooled total
 * from 1 January to the month's end, so nothing is summed or rounded here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/board.h"
#include "ehcp/report.h"

int ehcp_board_options_init(ehcp_board_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_BOARD_OPTIONS_VERSION, EHCP_BOARD_OPTIONS_INIT, "ehcp_board_options");
}

static long count(const ehcp_report *r, size_t row, const char *col)
{
	const ehcp_value *v = ehcp_report_value(r, row, col);
	return v && !v->null ? (long)v->i : 0;
}

static void read_rate(ehcp_board_rate *x, const ehcp_report *r, size_t row, const char *n, const char *w,
                      const char *pct)
{
	x->n = count(r, row, n);
	x->w = count(r, row, w);
	const ehcp_value *v = ehcp_report_value(r, row, pct);
	x->pct = v ? *v : (ehcp_value){.type = EHCP_VALUE_NUMBER, .null = true};
}

static int run(ehcp_report **r, ehcp_store *s, ehcp_report_measure m, ehcp_report_period by, ehcp_date from,
               ehcp_date to, ehcp_date as_of)
{
	ehcp_report_options o = EHCP_REPORT_OPTIONS_INIT;
	o.measure = m;
	o.from = from;
	o.to = to;
	o.as_of = as_of;
	o.by = by;
	return ehcp_report_run(r, s, &o);
}

/* The month of the board a report row belongs to, the total (-2), or none (-1). */
static int month_of_row(const ehcp_board *b, const ehcp_report *r, size_t row)
{
	const ehcp_value *p = ehcp_report_value(r, row, "period");
	if (!p || p->null || p->type != EHCP_VALUE_TEXT)
		return -1;
	if (strcmp(p->text, "total") == 0)
		return -2;
	for (int i = 0; i < b->n; i++)
		if (strcmp(b->months[i].period, p->text) == 0)
			return i;
	return -1;
}

static void read_plans(ehcp_board_month *m, const ehcp_report *r, size_t i)
{
	m->issued = count(r, i, "plans_issued");
	m->mt = count(r, i, "mediation_or_tribunal");
	read_rate(&m->plans, r, i, "timeliness_base", "within_20_weeks", "percent_within");
	read_rate(&m->plans_x, r, i, "timeliness_base_excl_exceptions", "within_20_weeks_excl_exceptions",
	          "percent_within_excl_exceptions");
}

static void read_reviews(ehcp_board_reviews *x, const ehcp_report *r, size_t i, bool total)
{
	read_rate(&x->held, r, i, "reviews_due", "reviews_in_time", "reviews_in_time_pct");
	read_rate(&x->decisions, r, i, "decisions_due", "decisions_in_time", "decisions_in_time_pct");
	read_rate(&x->amended, r, i, "amended_due", "amended_in_time", "amended_in_time_pct");
	read_rate(&x->year9, r, i, "year9_due", "year9_in_time", "year9_in_time_pct");
	static const char *const kinds[4] = {"reception", "year6", "year11", "local"};
	for (int k = 0; k < 4; k++) {
		char due[40], met[40];
		snprintf(due, sizeof due, "transfer_%s_due", kinds[k]);
		snprintf(met, sizeof met, "transfer_%s_met", kinds[k]);
		x->transfers_due[k] = count(r, i, due);
		x->transfers_met[k] = count(r, i, met);
	}
	x->ceased = count(r, i, "ceased");
	if (!total) {
		x->overdue = count(r, i, "overdue_at_end");
		x->active = count(r, i, "plans_active_at_end");
	}
}

static int gather(ehcp_board *b, ehcp_store *s)
{
	ehcp_report *r = NULL;
	int err;
	if ((err = run(&r, s, EHCP_REPORT_PLANS, EHCP_PERIOD_MONTH, b->from, b->to, b->as_of)) < 0)
		return err;
	for (size_t i = 0; i < r->nrows; i++) {
		int k = month_of_row(b, r, i);
		if (k != -1)
			read_plans(k == -2 ? &b->total : &b->months[k], r, i);
	}
	ehcp_report_free(r);

	/* Year to date: the pooled total of 1 January to each month's end. */
	for (int k = 0; k < b->n; k++) {
		ehcp_board_month *m = &b->months[k];
		const ehcp_date end = ehcp_date_add_months_start(m->start, 1) - 1;
		if ((err = run(&r, s, EHCP_REPORT_PLANS, EHCP_PERIOD_YEAR, ehcp_date_year_start(m->start), end, b->as_of)) < 0)
			return err;
		for (size_t i = 0; i < r->nrows; i++)
			if (month_of_row(b, r, i) == -2)
				read_rate(&m->ytd, r, i, "timeliness_base_excl_exceptions", "within_20_weeks_excl_exceptions",
				          "percent_within_excl_exceptions");
		ehcp_report_free(r);
	}

	if ((err = run(&r, s, EHCP_REPORT_ADVICE, EHCP_PERIOD_MONTH, b->from, b->to, b->as_of)) < 0)
		return err;
	for (size_t i = 0; i < r->nrows; i++) {
		int k = month_of_row(b, r, i);
		if (k != -1)
			read_rate(k == -2 ? &b->total.health : &b->months[k].health, r, i, "advice_returned_excl_exceptions",
			          "within_6_weeks_excl_exceptions", "percent_within_excl_exceptions");
	}
	ehcp_report_free(r);

	if ((err = run(&r, s, EHCP_REPORT_DECISIONS, EHCP_PERIOD_MONTH, b->from, b->to, b->as_of)) < 0)
		return err;
	for (size_t i = 0; i < r->nrows; i++) {
		int k = month_of_row(b, r, i);
		if (k != -1)
			read_rate(k == -2 ? &b->total.decisions : &b->months[k].decisions, r, i, "decisions", "within_6_weeks",
			          "percent_within");
	}
	ehcp_report_free(r);

	if ((err = run(&r, s, EHCP_REPORT_REVIEWS, EHCP_PERIOD_MONTH, b->from, b->to, b->as_of)) < 0)
		return err;
	for (size_t i = 0; i < r->nrows; i++) {
		int k = month_of_row(b, r, i);
		if (k != -1)
			read_reviews(k == -2 ? &b->reviews_total : &b->reviews[k], r, i, k == -2);
	}
	ehcp_report_free(r);

	if ((err = run(&r, s, EHCP_REPORT_BACKLOG, EHCP_PERIOD_MONTH, b->from, b->to, b->as_of)) < 0)
		return err;
	for (size_t i = 0; i < r->nrows; i++) {
		int k = month_of_row(b, r, i);
		if (k >= 0)
			b->months[k].backlog = count(r, i, "backlog");
	}
	ehcp_report_free(r);
	return 0;
}

int ehcp_board_fetch(ehcp_board **out, ehcp_store *s, const ehcp_board_options *o)
{
	if (!out || !s || !o)
		return ehcp_fail(EHCP_EINVALID, "the board needs somewhere to go, a store and its options");
	*out = NULL;
	int err = ehcp_check_version(o->version, EHCP_BOARD_OPTIONS_VERSION, "ehcp_board_options");
	if (err < 0)
		return err;
	if (o->from == EHCP_DATE_NONE || o->to == EHCP_DATE_NONE || o->from > o->to)
		return ehcp_fail(EHCP_EINVALID, "the board report needs a range of months, first to last");
	const ehcp_date from = ehcp_date_month_start(o->from);
	const ehcp_date to = ehcp_date_add_months_start(o->to, 1) - 1;
	if (ehcp_date_add_months_start(from, EHCP_BOARD_MAX_MONTHS) <= to)
		return ehcp_fail(EHCP_EINVALID, "the board report covers at most %d months", EHCP_BOARD_MAX_MONTHS);

	ehcp_board *b = calloc(1, sizeof *b);
	if (!b)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	b->from = from;
	b->to = to;
	b->as_of = o->as_of != EHCP_DATE_NONE ? o->as_of : ehcp_date_today();
	for (ehcp_date d = from; d <= to && b->n < EHCP_BOARD_MAX_MONTHS; d = ehcp_date_add_months_start(d, 1)) {
		ehcp_board_month *m = &b->months[b->n++];
		int y, mo, day;
		ehcp_date_to_ymd(d, &y, &mo, &day);
		m->start = d;
		snprintf(m->period, sizeof m->period, "%04d-%02d", y, mo);
	}
	snprintf(b->total.period, sizeof b->total.period, "total");
	b->total.start = from;
	if ((err = gather(b, s)) < 0) {
		free(b);
		return err;
	}
	*out = b;
	return 0;
}

void ehcp_board_free(ehcp_board *b)
{
	free(b);
}
