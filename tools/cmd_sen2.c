/* ehcp sen2: the SEN2 return for DfE, and ehcp config: the council's settings. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char sen2_help[] =
	"Usage: ehcp sen2 --year YYYY --persons FILE -o sen2.xml [--la NNN]\n"
	"                 [--check] [--allow-incomplete] [--spec 2024]\n"
	"The SEN2 person-level return (XML, DfE's 2024 schema) for the calendar year\n"
	"YYYY as it stood on 31 December (the return DfE collects the next January),\n"
	"from what ehcp holds joined with the persons file the council exports from\n"
	"its own system (columns: README, \"SEN2\"; read, never stored or logged).\n"
	"  --la NNN            the authority's code (default: 'ehcp config get la')\n"
	"  --check             print the checks (error: stops the return; query:\n"
	"                      what COLLECT would ask about) and write nothing\n"
	"  --allow-incomplete  leave out the children with no persons row, and say\n"
	"                      how many, instead of refusing\n"
	"  --spec 2024         the specification (2024, the only one supported)\n"
	"Exit status 3 when the checks find an error or a child has no persons row.\n";

/* Errors among the children the return will hold (with allow_incomplete,
 * those with no persons row, and requests with no child_ref, are left out). */
static size_t errors_written(const ehcp_sen2_findings *f, const ehcp_sen2_persons *p, bool allow_incomplete)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++) {
		const ehcp_sen2_finding *x = &f->items[i];
		if (x->severity != EHCP_SEN2_ERROR)
			continue;
		if (allow_incomplete && (!x->child_ref[0] || !ehcp_sen2_persons_find(p, x->child_ref)))
			continue;
		n++;
	}
	return n;
}

static int print_findings(FILE *f, const ehcp_sen2_findings *fs)
{
	ehcp_sink *s = NULL;
	int err = ehcp_sink_file(&s, f);
	if (err == 0)
		err = ehcp_sen2_findings_format(s, fs);
	ehcp_sink_free(s);
	return err;
}

int cmd_sen2(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"year", required_argument, NULL, 'y'},
	    {"la", required_argument, NULL, 'l'},
	    {"persons", required_argument, NULL, 'p'},
	    {"output", required_argument, NULL, 'o'},
	    {"check", no_argument, NULL, 'c'},
	    {"allow-incomplete", no_argument, NULL, 'i'},
	    {"spec", required_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_sen2_options o = EHCP_SEN2_OPTIONS_INIT;
	o.release = EHCP_VERSION;
	const char *persons_path = NULL, *path = NULL, *la = NULL;
	bool check = false;
	int ch;
	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'y': {
			char *end;
			long y = strtol(optarg, &end, 10);
			if (*end || !*optarg || y < 1900 || y > 9998)
				return cli_usage("--year: \"%s\" is not a year", optarg);
			o.year = (int)y;
			break;
		}
		case 'l':
			if (ehcp_config_check("la", optarg) < 0)
				return cli_usage("--la: %s", ehcp_error_last());
			la = optarg;
			break;
		case 'p': persons_path = optarg; break;
		case 'o': path = optarg; break;
		case 'c': check = true; break;
		case 'i': o.allow_incomplete = true; break;
		case 's':
			if (ehcp_sen2_spec_parse(&o.spec, optarg) < 0)
				return cli_usage("--spec: %s", ehcp_error_last());
			break;
		case 'h': fputs(sen2_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc != optind)
		return cli_usage("sen2 takes no arguments beyond its options");
	if (!o.year)
		return cli_usage("sen2 needs --year YYYY");
	if (!persons_path)
		return cli_usage("sen2 needs --persons FILE (the council's person items; see the README)");
	if (!path && !check)
		return cli_usage("sen2 needs -o FILE.xml (or --check)");

	FILE *pf = fopen(persons_path, "rb");
	if (!pf) {
		fprintf(stderr, "ehcp: cannot read %s\n", persons_path);
		return EXIT_FAILURE_;
	}
	ehcp_sen2_persons *persons = NULL;
	int err = ehcp_sen2_persons_read(&persons, pf, persons_path);
	fclose(pf);
	if (err < 0)
		return cli_report(err);

	ehcp_store *s;
	int rc;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK) {
		ehcp_sen2_persons_free(persons);
		return rc;
	}
	char *stored_la = NULL;
	if (!la && !check && (err = ehcp_config_get(&stored_la, s, "la")) < 0) {
		ehcp_store_free(s);
		ehcp_sen2_persons_free(persons);
		return cli_report(err);
	}
	if (!la && !check && !stored_la) {
		ehcp_store_free(s);
		ehcp_sen2_persons_free(persons);
		return cli_usage("sen2 needs the LA code: --la NNN, or 'ehcp config set la NNN' once");
	}
	snprintf(o.la, sizeof o.la, "%s", la ? la : stored_la ? stored_la : "");
	free(stored_la);
	ehcp_sen2 *r = NULL;
	err = ehcp_sen2_fetch(&r, s, &o);
	ehcp_store_free(s);
	ehcp_sen2_findings *f = NULL;
	if (err == 0)
		err = ehcp_sen2_check(&f, r, persons);
	if (err < 0) {
		ehcp_sen2_free(r);
		ehcp_sen2_persons_free(persons);
		return cli_report(err);
	}
	if (check) {
		err = print_findings(stdout, f);
		rc = err < 0 ? cli_report(err) : errors_written(f, persons, o.allow_incomplete) ? EXIT_INVALID : EXIT_OK;
		goto done;
	}
	if ((err = print_findings(stderr, f)) < 0) {
		rc = cli_report(err);
		goto done;
	}
	size_t blocking = errors_written(f, persons, o.allow_incomplete);
	if (blocking) {
		if (f->missing && !o.allow_incomplete)
			fprintf(stderr, "ehcp: %zu child%s no row in the persons file (--allow-incomplete leaves %s out)\n",
			        f->missing, f->missing == 1 ? " has" : "ren have", f->missing == 1 ? "it" : "them");
		fprintf(stderr, "ehcp: the checks found %zu error%s; nothing was written\n", blocking, blocking == 1 ? "" : "s");
		rc = EXIT_INVALID;
		goto done;
	}
	cli_output out;
	if ((rc = cli_output_open(&out, path)) != EXIT_OK)
		goto done;
	ehcp_sink *sink = NULL;
	size_t left_out = 0;
	if ((err = ehcp_sink_file(&sink, out.f)) == 0)
		err = ehcp_sen2_format(sink, r, persons, &o, &left_out);
	ehcp_sink_free(sink);
	if ((rc = cli_output_close(&out, err)) != EXIT_OK)
		goto done;
	if (path && strcmp(path, "-") != 0) {
		size_t unref = o.allow_incomplete ? r->nunreferenced : 0;
		printf("ehcp: SEN2 return for %d written to %s: %zu children", r->year, path, r->nchildren - left_out);
		if (left_out || unref)
			printf("; %zu left out with no persons row, %zu request%s or plan%s with no child_ref", left_out, unref,
			       unref == 1 ? "" : "s", unref == 1 ? "" : "s");
		printf("\n");
	}
done:
	ehcp_sen2_findings_free(f);
	ehcp_sen2_free(r);
	ehcp_sen2_persons_free(persons);
	return rc;
}

static const char config_help[] =
	"Usage: ehcp config set KEY VALUE | ehcp config get KEY\n"
	"The council's settings, kept in the database.  Keys:\n"
	"  la   the authority's three-digit code, for the SEN2 return\n";

int cmd_config(const cli *c, int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(config_help, stdout);
		return EXIT_OK;
	}
	const bool set = argc == 4 && strcmp(argv[1], "set") == 0;
	const bool get = argc == 3 && strcmp(argv[1], "get") == 0;
	if (!set && !get)
		return cli_usage("config: 'set KEY VALUE' or 'get KEY' (see 'ehcp config --help')");
	if (set && ehcp_config_check(argv[2], argv[3]) < 0)
		return cli_usage("config: %s", ehcp_error_last());
	ehcp_store *s;
	int rc;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK)
		return rc;
	char *value = NULL;
	int err = set ? ehcp_config_set(s, argv[2], argv[3]) : ehcp_config_get(&value, s, argv[2]);
	ehcp_store_free(s);
	if (err == EHCP_EINVALID)
		return cli_usage("config: %s", ehcp_error_last());
	if (err < 0)
		return cli_report(err);
	if (get) {
		if (!value) {
			fprintf(stderr, "ehcp: %s is not set\n", argv[2]);
			return EXIT_NOTFOUND;
		}
		puts(value);
		free(value);
	}
	return EXIT_OK;
}
