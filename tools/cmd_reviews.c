/* ehcp reviews: the weekly review list for team leads. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ehcp/params.h"

static const char reviews_help[] =
	"Usage: ehcp reviews [OPTIONS]\n"
	"Maintained EHC plans needing attention on a date, most urgent first: the\n"
	"annual review, a review's report, decision, proposals or amended plan, or a\n"
	"phase transfer's amended plan; days left (negative when late).\n"
	"  --as-of DATE            the day to look from (default today)\n"
	"  --all                   include plans on track\n"
	"  --within DAYS           what counts as nearing (default 28)\n"
	"  --caseworker NAME       one caseworker's plans\n"
	"  --status LIST           overdue, nearing, on_track (comma-separated)\n"
	"  --due-within DAYS       due within DAYS (late ones included)\n"
	"  --transfers             phase transfers in the next 12 months not yet met\n"
	"  --kind KIND             with --transfers: reception, secondary, post16, local\n"
	"  --year N                one national curriculum year (Reception 0)\n"
	"  --show-child            add the child's reference and date of birth\n"
	"  --by caseworker         a caseload summary per caseworker instead\n"
	"  --format table|csv|json\n"
	"  --colour auto|always|never\n";

static int print_list(ehcp_store *s, const ehcp_reviewlist_options *o, const ehcp_format_options *fo)
{
	ehcp_reviewlist *l = NULL;
	int err = ehcp_reviewlist_get(&l, s, o);
	if (err < 0)
		return cli_report(err);
	ehcp_sink *out = NULL;
	if ((err = ehcp_sink_file(&out, stdout)) == 0)
		err = ehcp_reviewlist_format(out, l, fo);
	ehcp_sink_free(out);
	ehcp_reviewlist_free(l);
	return err < 0 ? cli_report(err) : EXIT_OK;
}

static int print_caseload(ehcp_store *s, const ehcp_reviewlist_options *o, const ehcp_format_options *fo)
{
	ehcp_reviewload *l = NULL;
	int err = ehcp_reviewload_get(&l, s, o);
	if (err < 0)
		return cli_report(err);
	ehcp_sink *out = NULL;
	if ((err = ehcp_sink_file(&out, stdout)) == 0)
		err = ehcp_reviewload_format(out, l, fo);
	ehcp_sink_free(out);
	ehcp_reviewload_free(l);
	return err < 0 ? cli_report(err) : EXIT_OK;
}

int cmd_reviews(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    /* 0: the library's ehcp_reviewlist_option_set() takes it by name */
	    {"as-of", required_argument, NULL, 0},
	    {"all", no_argument, NULL, 0},
	    {"within", required_argument, NULL, 0},
	    {"caseworker", required_argument, NULL, 0},
	    {"status", required_argument, NULL, 0},
	    {"due-within", required_argument, NULL, 0},
	    {"transfers", no_argument, NULL, 0},
	    {"kind", required_argument, NULL, 0},
	    {"year", required_argument, NULL, 0},
	    {"show-child", no_argument, NULL, 0},
	    {"by", required_argument, NULL, 0},
	    {"format", required_argument, NULL, 'F'},
	    {"colour", required_argument, NULL, 'C'},
	    {"color", required_argument, NULL, 'C'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_reviewlist_options o = EHCP_REVIEWLIST_OPTIONS_INIT;
	ehcp_format_options fo = EHCP_FORMAT_OPTIONS_INIT;
	bool by_caseworker = false;
	const char *colour = "auto";
	int ch, rc, idx = 0;
	while ((ch = getopt_long(argc, argv, "h", longopts, &idx)) != -1) {
		switch (ch) {
		case 0:
			if (ehcp_reviewlist_option_set(&o, &by_caseworker, longopts[idx].name, optarg) < 0)
				return cli_usage("%s", ehcp_error_last());
			break;
		case 'F':
			if (ehcp_format_parse(&fo.format, optarg) < 0)
				return cli_usage("--format: %s", ehcp_error_last());
			break;
		case 'C':
			if (strcmp(optarg, "auto") != 0 && strcmp(optarg, "always") != 0 && strcmp(optarg, "never") != 0)
				return cli_usage("--colour: \"%s\" is not one of auto, always, never", optarg);
			colour = optarg;
			break;
		case 'h': fputs(reviews_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc != optind)
		return cli_usage("reviews takes no arguments");
	if (ehcp_reviewlist_options_check(&o) < 0)
		return cli_usage("%s", ehcp_error_last());
	if (o.as_of == EHCP_DATE_NONE)
		o.as_of = ehcp_date_today();
	fo.colour = strcmp(colour, "always") == 0 || (strcmp(colour, "auto") == 0 && cli_colour_wanted(stdout));
	ehcp_store *s;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK)
		return rc;
	rc = by_caseworker ? print_caseload(s, &o, &fo) : print_list(s, &o, &fo);
	ehcp_store_free(s);
	return rc;
}
