/* The board report: an HTML page with inline SVG charts, from the reports. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_internal.h"
#include "ehcp/board.h"
#include "ehcp/report.h"
#include "core/errors_internal.h"

#define MAX_MONTHS 60

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
static const char *england_for(int year, int *from_year)
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

/* A rate: w of n in time, and the percentage as the report gives it. */
typedef struct {
	long n, w;
	char pct[48];
} rate;

typedef struct {
	char period[16];     /* 2025-07 */
	ehcp_date start;
	long issued;         /* new plans issued */
	long mt;             /* ... whose case went to mediation or tribunal: out of timeliness */
	rate plans;          /* within 20 weeks, of the timeliness base, including exceptions */
	rate plans_x;        /* ... excluding them */
	rate ytd;            /* ... excluding them, calendar year to date */
	rate health;         /* health advice within 6 weeks, excluding exceptions */
	rate decisions;      /* decisions whether to assess within 6 weeks */
	long backlog;
} month;

typedef struct {
	int n;
	month m[MAX_MONTHS];
	/* the whole range, pooled: the "total" rows of the reports */
	month total;
} board;

/* One decimal place, half away from zero, of 100 * w / n; "" when n is 0. */
static void pct1(char *out, size_t len, long w, long n)
{
	if (n <= 0) {
		out[0] = '\0';
		return;
	}
	long long q = (2000LL * w + n) / (2LL * n);
	snprintf(out, len, "%lld.%lld", q / 10, q % 10);
}

static long cell_long(const ehcp_report *r, size_t row, const char *col)
{
	const char *v = ehcp_report_cell(r, row, col);
	return v ? strtol(v, NULL, 10) : 0;
}

static void cell_text(char *out, size_t len, const ehcp_report *r, size_t row, const char *col)
{
	const char *v = ehcp_report_cell(r, row, col);
	snprintf(out, len, "%s", v ? v : "");
}

static void read_rate(rate *x, const ehcp_report *r, size_t row, const char *n, const char *w, const char *pct)
{
	x->n = cell_long(r, row, n);
	x->w = cell_long(r, row, w);
	cell_text(x->pct, sizeof x->pct, r, row, pct);
}

static int run(ehcp_report **r, ehcp_store *s, ehcp_report_measure m, ehcp_date from, ehcp_date to, ehcp_date as_of)
{
	ehcp_report_options o = EHCP_REPORT_OPTIONS_INIT;
	o.measure = m;
	o.from = from;
	o.to = to;
	o.as_of = as_of;
	o.by = EHCP_PERIOD_MONTH;
	return ehcp_report_run(r, s, &o);
}

/* Finds the month of the board a report row belongs to, or the total (-2),
 * or none (-1). */
static int month_of_row(const board *b, const ehcp_report *r, size_t row)
{
	const char *p = ehcp_report_cell(r, row, "period");
	if (!p)
		return -1;
	if (strcmp(p, "total") == 0)
		return -2;
	for (int i = 0; i < b->n; i++)
		if (strcmp(b->m[i].period, p) == 0)
			return i;
	return -1;
}

static int gather(board *b, ehcp_store *s, ehcp_date from, ehcp_date to, ehcp_date as_of)
{
	memset(b, 0, sizeof *b);
	for (ehcp_date d = from; d <= to && b->n < MAX_MONTHS; d = ehcp_date_add_months_start(d, 1)) {
		month *m = &b->m[b->n++];
		int y, mo, day;
		ehcp_date_to_ymd(d, &y, &mo, &day);
		m->start = d;
		snprintf(m->period, sizeof m->period, "%04d-%02d", y, mo);
	}
	snprintf(b->total.period, sizeof b->total.period, "total");

	ehcp_report *r = NULL;
	int err;
	/* Plans from the January of the first year, for the year-to-date line. */
	if ((err = run(&r, s, EHCP_REPORT_PLANS, ehcp_date_year_start(from), to, as_of)) < 0)
		return err;
	long yn = 0, yw = 0;
	int year = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		const char *p = ehcp_report_cell(r, i, "period");
		if (!p || strcmp(p, "total") == 0)
			continue;
		int py = atoi(p);
		if (py != year) {
			year = py;
			yn = yw = 0;
		}
		yn += cell_long(r, i, "timeliness_base_excl_exceptions");
		yw += cell_long(r, i, "within_20_weeks_excl_exceptions");
		int k = month_of_row(b, r, i);
		if (k < 0)
			continue;
		month *m = &b->m[k];
		m->issued = cell_long(r, i, "plans_issued");
		m->mt = cell_long(r, i, "mediation_or_tribunal");
		read_rate(&m->plans, r, i, "timeliness_base", "within_20_weeks", "percent_within");
		read_rate(&m->plans_x, r, i, "timeliness_base_excl_exceptions", "within_20_weeks_excl_exceptions",
		          "percent_within_excl_exceptions");
		m->ytd.n = yn;
		m->ytd.w = yw;
		pct1(m->ytd.pct, sizeof m->ytd.pct, yw, yn);
	}
	ehcp_report_free(r);

	/* The range's own pooled totals, exactly as `ehcp report` gives them. */
	if ((err = run(&r, s, EHCP_REPORT_PLANS, from, to, as_of)) < 0)
		return err;
	for (size_t i = 0; i < r->nrows; i++) {
		if (month_of_row(b, r, i) != -2)
			continue;
		b->total.issued = cell_long(r, i, "plans_issued");
		b->total.mt = cell_long(r, i, "mediation_or_tribunal");
		read_rate(&b->total.plans, r, i, "timeliness_base", "within_20_weeks", "percent_within");
		read_rate(&b->total.plans_x, r, i, "timeliness_base_excl_exceptions", "within_20_weeks_excl_exceptions",
		          "percent_within_excl_exceptions");
	}
	ehcp_report_free(r);

	if ((err = run(&r, s, EHCP_REPORT_ADVICE, from, to, as_of)) < 0)
		return err;
	for (size_t i = 0; i < r->nrows; i++) {
		int k = month_of_row(b, r, i);
		if (k == -1)
			continue;
		read_rate(k == -2 ? &b->total.health : &b->m[k].health, r, i, "advice_returned_excl_exceptions",
		          "within_6_weeks_excl_exceptions", "percent_within_excl_exceptions");
	}
	ehcp_report_free(r);

	if ((err = run(&r, s, EHCP_REPORT_DECISIONS, from, to, as_of)) < 0)
		return err;
	for (size_t i = 0; i < r->nrows; i++) {
		int k = month_of_row(b, r, i);
		if (k == -1)
			continue;
		read_rate(k == -2 ? &b->total.decisions : &b->m[k].decisions, r, i, "decisions", "within_6_weeks",
		          "percent_within");
	}
	ehcp_report_free(r);

	if ((err = run(&r, s, EHCP_REPORT_BACKLOG, from, to, as_of)) < 0)
		return err;
	for (size_t i = 0; i < r->nrows; i++) {
		int k = month_of_row(b, r, i);
		if (k >= 0)
			b->m[k].backlog = cell_long(r, i, "backlog");
	}
	ehcp_report_free(r);
	return 0;
}

/* ---- HTML ---- */

static void esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

static const char *month_name(ehcp_date d, char *buf, size_t len, bool with_year)
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

typedef enum { RAG_NONE, RAG_GREEN, RAG_AMBER, RAG_RED } rag;

static rag rating(const char *value, double target, bool lower_better)
{
	if (!*value || target < 0)
		return RAG_NONE;
	double v = strtod(value, NULL);
	if (lower_better)
		return v <= target ? RAG_GREEN : v <= target * 1.25 ? RAG_AMBER : RAG_RED;
	return v >= target ? RAG_GREEN : v >= target - 5 ? RAG_AMBER : RAG_RED;
}

static void rag_cell(FILE *f, rag r)
{
	static const char *const cls[] = {"none", "green", "amber", "red"};
	static const char *const word[] = {"no target", "Green", "Amber", "Red"};
	static const char *const mark[] = {"", "&#9679; ", "&#9650; ", "&#9632; "};
	fprintf(f, "<td class=\"rag %s\">%s%s</td>", cls[r], mark[r], word[r]);
}

static void direction_cell(FILE *f, const char *cur, const char *prev, bool lower_better, const char *unit)
{
	if (!*cur || !*prev) {
		fputs("<td class=\"dir\">no comparison</td>", f);
		return;
	}
	double d = strtod(cur, NULL) - strtod(prev, NULL);
	if (fabs(d) < 0.05) {
		fputs("<td class=\"dir\">&#9654; no change</td>", f);
		return;
	}
	bool better = lower_better ? d < 0 : d > 0;
	fprintf(f, "<td class=\"dir %s\">%s %s (%s%.*f%s)</td>", better ? "better" : "worse",
	        d > 0 ? "&#9650;" : "&#9660;", better ? "better" : "worse", d > 0 ? "+" : "&minus;",
	        strcmp(unit, "%") == 0 ? 1 : 0, fabs(d), strcmp(unit, "%") == 0 ? " points" : "");
}

/* A percentage with the counts behind it: "53.8% (21 of 39)". */
static void pct_cell(FILE *f, const char *kpi, const char *period, const rate *x)
{
	fprintf(f, "<td class=\"num\" data-kpi=\"%s\" data-period=\"%s\" data-value=\"%s\">", kpi, period, x->pct);
	if (*x->pct)
		fprintf(f, "%s%% <span class=\"of\">(%ld of %ld)</span></td>", x->pct, x->w, x->n);
	else
		fputs("&mdash; <span class=\"of\">(none)</span></td>", f);
}

static void target_cell(FILE *f, double target, const char *unit)
{
	if (target < 0)
		fputs("<td class=\"num\">&mdash;</td>", f);
	else if (strcmp(unit, "%") == 0)
		fprintf(f, "<td class=\"num\">%.1f%%</td>", target);
	else
		fprintf(f, "<td class=\"num\">%.0f or fewer</td>", target);
}

static const char css[] =
	"@page { size: A4; margin: 12mm 12mm 14mm; }\n"
	"* { box-sizing: border-box; }\n"
	"body { font: 10pt/1.35 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #111; margin: 0 auto;"
	" max-width: 186mm; padding: 4mm; }\n"
	"h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; }\n"
	"p.lead { margin: 0 0 3mm; color: #333; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; font-size: 8.5pt; }\n"
	"th, td { border: 0.6pt solid #888; padding: 1.2mm 1.6mm; vertical-align: top; }\n"
	"th { background: #eee; text-align: left; } td.num { text-align: right; white-space: nowrap; }\n"
	".of { color: #444; font-size: 7.5pt; }\n"
	"td.rag { font-weight: bold; white-space: nowrap; } td.green { background: #cfe8cf; }"
	" td.amber { background: #fde3a7; } td.red { background: #f4c2c2; } td.none { color: #555; }\n"
	"#kpi { table-layout: fixed; } #kpi th[scope=row] { font-weight: normal; } #kpi .of { display: block; }\n"
	"#kpi td.num, #kpi td.dir { white-space: normal; }\n"
	"figure { margin: 1mm 0 2mm; break-inside: avoid; } figcaption { font-size: 8.5pt; color: #333; }\n"
	"svg { width: 100%; height: auto; } svg text { font: 10px 'DejaVu Sans', Arial, sans-serif; fill: #111; }\n"
	"section { break-inside: avoid-page; } .note { font-size: 8pt; color: #333; }\n"
	"@media print { body { padding: 0; } }\n";

/* ---- charts ---- */

#define W 680
#define H 270
#define X0 46
#define X1 664
#define Y0 28
#define Y1 222

static double xat(int i, int n)
{
	return X0 + (i + 0.5) * (double)(X1 - X0) / n;
}

static double yat(double v, double max)
{
	return Y1 - v / max * (Y1 - Y0);
}

static void x_axis(FILE *f, const board *b)
{
	for (int i = 0; i < b->n; i++) {
		char name[16], year[8];
		month_name(b->m[i].start, name, sizeof name, false);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", xat(i, b->n), Y1 + 14, name);
		if (i == 0 || strncmp(b->m[i].period + 5, "01", 2) == 0) {
			snprintf(year, sizeof year, "%.4s", b->m[i].period);
			fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>", xat(i, b->n),
			        Y1 + 27, year);
		}
	}
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#111\"/>", X0, Y1, X1, Y1);
}

/* A line through the months that have a value, broken where one has none.
 * The caller's <g> carries the stroke. */
static void series(FILE *f, const board *b, const char *const *values)
{
	bool open = false;
	for (int i = 0; i < b->n; i++) {
		if (!*values[i]) {
			if (open)
				fputs("\"/>", f);
			open = false;
			continue;
		}
		fprintf(f, "%s%.1f,%.1f", open ? " " : "<polyline fill=\"none\" points=\"", xat(i, b->n),
		        yat(strtod(values[i], NULL), 100));
		open = true;
	}
	if (open)
		fputs("\"/>", f);
}

static void rate_chart(FILE *f, const board *b, double target)
{
	char first[16], last[16];
	month_name(b->m[0].start, first, sizeof first, true);
	month_name(b->m[b->n - 1].start, last, sizeof last, true);
	const month *lm = &b->m[b->n - 1];
	int ey;
	const char *eng = england_for(atoi(lm->period), &ey);
	fprintf(f,
	        "<figure><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"rate-title rate-desc\">"
	        "<title id=\"rate-title\">New EHC plans issued within 20 weeks, excluding exceptions, by month</title>"
	        "<desc id=\"rate-desc\">Monthly share of new plans issued within 20 weeks, %s to %s: %s%s in %s. "
	        "Calendar year to date, pooled: %s%s.",
	        W, H, first, last, *lm->plans_x.pct ? lm->plans_x.pct : "no plans", *lm->plans_x.pct ? "%" : "", last,
	        *lm->ytd.pct ? lm->ytd.pct : "none", *lm->ytd.pct ? "%" : "");
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
		const char *e = england_for(atoi(b->m[i].period), &yr);
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
	const char *ytd[MAX_MONTHS], *mon[MAX_MONTHS];
	for (int i = 0; i < b->n; i++) {
		ytd[i] = b->m[i].ytd.pct;
		mon[i] = b->m[i].plans_x.pct;
	}
	fputs("<g stroke=\"#555\" stroke-width=\"2\" stroke-dasharray=\"7 4\">", f);
	series(f, b, ytd);
	fputs("</g><g fill=\"#555\">", f);
	for (int i = 0; i < b->n; i++)
		if (*ytd[i])
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"6\" height=\"6\"/>", xat(i, b->n) - 3, yat(strtod(ytd[i], NULL), 100) - 3);
	fputs("</g><g stroke=\"#000\" stroke-width=\"2.4\">", f);
	series(f, b, mon);
	fputs("</g><g fill=\"#000\">", f);
	for (int i = 0; i < b->n; i++)
		if (*mon[i])
			fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.6\"/>", xat(i, b->n), yat(strtod(mon[i], NULL), 100));
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

static void backlog_chart(FILE *f, const board *b)
{
	long max = 1;
	for (int i = 0; i < b->n; i++)
		if (b->m[i].backlog > max)
			max = b->m[i].backlog;
	/* a round step for the scale: 1, 2, 5, 10, 20, 50, ... */
	long step = 1;
	for (long unit = 1; max / step > 8; unit *= 10)
		for (int k = 0; k < 3 && max / step > 8; k++)
			step = unit * (k == 0 ? 2 : k == 1 ? 5 : 10);
	long top = ((max + step - 1) / step) * step;
	char first[16], last[16];
	month_name(b->m[0].start, first, sizeof first, true);
	month_name(b->m[b->n - 1].start, last, sizeof last, true);
	fprintf(f,
	        "<figure><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"backlog-title backlog-desc\">"
	        "<title id=\"backlog-title\">Backlog: open requests past their final-plan deadline at each month's end</title>"
	        "<desc id=\"backlog-desc\">From %ld at the end of %s to %ld at the end of %s. The figures are in the table "
	        "below.</desc>",
	        W, H, b->m[0].backlog, first, b->m[b->n - 1].backlog, last);
	for (long v = 0; v <= top; v += step) {
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\" stroke-width=\"0.7\"/>", X0,
		        yat((double)v, (double)top), X1, yat((double)v, (double)top));
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%ld</text>", X0 - 5, yat((double)v, (double)top) + 3.5, v);
	}
	double bw = (double)(X1 - X0) / b->n * 0.6;
	for (int i = 0; i < b->n; i++) {
		double y = yat((double)b->m[i].backlog, (double)top);
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#666\" stroke=\"#000\" stroke-width=\"0.6\"/>",
		        xat(i, b->n) - bw / 2, y, bw, Y1 - y);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%ld</text>", xat(i, b->n), y - 3, b->m[i].backlog);
	}
	x_axis(f, b);
	fputs("</svg><figcaption>Bars: requests still open and already past their final-plan deadline (20 weeks; for a re-assessment, 14 weeks from "
	      "the decision to re-assess; after a tribunal's order, its own) on the last "
	      "day of each month.</figcaption></figure>",
	      f);
}

/* ---- the page ---- */

static const rate *plans_of(const month *m) { return &m->plans; }
static const rate *plans_x_of(const month *m) { return &m->plans_x; }
static const rate *health_of(const month *m) { return &m->health; }
static const rate *decisions_of(const month *m) { return &m->decisions; }

int ehcp_board_write(ehcp_store *s, FILE *f, const ehcp_board_options *o)
{
	if (o->from == EHCP_DATE_NONE || o->to == EHCP_DATE_NONE || o->from > o->to)
		return ehcp_fail(EHCP_EINVALID, "the board report needs a range of months, first to last");
	const ehcp_date from = ehcp_date_month_start(o->from);
	const ehcp_date to = ehcp_date_add_months_start(o->to, 1) - 1;
	if (ehcp_date_add_months_start(from, MAX_MONTHS) <= to)
		return ehcp_fail(EHCP_EINVALID, "the board report covers at most %d months", MAX_MONTHS);
	const ehcp_date as_of = o->as_of != EHCP_DATE_NONE ? o->as_of : ehcp_date_today();

	board *b = calloc(1, sizeof *b);
	if (!b)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	int err = gather(b, s, from, to, as_of);
	if (err < 0) {
		free(b);
		return err;
	}
	const char *title = o->title ? o->title : "EHC needs assessments: performance";
	char first[16], last[16], asof[EHCP_DATE_LONG_LEN], cur[16], prev[16];
	month_name(from, first, sizeof first, true);
	month_name(b->m[b->n - 1].start, last, sizeof last, true);
	ehcp_date_format_long(asof, as_of);
	const month *c = &b->m[b->n - 1];
	const month *p = b->n > 1 ? &b->m[b->n - 2] : NULL;
	month_name(c->start, cur, sizeof cur, true);
	if (p)
		month_name(p->start, prev, sizeof prev, true);
	else
		snprintf(prev, sizeof prev, "none");
	static const month empty;
	if (!p)
		p = &empty;

	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>", f);
	esc(f, title);
	fprintf(f, ", %s to %s</title>\n<meta name=\"generator\" content=\"ehcp\"><style>\n%s</style></head>\n<body>\n", first, last, css);
	fputs("<header><h1>", f);
	esc(f, title);
	fprintf(f, "</h1><p class=\"lead\">%s to %s. Figures as the records stood on %s. New plans are initial requests and "
	           "transfers in; every figure is pooled, never an average of months.</p></header>\n",
	        first, last, asof);

	/* headline indicators */
	fprintf(f, "<section><h2>Headline indicators</h2><table id=\"kpi\"><colgroup><col style=\"width:31%%\">"
	           "<col style=\"width:9%%\"><col style=\"width:12%%\"><col style=\"width:12%%\"><col style=\"width:14%%\">"
	           "<col style=\"width:10%%\"><col style=\"width:12%%\"></colgroup><thead><tr><th>Indicator</th><th>Target</th>"
	           "<th>%s</th><th>%s</th><th>Direction of travel</th><th>Rating (%s)</th><th>%s to %s</th></tr></thead><tbody>\n",
	        cur, prev, cur, first, last);
	const struct {
		const char *kpi, *name, *unit;
		double target;
		bool lower_better;
		const rate *(*of)(const month *); /* NULL: the backlog, a count */
	} rows[] = {
	    {"plans_excl", "New plans within 20 weeks, excluding exceptions (the national headline)", "%", o->target_plans, false, plans_x_of},
	    {"plans_incl", "New plans within 20 weeks, including exceptions", "%", o->target_plans, false, plans_of},
	    {"health", "Health advice within 6 weeks, excluding exceptions", "%", o->target_health, false, health_of},
	    {"decisions", "Decisions whether to assess within 6 weeks", "%", o->target_decisions, false, decisions_of},
	    {"backlog", "Backlog: open requests past their deadline at the month's end", "", o->target_backlog, true, NULL},
	};
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		fprintf(f, "<tr><th scope=\"row\">%s</th>", rows[k].name);
		target_cell(f, rows[k].target, rows[k].unit);
		const char *cv, *pv;
		if (rows[k].of) {
			const rate *cr = rows[k].of(c), *pr = rows[k].of(p);
			pct_cell(f, rows[k].kpi, c->period, cr);
			pct_cell(f, rows[k].kpi, p->period, pr);
			cv = cr->pct, pv = pr->pct;
		} else {
			static char cb[24], pb[24];
			snprintf(cb, sizeof cb, "%ld", c->backlog);
			snprintf(pb, sizeof pb, "%ld", p->backlog);
			fprintf(f, "<td class=\"num\" data-kpi=\"backlog\" data-period=\"%s\" data-value=\"%s\">%s</td>", c->period, cb, cb);
			if (p != &empty)
				fprintf(f, "<td class=\"num\" data-kpi=\"backlog\" data-period=\"%s\" data-value=\"%s\">%s</td>", p->period, pb, pb);
			else
				fputs("<td class=\"num\">&mdash;</td>", f);
			cv = cb, pv = p != &empty ? pb : "";
		}
		direction_cell(f, cv, pv, rows[k].lower_better, rows[k].unit);
		rag_cell(f, rating(cv, rows[k].target, rows[k].lower_better));
		if (rows[k].of)
			pct_cell(f, rows[k].kpi, "total", rows[k].of(&b->total));
		else
			fprintf(f, "<td class=\"num\">%ld at %s</td>", c->backlog, cur);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table><p class=\"note\">Rating: Green at or better than the target; Amber within 5 percentage "
	      "points below it (for the backlog, up to a quarter above it); Red otherwise. Direction of travel compares the "
	      "last month with the one before. Counts behind each percentage are in brackets.</p></section>\n",
	      f);

	/* the 20-week rate */
	fputs("<section><h2>The 20-week rate, month by month</h2>", f);
	rate_chart(f, b, o->target_plans);
	fputs("<table id=\"plans\"><thead><tr><th>Month</th><th>Plans issued</th><th>After mediation or tribunal</th>"
	      "<th>Timeliness base</th><th>Within 20 weeks</th><th>%</th>"
	      "<th>Excluding exceptions: base</th><th>within</th><th>%</th><th>With an exception</th>"
	      "<th>Year to date (excl.) %</th><th>England %</th></tr></thead><tbody>\n",
	      f);
	for (int i = 0; i <= b->n; i++) {
		const bool total = i == b->n;
		const month *m = total ? &b->total : &b->m[i];
		char name[64];
		int ey;
		if (total)
			snprintf(name, sizeof name, "%s to %s", first, last);
		else
			month_name(m->start, name, sizeof name, true);
		fprintf(f,
		        "<tr data-period=\"%s\"><th scope=\"row\">%s</th><td class=\"num\" data-col=\"plans_issued\">%ld</td>"
		        "<td class=\"num\" data-col=\"mediation_or_tribunal\">%ld</td>"
		        "<td class=\"num\" data-col=\"timeliness_base\">%ld</td>"
		        "<td class=\"num\" data-col=\"within_20_weeks\">%ld</td><td class=\"num\" data-col=\"percent_within\">%s</td>"
		        "<td class=\"num\" data-col=\"timeliness_base_excl_exceptions\">%ld</td>"
		        "<td class=\"num\" data-col=\"within_20_weeks_excl_exceptions\">%ld</td>"
		        "<td class=\"num\" data-col=\"percent_within_excl_exceptions\">%s</td>"
		        "<td class=\"num\" data-col=\"with_exception\">%ld</td>",
		        m->period, name, m->issued, m->mt, m->plans.n, m->plans.w, m->plans.pct, m->plans_x.n, m->plans_x.w,
		        m->plans_x.pct, m->plans.n - m->plans_x.n);
		if (total)
			fputs("<td></td><td></td></tr>\n", f);
		else
			fprintf(f, "<td class=\"num\" data-col=\"year_to_date\">%s <span class=\"of\">(%ld of %ld)</span></td>"
			        "<td class=\"num\">%s</td></tr>\n",
			        m->ytd.pct, m->ytd.w, m->ytd.n, england_for(atoi(m->period), &ey));
	}
	fputs("</tbody></table><p class=\"note\">As the Department for Education counts them, plans whose case went to "
	      "mediation or tribunal are counted as issued but left out of the timeliness figures: every percentage is of "
	      "the timeliness base. \"With an exception\" is how many plans in the base carried one.</p></section>\n",
	      f);

	/* the backlog */
	fputs("<section><h2>The backlog</h2>", f);
	backlog_chart(f, b);
	fputs("<table id=\"backlog\"><thead><tr><th>Month end</th><th>Open past the deadline</th>"
	      "<th>Health advice returned (excl.)</th><th>within 6 weeks</th><th>%</th>"
	      "<th>Decisions whether to assess</th><th>within 6 weeks</th><th>%</th></tr></thead><tbody>\n",
	      f);
	for (int i = 0; i < b->n; i++) {
		const month *m = &b->m[i];
		char name[16];
		fprintf(f,
		        "<tr data-period=\"%s\"><th scope=\"row\">%s</th><td class=\"num\" data-col=\"backlog\">%ld</td>"
		        "<td class=\"num\" data-col=\"advice_returned_excl_exceptions\">%ld</td>"
		        "<td class=\"num\" data-col=\"within_6_weeks_excl_exceptions\">%ld</td>"
		        "<td class=\"num\" data-col=\"health_percent\">%s</td>"
		        "<td class=\"num\" data-col=\"decisions\">%ld</td><td class=\"num\" data-col=\"within_6_weeks\">%ld</td>"
		        "<td class=\"num\" data-col=\"decisions_percent\">%s</td></tr>\n",
		        m->period, month_name(m->start, name, sizeof name, true), m->backlog, m->health.n, m->health.w, m->health.pct,
		        m->decisions.n, m->decisions.w, m->decisions.pct);
	}
	fputs("</tbody></table></section>\n", f);
	fputs("<footer><p class=\"note\">Definitions follow the SEND Regulations 2014 and the Department for Education's "
	      "counting: a plan is within 20 weeks when issued on or before the 140th day after the request; plans with an "
	      "exception (regulation 13(3)) are left out of both sides of the excluding-exceptions rate. England figures: "
	      "DfE, Education, health and care plans, calendar years. Made by ehcp; every figure can be traced to its cases "
	      "with <code>ehcp report &hellip; --cases</code>.</p></footer>\n</body></html>\n",
	      f);
	free(b);
	if (fflush(f) != 0 || ferror(f))
		return ehcp_fail(EHCP_EOS, "cannot write the board report");
	return 0;
}
