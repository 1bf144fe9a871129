/* The web pages' renderers on fixed data: exact fragments, the escaping of
 * every string a person typed, forms only for writers, messages beside their
 * fields, and the form readers (ehcp_page_*_changes) that turn a posted form
 * into the changes `ehcp case record` / `ehcp plan record` would make. */
#include <stdlib.h>
#include <string.h>

#include "ehcp/ehcp.h"
#include "harness.h"

static ehcp_date ymd(int y, int m, int d)
{
	return ehcp_date_from_ymd_unchecked(y, m, d);
}

/* RENDER(call): the page `call` writes to the sink `out`, as a string the
 * caller frees. */
static ehcp_sink *out;

static void fresh(void)
{
	ehcp_sink_free(out);
	out = NULL;
	if (ehcp_sink_buffer(&out) < 0)
		abort();
}

static char *take(int err)
{
	CHECK_INT(err, 0);
	char *r = strdup(ehcp_sink_data(out, NULL));
	ehcp_sink_free(out);
	out = NULL;
	return r;
}

#define RENDER(call) (fresh(), take(call))

/* How many times frag occurs in s. */
static int count(const char *s, const char *frag)
{
	int n = 0;
	for (const char *p = s; p && (p = strstr(p, frag)); p += strlen(frag))
		n++;
	return n;
}

/* The position of frag in s (-1 when absent), to check an order. */
static long at(const char *s, const char *frag)
{
	const char *p = s ? strstr(s, frag) : NULL;
	return p ? p - s : -1;
}

static const char evil[] = "<script>alert(\"x\")</script>";

static void no_raw_script(const char *html)
{
	/* the only script-like text is the escaped one */
	CHECK_INT(count(html, "<script"), 0);
}

static ehcp_caselist_row row(const char *ref, const char *cw, ehcp_date req, ehcp_stage stage, ehcp_status st,
                             ehcp_deadline_kind k, ehcp_date due, ehcp_date as_of)
{
	ehcp_caselist_row r;
	memset(&r, 0, sizeof r);
	snprintf(r.case_ref, sizeof r.case_ref, "%s", ref);
	snprintf(r.caseworker, sizeof r.caseworker, "%s", cw);
	r.type = EHCP_REQUEST_INITIAL;
	r.request = req;
	r.elapsed_days = as_of - req;
	r.stage = stage;
	r.status = st;
	r.due_kind = k;
	r.due = due;
	r.days_left = due == EHCP_DATE_NONE ? 0 : due - as_of;
	return r;
}

static void test_layout(void)
{
	ehcp_page_options o = EHCP_PAGE_OPTIONS_INIT;
	o.user = evil;
	o.role = EHCP_ROLE_READER;
	o.csrf = "tok\"en";
	char *h = RENDER(ehcp_page_message_format(out, &o, "No such case", "There is no case \"<b>\"."));
	CHECK_HAS(h, "<html lang=\"en-GB\">");
	CHECK_HAS(h, "<title>No such case - EHC plan deadlines</title>");
	CHECK_HAS(h, "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>");
	CHECK_HAS(h, "<main id=\"main\"");
	CHECK_HAS(h, "<nav class=\"site-nav\" aria-label=\"Main\">");
	CHECK_HAS(h, "<link rel=\"stylesheet\" href=\"/assets/ehcp.css\">");
	CHECK_HAS(h, "Signed in as <strong>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</strong> (reader)");
	CHECK_HAS(h, "<input type=\"hidden\" name=\"csrf\" value=\"tok&quot;en\">");
	CHECK_HAS(h, "There is no case &quot;&lt;b&gt;&quot;.");
	/* a reader has no admin link; an admin has */
	CHECK_INT(count(h, "href=\"/admin\""), 0);
	no_raw_script(h);
	free(h);
	o.role = EHCP_ROLE_ADMIN;
	o.assets = "assets/";
	h = RENDER(ehcp_page_message_format(out, &o, "x", "y"));
	CHECK_INT(count(h, "href=\"/admin\""), 1);
	CHECK_HAS(h, "href=\"assets/ehcp.css\"");
	free(h);
	/* the sign-in page shows nobody signed in, whatever it was given */
	h = RENDER(ehcp_page_signin_format(out, &o, "name: no such user, or the wrong password", "/cases?x=1&y=\"2\""));
	CHECK_INT(count(h, "Signed in as"), 0);
	CHECK_HAS(h, "<label for=\"name\">User name</label>");
	CHECK_HAS(h, "autocomplete=\"current-password\"");
	CHECK_HAS(h, "<p class=\"error-message\" id=\"name-error\"><span class=\"visually-hidden\">Error: </span>name: no "
	             "such user, or the wrong password</p>");
	CHECK_HAS(h, "aria-describedby=\"name-error\" aria-invalid=\"true\"");
	CHECK_HAS(h, "name=\"next\" value=\"/cases?x=1&amp;y=&quot;2&quot;\"");
	free(h);
	/* the style sheet is compiled in, whole */
	size_t len = 0;
	const char *css = ehcp_page_css(&len);
	CHECK(css != NULL);
	CHECK_INT(strlen(css), len);
	CHECK_HAS(css, ":focus-visible");
	CHECK_HAS(css, ".tag-overdue");
	/* a bad version of the options is refused */
	ehcp_page_options bad = EHCP_PAGE_OPTIONS_INIT;
	bad.version = 99;
	ehcp_sink *s = NULL;
	CHECK_INT(ehcp_sink_buffer(&s), 0);
	CHECK_INT(ehcp_page_message_format(s, &bad, "x", "y"), EHCP_EINVALID);
	ehcp_sink_free(s);
}

static void test_caselist(void)
{
	/* as of Tue 1 December 2026 */
	const ehcp_date as_of = ymd(2026, 12, 1);
	ehcp_caselist_row rows[3] = {
	    /* received 1 Sep 2026: 91 days, 13 weeks (29 + 31 + 30 + 1) */
	    row("C-1", evil, ymd(2026, 9, 1), EHCP_STAGE_ASSESSING, EHCP_STATUS_OVERDUE, EHCP_DEADLINE_HEALTH_ADVICE,
	        ymd(2026, 11, 20), as_of),
	    row("C&2", "Ann Smith", ymd(2026, 11, 2), EHCP_STAGE_AWAITING_DECISION, EHCP_STATUS_NEARING,
	        EHCP_DEADLINE_DECISION, ymd(2026, 12, 10), as_of),
	    row("A-3", "", ymd(2026, 10, 15), EHCP_STAGE_DRAFTING, EHCP_STATUS_ON_TRACK, EHCP_DEADLINE_FINAL_PLAN,
	        ymd(2027, 3, 4), as_of),
	};
	rows[2].exception = true;
	ehcp_caselist l = {as_of, false, 3, rows};
	ehcp_caseload_row lr[2] = {{"", 1, 0, 0, 47}, {"", 2, 1, 1, 91}};
	snprintf(lr[1].caseworker, sizeof lr[1].caseworker, "%s", evil);
	ehcp_caseload load = {as_of, 2, lr};
	ehcp_page_param params[] = {{"caseworker", evil}, {"status", "overdue"}, {"status", "nearing"},
	                            {"due-within", "x<y"}, {"sort", "case_ref"}, {"dir", "asc"}};
	ehcp_page_query q = {sizeof params / sizeof params[0], params};
	ehcp_page_options o = EHCP_PAGE_OPTIONS_INIT;
	o.user = "lead";
	ehcp_page_caselist page = {NULL, NULL, &l, &load, &q, "--due-within: \"x<y\" is not a number of days"};
	char *h = RENDER(ehcp_page_caselist_format(out, &o, &page));
	no_raw_script(h);
	CHECK_HAS(h, "<caption id=\"cases-caption\">Open requests as of 1 December 2026: 3 (1 overdue, 1 nearing)</caption>");
	/* sorted by case_ref ascending: A-3, C&2, C-1 ('&' 0x26 sorts before '-' 0x2d) */
	long a3 = at(h, "data-case=\"A-3\""), c2 = at(h, "data-case=\"C&amp;2\""), c1 = at(h, "data-case=\"C-1\"");
	CHECK(a3 > 0 && c2 > a3 && c1 > c2);
	CHECK_HAS(h, "<th scope=\"col\" aria-sort=\"ascending\"><a class=\"sort\" href=\"?caseworker=%3Cscript%3Ealert%28%22x%22%29%3C%2Fscript%3E&amp;status=overdue&amp;status=nearing&amp;due-within=x%3Cy&amp;sort=case_ref&amp;dir=desc\">Case");
	/* the row of C-1: its link, the escaped caseworker as a link into their list, British dates, weeks, words */
	CHECK_HAS(h, "<th scope=\"row\"><a href=\"/cases/C-1\">C-1</a></th><td><a href=\"/cases?caseworker=%3Cscript%3Ealert%28%22x%22%29%3C%2Fscript%3E\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</a></td>"
	             "<td>1 September 2026</td><td class=\"num\">13</td><td>Assessing</td><td>Health advice</td>"
	             "<td>20 November 2026</td><td class=\"num\">-11</td><td><strong class=\"tag tag-overdue\">Overdue</strong></td>");
	CHECK_HAS(h, "<a href=\"/cases/C%262\">C&amp;2</a>");
	/* due 10 December: 9 days after 1 December */
	CHECK_HAS(h, "<td>10 December 2026</td><td class=\"num\">9</td><td><strong class=\"tag tag-nearing\">Nearing</strong>");
	CHECK_HAS(h, "<strong class=\"tag tag-on_track\">On track</strong></td><td>Yes</td>");
	/* the form keeps what was asked: the ticked statuses, the refused text, and its message beside it */
	CHECK_HAS(h, "name=\"status\" value=\"overdue\" checked>");
	CHECK_HAS(h, "name=\"status\" value=\"on_track\">");
	CHECK_HAS(h, "value=\"x&lt;y\"");
	CHECK_HAS(h, "<p class=\"error-message\" id=\"due-within-error\"><span class=\"visually-hidden\">Error: </span>"
	             "--due-within: &quot;x&lt;y&quot; is not a number of days</p>");
	CHECK_HAS(h, "<li><a href=\"#due-within\">--due-within: &quot;x&lt;y&quot; is not a number of days</a></li>");
	/* CSV of this view, sorting dropped */
	CHECK_HAS(h, "<a class=\"csv\" href=\"/cases?caseworker=%3Cscript%3Ealert%28%22x%22%29%3C%2Fscript%3E&amp;status=overdue&amp;status=nearing&amp;due-within=x%3Cy&amp;format=csv\" download>");
	/* caseloads link into each caseworker's list; none for no caseworker */
	CHECK_HAS(h, "<caption id=\"caseloads-caption\">Caseloads as of 1 December 2026</caption>");
	CHECK_HAS(h, "<tr><th scope=\"row\">(no caseworker)</th><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">6</td></tr>");
	CHECK_HAS(h, "&lt;/script&gt;</a></th><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">13</td></tr>");
	/* a list page has no form that writes */
	CHECK_INT(count(h, "method=\"post\""), 1); /* sign out */
	free(h);

	/* unsorted: the library's order (most urgent first); sort by days left descending */
	ehcp_page_param p2[] = {{"sort", "days_left"}, {"dir", "desc"}, {"as-of", "1/12/2026"}};
	ehcp_page_query q2 = {3, p2};
	page.query = &q2;
	page.errors = NULL;
	h = RENDER(ehcp_page_caselist_format(out, &o, &page));
	/* days left: A-3 93, C&2 9, C-1 -11 */
	a3 = at(h, "data-case=\"A-3\""), c2 = at(h, "data-case=\"C&amp;2\""), c1 = at(h, "data-case=\"C-1\"");
	CHECK(a3 > 0 && c2 > a3 && c1 > c2);
	CHECK_HAS(h, "aria-sort=\"descending\"><a class=\"sort\" href=\"?as-of=1%2F12%2F2026&amp;sort=days_left&amp;dir=asc\">Days left");
	/* a case, and a caseworker's list, as of the list's day */
	CHECK_HAS(h, "<a href=\"/cases/A-3?as-of=1%2F12%2F2026\">A-3</a>");
	CHECK_HAS(h, "<a href=\"/cases?caseworker=Ann%20Smith&amp;as-of=1%2F12%2F2026\">Ann Smith</a>");
	CHECK_INT(count(h, "There is a problem"), 0);
	free(h);
	page.query = NULL;
	h = RENDER(ehcp_page_caselist_format(out, &o, &page));
	c1 = at(h, "data-case=\"C-1\""), c2 = at(h, "data-case=\"C&amp;2\""), a3 = at(h, "data-case=\"A-3\"");
	CHECK(c1 > 0 && c2 > c1 && a3 > c2);
	CHECK_INT(count(h, "aria-sort"), 0);
	free(h);
}

static void test_reviewlist(void)
{
	const ehcp_date as_of = ymd(2026, 12, 1);
	ehcp_reviewlist_row r[2];
	memset(r, 0, sizeof r);
	snprintf(r[0].plan_ref, sizeof r[0].plan_ref, "P-1");
	snprintf(r[0].caseworker, sizeof r[0].caseworker, "%s", evil);
	snprintf(r[0].child_ref, sizeof r[0].child_ref, "CHILD-SECRET");
	r[0].date_of_birth = ymd(2015, 5, 5);
	r[0].has_year = true;
	r[0].nc_year = 6;
	r[0].due_kind = EHCP_DUE_TRANSFER_SECONDARY;
	r[0].due = ymd(2027, 2, 15);
	r[0].days_left = r[0].due - as_of;
	r[0].status = EHCP_PLAN_ON_TRACK;
	r[0].review_due = ymd(2027, 1, 31);
	r[0].transfer_kind = EHCP_TRANSFER_SECONDARY;
	r[0].transfer_deadline = ymd(2027, 2, 15);
	snprintf(r[1].plan_ref, sizeof r[1].plan_ref, "P-2");
	r[1].has_year = false;
	r[1].due_kind = EHCP_DUE_REVIEW;
	r[1].due = ymd(2026, 11, 1);
	r[1].days_left = r[1].due - as_of;
	r[1].status = EHCP_PLAN_OVERDUE;
	r[1].review_due = r[1].due;
	r[1].transfer_deadline = EHCP_DATE_NONE;
	ehcp_reviewlist l = {as_of, false, true, 2, r};
	ehcp_page_options o = EHCP_PAGE_OPTIONS_INIT;
	o.user = "lead";
	ehcp_page_reviewlist page = {NULL, NULL, &l, NULL, NULL, NULL};
	char *h = RENDER(ehcp_page_reviewlist_format(out, &o, &page));
	no_raw_script(h);
	/* never the child's details, even when the list holds them */
	CHECK_INT(count(h, "CHILD-SECRET"), 0);
	CHECK_INT(count(h, "2015"), 0);
	CHECK_HAS(h, "Plans needing attention as of 1 December 2026: 2 (1 overdue, 0 nearing, 1 without a date of birth)");
	/* 1 Dec 2026 to 15 Feb 2027: 30 + 31 + 15 = 76 days */
	CHECK_HAS(h, "<td>Year 6</td><td>Transfer to secondary: amended plan</td><td>15 February 2027</td><td class=\"num\">76</td>");
	CHECK_HAS(h, "<a href=\"/plans/P-2\">P-2</a></th><td></td><td>Not known</td>");
	CHECK_HAS(h, "<td class=\"num\">-30</td><td><strong class=\"tag tag-overdue\">Overdue</strong>");
	free(h);
}

static void test_case(void)
{
	ehcp_case *c = NULL;
	CHECK_INT(ehcp_case_new(&c), 0);
	snprintf(c->case_ref, sizeof c->case_ref, "R<1>");
	snprintf(c->caseworker, sizeof c->caseworker, "%s", evil);
	snprintf(c->child_ref, sizeof c->child_ref, "CHILD-SECRET");
	c->version = 7;
	c->dates.type = EHCP_REQUEST_INITIAL;
	c->dates.request = ymd(2026, 9, 1);
	c->dates.decision = EHCP_ASSESS_ASSESS;
	c->dates.decision_date = ymd(2026, 10, 1);
	c->on = ymd(2026, 12, 1);
	ehcp_clock_deadlines(c->deadlines, &c->dates);
	ehcp_clock_view_on(&c->view, &c->dates, c->on, EHCP_DAYS_NEARING_DEFAULT);
	char who[sizeof evil];
	memcpy(who, evil, sizeof evil);
	ehcp_history_entry he[2] = {
	    {"2026-10-01T09:00:00+00", "ehcp_writer", who, "recorded", "assessment_decision_date", NULL, "2026-10-01"},
	    {"2026-10-02T09:00:00+00", "ehcp_writer", NULL, "corrected", "child_ref", "CHILD-OLD", "CHILD-SECRET"},
	};
	ehcp_history hist = {2, he};
	ehcp_page_options o = EHCP_PAGE_OPTIONS_INIT;
	o.user = "reader1";
	o.role = EHCP_ROLE_READER;
	o.csrf = "CSRF123";
	ehcp_page_case page = {c, &hist, NULL, NULL, NULL};
	char *h = RENDER(ehcp_page_case_format(out, &o, &page));
	no_raw_script(h);
	CHECK_HAS(h, "<title>Case R&lt;1&gt; - EHC plan deadlines</title>");
	CHECK_INT(count(h, "CHILD-"), 0);
	CHECK_HAS(h, "<td>(hidden)</td><td>(hidden)</td>");
	CHECK_HAS(h, "<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; (ehcp_writer)</td>");
	/* on track, 13 weeks in; the decision met 1 October (due 13 October: 1 September + 6 weeks) */
	CHECK_HAS(h, "<p class=\"lead\">As of 1 December 2026: <strong class=\"tag tag-on_track\">On track</strong> 13 weeks 0 days since the request.</p>");
	CHECK_HAS(h, "<dt>Request</dt><dd>Initial</dd>");
	CHECK_HAS(h, "<dt>Weeks elapsed</dt><dd>13</dd>");
	CHECK_HAS(h, "<tr><th scope=\"row\">Decision whether to assess</th><td>13 October 2026</td><td class=\"num\"></td>"
	             "<td><strong class=\"tag tag-in_time\">In time</strong> Met 1 October 2026</td></tr>");
	/* the final plan by 19 January 2027 (1 September + 20 weeks: 29 + 31 + 30 + 31 + 19 = 140), 49 days ahead */
	CHECK_HAS(h, "<tr><th scope=\"row\">Final plan</th><td>19 January 2027</td><td class=\"num\">49</td><td>in 49 days</td></tr>");
	CHECK_HAS(h, "<dt>Version</dt><dd>7</dd>");
	CHECK_INT(count(h, "are not shown"), 0);
	free(h);
	/* as of a day before a milestone: the milestone is not shown, and the
	 * page says so */
	c->on = ymd(2026, 9, 20);
	ehcp_case_dates then;   /* the deadlines as the store works them out (src/db/case.c) */
	ehcp_clock_as_of(&then, &c->dates, c->on);
	ehcp_clock_deadlines(c->deadlines, &then);
	ehcp_clock_view_on(&c->view, &c->dates, c->on, EHCP_DAYS_NEARING_DEFAULT);
	page.history = NULL;
	h = RENDER(ehcp_page_case_format(out, &o, &page));
	CHECK_INT(count(h, "1 October 2026"), 0);
	CHECK_HAS(h, "<p>1 milestone dated after 20 September 2026 is not shown: this is the case as it stood then.</p>");
	page.history = &hist;
	c->on = ymd(2026, 12, 1);
	ehcp_clock_deadlines(c->deadlines, &c->dates);
	ehcp_clock_view_on(&c->view, &c->dates, c->on, EHCP_DAYS_NEARING_DEFAULT);
	free(h);
	h = RENDER(ehcp_page_case_format(out, &o, &page));
	/* a reader: no form but signing out */
	CHECK_INT(count(h, "method=\"post\""), 1);
	CHECK_INT(count(h, "name=\"milestone\""), 0);
	free(h);

	/* a writer, after a refused bad date */
	o.role = EHCP_ROLE_WRITER;
	ehcp_page_param form[] = {{"milestone", "final"}, {"change", "record"}, {"date", "31/04/2027"}, {"version", "7"}};
	ehcp_page_query fq = {4, form};
	page.form = &fq;
	page.errors = "final_plan_date: 31/04/2027: April 2027 has 30 days";
	h = RENDER(ehcp_page_case_format(out, &o, &page));
	CHECK_HAS(h, "<form method=\"post\" action=\"/cases/R%3C1%3E\" novalidate aria-labelledby=\"record-heading\">"
	             "<input type=\"hidden\" name=\"csrf\" value=\"CSRF123\"><input type=\"hidden\" name=\"version\" value=\"7\">");
	CHECK_HAS(h, "<option value=\"final\" selected>Final plan issued (date)</option>");
	CHECK_HAS(h, "<div class=\"field field-error\"><label for=\"date\">Date</label>");
	CHECK_HAS(h, "<p class=\"error-message\" id=\"date-error\"><span class=\"visually-hidden\">Error: </span>"
	             "final_plan_date: 31/04/2027: April 2027 has 30 days</p>");
	CHECK_HAS(h, "id=\"date\" name=\"date\" aria-describedby=\"date-hint date-error\" aria-invalid=\"true\" size=\"12\" value=\"31/04/2027\">");
	CHECK_HAS(h, "<li><a href=\"#date\">final_plan_date: 31/04/2027: April 2027 has 30 days</a></li>");
	/* the code input has no message */
	CHECK_INT(count(h, "id=\"code-error\""), 0);
	free(h);

	/* a stale edit: no field, the summary only */
	page.errors = "case R<1> has changed since version 6 (it is now version 7): look at it again and retry";
	page.notice = NULL;
	h = RENDER(ehcp_page_case_format(out, &o, &page));
	CHECK_HAS(h, "<li>case R&lt;1&gt; has changed since version 6 (it is now version 7): look at it again and retry</li>");
	CHECK_INT(count(h, "class=\"error-message\""), 0);
	free(h);
	page.errors = NULL;
	page.form = NULL;
	page.notice = "Recorded final plan issued";
	h = RENDER(ehcp_page_case_format(out, &o, &page));
	CHECK_HAS(h, "<div class=\"notice\" role=\"status\"><p>Recorded final plan issued</p></div>");
	CHECK_HAS(h, "name=\"change\" value=\"record\" checked>");
	free(h);
	/* a final plan 9 days after the draft warns, but not as of a day
	 * before it was issued, when the case had none */
	page.notice = NULL;
	page.history = NULL;
	c->dates.plan_decision = EHCP_PLAN_ISSUE;
	c->dates.plan_decision_date = ymd(2026, 10, 20);
	c->dates.draft = ymd(2026, 11, 1);
	c->dates.final = ymd(2026, 11, 10);
	h = RENDER(ehcp_page_case_format(out, &o, &page));
	CHECK_HAS(h, "<p><strong>Warning:</strong> the final plan came 9 days after the draft");
	CHECK_INT(count(h, "not shown"), 0);
	free(h);
	c->on = ymd(2026, 11, 5);
	h = RENDER(ehcp_page_case_format(out, &o, &page));
	CHECK_INT(count(h, "Warning:"), 0);
	CHECK_INT(count(h, "10 November 2026"), 0);
	CHECK_HAS(h, "<p>1 milestone dated after 5 November 2026 is not shown: this is the case as it stood then.</p>");
	free(h);
	ehcp_case_free(c);
}

static void test_case_changes(void)
{
	ehcp_change ch[2];
	size_t n = 9;
	ehcp_page_param f1[] = {{"milestone", "decision"}, {"code", "assess"}, {"date", "1/10/2026"}};
	ehcp_page_query q1 = {3, f1};
	CHECK_INT(ehcp_page_case_changes(ch, &n, &q1), 0);
	CHECK_INT(n, 2);
	CHECK_STR(ch[0].field, "assessment_decision");
	CHECK_STR(ch[0].value, "assess");
	CHECK_INT(ch[0].mode, EHCP_CHANGE_RECORD);
	CHECK_STR(ch[1].field, "assessment_decision_date");
	CHECK_STR(ch[1].value, "1/10/2026");
	/* an exception: its code and its note, the note set whatever was there */
	ehcp_page_param f2[] = {{"milestone", "exception"}, {"change", "correct"}, {"code", "family_holiday"}, {"note", "n"}};
	ehcp_page_query q2 = {4, f2};
	CHECK_INT(ehcp_page_case_changes(ch, &n, &q2), 0);
	CHECK_INT(n, 2);
	CHECK_STR(ch[0].field, "exception");
	CHECK_INT(ch[0].mode, EHCP_CHANGE_CORRECT);
	CHECK_STR(ch[1].field, "exception_note");
	CHECK_INT(ch[1].mode, EHCP_CHANGE_SET);
	/* a date alone */
	ehcp_page_param f3[] = {{"milestone", "final"}, {"date", "2027-01-10"}, {"code", "ignored"}};
	ehcp_page_query q3 = {3, f3};
	CHECK_INT(ehcp_page_case_changes(ch, &n, &q3), 0);
	CHECK_INT(n, 1);
	CHECK_STR(ch[0].field, "final_plan_date");
	CHECK_STR(ch[0].value, "2027-01-10");
	/* what is missing, each named */
	ehcp_page_param f4[] = {{"milestone", "decision"}};
	ehcp_page_query q4 = {1, f4};
	CHECK_INT(ehcp_page_case_changes(ch, &n, &q4), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "code: enter the code\ndate: enter the date, for example 1/12/2026");
	ehcp_page_param f5[] = {{"milestone", "bogus"}};
	ehcp_page_query q5 = {1, f5};
	CHECK_INT(ehcp_page_case_changes(ch, &n, &q5), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "milestone: unknown milestone \"bogus\"");
	ehcp_page_param f6[] = {{"milestone", "final"}, {"change", "clear"}, {"date", "2027-01-10"}};
	ehcp_page_query q6 = {3, f6};
	CHECK_INT(ehcp_page_case_changes(ch, &n, &q6), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "change: \"clear\" is not record or correct");
	/* which input a field's message goes beside */
	CHECK_STR(ehcp_page_case_input_of("decision", "assessment_decision"), "code");
	CHECK_STR(ehcp_page_case_input_of("decision", "assessment_decision_date"), "date");
	CHECK_STR(ehcp_page_case_input_of("exception", "exception_note"), "note");
	CHECK_STR(ehcp_page_case_input_of("final", "final_plan_date"), "date");
	CHECK(ehcp_page_case_input_of("final", "draft_plan_date") == NULL);
	CHECK_STR(ehcp_page_case_input_of(NULL, "date"), "date");
}

static void test_plan(void)
{
	ehcp_plan *p = NULL;
	CHECK_INT(ehcp_plan_new(&p), 0);
	snprintf(p->plan_ref, sizeof p->plan_ref, "P'1");
	snprintf(p->caseworker, sizeof p->caseworker, "%s", evil);
	snprintf(p->case_ref, sizeof p->case_ref, "R-9");
	p->version = 3;
	p->dates.start = ymd(2025, 6, 2);
	p->dates.date_of_birth = ymd(2016, 3, 3);
	ehcp_review_dates rv = EHCP_REVIEW_DATES_INIT;
	rv.meeting = ymd(2026, 5, 20);
	rv.report = ymd(2026, 5, 29);
	CHECK_INT(ehcp_plan_add_review(p, &rv), 0);
	p->on = ymd(2026, 12, 1);
	ehcp_plan_view_on(&p->view, &p->dates, p->reviews, p->review_count, p->on, EHCP_REVIEWLIST_WITHIN_DEFAULT);
	ehcp_page_options o = EHCP_PAGE_OPTIONS_INIT;
	o.user = "w";
	o.role = EHCP_ROLE_WRITER;
	ehcp_page_param form[] = {{"milestone", "decision"}, {"review", "2026-05-20"}, {"code", "amend"}, {"date", "x"}};
	ehcp_page_query fq = {4, form};
	ehcp_page_plan page = {p, NULL, &fq, "review 2026-05-20 decision_date: \"x\" is not a date", NULL};
	char *h = RENDER(ehcp_page_plan_format(out, &o, &page));
	no_raw_script(h);
	CHECK_HAS(h, "<title>Plan P&#39;1 - EHC plan deadlines</title>");
	CHECK_HAS(h, "<dt>From the request</dt><dd><a href=\"/cases/R-9\">R-9</a></dd>");
	/* the next review: the day before the anniversary of the last meeting */
	CHECK_HAS(h, "<dt>Next review due by</dt><dd>19 May 2027 (in 169 days)</dd>");
	CHECK_HAS(h, "Review meeting 20 May 2026 (due by 1 June 2026: in time)");
	/* report within 2 weeks: by 3 June, done 29 May */
	CHECK_HAS(h, "<tr><th scope=\"row\">Review report (within 2 weeks)</th><td>3 June 2026</td><td><strong class=\"tag tag-in_time\">In time</strong> done 29 May 2026</td></tr>");
	/* decision within 4 weeks: by 17 June, not made: 167 days ago on 1 December (13 + 31 + 31 + 30 + 31 + 30 + 1) */
	CHECK_HAS(h, "<tr><th scope=\"row\">Decision (within 4 weeks)</th><td>17 June 2026</td><td><strong class=\"tag tag-missed\">Missed</strong> 167 days ago</td></tr>");
	CHECK_HAS(h, "<option value=\"2026-05-20\" selected>Meeting of 20 May 2026</option>");
	CHECK_HAS(h, "<p class=\"error-message\" id=\"date-error\"><span class=\"visually-hidden\">Error: </span>review 2026-05-20 decision_date: &quot;x&quot; is not a date</p>");
	CHECK_HAS(h, "<form method=\"post\" action=\"/plans/P%271\"");
	free(h);
	ehcp_plan_free(p);

	ehcp_change ch[2];
	size_t n;
	bool review;
	ehcp_date meeting;
	ehcp_page_param f1[] = {{"milestone", "meeting"}, {"date", "3/11/2026"}};
	ehcp_page_query q1 = {2, f1};
	CHECK_INT(ehcp_page_plan_changes(ch, &n, &review, &meeting, &q1), 0);
	CHECK_INT(n, 0);
	CHECK(review);
	CHECK_INT(meeting, ymd(2026, 11, 3));
	ehcp_page_param f2[] = {{"milestone", "decision"}, {"review", "2026-05-20"}, {"code", "amend"}, {"date", "1/6/2026"}};
	ehcp_page_query q2 = {4, f2};
	CHECK_INT(ehcp_page_plan_changes(ch, &n, &review, &meeting, &q2), 0);
	CHECK_INT(n, 2);
	CHECK(review);
	CHECK_INT(meeting, ymd(2026, 5, 20));
	CHECK_STR(ch[0].field, "decision");
	CHECK_STR(ch[0].value, "amend");
	CHECK_STR(ch[1].field, "decision_date");
	ehcp_page_param f3[] = {{"milestone", "cease"}, {"code", "moved_la"}, {"date", "1/6/2026"}, {"review", "2026-05-20"}};
	ehcp_page_query q3 = {4, f3};
	CHECK_INT(ehcp_page_plan_changes(ch, &n, &review, &meeting, &q3), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "review: a review is only for a review's steps");
	ehcp_page_param f4[] = {{"milestone", "meeting"}, {"date", "30/02/2026"}};
	ehcp_page_query q4 = {2, f4};
	CHECK_INT(ehcp_page_plan_changes(ch, &n, &review, &meeting, &q4), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "date: \"30/02/2026\": February 2026 has 28 days");
}

static void test_report(void)
{
	ehcp_report_column cols[3] = {{"period", EHCP_VALUE_TEXT}, {"plans_issued", EHCP_VALUE_INT},
	                              {"percent_within", EHCP_VALUE_NUMBER}};
	ehcp_value v[6] = {
	    {.type = EHCP_VALUE_TEXT, .text = "2021-Q1"}, {.type = EHCP_VALUE_INT, .i = 12},
	    {.type = EHCP_VALUE_NUMBER, .i = 571, .scale = 1}, {.type = EHCP_VALUE_TEXT, .text = "2021-Q2"},
	    {.type = EHCP_VALUE_INT, .i = 0}, {.type = EHCP_VALUE_NUMBER, .null = true},
	};
	ehcp_report r = {EHCP_REPORT_PLANS, EHCP_ADVICE_HEALTH, ymd(2021, 2, 15), ymd(2021, 6, 30), ymd(2022, 1, 1), false,
	                 3, 2, cols, v};
	ehcp_page_param params[] = {{"measure", "plans"}, {"from", "2021-02-15"}, {"to", "2021-06"}, {"by", "quarter"},
	                            {"as-of", "2022-01-01"}};
	ehcp_page_query q = {5, params};
	ehcp_page_options o = EHCP_PAGE_OPTIONS_INIT;
	o.user = "po";
	ehcp_page_report page = {&r, &q, NULL};
	char *h = RENDER(ehcp_page_report_format(out, &o, &page));
	CHECK_HAS(h, "<caption id=\"report-caption\">Plans, 15 February 2021 to 30 June 2021, as of 1 January 2022</caption>");
	/* Q1 runs from 1 January, cut to the report's 15 February; Q2 is whole */
	CHECK_HAS(h, "<tr data-period=\"2021-Q1\"><th scope=\"row\" data-col=\"period\">2021-Q1</th><td class=\"num\" data-col=\"plans_issued\">"
	             "<a class=\"figure-link\" href=\"/reports/plans?by=quarter&amp;as-of=2022-01-01&amp;from=2021-02-15&amp;to=2021-03-31&amp;cases=1\">12");
	CHECK_HAS(h, "href=\"/reports/plans?by=quarter&amp;as-of=2022-01-01&amp;from=2021-04-01&amp;to=2021-06-30&amp;cases=1\">0");
	CHECK_HAS(h, "<td class=\"num\" data-col=\"percent_within\">57.1</td>");
	CHECK_HAS(h, "<td class=\"num\" data-col=\"percent_within\"></td>");
	CHECK_HAS(h, "<option value=\"plans\" selected>");
	CHECK_HAS(h, "name=\"by\" value=\"quarter\" checked>");
	CHECK_HAS(h, "<a class=\"csv\" href=\"/reports/plans?measure=plans&amp;from=2021-02-15&amp;to=2021-06&amp;by=quarter&amp;as-of=2022-01-01&amp;format=csv\" download>");
	free(h);
	/* by month, and the cases behind: case_ref a link, no figure links */
	ehcp_report_column cc[2] = {{"case_ref", EHCP_VALUE_TEXT}, {"request_date", EHCP_VALUE_DATE}};
	ehcp_value cv[2] = {{.type = EHCP_VALUE_TEXT, .text = evil}, {.type = EHCP_VALUE_DATE, .date = ymd(2021, 3, 9)}};
	ehcp_report rc = {EHCP_REPORT_PLANS, EHCP_ADVICE_HEALTH, ymd(2021, 3, 1), ymd(2021, 3, 31), ymd(2022, 1, 1), true,
	                  2, 1, cc, cv};
	page.report = &rc;
	h = RENDER(ehcp_page_report_format(out, &o, &page));
	no_raw_script(h);
	CHECK_HAS(h, "The cases behind: plans, 1 March 2021 to 31 March 2021");
	CHECK_HAS(h, "<a href=\"/cases/%3Cscript%3Ealert%28%22x%22%29%3C%2Fscript%3E\">&lt;script&gt;");
	CHECK_HAS(h, "<td data-col=\"request_date\">9 March 2021</td>");
	CHECK_INT(count(h, "figure-link\" href"), 0);
	free(h);
}

static void test_admin_me_board(void)
{
	char name0[sizeof evil], label0[sizeof evil], ann[] = "Ann", old[] = "old", locked[] = "locked";
	memcpy(name0, evil, sizeof evil);
	memcpy(label0, evil, sizeof evil);
	/* 1 December 2026 is day 20788 since 1970: 1 January 2026 is 56 * 365 + 14 leap days (1972 to 2024) =
	 * 20454, and 1 December is 334 days later */
	const long long now = 20788LL * 86400 + 3600;
	ehcp_user u[3] = {{name0, EHCP_ROLE_WRITER, false, 0, 0, now - 86400},
	                  {old, EHCP_ROLE_READER, true, 0, 0, now},
	                  {locked, EHCP_ROLE_READER, false, 5, now + 600, now}};
	ehcp_users users = {3, u};
	ehcp_feed fd[1] = {{17, ann, label0, now, 0}};
	ehcp_feeds feeds = {1, fd};
	ehcp_page_admin a = {&users, &feeds, now, "https://h/feeds/abc.ics", NULL, NULL, "Feed made"};
	ehcp_page_options o = EHCP_PAGE_OPTIONS_INIT;
	o.user = "boss";
	o.role = EHCP_ROLE_ADMIN;
	o.csrf = "K";
	char *h = RENDER(ehcp_page_admin_format(out, &o, &a));
	no_raw_script(h);
	CHECK_HAS(h, "<code id=\"new-feed-url\">https://h/feeds/abc.ics</code>");
	CHECK_HAS(h, "<input type=\"hidden\" name=\"action\" value=\"feed_revoke\"><input type=\"hidden\" name=\"csrf\" value=\"K\"><input type=\"hidden\" name=\"feed\" value=\"17\">");
	CHECK_HAS(h, "</th><td>Ann</td><td>1 December 2026</td>");
	CHECK_HAS(h, "<th scope=\"row\">locked</th><td>reader</td><td><strong class=\"tag tag-overdue\">Locked for a while</strong></td><td>1 December 2026</td>");
	CHECK_HAS(h, "<td>writer</td><td><strong class=\"tag tag-on_track\">Active</strong></td><td>30 November 2026</td>");
	CHECK_HAS(h, "<input type=\"hidden\" name=\"action\" value=\"user_add\">");
	CHECK_HAS(h, "<td>writer</td>");
	/* a disabled user has no button; the other two a disable button each */
	CHECK_INT(count(h, "value=\"user_disable\""), 2);
	/* and a role to choose, the current one chosen, labelled by the name */
	CHECK_INT(count(h, "value=\"user_role\""), 2);
	CHECK_HAS(h, "<input type=\"hidden\" name=\"user\" value=\"locked\"><label class=\"visually-hidden\" "
	             "for=\"role-of-2\">Role of locked</label><select class=\"select\" id=\"role-of-2\" name=\"role\">"
	             "<option value=\"reader\" selected>reader</option><option value=\"writer\">writer</option>"
	             "<option value=\"admin\">admin</option></select>");
	CHECK_HAS(h, "<option value=\"reader\">reader</option><option value=\"writer\" selected>writer</option>");
	CHECK_HAS(h, "Change the role<span class=\"visually-hidden\"> of locked</span></button>");
	free(h);
	/* anyone else sees the tables but no form */
	o.role = EHCP_ROLE_WRITER;
	h = RENDER(ehcp_page_admin_format(out, &o, &a));
	CHECK_INT(count(h, "method=\"post\""), 1);
	free(h);
	/* my page: lists of my own, how to subscribe */
	o.caseworker = evil;
	ehcp_page_me me = {NULL, NULL, NULL};
	h = RENDER(ehcp_page_me_format(out, &o, &me));
	no_raw_script(h);
	CHECK_HAS(h, "<a href=\"/cases?caseworker=%3Cscript%3Ealert%28%22x%22%29%3C%2Fscript%3E\">My cases</a>");
	CHECK_HAS(h, "<dt>Outlook</dt>");
	CHECK_HAS(h, "<dt>Google Calendar</dt>");
	CHECK_HAS(h, "<dt>Apple Calendar</dt>");
	CHECK_HAS(h, "value=\"feed_add\"");
	free(h);
	ehcp_page_param bp[] = {{"from", "2026-04"}, {"to", "\"x"}};
	ehcp_page_query bq = {2, bp};
	h = RENDER(ehcp_page_board_format(out, &o, &bq, "/board/view?from=2026-04&to=2027-03", NULL));
	CHECK_HAS(h, "<iframe class=\"board\" title=\"The board report\" src=\"/board/view?from=2026-04&amp;to=2027-03\"></iframe>");
	CHECK_HAS(h, "value=\"&quot;x\"");
	free(h);
}

int main(void)
{
	test_layout();
	test_caselist();
	test_reviewlist();
	test_case();
	test_case_changes();
	test_plan();
	test_report();
	test_admin_me_board();
	return harness_finish("pages");
}
