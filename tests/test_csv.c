/* The RFC 4180 reader. */
#include "io/csv.h"
#include "ehcp/errors.h"
#include "harness.h"

/* Reads all rows of `text` (len bytes) and renders them as
 * "line:field|field;line:field;" or "ERR <message>". */
static const char *render(const char *text, size_t len)
{
	static char out[8192];
	out[0] = '\0';
	FILE *f = fmemopen((void *)text, len, "r");
	ehcp_csv *r;
	ehcp_csv_new(&r, f);
	for (;;) {
		size_t n;
		const char *const *fields;
		const size_t *lens;
		int rc = ehcp_csv_next(r, &n, &fields, &lens);
		if (rc < 0) {
			snprintf(out, sizeof out, "ERR %s", ehcp_error_last());
			break;
		}
		if (rc == 0)
			break;
		char *p = out + strlen(out);
		p += sprintf(p, "%llu:", (unsigned long long)ehcp_csv_line(r));
		for (size_t i = 0; i < n; i++) {
			for (size_t k = 0; k < lens[i]; k++)
				*p++ = fields[i][k] == '\0' ? '0' : fields[i][k] == '\n' ? '/' : fields[i][k];
			*p++ = i + 1 < n ? '|' : ';';
		}
		*p = '\0';
	}
	ehcp_csv_free(r);
	fclose(f);
	return out;
}

#define R(s) render(s, sizeof(s) - 1)

int main(void)
{
	CHECK_STR(R("a,b,c\n1,2,3\n"), "1:a|b|c;2:1|2|3;");
	CHECK_STR(R("a,b\r\n1,2\r\n"), "1:a|b;2:1|2;");
	CHECK_STR(R("a,b\n1,2"), "1:a|b;2:1|2;");
	CHECK_STR(R("\xEF\xBB\xBF" "a,b\n1,2\n"), "1:a|b;2:1|2;");
	CHECK_STR(R("a,,c\n,,\n"), "1:a||c;2:||;");
	CHECK_STR(R("a\n\n\r\nb\n"), "1:a;4:b;");
	CHECK_STR(R("\"x,y\",\"say \"\"hi\"\"\"\n"), "1:x,y|say \"hi\";");
	CHECK_STR(R("\"two\nlines\",z\nnext,row\n"), "1:two/lines|z;3:next|row;");
	CHECK_STR(R("\"\",b\n"), "1:|b;");
	CHECK_STR(R("a,b\n\"open,c\n"), "ERR line 2: a quoted field is not closed");
	CHECK_STR(R("a,b\n\"x\"y,c\n"), "ERR line 2: text after the closing quote of a field");
	CHECK_STR(R("a,b\nx\"y,c\n"), "ERR line 2: a quote inside a field that is not quoted");
	CHECK_STR(render("a,b\nx\0y,c\n", 10), "1:a|b;2:x0y|c;");
	CHECK_STR(R(""), "");
	CHECK_STR(R("\xEF\xBB" "a"), "ERR line 1: not UTF-8 text");

	/* A row that never ends is refused at 1 MiB, not read into memory. */
	size_t big = EHCP_CSV_ROW_MAX + 100;
	char *huge = malloc(big);
	memset(huge, 'x', big);
	CHECK_HAS(render(huge, big), "ERR line 1: the row is longer than 1048576 bytes");
	/* So is a row of too many fields. */
	memset(huge, ',', 5000);
	CHECK_HAS(render(huge, 5000), "ERR line 1: more than 1000 fields");
	free(huge);
	return harness_finish("test_csv");
}
