#ifndef EHCP_EXPORT_INTERNAL_H
#define EHCP_EXPORT_INTERNAL_H

#include "ehcp/sink.h"
#include "ehcp/store.h"

/* Runs `sql` (a COPY ... TO STDOUT, header included) and writes what it
 * sends to the sink, then flushes it: the tracker's and the register's
 * exports. */
int ehcp_export_copy(ehcp_sink *sink, ehcp_store *s, const char *sql);

#endif
