/* ehcp cases: the weekly case list for team leads. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

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

static int parse_statuses(unsigned *mask, char *list)
{
	*mask = 0;
	for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		ehcp_status s;
		if (ehcp_status_parse(&s, tok) < 0)
			return cli_usage("--status: \"%s\" is not one of overdue, nearing, on_track, done_in_time, done_late, ended", tok);
		*mask |= 1u << s;
	}
	return EXIT_OK;
}

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
	    {"as-of", required_argument, NULL, 'a'},
	    {"all", no_argument, NULL, 'A'},
	    {"caseworker", required_argument, NULL, 'w'},
	    {"status", required_argument, NULL, 's'},
	    {"stage", required_argument, NULL, 'g'},
	    {"due-within", required_argument, NULL, 'd'},
	    {"backlog", no_argument, NULL, 'b'},
	    {"received-from", required_argument, NULL, 'f'},
	    {"received-to", required_argument, NULL, 't'},
	    {"nearing", required_argument, NULL, 'n'},
	    {"by", required_argument, NULL, 'B'},
	    {"format", required_argument, NULL, 'F'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_caselist_options o = EHCP_CASELIST_OPTIONS_INIT;
	ehcp_format_options fo = EHCP_FORMAT_OPTIONS_INIT;
	bool by_caseworker = false;
	int ch, rc;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a': if ((rc = cli_parse_date(&o.as_of, optarg, "--as-of"))) return rc; break;
		case 'A': o.include_ended = true; break;
		case 'w': o.caseworker = optarg; break;
		case 's': if ((rc = parse_statuses(&o.statuses, optarg))) return rc; break;
		case 'g': {
			ehcp_stage st;
			if (ehcp_stage_parse(&st, optarg) < 0)
				return cli_usage("--stage: \"%s\" is not a stage (see 'ehcp cases --help')", optarg);
			o.stage = (int)st;
			break;
		}
		case 'd': if ((rc = cli_parse_days(&o.due_within, optarg, "--due-within", 10000))) return rc; break;
		case 'n': if ((rc = cli_parse_days(&o.nearing_days, optarg, "--nearing", 10000))) return rc; break;
		case 'b': o.backlog = true; break;
		case 'f': if ((rc = cli_parse_date(&o.received_from, optarg, "--received-from"))) return rc; break;
		case 't': if ((rc = cli_parse_date(&o.received_to, optarg, "--received-to"))) return rc; break;
		case 'B':
			if (strcmp(optarg, "caseworker") != 0)
				return cli_usage("--by: only 'caseworker' is known");
			by_caseworker = true;
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
