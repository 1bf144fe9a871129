/* Typed values: their text in CSV's spelling. */
#include <inttypes.h>
#include <stdio.h>

#include "ehcp/value.h"

double ehcp_value_as_double(const ehcp_value *v)
{
	if (v->null)
		return 0;
	if (v->type == EHCP_VALUE_NUMBER) {
		double d = (double)v->i;
		for (int k = 0; k < v->scale; k++)
			d /= 10;
		return d;
	}
	return v->type == EHCP_VALUE_INT || v->type == EHCP_VALUE_BOOL ? (double)v->i : 0;
}

char *ehcp_value_format(char *buf, size_t len, const ehcp_value *v)
{
	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (v->null)
		return buf;
	switch (v->type) {
	case EHCP_VALUE_TEXT: snprintf(buf, len, "%s", v->text ? v->text : ""); break;
	case EHCP_VALUE_INT: snprintf(buf, len, "%" PRId64, v->i); break;
	case EHCP_VALUE_BOOL: snprintf(buf, len, "%s", v->i ? "true" : "false"); break;
	case EHCP_VALUE_DATE: {
		char d[EHCP_DATE_ISO_LEN];
		snprintf(buf, len, "%s", ehcp_date_format_iso(d, v->date));
		break;
	}
	case EHCP_VALUE_NUMBER: {
		/* at most 18 digits after the point fit in an int64_t */
		const int scale = v->scale < 0 ? 0 : v->scale > 18 ? 18 : v->scale;
		int64_t p = 1;
		for (int k = 0; k < scale; k++)
			p *= 10;
		const int64_t a = v->i < 0 ? -v->i : v->i;
		if (scale > 0)
			snprintf(buf, len, "%s%" PRId64 ".%0*" PRId64, v->i < 0 ? "-" : "", a / p, scale, a % p);
		else
			snprintf(buf, len, "%" PRId64, v->i);
		break;
	}
	}
	return buf;
}
