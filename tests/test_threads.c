/*
 * The library from several threads at once, as a server would call it:
 * each thread opens its own store and runs the fetch-and-render calls
 * (case list, caseloads, a report in three formats, the calendar, the
 * board, a case), writing to memory sinks; and all threads also format the
 * same fetched report and list at once.  Every thread must produce exactly
 * what one thread alone produced.  Built and run under ThreadSanitizer by
 * tests/run (and under AddressSanitizer with the rest).
 */
#include <pthread.h>

#include "clock_spec.h"
#include "dbtest.h"

#define THREADS 6
#define ROUNDS 3

enum { OUT_LIST, OUT_LOAD, OUT_CSV, OUT_JSON, OUT_TABLE, OUT_ICAL, OUT_BOARD, OUT_CASE, OUT_SHARED_REPORT, OUT_SHARED_LIST, OUT_N };

static const char *conninfo;
static const ehcp_report *shared_report;
static const ehcp_caselist *shared_list;

typedef struct {
	char *out[OUT_N];
	int failures;
} work;

static char *take(ehcp_sink *sink)
{
	if (!sink)
		return NULL;   /* counted as a difference by the caller */
	char *s = strdup(ehcp_sink_data(sink, NULL));
	ehcp_sink_free(sink);
	return s;
}

#define TRY(w, call)                                                                               \
	do {                                                                                       \
		if ((call) < 0) {                                                                  \
			fprintf(stderr, "%s: %s\n", #call, ehcp_error_last());                     \
			(w)->failures++;                                                           \
		}                                                                                  \
	} while (0)

static void run_all(work *w)
{
	ehcp_store *s = NULL;
	ehcp_sink *k = NULL;
	TRY(w, ehcp_store_open(&s, conninfo, NULL));
	if (!s)
		return;

	ehcp_caselist_options lo = EHCP_CASELIST_OPTIONS_INIT;
	lo.as_of = spec_date("2020-06-01");
	ehcp_caselist *l = NULL;
	ehcp_caseload *cl = NULL;
	TRY(w, ehcp_caselist_get(&l, s, &lo));
	TRY(w, ehcp_caseload_get(&cl, s, &lo));
	ehcp_format_options csv = EHCP_FORMAT_OPTIONS_INIT, json = csv, table = csv;
	csv.format = EHCP_FORMAT_CSV;
	json.format = EHCP_FORMAT_JSON;
	table.colour = true;
	TRY(w, ehcp_sink_buffer(&k));
	TRY(w, ehcp_caselist_format(k, l, &table));
	w->out[OUT_LIST] = take(k);
	TRY(w, ehcp_sink_buffer(&k));
	TRY(w, ehcp_caseload_format(k, cl, &csv));
	w->out[OUT_LOAD] = take(k);

	ehcp_report_options ro = EHCP_REPORT_OPTIONS_INIT;
	ro.measure = EHCP_REPORT_PLANS;
	ro.from = spec_date("2020-01-01");
	ro.to = spec_date("2020-12-31");
	ro.as_of = spec_date("2020-12-31");
	ehcp_report *r = NULL;
	TRY(w, ehcp_report_run(&r, s, &ro));
	const ehcp_format_options *fo[3] = {&csv, &json, &table};
	for (int i = 0; i < 3; i++) {
		TRY(w, ehcp_sink_buffer(&k));
		TRY(w, ehcp_report_format(k, r, fo[i]));
		w->out[OUT_CSV + i] = take(k);
	}

	ehcp_ical_options io = EHCP_ICAL_OPTIONS_INIT;
	io.as_of = spec_date("2020-06-01");
	io.dtstamp = 1600000000;
	ehcp_case_list *cases = NULL;
	TRY(w, ehcp_ical_fetch(&cases, s, &io));
	TRY(w, ehcp_sink_buffer(&k));
	TRY(w, ehcp_ical_format(k, NULL, cases, &io));
	w->out[OUT_ICAL] = take(k);

	ehcp_board_options bo = EHCP_BOARD_OPTIONS_INIT;
	bo.from = spec_date("2020-01-01");
	bo.to = spec_date("2020-12-31");
	bo.as_of = spec_date("2020-12-31");
	ehcp_board *b = NULL;
	TRY(w, ehcp_board_fetch(&b, s, &bo));
	TRY(w, ehcp_sink_buffer(&k));
	TRY(w, ehcp_board_format(k, b, &bo));
	w->out[OUT_BOARD] = take(k);

	ehcp_case *c = NULL;
	TRY(w, ehcp_case_lookup(&c, s, "L-ASSESS", spec_date("2020-06-01")));
	TRY(w, ehcp_sink_buffer(&k));
	TRY(w, ehcp_case_format(k, c, false));
	w->out[OUT_CASE] = take(k);

	/* What every thread shares: one report, one list, formatted at once. */
	if (shared_report) {
		TRY(w, ehcp_sink_buffer(&k));
		TRY(w, ehcp_report_format(k, shared_report, &json));
		w->out[OUT_SHARED_REPORT] = take(k);
		TRY(w, ehcp_sink_buffer(&k));
		TRY(w, ehcp_caselist_format(k, shared_list, &csv));
		w->out[OUT_SHARED_LIST] = take(k);
	}
	/* An error on this thread is this thread's alone. */
	ehcp_format f;
	if (ehcp_format_parse(&f, "xml") != EHCP_EINVALID || !strstr(ehcp_error_last(), "xml"))
		w->failures++;

	ehcp_case_free(c);
	ehcp_board_free(b);
	ehcp_case_list_free(cases);
	ehcp_report_free(r);
	ehcp_caseload_free(cl);
	ehcp_caselist_free(l);
	ehcp_store_free(s);
}

static void *thread_main(void *arg)
{
	work *w = arg;
	for (int round = 0; round < ROUNDS; round++) {
		work one = {0};
		run_all(&one);
		w->failures += one.failures;
		for (int i = 0; i < OUT_N; i++) {
			if (round == 0)
				w->out[i] = one.out[i];
			else {
				if (!one.out[i] || !w->out[i] || strcmp(one.out[i], w->out[i]) != 0)
					w->failures++;
				free(one.out[i]);
			}
		}
	}
	return NULL;
}

int main(void)
{
	ehcp_store *s = dbtest_store("threads", NULL);
	dbtest_import(s, "caselist.csv", "2020-12-31");
	dbtest_import(s, "reports.csv", "2024-12-31");
	conninfo = dbtest_conninfo;

	/* One thread alone first: what every thread must reproduce. */
	work alone = {0};
	run_all(&alone);
	CHECK_INT(alone.failures, 0);
	for (int i = 0; i < OUT_SHARED_REPORT; i++)
		CHECK(alone.out[i] && strlen(alone.out[i]) > 100);
	CHECK_HAS(alone.out[OUT_ICAL], "BEGIN:VEVENT");
	CHECK_HAS(alone.out[OUT_BOARD], "</html>");
	CHECK_HAS(alone.out[OUT_CASE], "Case L-ASSESS");

	ehcp_report_options ro = EHCP_REPORT_OPTIONS_INIT;
	ro.measure = EHCP_REPORT_DECISIONS;
	ro.from = spec_date("2020-01-01");
	ro.to = spec_date("2024-12-31");
	ro.as_of = spec_date("2024-12-31");
	ro.by = EHCP_PERIOD_QUARTER;
	ehcp_report *r = NULL;
	CHECK_INT(ehcp_report_run(&r, s, &ro), 0);
	ehcp_caselist_options lo = EHCP_CASELIST_OPTIONS_INIT;
	lo.as_of = spec_date("2020-06-01");
	lo.include_ended = true;
	ehcp_caselist *l = NULL;
	CHECK_INT(ehcp_caselist_get(&l, s, &lo), 0);
	shared_report = r;
	shared_list = l;
	work ref = {0};
	run_all(&ref);
	CHECK_INT(ref.failures, 0);

	pthread_t t[THREADS];
	work w[THREADS];
	memset(w, 0, sizeof w);
	for (int i = 0; i < THREADS; i++)
		CHECK_INT(pthread_create(&t[i], NULL, thread_main, &w[i]), 0);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	int differ = 0, failures = 0;
	for (int i = 0; i < THREADS; i++) {
		failures += w[i].failures;
		for (int k = 0; k < OUT_N; k++) {
			if (!w[i].out[k] || !ref.out[k] || strcmp(w[i].out[k], ref.out[k]) != 0)
				differ++;
			free(w[i].out[k]);
		}
	}
	CHECK_INT(failures, 0);
	CHECK_INT(differ, 0);
	printf("%d threads x %d rounds x %d outputs, all equal to one thread's\n", THREADS, ROUNDS, OUT_N);

	for (int k = 0; k < OUT_N; k++) {
		free(alone.out[k]);
		free(ref.out[k]);
	}
	ehcp_report_free(r);
	ehcp_caselist_free(l);
	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_threads");
}
