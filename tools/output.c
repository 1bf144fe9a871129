#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ehcp/date.h"
#include "output.h"

struct out {
	out_format fmt;
	FILE *f;
	const out_col *cols;
	size_t ncols;
	bool colour;
	/* the table is buffered to size its columns */
	char **cells;
	char **colours;
	size_t rows, cap;
	size_t json_rows;
};

int out_parse_format(out_format *f, const char *s)
{
	if (strcmp(s, "table") == 0)
		*f = OUT_TABLE;
	else if (strcmp(s, "csv") == 0)
		*f = OUT_CSV;
	else if (strcmp(s, "json") == 0)
		*f = OUT_JSON;
	else
		return -1;
	return 0;
}

bool out_colour_wanted(FILE *f)
{
	const char *no = getenv("NO_COLOR");
	return isatty(fileno(f)) && !(no && *no);
}

out *out_new(out_format fmt, FILE *f, const out_col *cols, size_t ncols, bool colour)
{
	out *o = calloc(1, sizeof *o);
	if (!o)
		return NULL;
	*o = (out){fmt, f, cols, ncols, colour && fmt == OUT_TABLE, NULL, NULL, 0, 0, 0};
	if (fmt == OUT_CSV) {
		for (size_t c = 0; c < ncols; c++)
			fprintf(f, "%s%s", cols[c].name, c + 1 < ncols ? "," : "\n");
	} else if (fmt == OUT_JSON) {
		fputc('[', f);
	}
	return o;
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

static void json_string(FILE *f, const char *v)
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

void out_row(out *o, const char *const *v, const char *colour)
{
	if (o->fmt == OUT_CSV) {
		for (size_t c = 0; c < o->ncols; c++) {
			const char *x = v[c] ? v[c] : "";
			if (o->cols[c].type == COL_BOOL && *x)
				x = strcmp(x, "t") == 0 || strcmp(x, "true") == 0 ? "true" : "false";
			csv_cell(o->f, x);
			fputc(c + 1 < o->ncols ? ',' : '\n', o->f);
		}
		return;
	}
	if (o->fmt == OUT_JSON) {
		fputs(o->json_rows++ ? ",\n {" : "\n {", o->f);
		for (size_t c = 0; c < o->ncols; c++) {
			const char *x = v[c] ? v[c] : "";
			json_string(o->f, o->cols[c].name);
			fputs(": ", o->f);
			if (!*x)
				fputs("null", o->f);
			else if (o->cols[c].type == COL_INT || o->cols[c].type == COL_NUM)
				fputs(x, o->f);
			else if (o->cols[c].type == COL_BOOL)
				fputs(strcmp(x, "t") == 0 || strcmp(x, "true") == 0 || strcmp(x, "yes") == 0 ? "true" : "false", o->f);
			else
				json_string(o->f, x);
			if (c + 1 < o->ncols)
				fputs(", ", o->f);
		}
		fputc('}', o->f);
		return;
	}
	if (o->rows == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 64;
		char **cells = realloc(o->cells, cap * o->ncols * sizeof *cells);
		if (!cells)
			return;
		o->cells = cells;
		char **colours = realloc(o->colours, cap * sizeof *colours);
		if (!colours)
			return;
		o->colours = colours;
		o->cap = cap;
	}
	for (size_t c = 0; c < o->ncols; c++) {
		const char *x = v[c] ? v[c] : "";
		char buf[EHCP_DATE_LONG_LEN];
		ehcp_date d;
		if (o->cols[c].type == COL_DATE && *x && ehcp_date_parse_iso(&d, x, strlen(x), NULL, 0) == 0)
			x = ehcp_date_format_long(buf, d);
		if (o->cols[c].type == COL_BOOL)
			x = strcmp(x, "t") == 0 || strcmp(x, "true") == 0 || strcmp(x, "yes") == 0 ? "yes" : "";
		o->cells[o->rows * o->ncols + c] = strdup(x);
	}
	o->colours[o->rows] = colour ? strdup(colour) : NULL;
	o->rows++;
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

int out_end(out *o)
{
	if (o->fmt == OUT_JSON)
		fputs(o->json_rows ? "\n]\n" : "]\n", o->f);
	if (o->fmt == OUT_TABLE) {
		size_t *w = calloc(o->ncols, sizeof *w);
		for (size_t c = 0; w && c < o->ncols; c++) {
			w[c] = width(o->cols[c].title);
			for (size_t r = 0; r < o->rows; r++) {
				size_t x = width(o->cells[r * o->ncols + c]);
				if (x > w[c])
					w[c] = x;
			}
		}
		size_t last = o->ncols;
		while (last > 0 && o->cols[last - 1].not_in_table)
			last--;
		for (size_t c = 0; w && c < o->ncols; c++) {
			if (o->cols[c].not_in_table)
				continue;
			bool right = o->cols[c].type == COL_INT || o->cols[c].type == COL_NUM;
			size_t gap = w[c] - width(o->cols[c].title);
			if (right)
				pad(o->f, gap);
			fputs(o->cols[c].title, o->f);
			if (c + 1 < last) {
				if (!right)
					pad(o->f, gap);
				fputs("  ", o->f);
			}
		}
		fputc('\n', o->f);
		for (size_t r = 0; w && r < o->rows; r++) {
			if (o->colour && o->colours[r])
				fprintf(o->f, "\033[%sm", o->colours[r]);
			for (size_t c = 0; c < o->ncols; c++) {
				if (o->cols[c].not_in_table)
					continue;
				const char *x = o->cells[r * o->ncols + c];
				bool right = o->cols[c].type == COL_INT || o->cols[c].type == COL_NUM;
				size_t gap = w[c] - width(x);
				if (right)
					pad(o->f, gap);
				fputs(x, o->f);
				if (c + 1 < last) {
					if (!right)
						pad(o->f, gap);
					fputs("  ", o->f);
				}
			}
			if (o->colour && o->colours[r])
				fputs("\033[0m", o->f);
			fputc('\n', o->f);
		}
		free(w);
		for (size_t i = 0; i < o->rows * o->ncols; i++)
			free(o->cells[i]);
		for (size_t r = 0; r < o->rows; r++)
			free(o->colours[r]);
		free(o->cells);
		free(o->colours);
	}
	int err = fflush(o->f) != 0 || ferror(o->f) ? -1 : 0;
	free(o);
	return err;
}
