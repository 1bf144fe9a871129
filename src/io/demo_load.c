/* The demo imported: its files generated into temporary files and read
 * back through the same imports as a council's own. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/demo.h"
#include "ehcp/register.h"
#include "ehcp/tracker.h"

/* A temporary file holding what `write` puts in a sink, rewound. */
static int generated(FILE **out, FILE **out2, const ehcp_demo_options *o, bool reg, uint64_t *rows)
{
	FILE *a = tmpfile(), *b = reg ? tmpfile() : NULL;
	if (!a || (reg && !b)) {
		int e = errno;
		if (a)
			fclose(a);
		if (b)
			fclose(b);
		return ehcp_fail(EHCP_EOS, "cannot create a temporary file: %s", strerror(e));
	}
	ehcp_sink *sa = NULL, *sb = NULL;
	int err = ehcp_sink_file(&sa, a);
	if (err == 0 && reg)
		err = ehcp_sink_file(&sb, b);
	if (err == 0)
		err = reg ? ehcp_demo_write_register(sa, sb, NULL, NULL, o) : ehcp_demo_write(sa, rows, o);
	ehcp_sink_free(sa);
	ehcp_sink_free(sb);
	if (err < 0) {
		fclose(a);
		if (b)
			fclose(b);
		return err;
	}
	rewind(a);
	if (b)
		rewind(b);
	*out = a;
	if (out2)
		*out2 = b;
	return 0;
}

int ehcp_demo_load(ehcp_demo_result *out, ehcp_store *s, const ehcp_demo_options *opts)
{
	if (!out || !s || !opts)
		return ehcp_fail(EHCP_EINVALID, "the demo needs somewhere to report, a store and its options");
	memset(out, 0, sizeof *out);
	FILE *tracker = NULL, *plans = NULL, *reviews = NULL;
	uint64_t rows = 0;
	int err = generated(&tracker, NULL, opts, false, &rows);
	if (err < 0)
		return err;
	if ((err = generated(&plans, &reviews, opts, true, NULL)) < 0) {
		fclose(tracker);
		return err;
	}
	ehcp_import_options io = EHCP_IMPORT_OPTIONS_INIT;
	io.today = opts->as_of;
	ehcp_import_result r, rp, rr;
	err = ehcp_import_files(&r, &rp, &rr, s, tracker, plans, reviews, &io);
	fclose(tracker);
	fclose(plans);
	fclose(reviews);
	if (err < 0)
		return err;
	out->requests = r.created;
	out->plans = rp.created;
	out->reviews = rr.created;
	return 0;
}
