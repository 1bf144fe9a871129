/* The RFC 4180 reader. */
#include <errno.h>
#include <unistd.h>

#include "io/csv.h"
#include "ehcp/errors.h"
#include "harness.h"

/* Reads all rows of `f` and renders them as "line:field|field;line:field;",
 * then "ERR <message>" in their place, or after them with rows_too. */
static const char *render_stream(FILE *f, bool rows_too)
{
	static char out[8192];
	out[0] = '\0';
	ehcp_csv *r;
	ehcp_csv_new(&r, f);
	for (;;) {
		size_t n;
		const char *const *fields;
		const size_t *lens;
		int rc = ehcp_csv_next(r, &n, &fields, &lens);
		if (rc < 0) {
			size_t at = rows_too ? strlen(out) : 0;
			snprintf(out + at, sizeof out - at, "ERR %s", ehcp_error_last());
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
	return out;
}

static const char *render(const char *text, size_t len)
{
	FILE *f = fmemopen((void *)text, len, "r");
	const char *out = render_stream(f, false);
	fclose(f);
	return out;
}

/* A stream whose reads give the first `good` bytes of `text`, then fail
 * with EIO, as a disk or network file system can part-way through. */
typedef struct {
	const char *text;
	size_t pos, good;
	int reads_after; /* failed reads asked for */
} failing;

static ssize_t failing_read(void *cookie, char *buf, size_t size)
{
	failing *f = cookie;
	if (f->pos == f->good) {
		f->reads_after++;
		errno = EIO;
		return -1;
	}
	size_t n = f->good - f->pos < size ? f->good - f->pos : size;
	memcpy(buf, f->text + f->pos, n);
	f->pos += n;
	return (ssize_t)n;
}

static const char *render_failing(const char *text, size_t good)
{
	failing state = {text, 0, good, 0};
	FILE *f = fopencookie(&state, "r", (cookie_io_functions_t){.read = failing_read});
	const char *out = render_stream(f, true);
	fclose(f);
	return out;
}

/* Reads that fail are not the end of the file: the rows before the failure
 * come, then an error naming the input and the line, and never a row cut
 * short or the end. */
static void test_read_errors(void)
{
	const char *text = "a,b\n1,2\n3,4\n";
	CHECK_STR(render_failing(text, 0), "ERR cannot read the input at line 1: Input/output error");
	/* part of a row: not returned as if it ended there */
	CHECK_STR(render_failing(text, 9), "1:a|b;2:1|2;ERR cannot read the input at line 3: Input/output error");
	CHECK_STR(render_failing(text, 10), "1:a|b;2:1|2;ERR cannot read the input at line 3: Input/output error");
	/* whole rows, then a failure where the next would begin */
	CHECK_STR(render_failing(text, 8), "1:a|b;2:1|2;ERR cannot read the input at line 3: Input/output error");
	/* inside a quoted field or the byte-order mark: the error, not a parse error */
	CHECK_STR(render_failing("a,\"b\nc\"\n", 5), "ERR cannot read the input at line 2: Input/output error");
	CHECK_STR(render_failing("\xEF\xBB\xBF" "a\n", 2), "ERR cannot read the input at line 1: Input/output error");
	/* all of it read, then a failure where the end would be */
	CHECK_STR(render_failing(text, strlen(text)), "1:a|b;2:1|2;3:3|4;ERR cannot read the input at line 4: Input/output error");

	/* A failure after many full buffers: every row before it, then the error. */
	size_t rows = 40000, good = 4 * 30001 + 2;
	char *big = malloc(4 * rows + 1);
	for (size_t i = 0; i < rows; i++)
		memcpy(big + 4 * i, "x,y\n", 4);
	big[4 * rows] = '\0';
	failing state = {big, 0, good, 0};
	FILE *f = fopencookie(&state, "r", (cookie_io_functions_t){.read = failing_read});
	ehcp_csv *r;
	ehcp_csv_new(&r, f);
	size_t n, got = 0;
	const char *const *fields;
	const size_t *lens;
	int rc;
	while ((rc = ehcp_csv_next(r, &n, &fields, &lens)) == 1)
		got++;
	CHECK_INT(rc, EHCP_EOS);
	CHECK_INT(got, 30001);
	CHECK_STR(ehcp_error_last(), "cannot read the input at line 30002: Input/output error");
	/* and it stays failed, without asking the stream again and again */
	CHECK_INT(ehcp_csv_next(r, &n, &fields, &lens), EHCP_EOS);
	CHECK_INT(state.reads_after, 1);
	ehcp_csv_free(r);
	fclose(f);
	free(big);

	/* A file: the message names it.  (A directory opens, but every read
	 * fails.) */
	char dir[] = "/tmp/ehcp-csv-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	f = fopen(dir, "r");
	CHECK(f != NULL);
	ehcp_csv_new(&r, f);
	CHECK_INT(ehcp_csv_next(r, &n, &fields, &lens), EHCP_EOS);
	char want[128];
	snprintf(want, sizeof want, "cannot read %s at line 1: Is a directory", dir);
	CHECK_STR(ehcp_error_last(), want);
	ehcp_csv_free(r);
	fclose(f);
	rmdir(dir);
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

	test_read_errors();
	return harness_finish("test_csv");
}
