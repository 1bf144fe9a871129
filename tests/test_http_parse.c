/* The query-string, form and cookie parsers: exact pairs for each input,
 * and every refusal with its message. */
#include "harness.h"
#include "http/parse.h"
#include "ehcp/errors.h"

static ehcp_http_params p;

/* The pairs as name=value joined by '|', or "ERROR <message>". */
static const char *show(int rc)
{
	static char buf[EHCP_HTTP_INPUT_MAX * 2];
	if (rc < 0) {
		snprintf(buf, sizeof buf, "ERROR %s", ehcp_error_last());
		return buf;
	}
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < p.count; i++)
		at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s=%s", i ? "|" : "", p.items[i].name,
		                       p.items[i].value);
	return buf;
}

static const char *query(const char *s)
{
	return show(ehcp_http_query_parse(&p, s, strlen(s)));
}

static const char *cookie(const char *s)
{
	return show(ehcp_http_cookie_parse(&p, s, strlen(s)));
}

/* ehcp_http_path_write's output, as a string (static buffer). */
static const char *path_written(const char *path)
{
	static char buf[256];
	buf[0] = '\0';   /* fmemopen leaves it as it was when nothing is written */
	FILE *f = fmemopen(buf, sizeof buf, "w");
	if (!f)
		return "<fmemopen failed>";
	ehcp_http_path_write(f, path);
	fclose(f);
	return buf;
}

int main(void)
{
	/* paths kept to a few bytes, the rest %XX (worked by hand: ' ' 20,
	 * '?' 3F, CR 0D, LF 0A, ':' 3A, '%' 25, '\\' 5C, UTF-8 e2 82 ac) */
	CHECK_STR(path_written("/cases/EHC-2020_0001.~x"), "/cases/EHC-2020_0001.~x");
	CHECK_STR(path_written("/cases/a b?c"), "/cases/a%20b%3Fc");
	CHECK_STR(path_written("/a\r\nSet-Cookie: x"), "/a%0D%0ASet-Cookie%3A%20x");
	CHECK_STR(path_written("/100%\\\xe2\x82\xac"), "/100%25%5C%E2%82%AC");
	CHECK_STR(path_written(""), "");

	CHECK_STR(query(""), "");
	CHECK_STR(query("a=1&b=x%20y"), "a=1|b=x y");
	CHECK_STR(query("q=a+b%2Bc"), "q=a b+c");          /* + is a space, %2B a plus */
	CHECK_STR(query("caseworker=A.%20Khan&status=overdue,nearing"), "caseworker=A. Khan|status=overdue,nearing");
	CHECK_STR(query("a=1&&b=2&"), "a=1|b=2");           /* empty pairs skipped */
	CHECK_STR(query("flag&x="), "flag=|x=");            /* no '=', or nothing after it */
	CHECK_STR(query("a=1&a=2"), "a=1|a=2");             /* repeated, in order */
	CHECK_STR(query("a=b=c"), "a=b=c");                 /* the first '=' splits */
	CHECK_STR(query("%41%62=%e2%82%ac"), "Ab=\xe2\x82\xac"); /* either case of hex; UTF-8 bytes */
	CHECK_STR(query("n%20m=v"), "n m=v");
	CHECK_STR(query("a=%"), "ERROR a '%' not followed by two hexadecimal digits");
	CHECK_STR(query("a=%4"), "ERROR a '%' not followed by two hexadecimal digits");
	CHECK_STR(query("a=%4g"), "ERROR a '%' not followed by two hexadecimal digits");
	CHECK_STR(query("a=%%41"), "ERROR a '%' not followed by two hexadecimal digits");
	CHECK_STR(query("a=%00"), "ERROR a NUL (%00) in a parameter");
	CHECK_STR(query("a=x\ny"), "ERROR a control character in a parameter");
	CHECK_STR(query("=1"), "ERROR a parameter without a name");
	CHECK_INT(p.count, 0);                              /* a refusal leaves nothing */
	CHECK_STR(show(ehcp_http_form_parse(&p, "csrf=abc&name=t.lead&password=p%40ss+word", 41)),
	          "csrf=abc|name=t.lead|password=p@ss word");
	/* The length given is what is parsed, not up to a NUL. */
	CHECK_STR(show(ehcp_http_query_parse(&p, "a=1&b=2", 3)), "a=1");

	/* Limits: 64 pairs fit, 65 do not; 8192 bytes fit, 8193 do not. */
	char big[EHCP_HTTP_INPUT_MAX + 2];
	size_t at = 0;
	for (int i = 0; i < 64; i++)
		at += (size_t)snprintf(big + at, sizeof big - at, "k%d=v&", i);
	CHECK_INT(ehcp_http_query_parse(&p, big, at), 0);
	CHECK_INT(p.count, 64);
	CHECK_STR(p.items[63].name, "k63");
	snprintf(big + at, sizeof big - at, "k64=v");
	CHECK_STR(query(big), "ERROR more than 64 parameters");
	memset(big, 'a', EHCP_HTTP_INPUT_MAX);
	big[0] = 'x';
	big[1] = '=';
	CHECK_INT(ehcp_http_query_parse(&p, big, EHCP_HTTP_INPUT_MAX), 0);
	CHECK_INT(strlen(p.items[0].value), EHCP_HTTP_INPUT_MAX - 2);
	CHECK_STR(show(ehcp_http_query_parse(&p, big, EHCP_HTTP_INPUT_MAX + 1)), "ERROR parameters longer than 8192 bytes");
	/* The text holds 64 names-without-values of the whole input's worth:
	 * "a&a&...": 4096 pairs would be too many, 64 long names fit. */
	at = 0;
	for (int i = 0; i < 64; i++) {
		memset(big + at, 'n', 127);
		at += 127;
		big[at++] = '&';
	}
	CHECK_INT(ehcp_http_query_parse(&p, big, at), 0);
	CHECK_INT(p.count, 64);
	CHECK_INT(strlen(p.items[63].name), 127);
	CHECK_STR(p.items[63].value, "");

	const char *v = NULL;
	CHECK_INT(ehcp_http_query_parse(&p, "a=1&b=2&a=3", 11), 0);
	CHECK_INT(ehcp_http_param_get(&v, &p, "b"), 0);
	CHECK_STR(v, "2");
	CHECK_INT(ehcp_http_param_get(&v, &p, "a"), EHCP_EINVALID);
	CHECK_STR(ehcp_error_last(), "parameter a given 2 times");
	CHECK(v == NULL);
	CHECK_INT(ehcp_http_param_get(&v, &p, "c"), EHCP_ENOTFOUND);
	CHECK_STR(ehcp_error_last(), "no parameter c");
	CHECK_INT(ehcp_http_param_count(&p, "a"), 2);

	CHECK_STR(cookie(""), "");
	CHECK_STR(cookie("a=b; c=d"), "a=b|c=d");
	CHECK_STR(cookie("a=b;c=d"), "a=b|c=d");
	CHECK_STR(cookie("  ehcp_session=Xlj9jnoygwZQ9D6nq7x6F0Qh786ZH3wZshz3_7nQbBk ; theme=dark"),
	          "ehcp_session=Xlj9jnoygwZQ9D6nq7x6F0Qh786ZH3wZshz3_7nQbBk|theme=dark");
	CHECK_STR(cookie("a=\"quoted value\"; b=\"x\""), "b=x");        /* a space is no cookie-octet */
	CHECK_STR(cookie("a=\"q\"; b=\"\""), "a=q|b=");
	CHECK_STR(cookie("a=%20"), "a=%20");                             /* no decoding */
	CHECK_STR(cookie("novalue; =x; a b=c; d=e"), "d=e");             /* skipped: no '=', no name, bad name */
	CHECK_STR(cookie("a=x,y; b=z\\w; c=ok"), "c=ok");                /* ',' and '\' cannot be in a value */
	CHECK_STR(cookie("a=1; a=2"), "a=1|a=2");
	CHECK_STR(cookie("a=\""), "");                                   /* a lone quote */
	CHECK_STR(cookie(";;; a=1 ;"), "a=1");
	at = 0;
	for (int i = 0; i < 65; i++)
		at += (size_t)snprintf(big + at, sizeof big - at, "c%d=v; ", i);
	CHECK_STR(cookie(big), "ERROR more than 64 cookies");
	memset(big, 'a', EHCP_HTTP_INPUT_MAX + 1);
	CHECK_STR(show(ehcp_http_cookie_parse(&p, big, EHCP_HTTP_INPUT_MAX + 1)), "ERROR cookies longer than 8192 bytes");
	return harness_finish("http_parse");
}
