#ifndef EHCP_SINK_H
#define EHCP_SINK_H

/*
 * Where a renderer writes: a FILE * the caller owns, or a growable buffer
 * in memory (so that a server can send the same bytes down a socket with
 * no temporary file).  A sink is used by one thread at a time; the caller
 * frees it with ehcp_sink_free(), which never closes a caller's FILE *.
 */

#include <stddef.h>
#include <stdio.h>

#include "ehcp/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ehcp_sink ehcp_sink;

/* Writes go to f, which stays the caller's. */
EHCP_WARN_UNUSED int ehcp_sink_file(ehcp_sink **out, FILE *f);
/* Writes go to memory. */
EHCP_WARN_UNUSED int ehcp_sink_buffer(ehcp_sink **out);

/* What a buffer sink holds so far, NUL-terminated, still owned by the
 * sink; *len (may be NULL) its length.  NULL for a file sink. */
const char *ehcp_sink_data(ehcp_sink *s, size_t *len);

void ehcp_sink_free(ehcp_sink *s);

#ifdef __cplusplus
}
#endif

#endif
