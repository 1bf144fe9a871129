#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ehcp/date.h"
#include "ehcp/errors.h"

/*
 * Day counts use the civil-from-days algorithms of H. Hinnant
 * ("chrono-Compatible Low-Level Date Algorithms"): eras of 400 years so
 * that no step depends on the sign of the date.
 */

bool ehcp_date_is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int ehcp_date_days_in_month(int y, int m)
{
	static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && ehcp_date_is_leap_year(y));
}

bool ehcp_date_ymd_valid(int y, int m, int d)
{
	return y >= EHCP_DATE_MIN_YEAR && y <= EHCP_DATE_MAX_YEAR && d >= 1 &&
	       d <= ehcp_date_days_in_month(y, m);
}

ehcp_date ehcp_date_from_ymd_unchecked(int y, int m, int d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153u * (unsigned)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (unsigned)d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int)doe - 719468;
}

int ehcp_date_from_ymd(ehcp_date *out, int y, int m, int d)
{
	if (!ehcp_date_ymd_valid(y, m, d))
		return EHCP_EINVALID;
	*out = ehcp_date_from_ymd_unchecked(y, m, d);
	return 0;
}

void ehcp_date_to_ymd(ehcp_date z0, int *year, int *month, int *day)
{
	const int z = z0 + 719468;
	const int era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const int y = (int)yoe + era * 400;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	const unsigned d = doy - (153 * mp + 2) / 5 + 1;
	const unsigned m = mp < 10 ? mp + 3 : mp - 9;
	*year = y + (m <= 2);
	*month = (int)m;
	*day = (int)d;
}

int ehcp_date_weekday(ehcp_date d)
{
	/* 1970-01-01 was a Thursday (ISO 4). */
	int w = (int)(((int64_t)d + 3) % 7);
	if (w < 0)
		w += 7;
	return w + 1;
}

ehcp_date ehcp_date_month_start(ehcp_date d)
{
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	return d - (day - 1);
}

ehcp_date ehcp_date_year_start(ehcp_date d)
{
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	return ehcp_date_from_ymd_unchecked(y, 1, 1);
}

ehcp_date ehcp_date_add_months_start(ehcp_date d, int months)
{
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	int idx = y * 12 + (m - 1) + months;
	int ny = idx >= 0 ? idx / 12 : (idx - 11) / 12;
	return ehcp_date_from_ymd_unchecked(ny, idx - ny * 12 + 1, 1);
}

static const char *const month_names[12] = {"January", "February", "March",     "April",
                                             "May",     "June",     "July",      "August",
                                             "September", "October", "November", "December"};

/* Reads exactly n ASCII digits. */
static bool digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static void why_printf(char *why, size_t whylen, const char *s, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void why_printf(char *why, size_t whylen, const char *s, size_t len, const char *fmt, ...)
{
	if (!why || whylen == 0)
		return;
	/* Quote at most 40 bytes of the input, printable ASCII only: the text
	 * may be anything a spreadsheet cell held. */
	char shown[44];
	size_t k = 0;
	for (size_t i = 0; i < len && k < 40; i++)
		shown[k++] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	if (len > 40) {
		memcpy(shown + k, "...", 3);
		k += 3;
	}
	shown[k] = '\0';
	int n = snprintf(why, whylen, "\"%s\": ", shown);
	if (n < 0 || (size_t)n >= whylen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why + n, whylen - (size_t)n, fmt, ap);
	va_end(ap);
}

static int check_ymd(ehcp_date *out, int y, int m, int d, const char *s, size_t len, char *why,
                     size_t whylen)
{
	if (y < EHCP_DATE_MIN_YEAR) {
		why_printf(why, whylen, s, len, "there is no year 0");
		return EHCP_EINVALID;
	}
	if (m < 1 || m > 12) {
		why_printf(why, whylen, s, len, "there is no month %d", m);
		return EHCP_EINVALID;
	}
	if (d < 1) {
		why_printf(why, whylen, s, len, "there is no day 0");
		return EHCP_EINVALID;
	}
	int dim = ehcp_date_days_in_month(y, m);
	if (d > dim) {
		if (m == 2 && d == 29)
			why_printf(why, whylen, s, len, "%d is not a leap year, so February has 28 days", y);
		else
			why_printf(why, whylen, s, len, "%s %d has %d days", month_names[m - 1], y, dim);
		return EHCP_EINVALID;
	}
	*out = ehcp_date_from_ymd_unchecked(y, m, d);
	return 0;
}

int ehcp_date_parse_iso(ehcp_date *out, const char *s, size_t len, char *why, size_t whylen)
{
	int y, m, d;
	if (len != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
	    !digits(s + 8, 2, &d)) {
		why_printf(why, whylen, s, len, "not a date in the form YYYY-MM-DD");
		return EHCP_EINVALID;
	}
	return check_ymd(out, y, m, d, s, len, why, whylen);
}

int ehcp_date_parse_month(ehcp_date *first, ehcp_date *last, const char *s, size_t len, char *why, size_t whylen)
{
	int y, m;
	if (len != 7 || s[4] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &m)) {
		why_printf(why, whylen, s, len, "not a month in the form YYYY-MM");
		return EHCP_EINVALID;
	}
	if (m < 1 || m > 12 || y < EHCP_DATE_MIN_YEAR) {
		why_printf(why, whylen, s, len, "not a month (YYYY-MM)");
		return EHCP_EINVALID;
	}
	if (first)
		*first = ehcp_date_from_ymd_unchecked(y, m, 1);
	if (last)
		*last = ehcp_date_from_ymd_unchecked(y, m, ehcp_date_days_in_month(y, m));
	return 0;
}

void ehcp_date_year_bounds(ehcp_date *first, ehcp_date *last, int year)
{
	*first = ehcp_date_from_ymd_unchecked(year, 1, 1);
	*last = ehcp_date_from_ymd_unchecked(year, 12, 31);
}

int ehcp_date_parse(ehcp_date *out, const char *s, size_t len, char *why, size_t whylen)
{
	if (len == 10 && s[4] == '-')
		return ehcp_date_parse_iso(out, s, len, why, whylen);

	/* D/M/YYYY with one or two digits for day and month. */
	const char *slash1 = memchr(s, '/', len);
	const char *slash2 = slash1 ? memchr(slash1 + 1, '/', len - (size_t)(slash1 + 1 - s)) : NULL;
	int y, m, d;
	if (slash1 && slash2) {
		size_t dl = (size_t)(slash1 - s);
		size_t ml = (size_t)(slash2 - slash1 - 1);
		size_t yl = len - (size_t)(slash2 + 1 - s);
		if (dl >= 1 && dl <= 2 && ml >= 1 && ml <= 2 && yl == 4 && digits(s, dl, &d) &&
		    digits(slash1 + 1, ml, &m) && digits(slash2 + 1, 4, &y))
			return check_ymd(out, y, m, d, s, len, why, whylen);
	}
	why_printf(why, whylen, s, len, "not a date in the form YYYY-MM-DD or DD/MM/YYYY");
	return EHCP_EINVALID;
}

char *ehcp_date_format_iso(char *buf, ehcp_date d)
{
	if (d == EHCP_DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	snprintf(buf, EHCP_DATE_ISO_LEN, "%04d-%02d-%02d", y, m, day);
	return buf;
}

char *ehcp_date_format_long(char *buf, ehcp_date d)
{
	static const char *const wd[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	if (d == EHCP_DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	snprintf(buf, EHCP_DATE_LONG_LEN, "%s %d %.3s %d", wd[ehcp_date_weekday(d) - 1], day,
	         month_names[m - 1], y);
	return buf;
}
