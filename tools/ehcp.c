/* ehcp: the command-line tool.  Global options, then a command. */
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
	"ehcp - the statutory clocks for EHC needs assessments and EHC plans\n"
	"Usage: ehcp [--db CONNINFO] [--user NAME] COMMAND [ARGS]   (COMMAND --help)\n"
	"\n"
	"  init; db start|stop|status   the schema; the embedded database\n"
	"  cases                 the weekly case list of requests\n"
	"  reviews               the weekly review list of plans\n"
	"  report MEASURE ...    compliance figures, reviews' too\n"
	"  ical [-o FILE]        deadlines as a calendar for Outlook, Google, Apple\n"
	"  sen2 --year YYYY ...  the SEN2 return (XML) for DfE, and its checks\n"
	"  config set|get KEY    the council's settings (la)\n"
	"  case ACTION REF ...   a request: add, record, show, history\n"
	"  plan ACTION REF ...   a plan and its reviews: add, record, show, cease\n"
	"  import [FILE] [--plans FILE] [--reviews FILE]   all or nothing\n"
	"  export [--plans|--reviews] [-o FILE]   the tracker, or the register\n"
	"  demo                  import a made-up council to try things on\n"
	"  serve; feed, user ACTION   the HTTP service (pages, API); its feeds, accounts\n"
	"\n"
	"  --db CONNINFO   the PostgreSQL database (conninfo or URI).  Without it,\n"
	"                  EHCP_DATABASE_URL, then PGHOST/PGDATABASE/PGSERVICE; with\n"
	"                  none of these, a private database under $EHCP_HOME\n"
	"  --user NAME     who is making changes, for the history\n"
	"  -h, --help      this help;  -V, --version  the version\n"
	"Exit status: 0 ok, 1 failure, 2 usage, 3 input refused (nothing written),\n"
	"4 not found, 5 conflict (changed meanwhile, or exists already).\n";

static const char *login_name(void)
{
	const char *u = getenv("USER");
	if (u && *u)
		return u;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : NULL;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"user", required_argument, NULL, 'u'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	cli c = {NULL, login_name(), "ehcp"};
	int ch;
	/* '+': stop at the command, whose own options follow it. */
	while ((ch = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			c.db = optarg;
			break;
		case 'u':
			c.user = optarg;
			break;
		case 'h':
			fputs(help, stdout);
			return EXIT_OK;
		case 'V':
			puts("ehcp " EHCP_VERSION);
			return EXIT_OK;
		default:
			fputs("Try 'ehcp --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage("no command given");
	const char *cmd = argv[optind];
	int sub_argc = argc - optind;
	char **sub_argv = argv + optind;
	/* Each command parses its own options from the start; 0 makes glibc
	 * forget the "+" (stop at the first argument) of the scan above. */
	optind = 0;

	static const struct {
		const char *name;
		int (*fn)(const cli *, int, char **);
	} commands[] = {
	    {"init", cmd_init},
	    {"db", cmd_db},
	    {"case", cmd_case},
	    {"plan", cmd_plan},
	    {"import", cmd_import},
	    {"export", cmd_export},
	    {"demo", cmd_demo},
	    {"cases", cmd_cases},
	    {"reviews", cmd_reviews},
	    {"report", cmd_report},
	    {"ical", cmd_ical},
	    {"sen2", cmd_sen2},
	    {"config", cmd_config},
	    {"serve", cmd_serve},
	    {"feed", cmd_feed},
	    {"user", cmd_user},
	};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(cmd, commands[i].name) == 0)
			return commands[i].fn(&c, sub_argc, sub_argv);
	}
	return cli_usage("unknown command '%s'", cmd);
}
