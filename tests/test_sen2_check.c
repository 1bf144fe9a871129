/* The SEN2 checks, as a table: a clean return of one child (silent), then
 * each row breaks one thing and must give exactly the findings it lists,
 * code, severity, item and message worked out by hand.  Also the census
 * day and the item checks the persons file shares. */
#include "clock_spec.h"
#include "harness.h"

#include "ehcp/ehcp.h"

#define D(s) spec_date(s)

/* The clean child K1, collection year 2025: request R-K1 received Mon 6
 * Jan 2025, assessed 10 Feb (day 35), decided to issue 14 Apr, plan made
 * 19 May (day 133, inside the 140), maintained on 31 December; its person
 * on line 2 of the file, complete, one placement and one need. */
static ehcp_sen2_request base_request(void)
{
	ehcp_sen2_request q;
	memset(&q, 0, sizeof q);
	snprintf(q.case_ref, sizeof q.case_ref, "R-K1");
	snprintf(q.plan_ref, sizeof q.plan_ref, "K1-P");
	q.tracker_birth = D("2015-04-12");
	q.received = D("2025-01-06");
	q.request_outcome = 'Y';
	q.request_outcome_date = D("2025-02-10");
	q.assessment = true;
	q.assessment_outcome = 'Y';
	q.assessment_outcome_date = D("2025-04-14");
	q.named_plan = true;
	q.plan_start = D("2025-05-19");
	q.cease_date = EHCP_DATE_NONE;
	q.active = true;
	q.review_meeting = q.last_review = EHCP_DATE_NONE;
	return q;
}

static ehcp_sen2_person base_person(void)
{
	ehcp_sen2_person p;
	memset(&p, 0, sizeof p);
	snprintf(p.child_ref, sizeof p.child_ref, "K1");
	snprintf(p.surname, sizeof p.surname, "Ng");
	snprintf(p.forename, sizeof p.forename, "Ana");
	p.birth = D("2015-04-12");
	snprintf(p.sex, sizeof p.sex, "F");
	snprintf(p.ethnicity, sizeof p.ethnicity, "WBRI");
	snprintf(p.postcode, sizeof p.postcode, "AB1 2CD");
	snprintf(p.upn, sizeof p.upn, "A123456789012");
	p.placements[0].present = true;
	snprintf(p.placements[0].setting, sizeof p.placements[0].setting, "OTH");
	snprintf(p.placements[0].urn, sizeof p.placements[0].urn, "123456");
	p.placements[0].entry = D("2025-09-03");
	p.placements[0].leaving = EHCP_DATE_NONE;
	p.placements[1].entry = p.placements[1].leaving = EHCP_DATE_NONE;
	snprintf(p.sen_need[0], sizeof p.sen_need[0], "ASD");
	p.line = 2;
	return p;
}

typedef struct expect {
	const char *code, *severity, *item, *message;
} expect;

typedef struct row {
	const char *name;
	void (*breaks)(ehcp_sen2_request *q, ehcp_sen2_person *p);
	bool no_person;         /* the persons file lacks K1 */
	bool unreferenced;      /* a request with no child_ref as well */
	size_t n;
	expect want[2];
} row;

static void nothing(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, (void)p; }
static void review_after_year(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->review_meeting = D("2026-01-02"); }
static void review_before_year(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->review_meeting = D("2024-12-31"); }
static void outcome_before_received(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->request_outcome_date = D("2025-01-03"); }
static void assessed_before_decided(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->assessment_outcome_date = D("2025-02-01"); }
static void plan_before_decision(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->plan_start = D("2025-04-01"); }
static void assessment_undated(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->assessment_outcome_date = EHCP_DATE_NONE; }
static void pending_dated(ehcp_sen2_request *q, ehcp_sen2_person *p)
{
	(void)p;
	q->request_outcome = 'A';
	q->assessment = q->named_plan = q->active = false;
}
static void no_received(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->received = EHCP_DATE_NONE; }
static void bad_outcome(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->request_outcome = 'Z'; }
static void y_without_assessment(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->assessment = q->named_plan = q->active = false; }
static void assessment_after_refusal(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->request_outcome = 'N'; }
static void refusal_overturned(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->request_outcome = 'N', q->request_tribunal = true; }
static void plan_not_to_issue(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->assessment_outcome = 'N'; }
static void late_plan(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->plan_start = D("2025-06-02"); }
static void plan_day_140(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->plan_start = D("2025-05-26"); }
static void plan_day_141(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->plan_start = D("2025-05-27"); }
static void late_excepted(ehcp_sen2_request *q, ehcp_sen2_person *p) { late_plan(q, p), q->week20 = true; }
static void late_mediated(ehcp_sen2_request *q, ehcp_sen2_person *p) { late_plan(q, p), q->assessment_mediation = true; }
static void cease_no_reason(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->cease_date = D("2025-08-31"), q->active = false; }
static void cease_before_start(ehcp_sen2_request *q, ehcp_sen2_person *p)
{
	(void)p;
	q->cease_date = D("2025-05-01"), q->cease_reason = EHCP_CEASE_NEEDS_MET, q->active = false;
}
static void moved_nowhere(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->moved_away = true; }
static void moved_to_330(ehcp_sen2_request *q, ehcp_sen2_person *p) { q->moved_away = true, snprintf(p->exported_la, sizeof p->exported_la, "330"); }
static void born_after_request(ehcp_sen2_request *q, ehcp_sen2_person *p) { q->tracker_birth = EHCP_DATE_NONE, p->birth = D("2025-02-01"); }
static void births_differ(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->tracker_birth = D("2015-04-13"); }
static void review_overdue(ehcp_sen2_request *q, ehcp_sen2_person *p)
{
	(void)p;
	/* 30 Dec 2024's 12 months end on 29 Dec 2025, before 31 December */
	q->named_plan = false, q->plan_start = D("2024-06-03"), q->last_review = D("2024-12-30");
}
static void review_just_in(ehcp_sen2_request *q, ehcp_sen2_person *p)
{
	(void)p;
	/* 1 Jan 2025's 12 months end on 31 Dec 2025: not yet overdue */
	q->named_plan = false, q->plan_start = D("2024-06-03"), q->last_review = D("2025-01-01");
}
static void never_reviewed(ehcp_sen2_request *q, ehcp_sen2_person *p)
{
	(void)p;
	q->named_plan = false, q->plan_start = D("2024-12-01");   /* 12 months end 30 Nov 2025 */
}
static void transferred_from_nowhere(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)p, q->transferred_in = true; }
static void no_placement(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, p->placements[0].present = false; }
static void no_entry(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, p->placements[0].entry = EHCP_DATE_NONE; }
static void no_need(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, p->sen_need[0][0] = '\0'; }
static void no_surname(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, p->surname[0] = '\0'; }
static void no_birth(ehcp_sen2_request *q, ehcp_sen2_person *p) { q->tracker_birth = EHCP_DATE_NONE, p->birth = EHCP_DATE_NONE; }
static void bad_sex(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, snprintf(p->sex, sizeof p->sex, "X"); }
static void bad_ethnicity(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, snprintf(p->ethnicity, sizeof p->ethnicity, "WBR"); }
static void bad_upn_unknown(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, p->upn[0] = '\0', snprintf(p->upn_unknown, sizeof p->upn_unknown, "UN11"); }
static void short_upn(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, snprintf(p->upn, sizeof p->upn, "A12345678901"); }
static void temporary_upn(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, snprintf(p->upn, sizeof p->upn, "a12345678901Z"); }
static void bad_uln(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, snprintf(p->uln, sizeof p->uln, "12345"); }
static void bad_exported(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, snprintf(p->exported_la, sizeof p->exported_la, "33"); }
static void upn_and_unknown(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, snprintf(p->upn_unknown, sizeof p->upn_unknown, "UN1"); }
static void no_identifier(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, p->upn[0] = '\0'; }
static void bad_setting(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, snprintf(p->placements[0].setting, sizeof p->placements[0].setting, "XYZ"); }
static void no_setting(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, p->placements[0].setting[0] = '\0'; }
static void bad_urn(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, snprintf(p->placements[0].urn, sizeof p->placements[0].urn, "12345"); }
static void left_before_entry(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, p->placements[0].leaving = D("2025-09-02"); }
static void bad_need(ehcp_sen2_request *q, ehcp_sen2_person *p) { (void)q, snprintf(p->sen_need[0], sizeof p->sen_need[0], "AUT"); }
static void historical(ehcp_sen2_request *q, ehcp_sen2_person *p)
{
	(void)p;
	/* a plan from before the year: no request dates, outcomes H */
	q->case_ref[0] = '\0';
	q->received = q->request_outcome_date = q->assessment_outcome_date = EHCP_DATE_NONE;
	q->request_outcome = q->assessment_outcome = 'H';
	q->named_plan = false, q->plan_start = D("2020-03-02"), q->last_review = D("2025-02-20");
}

#define L2 " (persons file line 2)"

static const row rows[] = {
    {"clean", nothing, false, false, 0, {{0}}},
    {"plan on day 140: in time", plan_day_140, false, false, 0, {{0}}},
    {"late with an exception", late_excepted, false, false, 0, {{0}}},
    {"late after mediation: left out as DfE does", late_mediated, false, false, 0, {{0}}},
    {"moved away with where to", moved_to_330, false, false, 0, {{0}}},
    {"reviewed 1 January: 12 months end 31 December", review_just_in, false, false, 0, {{0}}},
    {"a temporary UPN, lower-case letter", temporary_upn, false, false, 0, {{0}}},
    {"refusal overturned at tribunal", refusal_overturned, false, false, 0, {{0}}},
    {"historical plan", historical, false, false, 0, {{0}}},
    {"review after the year", review_after_year, false, false, 1,
     {{"R01", "error", "ReviewMeeting", "K1: request R-K1 ReviewMeeting 2026-01-02 is after the collection period (2025-12-31)"}}},
    {"review before the year", review_before_year, false, false, 1,
     {{"R01", "error", "ReviewMeeting", "K1: request R-K1 ReviewMeeting 2024-12-31 is before the collection period"}}},
    {"outcome before received", outcome_before_received, false, false, 1,
     {{"R02", "error", "RequestOutcomeDate", "K1: request R-K1 RequestOutcomeDate 2025-01-03 is before its ReceivedDate 2025-01-06"}}},
    {"assessed before decided", assessed_before_decided, false, false, 1,
     {{"R03", "error", "AssessmentOutcomeDate",
       "K1: request R-K1 AssessmentOutcomeDate 2025-02-01 is before its RequestOutcomeDate 2025-02-10"}}},
    {"plan before its decision", plan_before_decision, false, false, 1,
     {{"R04", "error", "StartDate", "K1: request R-K1 StartDate 2025-04-01 is before its AssessmentOutcomeDate 2025-04-14"}}},
    {"assessment outcome undated", assessment_undated, false, false, 1,
     {{"R05", "error", "AssessmentOutcomeDate", "K1: request R-K1 AssessmentOutcome Y needs an AssessmentOutcomeDate"}}},
    {"pending with a date", pending_dated, false, false, 1,
     {{"R05", "error", "RequestOutcomeDate", "K1: request R-K1 RequestOutcome A cannot have a RequestOutcomeDate"}}},
    {"no received date", no_received, false, false, 1,
     {{"R05", "error", "ReceivedDate", "K1: request R-K1 has no ReceivedDate"}}},
    {"outcome not a code", bad_outcome, false, false, 2,
     {{"R05", "error", "RequestOutcome", "K1: request R-K1 RequestOutcome is not Y, N, A, W or H"},
      {"R07", "error", "Assessment", "K1: request R-K1 has an Assessment but RequestOutcome Z"}}},
    {"Y without an assessment", y_without_assessment, false, false, 1,
     {{"R06", "error", "Assessment", "K1: request R-K1 RequestOutcome Y has no Assessment"}}},
    {"assessment after a refusal", assessment_after_refusal, false, false, 1,
     {{"R07", "error", "Assessment", "K1: request R-K1 has an Assessment but RequestOutcome N"}}},
    {"plan after not to issue", plan_not_to_issue, false, false, 1,
     {{"R08", "error", "NamedPlan", "K1: request R-K1 has a NamedPlan without AssessmentOutcome Y"}}},
    /* 6 Jan + 140 = 26 May; 2 June is day 147, 21 weeks */
    {"late, no exception", late_plan, false, false, 1,
     {{"R09", "query", "Week20", "K1: request R-K1 StartDate 2025-06-02 is 21 weeks after ReceivedDate with no Week20 exception"}}},
    {"plan on day 141: late", plan_day_141, false, false, 1,
     {{"R09", "query", "Week20", "K1: request R-K1 StartDate 2025-05-27 is 20 weeks after ReceivedDate with no Week20 exception"}}},
    {"ceased with no reason", cease_no_reason, false, false, 1,
     {{"R10", "error", "CeaseReason", "K1: request R-K1 CeaseDate and CeaseReason come together"}}},
    {"ceased before it started", cease_before_start, false, false, 1,
     {{"R10", "error", "CeaseDate", "K1: request R-K1 CeaseDate 2025-05-01 is before its StartDate"}}},
    {"moved away, nowhere", moved_nowhere, false, false, 1,
     {{"R11", "query", "Exported", "K1: request R-K1 ended as the child moved away, and no exported_la says where to"}}},
    {"born after the request", born_after_request, false, false, 1,
     {{"R12", "error", "ReceivedDate", "K1: request R-K1 ReceivedDate is before PersonBirthDate"}}},
    {"dates of birth differ", births_differ, false, false, 1,
     {{"P10", "query", "PersonBirthDate", "K1: request R-K1 PersonBirthDate differs from the date of birth ehcp holds"}}},
    {"no review in 12 months", review_overdue, false, false, 1,
     {{"A01", "query", "LastReview", "K1: plan K1-P has had no review in 12 months (last review 2024-12-30)"}}},
    {"never reviewed", never_reviewed, false, false, 1,
     {{"A01", "query", "LastReview", "K1: plan K1-P has had no review in 12 months (last started 2024-12-01)"}}},
    {"transferred from nowhere", transferred_from_nowhere, false, false, 1,
     {{"A02", "query", "TransferLA", "K1: plan K1-P transferred in and no transfer_la says from where"}}},
    {"no placement", no_placement, false, false, 2,
     {{"A03", "error", "PlanDetail", "K1: request R-K1 has a NamedPlan and no placement (PlanDetail)"},
      {"A03", "error", "PlacementDetail", "K1: plan K1-P is active and has no placement (PlacementDetail)"}}},
    {"placement with no entry date", no_entry, false, false, 1,
     {{"A03", "error", "EntryDate", "K1: plan K1-P placement 1 has no EntryDate"}}},
    {"no need", no_need, false, false, 1, {{"A04", "error", "SENneed", "K1: plan K1-P is active and has no SEN need (SENneed)"}}},
    {"no persons row", nothing, true, false, 1, {{"P00", "error", "Person", "K1: no row in the persons file"}}},
    {"no child_ref", nothing, false, true, 1,
     {{"P00", "error", "Person", "request or plan R-X has no child_ref, so no Person to return"}}},
    {"no surname", no_surname, false, false, 1, {{"P01", "error", "Surname", "K1: Surname is missing" L2}}},
    {"no date of birth", no_birth, false, false, 1, {{"P01", "error", "PersonBirthDate", "K1: PersonBirthDate is missing" L2}}},
    {"sex not a code", bad_sex, false, false, 1, {{"P02", "error", "Sex", "K1: Sex is not M, F or U" L2}}},
    {"ethnicity not a code", bad_ethnicity, false, false, 1,
     {{"P02", "error", "Ethnicity", "K1: Ethnicity is not one of DfE's ethnicity codes (WBRI ... NOBT)" L2}}},
    {"UPNunknown not a code", bad_upn_unknown, false, false, 1, {{"P02", "error", "UPNunknown", "K1: UPNunknown is not UN1 to UN10" L2}}},
    {"UPN too short", short_upn, false, false, 1,
     {{"P03", "error", "UPN", "K1: UPN is not a UPN (a letter, 11 digits, then a digit or a letter)" L2}}},
    {"ULN too short", bad_uln, false, false, 1, {{"P04", "error", "UniqueLearnerNumber", "K1: UniqueLearnerNumber is not a ULN (10 digits)" L2}}},
    {"exported LA not three digits", bad_exported, false, false, 1,
     {{"P05", "error", "Exported", "K1: Exported is not a three-digit LA code" L2}}},
    {"UPN and UPNunknown", upn_and_unknown, false, false, 1,
     {{"P06", "error", "UPNunknown", "K1: UPN and UPNunknown are both given; give one" L2}}},
    {"no UPN, ULN or reason", no_identifier, false, false, 1, {{"P07", "query", "UPN", "K1: no UPN, ULN or UPNunknown reason" L2}}},
    {"setting not a code", bad_setting, false, false, 1,
     {{"P08", "error", "SENSetting", "K1: placement 1 SENSetting is not OLA, EHE, EYP, OPA, OTH, NEET, NIEC or NIEO" L2}}},
    {"placement with no setting", no_setting, false, false, 1,
     {{"P08", "error", "SENSetting", "K1: placement 1 has no SENSetting" L2}}},
    {"URN too short", bad_urn, false, false, 1, {{"P08", "error", "URN", "K1: placement 1 URN is not a URN (6 digits)" L2}}},
    {"left before entering", left_before_entry, false, false, 1,
     {{"P08", "error", "LeavingDate", "K1: placement 1 LeavingDate is before its EntryDate" L2}}},
    {"need not a code", bad_need, false, false, 1,
     {{"P09", "error", "SENtype", "K1: SEN need 1 is not one of DfE's SEN types (SPLD ... OTH)" L2}}},
};

static void run_row(const row *t)
{
	ehcp_sen2 *r = NULL;
	CHECK_INT(ehcp_sen2_new(&r, 2025), 0);
	if (!r)
		return;
	ehcp_sen2_request q = base_request();
	ehcp_sen2_person p = base_person();
	t->breaks(&q, &p);
	CHECK_INT(ehcp_sen2_add(r, "K1", &q), 0);
	if (t->unreferenced) {
		r->unreferenced = malloc(sizeof *r->unreferenced);
		r->unreferenced[0] = strdup("R-X");
		r->nunreferenced = 1;
	}
	ehcp_sen2_persons persons = {1, &p};
	ehcp_sen2_person other = base_person();
	snprintf(other.child_ref, sizeof other.child_ref, "K2");
	if (t->no_person)
		persons.rows = &other;
	ehcp_sen2_findings *f = NULL;
	CHECK_INT(ehcp_sen2_check(&f, r, &persons), 0);
	int before = harness_failures;
	if (f) {
		CHECK_INT(f->n, t->n);
		size_t errors = 0, queries = 0;
		for (size_t i = 0; i < t->n && i < f->n; i++) {
			CHECK_STR(f->items[i].code, t->want[i].code);
			CHECK_STR(f->items[i].severity == EHCP_SEN2_ERROR ? "error" : "query", t->want[i].severity);
			CHECK_STR(f->items[i].item, t->want[i].item);
			CHECK_STR(f->items[i].message, t->want[i].message);
			*(strcmp(t->want[i].severity, "error") == 0 ? &errors : &queries) += 1;
		}
		CHECK_INT(f->errors, errors);
		CHECK_INT(f->queries, queries);
		CHECK_INT(f->missing, t->no_person ? 1 : 0);
		for (size_t i = t->n; i < f->n; i++)
			fprintf(stderr, "  unexpected: %s %s %s\n", f->items[i].code, f->items[i].item, f->items[i].message);
	}
	if (harness_failures != before)
		fprintf(stderr, "  in row \"%s\"\n", t->name);
	ehcp_sen2_findings_free(f);
	ehcp_sen2_free(r);
}

int main(void)
{
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		run_row(&rows[i]);

	/* Without persons, only the return's own checks run and nobody is missing. */
	ehcp_sen2 *r = NULL;
	CHECK_INT(ehcp_sen2_new(&r, 2025), 0);
	ehcp_sen2_request q = base_request();
	q.request_outcome_date = D("2025-01-03");
	CHECK_INT(ehcp_sen2_add(r, "K1", &q), 0);
	ehcp_sen2_findings *f = NULL;
	CHECK_INT(ehcp_sen2_check(&f, r, NULL), 0);
	CHECK_INT(f ? f->n : 99, 1);
	CHECK_INT(f ? f->missing : 99, 0);
	ehcp_sen2_findings_free(f);
	ehcp_sen2_free(r);

	/* DfE's census day, the third Thursday of January: 2024's was the 18th
	 * (1 January a Monday), 2025's the 16th (a Wednesday), 2026's the 15th
	 * (1 January itself a Thursday), 2023's the 19th (a Sunday). */
	CHECK_INT(ehcp_sen2_reference_date(2024), D("2024-01-18"));
	CHECK_INT(ehcp_sen2_reference_date(2025), D("2025-01-16"));
	CHECK_INT(ehcp_sen2_reference_date(2026), D("2026-01-15"));
	CHECK_INT(ehcp_sen2_reference_date(2023), D("2023-01-19"));

	/* The item checks the persons file shares, at their edges. */
	CHECK_INT(ehcp_sen2_item_check("upn", "A123456789012"), 0);
	CHECK_INT(ehcp_sen2_item_check("upn", "A12345678901B"), 0);
	CHECK_INT(ehcp_sen2_item_check("upn", "1123456789012"), EHCP_EINVALID);
	CHECK_INT(ehcp_sen2_item_check("upn", "AB23456789012"), EHCP_EINVALID);
	CHECK_INT(ehcp_sen2_item_check("upn", "A1234567890123"), EHCP_EINVALID);
	CHECK_INT(ehcp_sen2_item_check("uln", "1234567890"), 0);
	CHECK_INT(ehcp_sen2_item_check("uln", "123456789O"), EHCP_EINVALID);
	CHECK_INT(ehcp_sen2_item_check("placement2_ukprn", "10012345"), 0);
	CHECK_INT(ehcp_sen2_item_check("placement2_ukprn", "1001234"), EHCP_EINVALID);
	CHECK_INT(ehcp_sen2_item_check("upn_unknown", "UN10"), 0);
	CHECK_INT(ehcp_sen2_item_check("postcode", "SW1A 1AA"), 0);
	CHECK_INT(ehcp_sen2_item_check("postcode", "SW1A-1AA"), EHCP_EINVALID);
	CHECK_INT(ehcp_sen2_item_check("surname", "Ann\tLee"), EHCP_EINVALID);
	CHECK_INT(ehcp_sen2_item_check("sen_need2", "PMLD"), 0);
	CHECK_INT(ehcp_sen2_item_check("nickname", "Al"), EHCP_EINVALID);
	CHECK_INT(ehcp_sen2_item_check("sex", ""), 0);   /* absent: the checks say if it is required */
	return harness_finish("sen2_check");
}
