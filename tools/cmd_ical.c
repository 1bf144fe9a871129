/* ehcp ical: deadlines for Outlook, Google and Apple calendars. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char ical_help[] =
	"Usage: ehcp ical [--caseworker NAME] [--as-of DATE] [--horizon DAYS]\n"
	"                 [--nearing DAYS] [--name TEXT] [--events all|cases|plans]\n"
	"                 [-o FILE]\n"
	"Write the statutory deadlines of open cases and the review deadlines of EHC\n"
	"plans (next review, a review's report, decision, proposals, amended plan,\n"
	"phase transfers) as an iCalendar file to import\n"
	"or subscribe to: one all-day event per deadline, flagged [DUE IN N DAYS]\n"
	"or [OVERDUE], with a reminder a week before at 09:00.  Missed deadlines\n"
	"appear on the as-of date.  Only case and plan references appear, never a child's\n"
	"details.  --horizon (default 365) limits how far ahead to look.\n"
	"SOURCE_DATE_EPOCH, if set, is the DTSTAMP (seconds since 1970).\n";

int cmd_ical(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"caseworker", required_argument, NULL, 'w'},
	    {"as-of", required_argument, NULL, 'a'},
	    {"horizon", required_argument, NULL, 'H'},
	    {"nearing", required_argument, NULL, 'n'},
	    {"name", required_argument, NULL, 'N'},
	    {"events", required_argument, NULL, 'E'},
	    {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_ical_options o = EHCP_ICAL_OPTIONS_INIT;
	const char *path = NULL;
	bool want_cases = true, want_plans = true;
	int ch, rc;
	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'w': o.caseworker = optarg; break;
		case 'a': if ((rc = cli_parse_date(&o.as_of, optarg, "--as-of"))) return rc; break;
		case 'H': if ((rc = cli_parse_days(&o.horizon_days, optarg, "--horizon", 3650))) return rc; break;
		case 'n': if ((rc = cli_parse_days(&o.nearing_days, optarg, "--nearing", 3650))) return rc; break;
		case 'N': o.calendar_name = optarg; break;
		case 'E':
			if (strcmp(optarg, "all") != 0 && strcmp(optarg, "cases") != 0 && strcmp(optarg, "plans") != 0)
				return cli_usage("--events: \"%s\" is not one of all, cases, plans", optarg);
			want_cases = strcmp(optarg, "plans") != 0;
			want_plans = strcmp(optarg, "cases") != 0;
			break;
		case 'o': path = optarg; break;
		case 'h': fputs(ical_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc != optind)
		return cli_usage("ical takes no arguments (use -o FILE)");
	if (o.as_of == EHCP_DATE_NONE)
		o.as_of = ehcp_date_today();
	/* Reproducible output (DTSTAMP), as reproducible-builds.org's
	 * SOURCE_DATE_EPOCH: `ehcp serve`'s feed is this with the as-of day's
	 * midnight UTC. */
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		long long t = strtoll(sde, &end, 10);
		if (*end || t <= 0)
			return cli_usage("SOURCE_DATE_EPOCH: \"%s\" is not seconds since 1970", sde);
		o.dtstamp = t;
	}
	ehcp_store *s;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK)
		return rc;
	ehcp_case_list *cases = NULL;
	ehcp_ical_plans *plans = NULL;
	int err = want_cases ? ehcp_ical_fetch(&cases, s, &o) : 0;
	if (err == 0 && want_plans)
		err = ehcp_ical_fetch_plans(&plans, s, &o);
	ehcp_store_free(s);
	if (err < 0) {
		ehcp_case_list_free(cases);
		return cli_report(err);
	}
	cli_output out;
	if ((rc = cli_output_open(&out, path)) != EXIT_OK) {
		ehcp_case_list_free(cases);
		ehcp_ical_plans_free(plans);
		return rc;
	}
	size_t n = 0;
	ehcp_sink *sink = NULL;
	if ((err = ehcp_sink_file(&sink, out.f)) == 0)
		err = ehcp_ical_format_all(sink, &n, cases, plans, &o);
	ehcp_sink_free(sink);
	ehcp_case_list_free(cases);
	ehcp_ical_plans_free(plans);
	if ((rc = cli_output_close(&out, err)) != EXIT_OK)
		return rc;
	if (out.path)
		printf("ehcp: %zu deadlines written to %s\n", n, out.path);
	return EXIT_OK;
}
