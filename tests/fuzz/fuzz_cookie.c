/* libFuzzer target: Cookie headers.  Whatever is kept must be a token
 * name and a value of cookie-octets only. */
#include "fuzz_http.h"

static ehcp_http_params p;

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (ehcp_http_cookie_parse(&p, (const char *)data, size) < 0)
		return 0;
	check_params(&p);
	for (size_t i = 0; i < p.count; i++) {
		const char *n = p.items[i].name, *v = p.items[i].value;
		if (!*n || strpbrk(n, " \t;=\",\\") || strpbrk(v, " \t;\",\\"))
			abort();
	}
	return 0;
}
