/* libFuzzer target: form bodies, and the single-value lookup on them
 * (a name given twice must be refused, never half-read). */
#include "fuzz_http.h"

static ehcp_http_params p;

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (ehcp_http_form_parse(&p, (const char *)data, size) < 0)
		return 0;
	check_params(&p);
	for (size_t i = 0; i < p.count; i++) {
		const char *v = NULL;
		int rc = ehcp_http_param_get(&v, &p, p.items[i].name);
		size_t n = ehcp_http_param_count(&p, p.items[i].name);
		if (n == 0 || (n == 1) != (rc == 0) || (rc == 0 && v != p.items[i].value))
			abort();
	}
	return 0;
}
