/* The review clock: annual reviews and phase transfers. */
#include <string.h>

#include "ehcp/review.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const decision_names[] = {"", "maintain", "amend", "cease"};
static const char *const transfer_names[] = {"", "reception", "secondary", "post16", "local"};
static const char *const deadline_names[] = {"invitations", "report", "decision", "proposals", "amended_plan"};
static const char *const status_names[] = {"on_track", "nearing", "overdue", "ceased"};

static const char *name_of(const char *const *names, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? names[v] : "";
}

const char *ehcp_review_decision_name(ehcp_review_decision d) { return name_of(decision_names, COUNT(decision_names), (int)d); }
const char *ehcp_transfer_kind_name(ehcp_transfer_kind k) { return name_of(transfer_names, COUNT(transfer_names), (int)k); }
const char *ehcp_review_deadline_name(ehcp_review_deadline_kind k) { return name_of(deadline_names, COUNT(deadline_names), (int)k); }
const char *ehcp_plan_status_name(ehcp_plan_status s) { return name_of(status_names, COUNT(status_names), (int)s); }

/* The same day `months` later; a day the month lacks is its last day. */
static ehcp_date add_months(ehcp_date d, int months)
{
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	/* the first of the target month (date.c's), then the day within it */
	const ehcp_date first = ehcp_date_add_months_start(d, months);
	int ny, nm, nd;
	ehcp_date_to_ymd(first, &ny, &nm, &nd);
	const int last = ehcp_date_days_in_month(ny, nm);
	return first + (day <= last ? day : last) - 1;
}

ehcp_date ehcp_review_year_end(ehcp_date d)
{
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	/* the anniversary of 29 February in a common year is 1 March */
	const ehcp_date anniversary = m == 2 && day == 29 && !ehcp_date_is_leap_year(y + 1)
	                                  ? ehcp_date_from_ymd_unchecked(y + 1, 3, 1)
	                                  : ehcp_date_from_ymd_unchecked(y + 1, m, day);
	return anniversary - 1;
}

/* The calendar year whose September starts the school year containing d. */
static int school_year_of(ehcp_date d)
{
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	const int start[2] = {EHCP_RULE_SCHOOL_YEAR_START};   /* month, day */
	return m > start[0] || (m == start[0] && day >= start[1]) ? y : y - 1;
}

/* The September a child starts Reception, as a calendar year, before the
 * offset: born in the school year ending in Y, Reception in Y + 4. */
static int reception_year(ehcp_date dob)
{
	return school_year_of(dob) + 1 + EHCP_RULE_RECEPTION_AFTER;
}

int ehcp_review_nc_year(ehcp_date dob, int offset, ehcp_date on)
{
	return school_year_of(on) - reception_year(dob) + offset;
}

static ehcp_date school_year_start(int year)
{
	const int start[2] = {EHCP_RULE_SCHOOL_YEAR_START};
	return ehcp_date_from_ymd_unchecked(year, start[0], start[1]);
}

/* "Before 15 February" of the transfer's calendar year: on or before the 14th. */
static ehcp_date deadline_for(ehcp_date transfer, bool post16)
{
	int y, m, d;
	ehcp_date_to_ymd(transfer, &y, &m, &d);
	const int before[2] = {EHCP_RULE_PHASE_BEFORE};
	const int before16[2] = {EHCP_RULE_PHASE_BEFORE_POST16};
	const int *b = post16 ? before16 : before;
	return ehcp_date_from_ymd_unchecked(y, b[0], b[1]) - 1;
}

/* The local transfer's deadline: a move between post-16 institutions at
 * another time than a school year's start (ehcp/review.h), at least 5
 * months before the move (reg 18(2)); otherwise by the transfer's calendar
 * year. */
static ehcp_date local_deadline(const ehcp_plan_dates *p)
{
	const ehcp_date t = p->local_transfer;
	int y, m, d;
	ehcp_date_to_ymd(t, &y, &m, &d);
	const int start[2] = {EHCP_RULE_SCHOOL_YEAR_START};
	if (p->local_post16 && m != start[0] &&
	    (p->date_of_birth == EHCP_DATE_NONE ||
	     ehcp_review_nc_year(p->date_of_birth, p->year_offset, t) >= EHCP_RULE_YEAR_POST16))
		return add_months(t, -EHCP_RULE_POST16_MOVE_MONTHS);
	return deadline_for(t, p->local_post16);
}

void ehcp_review_next_transfer(ehcp_phase_transfer *out, const ehcp_plan_dates *p, ehcp_date on)
{
	*out = (ehcp_phase_transfer){EHCP_TRANSFER_NONE, EHCP_DATE_NONE, EHCP_DATE_NONE};
	if (p->local_transfer != EHCP_DATE_NONE && p->local_transfer > on) {
		*out = (ehcp_phase_transfer){EHCP_TRANSFER_LOCAL, p->local_transfer, local_deadline(p)};
		return;
	}
	if (p->date_of_birth == EHCP_DATE_NONE)
		return;
	/* Reception (year 0), Year 7 and Year 12 start in these Septembers. */
	const int r = reception_year(p->date_of_birth) - p->year_offset;
	const struct {
		ehcp_transfer_kind kind;
		int year;
	} national[] = {
	    {EHCP_TRANSFER_RECEPTION, r},
	    {EHCP_TRANSFER_SECONDARY, r + EHCP_RULE_YEAR_SECONDARY},
	    {EHCP_TRANSFER_POST16, r + EHCP_RULE_YEAR_POST16},
	};
	for (size_t i = 0; i < COUNT(national); i++) {
		const ehcp_date t = school_year_start(national[i].year);
		if (t > on) {
			*out = (ehcp_phase_transfer){national[i].kind, t,
			                             deadline_for(t, national[i].kind == EHCP_TRANSFER_POST16)};
			return;
		}
	}
}

/* The review as it stood on `on`: anything dated after it removed. */
static ehcp_review_dates as_of(const ehcp_review_dates *r, ehcp_date on)
{
	ehcp_review_dates x = *r;
#define CUT(f) if (x.f != EHCP_DATE_NONE && x.f > on) x.f = EHCP_DATE_NONE
	CUT(invitations);
	CUT(report);
	CUT(proposals);
	CUT(amended);
	if (x.decision_date != EHCP_DATE_NONE && x.decision_date > on) {
		x.decision_date = EHCP_DATE_NONE;
		x.decision = EHCP_REVIEW_DECISION_NONE;
	}
#undef CUT
	return x;
}

ehcp_date ehcp_review_due_after(const ehcp_plan_dates *p, ehcp_date anchor, ehcp_date next, ehcp_date on)
{
	const ehcp_date own = ehcp_review_year_end(anchor);
	const ehcp_date t = p->transferred_in;
	/* A transfer on the anchor's day changes nothing: 3 months from it end
	 * before its 12 months do. */
	if (t != EHCP_DATE_NONE && t <= on && anchor < t && (next == EHCP_DATE_NONE || t < next)) {
		/* reg 15(5): the later of the plan's own date and 3 months on */
		const ehcp_date three = add_months(t, EHCP_RULE_TRANSFER_REVIEW_MONTHS);
		return own > three ? own : three;
	}
	return own;
}

ehcp_date ehcp_review_next_due(const ehcp_plan_dates *p, const ehcp_review_dates *reviews, size_t n, ehcp_date on)
{
	if (p->ceased != EHCP_DATE_NONE && p->ceased <= on)
		return EHCP_DATE_NONE;
	ehcp_date last = EHCP_DATE_NONE;
	for (size_t i = 0; i < n; i++)
		if (reviews[i].meeting != EHCP_DATE_NONE && reviews[i].meeting <= on &&
		    (last == EHCP_DATE_NONE || reviews[i].meeting > last))
			last = reviews[i].meeting;
	return ehcp_review_due_after(p, last != EHCP_DATE_NONE ? last : p->start, EHCP_DATE_NONE, on);
}

bool ehcp_review_transfer_met(const ehcp_phase_transfer *t, const ehcp_review_dates *reviews, size_t n,
                              ehcp_date *on_date)
{
	if (t->kind == EHCP_TRANSFER_NONE)
		return false;
	const ehcp_date window = add_months(t->transfer, -12);
	ehcp_date best = EHCP_DATE_NONE;
	for (size_t i = 0; i < n; i++) {
		const ehcp_review_dates *r = &reviews[i];
		ehcp_date d = r->amended != EHCP_DATE_NONE ? r->amended
		              : r->decision == EHCP_REVIEW_MAINTAIN ? r->decision_date
		                                                   : EHCP_DATE_NONE;
		if (d != EHCP_DATE_NONE && d > window && d <= t->deadline && (best == EHCP_DATE_NONE || d < best))
			best = d;
	}
	if (on_date)
		*on_date = best;
	return best != EHCP_DATE_NONE;
}

void ehcp_review_deadlines(ehcp_review_deadline out[EHCP_REVIEW_DL_COUNT], const ehcp_review_dates *r)
{
	const ehcp_date m = r->meeting;
	const bool amend = r->decision == EHCP_REVIEW_AMEND || r->proposals != EHCP_DATE_NONE ||
	                   r->amended != EHCP_DATE_NONE;
	out[EHCP_REVIEW_DL_INVITATIONS] = (ehcp_review_deadline){true, m - EHCP_DAYS_REVIEW_INVITATIONS, r->invitations};
	out[EHCP_REVIEW_DL_REPORT] = (ehcp_review_deadline){true, m + EHCP_DAYS_REVIEW_REPORT, r->report};
	out[EHCP_REVIEW_DL_DECISION] = (ehcp_review_deadline){true, m + EHCP_DAYS_REVIEW_DECISION, r->decision_date};
	out[EHCP_REVIEW_DL_PROPOSALS] = (ehcp_review_deadline){amend, amend ? m + EHCP_DAYS_REVIEW_PROPOSALS : EHCP_DATE_NONE,
	                                                       amend ? r->proposals : EHCP_DATE_NONE};
	ehcp_date amended_due = m + EHCP_DAYS_REVIEW_AMENDED_FROM_MEETING;
	if (r->proposals != EHCP_DATE_NONE && r->proposals + EHCP_DAYS_REVIEW_AMENDED_FROM_PROPOSALS < amended_due)
		amended_due = r->proposals + EHCP_DAYS_REVIEW_AMENDED_FROM_PROPOSALS;
	out[EHCP_REVIEW_DL_AMENDED] = (ehcp_review_deadline){amend, amend ? amended_due : EHCP_DATE_NONE,
	                                                     amend ? r->amended : EHCP_DATE_NONE};
}

static const char *const due_names[] = {"review", "report", "decision", "proposals", "amended_plan",
                                        "transfer_reception", "transfer_secondary", "transfer_post16",
                                        "transfer_local"};
static const char *const due_labels[] = {"Annual review", "Review report", "Review decision", "Proposed amendments",
                                         "Amended plan", "Transfer to school: amended plan",
                                         "Transfer to secondary: amended plan", "Transfer to post-16: amended plan",
                                         "Transfer to next setting: amended plan"};

const char *ehcp_review_due_name(ehcp_review_due k) { return name_of(due_names, COUNT(due_names), (int)k); }
const char *ehcp_review_due_label(ehcp_review_due k) { return name_of(due_labels, COUNT(due_labels), (int)k); }

ehcp_review_due ehcp_transfer_due(ehcp_transfer_kind k)
{
	switch (k) {
	case EHCP_TRANSFER_RECEPTION: return EHCP_DUE_TRANSFER_RECEPTION;
	case EHCP_TRANSFER_SECONDARY: return EHCP_DUE_TRANSFER_SECONDARY;
	case EHCP_TRANSFER_POST16: return EHCP_DUE_TRANSFER_POST16;
	case EHCP_TRANSFER_LOCAL: return EHCP_DUE_TRANSFER_LOCAL;
	default: return EHCP_DUE_NONE;
	}
}

/* The next transfer on `on` and whether what was known by then met it. */
static bool transfer_on(ehcp_phase_transfer *t, const ehcp_plan_dates *p, const ehcp_review_dates *reviews, size_t n,
                        ehcp_date on)
{
	ehcp_review_next_transfer(t, p, on);
	if (t->kind == EHCP_TRANSFER_NONE)
		return false;
	ehcp_date met = EHCP_DATE_NONE;
	for (size_t i = 0; i < n; i++) {
		const ehcp_review_dates r = as_of(&reviews[i], on);
		if (reviews[i].meeting <= on && ehcp_review_transfer_met(t, &r, 1, &met))
			return true;
	}
	return false;
}

/* The limits outstanding, given the next review and the next transfer
 * (and whether it is met) as the caller has already worked them out. */
static size_t outstanding(ehcp_plan_item out[EHCP_PLAN_OUTSTANDING_MAX], const ehcp_review_dates *reviews, size_t n,
                          ehcp_date on, ehcp_date review_due, const ehcp_phase_transfer *t, bool met)
{
	size_t k = 0;
	out[k++] = (ehcp_plan_item){EHCP_DUE_REVIEW, review_due, EHCP_DATE_NONE};

	/* the latest review held by then, as it stood then */
	const ehcp_review_dates *latest = NULL;
	for (size_t i = 0; i < n; i++)
		if (reviews[i].meeting != EHCP_DATE_NONE && reviews[i].meeting <= on &&
		    (!latest || reviews[i].meeting > latest->meeting))
			latest = &reviews[i];
	if (latest) {
		static const ehcp_review_due step[EHCP_REVIEW_DL_COUNT] = {
		    EHCP_DUE_NONE, EHCP_DUE_REPORT, EHCP_DUE_DECISION, EHCP_DUE_PROPOSALS, EHCP_DUE_AMENDED_PLAN};
		const ehcp_review_dates r = as_of(latest, on);
		ehcp_review_deadline dl[EHCP_REVIEW_DL_COUNT];
		ehcp_review_deadlines(dl, &r);
		/* invitations are judged once the meeting is held, never outstanding;
		 * after a decision to cease only the report is owed */
		for (int s = EHCP_REVIEW_DL_REPORT; s < EHCP_REVIEW_DL_COUNT; s++)
			if (dl[s].applies && dl[s].met == EHCP_DATE_NONE &&
			    !(r.decision == EHCP_REVIEW_CEASE && s != EHCP_REVIEW_DL_REPORT))
				out[k++] = (ehcp_plan_item){step[s], dl[s].due, r.meeting};
	}
	if (!met && t->kind != EHCP_TRANSFER_NONE)
		out[k++] = (ehcp_plan_item){ehcp_transfer_due(t->kind), t->deadline, EHCP_DATE_NONE};
	return k;
}

size_t ehcp_plan_outstanding(ehcp_plan_item out[EHCP_PLAN_OUTSTANDING_MAX], const ehcp_plan_dates *p,
                             const ehcp_review_dates *reviews, size_t n, ehcp_date on)
{
	if (p->ceased != EHCP_DATE_NONE && p->ceased <= on)
		return 0;
	ehcp_phase_transfer t;
	const bool met = transfer_on(&t, p, reviews, n, on);
	return outstanding(out, reviews, n, on, ehcp_review_next_due(p, reviews, n, on), &t, met);
}

size_t ehcp_plan_view_outstanding(ehcp_plan_view *v, ehcp_plan_item out[EHCP_PLAN_OUTSTANDING_MAX],
                                  const ehcp_plan_dates *p, const ehcp_review_dates *reviews, size_t n, ehcp_date on,
                                  int nearing_days)
{
	memset(v, 0, sizeof *v);
	v->review_due = v->next_due = v->late_due = EHCP_DATE_NONE;
	v->transfer = (ehcp_phase_transfer){EHCP_TRANSFER_NONE, EHCP_DATE_NONE, EHCP_DATE_NONE};
	v->has_year = p->date_of_birth != EHCP_DATE_NONE;
	if (v->has_year)
		v->nc_year = ehcp_review_nc_year(p->date_of_birth, p->year_offset, on);
	if (p->ceased != EHCP_DATE_NONE && p->ceased <= on) {
		v->status = EHCP_PLAN_CEASED;
		return 0;
	}
	v->review_due = ehcp_review_next_due(p, reviews, n, on);
	v->transfer_met = transfer_on(&v->transfer, p, reviews, n, on);
	const size_t k = outstanding(out, reviews, n, on, v->review_due, &v->transfer, v->transfer_met);
	for (size_t i = 0; i < k; i++) {
		const ehcp_date due = out[i].due;
		if (due >= on) {
			if (v->next_due == EHCP_DATE_NONE || due < v->next_due)
				v->next_due = due;
		} else if (v->late_due == EHCP_DATE_NONE || due < v->late_due) {
			v->late_due = due;
		}
	}
	if (v->late_due != EHCP_DATE_NONE)
		v->status = EHCP_PLAN_OVERDUE;
	else if (v->next_due != EHCP_DATE_NONE && v->next_due - on <= nearing_days)
		v->status = EHCP_PLAN_NEARING;
	else
		v->status = EHCP_PLAN_ON_TRACK;
	return k;
}

void ehcp_plan_view_on(ehcp_plan_view *v, const ehcp_plan_dates *p, const ehcp_review_dates *reviews, size_t n,
                       ehcp_date on, int nearing_days)
{
	ehcp_plan_item items[EHCP_PLAN_OUTSTANDING_MAX];
	(void)ehcp_plan_view_outstanding(v, items, p, reviews, n, on, nearing_days);
}
