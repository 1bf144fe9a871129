/* The names of the formats, and their options. */
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/format.h"

static const char *const names[] = {"table", "csv", "json"};

int ehcp_format_parse(ehcp_format *out, const char *s)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (s && strcmp(s, names[i]) == 0) {
			*out = (ehcp_format)i;
			return 0;
		}
	return ehcp_fail(EHCP_EINVALID, "\"%s\" is not table, csv or json", s ? s : "");
}

const char *ehcp_format_name(ehcp_format f)
{
	return (unsigned)f < sizeof names / sizeof names[0] ? names[f] : "?";
}

int ehcp_format_options_init(ehcp_format_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_FORMAT_OPTIONS_VERSION, EHCP_FORMAT_OPTIONS_INIT,
	                       "ehcp_format_options");
}
