#ifndef EHCP_SINK_INTERNAL_H
#define EHCP_SINK_INTERNAL_H

#include <stdio.h>

#include "ehcp/sink.h"

/* The stream a renderer writes to (a buffer sink's is open_memstream's). */
FILE *ehcp_sink_stream(ehcp_sink *s);

/* Flushes; EHCP_EOS with "cannot write <what>" if anything failed. */
int ehcp_sink_flush(ehcp_sink *s, const char *what);

#endif
