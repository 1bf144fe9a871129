/* The demo's plan register (shared/docs/plan-register-csv.md): plans the
 * council made before the tracker's years, and the annual reviews of those
 * and of the plans its tracked assessments made.  Every due date and
 * transfer comes from the review clock (ehcp/review.h), every limit from
 * ehcp/rules.h; the shares aim at what councils report: about a fifth of
 * reviews held late, three quarters of decisions within 4 weeks, decisions
 * to maintain ~55%, amend ~40%, cease ~5%. */
#include <string.h>

#include "ehcp/demo.h"
#include "ehcp/review.h"
#include "core/errors_internal.h"
#include "io/demo_internal.h"
#include "io/sink_internal.h"

/* Plans made before the tracker's first day, per request a year: with the
 * tracker's own (about two thirds of a year's requests), a council of 600
 * requests a year maintains a few thousand plans. */
#define OLD_PLANS_PER_REQUEST 5
/* ... made over this many years before the tracker's first. */
#define OLD_YEARS 9
/* A plan's reviews, at most (plans end by 25; a few extra transfer reviews). */
#define MAX_REVIEWS 64

typedef struct {
	FILE *plans, *reviews;
	const ehcp_demo_options *o;
	demo_rng r;               /* the register's own stream: the tracker's draws stay as they were */
	uint64_t plans_rows, reviews_rows;
} register_writer;

/* A plan being simulated. */
typedef struct {
	char ref[64];
	ehcp_plan_dates d;
	bool may_cease;           /* the tracker's plans are not in plans.csv, so their cease cannot be written */
	ehcp_date end;            /* a cease outside the reviews (a move, ...), NONE if none */
	const char *end_reason;
	const char *cease_reason; /* set with d.ceased */
} sim_plan;

static ehcp_date later(ehcp_date a, ehcp_date b) { return a > b ? a : b; }

static ehcp_date ymd(int y, int m, int d) { return ehcp_date_from_ymd_unchecked(y, m, d); }

static int year_of(ehcp_date d)
{
	int y, m, dd;
	ehcp_date_to_ymd(d, &y, &m, &dd);
	return y;
}

/* A meeting on a working day: a late one moves on to Monday, any other back to Friday. */
static ehcp_date working_day(ehcp_date m, bool forward)
{
	while (ehcp_date_weekday(m) >= 6)
		m += forward ? 1 : -1;
	return m;
}

/* The end of the school year in which the young person turns 25 (31 July):
 * the latest a plan runs (CFA s.45, max_age). */
static ehcp_date max_age_end(ehcp_date dob)
{
	int y, m, d;
	ehcp_date_to_ymd(dob, &y, &m, &d);
	const int start[2] = {EHCP_RULE_SCHOOL_YEAR_START};
	return ymd(y + 25 + (m >= start[0] ? 1 : 0), 7, 31);
}

static const char *review_cease_reason(demo_rng *r, int nc_year)
{
	if (nc_year >= EHCP_RULE_YEAR_POST16) {
		static const char *const adult[] = {"employment", "employment", "higher_education", "higher_education",
		                                    "higher_education", "no_engagement", "no_engagement", "needs_met",
		                                    "needs_met", "other"};
		return adult[demo_uniform(r, 0, 9)];
	}
	static const char *const child[] = {"needs_met", "needs_met", "needs_met", "needs_met", "needs_met",
	                                    "needs_met", "needs_met", "other", "other", "left_england"};
	return child[demo_uniform(r, 0, 9)];
}

static const char *date_cell(char *buf, ehcp_date d)
{
	return d == EHCP_DATE_NONE ? "" : ehcp_date_format_iso(buf, d);
}

static void put_review(register_writer *w, const char *ref, const ehcp_review_dates *rv)
{
	char b[6][EHCP_DATE_ISO_LEN];
	fprintf(w->reviews, "%s,%s,%s,%s,%s,%s,%s,%s\n", ref, date_cell(b[0], rv->meeting),
	        date_cell(b[1], rv->invitations), date_cell(b[2], rv->report), ehcp_review_decision_name(rv->decision),
	        date_cell(b[3], rv->decision_date), date_cell(b[4], rv->proposals), date_cell(b[5], rv->amended));
	w->reviews_rows++;
}

/* The review as known on as_of: later steps not yet taken. */
static void cut_at(ehcp_review_dates *rv, ehcp_date as_of)
{
	if (rv->report > as_of)
		rv->report = EHCP_DATE_NONE;
	if (rv->decision_date > as_of) {
		rv->decision = EHCP_REVIEW_DECISION_NONE;
		rv->decision_date = rv->proposals = rv->amended = EHCP_DATE_NONE;
	}
	if (rv->proposals > as_of)
		rv->proposals = rv->amended = EHCP_DATE_NONE;
	if (rv->amended > as_of)
		rv->amended = EHCP_DATE_NONE;
}

/*
 * When the next meeting is held, given when it is due: most a few weeks
 * ahead, some months early, about a fifth late (a few by months).  If a
 * phase transfer is under 12 months away and not yet reviewed for, the
 * meeting moves to the autumn before it.  *transfer: that transfer when
 * this is its review, else kind NONE.
 */
static ehcp_date next_meeting(register_writer *w, const sim_plan *p, ehcp_date after, ehcp_date due,
                              ehcp_phase_transfer *transfer)
{
	demo_rng *r = &w->r;
	const int u = demo_uniform(r, 0, 999);
	ehcp_date m;
	if (u < 230)
		m = working_day(due + demo_delay(r, 1, 25, 60), true);
	else if (u < 270)
		m = working_day(due - demo_uniform(r, 60, 150), false);
	else
		m = working_day(due - demo_uniform(r, 0, 45), false);
	/* never on the heels of the last (or of the plan's arrival) */
	const ehcp_date floor = after + demo_uniform(r, 30, 60);
	if (m < floor)
		m = working_day(floor, true);

	ehcp_review_next_transfer(transfer, &p->d, after);
	if (transfer->kind == EHCP_TRANSFER_NONE)
		return m;
	const int ty = year_of(transfer->transfer);
	const ehcp_date window = ymd(ty - 1, 9, 1);
	if (after >= window) {
		transfer->kind = EHCP_TRANSFER_NONE; /* reviewed for already, or made for it */
		return m;
	}
	if (m >= window && m <= ymd(ty - 1, 12, 10))
		return m;
	if (m < window) {
		transfer->kind = EHCP_TRANSFER_NONE; /* the transfer's review is the next one */
		return m;
	}
	/* the autumn term, a few in January */
	ehcp_date t = demo_chance(r, 900) ? ymd(ty - 1, 9, 20) + demo_uniform(r, 0, 80)
	                                  : ymd(ty, 1, 5) + demo_uniform(r, 0, 35);
	t = working_day(later(t, floor), true);
	return t < m ? t : m;
}

/* One review held on m, what followed it, as it would be by as_of. */
static void hold_review(register_writer *w, sim_plan *p, ehcp_review_dates *rv, ehcp_date m,
                        const ehcp_phase_transfer *transfer, bool *ceases)
{
	demo_rng *r = &w->r;
	*rv = (ehcp_review_dates)EHCP_REVIEW_DATES_INIT;
	*ceases = false;
	rv->meeting = m;
	const ehcp_date base = later(p->d.start, p->d.transferred_in);
	rv->invitations = later(base, m - (demo_chance(r, 850) ? EHCP_DAYS_REVIEW_INVITATIONS + demo_uniform(r, 0, 28)
	                                                       : demo_uniform(r, 3, 13)));
	if (rv->invitations > m)
		rv->invitations = m;
	rv->report = m + demo_delay(r, 2, 12, 20);
	rv->decision_date = m + (demo_chance(r, 760) ? demo_uniform(r, 3, EHCP_DAYS_REVIEW_DECISION)
	                                             : EHCP_DAYS_REVIEW_DECISION + demo_uniform(r, 1, 45));

	const int nc = p->d.date_of_birth == EHCP_DATE_NONE ? 0 : ehcp_review_nc_year(p->d.date_of_birth, p->d.year_offset, m);
	const ehcp_date max_end = p->d.date_of_birth == EHCP_DATE_NONE ? EHCP_DATE_NONE : max_age_end(p->d.date_of_birth);
	const int u = demo_uniform(r, 0, 999);
	if (transfer->kind != EHCP_TRANSFER_NONE)
		rv->decision = u < 880 ? EHCP_REVIEW_AMEND : EHCP_REVIEW_MAINTAIN;
	else if (p->may_cease && max_end != EHCP_DATE_NONE && max_end - m < 365)
		rv->decision = EHCP_REVIEW_CEASE;
	else if (p->may_cease && u < (nc >= EHCP_RULE_YEAR_POST16 ? 110 : 25))
		rv->decision = EHCP_REVIEW_CEASE;
	else
		rv->decision = demo_uniform(r, 0, 999) < 340 ? EHCP_REVIEW_AMEND : EHCP_REVIEW_MAINTAIN;

	if (rv->decision == EHCP_REVIEW_AMEND) {
		/* proposals mostly sent with the decision (Devon) */
		rv->proposals = rv->decision_date + (demo_chance(r, 800) ? 0 : demo_uniform(r, 1, 21));
		const ehcp_date due = rv->proposals + EHCP_DAYS_REVIEW_AMENDED_FROM_PROPOSALS < m + EHCP_DAYS_REVIEW_AMENDED_FROM_MEETING
		                          ? rv->proposals + EHCP_DAYS_REVIEW_AMENDED_FROM_PROPOSALS
		                          : m + EHCP_DAYS_REVIEW_AMENDED_FROM_MEETING;
		const int v = demo_uniform(r, 0, 999);
		if (transfer->kind != EHCP_TRANSFER_NONE) {
			/* named by the deadline, mostly; some late */
			const ehcp_date by = transfer->deadline;
			if (v < 820 && by >= rv->proposals + 7)
				rv->amended = rv->proposals + demo_uniform(r, 7, by - rv->proposals < 60 ? by - rv->proposals : 60);
			else
				rv->amended = later(by, rv->proposals) + demo_uniform(r, 1, 75);
		} else if (v < 720 && due >= rv->proposals + 7) {
			rv->amended = rv->proposals + demo_uniform(r, 7, due - rv->proposals);
		} else if (v < 960) {
			rv->amended = later(due, rv->proposals) + demo_uniform(r, 1, 90);
		} /* else never issued */
	} else if (rv->decision == EHCP_REVIEW_CEASE) {
		*ceases = true;
		if (max_end != EHCP_DATE_NONE && max_end - m < 365) {
			p->cease_reason = "max_age";
			p->d.ceased = later(max_end, rv->decision_date + demo_uniform(r, 14, 30));
		} else {
			p->cease_reason = review_cease_reason(r, nc);
			p->d.ceased = rv->decision_date + demo_uniform(r, 14, 60);
		}
	}
	cut_at(rv, w->o->as_of);
}

/* The plan's reviews up to as_of, written; its cease, if any by then, set. */
static void review_plan(register_writer *w, sim_plan *p)
{
	const ehcp_date as_of = w->o->as_of;
	ehcp_review_dates held[MAX_REVIEWS];
	size_t n = 0;
	ehcp_date after = later(p->d.start, p->d.transferred_in);
	const ehcp_date max_end = p->d.date_of_birth == EHCP_DATE_NONE ? EHCP_DATE_NONE : max_age_end(p->d.date_of_birth);
	while (n < MAX_REVIEWS) {
		const ehcp_date due = ehcp_review_next_due(&p->d, held, n, after);
		ehcp_phase_transfer transfer;
		const ehcp_date m = next_meeting(w, p, after, due, &transfer);
		if (p->end != EHCP_DATE_NONE && p->end <= m) {
			if (p->may_cease && p->end <= as_of) {
				p->d.ceased = p->end;
				p->cease_reason = p->end_reason;
			}
			break;
		}
		if (m > as_of || (max_end != EHCP_DATE_NONE && m > max_end))
			break;
		bool ceases;
		hold_review(w, p, &held[n], m, &transfer, &ceases);
		put_review(w, p->ref, &held[n]);
		n++;
		if (ceases) {
			/* the cease takes effect after as_of: not known yet */
			if (p->d.ceased > as_of) {
				p->d.ceased = EHCP_DATE_NONE;
				p->cease_reason = NULL;
			}
			break;
		}
		after = m;
	}
}

/* Reviews of a plan the tracker's final plan made (the import makes the plan). */
static void tracked_plan(void *ctx, const demo_case *c)
{
	register_writer *w = ctx;
	if (c->final_plan == EHCP_DATE_NONE ||
	    !(strcmp(c->v[4], "initial") == 0 || strcmp(c->v[4], "transfer_in") == 0))
		return;
	sim_plan p = {.d = EHCP_PLAN_DATES_INIT, .may_cease = false, .end = EHCP_DATE_NONE};
	snprintf(p.ref, sizeof p.ref, "%s", c->v[0]);
	p.d.start = c->final_plan;
	p.d.date_of_birth = c->date_of_birth;
	review_plan(w, &p);
}

/* The child's age when the council first made the plan: mostly at school. */
static int age_at_start(demo_rng *r)
{
	const int u = demo_uniform(r, 0, 99);
	return u < 20 ? demo_uniform(r, 0, 4) : u < 65 ? demo_uniform(r, 5, 10) : u < 90 ? demo_uniform(r, 11, 15)
	                                                                                : demo_uniform(r, 16, 20);
}

static void old_plan(register_writer *w, int a, int workers, long seq, ehcp_date start)
{
	demo_rng *r = &w->r;
	const ehcp_date as_of = w->o->as_of;
	sim_plan p = {.d = EHCP_PLAN_DATES_INIT, .may_cease = true, .end = EHCP_DATE_NONE};
	snprintf(p.ref, sizeof p.ref, "DEMO%03d-P%04d-%06ld", a, year_of(start), seq);
	char child[48], worker[48];
	snprintf(child, sizeof child, "DEMO-C%03d-%07ld", a, (long)(demo_next(r) % 9000000) + 1000000);
	snprintf(worker, sizeof worker, "Demo Caseworker %03d-%02d", a, demo_uniform(r, 1, workers));
	p.d.start = start;
	p.d.date_of_birth = start - 365 * age_at_start(r) - demo_uniform(r, 0, 364);
	/* from another council, while the plan still had a year or more to run */
	const ehcp_date max_end = max_age_end(p.d.date_of_birth);
	const ehcp_date last_in = as_of < max_end - 365 ? as_of : max_end - 365;
	if (demo_chance(r, 50) && last_in > start + 60)
		p.d.transferred_in = start + demo_uniform(r, 60, last_in - start);
	if (demo_chance(r, 30))
		p.d.year_offset = demo_chance(r, 650) ? -1 : 1;
	/* a local infant-to-junior (Year 3) or middle-school (Year 5) move, if still ahead at the start */
	if (demo_chance(r, 40)) {
		const int y = year_of(p.d.date_of_birth);
		const int k = ehcp_review_nc_year(p.d.date_of_birth, p.d.year_offset, ymd(y, 9, 1));
		const ehcp_date t = ymd(y - k + (demo_chance(r, 500) ? 3 : 5), 9, 1);
		if (t > later(start, p.d.transferred_in)) {
			p.d.local_transfer = t;
			p.d.local_post16 = false;
		}
	}
	const ehcp_date base = later(start, p.d.transferred_in);
	if (demo_chance(r, 220)) {
		p.end = base + demo_uniform(r, 30, 365 * 12);
		const int u = demo_uniform(r, 0, 99);
		p.end_reason = u < 80 ? "moved_la" : u < 90 ? "left_england" : u < 97 ? "other" : "deceased";
	}
	/* past 25 with no review to cease it: ceased then */
	if (p.end == EHCP_DATE_NONE || max_end < p.end) {
		p.end = max_end;
		p.end_reason = "max_age";
	}
	review_plan(w, &p);

	char b[5][EHCP_DATE_ISO_LEN], off[8] = "";
	if (p.d.year_offset)
		snprintf(off, sizeof off, "%d", p.d.year_offset);
	fprintf(w->plans, "%s,%s,%s,%s,,%s,%s,%s,%s,%s,%s,%s\n", p.ref, child,
	        date_cell(b[0], p.d.date_of_birth), worker, date_cell(b[1], p.d.start),
	        date_cell(b[2], p.d.transferred_in), off, date_cell(b[3], p.d.local_transfer),
	        p.d.local_transfer == EHCP_DATE_NONE ? "" : p.d.local_post16 ? "post16" : "school",
	        date_cell(b[4], p.d.ceased), p.d.ceased == EHCP_DATE_NONE ? "" : p.cease_reason);
	w->plans_rows++;
}

/* Plans made before the tracker's first day, on working days, more each
 * year (plans have grown nationally year on year). */
static void old_plans(register_writer *w, int a, int workers)
{
	const ehcp_date hi = demo_first_day(w->o) - 1, lo = hi - 365 * OLD_YEARS + 1;
	const double total = (double)w->o->requests_per_year * OLD_PLANS_PER_REQUEST;
	double weight = 0;
	for (ehcp_date d = lo; d <= hi; d++)
		if (ehcp_date_weekday(d) < 6)
			weight += 1.0 + 2.0 * (d - lo) / (hi - lo);
	double carry = 0;
	long seq = 0;
	for (ehcp_date d = lo; d <= hi; d++) {
		if (ehcp_date_weekday(d) >= 6)
			continue;
		carry += total * (1.0 + 2.0 * (d - lo) / (hi - lo)) / weight;
		while (carry >= 1.0) {
			carry -= 1.0;
			old_plan(w, a, workers, ++seq, d);
		}
	}
}

int ehcp_demo_write_register(ehcp_sink *plans, ehcp_sink *reviews, uint64_t *plans_rows, uint64_t *reviews_rows,
                             const ehcp_demo_options *o)
{
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_demo_options, o, EHCP_DEMO_OPTIONS_INIT, EHCP_DEMO_OPTIONS_VERSION);
	if (!plans || !reviews)
		return ehcp_fail(EHCP_EINVALID, "demo: nowhere to write the register");
	int err = demo_check_options(o);
	if (err)
		return err;
	register_writer w = {ehcp_sink_stream(plans), ehcp_sink_stream(reviews), o, {0}, 0, 0};
	fputs("plan_ref,child_ref,date_of_birth,caseworker,case_ref,plan_start_date,transferred_in_date,"
	      "year_group_offset,next_transfer_date,next_transfer_to,ceased_date,cease_reason\n", w.plans);
	fputs("plan_ref,meeting_date,invitations_date,report_date,decision,decision_date,amendments_proposed_date,"
	      "amended_plan_date\n", w.reviews);
	for (int a = 1; a <= o->authorities; a++) {
		int workers; /* the tracker's caseworkers hold the older plans too */
		(void)demo_authority_rng(o, a, &workers);
		w.r = (demo_rng){o->seed * 104729u + (uint64_t)a + 0x91a4u};
		old_plans(&w, a, workers);
		demo_generate_authority(o, a, tracked_plan, &w);
	}
	if (plans_rows)
		*plans_rows = w.plans_rows;
	if (reviews_rows)
		*reviews_rows = w.reviews_rows;
	if (ferror(w.plans) || ferror(w.reviews))
		return ehcp_fail(EHCP_EOS, "demo: cannot write the register");
	return 0;
}
