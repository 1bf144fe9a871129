/* plans.csv and reviews.csv import and export against a real PostgreSQL. */
#include "dbtest.h"
#include "ehcp/register.h"

static ehcp_store *store;
static ehcp_import_options opts = EHCP_IMPORT_OPTIONS_INIT;
static ehcp_import_result rp, rr;

#define PH "plan_ref,child_ref,date_of_birth,caseworker,case_ref,plan_start_date,transferred_in_date," \
           "year_group_offset,next_transfer_date,next_transfer_to,ceased_date,cease_reason\n"
#define RH "plan_ref,meeting_date,invitations_date,report_date,decision,decision_date," \
           "amendments_proposed_date,amended_plan_date\n"

/* Either text may be NULL (no such file). */
static int import_with(const char *plans, const char *reviews, const ehcp_import_options *o)
{
	FILE *p = plans ? fmemopen((void *)plans, strlen(plans), "r") : NULL;
	FILE *r = reviews ? fmemopen((void *)reviews, strlen(reviews), "r") : NULL;
	int rc = ehcp_register_import(&rp, &rr, store, p, r, o);
	if (p)
		fclose(p);
	if (r)
		fclose(r);
	return rc;
}
#define IMPORT(p, r) import_with(p, r, &opts)

static char *export_text(bool plans)
{
	ehcp_sink *sink = NULL;
	if (ehcp_sink_buffer(&sink) < 0 ||
	    (plans ? ehcp_register_export_plans(sink, store) : ehcp_register_export_reviews(sink, store)) < 0)
		fprintf(stderr, "export: %s\n", ehcp_error_last());
	char *buf = strdup(sink ? ehcp_sink_data(sink, NULL) : "");
	ehcp_sink_free(sink);
	return buf;
}

/* Every plan, review and request and the history's length: equal before
 * and after a refused import shows nothing changed. */
static char *digest(void)
{
	return strdup(dbtest_value(ehcp_store_conn(store),
	    "SELECT md5(coalesce((SELECT string_agg(p::text, '|' ORDER BY plan_ref) FROM ehcp_plan p), '')"
	    " || coalesce((SELECT string_agg(r::text, '|' ORDER BY plan_id, meeting_date) FROM ehcp_review r), ''))"
	    " || ':' || (SELECT count(*) FROM ehcp_plan_history) || ':' || (SELECT count(*) FROM ehcp_request)"));
}

static const char *q(const char *sql) { return dbtest_value(ehcp_store_conn(store), sql); }

/* Every field used, quoting needed in two, a negative and a positive
 * offset; already in export order (plan_ref, then meeting_date). */
static const char every_plan[] = PH
    "P-1,C-1,2015-03-04,Ann,EHC-1,2020-01-10,2021-02-01,-1,2026-09-01,school,2025-05-01,moved_la\n"
    "P-2,,,,,2019-09-02,,,,,,\n"
    "P-3,\"C,3\",2010-12-31,\"Bob \"\"B\"\"\",,2018-06-15,,2,2027-09-01,post16,,\n";
static const char every_review[] = RH
    "P-1,2021-01-08,2020-12-20,2021-01-20,amend,2021-02-01,2021-02-03,2021-03-01\n"
    "P-1,2022-01-07,,,maintain,2022-01-30,,\n"
    "P-2,2020-09-01,,,,,,\n";

static void test_round_trip(void)
{
	CHECK_INT(IMPORT(every_plan, every_review), 0);
	CHECK_INT(rp.rows, 3);
	CHECK_INT(rp.created, 3);
	CHECK_INT(rr.rows, 3);
	CHECK_INT(rr.created, 3);
	char *p = export_text(true), *r = export_text(false);
	CHECK_STR(p, every_plan);
	CHECK_STR(r, every_review);
	free(p);
	free(r);
	/* one 'created' for each plan, one 'recorded' for each review */
	CHECK_STR(q("SELECT count(*) FILTER (WHERE action = 'created') || ' ' || count(*) FILTER (WHERE action = 'recorded')"
	            " FROM ehcp_plan_history"),
	          "3 3");
	CHECK_STR(q("SELECT year_group_offset FROM ehcp_plan WHERE plan_ref = 'P-2'"), "0");
}

static void test_bad_rows(void)
{
	char *before = digest();
	/* today is 2025-06-30 (opts.today) */
	const char *plans = PH
	    "N-1,,,,,2025-07-01,,,,,,\n"               /* 2: in the future */
	    "N-2,,,,,2023-02-29,,,,,,\n"               /* 3: no such day */
	    "N-3,,,,,2024-01-01,,,,,2025-01-01,\n"     /* 4: ceased without a reason */
	    "P-2,,,,,2019-09-02,,,,,,\n"               /* 5: stored, no --update */
	    "N-4,,,,,2024-01-01,,,,,,\n"               /* 6: good */
	    "N-4,,,,,2024-01-02,,,,,,\n"               /* 7: plan_ref twice */
	    "N-5,,,,EHC-1,2024-01-01,,,,,,\n"          /* 8: P-1's case_ref */
	    "N-6,,,,,2024-01-01,,9,,,,\n"              /* 9: offset out of range */
	    "N-7,,,,,2024-01-01,,,,post16,,\n"         /* 10: a setting without its date */
	    "N-8,,,,,2024-01-01,,,,,,\n"               /* 11: good */
	    "N-9,,,,,2023-01-01,,,,,2024-01-01,other\n"; /* 12: good, ceased */
	const char *reviews = RH
	    "NOPE,2024-05-01,,,,,,\n"                              /* 2: no such plan */
	    "N-3,2024-05-01,,,,,,\n"                               /* 3: its plan's row refused */
	    "N-8,2023-12-01,,,,,,\n"                               /* 4: before N-8 started */
	    "N-8,2024-06-01,,,,,,\n"                               /* 5: good */
	    "N-8,2024-06-01,,,,,,\n"                               /* 6: the same meeting again */
	    "N-8,2024-07-01,,2024-06-30,,,,\n"                     /* 7: report before the meeting */
	    "N-8,2024-08-01,,,maintain,2024-07-31,,\n"             /* 8: decision before the meeting */
	    "N-8,2024-09-01,,,maintain,2024-09-10,,2024-10-01\n"   /* 9: amended without amend */
	    "N-8,2024-10-01,,,amend,2024-10-10,2024-11-01,2024-10-20\n" /* 10: amended before proposals */
	    "N-9,2024-02-01,,,,,,\n"                               /* 11: after N-9 ceased */
	    "P-1,2021-01-08,,,,,,\n"                               /* 12: stored, no --update */
	    "P-2,2025-07-01,,,,,,\n"                               /* 13: in the future */
	    "P-3,2024-03-01,,,cease,,,\n"                          /* 14: a decision without its date */
	    "N-8,2024-11-01,,,,,,\n"                               /* 15: good */
	    "N-8,31/02/2024,,,,,,\n";                              /* 16: no such day */
	CHECK_INT(IMPORT(plans, reviews), EHCP_EINVALID);
	/* plans 2,3,4,5,7,8,9,10 and reviews 2,3,4,6,7,8,9,10,11,12,13,14,16 */
	CHECK_INT(rp.bad_rows, 8);
	CHECK_INT(rr.bad_rows, 13);
	CHECK_INT(rp.rows, 11);
	CHECK_INT(rr.rows, 15);
	CHECK_STR(ehcp_error_last(),
	          "21 bad rows; nothing was imported:\n"
	          "plans line 2, plan_start_date: 2025-07-01 is in the future\n"
	          "plans line 3, plan_start_date: \"2023-02-29\": 2023 is not a leap year, so February has 28 days\n"
	          "plans line 4, cease_reason: required with ceased_date\n"
	          "plans line 5, plan_ref: the plan exists already (import with --update to change it)\n"
	          "plans line 7, plan_ref: the same plan_ref as line 6\n"
	          "plans line 8, case_ref: another plan in the register has this case_ref\n"
	          "plans line 9, year_group_offset: \"9\" is not a whole number from -3 to 3\n"
	          "plans line 10, next_transfer_to: given without next_transfer_date\n"
	          "reviews line 2, plan_ref: no such plan in the register or in plans.csv\n"
	          "reviews line 3, plan_ref: the plan's row is refused (plans line 4)\n"
	          "reviews line 4, meeting_date: 2023-12-01 is before the plan started (2024-01-01)\n"
	          "reviews line 6, meeting_date: the same plan_ref and meeting_date as line 5\n"
	          "reviews line 7, report_date: 2024-06-30 is before the meeting\n"
	          "reviews line 8, decision_date: 2024-07-31 is before the meeting\n"
	          "reviews line 9, amended_plan_date: an amended plan needs the decision to amend\n"
	          "reviews line 10, amended_plan_date: 2024-10-20 is before the proposed amendments (2024-11-01)\n"
	          "reviews line 11, meeting_date: the plan ceased on 2024-01-01, before the meeting\n"
	          "reviews line 12, meeting_date: the plan has a review that day already (import with --update to change it)\n"
	          "reviews line 13, meeting_date: 2025-07-01 is in the future\n"
	          "reviews line 14, decision_date: a decision needs its date\n"
	          "reviews line 16, meeting_date: \"31/02/2024\": February 2024 has 29 days");
	char *after = digest();
	CHECK_STR(after, before);
	free(after);

	/* max_errors: the first two listed, the rest counted */
	ehcp_import_options few = opts;
	few.max_errors = 2;
	CHECK_INT(import_with(plans, reviews, &few), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "plans line 3, plan_start_date:");
	CHECK_HAS(ehcp_error_last(), "\n... and 19 more problems");

	/* headers: both files' problems together */
	CHECK_INT(IMPORT("plan_ref,plan_start_date,colour\nX,2024-01-01,red\n", "plan_ref,decision\nX,maintain\n"),
	          EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "plans line 1: unknown column \"colour\" (column 3)\n"
	                             "reviews line 1: the required column meeting_date is missing");
	CHECK_INT(IMPORT("", NULL), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "plans: the file is empty: expected a header row naming the columns");
	CHECK_INT(IMPORT(NULL, RH "P-1,2024-01-01\n"), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "1 bad row; nothing was imported:\nreviews line 2: 2 fields, but the header has 8");
	after = digest();
	CHECK_STR(after, before);
	free(after);
	free(before);
}

static void test_update_and_dry_run(void)
{
	ehcp_import_options up = opts;
	up.update = true;
	/* P-2 moved to start after its stored review: the stored review is
	 * named against the plans row that moved it. */
	char *before = digest();
	CHECK_INT(import_with(PH "P-2,,,,,2020-10-01,,,,,,\n", NULL, &up), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "1 bad row; nothing was imported:\n"
	                             "plans line 2, review 2020-09-01 meeting_date: 2020-09-01 is before the plan started "
	                             "(2020-10-01)");
	char *after = digest();
	CHECK_STR(after, before);
	free(after);

	/* A dry run checks and counts, and writes nothing. */
	ehcp_import_options dry = up;
	dry.dry_run = true;
	CHECK_INT(import_with(PH "P-2,,,Cy,,2019-09-02,,,,,,\nP-9,,,,,2024-01-01,,,,,,\n", RH "P-9,2024-06-01,,,,,,\n", &dry), 0);
	CHECK_INT(rp.created, 1);
	CHECK_INT(rp.updated, 1);
	CHECK_INT(rr.created, 1);
	after = digest();
	CHECK_STR(after, before);
	free(after);
	free(before);

	/* The update itself: P-2 gains a caseworker, P-3 is unchanged, and
	 * P-1's second review becomes an amendment; a review joins stored P-2. */
	CHECK_INT(import_with(PH "P-2,,,Cy,,2019-09-02,,,,,,\n"
	                         "P-3,\"C,3\",2010-12-31,\"Bob \"\"B\"\"\",,2018-06-15,,2,2027-09-01,post16,,\n",
	                      RH "P-1,2022-01-07,,,amend,2022-01-30,2022-02-01,\nP-2,2021-08-31,,,,,,\n", &up),
	          0);
	CHECK_INT(rp.updated, 1);
	CHECK_INT(rp.unchanged, 1);
	CHECK_INT(rp.created, 0);
	CHECK_INT(rr.updated, 1);
	CHECK_INT(rr.created, 1);
	CHECK_STR(q("SELECT caseworker || ' ' || version FROM ehcp_plan WHERE plan_ref = 'P-2'"), "Cy 2");
	CHECK_STR(q("SELECT version FROM ehcp_plan WHERE plan_ref = 'P-3'"), "1");
	CHECK_STR(q("SELECT string_agg(action || ' ' || field || ' ' || coalesce(old_value, '-') || ' ' || new_value, '; '"
	            " ORDER BY id) FROM ehcp_plan_history WHERE id > (SELECT max(id) - 4 FROM ehcp_plan_history)"),
	          "recorded caseworker - Cy; corrected review 2022-01-07 decision maintain amend; "
	          "recorded review 2022-01-07 amendments_proposed_date - 2022-02-01; "
	          "recorded review 2021-08-31 - (2021-08-31,,,,,,)");
	/* without --update the same rows are duplicates */
	CHECK_INT(IMPORT(NULL, RH "P-2,2021-08-31,,,,,,\n"), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "reviews line 2, meeting_date: the plan has a review that day already");
}

/* A final plan on an initial request makes its plan (plan_ref = case_ref,
 * started on the final plan's day), which reviews may then name. */
static void test_tracker_plan(void)
{
	const char *tracker = "case_ref,request_date,assessment_decision,assessment_decision_date,draft_plan_date,"
	                      "final_plan_date,caseworker\n"
	                      "T-1,2023-01-09,assess,2023-02-13,2023-05-15,2023-06-01,A\n";
	FILE *f = fmemopen((void *)tracker, strlen(tracker), "r");
	ehcp_import_result r;
	CHECK_INT(ehcp_tracker_import(&r, store, f, &opts), 0);
	fclose(f);
	CHECK_STR(q("SELECT plan_ref || ' ' || case_ref || ' ' || plan_start_date FROM ehcp_plan WHERE case_ref = 'T-1'"),
	          "T-1 T-1 2023-06-01");
	/* a meeting before the final plan is refused against the made plan */
	CHECK_INT(IMPORT(NULL, RH "T-1,2023-05-31,,,,,,\n"), EHCP_EINVALID);
	CHECK_HAS(ehcp_error_last(), "reviews line 2, meeting_date: 2023-05-31 is before the plan started (2023-06-01)");
	CHECK_INT(IMPORT(NULL, RH "T-1,2024-05-20,2024-05-01,2024-05-30,maintain,2024-06-10,,\n"), 0);
	CHECK_INT(rr.created, 1);
	CHECK_STR(q("SELECT r.decision FROM ehcp_review r JOIN ehcp_plan p ON p.id = r.plan_id WHERE p.plan_ref = 'T-1'"),
	          "maintain");
	/* a header alone imports nothing, and is not an error (an empty register exports so) */
	CHECK_INT(IMPORT(PH, RH), 0);
	CHECK_INT(rp.rows + rr.rows + rp.created + rr.created, 0);
}

/* The three files at once: all or nothing, and progress that never goes
 * back (each file's rows and bytes follow the last's). */
static uint64_t seen_rows, seen_bytes, calls;
static bool went_back;
static void progress(void *ctx, uint64_t rows, uint64_t bytes)
{
	(void)ctx;
	went_back = went_back || rows < seen_rows || bytes < seen_bytes;
	seen_rows = rows;
	seen_bytes = bytes;
	calls++;
}

static void test_three_files(void)
{
	const char *tracker = "case_ref,request_date,assessment_decision,assessment_decision_date,final_plan_date\n"
	                      "T-3,2023-01-09,assess,2023-02-13,2023-06-01\n";
	const char *plans = PH "P-3A,,,,,2022-01-10,,,,,,\n";
	const char *reviews = RH "T-3,2024-05-20,,,,,,\nP-3A,2023-01-05,,,,,,\n";
	FILE *t = fmemopen((void *)tracker, strlen(tracker), "r"), *p = fmemopen((void *)plans, strlen(plans), "r"),
	     *r = fmemopen((void *)reviews, strlen(reviews), "r");
	ehcp_import_options o = opts;
	o.progress = progress;
	ehcp_import_result rc;
	CHECK_INT(ehcp_import_files(&rc, &rp, &rr, store, t, p, r, &o), 0);
	fclose(t);
	fclose(p);
	fclose(r);
	CHECK_INT(rc.created, 1);
	CHECK_INT(rp.created, 1);
	CHECK_INT(rr.created, 2);
	CHECK(!went_back);
	CHECK(calls >= 3);
	/* 1 + 1 + 2 data rows, and every byte of the three files */
	CHECK_INT(seen_rows, 4);
	CHECK_INT(seen_bytes, strlen(tracker) + strlen(plans) + strlen(reviews));
}

/* Every bad row is named, however many one plan has (more than the last
 * error's 8 KB could hold as one list). */
static void test_many_bad_reviews(void)
{
	enum { N = 150 };
	char *reviews = malloc(64 * (N + 2));
	size_t at = (size_t)sprintf(reviews, "%s", RH);
	for (int i = 0; i < N; i++) {
		/* meetings on successive days of 2021-22, each report the day before its meeting */
		ehcp_date m = EHCP_DATE_NONE;
		CHECK_INT(ehcp_date_parse_iso(&m, "2021-01-10", 10, NULL, 0), 0);
		char md[16], rd[16];
		ehcp_date_format_iso(md, m + i);
		ehcp_date_format_iso(rd, m + i - 1);
		at += (size_t)sprintf(reviews + at, "P-MANY,%s,,%s,,,,\n", md, rd);
	}
	char *before = digest();
	CHECK_INT(IMPORT(PH "P-MANY,,,,,2020-01-06,,,,,,\n", reviews), EHCP_EINVALID);
	CHECK_INT(rr.bad_rows, N);
	CHECK_HAS(ehcp_error_last(), "reviews line 2, report_date: 2021-01-09 is before the meeting");
	CHECK_HAS(ehcp_error_last(), "reviews line 151, report_date: 2021-06-07 is before the meeting");
	char *after = digest();
	CHECK_STR(after, before);
	free(before);
	free(after);
	free(reviews);
}

int main(void)
{
	store = dbtest_store("register_import", "importer");
	CHECK_INT(ehcp_date_parse_iso(&opts.today, "2025-06-30", 10, NULL, 0), 0);
	test_round_trip();
	test_bad_rows();
	test_update_and_dry_run();
	test_tracker_plan();
	test_three_files();
	test_many_bad_reviews();
	ehcp_store_free(store);
	dbtest_drop();
	return harness_finish("register_import");
}
