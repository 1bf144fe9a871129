#ifndef EHCP_VALUE_H
#define EHCP_VALUE_H

/*
 * A typed value, as fetches hand back their results: numbers as numbers,
 * dates as dates.  A decimal (a percentage, a mean) is exact: an integer
 * and the number of digits after its point, so 57.1 is {571, scale 1},
 * never re-rounded on the way to the reader.  Values are plain data: they
 * may be read from any thread while nothing writes them.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ehcp/common.h"
#include "ehcp/date.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ehcp_value_type {
	EHCP_VALUE_TEXT = 0,
	EHCP_VALUE_INT,
	EHCP_VALUE_NUMBER,    /* decimal: i / 10^scale */
	EHCP_VALUE_DATE,
	EHCP_VALUE_BOOL
} ehcp_value_type;

typedef struct ehcp_value {
	ehcp_value_type type;
	bool null;            /* nothing to show (no percentage for an empty period) */
	int scale;            /* NUMBER: digits after the point */
	int64_t i;            /* INT; NUMBER: the value times 10^scale; BOOL: 0 or 1 */
	ehcp_date date;       /* DATE */
	const char *text;     /* TEXT: owned by whatever holds the value */
} ehcp_value;

/* An INT or NUMBER as a double (for a chart's scale); 0 when null. */
double ehcp_value_as_double(const ehcp_value *v);

/*
 * The value as CSV writes it: text as it is, numbers in digits with their
 * scale ("57.1"), dates YYYY-MM-DD, booleans "true"/"false", "" when null.
 * Returns buf; cut to len - 1 bytes.
 */
char *ehcp_value_format(char *buf, size_t len, const ehcp_value *v);

#ifdef __cplusplus
}
#endif

#endif
