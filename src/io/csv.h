#ifndef EHCP_CSV_H
#define EHCP_CSV_H

/*
 * A streaming RFC 4180 reader: quoted fields with doubled quotes and line
 * breaks inside, CRLF or LF line ends, a leading UTF-8 byte-order mark
 * skipped.  Memory is bounded by the longest row, and a row longer than
 * EHCP_CSV_ROW_MAX bytes is an error, so a file that is not CSV cannot make
 * it grow without limit.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define EHCP_CSV_ROW_MAX (1u << 20)
#define EHCP_CSV_FIELDS_MAX 1000

typedef struct ehcp_csv ehcp_csv;

/* Reads from `in` (not closed by the reader). */
int ehcp_csv_new(ehcp_csv **out, FILE *in);
void ehcp_csv_free(ehcp_csv *r);

/*
 * The next row: 1 and its fields, 0 at the end, or EHCP_EINVALID with the
 * last error naming the line ("line 7: a quoted field is not closed").
 * If a read fails (ferror), the rows before the failure come as usual,
 * then EHCP_EOS naming the input and the line ("cannot read /x/y.csv at
 * line 7: Input/output error"), never a short last row or 0: a failed
 * read is not the end of the file.
 * Fields stay valid until the next call.  Completely empty lines are
 * skipped.  A field may contain NUL bytes; its length is exact.
 */
int ehcp_csv_next(ehcp_csv *r, size_t *nfields, const char *const **fields, const size_t **lens);

/* The line on which the last row began (1-based). */
uint64_t ehcp_csv_line(const ehcp_csv *r);
/* Bytes consumed so far. */
uint64_t ehcp_csv_bytes(const ehcp_csv *r);

#endif
