/* Calendar dates: construction, parsing with reasons, formatting, and a
 * walk over every day of years 1 to 9999 against a plain day counter. */
#include "ehcp/ehcp.h"
#include "harness.h"

static ehcp_date D(const char *iso)
{
	ehcp_date d = EHCP_DATE_NONE;
	if (ehcp_date_parse_iso(&d, iso, strlen(iso), NULL, 0) < 0) {
		fprintf(stderr, "bad test date %s\n", iso);
		exit(2);
	}
	return d;
}

static const char *iso(ehcp_date d)
{
	static char buf[4][EHCP_DATE_ISO_LEN];
	static int i;
	i = (i + 1) % 4;
	return ehcp_date_format_iso(buf[i], d);
}

static void test_known_days(void)
{
	CHECK_INT(D("1970-01-01"), 0);
	CHECK_INT(D("1970-01-02"), 1);
	CHECK_INT(D("1969-12-31"), -1);
	CHECK_INT(D("2000-03-01") - D("2000-02-28"), 2); /* 2000 was a leap year */
	CHECK_INT(D("1900-03-01") - D("1900-02-28"), 1); /* 1900 was not */
	CHECK_INT(D("2020-01-06"), 18267);               /* worked: 50 years, 12 leap days, +5 */
	CHECK_INT(D("2021-01-01") - D("2020-01-01"), 366);
	CHECK_INT(D("2022-01-01") - D("2021-01-01"), 365);
	CHECK_INT(ehcp_date_weekday(D("2020-01-06")), 1); /* Monday */
	CHECK_INT(ehcp_date_weekday(D("2020-05-25")), 1);
	CHECK_INT(ehcp_date_weekday(D("2020-02-29")), 6); /* Saturday */
	CHECK_INT(ehcp_date_weekday(D("1970-01-01")), 4); /* Thursday */
	CHECK_INT(ehcp_date_weekday(D("1969-12-28")), 7); /* Sunday */
	CHECK_INT(ehcp_date_weekday(D("0001-01-01")), 1); /* proleptic Gregorian: Monday */
	CHECK(ehcp_date_is_leap_year(2020));
	CHECK(ehcp_date_is_leap_year(2000));
	CHECK(ehcp_date_is_leap_year(2400));
	CHECK(!ehcp_date_is_leap_year(1900));
	CHECK(!ehcp_date_is_leap_year(2100));
	CHECK(!ehcp_date_is_leap_year(2023));
	CHECK_INT(ehcp_date_days_in_month(2020, 2), 29);
	CHECK_INT(ehcp_date_days_in_month(2021, 2), 28);
	CHECK_INT(ehcp_date_days_in_month(2021, 4), 30);
	CHECK_INT(ehcp_date_days_in_month(2021, 12), 31);
	CHECK_INT(ehcp_date_days_in_month(2021, 13), 0);
	ehcp_date d;
	CHECK_INT(ehcp_date_from_ymd(&d, 2023, 2, 29), EHCP_EINVALID);
	CHECK_INT(ehcp_date_from_ymd(&d, 2024, 2, 29), 0);
	CHECK_STR(iso(d), "2024-02-29");
}

static void test_boundaries(void)
{
	CHECK_STR(iso(ehcp_date_month_start(D("2020-02-29"))), "2020-02-01");
	CHECK_STR(iso(ehcp_date_year_start(D("2020-12-31"))), "2020-01-01");
	CHECK_STR(iso(ehcp_date_add_months_start(D("2020-11-15"), 3)), "2021-02-01");
	CHECK_STR(iso(ehcp_date_add_months_start(D("2020-01-31"), -1)), "2019-12-01");
	CHECK_STR(iso(ehcp_date_add_months_start(D("2020-01-31"), -13)), "2018-12-01");
	CHECK_STR(iso(ehcp_date_add_months_start(D("2020-12-01"), 12)), "2021-12-01");
	CHECK_STR(iso(ehcp_date_add_days(D("2020-12-31"), 1)), "2021-01-01");
	CHECK_STR(iso(ehcp_date_add_days(D("2020-02-28"), 1)), "2020-02-29");
	CHECK_STR(iso(ehcp_date_add_days(D("2021-02-28"), 1)), "2021-03-01");
	CHECK_INT(ehcp_date_diff(D("2020-05-25"), D("2020-01-06")), 140);
}

static void test_parse(void)
{
	static const struct {
		const char *in;
		const char *iso;   /* expected date, or NULL when refused */
		const char *why;   /* the reason given when refused */
	} cases[] = {
	    {"2020-01-06", "2020-01-06", NULL},
	    {"06/01/2020", "2020-01-06", NULL},
	    {"6/1/2020", "2020-01-06", NULL},
	    {"29/02/2020", "2020-02-29", NULL},
	    {"31/12/1999", "1999-12-31", NULL},
	    {"0001-01-01", "0001-01-01", NULL},
	    {"9999-12-31", "9999-12-31", NULL},
	    {"2023-02-29", NULL, "\"2023-02-29\": 2023 is not a leap year, so February has 28 days"},
	    {"29/02/2023", NULL, "\"29/02/2023\": 2023 is not a leap year, so February has 28 days"},
	    {"31/04/2021", NULL, "\"31/04/2021\": April 2021 has 30 days"},
	    {"2021-06-31", NULL, "\"2021-06-31\": June 2021 has 30 days"},
	    {"2023-02-30", NULL, "\"2023-02-30\": February 2023 has 28 days"},
	    {"2020-13-01", NULL, "\"2020-13-01\": there is no month 13"},
	    {"2020-00-10", NULL, "\"2020-00-10\": there is no month 0"},
	    {"00/01/2020", NULL, "\"00/01/2020\": there is no day 0"},
	    {"0000-01-01", NULL, "\"0000-01-01\": there is no year 0"},
	    {"2020-1-06", NULL, "\"2020-1-06\": not a date in the form YYYY-MM-DD or DD/MM/YYYY"},
	    {"", NULL, "\"\": not a date in the form YYYY-MM-DD or DD/MM/YYYY"},
	    {"2020-01-06 ", NULL, "\"2020-01-06 \": not a date in the form YYYY-MM-DD or DD/MM/YYYY"},
	    {"06/01/20", NULL, "\"06/01/20\": not a date in the form YYYY-MM-DD or DD/MM/YYYY"},
	    {"6 Jan 2020", NULL, "\"6 Jan 2020\": not a date in the form YYYY-MM-DD or DD/MM/YYYY"},
	    {"2020/01/06", NULL, "\"2020/01/06\": not a date in the form YYYY-MM-DD or DD/MM/YYYY"},
	    {"+020-01-06", NULL, "\"+020-01-06\": not a date in the form YYYY-MM-DD"},
	    {"1/2/3/2020", NULL, "\"1/2/3/2020\": not a date in the form YYYY-MM-DD or DD/MM/YYYY"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ehcp_date d = 12345;
		char why[160] = "";
		int rc = ehcp_date_parse(&d, cases[i].in, strlen(cases[i].in), why, sizeof why);
		if (cases[i].iso) {
			CHECK_INT(rc, 0);
			CHECK_STR(iso(d), cases[i].iso);
		} else {
			CHECK_INT(rc, EHCP_EINVALID);
			CHECK_STR(why, cases[i].why);
			CHECK_INT(d, 12345); /* untouched */
		}
	}
	/* An embedded NUL is not part of a date, and nothing unprintable is echoed. */
	ehcp_date d;
	char why[160];
	CHECK_INT(ehcp_date_parse(&d, "2020-01-0\0", 10, why, sizeof why), EHCP_EINVALID);
	CHECK_STR(why, "\"2020-01-0?\": not a date in the form YYYY-MM-DD");
	/* A long cell is quoted in part only. */
	char longcell[300];
	memset(longcell, '9', sizeof longcell);
	CHECK_INT(ehcp_date_parse(&d, longcell, sizeof longcell, why, sizeof why), EHCP_EINVALID);
	CHECK(strlen(why) < 100);
	/* ISO only refuses the UK form. */
	CHECK_INT(ehcp_date_parse_iso(&d, "06/01/2020", 10, NULL, 0), EHCP_EINVALID);
}

static void test_format(void)
{
	char buf[EHCP_DATE_LONG_LEN];
	CHECK_STR(ehcp_date_format_long(buf, D("2020-05-25")), "Mon 25 May 2020");
	CHECK_STR(ehcp_date_format_long(buf, D("2020-02-29")), "Sat 29 Feb 2020");
	CHECK_STR(ehcp_date_format_long(buf, D("2021-09-05")), "Sun 5 Sep 2021");
	CHECK_STR(ehcp_date_format_long(buf, EHCP_DATE_NONE), "");
	CHECK_STR(iso(EHCP_DATE_NONE), "");
	CHECK_STR(iso(D("0987-06-05")), "0987-06-05");
}

/* Every day from 0001-01-01 to 9999-12-31, by a counter that knows only
 * month lengths: the conversions both ways and the weekday cycle. */
static void test_walk(void)
{
	int y = 1, m = 1, d = 1;
	ehcp_date expect = ehcp_date_from_ymd_unchecked(1, 1, 1);
	int wd = 1;
	long bad = 0;
	for (;;) {
		int yy, mm, dd;
		ehcp_date got = ehcp_date_from_ymd_unchecked(y, m, d);
		ehcp_date_to_ymd(expect, &yy, &mm, &dd);
		if (got != expect || yy != y || mm != m || dd != d || ehcp_date_weekday(got) != wd)
			bad++;
		if (y == 9999 && m == 12 && d == 31)
			break;
		expect++;
		wd = wd % 7 + 1;
		int dim = (m == 2) ? ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28)
		                   : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
		if (++d > dim) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	CHECK_INT(bad, 0);
	CHECK_INT(expect - ehcp_date_from_ymd_unchecked(1, 1, 1), 3652058); /* days in 9999 years - 1 */
}

/* Months for reports (YYYY-MM) and calendar years, worked by hand. */
static void test_months(void)
{
	ehcp_date first = 0, last = 0;
	char why[128], a[EHCP_DATE_ISO_LEN], b[EHCP_DATE_ISO_LEN];
	CHECK_INT(ehcp_date_parse_month(&first, &last, "2024-02", 7, why, sizeof why), 0);
	CHECK_STR(ehcp_date_format_iso(a, first), "2024-02-01");
	CHECK_STR(ehcp_date_format_iso(b, last), "2024-02-29");
	CHECK_INT(ehcp_date_parse_month(NULL, &last, "2023-02", 7, why, sizeof why), 0);
	CHECK_STR(ehcp_date_format_iso(b, last), "2023-02-28");
	CHECK_INT(ehcp_date_parse_month(&first, NULL, "1999-12", 7, why, sizeof why), 0);
	CHECK_STR(ehcp_date_format_iso(a, first), "1999-12-01");
	CHECK_INT(ehcp_date_parse_month(&first, &last, "2024-13", 7, why, sizeof why), EHCP_EINVALID);
	CHECK_HAS(why, "2024-13");
	CHECK_INT(ehcp_date_parse_month(&first, &last, "2024-00", 7, why, sizeof why), EHCP_EINVALID);
	CHECK_INT(ehcp_date_parse_month(&first, &last, "2024-2", 6, why, sizeof why), EHCP_EINVALID);
	CHECK_INT(ehcp_date_parse_month(&first, &last, "2024-02-01", 10, why, sizeof why), EHCP_EINVALID);
	CHECK_INT(ehcp_date_parse_month(&first, &last, "0000-01", 7, why, sizeof why), EHCP_EINVALID);
	ehcp_date_year_bounds(&first, &last, 2020);
	CHECK_STR(ehcp_date_format_iso(a, first), "2020-01-01");
	CHECK_STR(ehcp_date_format_iso(b, last), "2020-12-31");
	CHECK_INT(last - first, 365);
}

int main(void)
{
	test_months();
	test_known_days();
	test_boundaries();
	test_parse();
	test_format();
	test_walk();
	return harness_finish("test_date");
}
