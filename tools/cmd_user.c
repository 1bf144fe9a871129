/* ehcp user: people's accounts for `ehcp serve`. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

static const char user_help[] =
	"Usage: ehcp user add NAME --role reader|writer|admin [--password-stdin]\n"
	"       ehcp user passwd NAME [--password-stdin]\n"
	"       ehcp user disable NAME\n"
	"       ehcp user role NAME --role reader|writer|admin\n"
	"       ehcp user list [--format table|csv|json]\n"
	"\n"
	"Accounts for signing in to `ehcp serve`.  A reader sees cases, reviews,\n"
	"reports and calendars; a writer also records milestones; an admin also\n"
	"manages the service.  The database enforces each role.  The password (8\n"
	"to 1024 characters) is asked for twice on the terminal, not shown, or\n"
	"read as the first line of standard input with --password-stdin; never\n"
	"from the command line.  A new password lifts a lock and ends the user's\n"
	"sessions; disabling ends them and every sign-in.  A new role holds from\n"
	"the user's next request.  The only admin is neither disabled nor given\n"
	"another role until there is a second.\n";

/* A line from f into buf, without its line end; false at end of file or
 * for a line too long. */
static bool read_line(char *buf, size_t size, FILE *f)
{
	if (!fgets(buf, (int)size, f))
		return false;
	size_t n = strlen(buf);
	if (n > 0 && buf[n - 1] != '\n' && !feof(f))
		return false;
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

/* Asks on the terminal (standard input), with echo off. */
static bool ask(char *buf, size_t size, const char *prompt)
{
	struct termios old, quiet;
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return false;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	fputs(prompt, stderr);
	fflush(stderr);
	if (tcsetattr(STDIN_FILENO, TCSANOW, &quiet) != 0)
		return false;
	bool ok = read_line(buf, size, stdin);
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	fputc('\n', stderr);
	return ok;
}

/* The new password, from the terminal or (from_stdin) standard input. */
static int read_password(char *buf, size_t size, bool from_stdin)
{
	if (from_stdin) {
		if (!read_line(buf, size, stdin))
			return cli_usage("--password-stdin: no password line on standard input");
		return EXIT_OK;
	}
	if (!isatty(STDIN_FILENO))
		return cli_usage("standard input is not a terminal: give the password with --password-stdin");
	char again[1100];
	if (!ask(buf, size, "New password: ") || !ask(again, sizeof again, "Again: ")) {
		explicit_bzero(again, sizeof again);
		return cli_usage("no password read");
	}
	bool same = strcmp(buf, again) == 0;
	explicit_bzero(again, sizeof again);
	return same ? EXIT_OK : cli_usage("the two passwords differ");
}

static int user_list(ehcp_store *s, const ehcp_format_options *fo)
{
	ehcp_users *l = NULL;
	int err = ehcp_user_list(&l, s);
	if (err < 0)
		return cli_report(err);
	ehcp_sink *out = NULL;
	if ((err = ehcp_sink_file(&out, stdout)) == 0)
		err = ehcp_users_format(out, l, fo);
	ehcp_sink_free(out);
	ehcp_users_free(l);
	return err < 0 ? cli_report(err) : EXIT_OK;
}

int cmd_user(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"role", required_argument, NULL, 'r'},
	    {"password-stdin", no_argument, NULL, 'p'},
	    {"format", required_argument, NULL, 'F'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_format_options fo = EHCP_FORMAT_OPTIONS_INIT;
	const char *role_arg = NULL;
	bool from_stdin = false;
	int ch;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r': role_arg = optarg; break;
		case 'p': from_stdin = true; break;
		case 'F':
			if (ehcp_format_parse(&fo.format, optarg) < 0)
				return cli_usage("--format: %s", ehcp_error_last());
			break;
		case 'h': fputs(user_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage("user: add, passwd, disable, role or list?");
	const char *verb = argv[optind];
	int rest = argc - optind - 1;
	const char *name = rest == 1 ? argv[optind + 1] : NULL;
	bool list = strcmp(verb, "list") == 0;
	bool add = strcmp(verb, "add") == 0, passwd = strcmp(verb, "passwd") == 0, set_role = strcmp(verb, "role") == 0;
	if (!list && !add && !passwd && !set_role && strcmp(verb, "disable") != 0)
		return cli_usage("user: unknown action '%s'", verb);
	if (list ? rest != 0 : !name)
		return cli_usage(list ? "user list takes no arguments" : "user %s: which user (one name)?", verb);
	ehcp_role role = EHCP_ROLE_READER;
	if ((add || set_role) && !role_arg)
		return cli_usage("user %s: --role reader|writer|admin is required", verb);
	if (role_arg && !add && !set_role)
		return cli_usage("user %s takes no --role", verb);
	if (role_arg && ehcp_role_parse(&role, role_arg) < 0)
		return cli_usage("--role: %s", ehcp_error_last());
	char password[1100] = "";
	int rc;
	if ((add || passwd) && (rc = read_password(password, sizeof password, from_stdin)) != EXIT_OK)
		return rc;
	ehcp_store *s;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK) {
		explicit_bzero(password, sizeof password);
		return rc;
	}
	fo.colour = cli_colour_wanted(stdout);
	if (list) {
		rc = user_list(s, &fo);
	} else {
		int err = add ? ehcp_user_add(s, name, role, password)
		          : passwd ? ehcp_user_passwd(s, name, password)
		          : set_role ? ehcp_user_set_role(s, name, role)
		                   : ehcp_user_disable(s, name);
		if (err < 0)
			rc = cli_report(err);
		else if (set_role)
			rc = (printf("user %s is now %s %s\n", name, role == EHCP_ROLE_ADMIN ? "an" : "a", ehcp_role_name(role)),
			      EXIT_OK);
		else
			rc = (printf("%s user %s\n", add ? "added" : passwd ? "new password for" : "disabled", name), EXIT_OK);
	}
	explicit_bzero(password, sizeof password);
	ehcp_store_free(s);
	return rc;
}
