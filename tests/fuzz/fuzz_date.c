/* libFuzzer target: the date parser.  Whatever it accepts must format back
 * to the same day, and the clock must take it without complaint. */
#include <stdlib.h>
#include <string.h>

#include "ehcp/clock.h"
#include "ehcp/date.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	ehcp_date d;
	char why[160];
	if (ehcp_date_parse(&d, (const char *)data, size, why, sizeof why) != 0)
		return 0;
	char iso[EHCP_DATE_ISO_LEN], longf[EHCP_DATE_LONG_LEN];
	ehcp_date_format_iso(iso, d);
	ehcp_date back;
	if (ehcp_date_parse_iso(&back, iso, strlen(iso), why, sizeof why) != 0 || back != d)
		abort();
	ehcp_date_format_long(longf, d);
	int y, m, day;
	ehcp_date_to_ymd(d, &y, &m, &day);
	if (ehcp_date_from_ymd_unchecked(y, m, day) != d || ehcp_date_weekday(d) < 1 || ehcp_date_weekday(d) > 7)
		abort();
	ehcp_case_dates c = EHCP_CASE_DATES_INIT;
	c.request = d;
	ehcp_clock_view v;
	ehcp_clock_view_on(&v, &c, d + 100, 14);
	ehcp_deadline dl[EHCP_DEADLINE_COUNT];
	ehcp_clock_deadlines(dl, &c);
	return 0;
}
