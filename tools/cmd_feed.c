/* ehcp feed: calendar subscriptions for `ehcp serve`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char feed_help[] =
	"Usage: ehcp feed add (--caseworker NAME | --team) [--name LABEL] [--base-url URL]\n"
	"       ehcp feed list [--format table|csv|json]\n"
	"       ehcp feed revoke ID\n"
	"\n"
	"A feed is a calendar URL that Outlook, Google or Apple Calendar subscribe\n"
	"to once and keep current: a caseworker's deadlines, or the whole team's.\n"
	"`add` prints it as URL/feeds/TOKEN.ics; the token is shown this once (only\n"
	"a hash of it is kept), so anyone with the URL sees the calendar until the\n"
	"feed is revoked.  URL is where `ehcp serve` is reached by the people who\n"
	"subscribe; default $EHCP_BASE_URL, else https://THIS-HOST's name.\n";

/* The base URL: given, $EHCP_BASE_URL, or https:// and this host's name;
 * without a trailing '/'.  0 or a usage error. */
static int base_url(char *out, size_t size, const char *given)
{
	char host[256];
	const char *env = getenv("EHCP_BASE_URL");
	if (!given && env && *env)
		given = env;
	if (!given) {
		if (gethostname(host, sizeof host) != 0)
			snprintf(host, sizeof host, "localhost");
		host[sizeof host - 1] = '\0';
		snprintf(out, size, "https://%s", host);
		return EXIT_OK;
	}
	if (strncmp(given, "https://", 8) != 0 && strncmp(given, "http://", 7) != 0)
		return cli_usage("--base-url: \"%s\" is not an http:// or https:// URL", given);
	if ((size_t)snprintf(out, size, "%s", given) >= size)
		return cli_usage("--base-url: too long");
	for (size_t n = strlen(out); n > 0 && out[n - 1] == '/'; n--)
		out[n - 1] = '\0';
	return EXIT_OK;
}

static int feed_add(ehcp_store *s, const ehcp_feed_options *o, const char *url)
{
	char token[EHCP_FEED_TOKEN_SIZE];
	long long id = 0;
	int err = ehcp_feed_add(token, &id, s, o);
	if (err < 0)
		return cli_report(err);
	printf("%s/feeds/%s.ics\n", url, token);
	fprintf(stderr, "ehcp: feed %lld added; its URL is shown only this once\n", id);
	return EXIT_OK;
}

static int feed_list(ehcp_store *s, const ehcp_format_options *fo)
{
	ehcp_feeds *l = NULL;
	int err = ehcp_feed_list(&l, s);
	if (err < 0)
		return cli_report(err);
	ehcp_sink *out = NULL;
	if ((err = ehcp_sink_file(&out, stdout)) == 0)
		err = ehcp_feeds_format(out, l, fo);
	ehcp_sink_free(out);
	ehcp_feeds_free(l);
	return err < 0 ? cli_report(err) : EXIT_OK;
}

int cmd_feed(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"caseworker", required_argument, NULL, 'w'},
	    {"team", no_argument, NULL, 't'},
	    {"name", required_argument, NULL, 'n'},
	    {"base-url", required_argument, NULL, 'b'},
	    {"format", required_argument, NULL, 'F'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_feed_options o = EHCP_FEED_OPTIONS_INIT;
	ehcp_format_options fo = EHCP_FORMAT_OPTIONS_INIT;
	bool team = false;
	const char *given_url = NULL;
	int ch;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'w': o.caseworker = optarg; break;
		case 't': team = true; break;
		case 'n': o.label = optarg; break;
		case 'b': given_url = optarg; break;
		case 'F':
			if (ehcp_format_parse(&fo.format, optarg) < 0)
				return cli_usage("--format: %s", ehcp_error_last());
			break;
		case 'h': fputs(feed_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage("feed: add, list or revoke?");
	const char *verb = argv[optind];
	int rest = argc - optind - 1;
	char url[1024];
	long long id = 0;
	int rc;
	if (strcmp(verb, "add") == 0) {
		if (rest != 0 || team == (o.caseworker != NULL))
			return cli_usage("feed add: either --caseworker NAME or --team");
		if ((rc = base_url(url, sizeof url, given_url)) != EXIT_OK)
			return rc;
	} else if (strcmp(verb, "list") == 0) {
		if (rest != 0)
			return cli_usage("feed list takes no arguments");
	} else if (strcmp(verb, "revoke") == 0) {
		char *end;
		if (rest != 1 || (id = strtoll(argv[optind + 1], &end, 10)) < 1 || *end)
			return cli_usage("feed revoke: which feed (its id, from 'ehcp feed list')?");
	} else {
		return cli_usage("feed: unknown action '%s'", verb);
	}
	ehcp_store *s;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK)
		return rc;
	fo.colour = cli_colour_wanted(stdout);
	if (strcmp(verb, "add") == 0) {
		rc = feed_add(s, &o, url);
	} else if (strcmp(verb, "list") == 0) {
		rc = feed_list(s, &fo);
	} else {
		int err = ehcp_feed_revoke(s, id);
		rc = err < 0 ? cli_report(err) : (printf("revoked feed %lld\n", id), EXIT_OK);
	}
	ehcp_store_free(s);
	return rc;
}
