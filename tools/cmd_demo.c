/* ehcp demo: a synthetic caseload, imported or written as a tracker CSV. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char demo_help[] =
	"Usage: ehcp demo [--authorities N] [--years N] [--requests-per-year N]\n"
	"                 [--seed S] [--as-of DATE] [-o FILE]\n"
	"Generate a made-up caseload shaped like a council's (1 authority, 3 years,\n"
	"600 requests a year, seed 1, as of today unless told) and import it; with\n"
	"-o, write it as a tracker CSV instead.  The same seed gives the same cases.\n";

static int number(const char *arg, const char *what, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return cli_usage("%s: \"%s\" is not a number from %ld to %ld", what, arg, lo, hi);
	*out = v;
	return EXIT_OK;
}

int cmd_demo(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"authorities", required_argument, NULL, 'a'},
	    {"years", required_argument, NULL, 'y'},
	    {"requests-per-year", required_argument, NULL, 'r'},
	    {"seed", required_argument, NULL, 's'},
	    {"as-of", required_argument, NULL, 'd'},
	    {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_demo_options o = EHCP_DEMO_OPTIONS_INIT;
	o.as_of = ehcp_date_today();
	const char *path = NULL;
	long v;
	int ch, rc;
	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a': if ((rc = number(optarg, "--authorities", 1, 999, &v))) return rc; o.authorities = (int)v; break;
		case 'y': if ((rc = number(optarg, "--years", 1, 50, &v))) return rc; o.years = (int)v; break;
		case 'r': if ((rc = number(optarg, "--requests-per-year", 1, 1000000, &v))) return rc; o.requests_per_year = (int)v; break;
		case 's': if ((rc = number(optarg, "--seed", 0, 2147483647L, &v))) return rc; o.seed = (uint64_t)v; break;
		case 'd': if ((rc = cli_parse_date(&o.as_of, optarg, "--as-of"))) return rc; break;
		case 'o': path = optarg; break;
		case 'h': fputs(demo_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc != optind)
		return cli_usage("demo takes no arguments");

	uint64_t rows = 0;
	if (path) {
		cli_output out;
		if ((rc = cli_output_open(&out, path)) != EXIT_OK)
			return rc;
		ehcp_sink *sink = NULL;
		int err = ehcp_sink_file(&sink, out.f);
		if (err == 0)
			err = ehcp_demo_write(sink, &rows, &o);
		ehcp_sink_free(sink);
		return cli_output_close(&out, err);
	}

	/* Generated into an anonymous temporary file, then imported like any
	 * council's tracker. */
	FILE *tmp = tmpfile();
	if (!tmp) {
		fprintf(stderr, "ehcp: cannot create a temporary file: %s\n", strerror(errno));
		return EXIT_FAILURE_;
	}
	ehcp_sink *sink = NULL;
	int err = ehcp_sink_file(&sink, tmp);
	if (err == 0)
		err = ehcp_demo_write(sink, &rows, &o);
	ehcp_sink_free(sink);
	if (err < 0) {
		fclose(tmp);
		return cli_report(err);
	}
	rewind(tmp);
	ehcp_store *s;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK) {
		fclose(tmp);
		return rc;
	}
	ehcp_import_options io = EHCP_IMPORT_OPTIONS_INIT;
	io.today = o.as_of;
	ehcp_import_result r;
	err = ehcp_tracker_import(&r, s, tmp, &io);
	fclose(tmp);
	ehcp_store_free(s);
	if (err < 0)
		return cli_report(err);
	char d[EHCP_DATE_LONG_LEN];
	printf("ehcp: demo caseload imported: %llu made-up requests from %d authorit%s over %d year%s to %s\n",
	       (unsigned long long)r.created, o.authorities, o.authorities == 1 ? "y" : "ies", o.years,
	       o.years == 1 ? "" : "s", ehcp_date_format_long(d, o.as_of));
	return EXIT_OK;
}
