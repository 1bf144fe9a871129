/*
 * The SEN2 checks, in the spirit of DfE's validation rules and Data to
 * Insight's validators: each has a code, a severity (an error stops the
 * return; a query is what COLLECT would ask the council to explain) and a
 * message naming the child's reference, the request and the item.  Pure:
 * the return and the persons in, the findings out.  Code lists and
 * patterns are the 2024 schema's (tests/data/sen2/SEN2_schema_2024_subset.xsd).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/review.h"
#include "ehcp/rules.h"
#include "ehcp/sen2.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- person items ---- */

static bool one_of(const char *v, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(v, *list) == 0)
			return true;
	return false;
}

static bool digits(const char *v, size_t n)
{
	if (strlen(v) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)v[i]))
			return false;
	return true;
}

static const char *const sexes[] = {"M", "F", "U", NULL};
static const char *const ethnicities[] = {"WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH",
                                          "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH",
                                          "REFU", "NOBT", NULL};
static const char *const upn_unknowns[] = {"UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7", "UN8", "UN9", "UN10", NULL};
static const char *const settings[] = {"OLA", "EHE", "EYP", "OPA", "OTH", "NEET", "NIEC", "NIEO", NULL};
static const char *const sen_types[] = {"SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD",
                                        "ASD", "OTH", NULL};
static const char *const res_codes[] = {"A", "B", NULL};
static const char *const wbp_codes[] = {"A", "T", "S", NULL};
static const char *const yes_no[] = {"true", "false", "1", "0", NULL};

/* A UPN: a letter, eleven digits, and a digit or a letter (a temporary UPN). */
static bool upn_ok(const char *v)
{
	if (strlen(v) != 13 || !isalpha((unsigned char)v[0]) || !isascii((unsigned char)v[0]))
		return false;
	for (int i = 1; i < 12; i++)
		if (!isdigit((unsigned char)v[i]))
			return false;
	return isdigit((unsigned char)v[12]) || (isascii((unsigned char)v[12]) && isalpha((unsigned char)v[12]));
}

/* Text an XML file can carry: no control characters. */
static bool plain_text(const char *v, size_t max)
{
	size_t n = strlen(v);
	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return false;
	return true;
}

static bool postcode_ok(const char *v)
{
	size_t n = strlen(v);
	if (n < 2 || n > 8)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)v[i]) && v[i] != ' ')
			return false;
	return true;
}

/* The item of a persons-file column, without placementN_. */
static const char *base_item(const char *item)
{
	if (strncmp(item, "placement", 9) == 0 && (item[9] == '1' || item[9] == '2') && item[10] == '_')
		return item + 11;
	return item;
}

int ehcp_sen2_item_check(const char *item, const char *value)
{
	if (!item || !value)
		return ehcp_fail(EHCP_EINVALID, "no item to check");
	const char *b = base_item(item);
	if (!*value)
		return 0;   /* whether an item is required is the file's and the checks' business */
	bool ok = true;
	const char *why = "";
	if (strcmp(b, "child_ref") == 0)
		ok = plain_text(value, EHCP_REF_MAX), why = "is not a reference of 1 to 100 characters";
	else if (strcmp(b, "surname") == 0 || strcmp(b, "forename") == 0)
		ok = plain_text(value, 100), why = "is not a name of 1 to 100 characters";
	else if (strcmp(b, "sex") == 0)
		ok = one_of(value, sexes), why = "is not M, F or U";
	else if (strcmp(b, "ethnicity") == 0)
		ok = one_of(value, ethnicities), why = "is not one of DfE's ethnicity codes (WBRI ... NOBT)";
	else if (strcmp(b, "postcode") == 0)
		ok = postcode_ok(value), why = "is not a postcode (letters, digits and spaces, up to 8)";
	else if (strcmp(b, "upn") == 0)
		ok = upn_ok(value), why = "is not a UPN (a letter, 11 digits, then a digit or a letter)";
	else if (strcmp(b, "uln") == 0)
		ok = digits(value, 10), why = "is not a ULN (10 digits)";
	else if (strcmp(b, "upn_unknown") == 0)
		ok = one_of(value, upn_unknowns), why = "is not UN1 to UN10";
	else if (strcmp(b, "exported_la") == 0 || strcmp(b, "transfer_la") == 0)
		ok = digits(value, 3), why = "is not a three-digit LA code";
	else if (strcmp(b, "urn") == 0)
		ok = digits(value, 6), why = "is not a URN (6 digits)";
	else if (strcmp(b, "ukprn") == 0)
		ok = digits(value, 8), why = "is not a UKPRN (8 digits)";
	else if (strcmp(b, "setting") == 0)
		ok = one_of(value, settings), why = "is not OLA, EHE, EYP, OPA, OTH, NEET, NIEC or NIEO";
	else if (strcmp(b, "setting_other") == 0)
		ok = plain_text(value, 100), why = "is not a description of 1 to 100 characters";
	else if (strcmp(b, "sen_unit") == 0 || strcmp(b, "resourced_provision") == 0)
		ok = one_of(value, yes_no), why = "is not true or false";
	else if (strcmp(b, "res") == 0)
		ok = one_of(value, res_codes), why = "is not A (38 to 51 weeks) or B (52 weeks)";
	else if (strcmp(b, "wbp") == 0)
		ok = one_of(value, wbp_codes), why = "is not A, T or S";
	else if (strcmp(b, "sen_need1") == 0 || strcmp(b, "sen_need2") == 0)
		ok = one_of(value, sen_types), why = "is not one of DfE's SEN types (SPLD ... OTH)";
	else if (strcmp(b, "birth_date") == 0 || strcmp(b, "entry_date") == 0 || strcmp(b, "leaving_date") == 0) {
		ehcp_date d;
		ok = ehcp_date_parse(&d, value, strlen(value), NULL, 0) == 0, why = "is not a date";
	} else
		return ehcp_fail(EHCP_EINVALID, "%s is not a persons-file item", item);
	return ok ? 0 : ehcp_fail(EHCP_EINVALID, "%s", why);
}

/* ---- findings ---- */

typedef struct finder {
	ehcp_sen2_findings *f;
	size_t cap;
	int err;
} finder;

static void add(finder *fd, const char *code, ehcp_sen2_severity sev, const char *child, const char *item,
                const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void add(finder *fd, const char *code, ehcp_sen2_severity sev, const char *child, const char *item,
                const char *fmt, ...)
{
	if (fd->err)
		return;
	ehcp_sen2_findings *f = fd->f;
	if (f->n == fd->cap) {
		size_t cap = fd->cap ? 2 * fd->cap : 16;
		ehcp_sen2_finding *it = realloc(f->items, cap * sizeof *it);
		if (!it) {
			fd->err = ehcp_fail(EHCP_ENOMEM, "out of memory");
			return;
		}
		f->items = it;
		fd->cap = cap;
	}
	ehcp_sen2_finding *x = &f->items[f->n++];
	memset(x, 0, sizeof *x);
	snprintf(x->code, sizeof x->code, "%s", code);
	x->severity = sev;
	snprintf(x->child_ref, sizeof x->child_ref, "%s", child);
	snprintf(x->item, sizeof x->item, "%s", item);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->message, sizeof x->message, fmt, ap);
	va_end(ap);
	if (sev == EHCP_SEN2_ERROR)
		f->errors++;
	else
		f->queries++;
}

/* The persons file's columns and the SEN2 items they are, with the code
 * of the check on them. */
static const struct {
	const char *column, *item, *code;
} person_items[] = {
    {"surname", "Surname", "P01"},        {"forename", "Forename", "P01"},
    {"postcode", "PostCode", "P01"},      {"sex", "Sex", "P02"},
    {"ethnicity", "Ethnicity", "P02"},    {"upn_unknown", "UPNunknown", "P02"},
    {"upn", "UPN", "P03"},                {"uln", "UniqueLearnerNumber", "P04"},
    {"exported_la", "Exported", "P05"},   {"transfer_la", "TransferLA", "P05"},
};

static const char *person_value(const ehcp_sen2_person *p, const char *column)
{
	if (strcmp(column, "surname") == 0) return p->surname;
	if (strcmp(column, "forename") == 0) return p->forename;
	if (strcmp(column, "postcode") == 0) return p->postcode;
	if (strcmp(column, "sex") == 0) return p->sex;
	if (strcmp(column, "ethnicity") == 0) return p->ethnicity;
	if (strcmp(column, "upn_unknown") == 0) return p->upn_unknown;
	if (strcmp(column, "upn") == 0) return p->upn;
	if (strcmp(column, "uln") == 0) return p->uln;
	if (strcmp(column, "exported_la") == 0) return p->exported_la;
	return p->transfer_la;
}

static bool required(const char *column)
{
	return strcmp(column, "surname") == 0 || strcmp(column, "forename") == 0 || strcmp(column, "postcode") == 0 ||
	       strcmp(column, "sex") == 0 || strcmp(column, "ethnicity") == 0;
}

static void check_person(finder *fd, const ehcp_sen2_person *p)
{
	const char *c = p->child_ref;
	for (size_t i = 0; i < COUNT(person_items); i++) {
		const char *v = person_value(p, person_items[i].column);
		if (!*v && required(person_items[i].column))
			add(fd, "P01", EHCP_SEN2_ERROR, c, person_items[i].item, "%s: %s is missing", c, person_items[i].item);
		else if (*v && ehcp_sen2_item_check(person_items[i].column, v) < 0)
			add(fd, person_items[i].code, EHCP_SEN2_ERROR, c, person_items[i].item, "%s: %s %s", c,
			    person_items[i].item, ehcp_error_last());
	}
	if (p->birth == EHCP_DATE_NONE)
		add(fd, "P01", EHCP_SEN2_ERROR, c, "PersonBirthDate", "%s: PersonBirthDate is missing", c);
	if (p->upn[0] && p->upn_unknown[0])
		add(fd, "P06", EHCP_SEN2_ERROR, c, "UPNunknown", "%s: UPN and UPNunknown are both given; give one", c);
	if (!p->upn[0] && !p->uln[0] && !p->upn_unknown[0])
		add(fd, "P07", EHCP_SEN2_QUERY, c, "UPN", "%s: no UPN, ULN or UPNunknown reason", c);
	for (int k = 0; k < 2; k++) {
		const ehcp_sen2_placement *pl = &p->placements[k];
		if (!pl->present)
			continue;
		static const char *const names[] = {"urn", "ukprn", "setting", "res", "wbp"};
		const char *vals[] = {pl->urn, pl->ukprn, pl->setting, pl->res, pl->wbp};
		static const char *const items[] = {"URN", "UKPRN", "SENSetting", "Res", "WBP"};
		for (size_t i = 0; i < COUNT(names); i++)
			if (*vals[i] && ehcp_sen2_item_check(names[i], vals[i]) < 0)
				add(fd, "P08", EHCP_SEN2_ERROR, c, items[i], "%s: placement %d %s %s", c, k + 1, items[i],
				    ehcp_error_last());
		if (!pl->setting[0])
			add(fd, "P08", EHCP_SEN2_ERROR, c, "SENSetting", "%s: placement %d has no SENSetting", c, k + 1);
		if (pl->leaving != EHCP_DATE_NONE && pl->entry != EHCP_DATE_NONE && pl->leaving < pl->entry)
			add(fd, "P08", EHCP_SEN2_ERROR, c, "LeavingDate", "%s: placement %d LeavingDate is before its EntryDate",
			    c, k + 1);
	}
	for (int k = 0; k < 2; k++)
		if (p->sen_need[k][0] && ehcp_sen2_item_check(k ? "sen_need2" : "sen_need1", p->sen_need[k]) < 0)
			add(fd, "P09", EHCP_SEN2_ERROR, c, "SENtype", "%s: SEN need %d %s", c, k + 1, ehcp_error_last());
}

/* The request as a message names it: its case_ref, or the plan's. */
static const char *ref_of(const ehcp_sen2_request *q) { return q->case_ref[0] ? q->case_ref : q->plan_ref; }

static void check_request(finder *fd, const ehcp_sen2 *r, const char *c, const ehcp_sen2_request *q,
                          const ehcp_sen2_person *p)
{
	const char *ref = ref_of(q);
	char a[EHCP_DATE_ISO_LEN], b[EHCP_DATE_ISO_LEN];
	/* R01: nothing dated after the period the return covers */
	const struct {
		ehcp_date d;
		const char *item;
	} dates[] = {{q->received, "ReceivedDate"},           {q->request_outcome_date, "RequestOutcomeDate"},
	             {q->assessment_outcome_date, "AssessmentOutcomeDate"}, {q->plan_start, "StartDate"},
	             {q->cease_date, "CeaseDate"},             {q->review_meeting, "ReviewMeeting"},
	             {q->last_review, "LastReview"}};
	for (size_t i = 0; i < COUNT(dates); i++)
		if (dates[i].d != EHCP_DATE_NONE && dates[i].d > r->to)
			add(fd, "R01", EHCP_SEN2_ERROR, c, dates[i].item, "%s: request %s %s %s is after the collection period (%s)",
			    c, ref, dates[i].item, ehcp_date_format_iso(a, dates[i].d), ehcp_date_format_iso(b, r->to));
	if (q->review_meeting != EHCP_DATE_NONE && q->review_meeting < r->from)
		add(fd, "R01", EHCP_SEN2_ERROR, c, "ReviewMeeting", "%s: request %s ReviewMeeting %s is before the collection period",
		    c, ref, ehcp_date_format_iso(a, q->review_meeting));
	/* R02-R04: received <= request outcome <= assessment outcome <= plan start */
	if (q->received != EHCP_DATE_NONE && q->request_outcome_date != EHCP_DATE_NONE &&
	    q->request_outcome_date < q->received)
		add(fd, "R02", EHCP_SEN2_ERROR, c, "RequestOutcomeDate", "%s: request %s RequestOutcomeDate %s is before its ReceivedDate %s",
		    c, ref, ehcp_date_format_iso(a, q->request_outcome_date), ehcp_date_format_iso(b, q->received));
	if (q->assessment && q->assessment_outcome_date != EHCP_DATE_NONE && q->request_outcome_date != EHCP_DATE_NONE &&
	    q->assessment_outcome_date < q->request_outcome_date)
		add(fd, "R03", EHCP_SEN2_ERROR, c, "AssessmentOutcomeDate",
		    "%s: request %s AssessmentOutcomeDate %s is before its RequestOutcomeDate %s", c, ref,
		    ehcp_date_format_iso(a, q->assessment_outcome_date), ehcp_date_format_iso(b, q->request_outcome_date));
	if (q->named_plan && q->plan_start != EHCP_DATE_NONE) {
		ehcp_date before = q->assessment_outcome_date != EHCP_DATE_NONE ? q->assessment_outcome_date : q->received;
		if (before != EHCP_DATE_NONE && q->plan_start < before)
			add(fd, "R04", EHCP_SEN2_ERROR, c, "StartDate", "%s: request %s StartDate %s is before %s %s", c, ref,
			    ehcp_date_format_iso(a, q->plan_start),
			    q->assessment_outcome_date != EHCP_DATE_NONE ? "its AssessmentOutcomeDate" : "its ReceivedDate",
			    ehcp_date_format_iso(b, before));
	}
	/* R05: an outcome has its date, and an outcome not yet made has none */
	const bool req_dated = q->request_outcome == 'Y' || q->request_outcome == 'N' || q->request_outcome == 'W';
	if (!strchr("YNAWH", q->request_outcome) || q->request_outcome == '\0')
		add(fd, "R05", EHCP_SEN2_ERROR, c, "RequestOutcome", "%s: request %s RequestOutcome is not Y, N, A, W or H", c, ref);
	else if (req_dated != (q->request_outcome_date != EHCP_DATE_NONE))
		add(fd, "R05", EHCP_SEN2_ERROR, c, "RequestOutcomeDate", "%s: request %s RequestOutcome %c %s a RequestOutcomeDate",
		    c, ref, q->request_outcome, req_dated ? "needs" : "cannot have");
	if (q->request_outcome != 'H' && q->received == EHCP_DATE_NONE)
		add(fd, "R05", EHCP_SEN2_ERROR, c, "ReceivedDate", "%s: request %s has no ReceivedDate", c, ref);
	if (q->assessment) {
		const bool ass_dated = q->assessment_outcome == 'Y' || q->assessment_outcome == 'N' || q->assessment_outcome == 'W';
		if (!strchr("YNAWH", q->assessment_outcome) || q->assessment_outcome == '\0')
			add(fd, "R05", EHCP_SEN2_ERROR, c, "AssessmentOutcome", "%s: request %s AssessmentOutcome is not Y, N, A, W or H",
			    c, ref);
		else if (ass_dated != (q->assessment_outcome_date != EHCP_DATE_NONE))
			add(fd, "R05", EHCP_SEN2_ERROR, c, "AssessmentOutcomeDate",
			    "%s: request %s AssessmentOutcome %c %s an AssessmentOutcomeDate", c, ref, q->assessment_outcome,
			    ass_dated ? "needs" : "cannot have");
	}
	/* R06, R07: an assessment exactly when the council proceeded (or a
	 * tribunal ordered it); an 'H' request is a plan's, assessed before */
	if (q->request_outcome == 'Y' && !q->assessment)
		add(fd, "R06", EHCP_SEN2_ERROR, c, "Assessment", "%s: request %s RequestOutcome Y has no Assessment", c, ref);
	if (q->assessment && q->request_outcome != 'Y' && q->request_outcome != 'H' &&
	    !(q->request_outcome == 'N' && q->request_tribunal))
		add(fd, "R07", EHCP_SEN2_ERROR, c, "Assessment", "%s: request %s has an Assessment but RequestOutcome %c", c,
		    ref, q->request_outcome ? q->request_outcome : '-');
	/* R08: a plan needs AssessmentOutcome Y (or N overturned at tribunal, or H) */
	if (q->named_plan && !(q->assessment && (q->assessment_outcome == 'Y' || q->assessment_outcome == 'H' ||
	                                         (q->assessment_outcome == 'N' && q->assessment_tribunal))))
		add(fd, "R08", EHCP_SEN2_ERROR, c, "NamedPlan", "%s: request %s has a NamedPlan without AssessmentOutcome Y",
		    c, ref);
	/* R09: a plan after 20 weeks with no exception, where DfE counts it */
	const bool mt = q->request_mediation || q->request_tribunal || q->assessment_mediation || q->assessment_tribunal;
	if (q->named_plan && q->request_outcome != 'H' && q->received != EHCP_DATE_NONE && q->plan_start != EHCP_DATE_NONE &&
	    q->plan_start > q->received + EHCP_DAYS_FINAL && !q->week20 && !mt)
		add(fd, "R09", EHCP_SEN2_QUERY, c, "Week20",
		    "%s: request %s StartDate %s is %d weeks after ReceivedDate with no Week20 exception", c, ref,
		    ehcp_date_format_iso(a, q->plan_start), (q->plan_start - q->received) / 7);
	/* R10: a cease has its date and reason, after the plan started */
	if ((q->cease_date != EHCP_DATE_NONE) != (q->cease_reason != EHCP_CEASE_NONE))
		add(fd, "R10", EHCP_SEN2_ERROR, c, "CeaseReason", "%s: request %s CeaseDate and CeaseReason come together", c, ref);
	if (q->named_plan && q->cease_date != EHCP_DATE_NONE && q->plan_start != EHCP_DATE_NONE && q->cease_date < q->plan_start)
		add(fd, "R10", EHCP_SEN2_ERROR, c, "CeaseDate", "%s: request %s CeaseDate %s is before its StartDate", c, ref,
		    ehcp_date_format_iso(a, q->cease_date));
	/* R11: a child who moved away: where to (Exported) */
	if (q->moved_away && p && !p->exported_la[0])
		add(fd, "R11", EHCP_SEN2_QUERY, c, "Exported", "%s: request %s ended as the child moved away, and no exported_la says where to",
		    c, ref);
	/* R12: received after the child was born */
	if (p && p->birth != EHCP_DATE_NONE && q->received != EHCP_DATE_NONE && q->received < p->birth)
		add(fd, "R12", EHCP_SEN2_ERROR, c, "ReceivedDate", "%s: request %s ReceivedDate is before PersonBirthDate", c, ref);
	/* P10: the persons file and ehcp disagree on the date of birth */
	if (p && p->birth != EHCP_DATE_NONE && q->tracker_birth != EHCP_DATE_NONE && q->tracker_birth != p->birth)
		add(fd, "P10", EHCP_SEN2_QUERY, c, "PersonBirthDate",
		    "%s: request %s PersonBirthDate differs from the date of birth ehcp holds", c, ref);
	/* A01-A04: active plans */
	if (q->named_plan && p && !p->placements[0].present && !p->placements[1].present)
		add(fd, "A03", EHCP_SEN2_ERROR, c, "PlanDetail", "%s: request %s has a NamedPlan and no placement (PlanDetail)",
		    c, ref);
	if (q->active) {
		/* A01: reviewed within 12 months (the day before the anniversary of
		 * the plan's start or its last review, as ehcp's review clock) */
		ehcp_date since = q->last_review != EHCP_DATE_NONE ? q->last_review : q->plan_start;
		if (since != EHCP_DATE_NONE && ehcp_review_year_end(since) < r->to)
			add(fd, "A01", EHCP_SEN2_QUERY, c, "LastReview", "%s: plan %s has had no review in 12 months (last %s %s)",
			    c, q->plan_ref[0] ? q->plan_ref : ref, q->last_review != EHCP_DATE_NONE ? "review" : "started",
			    ehcp_date_format_iso(a, since));
		if (q->transferred_in && p && !p->transfer_la[0])
			add(fd, "A02", EHCP_SEN2_QUERY, c, "TransferLA", "%s: plan %s transferred in and no transfer_la says from where",
			    c, q->plan_ref[0] ? q->plan_ref : ref);
		if (p) {
			bool any = false;
			for (int k = 0; k < 2; k++) {
				if (!p->placements[k].present)
					continue;
				any = true;
				if (p->placements[k].entry == EHCP_DATE_NONE)
					add(fd, "A03", EHCP_SEN2_ERROR, c, "EntryDate", "%s: plan %s placement %d has no EntryDate", c,
					    q->plan_ref[0] ? q->plan_ref : ref, k + 1);
			}
			if (!any)
				add(fd, "A03", EHCP_SEN2_ERROR, c, "PlacementDetail", "%s: plan %s is active and has no placement (PlacementDetail)",
				    c, q->plan_ref[0] ? q->plan_ref : ref);
			if (!p->sen_need[0][0] && !p->sen_need[1][0])
				add(fd, "A04", EHCP_SEN2_ERROR, c, "SENneed", "%s: plan %s is active and has no SEN need (SENneed)", c,
				    q->plan_ref[0] ? q->plan_ref : ref);
		}
	}
}

int ehcp_sen2_check(ehcp_sen2_findings **out, const ehcp_sen2 *r, const ehcp_sen2_persons *persons)
{
	if (!out || !r)
		return ehcp_fail(EHCP_EINVALID, "checks need somewhere to go and a return");
	*out = NULL;
	finder fd = {calloc(1, sizeof *fd.f), 0, 0};
	if (!fd.f)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	for (size_t i = 0; i < r->nunreferenced; i++)
		add(&fd, "P00", EHCP_SEN2_ERROR, "", "Person", "request or plan %s has no child_ref, so no Person to return",
		    r->unreferenced[i]);
	for (size_t i = 0; i < r->nchildren && !fd.err; i++) {
		const ehcp_sen2_child *ch = &r->children[i];
		const ehcp_sen2_person *p = persons ? ehcp_sen2_persons_find(persons, ch->child_ref) : NULL;
		if (persons && !p) {
			add(&fd, "P00", EHCP_SEN2_ERROR, ch->child_ref, "Person", "%s: no row in the persons file", ch->child_ref);
			fd.f->missing++;
		}
		if (p) {
			size_t first = fd.f->n;
			check_person(&fd, p);
			/* the persons file's problems say where to look in it */
			for (size_t k = first; k < fd.f->n && p->line; k++) {
				ehcp_sen2_finding *x = &fd.f->items[k];
				size_t len = strlen(x->message);
				snprintf(x->message + len, sizeof x->message - len, " (persons file line %llu)",
				         (unsigned long long)p->line);
			}
		}
		for (size_t k = 0; k < ch->nrequests; k++)
			check_request(&fd, r, ch->child_ref, &ch->requests[k], p);
	}
	if (fd.err) {
		ehcp_sen2_findings_free(fd.f);
		return fd.err;
	}
	*out = fd.f;
	return 0;
}

void ehcp_sen2_findings_free(ehcp_sen2_findings *f)
{
	if (!f)
		return;
	free(f->items);
	free(f);
}
