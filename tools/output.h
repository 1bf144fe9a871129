#ifndef EHCP_OUTPUT_H
#define EHCP_OUTPUT_H

/* Rows of results as an aligned table for people, CSV for Excel, or JSON
 * for programs.  Values are given as text: dates in ISO form (the table
 * shows them as "Mon 25 May 2020"), numbers as digits, "" for none. */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { OUT_TABLE, OUT_CSV, OUT_JSON } out_format;
typedef enum { COL_TEXT, COL_INT, COL_NUM, COL_DATE, COL_BOOL } col_type;

typedef struct {
	const char *name;   /* CSV header and JSON key */
	const char *title;  /* table heading */
	col_type type;
	bool not_in_table;  /* only in CSV and JSON (a machine-readable twin) */
} out_col;

typedef struct out out;

/* Parses "table", "csv" or "json". */
int out_parse_format(out_format *f, const char *s);

/* Colour only for a terminal, and never when NO_COLOR is set. */
bool out_colour_wanted(FILE *f);

out *out_new(out_format fmt, FILE *f, const out_col *cols, size_t ncols, bool colour);
/* A row; `colour` is an ANSI SGR code ("31") for the table, or NULL. */
void out_row(out *o, const char *const *values, const char *colour);
/* Writes what is buffered and frees o; 0, or -1 if writing failed. */
int out_end(out *o);

#endif
