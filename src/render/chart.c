/* The board's charts: inline SVG drawn from the fetched figures. */
#include <stdlib.h>
#include <string.h>

#include "render/chart.h"

/* England, new plans within 20 weeks (DfE, calendar years), from
 * shared/docs/statutory-clock.md: excluding and including exceptions. */
static const struct {
	int year;
	const char *excl, *incl;
} england[] = {
    {2019, "60.4", "58.7"}, {2020, "58.0", "55.6"}, {2021, "59.9", "57.9"},
    {2022, "49.2", "47.7"}, {2023, "50.3", "49.1"}, {2024, "46.4", "45.9"},
};
#define ENGLAND_N (sizeof england / sizeof england[0])

/* The England figure for a year, or the latest one before it ("" if none). */
const char *ehcp_board_england(int year, int *from_year)
{
	const char *v = "";
	*from_year = 0;
	for (size_t i = 0; i < ENGLAND_N; i++) {
		if (england[i].year <= year) {
			v = england[i].excl;
			*from_year = england[i].year;
		}
	}
	return v;
}

const char *ehcp_board_pct(char buf[32], const ehcp_board_rate *r)
{
	return ehcp_value_format(buf, 32, &r->pct);
}

const char *ehcp_board_month_name(ehcp_date d, char *buf, size_t len, bool with_year)
{
	static const char *const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	if (with_year)
		snprintf(buf, len, "%s %d", names[m - 1], y);
	else
		snprintf(buf, len, "%s", names[m - 1]);
	return buf;
}


#define W 680
#define H 270
#define X0 46
#define X1 664
#define Y0 28
#define Y1 222
/* the month names under the axis, and the year under them */
#define MONTH_DY 14
#define YEAR_DY 27

static double xat(int i, int n)
{
	return X0 + (i + 0.5) * (double)(X1 - X0) / n;
}

static double yat(double v, double max)
{
	return Y1 - v / max * (Y1 - Y0);
}

static void x_axis_at(FILE *f, const ehcp_board *b, int y1);

static void x_axis(FILE *f, const ehcp_board *b)
{
	x_axis_at(f, b, Y1);
}

static void x_axis_at(FILE *f, const ehcp_board *b, int y1)
{
	for (int i = 0; i < b->n; i++) {
		char name[16], year[8];
		ehcp_board_month_name(b->months[i].start, name, sizeof name, false);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", xat(i, b->n), y1 + MONTH_DY, name);
		if (i == 0 || strncmp(b->months[i].period + 5, "01", 2) == 0) {
			snprintf(year, sizeof year, "%.4s", b->months[i].period);
			fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>", xat(i, b->n),
			        y1 + YEAR_DY, year);
		}
	}
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#111\"/>", X0, y1, X1, y1);
}

/* A line through the months that have a value, broken where one has none.
 * The caller's <g> carries the stroke. */
static void series(FILE *f, const ehcp_board *b, const ehcp_value *const *values)
{
	bool open = false;
	for (int i = 0; i < b->n; i++) {
		if (values[i]->null) {
			if (open)
				fputs("\"/>", f);
			open = false;
			continue;
		}
		fprintf(f, "%s%.1f,%.1f", open ? " " : "<polyline fill=\"none\" points=\"", xat(i, b->n),
		        yat(ehcp_value_as_double(values[i]), 100));
		open = true;
	}
	if (open)
		fputs("\"/>", f);
}

void ehcp_chart_rate(FILE *f, const ehcp_board *b, double target)
{
	char lpct[32], ypct[32];
	char first[16], last[16];
	ehcp_board_month_name(b->months[0].start, first, sizeof first, true);
	ehcp_board_month_name(b->months[b->n - 1].start, last, sizeof last, true);
	const ehcp_board_month *lm = &b->months[b->n - 1];
	int ey;
	const char *eng = ehcp_board_england(atoi(lm->period), &ey);
	fprintf(f,
	        "<figure><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"rate-title rate-desc\">"
	        "<title id=\"rate-title\">New EHC plans issued within 20 weeks, excluding exceptions, by month</title>"
	        "<desc id=\"rate-desc\">Monthly share of new plans issued within 20 weeks, %s to %s: %s%s in %s. "
	        "Calendar year to date, pooled: %s%s.",
	        W, H, first, last, lm->plans_x.pct.null ? "no plans" : ehcp_board_pct(lpct, &lm->plans_x),
	        lm->plans_x.pct.null ? "" : "%", last, lm->ytd.pct.null ? "none" : ehcp_board_pct(ypct, &lm->ytd),
	        lm->ytd.pct.null ? "" : "%");
	if (*eng)
		fprintf(f, " England %d: %s%%.", ey, eng);
	if (target >= 0)
		fprintf(f, " Target: %.1f%%.", target);
	fputs(" The figures are in the table below.</desc>", f);
	/* grid */
	for (int v = 0; v <= 100; v += 25) {
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\" stroke-width=\"0.7\"/>", X0, yat(v, 100), X1,
		        yat(v, 100));
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>", X0 - 5, yat(v, 100) + 3.5, v);
	}
	x_axis(f, b);
	/* England, a step per calendar year, dotted */
	for (int i = 0; i < b->n; i++) {
		int yr;
		const char *e = ehcp_board_england(atoi(b->months[i].period), &yr);
		if (!*e)
			continue;
		double half = (double)(X1 - X0) / b->n / 2;
		double y = yat(strtod(e, NULL), 100);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#777\" stroke-width=\"2\" stroke-dasharray=\"1.5 3\"/>",
		        xat(i, b->n) - half, y, xat(i, b->n) + half, y);
	}
	if (target >= 0)
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#111\" stroke-width=\"1\" stroke-dasharray=\"8 3 2 3\"/>",
		        X0, yat(target, 100), X1, yat(target, 100));
	/* year to date: dashed, square markers; the month: solid, round markers */
	const ehcp_value *ytd[EHCP_BOARD_MAX_MONTHS], *mon[EHCP_BOARD_MAX_MONTHS];
	for (int i = 0; i < b->n; i++) {
		ytd[i] = &b->months[i].ytd.pct;
		mon[i] = &b->months[i].plans_x.pct;
	}
	fputs("<g stroke=\"#555\" stroke-width=\"2\" stroke-dasharray=\"7 4\">", f);
	series(f, b, ytd);
	fputs("</g><g fill=\"#555\">", f);
	for (int i = 0; i < b->n; i++)
		if (!ytd[i]->null)
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"6\" height=\"6\"/>", xat(i, b->n) - 3,
			        yat(ehcp_value_as_double(ytd[i]), 100) - 3);
	fputs("</g><g stroke=\"#000\" stroke-width=\"2.4\">", f);
	series(f, b, mon);
	fputs("</g><g fill=\"#000\">", f);
	for (int i = 0; i < b->n; i++)
		if (!mon[i]->null)
			fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.6\"/>", xat(i, b->n), yat(ehcp_value_as_double(mon[i]), 100));
	fputs("</g>", f);
	/* legend */
	fprintf(f,
	        "<g transform=\"translate(%d,10)\">"
	        "<line x1=\"0\" y1=\"0\" x2=\"22\" y2=\"0\" stroke=\"#000\" stroke-width=\"2.4\"/><circle cx=\"11\" cy=\"0\" r=\"3.6\"/>"
	        "<text x=\"27\" y=\"3.5\">Month</text>"
	        "<line x1=\"80\" y1=\"0\" x2=\"102\" y2=\"0\" stroke=\"#555\" stroke-width=\"2\" stroke-dasharray=\"7 4\"/>"
	        "<rect x=\"88\" y=\"-3\" width=\"6\" height=\"6\" fill=\"#555\"/><text x=\"107\" y=\"3.5\">Year to date</text>"
	        "<line x1=\"190\" y1=\"0\" x2=\"212\" y2=\"0\" stroke=\"#777\" stroke-width=\"2\" stroke-dasharray=\"1.5 3\"/>"
	        "<text x=\"217\" y=\"3.5\">England, %s</text>",
	        X0, *eng && ey < atoi(lm->period) ? "latest published year" : "calendar year");
	if (target >= 0)
		fprintf(f, "<line x1=\"380\" y1=\"0\" x2=\"402\" y2=\"0\" stroke=\"#111\" stroke-dasharray=\"8 3 2 3\"/>"
		           "<text x=\"407\" y=\"3.5\">Target %.1f%%</text>",
		        target);
	fputs("</g></svg>", f);
	fprintf(f, "<figcaption>Solid line: each month's share of new plans issued within 20 weeks, excluding exceptions. "
	           "Dashed: the same pooled over the calendar year to date. Dotted: England's figure for the year.</figcaption></figure>");
}

/* Bars of a count at each month's end; `id` names the figure's title and
 * description for screen readers. */
#define BARS_SHORTER 80

static double ybar(double v, double max, int y1)
{
	return y1 - v / max * (y1 - Y0);
}

static void bars(FILE *f, const ehcp_board *b, const long *values, const char *id, const char *title,
                 const char *caption)
{
	long max = 1;
	for (int i = 0; i < b->n; i++)
		if (values[i] > max)
			max = values[i];
	/* a round step for the scale: 1, 2, 5, 10, 20, 50, ... */
	long step = 1;
	for (long unit = 1; max / step > 8; unit *= 10)
		for (int k = 0; k < 3 && max / step > 8; k++)
			step = unit * (k == 0 ? 2 : k == 1 ? 5 : 10);
	long top = ((max + step - 1) / step) * step;
	char first[16], last[16];
	ehcp_board_month_name(b->months[0].start, first, sizeof first, true);
	ehcp_board_month_name(b->months[b->n - 1].start, last, sizeof last, true);
	/* bars need less height than the rate's lines: the page stays within three A4 sheets */
	const int y1 = Y1 - BARS_SHORTER;
	fprintf(f,
	        "<figure><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-title %s-desc\">"
	        "<title id=\"%s-title\">%s</title>"
	        "<desc id=\"%s-desc\">From %ld at the end of %s to %ld at the end of %s. Each bar is labelled with its "
	        "figure.</desc>",
	        W, H - BARS_SHORTER, id, id, id, title, id, values[0], first, values[b->n - 1], last);
	for (long v = 0; v <= top; v += step) {
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\" stroke-width=\"0.7\"/>", X0,
		        ybar((double)v, (double)top, y1), X1, ybar((double)v, (double)top, y1));
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%ld</text>", X0 - 5, ybar((double)v, (double)top, y1) + 3.5, v);
	}
	double bw = (double)(X1 - X0) / b->n * 0.6;
	for (int i = 0; i < b->n; i++) {
		double y = ybar((double)values[i], (double)top, y1);
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#666\" stroke=\"#000\" stroke-width=\"0.6\"/>",
		        xat(i, b->n) - bw / 2, y, bw, y1 - y);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%ld</text>", xat(i, b->n), y - 3, values[i]);
	}
	x_axis_at(f, b, y1);
	fprintf(f, "</svg><figcaption>%s</figcaption></figure>", caption);
}

void ehcp_chart_backlog(FILE *f, const ehcp_board *b)
{
	long v[EHCP_BOARD_MAX_MONTHS];
	for (int i = 0; i < b->n; i++)
		v[i] = b->months[i].backlog;
	bars(f, b, v, "backlog", "Backlog: open requests past their final-plan deadline at each month's end",
	     "Bars: requests still open and already past their final-plan deadline (20 weeks; for a re-assessment, 14 "
	     "weeks from the decision to re-assess; after a tribunal's order, its own) on the last day of each month.");
}


