#ifndef EHCP_HTTP_PARSE_H
#define EHCP_HTTP_PARSE_H

/*
 * The pieces of an HTTP request the service parses itself: query strings,
 * application/x-www-form-urlencoded bodies (the same decoder) and Cookie
 * headers.  Pure and bounded: the result lives in a fixed struct (no
 * allocation), anything larger than its limits is refused, and so is a
 * malformed escape.  Internal to the library and the server.
 */

#include <stddef.h>
#include <stdio.h>

/* At most this many parameters, and this many bytes of input. */
#define EHCP_HTTP_PARAMS_MAX 64
#define EHCP_HTTP_INPUT_MAX 8192

typedef struct ehcp_http_param {
	const char *name;   /* decoded, NUL-terminated, inside the struct */
	const char *value;  /* "" for a name without '=' */
} ehcp_http_param;

typedef struct ehcp_http_params {
	size_t count;
	ehcp_http_param items[EHCP_HTTP_PARAMS_MAX];
	/* the decoded names and values, each with its NUL */
	size_t used;
	char text[EHCP_HTTP_INPUT_MAX + 2 * EHCP_HTTP_PARAMS_MAX];
} ehcp_http_params;

/*
 * a=1&b=x%20y: '&' separates pairs (empty ones are skipped), '+' is a
 * space, %XX a byte.  Refused (EHCP_EINVALID): a '%' without two hex
 * digits, %00, a raw control character, a pair without a name, more than
 * the limits.  Repeated names are kept, in order.
 */
int ehcp_http_query_parse(ehcp_http_params *out, const char *s, size_t len);
/* A form body: the same as a query string. */
int ehcp_http_form_parse(ehcp_http_params *out, const char *s, size_t len);

/*
 * a=b; c="d": pairs separated by ';' and optional spaces; a value in
 * double quotes loses them; no decoding (RFC 6265).  A pair the browser
 * should not have sent (no '=', a name that is no token, a value with
 * characters a cookie cannot have) is skipped, since other sites' cookies
 * on the same host are none of ours; more than the limits is refused.
 */
int ehcp_http_cookie_parse(ehcp_http_params *out, const char *s, size_t len);

/* The one value of `name`: 0, EHCP_ENOTFOUND if absent, EHCP_EINVALID if
 * it is given more than once (a form's token must not be ambiguous). */
int ehcp_http_param_get(const char **value, const ehcp_http_params *p, const char *name);

/* How many times `name` appears. */
size_t ehcp_http_param_count(const ehcp_http_params *p, const char *name);

/* A path as the server writes it into a URL or a Location header: letters,
 * digits, - . _ ~ and / as they are, every other byte as %XX, so that
 * nothing in it can end a header or start a query. */
void ehcp_http_path_write(FILE *f, const char *path);

#endif
