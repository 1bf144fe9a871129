/* The one place the library reads the machine's clock. */
#include <time.h>

#include "ehcp/date.h"

ehcp_date ehcp_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return ehcp_date_from_ymd_unchecked(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
