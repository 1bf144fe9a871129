#ifndef EHCP_TABLE_H
#define EHCP_TABLE_H

/*
 * Rows of typed values as an aligned table for people (dates as
 * "Mon 25 May 2020", yes for true), CSV for Excel or JSON for programs:
 * the one writer behind every *_format() of the library.
 */

#include <stdbool.h>
#include <stddef.h>

#include "ehcp/format.h"
#include "ehcp/sink.h"
#include "ehcp/value.h"

typedef struct ehcp_table_col {
	const char *name;   /* CSV header and JSON key */
	const char *title;  /* table heading; NULL: the name */
	ehcp_value_type type;
	bool not_in_table;  /* only in CSV and JSON (a machine-readable twin) */
} ehcp_table_col;

typedef struct ehcp_table ehcp_table;

/* Starts the output (the CSV header, JSON's "["); the columns must outlive t. */
int ehcp_table_begin(ehcp_table **t, ehcp_sink *out, const ehcp_format_options *opts, const ehcp_table_col *cols,
                     size_t ncols);
/* A row of ncols values; `colour` is an ANSI SGR code ("31") for a table, or NULL. */
int ehcp_table_row(ehcp_table *t, const ehcp_value *values, const char *colour);
/* Writes what a table buffers, flushes and frees t; EHCP_EOS if writing failed. */
int ehcp_table_end(ehcp_table *t);
/* Frees t after a failure, writing nothing more. */
void ehcp_table_abandon(ehcp_table *t);

/* v as a JSON string, quotes and all (the server's errors use it too). */
void ehcp_json_string(FILE *f, const char *v);

/* Values for building rows. */
static inline ehcp_value ehcp_v_text(const char *s)
{
	return (ehcp_value){.type = EHCP_VALUE_TEXT, .null = !s || !*s, .text = s};
}
static inline ehcp_value ehcp_v_int(int64_t i)
{
	return (ehcp_value){.type = EHCP_VALUE_INT, .i = i};
}
static inline ehcp_value ehcp_v_date(ehcp_date d)
{
	return (ehcp_value){.type = EHCP_VALUE_DATE, .null = d == EHCP_DATE_NONE, .date = d};
}
static inline ehcp_value ehcp_v_bool(bool b)
{
	return (ehcp_value){.type = EHCP_VALUE_BOOL, .i = b};
}

#endif
