/* The calendar export parsed back with libical: every event's dates,
 * flags and alarm on a hand-built caseload, UIDs stable across exports,
 * SEQUENCE rising after a change. */
#include <libical/ical.h>
#include <uuid/uuid.h>

#include "clock_spec.h"
#include "dbtest.h"

static ehcp_store *s;

typedef struct {
	char uid[80], summary[200], start[16], end[16], categories[200], trigger[40];
	int sequence;
} event;

static event events[64];
static int nevents;
static char calname[600];

static const char *date_of(struct icaltimetype t)
{
	static char buf[4][16];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%04d-%02d-%02d%s", t.year, t.month, t.day, t.is_date ? "" : "T");
	return buf[i];
}

/* Fetched, then written to a buffer sink. */
static char *export_calendar(const char *caseworker, int horizon)
{
	ehcp_ical_options o = EHCP_ICAL_OPTIONS_INIT;
	o.as_of = spec_date("2020-06-01");
	o.caseworker = caseworker;
	o.horizon_days = horizon;
	o.dtstamp = 1600000000;
	size_t n = 0;
	ehcp_case_list *cases = NULL;
	ehcp_sink *sink = NULL;
	CHECK_INT(ehcp_ical_fetch(&cases, s, &o), 0);
	CHECK_INT(ehcp_sink_buffer(&sink), 0);
	CHECK_INT(ehcp_ical_format(sink, &n, cases, &o), 0);
	char *text = strdup(ehcp_sink_data(sink, NULL));
	ehcp_sink_free(sink);
	ehcp_case_list_free(cases);
	return text;
}

/* Parses with libical into `events`, sorted as exported. */
static void parse(const char *text)
{
	nevents = 0;
	icalcomponent *cal = icalparser_parse_string(text);
	CHECK(cal != NULL);
	if (!cal)
		return;
	CHECK_INT(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	calname[0] = '\0';
	for (icalproperty *p = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY))
		if (strcmp(icalproperty_get_x_name(p), "X-WR-CALNAME") == 0)
			snprintf(calname, sizeof calname, "%s", icalproperty_get_x(p));
	for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev && nevents < 64;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		event *e = &events[nevents++];
		memset(e, 0, sizeof *e);
		snprintf(e->uid, sizeof e->uid, "%s", icalcomponent_get_uid(ev));
		snprintf(e->summary, sizeof e->summary, "%s", icalcomponent_get_summary(ev));
		snprintf(e->start, sizeof e->start, "%s", date_of(icalcomponent_get_dtstart(ev)));
		snprintf(e->end, sizeof e->end, "%s", date_of(icalcomponent_get_dtend(ev)));
		e->sequence = icalcomponent_get_sequence(ev);
		for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY); p;
		     p = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY)) {
			strncat(e->categories, icalproperty_get_categories(p), sizeof e->categories - strlen(e->categories) - 2);
			strcat(e->categories, ";");
		}
		icalcomponent *alarm = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT);
		if (alarm) {
			icalproperty *t = icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY);
			struct icaltriggertype tr = icalproperty_get_trigger(t);
			snprintf(e->trigger, sizeof e->trigger, "%s", icaldurationtype_as_ical_string(tr.duration));
		}
	}
	icalcomponent_free(cal);
}

static const event *find(const char *summary)
{
	for (int i = 0; i < nevents; i++)
		if (strcmp(events[i].summary, summary) == 0)
			return &events[i];
	fprintf(stderr, "no event \"%s\"\n", summary);
	return NULL;
}

static void expect(const char *summary, const char *start, const char *end, const char *categories, const char *trigger)
{
	const event *e = find(summary);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_STR(e->start, start);
	CHECK_STR(e->end, end);
	CHECK_STR(e->categories, categories);
	CHECK_STR(e->trigger, trigger);
}

/* A child's reference, and the date of birth as a person or a program
 * might write it. */
static int child_spellings(char out[16][40], const char *ref, int y, int m, int d)
{
	static const char *const full[] = {"January", "February", "March", "April", "May", "June", "July",
	                                   "August", "September", "October", "November", "December"};
	int n = 0;
	snprintf(out[n++], 40, "%s", ref);
	snprintf(out[n++], 40, "%04d-%02d-%02d", y, m, d);
	snprintf(out[n++], 40, "%02d/%02d/%04d", d, m, y);
	snprintf(out[n++], 40, "%04d%02d%02d", y, m, d);
	snprintf(out[n++], 40, "%d/%d/%04d", d, m, y);
	snprintf(out[n++], 40, "%02d/%02d/%04d", m, d, y);
	snprintf(out[n++], 40, "%02d.%02d.%04d", d, m, y);
	snprintf(out[n++], 40, "%02d-%02d-%04d", d, m, y);
	snprintf(out[n++], 40, "%d %.3s %04d", d, full[m - 1], y);
	snprintf(out[n++], 40, "%d %s %04d", d, full[m - 1], y);
	snprintf(out[n++], 40, "%.3s %d, %04d", full[m - 1], d, y);
	snprintf(out[n++], 40, "%s %d, %04d", full[m - 1], d, y);
	return n;
}

/* TEXT as written (RFC 5545 3.3.11) back to plain text. */
static void unescape(char *t)
{
	char *w = t;
	for (const char *r = t; *r; r++) {
		if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 'n' || *r == 'N' ? '\n' : *r;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

/* How many places a calendar shows `what`: each property (name, parameters,
 * value) of each component, parsed by libical, and the raw text unfolded and
 * unescaped; each one is reported. */
static int leaks_in(icalcomponent *comp, const char *what)
{
	int n = 0;
	for (icalproperty *p = icalcomponent_get_first_property(comp, ICAL_ANY_PROPERTY); p;
	     p = icalcomponent_get_next_property(comp, ICAL_ANY_PROPERTY)) {
		char *v = icalproperty_get_value_as_string_r(p);
		if (v)
			unescape(v);
		const char *name = icalproperty_get_property_name(p);
		bool hit = (v && strstr(v, what)) || (name && strstr(name, what));
		for (icalparameter *q = icalproperty_get_first_parameter(p, ICAL_ANY_PARAMETER); q;
		     q = icalproperty_get_next_parameter(p, ICAL_ANY_PARAMETER)) {
			char *pt = icalparameter_as_ical_string_r(q);
			hit = hit || (pt && strstr(pt, what));
			free(pt);
		}
		if (hit) {
			fprintf(stderr, "\"%s\" in %s of a %s: %s\n", what, name ? name : "?",
			        icalcomponent_kind_to_string(icalcomponent_isa(comp)), v ? v : "");
			n++;
		}
		free(v);
	}
	for (icalcomponent *c = icalcomponent_get_first_component(comp, ICAL_ANY_COMPONENT); c;
	     c = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT))
		n += leaks_in(c, what);
	return n;
}

static int leaks(const char *text, const char *what)
{
	int n = 0;
	icalcomponent *cal = icalparser_parse_string(text);
	CHECK(cal != NULL);
	if (cal) {
		n += leaks_in(cal, what);
		icalcomponent_free(cal);
	}
	char *flat = malloc(strlen(text) + 1), *w = flat;
	for (const char *r = text; *r; r++) {
		if (r[0] == '\r' && r[1] == '\n' && (r[2] == ' ' || r[2] == '\t'))
			r += 2; /* a fold: CRLF and one blank, gone */
		else
			*w++ = *r;
	}
	*w = '\0';
	unescape(flat);
	if (strstr(flat, what)) {
		fprintf(stderr, "\"%s\" in the calendar's text\n", what);
		n++;
	}
	free(flat);
	return n;
}

/* The plans' calendar alone (tests/data/reviews.sql) on Mon 20 Jan 2025. */
static char *export_plans(const char *caseworker)
{
	ehcp_ical_options o = EHCP_ICAL_OPTIONS_INIT;
	o.as_of = spec_date("2025-01-20");
	o.caseworker = caseworker;
	o.dtstamp = 1600000000;
	size_t n = 0;
	ehcp_ical_plans *plans = NULL;
	ehcp_sink *sink = NULL;
	CHECK_INT(ehcp_ical_fetch_plans(&plans, s, &o), 0);
	CHECK_INT(ehcp_sink_buffer(&sink), 0);
	CHECK_INT(ehcp_ical_format_all(sink, &n, NULL, plans, &o), 0);
	char *text = strdup(ehcp_sink_data(sink, NULL));
	ehcp_sink_free(sink);
	ehcp_ical_plans_free(plans);
	return text;
}

/* uuid5(id, name)@ehcp, worked here with libuuid apart from the library. */
static const char *uid5(const char *id, const char *name)
{
	static char buf[64];
	uuid_t ns, u;
	char text[37];
	CHECK_INT(uuid_parse(id, ns), 0);
	uuid_generate_sha1(u, ns, name, strlen(name));
	uuid_unparse_lower(u, text);
	snprintf(buf, sizeof buf, "%s@ehcp", text);
	return buf;
}

static void expect_plan_event(const char *summary, const char *start, const char *id, const char *name, int sequence)
{
	const event *e = find(summary);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_STR(e->start, start);
	CHECK_STR(e->uid, uid5(id, name));
	CHECK_INT(e->sequence, sequence);
}

static void plan_events_test(void)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/reviews.sql", getenv("EHCP_TEST_DATA"));
	FILE *f = fopen(path, "r");
	static char sql[65536];
	size_t len = f ? fread(sql, 1, sizeof sql - 1, f) : 0;
	if (f)
		fclose(f);
	sql[len] = '\0';
	CHECK(len > 0);
	dbtest_exec(ehcp_store_conn(s), sql);

	/* Caseworker A's plans on Mon 20 Jan 2025, nearing 14 days, horizon 365
	 * (the working in tests/test_reviewlist.c).  SEQUENCE: (the plan's
	 * version + its reviews') * 10000, + 1 nearing, + 2 + days late overdue.
	 *  P-OVERDUE-REVIEW (version 1, no review): review due 2024-05-31, 234
	 *    days late: on the day, 10000 + 2 + 234; its transfer deadline
	 *    2026-02-14 is 390 days off, past the horizon.
	 *  P-REPORT-LATE (1 + 1): report 2025-01-16, 4 late: 20006; decision
	 *    2025-01-30, 10 days: nearing, 20001; next review 2026-01-01 (346
	 *    days): 20000; post-16 deadline 2026-03-30 (434) past the horizon.
	 *  P-Y6 (1 + 1): review 2025-02-28 and transfer 2025-02-14 (39 and 25
	 *    days): 20000 each.
	 *  P-TRANSFERRED-IN (1): review 2025-03-10: 10000.
	 *  P-CEASED, ceased, and P-FUTURE, not yet started: none. */
	char *a = export_plans("A");
	parse(a);
	/* and L-ISSUED's plan, made by its final plan of 2020-05-25 (migration
	 * 0006's trigger): never reviewed, overdue since 2021-05-24 */
	CHECK_INT(nevents, 7 + 1);
	expect_plan_event("[OVERDUE] L-ISSUED: Annual review", "2025-01-20", dbtest_value(ehcp_store_conn(s),
	                  "SELECT id FROM ehcp_plan WHERE plan_ref = 'L-ISSUED'"), "plan review", 10000 + 2 + 1337);
	expect_plan_event("[OVERDUE] P-OVERDUE-REVIEW: Annual review", "2025-01-20",
	                  "00000000-0000-4000-8000-000000000001", "plan review", 10236);
	expect_plan_event("[OVERDUE] P-REPORT-LATE: Review report", "2025-01-20",
	                  "00000000-0000-4000-8000-000000000003", "plan review 2025-01-02 report", 20006);
	expect_plan_event("[DUE IN 10 DAYS] P-REPORT-LATE: Review decision", "2025-01-30",
	                  "00000000-0000-4000-8000-000000000003", "plan review 2025-01-02 decision", 20001);
	expect_plan_event("P-REPORT-LATE: Annual review", "2026-01-01", "00000000-0000-4000-8000-000000000003",
	                  "plan review", 20000);
	expect_plan_event("P-Y6: Annual review", "2025-02-28", "00000000-0000-4000-8000-000000000005", "plan review", 20000);
	expect_plan_event("P-Y6: Transfer to secondary: amended plan", "2025-02-14", "00000000-0000-4000-8000-000000000005",
	                  "plan transfer_secondary 2025-09-01", 20000);
	expect_plan_event("P-TRANSFERRED-IN: Annual review", "2025-03-10", "00000000-0000-4000-8000-000000000009",
	                  "plan review", 10000);
	expect("[DUE IN 10 DAYS] P-REPORT-LATE: Review decision", "2025-01-30", "2025-01-31",
	       "EHCP;Review decision;NEARING;", "-P6DT15H");
	/* Nothing of the child: not the reference, not the date of birth. */
	CHECK(strstr(a, "CH-") == NULL);
	CHECK(strstr(a, "2014-03-03") == NULL && strstr(a, "20140303") == NULL && strstr(a, "3 Mar 2014") == NULL);

	/* A change to a review raises its plan's SEQUENCE, keeping the UIDs:
	 * the report recorded, P-REPORT-LATE's review goes to version 2, the
	 * plan's sum to 3; the report's event goes, the decision's stays. */
	dbtest_exec(ehcp_store_conn(s), "UPDATE ehcp_review SET report_date = '2025-01-18' "
	                                "WHERE plan_id = '00000000-0000-4000-8000-000000000003'");
	char *a2 = export_plans("A");
	parse(a2);
	CHECK_INT(nevents, 6 + 1);
	CHECK(find("[OVERDUE] P-REPORT-LATE: Review report") == NULL);
	expect_plan_event("[DUE IN 10 DAYS] P-REPORT-LATE: Review decision", "2025-01-30",
	                  "00000000-0000-4000-8000-000000000003", "plan review 2025-01-02 decision", 30001);
	expect_plan_event("P-Y6: Annual review", "2025-02-28", "00000000-0000-4000-8000-000000000005", "plan review", 20000);

	/* The team: B's and the unassigned plan's too.  P-AMEND's amended plan
	 * 2025-02-10, 21 days (not nearing at 14), P-Y11's post-16 transfer
	 * 2025-03-30, the plan without a date of birth: its review only. */
	char *team = export_plans(NULL);
	parse(team);
	expect_plan_event("P-AMEND: Amended plan", "2025-02-10", "00000000-0000-4000-8000-000000000004",
	                  "plan review 2024-11-25 amended_plan", 20000);
	expect_plan_event("P-Y11: Transfer to post-16: amended plan", "2025-03-30", "00000000-0000-4000-8000-000000000007",
	                  "plan transfer_post16 2025-09-01", 20000);
	expect_plan_event("P-NODOB: Annual review", "2025-02-28", "00000000-0000-4000-8000-000000000008", "plan review", 10000);
	/* A: 6; B: P-NEAR-REVIEW 1 (its post-16 in 2029), P-AMEND 2 (review
	 * 2025-11-24, amended plan), P-Y6-MET 1 (2025-09-19), P-NODOB 1,
	 * P-CEASE-LATER 1 (2025-04-30); P-Y11 2 (review 2025-06-09, transfer);
	 * and the plans the caseload's final plans made: L-ISSUED,
	 * L-LATE-ISSUED, L-FUTURE-PLAN, each an overdue first review */
	CHECK_INT(nevents, 6 + 6 + 2 + 3);
	free(a);
	free(a2);
	free(team);
}

int main(void)
{
	s = dbtest_store("ical", NULL);
	dbtest_import(s, "caselist.csv", "2020-12-31");

	char *first = export_calendar(NULL, -1);
	parse(first);
	CHECK_INT(nevents, 21);
	CHECK_STR(calname, "EHC deadlines: the team");
	/* Missed deadlines sit on the as-of date, with an alarm at 09:00 that day. */
	expect("[OVERDUE] L-DRAFTED-BACKLOG: Final plan", "2020-06-01", "2020-06-02", "EHCP;Final plan;OVERDUE;", "PT9H");
	expect("[OVERDUE] L-AWAIT-OVER: Decision whether to assess", "2020-06-01", "2020-06-02",
	       "EHCP;Decision whether to assess;OVERDUE;", "PT9H");
	expect("[OVERDUE] L-ASSESS: Health advice", "2020-06-01", "2020-06-02", "EHCP;Health advice;OVERDUE;", "PT9H");
	expect("[OVERDUE] L-DRAFTING: Latest safe draft", "2020-06-01", "2020-06-02", "EHCP;Latest safe draft;OVERDUE;", "PT9H");
	/* Near ones on their own day, flagged, with a reminder a week before at 09:00. */
	expect("[DUE TODAY] L-FUTURE-PLAN: Final plan", "2020-06-01", "2020-06-02", "EHCP;Final plan;NEARING;", "-P6DT15H");
	expect("[DUE IN 7 DAYS] L-DRAFTING: Final plan", "2020-06-08", "2020-06-09", "EHCP;Final plan;NEARING;", "-P6DT15H");
	expect("[DUE IN 13 DAYS] L-PLANDEC: Latest safe draft", "2020-06-14", "2020-06-15", "EHCP;Latest safe draft;NEARING;", "-P6DT15H");
	expect("[DUE IN 14 DAYS] L-AWAIT-NEAR: Decision whether to assess", "2020-06-15", "2020-06-16",
	       "EHCP;Decision whether to assess;NEARING;", "-P6DT15H");
	/* Later ones plainly. */
	expect("L-PLANDEC: Final plan", "2020-06-29", "2020-06-30", "EHCP;Final plan;", "-P6DT15H");
	/* a re-assessment: 14 weeks from the decision to re-assess, 2020-03-30 + 98 */
	expect("L-REASSESS: Final plan", "2020-07-06", "2020-07-07", "EHCP;Final plan;", "-P6DT15H");
	expect("L-AWAIT-OVER: Latest safe draft", "2020-08-09", "2020-08-10", "EHCP;Latest safe draft;", "-P6DT15H");
	expect("L-AWAIT-OVER: Final plan", "2020-08-24", "2020-08-25", "EHCP;Final plan;", "-P6DT15H");
	expect("L-ASSESS: Latest safe draft", "2020-07-05", "2020-07-06", "EHCP;Latest safe draft;", "-P6DT15H");
	expect("L-ASSESS: Final plan", "2020-07-20", "2020-07-21", "EHCP;Final plan;", "-P6DT15H");
	expect("L-AWAIT-NEAR: Latest safe draft", "2020-09-06", "2020-09-07", "EHCP;Latest safe draft;", "-P6DT15H");
	expect("L-AWAIT-NEAR: Final plan", "2020-09-21", "2020-09-22", "EHCP;Final plan;", "-P6DT15H");
	expect("L-AWAIT-OK: Decision whether to assess", "2020-07-06", "2020-07-07", "EHCP;Decision whether to assess;", "-P6DT15H");
	expect("L-AWAIT-OK: Latest safe draft", "2020-09-27", "2020-09-28", "EHCP;Latest safe draft;", "-P6DT15H");
	expect("L-AWAIT-OK: Final plan", "2020-10-12", "2020-10-13", "EHCP;Final plan;", "-P6DT15H");
	expect("L-NOWORKER: Latest safe draft", "2020-08-23", "2020-08-24", "EHCP;Latest safe draft;", "-P6DT15H");
	expect("L-NOWORKER: Final plan", "2020-09-07", "2020-09-08", "EHCP;Final plan;", "-P6DT15H");

	/* UIDs: unique, the name-based UUID of the case and the deadline,
	 * and nothing else in them. */
	for (int i = 0; i < nevents; i++)
		for (int j = i + 1; j < nevents; j++)
			CHECK(strcmp(events[i].uid, events[j].uid) != 0);
	const event *e = find("[OVERDUE] L-ASSESS: Health advice");
	if (e) {
		uuid_t ns, u;
		char want[80], text[37];
		uuid_parse(dbtest_value(ehcp_store_conn(s), "SELECT id FROM ehcp_request WHERE case_ref = 'L-ASSESS'"), ns);
		uuid_generate_sha1(u, ns, "health_advice", strlen("health_advice"));
		uuid_unparse_lower(u, text);
		snprintf(want, sizeof want, "%s@ehcp", text);
		CHECK_STR(e->uid, want);
	}

	/* Exported again: the same UIDs and SEQUENCEs. */
	event before[64];
	memcpy(before, events, sizeof before);
	int nbefore = nevents;
	char *second = export_calendar(NULL, -1);
	parse(second);
	CHECK_INT(nevents, nbefore);
	for (int i = 0; i < nevents && i < nbefore; i++) {
		CHECK_STR(events[i].uid, before[i].uid);
		CHECK_INT(events[i].sequence, before[i].sequence);
	}
	CHECK_STR(second, first);

	/* A correction moves a deadline: same UID, higher SEQUENCE, new date and flag. */
	ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;
	wo.today = spec_date("2020-12-31");
	CHECK_INT(ehcp_case_correct(s, "L-ASSESS", "health_advice_requested", "2020-04-20", &wo), 0);
	char *third = export_calendar(NULL, -1);
	parse(third);
	const event *moved = find("[DUE TODAY] L-ASSESS: Health advice");
	const event *old = NULL;
	for (int i = 0; i < nbefore; i++)
		if (strcmp(before[i].summary, "[OVERDUE] L-ASSESS: Health advice") == 0)
			old = &before[i];
	CHECK(moved && old);
	if (moved && old) {
		CHECK_STR(moved->uid, old->uid);
		CHECK(moved->sequence > old->sequence);
		CHECK_STR(moved->start, "2020-06-01");
		CHECK_STR(moved->categories, "EHCP;Health advice;NEARING;");
	}
	/* An untouched case keeps its SEQUENCE. */
	const event *same = find("L-AWAIT-OK: Final plan");
	for (int i = 0; same && i < nbefore; i++)
		if (strcmp(before[i].summary, same->summary) == 0)
			CHECK_INT(same->sequence, before[i].sequence);

	/* One caseworker, and a horizon. */
	char *b = export_calendar("B", -1);
	parse(b);
	CHECK_INT(nevents, 7);
	CHECK_STR(calname, "EHC deadlines: B");
	char *soon = export_calendar(NULL, 30);
	parse(soon);
	CHECK_INT(nevents, 9); /* L-REASSESS's final plan is 35 days away */

	/* Lines: CRLF, at most 75 octets. */
	int long_lines = 0, bare_lf = 0;
	size_t col = 0;
	for (const char *p = first; *p; p++) {
		if (*p == '\n') {
			bare_lf += p == first || p[-1] != '\r';
			col = 0;
		} else if (*p != '\r' && ++col > 75) {
			long_lines++;
		}
	}
	CHECK_INT(long_lines, 0);
	CHECK_INT(bare_lf, 0);

	/* No child's details anywhere: cases that carry a child_ref and a date
	 * of birth (tests/data/ical-child.csv; the caseload above has none),
	 * exported, and neither found in any property of any component, nor
	 * anywhere in the unfolded text, in any spelling of the date. */
	dbtest_import(s, "ical-child.csv", "2020-12-31");
	CHECK_STR(dbtest_value(ehcp_store_conn(s), "SELECT string_agg(case_ref || ' ' || child_ref || ' ' || date_of_birth, ', '"
	                                           " ORDER BY case_ref) FROM ehcp_request WHERE child_ref IS NOT NULL"),
	          "L-CHILD-A CHILD-QX7Z 2014-03-10, L-CHILD-B CHILD-WR9K 2009-11-27");
	char *team = export_calendar(NULL, -1);
	char *d = export_calendar("D", -1);
	parse(team);
	CHECK_INT(nevents, 21 + 7); /* L-CHILD-A: 3; L-CHILD-B: health, EP, safe draft, final plan */
	/* the fixture's events are there, so there was something to leak */
	expect("L-CHILD-A: Decision whether to assess", "2020-06-22", "2020-06-23", "EHCP;Decision whether to assess;", "-P6DT15H");
	expect("[OVERDUE] L-CHILD-B: Health advice", "2020-06-01", "2020-06-02", "EHCP;Health advice;OVERDUE;", "PT9H");
	expect("L-CHILD-B: EP advice", "2020-07-07", "2020-07-08", "EHCP;EP advice;", "-P6DT15H");
	parse(d);
	CHECK_INT(nevents, 7);
	static const struct {
		const char *ref;
		int y, m, d;
	} children[] = {{"CHILD-QX7Z", 2014, 3, 10}, {"CHILD-WR9K", 2009, 11, 27}};
	for (size_t i = 0; i < sizeof children / sizeof children[0]; i++) {
		char forms[16][40];
		int nf = child_spellings(forms, children[i].ref, children[i].y, children[i].m, children[i].d);
		for (int k = 0; k < nf; k++) {
			CHECK_INT(leaks(team, forms[k]), 0);
			CHECK_INT(leaks(d, forms[k]), 0);
		}
	}
	free(team);
	free(d);

	free(first);
	free(second);
	free(third);
	free(b);
	free(soon);
	plan_events_test();

	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_ical");
}
