/*
 * The reports agree with an independent computation: over 100,000 demo
 * cases, the monthly figures of every report for a year are recomputed in
 * C straight from the generated CSV (no SQL) and compared cell by cell.
 */
#include "clock_spec.h"
#include "csv.h"
#include "dbtest.h"

typedef struct {
	ehcp_case_dates d;
	bool exc;
} row;

static row *rows;
static size_t nrows;
static ehcp_store *s;

#define FROM "2025-01-01"
#define TO "2025-12-31"
#define ASOF "2026-06-30"
#define MONTHS 12

static int month_of(ehcp_date d)
{
	int y, m, dd;
	ehcp_date_to_ymd(d, &y, &m, &dd);
	return y == 2025 ? m - 1 : -1;
}

static ehcp_date month_end(int m)
{
	return ehcp_date_add_months_start(spec_date(FROM), m + 1) - 1;
}

/* One decimal place, half away from zero, of num/den (both >= 0). */
static void ratio1(char *out, size_t len, long long num, long long den)
{
	if (den == 0) {
		out[0] = '\0';
		return;
	}
	long long q = (20 * num + den) / (2 * den); /* tenths, rounded half up */
	snprintf(out, len, "%lld.%lld", q / 10, q % 10);
}

static void pct(char *out, size_t len, long long w, long long n)
{
	ratio1(out, len, 100 * w, n);
}

static const char *label(int m)
{
	static char buf[32];
	if (m == MONTHS)
		return "total";
	snprintf(buf, sizeof buf, "2025-%02d", m + 1);
	return buf;
}

static const char *report(ehcp_report_measure m, ehcp_advice_body body)
{
	ehcp_report_options o = EHCP_REPORT_OPTIONS_INIT;
	o.measure = m;
	o.from = spec_date(FROM);
	o.to = spec_date(TO);
	o.as_of = spec_date(ASOF);
	o.body = body;
	return dbtest_report_text(s, &o);
}

static bool is_new(const row *r)
{
	return r->d.type != EHCP_REQUEST_REASSESSMENT;
}

static ehcp_date ended_on(const ehcp_case_dates *d)
{
	ehcp_date e = EHCP_DATE_NONE;
	ehcp_date c[4] = {d->final, d->closed, d->decision == EHCP_ASSESS_REFUSE ? d->decision_date : EHCP_DATE_NONE,
	                  d->plan_decision == EHCP_PLAN_NOT_ISSUE ? d->plan_decision_date : EHCP_DATE_NONE};
	for (int i = 0; i < 4; i++)
		if (c[i] != EHCP_DATE_NONE && (e == EHCP_DATE_NONE || c[i] < e))
			e = c[i];
	return e;
}

static void expect_plans(char *out, size_t len)
{
	long long n[13] = {0}, w[13] = {0}, nx[13] = {0}, wx[13] = {0}, b2[13] = {0}, b3[13] = {0}, sd[13] = {0};
	const ehcp_date asof = spec_date(ASOF);
	for (size_t i = 0; i < nrows; i++) {
		const row *r = &rows[i];
		if (!is_new(r) || r->d.final == EHCP_DATE_NONE || r->d.final > asof)
			continue;
		int m = month_of(r->d.final);
		if (m < 0)
			continue;
		int days = r->d.final - r->d.request;
		bool in = days <= ehcp_clock_final_limit(r->d.type);
		for (int k = 0; k < 2; k++) {
			int b = k ? MONTHS : m;
			n[b]++, w[b] += in, sd[b] += days;
			if (!r->exc)
				nx[b]++, wx[b] += in;
			b2[b] += days > ehcp_clock_final_limit(r->d.type) && days <= 364;
			b3[b] += days > 364;
		}
	}
	size_t at = 0;
	for (int b = 0; b <= MONTHS; b++) {
		char p1[48], p2[48], mean[48];
		pct(p1, sizeof p1, w[b], n[b]);
		pct(p2, sizeof p2, wx[b], nx[b]);
		ratio1(mean, sizeof mean, sd[b], 7 * n[b]);
		at += (size_t)snprintf(out + at, len - at, "%s,%lld,%lld,%s,%lld,%lld,%s,%lld,%lld,%s\n", label(b), n[b], w[b], p1,
		                       nx[b], wx[b], p2, b2[b], b3[b], mean);
	}
}

static void expect_decisions(char *out, size_t len)
{
	long long n[13] = {0}, w[13] = {0}, rf[13] = {0}, m_[13] = {0}, mw[13] = {0};
	const ehcp_date asof = spec_date(ASOF);
	for (size_t i = 0; i < nrows; i++) {
		const row *r = &rows[i];
		if (!is_new(r))
			continue;
		if (r->d.decision_date != EHCP_DATE_NONE && r->d.decision_date <= asof && month_of(r->d.decision_date) >= 0) {
			int m = month_of(r->d.decision_date);
			bool in = r->d.decision_date - r->d.request <= 42;
			for (int k = 0; k < 2; k++) {
				int b = k ? MONTHS : m;
				n[b]++, w[b] += in, rf[b] += r->d.decision == EHCP_ASSESS_REFUSE;
			}
		}
		if (r->d.plan_decision == EHCP_PLAN_NOT_ISSUE && r->d.plan_decision_date <= asof &&
		    month_of(r->d.plan_decision_date) >= 0) {
			int m = month_of(r->d.plan_decision_date);
			bool in = r->d.plan_decision_date - r->d.request <= 112;
			for (int k = 0; k < 2; k++) {
				int b = k ? MONTHS : m;
				m_[b]++, mw[b] += in;
			}
		}
	}
	size_t at = 0;
	for (int b = 0; b <= MONTHS; b++) {
		char p1[48], p2[48];
		pct(p1, sizeof p1, w[b], n[b]);
		pct(p2, sizeof p2, mw[b], m_[b]);
		at += (size_t)snprintf(out + at, len - at, "%s,%lld,%lld,%s,%lld,%lld,%lld,%s\n", label(b), n[b], w[b], p1, rf[b],
		                       m_[b], mw[b], p2);
	}
}

static void expect_advice(char *out, size_t len, int body)
{
	long long n[13] = {0}, w[13] = {0}, nx[13] = {0}, wx[13] = {0}, o[13] = {0};
	const ehcp_date asof = spec_date(ASOF);
	for (size_t i = 0; i < nrows; i++) {
		const ehcp_advice *a = &rows[i].d.advice[body];
		if (a->requested == EHCP_DATE_NONE || a->requested > asof)
			continue;
		if (a->received != EHCP_DATE_NONE && a->received <= asof && month_of(a->received) >= 0) {
			int m = month_of(a->received);
			bool in = a->received - a->requested <= 42;
			for (int k = 0; k < 2; k++) {
				int b = k ? MONTHS : m;
				n[b]++, w[b] += in;
				if (a->exception == EHCP_EXCEPTION_NONE)
					nx[b]++, wx[b] += in;
			}
		}
		ehcp_date end = ended_on(&rows[i].d);
		for (int b = 0; b <= MONTHS; b++) {
			ehcp_date at = b == MONTHS ? spec_date(TO) : month_end(b);
			if (at > asof)
				at = asof;
			bool waiting = a->requested + 42 < at && (a->received == EHCP_DATE_NONE || a->received > at) &&
			               (end == EHCP_DATE_NONE || end > at);
			o[b] += waiting;
		}
	}
	size_t at = 0;
	for (int b = 0; b <= MONTHS; b++) {
		char p1[48], p2[48];
		pct(p1, sizeof p1, w[b], n[b]);
		pct(p2, sizeof p2, wx[b], nx[b]);
		at += (size_t)snprintf(out + at, len - at, "%s,%lld,%lld,%s,%lld,%lld,%s,%lld\n", label(b), n[b], w[b], p1, nx[b],
		                       wx[b], p2, o[b]);
	}
}

static void expect_cohort(char *out, size_t len)
{
	long long c[13][6] = {{0}};
	const ehcp_date asof = spec_date(ASOF);
	for (size_t i = 0; i < nrows; i++) {
		const row *r = &rows[i];
		int m = month_of(r->d.request);
		if (!is_new(r) || m < 0)
			continue;
		ehcp_clock_view v;
		ehcp_clock_view_on(&v, &r->d, asof, 14);
		int state = v.status == EHCP_STATUS_ENDED          ? 5
		            : v.status == EHCP_STATUS_DONE_IN_TIME ? 1
		            : v.status == EHCP_STATUS_DONE_LATE    ? 2
		            : asof - r->d.request > ehcp_clock_final_limit(r->d.type) ? 3 : 4;
		for (int k = 0; k < 2; k++) {
			int b = k ? MONTHS : m;
			c[b][0]++;
			c[b][state]++;
		}
	}
	size_t at = 0;
	for (int b = 0; b <= MONTHS; b++) {
		char p[48];
		pct(p, sizeof p, c[b][1], c[b][0] - c[b][5]);
		at += (size_t)snprintf(out + at, len - at, "%s,%lld,%lld,%lld,%lld,%lld,%lld,%s\n", label(b), c[b][0], c[b][1],
		                       c[b][2], c[b][3], c[b][4], c[b][5], p);
	}
}

static void expect_backlog(char *out, size_t len)
{
	long long c[13][6] = {{0}};
	const ehcp_date asof = spec_date(ASOF);
	for (size_t i = 0; i < nrows; i++) {
		const row *r = &rows[i];
		ehcp_date due = r->d.request + ehcp_clock_final_limit(r->d.type);
		ehcp_date end = ended_on(&r->d);
		for (int b = 0; b <= MONTHS; b++) {
			ehcp_date at = b == MONTHS ? asof : (month_end(b) < asof ? month_end(b) : asof);
			if (r->d.request > at || due >= at || (end != EHCP_DATE_NONE && end <= at))
				continue;
			int past = at - due;
			c[b][0]++;
			c[b][past <= 28 ? 1 : past <= 91 ? 2 : past <= 182 ? 3 : past <= 364 ? 4 : 5]++;
		}
	}
	size_t at = 0;
	for (int b = 0; b <= MONTHS; b++)
		at += (size_t)snprintf(out + at, len - at, "%s,%lld,%lld,%lld,%lld,%lld,%lld\n", b == MONTHS ? ASOF : label(b),
		                       c[b][0], c[b][1], c[b][2], c[b][3], c[b][4], c[b][5]);
}

int main(void)
{
	s = dbtest_store("reports_ind", NULL);
	/* The caseload, as a council would hand it over. */
	char *csv = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&csv, &len);
	ehcp_demo_options d = EHCP_DEMO_OPTIONS_INIT;
	d.authorities = 10;
	d.years = 4;
	d.requests_per_year = 2700;
	d.seed = 11;
	d.as_of = spec_date("2026-11-20");
	uint64_t generated = 0;
	CHECK_INT(ehcp_demo_write(f, &generated, &d), 0);
	fclose(f);
	CHECK(generated >= 100000);

	FILE *in = fmemopen(csv, len, "r");
	ehcp_import_options io = EHCP_IMPORT_OPTIONS_INIT;
	io.today = d.as_of;
	ehcp_import_result ir;
	CHECK_INT(ehcp_tracker_import(&ir, s, in, &io), 0);
	fclose(in);
	CHECK_INT(ir.created, generated);

	/* The same CSV read in C, field by field. */
	rows = calloc(generated, sizeof *rows);
	in = fmemopen(csv, len, "r");
	ehcp_csv *r;
	ehcp_csv_new(&r, in);
	size_t nf, ncols = 0;
	const char *const *fields;
	const size_t *lens;
	char header[64][64];
	ehcp_csv_next(r, &nf, &fields, &lens);
	for (size_t i = 0; i < nf && i < 64; i++)
		snprintf(header[i], sizeof header[i], "%s", fields[i]);
	ncols = nf;
	while (ehcp_csv_next(r, &nf, &fields, &lens) == 1 && nrows < generated) {
		ehcp_case *fresh;
		ehcp_case_new(&fresh);
		for (size_t i = 0; i < nf && i < ncols; i++)
			ehcp_case_set_field(fresh, header[i], fields[i], lens[i]);
		rows[nrows].d = fresh->dates;
		rows[nrows].exc = fresh->dates.exception != EHCP_EXCEPTION_NONE;
		nrows++;
		ehcp_case_free(fresh);
	}
	ehcp_csv_free(r);
	fclose(in);
	free(csv);
	CHECK_INT(nrows, generated);

	static char want[8192];
	expect_plans(want, sizeof want);
	CHECK_STR(report(EHCP_REPORT_PLANS, 0), want);
	expect_decisions(want, sizeof want);
	CHECK_STR(report(EHCP_REPORT_DECISIONS, 0), want);
	for (int b = 0; b < EHCP_ADVICE_COUNT; b++) {
		expect_advice(want, sizeof want, b);
		CHECK_STR(report(EHCP_REPORT_ADVICE, (ehcp_advice_body)b), want);
	}
	expect_cohort(want, sizeof want);
	CHECK_STR(report(EHCP_REPORT_COHORT, 0), want);
	expect_backlog(want, sizeof want);
	CHECK_STR(report(EHCP_REPORT_BACKLOG, 0), want);
	printf("%zu cases, every report's 2025 figures compared\n", nrows);

	free(rows);
	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_reports_independent");
}
