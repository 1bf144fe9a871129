#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ehcp/params.h"

int cli_report(int code)
{
	const char *msg = ehcp_error_last();
	/* A list of problems: the first on the "ehcp:" line, the rest indented. */
	fputs("ehcp: ", stderr);
	for (const char *p = *msg ? msg : "failed"; *p; p++) {
		fputc(*p, stderr);
		if (*p == '\n')
			fputs("  ", stderr);
	}
	fputc('\n', stderr);
	switch (code) {
	case EHCP_EINVALID:
		return EXIT_INVALID;
	case EHCP_ENOTFOUND:
		return EXIT_NOTFOUND;
	case EHCP_ECONFLICT:
		return EXIT_CONFLICT;
	default:
		return EXIT_FAILURE_;
	}
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	fputs("ehcp: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'ehcp --help'.\n", stderr);
	return EXIT_USAGE;
}

int cli_open_store(ehcp_store **out, const cli *c, bool migrate)
{
	char *conninfo = NULL;
	bool embedded;
	int err = ehcp_cluster_resolve(&conninfo, &embedded, c->db);
	if (err < 0)
		return cli_report(err);
	ehcp_store_options opts = EHCP_STORE_OPTIONS_INIT;
	opts.app_user = c->user;
	opts.migrate = migrate;
	err = ehcp_store_open(out, conninfo, &opts);
	free(conninfo);
	return err < 0 ? cli_report(err) : EXIT_OK;
}

int cli_parse_date(ehcp_date *out, const char *arg, const char *what)
{
	return ehcp_param_date(out, arg, what) < 0 ? cli_usage("%s", ehcp_error_last()) : EXIT_OK;
}

int cli_parse_days(int *out, const char *arg, const char *what, int max)
{
	return ehcp_param_days(out, arg, what, max) < 0 ? cli_usage("%s", ehcp_error_last()) : EXIT_OK;
}

int cli_parse_expect_version(int *out, const char *arg)
{
	return ehcp_param_expect_version(out, arg) < 0 ? cli_usage("%s", ehcp_error_last()) : EXIT_OK;
}

int cli_parse_month_or_date(ehcp_date *out, const char *arg, const char *what, bool end)
{
	return ehcp_param_month_or_date(out, arg, what, end) < 0 ? cli_usage("%s", ehcp_error_last()) : EXIT_OK;
}

bool cli_colour_wanted(FILE *f)
{
	const char *no = getenv("NO_COLOR");
	return isatty(fileno(f)) && !(no && *no);
}

int cli_output_open(cli_output *o, const char *path)
{
	o->path = path && strcmp(path, "-") != 0 ? path : NULL;
	o->tmp = NULL;
	o->f = stdout;
	if (!o->path)
		return EXIT_OK;
	if (asprintf(&o->tmp, "%s.tmp", o->path) < 0 || !(o->f = fopen(o->tmp, "wb"))) {
		fprintf(stderr, "ehcp: cannot write %s: %s\n", o->path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

int cli_output_close(cli_output *o, int err)
{
	const char *failed = NULL;
	int saved = 0;
	if (!o->path) {
		if (fflush(stdout) != 0 && err == 0)
			failed = "standard output", saved = errno;
	} else {
		if (fclose(o->f) != 0 && err == 0)
			failed = o->path, saved = errno;
		if (err == 0 && !failed && rename(o->tmp, o->path) != 0)
			failed = o->path, saved = errno;
		if (err < 0 || failed)
			unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
	}
	if (err < 0)
		return cli_report(err);
	if (failed) {
		fprintf(stderr, "ehcp: cannot write %s: %s\n", failed, strerror(saved));
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}
