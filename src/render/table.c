/* The one writer of tables, CSV and JSON. */
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "io/sink_internal.h"
#include "render/table.h"

struct ehcp_table {
	ehcp_sink *sink;
	FILE *f;
	ehcp_format fmt;
	const ehcp_table_col *cols;
	size_t ncols;
	bool colour;
	/* a table is buffered to size its columns */
	char **cells;
	char **colours;
	size_t rows, cap;
	size_t json_rows;
	bool failed;
};

static const char *title_of(const ehcp_table_col *c)
{
	return c->title ? c->title : c->name;
}

static void csv_cell(FILE *f, const char *v)
{
	if (strpbrk(v, ",\"\r\n")) {
		fputc('"', f);
		for (; *v; v++) {
			if (*v == '"')
				fputc('"', f);
			fputc(*v, f);
		}
		fputc('"', f);
	} else {
		fputs(v, f);
	}
}

void ehcp_json_string(FILE *f, const char *v)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

int ehcp_table_begin(ehcp_table **out, ehcp_sink *sink, const ehcp_format_options *opts, const ehcp_table_col *cols,
                     size_t ncols)
{
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_format_options, opts, EHCP_FORMAT_OPTIONS_INIT, EHCP_FORMAT_OPTIONS_VERSION);
	if (!sink)
		return ehcp_fail(EHCP_EINVALID, "nowhere to write: no sink");
	if ((unsigned)opts->format > EHCP_FORMAT_JSON)
		return ehcp_fail(EHCP_EINVALID, "no such format");
	ehcp_table *t = calloc(1, sizeof *t);
	if (!t)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	t->sink = sink;
	t->f = ehcp_sink_stream(sink);
	t->fmt = opts->format;
	t->cols = cols;
	t->ncols = ncols;
	t->colour = opts->colour && opts->format == EHCP_FORMAT_TABLE;
	if (t->fmt == EHCP_FORMAT_CSV) {
		for (size_t c = 0; c < ncols; c++)
			fprintf(t->f, "%s%s", cols[c].name, c + 1 < ncols ? "," : "\n");
	} else if (t->fmt == EHCP_FORMAT_JSON) {
		fputc('[', t->f);
	} else if (opts->title) {
		fprintf(t->f, "%s\n\n", opts->title);
	}
	*out = t;
	return 0;
}

/* The value as a table shows it to people. */
static char *table_text(char *buf, size_t len, const ehcp_value *v)
{
	if (!v->null && v->type == EHCP_VALUE_DATE)
		return ehcp_date_format_long(buf, v->date);
	if (v->type == EHCP_VALUE_BOOL) {
		snprintf(buf, len, "%s", !v->null && v->i ? "yes" : "");
		return buf;
	}
	return ehcp_value_format(buf, len, v);
}

int ehcp_table_row(ehcp_table *t, const ehcp_value *v, const char *colour)
{
	char buf[8192];
	if (t->fmt == EHCP_FORMAT_CSV) {
		for (size_t c = 0; c < t->ncols; c++) {
			csv_cell(t->f, ehcp_value_format(buf, sizeof buf, &v[c]));
			fputc(c + 1 < t->ncols ? ',' : '\n', t->f);
		}
		return 0;
	}
	if (t->fmt == EHCP_FORMAT_JSON) {
		fputs(t->json_rows++ ? ",\n {" : "\n {", t->f);
		for (size_t c = 0; c < t->ncols; c++) {
			ehcp_json_string(t->f, t->cols[c].name);
			fputs(": ", t->f);
			if (v[c].null)
				fputs("null", t->f);
			else if (v[c].type == EHCP_VALUE_INT || v[c].type == EHCP_VALUE_NUMBER || v[c].type == EHCP_VALUE_BOOL)
				fputs(ehcp_value_format(buf, sizeof buf, &v[c]), t->f);
			else
				ehcp_json_string(t->f, ehcp_value_format(buf, sizeof buf, &v[c]));
			if (c + 1 < t->ncols)
				fputs(", ", t->f);
		}
		fputc('}', t->f);
		return 0;
	}
	if (t->rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
		if (!cells)
			goto nomem;
		t->cells = cells;
		char **colours = realloc(t->colours, cap * sizeof *colours);
		if (!colours)
			goto nomem;
		t->colours = colours;
		t->cap = cap;
	}
	for (size_t c = 0; c < t->ncols; c++)
		if (!(t->cells[t->rows * t->ncols + c] = strdup(table_text(buf, sizeof buf, &v[c])))) {
			while (c--)
				free(t->cells[t->rows * t->ncols + c]);
			goto nomem;
		}
	t->colours[t->rows] = colour ? strdup(colour) : NULL;
	t->rows++;
	return 0;
nomem:
	t->failed = true;
	return ehcp_fail(EHCP_ENOMEM, "out of memory");
}

/* Characters, not bytes: names may be in any language. */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

static void pad(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

static bool right_aligned(const ehcp_table_col *c)
{
	return c->type == EHCP_VALUE_INT || c->type == EHCP_VALUE_NUMBER;
}

static void write_table(ehcp_table *t)
{
	size_t *w = calloc(t->ncols, sizeof *w);
	if (!w) {
		t->failed = true;
		return;
	}
	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = width(title_of(&t->cols[c]));
		for (size_t r = 0; r < t->rows; r++) {
			size_t x = width(t->cells[r * t->ncols + c]);
			if (x > w[c])
				w[c] = x;
		}
	}
	size_t last = t->ncols;
	while (last > 0 && t->cols[last - 1].not_in_table)
		last--;
	for (size_t r = 0; r <= t->rows; r++) {
		const bool head = r == 0;
		const char *colour = head ? NULL : t->colours[r - 1];
		if (t->colour && colour)
			fprintf(t->f, "\033[%sm", colour);
		for (size_t c = 0; c < t->ncols; c++) {
			if (t->cols[c].not_in_table)
				continue;
			const char *x = head ? title_of(&t->cols[c]) : t->cells[(r - 1) * t->ncols + c];
			const bool right = right_aligned(&t->cols[c]);
			size_t gap = w[c] - width(x);
			if (right)
				pad(t->f, gap);
			fputs(x, t->f);
			if (c + 1 < last) {
				if (!right)
					pad(t->f, gap);
				fputs("  ", t->f);
			}
		}
		if (t->colour && colour)
			fputs("\033[0m", t->f);
		fputc('\n', t->f);
	}
	free(w);
}

void ehcp_table_abandon(ehcp_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->rows * t->ncols; i++)
		free(t->cells[i]);
	for (size_t r = 0; r < t->rows; r++)
		free(t->colours[r]);
	free(t->cells);
	free(t->colours);
	free(t);
}

int ehcp_table_end(ehcp_table *t)
{
	if (t->fmt == EHCP_FORMAT_JSON)
		fputs(t->json_rows ? "\n]\n" : "]\n", t->f);
	if (t->fmt == EHCP_FORMAT_TABLE && !t->failed)
		write_table(t);
	const bool failed = t->failed;
	ehcp_sink *sink = t->sink;
	ehcp_table_abandon(t);
	if (failed)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	return ehcp_sink_flush(sink, "the output");
}
