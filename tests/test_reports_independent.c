/*
 * The reports' SQL agrees with the C clock in aggregate: over 100,000 demo
 * cases, the monthly figures of every report for a year are recomputed in
 * C from the generated CSV with the C clock's rules (no SQL) and compared
 * cell by cell.  (Not independent of the rules: tests/independent/ is.)
 */
#include "clock_spec.h"
#include "io/csv.h"
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

/* The milestones as they stood on `at`. */
static ehcp_case_dates on(const ehcp_case_dates *d, ehcp_date at)
{
	ehcp_case_dates a;
	ehcp_clock_as_of(&a, d, at);
	return a;
}

/* Finished on `at`: its final plan issued, or ended without one. */
static bool finished(const ehcp_case_dates *d, ehcp_date at)
{
	ehcp_case_dates a = on(d, at);
	return a.final != EHCP_DATE_NONE || ehcp_clock_ended(&a);
}

static void expect_plans(char *out, size_t len)
{
	long long n[13] = {0}, mt[13] = {0}, base[13] = {0}, w[13] = {0}, nx[13] = {0}, wx[13] = {0}, b2[13] = {0},
	          b3[13] = {0}, sd[13] = {0};
	const ehcp_date asof = spec_date(ASOF);
	for (size_t i = 0; i < nrows; i++) {
		const row *r = &rows[i];
		if (!is_new(r) || r->d.final == EHCP_DATE_NONE || r->d.final > asof)
			continue;
		int m = month_of(r->d.final);
		if (m < 0)
			continue;
		const ehcp_case_dates a = on(&r->d, asof);
		int days = r->d.final - r->d.request;
		bool in = ehcp_clock_final_in_time(&a), left_out = ehcp_clock_mediation_or_tribunal(&a);
		for (int k = 0; k < 2; k++) {
			int b = k ? MONTHS : m;
			n[b]++;
			if (left_out) {
				mt[b]++;
				continue;
			}
			base[b]++, w[b] += in, sd[b] += days;
			if (!r->exc)
				nx[b]++, wx[b] += in;
			b2[b] += !in && days <= EHCP_DAYS_YEAR_BAND;
			b3[b] += !in && days > EHCP_DAYS_YEAR_BAND;
		}
	}
	size_t at = 0;
	for (int b = 0; b <= MONTHS; b++) {
		char p1[48], p2[48], mean[48];
		pct(p1, sizeof p1, w[b], base[b]);
		pct(p2, sizeof p2, wx[b], nx[b]);
		ratio1(mean, sizeof mean, sd[b], 7 * base[b]);
		at += (size_t)snprintf(out + at, len - at, "%s,%lld,%lld,%lld,%lld,%s,%lld,%lld,%s,%lld,%lld,%s\n", label(b),
		                       n[b], mt[b], base[b], w[b], p1, nx[b], wx[b], p2, b2[b], b3[b], mean);
	}
}

static void expect_decisions(char *out, size_t len)
{
	long long n[13] = {0}, w[13] = {0}, rf[13] = {0}, m_[13] = {0}, mw[13] = {0}, q[13] = {0}, qw[13] = {0},
	          qr[13] = {0};
	const ehcp_date asof = spec_date(ASOF);
	for (size_t i = 0; i < nrows; i++) {
		const row *r = &rows[i];
		const ehcp_case_dates a = on(&r->d, asof);
		if (a.decision != EHCP_ASSESS_NONE && month_of(a.decision_date) >= 0) {
			int m = month_of(a.decision_date);
			bool in = a.decision_date <= ehcp_clock_decision_due(&a);
			for (int k = 0; k < 2; k++) {
				int b = k ? MONTHS : m;
				if (is_new(r))
					n[b]++, w[b] += in, rf[b] += a.decision == EHCP_ASSESS_REFUSE;
				else
					q[b]++, qw[b] += in, qr[b] += a.decision == EHCP_ASSESS_REFUSE;
			}
		}
		if (is_new(r) && a.plan_decision == EHCP_PLAN_NOT_ISSUE && month_of(a.plan_decision_date) >= 0) {
			int m = month_of(a.plan_decision_date);
			ehcp_deadline dl[EHCP_DEADLINE_COUNT];
			ehcp_clock_deadlines(dl, &a);
			bool in = a.plan_decision_date <= dl[EHCP_DEADLINE_NOT_ISSUE].due;
			for (int k = 0; k < 2; k++) {
				int b = k ? MONTHS : m;
				m_[b]++, mw[b] += in;
			}
		}
	}
	size_t at = 0;
	for (int b = 0; b <= MONTHS; b++) {
		char p1[48], p2[48], p3[48];
		pct(p1, sizeof p1, w[b], n[b]);
		pct(p2, sizeof p2, mw[b], m_[b]);
		pct(p3, sizeof p3, qw[b], q[b]);
		at += (size_t)snprintf(out + at, len - at, "%s,%lld,%lld,%s,%lld,%lld,%lld,%s,%lld,%lld,%s,%lld\n", label(b),
		                       n[b], w[b], p1, rf[b], m_[b], mw[b], p2, q[b], qw[b], p3, qr[b]);
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
			bool in = ehcp_clock_within(a->requested, a->received, EHCP_DAYS_ADVICE);
			for (int k = 0; k < 2; k++) {
				int b = k ? MONTHS : m;
				n[b]++, w[b] += in;
				if (a->exception == EHCP_EXCEPTION_NONE)
					nx[b]++, wx[b] += in;
			}
		}
		for (int b = 0; b <= MONTHS; b++) {
			ehcp_date at = b == MONTHS ? spec_date(TO) : month_end(b);
			if (at > asof)
				at = asof;
			bool waiting = !ehcp_clock_within(a->requested, at, EHCP_DAYS_ADVICE) &&
			               (a->received == EHCP_DATE_NONE || a->received > at) && !finished(&rows[i].d, at);
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
		ehcp_clock_view_on(&v, &r->d, asof, EHCP_DAYS_NEARING_DEFAULT);
		const ehcp_case_dates a = on(&r->d, asof);
		int state = v.status == EHCP_STATUS_ENDED          ? 5
		            : v.status == EHCP_STATUS_DONE_IN_TIME ? 1
		            : v.status == EHCP_STATUS_DONE_LATE    ? 2
		            : asof > ehcp_clock_final_due(&a) ? 3 : 4;
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
		for (int b = 0; b <= MONTHS; b++) {
			ehcp_date at = b == MONTHS ? asof : (month_end(b) < asof ? month_end(b) : asof);
			const ehcp_case_dates a = on(&r->d, at);
			ehcp_date due = ehcp_clock_final_due(&a);
			if (r->d.request > at || due >= at || finished(&r->d, at))
				continue;
			int past = at - due;
			c[b][0]++;
			c[b][past <= 28 ? 1 : past <= 91 ? 2 : past <= 182 ? 3 : past <= EHCP_DAYS_YEAR_BAND ? 4 : 5]++;
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
	ehcp_sink *sink = NULL;
	CHECK_INT(ehcp_sink_file(&sink, f), 0);
	CHECK_INT(ehcp_demo_write(sink, &generated, &d), 0);
	ehcp_sink_free(sink);
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
		CHECK_INT(ehcp_case_new(&fresh), 0);
		for (size_t i = 0; i < nf && i < ncols; i++)
			CHECK_INT(ehcp_case_set_field(fresh, header[i], fields[i], lens[i]), 0);
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
