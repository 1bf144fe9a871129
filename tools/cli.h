#ifndef EHCP_CLI_H
#define EHCP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "ehcp/ehcp.h"

/* Exit statuses scripts can trust. */
enum {
	EXIT_OK = 0,
	EXIT_FAILURE_ = 1,   /* the database or the system failed */
	EXIT_USAGE = 2,      /* bad command line */
	EXIT_INVALID = 3,    /* the input was refused: nothing was written */
	EXIT_NOTFOUND = 4,   /* no such case */
	EXIT_CONFLICT = 5    /* the case changed meanwhile, or exists already */
};

typedef struct cli {
	const char *db;     /* --db, or NULL */
	const char *user;   /* --user, or the login name */
	const char *prog;   /* "ehcp" */
} cli;

/* Prints "ehcp: <last error>" to stderr and returns the exit status for
 * the library error code. */
int cli_report(int code);

/* Prints "ehcp: <message>" and returns EXIT_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Connects (to the embedded default when no database is named) and checks
 * the schema, or applies it with `migrate`.  0 or an exit status. */
int cli_open_store(ehcp_store **out, const cli *c, bool migrate);

/* Colour only for a terminal, and never when NO_COLOR is set. */
bool cli_colour_wanted(FILE *f);

/* A number of days from 0 to max, or a usage error naming the option. */
int cli_parse_days(int *out, const char *arg, const char *what, int max);

/* --expect-version's number, or a usage error. */
int cli_parse_expect_version(int *out, const char *arg);

/* A date from the command line, or a usage error naming the option. */
int cli_parse_date(ehcp_date *out, const char *arg, const char *what);

/* A file written beside its final name and renamed into place when it is
 * complete, so that a failure never leaves half a file under the name asked
 * for; with no path, or "-", standard output. */
typedef struct cli_output {
	FILE *f;
	const char *path;
	char *tmp;
} cli_output;

/* EXIT_OK, or EXIT_FAILURE_ with the reason printed. */
int cli_output_open(cli_output *o, const char *path);
/* Finishes the file: renamed into place if err (a library code) is 0,
 * removed otherwise.  Reports any failure and returns the exit status. */
int cli_output_close(cli_output *o, int err);

int cmd_init(const cli *c, int argc, char **argv);
int cmd_db(const cli *c, int argc, char **argv);
int cmd_case(const cli *c, int argc, char **argv);
int cmd_plan(const cli *c, int argc, char **argv);
int cmd_import(const cli *c, int argc, char **argv);
int cmd_export(const cli *c, int argc, char **argv);
int cmd_demo(const cli *c, int argc, char **argv);
int cmd_cases(const cli *c, int argc, char **argv);
int cmd_reviews(const cli *c, int argc, char **argv);
int cmd_report(const cli *c, int argc, char **argv);
int cmd_ical(const cli *c, int argc, char **argv);
int cmd_config(const cli *c, int argc, char **argv);
int cmd_sen2(const cli *c, int argc, char **argv);
int cmd_serve(const cli *c, int argc, char **argv);
int cmd_feed(const cli *c, int argc, char **argv);
int cmd_user(const cli *c, int argc, char **argv);

/* YYYY-MM (its first day, or with `end` its last) or a date. */
int cli_parse_month_or_date(ehcp_date *out, const char *arg, const char *what, bool end);

#endif
