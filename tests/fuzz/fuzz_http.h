/* What every parse of the HTTP fuzzers must leave: pairs inside the
 * struct's text, NUL-terminated, within the limits. */
#include <stdlib.h>
#include <string.h>

#include "http/parse.h"

static void check_params(const ehcp_http_params *p)
{
	if (p->count > EHCP_HTTP_PARAMS_MAX || p->used > sizeof p->text)
		abort();
	for (size_t i = 0; i < p->count; i++) {
		const char *n = p->items[i].name, *v = p->items[i].value;
		if (n < p->text || n >= p->text + p->used || v < p->text || v >= p->text + p->used)
			abort();
		if (n + strlen(n) >= p->text + p->used || v + strlen(v) >= p->text + p->used)
			abort();
	}
}
