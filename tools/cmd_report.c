/* ehcp report: compliance figures for boards, inspectors and the DfE. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ehcp/params.h"

static const char report_help[] =
	"Usage: ehcp report MEASURE --from MONTH|DATE --to MONTH|DATE [OPTIONS]\n"
	"       ehcp report sen2 --year YYYY [OPTIONS]\n"
	"MEASURE: plans      final plans issued: within 20 weeks (re-assessments: 14\n"
	"                    weeks from the decision), with and without exceptions,\n"
	"                    time bands, mean weeks; as DfE, plans after mediation\n"
	"                    or tribunal are counted but left out of timeliness\n"
	"         cohort     requests received and where each now stands\n"
	"         decisions  decisions whether to assess (6 weeks), not to issue (16),\n"
	"                    whether to re-assess (15 days; every type by default)\n"
	"         health     advice returned within 6 weeks, outstanding past 6 weeks\n"
	"                    (--from-body social_care|ep for the others)\n"
	"         backlog    open requests past their final-plan deadline\n"
	"         sen2       one calendar year, to check an SEN2 return against\n"
	"         reviews    plans: reviews due (12 months; reg 15) and held in time,\n"
	"                    Year 9's, decisions (4 weeks), amended plans (12 weeks),\n"
	"                    transfers met, overdue and ceased (docs/reports.md)\n"
	"         board      the HTML page for a board ('ehcp report board --help')\n"
	"Options: --by month|quarter|year   --format table|csv|json\n"
	"         --as-of DATE   count only what was known on that day (default today)\n"
	"         --type reassessment|initial|transfer_in|new   (default: new plans,\n"
	"                        initial and transfer_in: a child who moved in\n"
	"                        during an assessment, s.24)\n"
	"         --cases        list the cases behind the figures\n"
	"MONTH is YYYY-MM: --from takes its first day, --to its last.\n";

static int cmd_board(const cli *c, int argc, char **argv);

int cmd_report(const cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "board") == 0)
		return cmd_board(c, argc - 1, argv + 1);
	static const struct option longopts[] = {
	    /* 0: the library's ehcp_report_option_set() takes it by name */
	    {"from", required_argument, NULL, 0},
	    {"to", required_argument, NULL, 0},
	    {"year", required_argument, NULL, 0},
	    {"by", required_argument, NULL, 0},
	    {"format", required_argument, NULL, 'F'},
	    {"as-of", required_argument, NULL, 0},
	    {"type", required_argument, NULL, 0},
	    {"from-body", required_argument, NULL, 0},
	    {"cases", no_argument, NULL, 0},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_report_options o = EHCP_REPORT_OPTIONS_INIT;
	ehcp_format_options fo = EHCP_FORMAT_OPTIONS_INIT;
	int ch, rc, idx = 0;
	while ((ch = getopt_long(argc, argv, "h", longopts, &idx)) != -1) {
		switch (ch) {
		case 0:
			if (ehcp_report_option_set(&o, longopts[idx].name, optarg) < 0)
				return cli_usage("%s", ehcp_error_last());
			break;
		case 'F':
			if (ehcp_format_parse(&fo.format, optarg) < 0)
				return cli_usage("--format: %s", ehcp_error_last());
			break;
		case 'h': fputs(report_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage("report needs one measure (plans, cohort, decisions, health, backlog, sen2, reviews, board)");
	if (ehcp_report_options_check(&o, argv[optind]) < 0)
		return cli_usage("%s", ehcp_error_last());
	if (o.as_of == EHCP_DATE_NONE)
		o.as_of = ehcp_date_today();

	ehcp_store *s;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK)
		return rc;
	ehcp_report *r = NULL;
	int err = ehcp_report_run(&r, s, &o);
	ehcp_store_free(s);
	if (err == EHCP_EINVALID)
		return cli_usage("report %s: %s", argv[optind], ehcp_error_last());
	if (err < 0)
		return cli_report(err);
	ehcp_sink *out = NULL;
	if ((err = ehcp_sink_file(&out, stdout)) == 0)
		err = ehcp_report_format(out, r, &fo);
	ehcp_sink_free(out);
	ehcp_report_free(r);
	return err < 0 ? cli_report(err) : EXIT_OK;
}

static const char board_help[] =
	"Usage: ehcp report board --from YYYY-MM --to YYYY-MM [--target KPI=VALUE ...]\n"
	"                         [--as-of DATE] [--title TEXT] -o FILE.html\n"
	"One self-contained HTML page for a board: headline indicators against their\n"
	"targets with the direction of travel and a RAG rating, a monthly chart of the\n"
	"20-week rate with the year-to-date rate and England's figure, the backlog\n"
	"month by month, and the counts behind every percentage.  Prints on A4.\n"
	"Targets (defaults): plans=60 (the 20-week rate, %), health=90, decisions=85,\n"
	"backlog=N (requests; none by default).  A bare --target 60 sets plans.\n";

static int cmd_board(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"target", required_argument, NULL, 'T'},
	    {"as-of", required_argument, NULL, 'a'},
	    {"title", required_argument, NULL, 'n'},
	    {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_board_options o = EHCP_BOARD_OPTIONS_INIT;
	const char *path = NULL;
	int ch, rc;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f': if ((rc = cli_parse_month_or_date(&o.from, optarg, "--from", false))) return rc; break;
		case 't': if ((rc = cli_parse_month_or_date(&o.to, optarg, "--to", true))) return rc; break;
		case 'a': if ((rc = cli_parse_date(&o.as_of, optarg, "--as-of"))) return rc; break;
		case 'n': o.title = optarg; break;
		case 'o': path = optarg; break;
		case 'T': {
			const char *eq = strchr(optarg, '=');
			const char *num = eq ? eq + 1 : optarg;
			char *end;
			double v = strtod(num, &end);
			if (*end || !*num || v < 0 || (v > 100 && !(eq && strncmp(optarg, "backlog=", 8) == 0)))
				return cli_usage("--target: \"%s\" is not KPI=VALUE (plans, health, decisions: 0-100; backlog: a count)", optarg);
			if (!eq || strncmp(optarg, "plans=", 6) == 0)
				o.target_plans = v;
			else if (strncmp(optarg, "health=", 7) == 0)
				o.target_health = v;
			else if (strncmp(optarg, "decisions=", 10) == 0)
				o.target_decisions = v;
			else if (strncmp(optarg, "backlog=", 8) == 0)
				o.target_backlog = v;
			else
				return cli_usage("--target: \"%.*s\" is not plans, health, decisions or backlog", (int)(eq - optarg), optarg);
			break;
		}
		case 'h': fputs(board_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc != optind)
		return cli_usage("report board takes no arguments beyond its options");
	if (o.from == EHCP_DATE_NONE || o.to == EHCP_DATE_NONE)
		return cli_usage("report board needs --from and --to (YYYY-MM)");
	if (o.from > o.to)
		return cli_usage("report board: --to is before --from");
	if (!path)
		return cli_usage("report board needs -o FILE.html");
	if (o.as_of == EHCP_DATE_NONE)
		o.as_of = ehcp_date_today();
	ehcp_store *s;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK)
		return rc;
	ehcp_board *b = NULL;
	int err = ehcp_board_fetch(&b, s, &o);
	ehcp_store_free(s);
	if (err < 0)
		return cli_report(err);
	cli_output out;
	if ((rc = cli_output_open(&out, path)) != EXIT_OK) {
		ehcp_board_free(b);
		return rc;
	}
	ehcp_sink *sink = NULL;
	if ((err = ehcp_sink_file(&sink, out.f)) == 0)
		err = ehcp_board_format(sink, b, &o);
	ehcp_sink_free(sink);
	ehcp_board_free(b);
	if ((rc = cli_output_close(&out, err)) != EXIT_OK)
		return rc;
	printf("ehcp: board report written to %s\n", path);
	return EXIT_OK;
}
