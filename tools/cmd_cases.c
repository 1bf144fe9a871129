/* ehcp cases: the weekly case list for team leads. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ehcp/params.h"

static const char cases_help[] =
	"Usage: ehcp cases [OPTIONS]\n"
	"Open requests as they stood on a date, most urgent first: weeks elapsed,\n"
	"stage, the deadline that matters now, days left (negative when late).\n"
	"  --as-of DATE            the day to look from (default today)\n"
	"  --all                   include ended requests (plans issued, refused, ...)\n"
	"  --caseworker NAME       one caseworker's cases\n"
	"  --status LIST           overdue, nearing, on_track (comma-separated)\n"
	"  --stage STAGE           awaiting_decision, assessing, awaiting_plan_decision,\n"
	"                          drafting, draft_served\n"
	"  --due-within DAYS       deadline within DAYS (late ones included)\n"
	"  --backlog               only requests past their final-plan deadline\n"
	"  --received-from DATE, --received-to DATE\n"
	"  --nearing DAYS          what counts as nearing (default 14)\n"
	"  --by caseworker         a caseload summary per caseworker instead\n"
	"  --format table|csv|json\n";

static int print_list(ehcp_store *s, const ehcp_caselist_options *o, const ehcp_format_options *fo)
{
	ehcp_caselist *l = NULL;
	int err = ehcp_caselist_get(&l, s, o);
	if (err < 0)
		return cli_report(err);
	ehcp_sink *out = NULL;
	if ((err = ehcp_sink_file(&out, stdout)) == 0)
		err = ehcp_caselist_format(out, l, fo);
	ehcp_sink_free(out);
	ehcp_caselist_free(l);
	return err < 0 ? cli_report(err) : EXIT_OK;
}

static int print_caseload(ehcp_store *s, const ehcp_caselist_options *o, const ehcp_format_options *fo)
{
	ehcp_caseload *l = NULL;
	int err = ehcp_caseload_get(&l, s, o);
	if (err < 0)
		return cli_report(err);
	ehcp_sink *out = NULL;
	if ((err = ehcp_sink_file(&out, stdout)) == 0)
		err = ehcp_caseload_format(out, l, fo);
	ehcp_sink_free(out);
	ehcp_caseload_free(l);
	return err < 0 ? cli_report(err) : EXIT_OK;
}

int cmd_cases(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    /* 0: the library's ehcp_caselist_option_set() takes it by name */
	    {"as-of", required_argument, NULL, 0},
	    {"all", no_argument, NULL, 0},
	    {"caseworker", required_argument, NULL, 0},
	    {"status", required_argument, NULL, 0},
	    {"stage", required_argument, NULL, 0},
	    {"due-within", required_argument, NULL, 0},
	    {"backlog", no_argument, NULL, 0},
	    {"received-from", required_argument, NULL, 0},
	    {"received-to", required_argument, NULL, 0},
	    {"nearing", required_argument, NULL, 0},
	    {"by", required_argument, NULL, 0},
	    {"format", required_argument, NULL, 'F'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_caselist_options o = EHCP_CASELIST_OPTIONS_INIT;
	ehcp_format_options fo = EHCP_FORMAT_OPTIONS_INIT;
	bool by_caseworker = false;
	int ch, rc, idx = 0;
	while ((ch = getopt_long(argc, argv, "h", longopts, &idx)) != -1) {
		switch (ch) {
		case 0:
			if (ehcp_caselist_option_set(&o, &by_caseworker, longopts[idx].name, optarg) < 0)
				return cli_usage("%s", ehcp_error_last());
			break;
		case 'F':
			if (ehcp_format_parse(&fo.format, optarg) < 0)
				return cli_usage("--format: %s", ehcp_error_last());
			break;
		case 'h': fputs(cases_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc != optind)
		return cli_usage("cases takes no arguments");
	if (o.as_of == EHCP_DATE_NONE)
		o.as_of = ehcp_date_today();
	ehcp_store *s;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK)
		return rc;
	fo.colour = cli_colour_wanted(stdout);
	rc = by_caseworker ? print_caseload(s, &o, &fo) : print_list(s, &o, &fo);
	ehcp_store_free(s);
	return rc;
}
