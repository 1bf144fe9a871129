/* The demo caseload generator.  The shape follows the national figures in
 * shared/docs/statutory-clock.md: about half of new plans within 20 weeks,
 * about 85% of decisions whether to assess within 6 weeks. */
#include <string.h>

#include "ehcp/clock.h"
#include "ehcp/demo.h"
#include "core/errors_internal.h"
#include "io/demo_internal.h"
#include "io/sink_internal.h"

/* Requests by month, January first: fewer in August and December, more in
 * the autumn and spring terms. */
static const int month_weight[12] = {9, 9, 10, 9, 9, 9, 8, 5, 8, 10, 10, 6};

static void put_row(FILE *f, const char *const v[DEMO_COLS])
{
	for (int k = 0; k < DEMO_COLS; k++) {
		fputs(v[k] ? v[k] : "", f);
		fputc(k == DEMO_COLS - 1 ? '\n' : ',', f);
	}
}

static const char *date_or_none(char *buf, ehcp_date d, ehcp_date as_of)
{
	return d == EHCP_DATE_NONE || d > as_of ? "" : ehcp_date_format_iso(buf, d);
}

int ehcp_demo_options_init(ehcp_demo_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_DEMO_OPTIONS_VERSION, EHCP_DEMO_OPTIONS_INIT, "ehcp_demo_options");
}

int demo_check_options(const ehcp_demo_options *o)
{
	if (o->authorities < 1 || o->authorities > 999 || o->years < 1 || o->years > 50 ||
	    o->requests_per_year < 1 || o->requests_per_year > 1000000)
		return ehcp_fail(EHCP_EINVALID, "demo: authorities 1-999, years 1-50, requests per year 1-1000000");
	if (o->as_of == EHCP_DATE_NONE)
		return ehcp_fail(EHCP_EINVALID, "demo: an as-of date is required");
	return 0;
}

ehcp_date demo_first_day(const ehcp_demo_options *o)
{
	return o->as_of - 365 * o->years + 1;
}

demo_rng demo_authority_rng(const ehcp_demo_options *o, int a, int *workers)
{
	demo_rng r = {o->seed * 1000003u + (uint64_t)a};
	*workers = 4 + (int)(demo_next(&r) % 9);
	return r;
}

static void emit(demo_case_fn fn, void *ctx, int a, int workers, const char *const v[DEMO_COLS], ehcp_date dob,
                 ehcp_date final)
{
	const demo_case c = {a, workers, v, dob, final};
	fn(ctx, &c);
}

void demo_generate_authority(const ehcp_demo_options *o, int a, demo_case_fn fn, void *ctx)
{
	const ehcp_date first = demo_first_day(o);
	const int span = o->as_of - first + 1;
	int weight_total = 0;
	for (int m = 0; m < 12; m++)
		weight_total += month_weight[m];
	int workers;
	demo_rng r = demo_authority_rng(o, a, &workers);
	/* Mediation, appeals and coronavirus draw from a stream of their
	 * own, so that the rest of the caseload is as it always was. */
	demo_rng r2 = {o->seed * 7919u + (uint64_t)a + 0x5eedu};
	const long total = (long)o->requests_per_year * o->years;
	/* Requests in date order: walk the days, each taking its month's share. */
	long seq = 0;
	double carry = 0;
	for (int day = 0; day < span && seq < total; day++) {
		ehcp_date req = first + day;
		int y, m, dd;
		ehcp_date_to_ymd(req, &y, &m, &dd);
		if (ehcp_date_weekday(req) >= 6)
			continue; /* requests arrive on working days */
		carry += (double)o->requests_per_year * 12.0 * month_weight[m - 1] / weight_total / 261.0;
		while (carry >= 1.0 && seq < total) {
			carry -= 1.0;
			seq++;
			char ref[64], child[48], worker[48], dob[EHCP_DATE_ISO_LEN];
			char d[16][11];
			snprintf(ref, sizeof ref, "DEMO%03d-%04d-%06ld", a, y, seq);
			snprintf(child, sizeof child, "DEMO-C%03d-%07ld", a, (long)(demo_next(&r) % 9000000) + 1000000);
			snprintf(worker, sizeof worker, "Demo Caseworker %03d-%02d", a, demo_uniform(&r, 1, workers));
			const ehcp_date born = req - demo_uniform(&r, 365 * 2, 365 * 19);
			ehcp_date_format_iso(dob, born);

			const char *v[DEMO_COLS] = {ref, child, dob, worker, "initial", NULL};
			char reqs[11];
			v[5] = ehcp_date_format_iso(reqs, req);
			int type = demo_uniform(&r, 1, 100);
			if (type > 96)
				v[4] = "reassessment";
			else if (type > 90)
				v[4] = "transfer_in";

			/* withdrawn before a decision */
			if (demo_chance(&r, 30)) {
				ehcp_date closed = req + demo_uniform(&r, 5, 40);
				if (closed <= o->as_of) {
					v[22] = ehcp_date_format_iso(d[0], closed);
					v[23] = demo_chance(&r, 500) ? "withdrawn" : "moved_away";
				}
				emit(fn, ctx, a, workers, v, born, EHCP_DATE_NONE);
				continue;
			}
			const bool reassess = strcmp(v[4], "reassessment") == 0;
			/* a re-assessment is decided on its own 15 days */
			ehcp_date decided = req + (reassess ? demo_delay(&r, 5, 15, 10) : demo_delay(&r, 14, 40, 30));
			bool exc = demo_chance(&r, 45);
			if (decided > o->as_of) {
				emit(fn, ctx, a, workers, v, born, EHCP_DATE_NONE);
				continue;
			}
			bool refuse = demo_chance(&r, 200);
			v[6] = refuse ? "refuse" : "assess";
			v[7] = ehcp_date_format_iso(d[1], decided);
			/* what the assessment runs from: the decision, or a
			 * tribunal's order to assess after a refusal */
			ehcp_date start = decided;
			bool overturned = false;
			if (refuse) {
				if (demo_chance(&r2, 120))
					v[24] = date_or_none(d[11], decided + demo_uniform(&r2, 14, 45), o->as_of);
				ehcp_date appeal = decided + demo_uniform(&r2, 20, 70);
				if (!demo_chance(&r2, 100) || appeal > o->as_of) {
					emit(fn, ctx, a, workers, v, born, EHCP_DATE_NONE);
					continue;
				}
				v[25] = ehcp_date_format_iso(d[12], appeal);
				ehcp_date order = appeal + demo_uniform(&r2, 60, 160);
				if (order > o->as_of) {
					emit(fn, ctx, a, workers, v, born, EHCP_DATE_NONE);
					continue;
				}
				overturned = demo_chance(&r2, 550);
				v[26] = overturned ? "assess" : "dismissed";
				v[27] = ehcp_date_format_iso(d[13], order);
				if (!overturned) {
					emit(fn, ctx, a, workers, v, born, EHCP_DATE_NONE);
					continue;
				}
				start = order;
			}
			/* advice: health, social care, EP */
			static const int asked[3] = {960, 750, 950};
			ehcp_date last_advice = start;
			for (int b = 0; b < 3; b++) {
				if (!demo_chance(&r, asked[b]))
					continue;
				ehcp_date rq = start + demo_uniform(&r, 0, 6);
				if (rq > o->as_of)
					continue;
				v[8 + 3 * b] = ehcp_date_format_iso(d[2 + 2 * b], rq);
				ehcp_date rc = rq + demo_delay(&r, 14, 40, 35);
				if (rc <= o->as_of) {
					v[9 + 3 * b] = ehcp_date_format_iso(d[3 + 2 * b], rc);
					if (rc > last_advice)
						last_advice = rc;
				}
				if (demo_chance(&r, 30)) {
					v[10 + 3 * b] = demo_chance(&r, 600) ? "missed_appointment" : "personal_circumstances";
					/* SI 2020/471: only a limit that met the window */
					if (ehcp_exception_coronavirus_applies(rq, rq + EHCP_DAYS_ADVICE) &&
					    demo_chance(&r2, 500))
						v[10 + 3 * b] = "coronavirus";
				}
				if (v[9 + 3 * b] == NULL)
					last_advice = o->as_of + 1; /* still waiting */
			}
			if (exc) {
				v[21] = demo_chance(&r, 500) ? "personal_circumstances"
				        : demo_chance(&r, 500) ? "absent_from_area" : "setting_closure";
				if (!reassess && !overturned &&
				    ehcp_exception_coronavirus_applies(req, req + EHCP_DAYS_FINAL) && demo_chance(&r2, 500))
					v[21] = "coronavirus";
			}
			if (last_advice > o->as_of) {
				emit(fn, ctx, a, workers, v, born, EHCP_DATE_NONE);
				continue;
			}
			ehcp_date plan_at = last_advice + demo_uniform(&r, 3, 20);
			if (plan_at > o->as_of) {
				emit(fn, ctx, a, workers, v, born, EHCP_DATE_NONE);
				continue;
			}
			ehcp_date draft;
			if (demo_chance(&r, 70)) {
				v[17] = "not_issue";
				v[18] = ehcp_date_format_iso(d[8], plan_at);
				/* the family may appeal, and the council may concede */
				if (demo_chance(&r2, 100))
					v[24] = date_or_none(d[11], plan_at + demo_uniform(&r2, 10, 40), o->as_of);
				ehcp_date appeal = plan_at + demo_uniform(&r2, 20, 60);
				ehcp_date order = appeal + demo_uniform(&r2, 60, 150);
				if (overturned || !demo_chance(&r2, 150) || appeal > o->as_of) {
					emit(fn, ctx, a, workers, v, born, EHCP_DATE_NONE);
					continue;
				}
				v[25] = ehcp_date_format_iso(d[12], appeal);
				if (order > o->as_of) {
					emit(fn, ctx, a, workers, v, born, EHCP_DATE_NONE);
					continue;
				}
				const bool issue = demo_chance(&r2, 500);
				v[26] = issue ? "issue" : "dismissed";
				v[27] = ehcp_date_format_iso(d[13], order);
				if (!issue) {
					emit(fn, ctx, a, workers, v, born, EHCP_DATE_NONE);
					continue;
				}
				draft = order + demo_uniform(&r2, 10, 35);
				/* the clock now runs from the order, outside the window */
				if (v[21] && strcmp(v[21], "coronavirus") == 0)
					v[21] = "personal_circumstances";
			} else {
				v[17] = "issue";
				v[18] = ehcp_date_format_iso(d[8], plan_at);
				draft = plan_at + demo_uniform(&r, 2, 12);
			}
			v[19] = date_or_none(d[9], draft, o->as_of);
			/* About half the plans land by the limit; the rest trail,
			 * a few by many months. */
			ehcp_date fin = draft + demo_delay(&r, EHCP_DAYS_COMMENT, 55, 60);
			if (draft <= o->as_of)
				v[20] = date_or_none(d[10], fin, o->as_of);
			/* mediation, or an appeal about the plan's contents */
			if (v[24] == NULL && demo_chance(&r2, 30))
				v[24] = date_or_none(d[11], draft + demo_uniform(&r2, 5, 14), o->as_of);
			if (v[20] && v[20][0] && v[25] == NULL && demo_chance(&r2, 20)) {
				ehcp_date appeal = fin + demo_uniform(&r2, 30, 90), order = appeal + demo_uniform(&r2, 120, 200);
				v[25] = date_or_none(d[12], appeal, o->as_of);
				if (order <= o->as_of) {
					v[26] = demo_chance(&r2, 500) ? "other" : "dismissed";
					v[27] = ehcp_date_format_iso(d[13], order);
				}
			}
			emit(fn, ctx, a, workers, v, born, v[20] && v[20][0] ? fin : EHCP_DATE_NONE);
		}
	}
}

typedef struct {
	FILE *out;
	uint64_t written;
} tracker_writer;

static void put_case(void *ctx, const demo_case *c)
{
	tracker_writer *w = ctx;
	put_row(w->out, c->v);
	w->written++;
}

int ehcp_demo_write(ehcp_sink *sink, uint64_t *rows, const ehcp_demo_options *o)
{
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_demo_options, o, EHCP_DEMO_OPTIONS_INIT, EHCP_DEMO_OPTIONS_VERSION);
	if (!sink)
		return ehcp_fail(EHCP_EINVALID, "demo: nowhere to write");
	int err = demo_check_options(o);
	if (err)
		return err;
	FILE *out = ehcp_sink_stream(sink);
	fputs("case_ref,child_ref,date_of_birth,caseworker,request_type,request_date,assessment_decision,"
	      "assessment_decision_date,health_advice_requested,health_advice_received,health_advice_exception,"
	      "social_care_advice_requested,social_care_advice_received,social_care_advice_exception,"
	      "ep_advice_requested,ep_advice_received,ep_advice_exception,plan_decision,plan_decision_date,"
	      "draft_plan_date,final_plan_date,exception,closed_date,closed_reason,mediation_date,"
	      "tribunal_appeal_date,tribunal_outcome,tribunal_outcome_date\n", out);

	tracker_writer w = {out, 0};
	for (int a = 1; a <= o->authorities; a++)
		demo_generate_authority(o, a, put_case, &w);
	if (rows)
		*rows = w.written;
	return ferror(out) ? ehcp_fail(EHCP_EOS, "demo: cannot write the caseload") : 0;
}
