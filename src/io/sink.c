/* Sinks: a caller's FILE *, or memory through open_memstream(3). */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "io/sink_internal.h"

struct ehcp_sink {
	FILE *f;
	bool own;        /* a memory stream, closed with the sink */
	char *data;      /* open_memstream's buffer, valid after a flush */
	size_t len;
};

int ehcp_sink_file(ehcp_sink **out, FILE *f)
{
	if (!out || !f)
		return ehcp_fail(EHCP_EINVALID, "a file sink needs a stream");
	*out = NULL;
	ehcp_sink *s = calloc(1, sizeof *s);
	if (!s)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	s->f = f;
	*out = s;
	return 0;
}

int ehcp_sink_buffer(ehcp_sink **out)
{
	if (!out)
		return ehcp_fail(EHCP_EINVALID, "a buffer sink needs somewhere to go");
	*out = NULL;
	ehcp_sink *s = calloc(1, sizeof *s);
	if (!s)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	s->own = true;
	if (!(s->f = open_memstream(&s->data, &s->len))) {
		free(s);
		return ehcp_fail(EHCP_ENOMEM, "cannot make a buffer: %s", strerror(errno));
	}
	*out = s;
	return 0;
}

const char *ehcp_sink_data(ehcp_sink *s, size_t *len)
{
	if (!s || !s->own)
		return NULL;
	fflush(s->f);
	if (len)
		*len = s->len;
	return s->data ? s->data : "";
}

void ehcp_sink_free(ehcp_sink *s)
{
	if (!s)
		return;
	if (s->own) {
		fclose(s->f);
		free(s->data);
	}
	free(s);
}

FILE *ehcp_sink_stream(ehcp_sink *s)
{
	return s->f;
}

int ehcp_sink_flush(ehcp_sink *s, const char *what)
{
	if (fflush(s->f) != 0 || ferror(s->f))
		return ehcp_fail(EHCP_EOS, "cannot write %s: %s", what, strerror(errno ? errno : EIO));
	return 0;
}
