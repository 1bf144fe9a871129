/*
 * Property test: over a million generated plans, the review clock agrees
 * with an independent computation written differently: dates as time_t at
 * UTC midnight, months and years by normalising struct tm with timegm(),
 * and the rules restated from the reference (shared/docs/statutory-clock.md,
 * "Annual reviews", "Phase transfers") with their numbers written here.
 */
#include <time.h>

#include "ehcp/ehcp.h"
#include "harness.h"

#define PLANS 1000000
#define MAXR 6

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static int rnd(int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (int)((rng >> 11) % (uint64_t)n);
}

/* ---- the independent side ---- */

typedef long long secs;
#define NONE_S (-(1LL << 60))
#define DAY 86400

static struct tm tm_of(secs t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	return tm;
}

static secs mk(int y, int mon0, int mday)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mon0;
	tm.tm_mday = mday;
	return (secs)timegm(&tm);
}

static secs plus_days(secs t, int n)
{
	struct tm tm = tm_of(t);
	tm.tm_mday += n;
	return (secs)timegm(&tm);
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* the day before the anniversary; 29 February's is 1 March in a common year */
static secs ref_year_end(secs t)
{
	struct tm tm = tm_of(t);
	int y = tm.tm_year + 1900 + 1;
	if (tm.tm_mon == 1 && tm.tm_mday == 29 && !leap(y))
		return plus_days(mk(y, 2, 1), -1);
	return plus_days(mk(y, tm.tm_mon, tm.tm_mday), -1);
}

/* three months on, the last day of the month where the day is missing */
static secs ref_three_months(secs t)
{
	struct tm tm = tm_of(t);
	int y = tm.tm_year + 1900, m = tm.tm_mon + 3;
	y += m / 12;
	m %= 12;
	int last = tm_of(mk(y, m + 1, 0)).tm_mday;   /* day 0 of the next month */
	return mk(y, m, tm.tm_mday < last ? tm.tm_mday : last);
}

/* the calendar year in which the school year containing t began (1 September) */
static int ref_school_year(secs t)
{
	struct tm tm = tm_of(t);
	return tm.tm_mon >= 8 ? tm.tm_year + 1900 : tm.tm_year + 1899;
}

typedef struct {
	secs start, transferred, dob, local, ceased;
	int offset;
	bool local16;
	int nr;
	secs meeting[MAXR], report[MAXR], decided[MAXR], proposals[MAXR], amended[MAXR];
	int decision[MAXR];   /* 0 none, 1 maintain, 2 amend, 3 cease */
} plan;

static ehcp_date D(secs t)
{
	if (t == NONE_S)
		return EHCP_DATE_NONE;
	struct tm tm = tm_of(t);
	return ehcp_date_from_ymd_unchecked(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static secs ref_next_due(const plan *p, secs on)
{
	if (p->ceased != NONE_S && p->ceased <= on)
		return NONE_S;
	secs last = NONE_S;
	for (int i = 0; i < p->nr; i++)
		if (p->meeting[i] <= on && p->meeting[i] > last)
			last = p->meeting[i];
	secs own = ref_year_end(last != NONE_S ? last : p->start);
	if (p->transferred != NONE_S && p->transferred <= on && (last == NONE_S || last < p->transferred)) {
		secs three = ref_three_months(p->transferred);
		return own > three ? own : three;
	}
	return own;
}

typedef struct {
	int kind;   /* 0 none, 1 reception, 2 secondary, 3 post16, 4 local */
	secs transfer, deadline;
} ref_transfer;

static ref_transfer ref_next_transfer(const plan *p, secs on)
{
	ref_transfer t = {0, NONE_S, NONE_S};
	if (p->local != NONE_S && p->local > on) {
		int y = tm_of(p->local).tm_year + 1900;
		t = (ref_transfer){4, p->local, p->local16 ? mk(y, 2, 30) : mk(y, 1, 14)};
		return t;
	}
	if (p->dob == NONE_S)
		return t;
	int reception = ref_school_year(p->dob) + 5 - p->offset;
	int years[3] = {reception, reception + 7, reception + 12};
	for (int k = 0; k < 3; k++) {
		secs s = mk(years[k], 8, 1);
		if (s > on)
			return (ref_transfer){k + 1, s, k == 2 ? mk(years[k], 2, 30) : mk(years[k], 1, 14)};
	}
	return t;
}

/* ---- generated plans ---- */

static secs maybe(secs base, int lo, int hi, int per100)
{
	return rnd(100) < per100 ? plus_days(base, lo + rnd(hi - lo + 1)) : NONE_S;
}

static void generate(plan *p, secs *on)
{
	memset(p, 0, sizeof *p);
	p->start = plus_days(mk(2010, 0, 1), rnd(16 * 366));
	p->transferred = maybe(p->start, 0, 900, 30);
	p->dob = rnd(100) < 85 ? plus_days(p->start, -rnd(19 * 366)) : NONE_S;
	p->offset = rnd(10) == 0 ? (rnd(2) ? 1 : -1) : 0;
	p->local = rnd(20) == 0 ? mk(tm_of(p->start).tm_year + 1900 + rnd(6), 8, 1 + rnd(7)) : NONE_S;
	p->local16 = rnd(3) == 0;
	p->ceased = maybe(p->start, 30, 3000, 10);
	p->nr = rnd(MAXR + 1);
	secs prev = p->start;
	for (int i = 0; i < p->nr; i++) {
		p->meeting[i] = plus_days(prev, 250 + rnd(200));
		p->report[i] = maybe(p->meeting[i], 0, 30, 80);
		p->decision[i] = rnd(4);
		p->decided[i] = p->decision[i] ? plus_days(p->meeting[i], rnd(45)) : NONE_S;
		p->proposals[i] = p->decision[i] == 2 ? maybe(p->meeting[i], 0, 45, 85) : NONE_S;
		p->amended[i] = p->proposals[i] != NONE_S ? maybe(p->proposals[i], 0, 90, 70) : NONE_S;
		prev = p->meeting[i];
	}
	/* in any order: the clock must not depend on it */
	if (p->nr > 1 && rnd(3) == 0) {
		int a = rnd(p->nr), b = rnd(p->nr);
		secs t;
#define SWAP(f) t = p->f[a], p->f[a] = p->f[b], p->f[b] = t
		SWAP(meeting); SWAP(report); SWAP(decided); SWAP(proposals); SWAP(amended);
		int d = p->decision[a];
		p->decision[a] = p->decision[b];
		p->decision[b] = d;
#undef SWAP
	}
	*on = plus_days(p->start, rnd(8 * 366) - 30);
}

int main(void)
{
	long mismatches = 0, transferred = 0, leap_starts = 0, with_transfer = 0, kinds[5] = {0};
	for (long n = 0; n < PLANS; n++) {
		plan rp;
		secs on;
		generate(&rp, &on);
		ehcp_plan_dates p = EHCP_PLAN_DATES_INIT;
		p.start = D(rp.start);
		p.transferred_in = D(rp.transferred);
		p.date_of_birth = D(rp.dob);
		p.year_offset = rp.offset;
		p.local_transfer = D(rp.local);
		p.local_post16 = rp.local16;
		p.ceased = D(rp.ceased);
		ehcp_review_dates r[MAXR];
		for (int i = 0; i < rp.nr; i++) {
			r[i] = (ehcp_review_dates)EHCP_REVIEW_DATES_INIT;
			r[i].meeting = D(rp.meeting[i]);
			r[i].report = D(rp.report[i]);
			r[i].decision = (ehcp_review_decision)rp.decision[i];
			r[i].decision_date = D(rp.decided[i]);
			r[i].proposals = D(rp.proposals[i]);
			r[i].amended = D(rp.amended[i]);
		}
		const ehcp_date ond = D(on);
		bool ok = ehcp_review_year_end(p.start) == D(ref_year_end(rp.start));
		ok = ok && ehcp_review_next_due(&p, r, (size_t)rp.nr, ond) == D(ref_next_due(&rp, on));
		if (rp.dob != NONE_S)
			ok = ok && ehcp_review_nc_year(p.date_of_birth, rp.offset, ond) ==
			               ref_school_year(on) - (ref_school_year(rp.dob) + 5) + rp.offset;
		ehcp_phase_transfer t;
		ehcp_review_next_transfer(&t, &p, ond);
		ref_transfer want = ref_next_transfer(&rp, on);
		ok = ok && (int)t.kind == want.kind && t.transfer == D(want.transfer) && t.deadline == D(want.deadline);
		for (int i = 0; i < rp.nr; i++) {
			ehcp_review_deadline dl[EHCP_REVIEW_DL_COUNT];
			ehcp_review_deadlines(dl, &r[i]);
			const secs m = rp.meeting[i];
			secs amended_due = plus_days(m, 84);
			if (rp.proposals[i] != NONE_S && plus_days(rp.proposals[i], 56) < amended_due)
				amended_due = plus_days(rp.proposals[i], 56);
			const bool amend = rp.decision[i] == 2;
			ok = ok && dl[EHCP_REVIEW_DL_INVITATIONS].due == D(plus_days(m, -14)) &&
			     dl[EHCP_REVIEW_DL_REPORT].due == D(plus_days(m, 14)) &&
			     dl[EHCP_REVIEW_DL_DECISION].due == D(plus_days(m, 28)) &&
			     dl[EHCP_REVIEW_DL_PROPOSALS].applies == amend && dl[EHCP_REVIEW_DL_AMENDED].applies == amend &&
			     (!amend || (dl[EHCP_REVIEW_DL_PROPOSALS].due == D(plus_days(m, 28)) &&
			                 dl[EHCP_REVIEW_DL_AMENDED].due == D(amended_due)));
		}
		transferred += rp.transferred != NONE_S && rp.transferred <= on;
		struct tm st = tm_of(rp.start);
		leap_starts += st.tm_mon == 1 && st.tm_mday == 29;
		with_transfer += want.kind != 0;
		kinds[want.kind]++;
		if (!ok && mismatches++ < 5)
			fprintf(stderr, "plan %ld: start %s on %s: the clock and the reference differ\n", n,
			        ehcp_date_format_iso((char[EHCP_DATE_ISO_LEN]){0}, p.start),
			        ehcp_date_format_iso((char[EHCP_DATE_ISO_LEN]){0}, ond));
	}
	CHECK_INT(mismatches, 0);
	/* the generator reaches every rule */
	CHECK(transferred > PLANS / 20 && leap_starts > 100);
	for (int k = 0; k < 5; k++)
		CHECK(kinds[k] > PLANS / 200);
	printf("%d generated plans compared: %ld transferred, %ld starting on 29 February, %ld with a transfer ahead"
	       " (reception %ld, secondary %ld, post16 %ld, local %ld)\n",
	       PLANS, transferred, leap_starts, with_transfer, kinds[1], kinds[2], kinds[3], kinds[4]);
	return harness_finish("test_review_property");
}
