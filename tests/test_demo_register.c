/* The demo's plan register against the rules of shared/docs/plan-register-csv.md
 * and migration 0006, row by row, over a grid of options (seeds,
 * authorities, years, as-of days including 29 February): the checks are
 * written here from the format's rules, reading the CSV text, and share no
 * code with the generator.  tests/cli_demo_register.sh loads one register
 * into the database and checks its shape. */
#include <stdbool.h>
#include <stdint.h>

#include "ehcp/demo.h"
#include "ehcp/errors.h"
#include "harness.h"

#define MAXF 32

/* Splits a line (the demo writes no quoted cells) into fields; returns how many. */
static int split(char *line, char *f[MAXF])
{
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p; p++)
		if (*p == ',' && n < MAXF) {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

static ehcp_date day(const char *s)
{
	ehcp_date d = EHCP_DATE_NONE;
	if (*s && ehcp_date_parse_iso(&d, s, strlen(s), NULL, 0) != 0)
		return -1; /* never a valid day: fails every comparison below */
	return d;
}

typedef struct {
	char ref[64];
	ehcp_date start, in, ceased;
	bool tracked, used;
	ehcp_date last_meeting;
	bool closed;             /* a cease decision: no review after it */
} plan;

#define SLOTS (1u << 17)
static plan table[SLOTS];

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static plan *find(const char *ref, bool add)
{
	for (uint32_t i = hash(ref) & (SLOTS - 1);; i = (i + 1) & (SLOTS - 1)) {
		if (!table[i].used) {
			if (!add)
				return NULL;
			table[i] = (plan){.used = true, .start = EHCP_DATE_NONE, .in = EHCP_DATE_NONE,
			                  .ceased = EHCP_DATE_NONE, .last_meeting = EHCP_DATE_NONE};
			snprintf(table[i].ref, sizeof table[i].ref, "%s", ref);
			return &table[i];
		}
		if (strcmp(table[i].ref, ref) == 0)
			return add ? NULL : &table[i]; /* adding a duplicate: NULL */
	}
}

static char *lines_of(char *text, char **save) { return strtok_r(text, "\n", save); }

static int bad; /* rows that broke a rule, reported once each */
#define RULE(cond, what, row)                                                                      \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			if (bad++ < 10)                                                            \
				fprintf(stderr, "  %s: %s\n", what, row);                          \
		}                                                                                  \
	} while (0)

static void check_register(const ehcp_demo_options *o)
{
	ehcp_sink *t = NULL, *ps = NULL, *rs = NULL;
	CHECK(ehcp_sink_buffer(&t) == 0 && ehcp_sink_buffer(&ps) == 0 && ehcp_sink_buffer(&rs) == 0);
	uint64_t cases = 0, np = 0, nr = 0;
	CHECK_INT(ehcp_demo_write(t, &cases, o), 0);
	CHECK_INT(ehcp_demo_write_register(ps, rs, &np, &nr, o), 0);
	char *tracker = strdup(ehcp_sink_data(t, NULL)), *plans = strdup(ehcp_sink_data(ps, NULL)),
	     *reviews = strdup(ehcp_sink_data(rs, NULL));
	/* the same bytes again */
	ehcp_sink *ps2 = NULL, *rs2 = NULL;
	CHECK(ehcp_sink_buffer(&ps2) == 0 && ehcp_sink_buffer(&rs2) == 0);
	CHECK_INT(ehcp_demo_write_register(ps2, rs2, NULL, NULL, o), 0);
	CHECK_STR(ehcp_sink_data(ps2, NULL), plans);
	CHECK_STR(ehcp_sink_data(rs2, NULL), reviews);
	ehcp_sink_free(ps2);
	ehcp_sink_free(rs2);
	memset(table, 0, sizeof table);
	bad = 0;
	const ehcp_date as_of = o->as_of;
	char *save, *f[MAXF];

	/* The tracker's plans, as migration 0006's trigger makes them. */
	uint64_t tracked = 0;
	for (char *l = lines_of(tracker, &save), *first = l; l; l = lines_of(NULL, &save)) {
		if (l == first)
			continue;
		CHECK_INT(split(l, f), 28);
		if (*f[20] && (strcmp(f[4], "initial") == 0 || strcmp(f[4], "transfer_in") == 0)) {
			plan *p = find(f[0], true);
			CHECK(p != NULL);
			if (p) {
				p->tracked = true;
				p->start = day(f[20]);
			}
			tracked++;
		}
	}

	uint64_t rows = 0, ceased = 0;
	static const char *const reasons[] = {"max_age", "needs_met", "higher_education", "employment", "moved_la",
	                                      "no_engagement", "left_england", "deceased", "other"};
	for (char *l = lines_of(plans, &save), *first = l; l; l = lines_of(NULL, &save)) {
		if (l == first) {
			CHECK_STR(l, "plan_ref,child_ref,date_of_birth,caseworker,case_ref,plan_start_date,"
			             "transferred_in_date,year_group_offset,next_transfer_date,next_transfer_to,ceased_date,"
			             "cease_reason");
			continue;
		}
		rows++;
		char row[512];
		snprintf(row, sizeof row, "%s", l);
		CHECK_INT(split(l, f), 12);
		plan *p = find(f[0], true);
		RULE(p, "plan_ref unique, and not a tracked plan's", row);
		if (!p)
			continue;
		const ehcp_date dob = day(f[2]), start = day(f[5]), in = day(f[6]), next = day(f[8]), end = day(f[10]);
		p->start = start, p->in = in, p->ceased = end;
		RULE(strncmp(f[0], "DEMO", 4) == 0 && strncmp(f[1], "DEMO-C", 6) == 0 &&
		         strncmp(f[3], "Demo Caseworker ", 16) == 0 && *f[4] == '\0', "made-up names, no case_ref", row);
		RULE(start != EHCP_DATE_NONE && start > 0 && start <= as_of, "a start by as_of", row);
		RULE(dob != EHCP_DATE_NONE && dob <= start, "born by the start", row);
		RULE(in == EHCP_DATE_NONE || (in >= start && in <= as_of), "transferred in after the start", row);
		RULE(!*f[7] || strcmp(f[7], "-1") == 0 || strcmp(f[7], "1") == 0, "offset -1 or 1", row);
		if (next != EHCP_DATE_NONE) {
			int y, m, d;
			ehcp_date_to_ymd(next, &y, &m, &d);
			RULE(m == 9 && d == 1 && next > dob && strcmp(f[9], "school") == 0, "a local transfer in September",
			     row);
		} else {
			RULE(!*f[9], "no setting without a transfer", row);
		}
		if (end != EHCP_DATE_NONE) {
			ceased++;
			bool known = false;
			for (size_t k = 0; k < sizeof reasons / sizeof *reasons; k++)
				known |= strcmp(f[11], reasons[k]) == 0;
			RULE(known && end >= start && (in == EHCP_DATE_NONE || end >= in) && end <= as_of,
			     "a cease with its reason, in the plan's life", row);
		} else {
			RULE(!*f[11], "no reason without a cease", row);
		}
	}
	CHECK_INT(np, rows);

	rows = 0;
	uint64_t of_tracked = 0;
	for (char *l = lines_of(reviews, &save), *first = l; l; l = lines_of(NULL, &save)) {
		if (l == first) {
			CHECK_STR(l, "plan_ref,meeting_date,invitations_date,report_date,decision,decision_date,"
			             "amendments_proposed_date,amended_plan_date");
			continue;
		}
		rows++;
		char row[512];
		snprintf(row, sizeof row, "%s", l);
		CHECK_INT(split(l, f), 8);
		plan *p = find(f[0], false);
		RULE(p, "a known plan", row);
		if (!p)
			continue;
		of_tracked += p->tracked;
		const ehcp_date m = day(f[1]), inv = day(f[2]), rep = day(f[3]), dd = day(f[5]), prop = day(f[6]),
		                am = day(f[7]);
		const ehcp_date all[] = {m, inv, rep, dd, prop, am};
		for (size_t k = 0; k < 6; k++)
			RULE(all[k] == EHCP_DATE_NONE || (all[k] >= p->start && all[k] <= as_of && all[k] > 0),
			     "every date in the plan's life, by as_of", row);
		RULE(m != EHCP_DATE_NONE, "a meeting", row);
		RULE(p->in == EHCP_DATE_NONE || m >= p->in, "no meeting before the plan came in", row);
		RULE(p->ceased == EHCP_DATE_NONE || m <= p->ceased, "no meeting after the cease", row);
		RULE(!p->closed, "nothing after a cease decision", row);
		RULE(p->last_meeting == EHCP_DATE_NONE || m > p->last_meeting, "meetings in order, one a day", row);
		p->last_meeting = m;
		RULE(inv == EHCP_DATE_NONE || inv <= m, "invitations before the meeting", row);
		RULE((rep == EHCP_DATE_NONE || rep >= m) && (dd == EHCP_DATE_NONE || dd >= m) &&
		         (prop == EHCP_DATE_NONE || prop >= m), "nothing else before the meeting", row);
		const bool decided = *f[4] != '\0';
		RULE(decided == (dd != EHCP_DATE_NONE), "a decision with its date", row);
		RULE(!decided || strcmp(f[4], "maintain") == 0 || strcmp(f[4], "amend") == 0 || strcmp(f[4], "cease") == 0,
		     "a known decision", row);
		RULE(prop == EHCP_DATE_NONE || strcmp(f[4], "amend") == 0, "proposals with an amend decision", row);
		RULE(am == EHCP_DATE_NONE || (strcmp(f[4], "amend") == 0 && prop != EHCP_DATE_NONE && am >= prop),
		     "an amended plan after its proposals", row);
		if (strcmp(f[4], "cease") == 0) {
			p->closed = true;
			RULE(!p->tracked, "no cease decision on a plan plans.csv does not hold", row);
		}
	}
	CHECK_INT(nr, rows);
	CHECK_INT(bad, 0);
	/* a register worth the name: the tracker's plans reviewed too, some ceased */
	CHECK(tracked > 0);
	CHECK(o->years == 1 || of_tracked > 0);
	CHECK(np > 0 && ceased > 0 && ceased < np);
	if (bad)
		fprintf(stderr, "  with seed %llu, %d authorities, %d years, %d requests\n", (unsigned long long)o->seed,
		        o->authorities, o->years, o->requests_per_year);
	free(tracker);
	free(plans);
	free(reviews);
	ehcp_sink_free(t);
	ehcp_sink_free(ps);
	ehcp_sink_free(rs);
}

int main(void)
{
	/* bad calls */
	ehcp_sink *s = NULL;
	CHECK_INT(ehcp_sink_buffer(&s), 0);
	ehcp_demo_options o;
	CHECK_INT(ehcp_demo_options_init(&o, EHCP_DEMO_OPTIONS_VERSION), 0);
	CHECK_INT(ehcp_demo_write_register(s, s, NULL, NULL, NULL), EHCP_EINVALID); /* no as_of */
	CHECK_HAS(ehcp_error_last(), "as-of");
	o.as_of = ehcp_date_from_ymd_unchecked(2026, 11, 20);
	CHECK_INT(ehcp_demo_write_register(NULL, s, NULL, NULL, &o), EHCP_EINVALID);
	CHECK_INT(ehcp_demo_write_register(s, NULL, NULL, NULL, &o), EHCP_EINVALID);
	o.years = 0;
	CHECK_INT(ehcp_demo_write_register(s, s, NULL, NULL, &o), EHCP_EINVALID);
	o.years = 3;
	o.version = 99;
	CHECK(ehcp_demo_write_register(s, s, NULL, NULL, &o) < 0);
	ehcp_sink_free(s);

	/* the default council, then a grid of small ones */
	CHECK_INT(ehcp_demo_options_init(&o, EHCP_DEMO_OPTIONS_VERSION), 0);
	o.as_of = ehcp_date_from_ymd_unchecked(2026, 11, 20);
	check_register(&o);
	const ehcp_date days[] = {ehcp_date_from_ymd_unchecked(2024, 2, 29), ehcp_date_from_ymd_unchecked(2025, 9, 1),
	                          ehcp_date_from_ymd_unchecked(2021, 1, 3)};
	const int years[] = {1, 4, 12};
	for (uint64_t seed = 1; seed <= 3; seed++)
		for (size_t d = 0; d < 3; d++)
			for (size_t y = 0; y < 3; y++) {
				ehcp_demo_options g = o;
				g.seed = seed;
				g.as_of = days[d];
				g.years = years[y];
				g.authorities = seed == 2 ? 3 : 1;
				g.requests_per_year = 80;
				check_register(&g);
			}
	return harness_finish("test_demo_register");
}
