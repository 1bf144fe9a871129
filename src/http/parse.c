/* Query strings, form bodies and cookies: bounded, allocation-free. */
#include <stdbool.h>
#include <string.h>

#include "core/errors_internal.h"
#include "http/parse.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void reset(ehcp_http_params *out)
{
	out->count = 0;
	out->used = 0;
}

/* Appends bytes (already decoded) and a NUL to the text; the text is
 * sized so that the input's bytes and two NULs per pair always fit. */
static char *put(ehcp_http_params *out, const char *s, size_t n)
{
	char *at = out->text + out->used;
	memcpy(at, s, n);
	at[n] = '\0';
	out->used += n + 1;
	return at;
}

/* Decodes s[0..n) into the text, form-style; NULL with the last error
 * set for a bad escape or a raw control character. */
static const char *decode(ehcp_http_params *out, const char *s, size_t n)
{
	char *start = out->text + out->used;
	char *w = start;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '+') {
			*w++ = ' ';
		} else if (c == '%') {
			if (i + 2 >= n || hex_digit(s[i + 1]) < 0 || hex_digit(s[i + 2]) < 0) {
				ehcp_fail(EHCP_EINVALID, "a '%%' not followed by two hexadecimal digits");
				return NULL;
			}
			int v = hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]);
			if (v == 0) {
				ehcp_fail(EHCP_EINVALID, "a NUL (%%00) in a parameter");
				return NULL;
			}
			*w++ = (char)v;
			i += 2;
		} else if (c < 0x20 || c == 0x7f) {
			ehcp_fail(EHCP_EINVALID, "a control character in a parameter");
			return NULL;
		} else {
			*w++ = (char)c;
		}
	}
	*w = '\0';
	out->used += (size_t)(w - start) + 1;
	return start;
}

static int add(ehcp_http_params *out, const char *name, const char *value)
{
	if (out->count == EHCP_HTTP_PARAMS_MAX)
		return ehcp_fail(EHCP_EINVALID, "more than %d parameters", EHCP_HTTP_PARAMS_MAX);
	out->items[out->count].name = name;
	out->items[out->count].value = value;
	out->count++;
	return 0;
}

int ehcp_http_query_parse(ehcp_http_params *out, const char *s, size_t len)
{
	if (!out)
		return ehcp_fail(EHCP_EINVALID, "nowhere to put the parameters");
	reset(out);
	if (len > EHCP_HTTP_INPUT_MAX)
		return ehcp_fail(EHCP_EINVALID, "parameters longer than %d bytes", EHCP_HTTP_INPUT_MAX);
	if (!s && len > 0)
		return ehcp_fail(EHCP_EINVALID, "no parameters to parse");
	size_t i = 0;
	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t end = amp ? (size_t)(amp - s) : len;
		if (end > i) {
			const char *eq = memchr(s + i, '=', end - i);
			size_t name_end = eq ? (size_t)(eq - s) : end;
			if (name_end == i) {
				reset(out);
				return ehcp_fail(EHCP_EINVALID, "a parameter without a name");
			}
			/* Refused before decoding, so the text never overflows. */
			if (out->count == EHCP_HTTP_PARAMS_MAX) {
				reset(out);
				return ehcp_fail(EHCP_EINVALID, "more than %d parameters", EHCP_HTTP_PARAMS_MAX);
			}
			const char *name = decode(out, s + i, name_end - i);
			const char *value = name ? (eq ? decode(out, eq + 1, end - name_end - 1) : put(out, "", 0)) : NULL;
			if (!value || add(out, name, value) < 0) {
				reset(out);
				return EHCP_EINVALID;
			}
		}
		i = end + 1;
	}
	return 0;
}

int ehcp_http_form_parse(ehcp_http_params *out, const char *s, size_t len)
{
	return ehcp_http_query_parse(out, s, len);
}

/* RFC 7230's tchar. */
static bool is_tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* RFC 6265's cookie-octet. */
static bool is_cookie_octet(unsigned char c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) || (c >= 0x3c && c <= 0x5b) ||
	       (c >= 0x5d && c <= 0x7e);
}

static bool all(const char *s, size_t n, bool (*ok)(unsigned char))
{
	for (size_t i = 0; i < n; i++)
		if (!ok((unsigned char)s[i]))
			return false;
	return true;
}

int ehcp_http_cookie_parse(ehcp_http_params *out, const char *s, size_t len)
{
	if (!out)
		return ehcp_fail(EHCP_EINVALID, "nowhere to put the cookies");
	reset(out);
	if (len > EHCP_HTTP_INPUT_MAX)
		return ehcp_fail(EHCP_EINVALID, "cookies longer than %d bytes", EHCP_HTTP_INPUT_MAX);
	if (!s && len > 0)
		return ehcp_fail(EHCP_EINVALID, "no cookies to parse");
	size_t i = 0;
	while (i < len) {
		const char *semi = memchr(s + i, ';', len - i);
		size_t end = semi ? (size_t)(semi - s) : len;
		size_t a = i, b = end;
		while (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		const char *eq = a < b ? memchr(s + a, '=', b - a) : NULL;
		if (eq) {
			size_t ne = (size_t)(eq - s), vs = ne + 1, ve = b;
			while (ne > a && (s[ne - 1] == ' ' || s[ne - 1] == '\t'))
				ne--;
			while (vs < ve && (s[vs] == ' ' || s[vs] == '\t'))
				vs++;
			if (ve - vs >= 2 && s[vs] == '"' && s[ve - 1] == '"')
				vs++, ve--;
			if (ne > a && all(s + a, ne - a, is_tchar) && all(s + vs, ve - vs, is_cookie_octet)) {
				if (out->count == EHCP_HTTP_PARAMS_MAX) {
					reset(out);
					return ehcp_fail(EHCP_EINVALID, "more than %d cookies", EHCP_HTTP_PARAMS_MAX);
				}
				const char *name = put(out, s + a, ne - a);
				const char *value = put(out, s + vs, ve - vs);
				(void)add(out, name, value);
			}
		}
		i = end + 1;
	}
	return 0;
}

size_t ehcp_http_param_count(const ehcp_http_params *p, const char *name)
{
	size_t n = 0;
	for (size_t i = 0; p && name && i < p->count; i++)
		n += strcmp(p->items[i].name, name) == 0;
	return n;
}

int ehcp_http_param_get(const char **value, const ehcp_http_params *p, const char *name)
{
	*value = NULL;
	size_t n = ehcp_http_param_count(p, name);
	if (n == 0)
		return ehcp_fail(EHCP_ENOTFOUND, "no parameter %s", name ? name : "");
	if (n > 1)
		return ehcp_fail(EHCP_EINVALID, "parameter %s given %zu times", name, n);
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->items[i].name, name) == 0)
			*value = p->items[i].value;
	return 0;
}

void ehcp_http_path_write(FILE *f, const char *path)
{
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		const bool keep = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		                  strchr("-._~/", *p);
		fprintf(f, keep ? "%c" : "%%%02X", *p);
	}
}
