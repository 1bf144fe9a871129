/*
 * What a server does with ehcp, in a page: open a store, run a report and
 * write it as CSV and as JSON to memory, then the team's calendar to
 * another buffer, touching no file.  Built from the installed headers with
 *   cc report_to_memory.c $(pkg-config --cflags --libs ehcp)
 * Usage: report_to_memory CONNINFO FROM TO AS-OF   (dates YYYY-MM-DD)
 */
#include <stdio.h>
#include <string.h>

#include <ehcp/ehcp.h>

static int fail(const char *what)
{
	fprintf(stderr, "report_to_memory: %s: %s\n", what, ehcp_error_last());
	return 1;
}

static int date_arg(ehcp_date *out, const char *s)
{
	return ehcp_date_parse_iso(out, s, strlen(s), NULL, 0);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: report_to_memory CONNINFO FROM TO AS-OF\n");
		return 2;
	}
	ehcp_report_options ro;
	ehcp_ical_options io;
	if (ehcp_report_options_init(&ro, EHCP_REPORT_OPTIONS_VERSION) < 0 ||
	    ehcp_ical_options_init(&io, EHCP_ICAL_OPTIONS_VERSION) < 0)
		return fail("options");
	ro.measure = EHCP_REPORT_PLANS;
	if (date_arg(&ro.from, argv[2]) < 0 || date_arg(&ro.to, argv[3]) < 0 || date_arg(&ro.as_of, argv[4]) < 0)
		return fail("dates");
	io.as_of = ro.as_of;
	io.dtstamp = 1600000000;   /* a fixed stamp: the same bytes every run */

	ehcp_store *store = NULL;
	if (ehcp_store_open(&store, argv[1], NULL) < 0)
		return fail("open");

	int rc = 0;
	ehcp_report *report = NULL;
	ehcp_case_list *cases = NULL;
	ehcp_sink *csv = NULL, *json = NULL, *cal = NULL;
	ehcp_format_options fo = EHCP_FORMAT_OPTIONS_INIT;
	size_t events = 0;
	if (ehcp_report_run(&report, store, &ro) < 0 || ehcp_ical_fetch(&cases, store, &io) < 0) {
		rc = fail("fetch");
		goto out;
	}
	if (ehcp_sink_buffer(&csv) < 0 || ehcp_sink_buffer(&json) < 0 || ehcp_sink_buffer(&cal) < 0) {
		rc = fail("buffers");
		goto out;
	}
	fo.format = EHCP_FORMAT_CSV;
	if (ehcp_report_format(csv, report, &fo) < 0) {
		rc = fail("csv");
		goto out;
	}
	fo.format = EHCP_FORMAT_JSON;
	if (ehcp_report_format(json, report, &fo) < 0) {
		rc = fail("json");
		goto out;
	}
	if (ehcp_ical_format(cal, &events, cases, &io) < 0) {
		rc = fail("calendar");
		goto out;
	}
	size_t n1, n2, n3;
	const char *a = ehcp_sink_data(csv, &n1), *b = ehcp_sink_data(json, &n2), *c = ehcp_sink_data(cal, &n3);
	printf("== csv (%zu bytes)\n%s== json (%zu bytes)\n%s== calendar (%zu bytes, %zu events)\n%.*s", n1, a, n2, b, n3,
	       events, (int)strcspn(c, "\n") + 1, c);
out:
	ehcp_sink_free(csv);
	ehcp_sink_free(json);
	ehcp_sink_free(cal);
	ehcp_case_list_free(cases);
	ehcp_report_free(report);
	ehcp_store_free(store);
	return rc;
}
