/* ehcp import and ehcp export: the tracker CSV. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char import_help[] =
	"Usage: ehcp import FILE|- [--dry-run] [--update]\n"
	"Import a tracker CSV (shared/docs/tracker-csv.md).  All or nothing: if any\n"
	"row is bad, every bad row is listed and nothing is written.\n"
	"  --dry-run   check the file, write nothing\n"
	"  --update    rows whose case_ref exists replace those cases\n";

typedef struct {
	long long size;
} progress_ctx;

static void show_progress(void *ctx, uint64_t rows, uint64_t bytes)
{
	const progress_ctx *p = ctx;
	if (p->size > 0)
		fprintf(stderr, "\rehcp: %llu rows read (%d%%)", (unsigned long long)rows, (int)(bytes * 100 / (uint64_t)p->size));
	else
		fprintf(stderr, "\rehcp: %llu rows read", (unsigned long long)rows);
}

int cmd_import(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"dry-run", no_argument, NULL, 'n'},
	    {"update", no_argument, NULL, 'u'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_import_options opts = EHCP_IMPORT_OPTIONS_INIT;
	int ch;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n': opts.dry_run = true; break;
		case 'u': opts.update = true; break;
		case 'h': fputs(import_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage("import takes one file (or - for standard input)");
	const char *path = argv[optind];
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!in) {
		fprintf(stderr, "ehcp: cannot open %s: %s\n", path, strerror(errno));
		return EXIT_FAILURE_;
	}
	progress_ctx pc = {-1};
	struct stat st;
	if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
		pc.size = (long long)st.st_size;
	if (isatty(STDERR_FILENO)) {
		opts.progress = show_progress;
		opts.progress_ctx = &pc;
	}

	ehcp_store *s;
	int rc = cli_open_store(&s, c, false);
	if (rc == EXIT_OK) {
		ehcp_import_result r;
		int err = ehcp_tracker_import(&r, s, in, &opts);
		if (opts.progress)
			fputc('\n', stderr);
		if (err < 0) {
			rc = cli_report(err);
		} else {
			printf("%s%llu rows: %llu new cases, %llu updated, %llu unchanged\n", opts.dry_run ? "dry run, nothing written: " : "",
			       (unsigned long long)r.rows, (unsigned long long)r.created, (unsigned long long)r.updated,
			       (unsigned long long)r.unchanged);
		}
		ehcp_store_free(s);
	}
	if (in != stdin)
		fclose(in);
	return rc;
}

int cmd_export(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *path = NULL;
	int ch;
	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o': path = optarg; break;
		case 'h': fputs("Usage: ehcp export [-o FILE]\nWrite every case as a tracker CSV.\n", stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc != optind)
		return cli_usage("export takes no arguments (use -o FILE)");
	ehcp_store *s;
	int rc = cli_open_store(&s, c, false);
	if (rc != EXIT_OK)
		return rc;
	cli_output out;
	if ((rc = cli_output_open(&out, path)) != EXIT_OK) {
		ehcp_store_free(s);
		return rc;
	}
	ehcp_sink *sink = NULL;
	int err = ehcp_sink_file(&sink, out.f);
	if (err == 0)
		err = ehcp_tracker_export(sink, s);
	ehcp_sink_free(sink);
	ehcp_store_free(s);
	return cli_output_close(&out, err);
}
