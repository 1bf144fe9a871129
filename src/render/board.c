/* The board page: HTML from the fetched figures, charts from chart.c. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/board.h"
#include "render/chart.h"
#include "io/sink_internal.h"
#include "render/html.h"


typedef enum { RAG_NONE, RAG_GREEN, RAG_AMBER, RAG_RED } rag;

static rag rating(const ehcp_value *value, double target, bool lower_better)
{
	if (value->null || target < 0)
		return RAG_NONE;
	double v = ehcp_value_as_double(value);
	if (lower_better)
		return v <= target ? RAG_GREEN : v <= target * 1.25 ? RAG_AMBER : RAG_RED;
	return v >= target ? RAG_GREEN : v >= target - 5 ? RAG_AMBER : RAG_RED;
}

/* With a target but no figure (a month with nothing to count) there is
 * nothing to rate, which is not the same as having no target. */
static void rag_cell(FILE *f, rag r, bool has_target)
{
	static const char *const cls[] = {"none", "green", "amber", "red"};
	static const char *const word[] = {"no target", "Green", "Amber", "Red"};
	static const char *const mark[] = {"", "&#9679; ", "&#9650; ", "&#9632; "};
	fprintf(f, "<td class=\"rag %s\">%s%s</td>", cls[r], mark[r], r == RAG_NONE && has_target ? "no figure" : word[r]);
}

static void direction_cell(FILE *f, const ehcp_value *cur, const ehcp_value *prev, bool lower_better, const char *unit)
{
	if (cur->null || prev->null) {
		fputs("<td class=\"dir\">no comparison</td>", f);
		return;
	}
	double d = ehcp_value_as_double(cur) - ehcp_value_as_double(prev);
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
static void pct_cell(FILE *f, const char *kpi, const char *period, const ehcp_board_rate *x)
{
	char pct[32];
	ehcp_board_pct(pct, x);
	fprintf(f, "<td class=\"num\" data-kpi=\"%s\" data-period=\"%s\" data-value=\"%s\">", kpi, period, pct);
	if (*pct)
		fprintf(f, "%s%% <span class=\"of\">(%ld of %ld)</span></td>", pct, x->w, x->n);
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
	"th, td { border: 0.6pt solid #888; padding: 0.7mm 1.4mm; vertical-align: top; }\n"
	"th { background: #eee; text-align: left; } td.num { text-align: right; white-space: nowrap; }\n"
	".of { color: #444; font-size: 7.5pt; }\n"
	"td.rag { font-weight: bold; white-space: nowrap; } td.green { background: #cfe8cf; }"
	" td.amber { background: #fde3a7; } td.red { background: #f4c2c2; } td.none { color: #555; }\n"
	"table:not(#kpi) tbody th { white-space: nowrap; }\n"
	"#kpi { table-layout: fixed; } #kpi th[scope=row] { font-weight: normal; } #kpi .of { display: block; }\n"
	"#kpi td.num, #kpi td.dir { white-space: normal; }\n"
	"figure { margin: 1mm 0 2mm; break-inside: avoid; } figcaption { font-size: 8.5pt; color: #333; }\n"
	"svg { width: 100%; height: auto; } svg text { font: 10px 'DejaVu Sans', Arial, sans-serif; fill: #111; }\n"
	"section { break-inside: avoid-page; } section.flow { break-inside: auto; } section.flow table { break-inside: avoid; }\n"
	".note { font-size: 8pt; color: #333; }\n"
	"@media print { body { padding: 0; } }\n";

/* ---- the annual reviews ---- */

static void reviews_section(FILE *f, const ehcp_board *b, const char *first, const char *last)
{
	/* free to break across pages: its tables are short and keep together */
	fputs("<section class=\"flow\"><h2>Annual reviews and phase transfers</h2>", f);
	/* transfers fall due once a year each: the range's totals say most */
	static const char *const kinds[4] = {"Into Reception", "Year 6 to Year 7 (by 14 February)",
	                                     "Year 11 to post-16 (by 30 March)", "The council's own pattern"};
	static const char *const keys[4] = {"reception", "year6", "year11", "local"};
	fprintf(f, "<table id=\"transfers\"><thead><tr><th>Phase transfer, %s to %s</th><th>Deadlines passed</th>"
	           "<th>Amended (or kept) in time</th><th>Not in time</th></tr></thead><tbody>\n",
	        first, last);
	for (int k = 0; k < 4; k++) {
		const ehcp_board_reviews *t = &b->reviews_total;
		fprintf(f, "<tr data-transfer=\"%s\"><th scope=\"row\">%s</th><td class=\"num\" data-col=\"due\">%ld</td>"
		           "<td class=\"num\" data-col=\"met\">%ld</td><td class=\"num\" data-col=\"not_met\">%ld</td></tr>\n",
		        keys[k], kinds[k], t->transfers_due[k], t->transfers_met[k], t->transfers_due[k] - t->transfers_met[k]);
	}
	fputs("</tbody></table>", f);
	/* the trend of the reviews overdue, month by month, in one row */
	fputs("<table id=\"reviews-overdue\"><thead><tr><th>Month end</th>", f);
	for (int i = 0; i < b->n; i++) {
		char name[16];
		fprintf(f, "<th>%s</th>", ehcp_board_month_name(b->months[i].start, name, sizeof name, i == 0 || strncmp(b->months[i].period + 5, "01", 2) == 0));
	}
	fputs("</tr></thead><tbody><tr><th scope=\"row\">Reviews overdue</th>", f);
	for (int i = 0; i < b->n; i++)
		fprintf(f, "<td class=\"num\" data-period=\"%s\" data-col=\"overdue_at_end\">%ld</td>", b->months[i].period,
		        b->reviews[i].overdue);
	fputs("</tr><tr><th scope=\"row\">Plans maintained</th>", f);
	for (int i = 0; i < b->n; i++)
		fprintf(f, "<td class=\"num\" data-period=\"%s\" data-col=\"plans_active_at_end\">%ld</td>", b->months[i].period,
		        b->reviews[i].active);
	fputs("</tr></tbody></table>", f);
	fputs("</section>\n", f);
}

/* ---- the page ---- */

/* A headline rate of month k (b->n: the range's total; -1: none, as for
 * the month before the first). */
static const ehcp_board_rate none_rate = {0, 0, {.type = EHCP_VALUE_NUMBER, .null = true}};
#define MONTH_OF(b, k) ((k) == (b)->n ? &(b)->total : &(b)->months[k])
#define REVIEWS_OF(b, k) ((k) == (b)->n ? &(b)->reviews_total : &(b)->reviews[k])
static const ehcp_board_rate *plans_of(const ehcp_board *b, int k) { return k < 0 ? &none_rate : &MONTH_OF(b, k)->plans; }
static const ehcp_board_rate *plans_x_of(const ehcp_board *b, int k) { return k < 0 ? &none_rate : &MONTH_OF(b, k)->plans_x; }
static const ehcp_board_rate *health_of(const ehcp_board *b, int k) { return k < 0 ? &none_rate : &MONTH_OF(b, k)->health; }
static const ehcp_board_rate *decisions_of(const ehcp_board *b, int k) { return k < 0 ? &none_rate : &MONTH_OF(b, k)->decisions; }
static const ehcp_board_rate *reviews_of(const ehcp_board *b, int k) { return k < 0 ? &none_rate : &REVIEWS_OF(b, k)->held; }
static const ehcp_board_rate *review_decisions_of(const ehcp_board *b, int k) { return k < 0 ? &none_rate : &REVIEWS_OF(b, k)->decisions; }
static const ehcp_board_rate *amended_of(const ehcp_board *b, int k) { return k < 0 ? &none_rate : &REVIEWS_OF(b, k)->amended; }
static const ehcp_board_rate *year9_of(const ehcp_board *b, int k) { return k < 0 ? &none_rate : &REVIEWS_OF(b, k)->year9; }
static long backlog_of(const ehcp_board *b, int k) { return b->months[k].backlog; }
static long overdue_of(const ehcp_board *b, int k) { return b->reviews[k].overdue; }

int ehcp_board_format(ehcp_sink *out, const ehcp_board *b, const ehcp_board_options *o)
{
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_board_options, o, EHCP_BOARD_OPTIONS_INIT, EHCP_BOARD_OPTIONS_VERSION);
	if (!out || !b || b->n < 1)
		return ehcp_fail(EHCP_EINVALID, "no board to write");
	FILE *f = ehcp_sink_stream(out);
	const ehcp_date from = b->from, as_of = b->as_of;
	const char *title = o->title ? o->title : "EHC needs assessments: performance";
	char first[16], last[16], asof[EHCP_DATE_LONG_LEN], cur[16], prev[16];
	ehcp_board_month_name(from, first, sizeof first, true);
	ehcp_board_month_name(b->months[b->n - 1].start, last, sizeof last, true);
	ehcp_date_format_long(asof, as_of);
	const ehcp_board_month *c = &b->months[b->n - 1];
	const ehcp_board_month *p = b->n > 1 ? &b->months[b->n - 2] : NULL;
	ehcp_board_month_name(c->start, cur, sizeof cur, true);
	if (p)
		ehcp_board_month_name(p->start, prev, sizeof prev, true);
	else
		snprintf(prev, sizeof prev, "none");
	static const ehcp_board_month empty = {.plans.pct.null = true, .plans_x.pct.null = true, .ytd.pct.null = true, .health.pct.null = true, .decisions.pct.null = true};
	if (!p)
		p = &empty;

	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>", f);
	html_esc(f, title);
	fprintf(f, ", %s to %s</title>\n<meta name=\"generator\" content=\"ehcp\"><style>\n%s</style></head>\n<body>\n", first, last, css);
	fputs("<header><h1>", f);
	html_esc(f, title);
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
		const ehcp_board_rate *(*of)(const ehcp_board *, int); /* a rate, or NULL: */
		long (*count)(const ehcp_board *, int);                 /* a count */
	} rows[] = {
	    {"plans_excl", "New plans within 20 weeks, excluding exceptions (the national headline)", "%", o->target_plans, false, plans_x_of, NULL},
	    {"plans_incl", "New plans within 20 weeks, including exceptions", "%", o->target_plans, false, plans_of, NULL},
	    {"health", "Health advice within 6 weeks, excluding exceptions", "%", o->target_health, false, health_of, NULL},
	    {"decisions", "Decisions whether to assess within 6 weeks", "%", o->target_decisions, false, decisions_of, NULL},
	    {"backlog", "Backlog: open requests past their deadline at the month's end", "", o->target_backlog, true, NULL, backlog_of},
	    {"reviews_held", "Annual reviews held by their due date", "%", -1, false, reviews_of, NULL},
	    {"year9_reviews", "Year 9 reviews held by their due date", "%", -1, false, year9_of, NULL},
	    {"review_decisions", "Review decisions within 4 weeks of the meeting", "%", -1, false, review_decisions_of, NULL},
	    {"review_amended", "Amended plans within 12 weeks of the review meeting", "%", -1, false, amended_of, NULL},
	    {"reviews_overdue", "Annual reviews overdue at the month's end", "", -1, true, NULL, overdue_of},
	};
	const int ck = b->n - 1, pk = b->n > 1 ? b->n - 2 : -1;
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		fprintf(f, "<tr><th scope=\"row\">%s</th>", rows[k].name);
		target_cell(f, rows[k].target, rows[k].unit);
		ehcp_value cv, pv;
		if (rows[k].of) {
			const ehcp_board_rate *cr = rows[k].of(b, ck), *pr = rows[k].of(b, pk);
			pct_cell(f, rows[k].kpi, c->period, cr);
			pct_cell(f, rows[k].kpi, p->period, pr);
			cv = cr->pct, pv = pr->pct;
		} else {
			/* a count at the month's end */
			const long cn = rows[k].count(b, ck), pn = pk < 0 ? 0 : rows[k].count(b, pk);
			cv = (ehcp_value){.type = EHCP_VALUE_INT, .i = cn};
			pv = (ehcp_value){.type = EHCP_VALUE_INT, .i = pn, .null = pk < 0};
			fprintf(f, "<td class=\"num\" data-kpi=\"%s\" data-period=\"%s\" data-value=\"%ld\">%ld</td>", rows[k].kpi,
			        c->period, cn, cn);
			if (pk >= 0)
				fprintf(f, "<td class=\"num\" data-kpi=\"%s\" data-period=\"%s\" data-value=\"%ld\">%ld</td>",
				        rows[k].kpi, p->period, pn, pn);
			else
				fputs("<td class=\"num\">&mdash;</td>", f);
		}
		direction_cell(f, &cv, &pv, rows[k].lower_better, rows[k].unit);
		rag_cell(f, rating(&cv, rows[k].target, rows[k].lower_better), rows[k].target >= 0);
		if (rows[k].of)
			pct_cell(f, rows[k].kpi, "total", rows[k].of(b, b->n));
		else
			fprintf(f, "<td class=\"num\">%ld at %s</td>", rows[k].count(b, ck), cur);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table><p class=\"note\">Rating: Green at or better than the target; Amber within 5 percentage "
	      "points below it (for the backlog, up to a quarter above it); Red otherwise. Direction of travel compares the "
	      "last month with the one before. Counts behind each percentage are in brackets.</p></section>\n",
	      f);

	/* the 20-week rate */
	fputs("<section><h2>The 20-week rate, month by month</h2>", f);
	ehcp_chart_rate(f, b, o->target_plans);
	fputs("<table id=\"plans\"><thead><tr><th>Month</th><th>Plans issued</th><th>After mediation or tribunal</th>"
	      "<th>Timeliness base</th><th>Within 20 weeks</th><th>%</th>"
	      "<th>Excluding exceptions: base</th><th>within</th><th>%</th><th>With an exception</th>"
	      "<th>Year to date (excl.) %</th><th>England %</th></tr></thead><tbody>\n",
	      f);
	for (int i = 0; i <= b->n; i++) {
		const bool total = i == b->n;
		const ehcp_board_month *m = total ? &b->total : &b->months[i];
		char name[64], pp[32], px[32], py[32];
		int ey;
		if (total)
			snprintf(name, sizeof name, "%s to %s", first, last);
		else
			ehcp_board_month_name(m->start, name, sizeof name, true);
		fprintf(f,
		        "<tr data-period=\"%s\"><th scope=\"row\">%s</th><td class=\"num\" data-col=\"plans_issued\">%ld</td>"
		        "<td class=\"num\" data-col=\"mediation_or_tribunal\">%ld</td>"
		        "<td class=\"num\" data-col=\"timeliness_base\">%ld</td>"
		        "<td class=\"num\" data-col=\"within_20_weeks\">%ld</td><td class=\"num\" data-col=\"percent_within\">%s</td>"
		        "<td class=\"num\" data-col=\"timeliness_base_excl_exceptions\">%ld</td>"
		        "<td class=\"num\" data-col=\"within_20_weeks_excl_exceptions\">%ld</td>"
		        "<td class=\"num\" data-col=\"percent_within_excl_exceptions\">%s</td>"
		        "<td class=\"num\" data-col=\"with_exception\">%ld</td>",
		        m->period, name, m->issued, m->mt, m->plans.n, m->plans.w, ehcp_board_pct(pp, &m->plans), m->plans_x.n,
		        m->plans_x.w, ehcp_board_pct(px, &m->plans_x), m->plans.n - m->plans_x.n);
		if (total)
			fputs("<td></td><td></td></tr>\n", f);
		else
			fprintf(f, "<td class=\"num\" data-col=\"year_to_date\">%s <span class=\"of\">(%ld of %ld)</span></td>"
			        "<td class=\"num\">%s</td></tr>\n",
			        ehcp_board_pct(py, &m->ytd), m->ytd.w, m->ytd.n, ehcp_board_england(atoi(m->period), &ey));
	}
	fputs("</tbody></table><p class=\"note\">As the Department for Education counts them, plans whose case went to "
	      "mediation or tribunal are counted as issued but left out of the timeliness figures: every percentage is of "
	      "the timeliness base. \"With an exception\" is how many plans in the base carried one.</p></section>\n",
	      f);

	/* the backlog */
	fputs("<section><h2>The backlog</h2>", f);
	ehcp_chart_backlog(f, b);
	fputs("<table id=\"backlog\"><thead><tr><th>Month end</th><th>Open past the deadline</th>"
	      "<th>Health advice returned (excl.)</th><th>within 6 weeks</th><th>%</th>"
	      "<th>Decisions whether to assess</th><th>within 6 weeks</th><th>%</th></tr></thead><tbody>\n",
	      f);
	for (int i = 0; i < b->n; i++) {
		const ehcp_board_month *m = &b->months[i];
		char name[16], ph[32], pd[32];
		fprintf(f,
		        "<tr data-period=\"%s\"><th scope=\"row\">%s</th><td class=\"num\" data-col=\"backlog\">%ld</td>"
		        "<td class=\"num\" data-col=\"advice_returned_excl_exceptions\">%ld</td>"
		        "<td class=\"num\" data-col=\"within_6_weeks_excl_exceptions\">%ld</td>"
		        "<td class=\"num\" data-col=\"health_percent\">%s</td>"
		        "<td class=\"num\" data-col=\"decisions\">%ld</td><td class=\"num\" data-col=\"within_6_weeks\">%ld</td>"
		        "<td class=\"num\" data-col=\"decisions_percent\">%s</td></tr>\n",
		        m->period, ehcp_board_month_name(m->start, name, sizeof name, true), m->backlog, m->health.n, m->health.w,
		        ehcp_board_pct(ph, &m->health), m->decisions.n, m->decisions.w, ehcp_board_pct(pd, &m->decisions));
	}
	fputs("</tbody></table></section>\n", f);
	reviews_section(f, b, first, last);
	fputs("<footer><p class=\"note\">Definitions follow the SEND Regulations 2014 and the Department for Education's "
	      "counting: a plan is within 20 weeks when issued on or before the 140th day after the request; plans with an "
	      "exception (regulation 13(3)) are left out of both sides of the excluding-exceptions rate. A review is due by the "
	      "day before the anniversary of the plan's start or last review meeting (reg 15: at the latest 3 months after a "
	      "transfer in) and counts in the month it fell due; a phase transfer is met by the amended plan, or a decision "
	      "to keep the plan, by its deadline; a figure counts once its limit has passed. England figures: "
	      "DfE, Education, health and care plans, calendar years. Made by ehcp; every figure can be traced to its cases "
	      "with <code>ehcp report &hellip; --cases</code>.</p></footer>\n</body></html>\n",
	      f);
	return ehcp_sink_flush(out, "the board report");
}
