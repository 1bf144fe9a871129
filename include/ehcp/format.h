#ifndef EHCP_FORMAT_H
#define EHCP_FORMAT_H

/*
 * The formats a result is written in: an aligned table for people, CSV for
 * Excel, JSON for programs.  The renderers are ehcp_report_format(),
 * ehcp_caselist_format() and ehcp_caseload_format(); each writes a fetched
 * result to a sink and fetches nothing itself.
 */

#include <stdbool.h>

#include "ehcp/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ehcp_format { EHCP_FORMAT_TABLE = 0, EHCP_FORMAT_CSV, EHCP_FORMAT_JSON } ehcp_format;

/* "table", "csv" or "json"; EHCP_EINVALID, with the last error, otherwise. */
EHCP_WARN_UNUSED int ehcp_format_parse(ehcp_format *out, const char *s);
const char *ehcp_format_name(ehcp_format f);

typedef struct ehcp_format_options {
	unsigned int version;
	ehcp_format format;
	/* ANSI colours in a table (the caller decides: a terminal, no NO_COLOR). */
	bool colour;
	/* A table's first line, a heading for people ("plans from ... to ..."):
	 * NULL for none.  CSV and JSON never have one. */
	const char *title;
} ehcp_format_options;

#define EHCP_FORMAT_OPTIONS_VERSION 1
#define EHCP_FORMAT_OPTIONS_INIT {EHCP_FORMAT_OPTIONS_VERSION, EHCP_FORMAT_TABLE, false, NULL}
/* Fills *opts with the defaults; EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_format_options_init(ehcp_format_options *opts, unsigned int version);

#ifdef __cplusplus
}
#endif

#endif
