/* libFuzzer target: query strings.  Beyond not crashing, a parse that
 * succeeds must survive a round trip: every pair written back with each
 * byte %-escaped parses to the same pairs. */
#include <stdio.h>

#include "fuzz_http.h"

static ehcp_http_params p, again;
static char encoded[3 * (EHCP_HTTP_INPUT_MAX + 2 * EHCP_HTTP_PARAMS_MAX)];

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (ehcp_http_query_parse(&p, (const char *)data, size) < 0)
		return 0;
	check_params(&p);
	size_t at = 0;
	for (size_t i = 0; i < p.count; i++) {
		if (i)
			encoded[at++] = '&';
		for (const char *s = p.items[i].name; *s; s++)
			at += (size_t)sprintf(encoded + at, "%%%02X", (unsigned char)*s);
		encoded[at++] = '=';
		for (const char *s = p.items[i].value; *s; s++)
			at += (size_t)sprintf(encoded + at, "%%%02X", (unsigned char)*s);
	}
	/* Escaped, it may be longer than the limit: then nothing to compare. */
	if (ehcp_http_query_parse(&again, encoded, at) < 0) {
		if (at <= EHCP_HTTP_INPUT_MAX)
			abort();
		return 0;
	}
	if (again.count != p.count)
		abort();
	for (size_t i = 0; i < p.count; i++)
		if (strcmp(again.items[i].name, p.items[i].name) != 0 || strcmp(again.items[i].value, p.items[i].value) != 0)
			abort();
	return 0;
}
