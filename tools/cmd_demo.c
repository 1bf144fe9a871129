/* ehcp demo: a synthetic caseload, imported or written as a tracker CSV, and
 * its plan register as plans.csv and reviews.csv. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char demo_help[] =
	"Usage: ehcp demo [--authorities N] [--years N] [--requests-per-year N]\n"
	"                 [--seed S] [--as-of DATE] [-o FILE]\n"
	"                 [--plans-output FILE --reviews-output FILE]\n"
	"Generate a made-up caseload shaped like a council's (1 authority, 3 years,\n"
	"600 requests a year, seed 1, as of today unless told) and import it; with\n"
	"-o, write it as a tracker CSV instead.  The same seed gives the same cases.\n"
	"--plans-output and --reviews-output write the council's plan register to\n"
	"go with it (plans.csv, reviews.csv): older plans, and the reviews of those\n"
	"and of the plans the caseload's final plans make when it is imported.\n";

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

static int write_tracker(const char *path, const ehcp_demo_options *o)
{
	cli_output out;
	int rc = cli_output_open(&out, path);
	if (rc != EXIT_OK)
		return rc;
	ehcp_sink *sink = NULL;
	int err = ehcp_sink_file(&sink, out.f);
	if (err == 0)
		err = ehcp_demo_write(sink, NULL, o);
	ehcp_sink_free(sink);
	return cli_output_close(&out, err);
}

/* An output abandoned with nothing to report: its partial file removed. */
static void discard(cli_output *out)
{
	if (!out->path)
		return;
	fclose(out->f);
	unlink(out->tmp);
	free(out->tmp);
	out->tmp = NULL;
}

static int write_register(const char *plans_path, const char *reviews_path, const ehcp_demo_options *o)
{
	cli_output po, ro;
	int rc = cli_output_open(&po, plans_path);
	if (rc != EXIT_OK)
		return rc;
	if ((rc = cli_output_open(&ro, reviews_path)) != EXIT_OK) {
		discard(&po);
		return rc;
	}
	ehcp_sink *ps = NULL, *rs = NULL;
	int err = ehcp_sink_file(&ps, po.f);
	if (err == 0)
		err = ehcp_sink_file(&rs, ro.f);
	if (err == 0)
		err = ehcp_demo_write_register(ps, rs, NULL, NULL, o);
	ehcp_sink_free(ps);
	ehcp_sink_free(rs);
	/* one failure, reported once: the other file is dropped quietly */
	if ((rc = cli_output_close(&po, err)) != EXIT_OK) {
		discard(&ro);
		return rc;
	}
	return cli_output_close(&ro, 0);
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
	    {"plans-output", required_argument, NULL, 'P'},
	    {"reviews-output", required_argument, NULL, 'R'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_demo_options o = EHCP_DEMO_OPTIONS_INIT;
	o.as_of = ehcp_date_today();
	const char *path = NULL, *plans_path = NULL, *reviews_path = NULL;
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
		case 'P': plans_path = optarg; break;
		case 'R': reviews_path = optarg; break;
		case 'h': fputs(demo_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc != optind)
		return cli_usage("demo takes no arguments");
	if (!plans_path != !reviews_path)
		return cli_usage("--plans-output and --reviews-output go together");
	if (plans_path && strcmp(plans_path, reviews_path) == 0)
		return cli_usage("--plans-output and --reviews-output need two files");

	if (path || plans_path) {
		if (path && (rc = write_tracker(path, &o)) != EXIT_OK)
			return rc;
		return plans_path ? write_register(plans_path, reviews_path, &o) : EXIT_OK;
	}

	ehcp_store *s;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK)
		return rc;
	ehcp_demo_result r;
	int err = ehcp_demo_load(&r, s, &o);
	ehcp_store_free(s);
	if (err < 0)
		return cli_report(err);
	char d[EHCP_DATE_LONG_LEN];
	printf("ehcp: demo caseload imported: %llu made-up requests from %d authorit%s over %d year%s to %s,\n"
	       "      %llu older plans and %llu annual reviews\n",
	       (unsigned long long)r.requests, o.authorities, o.authorities == 1 ? "y" : "ies", o.years,
	       o.years == 1 ? "" : "s", ehcp_date_format_long(d, o.as_of), (unsigned long long)r.plans,
	       (unsigned long long)r.reviews);
	return EXIT_OK;
}
