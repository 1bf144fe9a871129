/* ehcp import and ehcp export: the tracker CSV, and the plan register's
 * plans.csv and reviews.csv. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "ehcp/register.h"

static const char import_help[] =
	"Usage: ehcp import [FILE|-] [--plans FILE] [--reviews FILE] [--dry-run] [--update]\n"
	"Import a tracker CSV (shared/docs/tracker-csv.md) and/or the plan register's\n"
	"plans.csv and reviews.csv (shared/docs/plan-register-csv.md).  All or nothing:\n"
	"if any row of any file is bad, every bad row is listed and nothing is\n"
	"written.  Plans come first, then the tracker (whose final plans make the\n"
	"plans not in plans.csv, which reviews may name), then the reviews.\n"
	"  --plans FILE    plans.csv: one row per plan\n"
	"  --reviews FILE  reviews.csv: one row per review meeting\n"
	"  --dry-run       check the files, write nothing\n"
	"  --update        rows naming a stored case, plan or review replace it\n";

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

/* Opens an input ("-" is standard input); its size, if it is a file, is
 * added to *size for the progress (-1 once any input is not a file). */
static FILE *open_input(const char *path, long long *size)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!in) {
		fprintf(stderr, "ehcp: cannot open %s: %s\n", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (*size >= 0 && fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
		*size += (long long)st.st_size;
	else
		*size = -1;
	return in;
}

static void close_input(FILE *in)
{
	if (in && in != stdin)
		fclose(in);
}

int cmd_import(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"dry-run", no_argument, NULL, 'n'},
	    {"update", no_argument, NULL, 'u'},
	    {"plans", required_argument, NULL, 'P'},
	    {"reviews", required_argument, NULL, 'R'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_import_options opts = EHCP_IMPORT_OPTIONS_INIT;
	const char *plans_path = NULL, *reviews_path = NULL;
	int ch;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n': opts.dry_run = true; break;
		case 'u': opts.update = true; break;
		case 'P': plans_path = optarg; break;
		case 'R': reviews_path = optarg; break;
		case 'h': fputs(import_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	bool register_files = plans_path || reviews_path;
	if (argc - optind > 1 || (argc - optind == 0 && !register_files))
		return cli_usage("import takes one tracker file (or - for standard input), and/or --plans, --reviews");
	const char *path = argc - optind == 1 ? argv[optind] : NULL;
	int stdin_uses = (path && strcmp(path, "-") == 0) + (plans_path && strcmp(plans_path, "-") == 0) +
	                 (reviews_path && strcmp(reviews_path, "-") == 0);
	if (stdin_uses > 1)
		return cli_usage("only one of the files may be - (standard input)");

	progress_ctx pc = {0};
	FILE *in = NULL, *plans_in = NULL, *reviews_in = NULL;
	int rc = EXIT_OK;
	if ((path && !(in = open_input(path, &pc.size))) || (plans_path && !(plans_in = open_input(plans_path, &pc.size))) ||
	    (reviews_path && !(reviews_in = open_input(reviews_path, &pc.size))))
		rc = EXIT_FAILURE_;
	if (rc == EXIT_OK && isatty(STDERR_FILENO)) {
		opts.progress = show_progress;
		opts.progress_ctx = &pc;
	}

	ehcp_store *s = NULL;
	if (rc == EXIT_OK)
		rc = cli_open_store(&s, c, false);
	const char *dry = opts.dry_run ? "dry run, nothing written: " : "";
	if (rc == EXIT_OK) {
		ehcp_import_result r, p, v;
		int err = ehcp_import_files(&r, &p, &v, s, in, plans_in, reviews_in, &opts);
		if (opts.progress)
			fputc('\n', stderr);
		if (err < 0) {
			rc = cli_report(err);
		} else {
			if (in)
				printf("%s%llu rows: %llu new cases, %llu updated, %llu unchanged\n", dry, (unsigned long long)r.rows,
				       (unsigned long long)r.created, (unsigned long long)r.updated, (unsigned long long)r.unchanged);
			if (plans_in)
				printf("%splans: %llu rows: %llu new plans, %llu updated, %llu unchanged\n", dry,
				       (unsigned long long)p.rows, (unsigned long long)p.created, (unsigned long long)p.updated,
				       (unsigned long long)p.unchanged);
			if (reviews_in)
				printf("%sreviews: %llu rows: %llu new reviews, %llu updated, %llu unchanged\n", dry,
				       (unsigned long long)v.rows, (unsigned long long)v.created, (unsigned long long)v.updated,
				       (unsigned long long)v.unchanged);
		}
	}
	ehcp_store_free(s);
	close_input(in);
	close_input(plans_in);
	close_input(reviews_in);
	return rc;
}

static const char export_help[] =
	"Usage: ehcp export [--plans|--reviews] [-o FILE]\n"
	"Write every case as a tracker CSV; with --plans every plan as plans.csv, with\n"
	"--reviews every review as reviews.csv.\n";

int cmd_export(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"plans", no_argument, NULL, 'P'},
	    {"reviews", no_argument, NULL, 'R'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *path = NULL;
	bool plans = false, reviews = false;
	int ch;
	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o': path = optarg; break;
		case 'P': plans = true; break;
		case 'R': reviews = true; break;
		case 'h': fputs(export_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc != optind)
		return cli_usage("export takes no arguments (use -o FILE)");
	if (plans && reviews)
		return cli_usage("export writes one file: --plans or --reviews, not both");
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
		err = plans     ? ehcp_register_export_plans(sink, s)
		      : reviews ? ehcp_register_export_reviews(sink, s)
		                : ehcp_tracker_export(sink, s);
	ehcp_sink_free(sink);
	ehcp_store_free(s);
	return cli_output_close(&out, err);
}
