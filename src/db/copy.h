#ifndef EHCP_COPY_H
#define EHCP_COPY_H

/* Rows streamed into the database with COPY ... FROM STDIN in its text form:
 * what every import shares. */

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct ehcp_copy {
	PGconn *conn;
	char buf[1 << 16];
	size_t len;
} ehcp_copy;

/* Runs the COPY statement; 0, or EHCP_EDB with the last error set. */
int ehcp_copy_start(PGconn *conn, const char *sql);
/* Appends a value (backslash escaped; "" as NULL), then a tab or, for the
 * last of a row, a newline.  Values have been checked: no control characters. */
int ehcp_copy_value(ehcp_copy *c, const char *v, bool last);
/* Sends what is buffered. */
int ehcp_copy_flush(ehcp_copy *c);
/* Sends the rest and ends the COPY, with the server's verdict. */
int ehcp_copy_end(ehcp_copy *c);
/* Abandons a COPY under way, after a failure (the transaction then fails). */
void ehcp_copy_abandon(PGconn *conn);

#endif
