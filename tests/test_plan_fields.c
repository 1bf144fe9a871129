/* The plan's and review's fields by name (src/core/plan_fields.c): each
 * field parsed and given back, bad values refused naming the field, and
 * ehcp_plan_validate's messages. */
#include "core/plan_internal.h"
#include "ehcp/ehcp.h"
#include "harness.h"

static ehcp_date d(const char *iso)
{
	ehcp_date out = EHCP_DATE_NONE;
	CHECK_INT(ehcp_date_parse_iso(&out, iso, strlen(iso), NULL, 0), 0);
	return out;
}

static int set(ehcp_plan *p, const char *f, const char *v) { return ehcp_plan_set_field(p, f, v, strlen(v)); }
static int rset(ehcp_review_dates *r, const char *f, const char *v) { return ehcp_review_set_field(r, f, v, strlen(v)); }

static void test_plan_fields(void)
{
	ehcp_plan *p;
	CHECK_INT(ehcp_plan_new(&p), 0);
	char buf[EHCP_FIELD_TEXT_MAX];
	/* each field: given (with stray spaces, or DD/MM/YYYY), then back as export writes it */
	const char *in[][3] = {
	    {"plan_ref", " P-1 ", "P-1"}, {"child_ref", "C-1", "C-1"}, {"date_of_birth", "04/03/2015", "2015-03-04"},
	    {"caseworker", "Ann", "Ann"}, {"case_ref", "EHC-1", "EHC-1"}, {"plan_start_date", "2020-01-10", "2020-01-10"},
	    {"transferred_in_date", "01/02/2021", "2021-02-01"}, {"year_group_offset", "-1", "-1"},
	    {"next_transfer_date", "2026-09-01", "2026-09-01"}, {"next_transfer_to", "post16", "post16"},
	    {"ceased_date", "2025-05-01", "2025-05-01"}, {"cease_reason", "left_england", "left_england"},
	};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		CHECK_INT(set(p, in[i][0], in[i][1]), 0);
		CHECK_STR(ehcp_plan_get_field(p, in[i][0], buf), in[i][2]);
	}
	CHECK_INT(p->dates.year_offset, -1);
	CHECK(p->dates.local_post16 && p->next_transfer_set);
	CHECK_INT(p->cease_reason, EHCP_CEASE_LEFT_ENGLAND); /* SEN2 CeaseReason 7 */
	CHECK_INT(EHCP_CEASE_LEFT_ENGLAND, 7);
	CHECK_INT(p->dates.date_of_birth, d("2015-03-04"));
	CHECK_INT(ehcp_plan_validate(p, d("2025-06-30")), 0);
	/* offset 0 and "+2" */
	CHECK_INT(set(p, "year_group_offset", "0"), 0);
	CHECK_STR(ehcp_plan_get_field(p, "year_group_offset", buf), "");
	CHECK_INT(set(p, "year_group_offset", "+2"), 0);
	CHECK_INT(p->dates.year_offset, 2);
	CHECK_INT(set(p, "next_transfer_to", "school"), 0);
	CHECK_STR(ehcp_plan_get_field(p, "next_transfer_to", buf), "school");
	/* "" clears */
	CHECK_INT(set(p, "ceased_date", ""), 0);
	CHECK_INT(p->dates.ceased, EHCP_DATE_NONE);
	CHECK_INT(set(p, "cease_reason", ""), 0);
	CHECK_INT(p->cease_reason, EHCP_CEASE_NONE);

	/* bad values, each naming its field */
	CHECK_INT(set(p, "plan_ref", "  "), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "plan_ref: required");
	CHECK_INT(set(p, "year_group_offset", "4"), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "year_group_offset: \"4\" is not a whole number from -3 to 3");
	CHECK_INT(set(p, "year_group_offset", "1.5"), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "year_group_offset: \"1.5\" is not a whole number from -3 to 3");
	CHECK_INT(set(p, "next_transfer_to", "college"), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "next_transfer_to: \"college\" is not one of school, post16");
	CHECK_INT(set(p, "cease_reason", "bored"), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "cease_reason: \"bored\" is not one of max_age, needs_met, higher_education, "
	                             "employment, moved_la, no_engagement, left_england, deceased, other");
	CHECK_INT(ehcp_plan_set_field(p, "cease_reason", "other\0x", 7), EHCP_EINVALID); /* a NUL is not "other" */
	CHECK_INT(set(p, "plan_start_date", "2023-02-29"), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "plan_start_date: \"2023-02-29\": 2023 is not a leap year");
	CHECK_INT(set(p, "colour", "red"), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "unknown plan field \"colour\"");
	CHECK_INT(ehcp_plan_field_index("cease_reason"), 11);
	CHECK_INT(ehcp_review_field_index("amended_plan_date"), 6);
	CHECK_INT(ehcp_plan_field_index("meeting_date"), -1);
	ehcp_plan_free(p);
}

static void test_review_fields(void)
{
	ehcp_review_dates r = EHCP_REVIEW_DATES_INIT;
	char buf[EHCP_FIELD_TEXT_MAX];
	CHECK_INT(rset(&r, "meeting_date", "08/01/2021"), 0);
	CHECK_STR(ehcp_review_get_field(&r, "meeting_date", buf), "2021-01-08");
	CHECK_INT(rset(&r, "decision", " amend "), 0);
	CHECK_STR(ehcp_review_get_field(&r, "decision", buf), "amend");
	CHECK_INT(rset(&r, "decision", "keep"), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "decision: \"keep\" is not one of maintain, amend, cease");
	CHECK_INT(rset(&r, "meeting_date", ""), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "meeting_date: required");
	CHECK_INT(rset(&r, "report_date", "2021-13-01"), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "report_date: ");
	CHECK_INT(rset(&r, "decision", ""), 0);
	CHECK_INT(r.decision, EHCP_REVIEW_DECISION_NONE);
}

static void test_validate(void)
{
	ehcp_plan *p;
	CHECK_INT(ehcp_plan_new(&p), 0);
	const ehcp_date today = d("2025-06-30");
	CHECK_INT(ehcp_plan_validate(p, today), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "plan_ref: required\nplan_start_date: required");
	CHECK_INT(set(p, "plan_ref", "P-1"), 0);
	CHECK_INT(set(p, "plan_start_date", "2020-01-10"), 0);
	CHECK_INT(set(p, "date_of_birth", "2020-01-11"), 0);
	CHECK_INT(set(p, "transferred_in_date", "2020-01-09"), 0);
	CHECK_INT(set(p, "ceased_date", "2025-07-01"), 0);
	CHECK_INT(set(p, "next_transfer_date", "2019-01-01"), 0);
	CHECK_INT(ehcp_plan_validate(p, today), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "ceased_date: 2025-07-01 is in the future\n"
	                             "date_of_birth: after plan_start_date (2020-01-10)\n"
	                             "transferred_in_date: 2020-01-09 is before plan_start_date (2020-01-10)\n"
	                             "next_transfer_date: 2019-01-01 is not after date_of_birth\n"
	                             "next_transfer_to: required with next_transfer_date (school or post16)\n"
	                             "cease_reason: required with ceased_date");
	/* a child's date of birth is never echoed, not even a bad one */
	CHECK_INT(set(p, "date_of_birth", "31/02/2015"), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "date_of_birth: not a date (YYYY-MM-DD or DD/MM/YYYY)");
	CHECK_INT(set(p, "date_of_birth", "2030-01-01"), 0);
	CHECK_INT(ehcp_plan_validate(p, today), EHCP_EINVALID);
	CHECK(strstr(ehcp_error_last(), "date_of_birth: in the future") != NULL);
	CHECK(strstr(ehcp_error_last(), "2030") == NULL);
	ehcp_plan_reset(p);
	CHECK_INT(set(p, "plan_ref", "P-1"), 0);
	CHECK_INT(set(p, "plan_start_date", "2020-01-10"), 0);
	CHECK_INT(set(p, "ceased_date", "2024-01-01"), 0);
	CHECK_INT(set(p, "cease_reason", "other"), 0);
	/* reviews kept in meeting order whatever order they come in, and a day only once */
	const char *rows[][7] = {
	    {"2023-01-05", "", "", "maintain", "", "2023-01-20", ""},     /* a decision without its date; proposals with maintain */
	    {"2021-01-08", "2021-01-09", "2021-01-07", "", "", "", "2021-02-01"}, /* invitations after, report before; amended without amend */
	    {"2024-02-01", "", "", "amend", "2024-02-05", "2024-03-01", "2024-02-20"}, /* after the cease; amended before proposals */
	};
	for (size_t i = 0; i < 3; i++) {
		ehcp_review_dates r = EHCP_REVIEW_DATES_INIT;
		for (int f = 0; f < EHCP_REVIEW_FIELD_COUNT; f++)
			CHECK_INT(ehcp_review_set_field_at(&r, f, rows[i][f], strlen(rows[i][f])), 0);
		CHECK_INT(ehcp_plan_add_review(p, &r), 0);
	}
	CHECK_INT(p->review_count, 3);
	CHECK_INT(p->reviews[0].meeting, d("2021-01-08"));
	CHECK_INT(p->reviews[2].meeting, d("2024-02-01"));
	ehcp_review_dates again = EHCP_REVIEW_DATES_INIT;
	again.meeting = d("2023-01-05");
	CHECK_INT(ehcp_plan_add_review(p, &again), EHCP_ECONFLICT);
	CHECK_STR(ehcp_error_last(), "plan P-1 has a review on 2023-01-05 already");
	CHECK_INT(ehcp_plan_validate(p, today), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(),
	          "review 2021-01-08 invitations_date: 2021-01-09 is after the meeting\n"
	          "review 2021-01-08 report_date: 2021-01-07 is before the meeting\n"
	          "review 2021-01-08 amended_plan_date: an amended plan needs the decision to amend\n"
	          "review 2023-01-05 decision_date: a decision needs its date\n"
	          "review 2023-01-05 amendments_proposed_date: amendments are proposed only with the decision to amend\n"
	          "review 2024-02-01 meeting_date: the plan ceased on 2024-01-01, before the meeting\n"
	          "review 2024-02-01 amended_plan_date: 2024-02-20 is before the proposed amendments (2024-03-01)");
	/* many reviews: the array grows as they come (in any order) */
	ehcp_plan_reset(p);
	CHECK_INT(set(p, "plan_ref", "P-2"), 0);
	CHECK_INT(set(p, "plan_start_date", "2000-01-01"), 0);
	for (int i = 0; i < 100; i++) {
		ehcp_review_dates r = EHCP_REVIEW_DATES_INIT;
		r.meeting = d("2000-01-01") + (ehcp_date)((i * 37) % 100) * 30;
		CHECK_INT(ehcp_plan_add_review(p, &r), 0);
	}
	for (size_t i = 1; i < p->review_count; i++)
		CHECK(p->reviews[i - 1].meeting < p->reviews[i].meeting);
	CHECK_INT(ehcp_plan_validate(p, today), 0);
	ehcp_plan_free(p);
}

int main(void)
{
	test_plan_fields();
	test_review_fields();
	test_validate();
	return harness_finish("plan_fields");
}
