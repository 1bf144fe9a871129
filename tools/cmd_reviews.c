/* ehcp reviews: the weekly review list for team leads. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

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

static int parse_statuses(unsigned *mask, char *list)
{
	*mask = 0;
	for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		int found = -1;
		for (int s = EHCP_PLAN_ON_TRACK; s <= EHCP_PLAN_OVERDUE; s++)
			if (strcmp(tok, ehcp_plan_status_name((ehcp_plan_status)s)) == 0)
				found = s;
		if (found < 0)
			return cli_usage("--status: \"%s\" is not one of overdue, nearing, on_track", tok);
		*mask |= 1u << found;
	}
	return EXIT_OK;
}

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
	    {"as-of", required_argument, NULL, 'a'},
	    {"all", no_argument, NULL, 'A'},
	    {"within", required_argument, NULL, 'n'},
	    {"caseworker", required_argument, NULL, 'w'},
	    {"status", required_argument, NULL, 's'},
	    {"due-within", required_argument, NULL, 'd'},
	    {"transfers", no_argument, NULL, 'T'},
	    {"kind", required_argument, NULL, 'k'},
	    {"year", required_argument, NULL, 'y'},
	    {"show-child", no_argument, NULL, 'S'},
	    {"by", required_argument, NULL, 'B'},
	    {"format", required_argument, NULL, 'F'},
	    {"colour", required_argument, NULL, 'C'},
	    {"color", required_argument, NULL, 'C'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_reviewlist_options o = EHCP_REVIEWLIST_OPTIONS_INIT;
	ehcp_format_options fo = EHCP_FORMAT_OPTIONS_INIT;
	bool by_caseworker = false, kind_given = false;
	const char *colour = "auto";
	int ch, rc;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a': if ((rc = cli_parse_date(&o.as_of, optarg, "--as-of"))) return rc; break;
		case 'A': o.include_on_track = true; break;
		case 'n': if ((rc = cli_parse_days(&o.within_days, optarg, "--within", 10000))) return rc; break;
		case 'w': o.caseworker = optarg; break;
		case 's': if ((rc = parse_statuses(&o.statuses, optarg))) return rc; break;
		case 'd': if ((rc = cli_parse_days(&o.due_within, optarg, "--due-within", 10000))) return rc; break;
		case 'T': o.transfers_only = true; break;
		case 'k': {
			bool found = false;
			for (int k = EHCP_TRANSFER_RECEPTION; k <= EHCP_TRANSFER_LOCAL; k++)
				if (strcmp(optarg, ehcp_transfer_kind_name((ehcp_transfer_kind)k)) == 0) {
					o.transfer_kind = (ehcp_transfer_kind)k;
					found = true;
				}
			if (!found)
				return cli_usage("--kind: \"%s\" is not one of reception, secondary, post16, local", optarg);
			kind_given = true;
			break;
		}
		case 'y': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (!*optarg || *end || v < -5 || v > 20)
				return cli_usage("--year: \"%s\" is not a national curriculum year (Reception 0, Year 1 ...)", optarg);
			o.nc_year = (int)v;
			break;
		}
		case 'S': o.show_child = true; break;
		case 'B':
			if (strcmp(optarg, "caseworker") != 0)
				return cli_usage("--by: only 'caseworker' is known");
			by_caseworker = true;
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
	if (kind_given && !o.transfers_only)
		return cli_usage("--kind: only with --transfers");
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
