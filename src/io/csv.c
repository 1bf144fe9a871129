#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/csv.h"
#include "core/errors_internal.h"

struct ehcp_csv {
	FILE *in;
	char buf[65536];
	size_t pos, len;
	bool eof, started;
	int read_errno;      /* why a read failed; what it returned is still used */
	bool cut_short;      /* the reader met the end of what could be read */
	uint64_t line;       /* current line */
	uint64_t row_line;   /* line the current row began on */
	uint64_t bytes;
	char *row;           /* the fields' bytes, each NUL-terminated */
	size_t row_len, row_cap;
	size_t *starts;      /* offsets into row */
	size_t *lens;
	const char **fields;
	size_t nfields, fields_cap;
};

int ehcp_csv_new(ehcp_csv **out, FILE *in)
{
	ehcp_csv *r = calloc(1, sizeof *r);
	if (!r)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	r->in = in;
	r->line = 1;
	*out = r;
	return 0;
}

void ehcp_csv_free(ehcp_csv *r)
{
	if (!r)
		return;
	free(r->row);
	free(r->starts);
	free(r->lens);
	free(r->fields);
	free(r);
}

uint64_t ehcp_csv_line(const ehcp_csv *r) { return r->row_line; }
uint64_t ehcp_csv_bytes(const ehcp_csv *r) { return r->bytes; }

/* The next byte, or -1 at the end of the input or of what could be read
 * of it (then cut_short is set, and ehcp_csv_next fails). */
static inline int peek(ehcp_csv *r)
{
	if (r->pos == r->len) {
		if (!r->eof) {
			errno = 0;
			r->len = fread(r->buf, 1, sizeof r->buf, r->in);
			r->pos = 0;
			/* fread returns what it had before a failed read: that is used,
			 * and no more is asked for, so the error is met where the
			 * readable part ends. */
			if (ferror(r->in)) {
				r->read_errno = errno ? errno : EIO;
				r->eof = true;
			}
			if (r->len == 0)
				r->eof = true;
		}
		if (r->pos == r->len) {
			r->cut_short = r->read_errno != 0;
			return -1;
		}
	}
	return (unsigned char)r->buf[r->pos];
}

/* What the input is, for messages: its path where the system can tell. */
static void input_name(FILE *in, char *buf, size_t len)
{
	int fd = fileno(in);
	ssize_t n = -1;
	if (fd == STDIN_FILENO) {
		snprintf(buf, len, "standard input");
		return;
	}
	if (fd >= 0) {
		char link[64];
		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		n = readlink(link, buf, len - 1);
	}
	if (n > 0 && buf[0] == '/')
		buf[n] = '\0';
	else
		snprintf(buf, len, "the input"); /* a memory stream, or no /proc */
}

static inline void advance(ehcp_csv *r)
{
	r->pos++;
	r->bytes++;
}

static int put(ehcp_csv *r, char c)
{
	if (r->row_len + 1 >= r->row_cap) {
		if (r->row_cap >= EHCP_CSV_ROW_MAX)
			return ehcp_fail(EHCP_EINVALID, "line %llu: the row is longer than %u bytes: is this a CSV file?",
			                 (unsigned long long)r->row_line, EHCP_CSV_ROW_MAX);
		size_t cap = r->row_cap ? r->row_cap * 2 : 4096;
		char *p = realloc(r->row, cap);
		if (!p)
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
		r->row = p;
		r->row_cap = cap;
	}
	r->row[r->row_len++] = c;
	return 0;
}

static int end_field(ehcp_csv *r, size_t start)
{
	if (r->nfields == r->fields_cap) {
		if (r->fields_cap >= EHCP_CSV_FIELDS_MAX)
			return ehcp_fail(EHCP_EINVALID, "line %llu: more than %d fields: is this a CSV file?",
			                 (unsigned long long)r->row_line, EHCP_CSV_FIELDS_MAX);
		size_t cap = r->fields_cap ? r->fields_cap * 2 : 32;
		size_t *s = realloc(r->starts, cap * sizeof *s);
		if (s)
			r->starts = s;
		size_t *l = realloc(r->lens, cap * sizeof *l);
		if (l)
			r->lens = l;
		const char **f = realloc(r->fields, cap * sizeof *f);
		if (f)
			r->fields = f;
		if (!s || !l || !f)
			return ehcp_fail(EHCP_ENOMEM, "out of memory");
		r->fields_cap = cap;
	}
	r->starts[r->nfields] = start;
	r->lens[r->nfields] = r->row_len - start;
	r->nfields++;
	return put(r, '\0');
}

static int next_row(ehcp_csv *r, size_t *nfields, const char *const **fields, const size_t **lens)
{
	if (!r->started) {
		r->started = true;
		/* Excel's byte-order mark */
		if (peek(r) == 0xEF) {
			advance(r);
			if (peek(r) == 0xBB) {
				advance(r);
				if (peek(r) == 0xBF)
					advance(r);
				else
					return ehcp_fail(EHCP_EINVALID, "line 1: not UTF-8 text");
			} else {
				return ehcp_fail(EHCP_EINVALID, "line 1: not UTF-8 text");
			}
		}
	}
	for (;;) {
		r->row_len = 0;
		r->nfields = 0;
		r->row_line = r->line;
		int c = peek(r);
		if (c < 0)
			return 0;
		int err = 0;
		size_t start = 0;
		bool row_done = false;
		while (!row_done && err == 0) {
			c = peek(r);
			if (c == '"' && r->row_len == start) {
				/* a quoted field */
				advance(r);
				for (;;) {
					c = peek(r);
					if (c < 0)
						return ehcp_fail(EHCP_EINVALID, "line %llu: a quoted field is not closed",
						                 (unsigned long long)r->row_line);
					advance(r);
					if (c == '"') {
						if (peek(r) == '"') {
							advance(r);
							err = put(r, '"');
						} else {
							break;
						}
					} else {
						if (c == '\n')
							r->line++;
						err = put(r, (char)c);
					}
					if (err)
						return err;
				}
				c = peek(r);
				if (c != ',' && c != '\n' && c != '\r' && c >= 0)
					return ehcp_fail(EHCP_EINVALID, "line %llu: text after the closing quote of a field",
					                 (unsigned long long)r->line);
				continue;
			}
			if (c < 0 || c == '\n' || c == '\r') {
				if (c == '\r') {
					advance(r);
					if (peek(r) == '\n')
						advance(r);
				} else if (c == '\n') {
					advance(r);
				}
				if (c >= 0)
					r->line++;
				err = end_field(r, start);
				row_done = true;
			} else if (c == ',') {
				advance(r);
				err = end_field(r, start);
				start = r->row_len;
			} else if (c == '"') {
				return ehcp_fail(EHCP_EINVALID, "line %llu: a quote inside a field that is not quoted",
				                 (unsigned long long)r->line);
			} else {
				advance(r);
				err = put(r, (char)c);
			}
		}
		if (err)
			return err;
		/* skip completely empty lines */
		if (r->nfields == 1 && r->lens[0] == 0)
			continue;
		for (size_t i = 0; i < r->nfields; i++)
			r->fields[i] = r->row + r->starts[i];
		*nfields = r->nfields;
		*fields = r->fields;
		*lens = r->lens;
		return 1;
	}
}

int ehcp_csv_next(ehcp_csv *r, size_t *nfields, const char *const **fields, const size_t **lens)
{
	int rc = next_row(r, nfields, fields, lens);
	/* Where a read failed, next_row saw the end of the input: that may
	 * have ended a row or left one unfinished, or look like the end of the
	 * file.  It is none of those. */
	if (r->cut_short) {
		char name[512];
		input_name(r->in, name, sizeof name);
		return ehcp_fail(EHCP_EOS, "cannot read %s at line %llu: %s", name, (unsigned long long)r->line,
		                 strerror(r->read_errno));
	}
	return rc;
}
