/* ehcp case: add, record, correct, clear, exception, close, show, history. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char case_help[] =
	"Usage: ehcp case add REF --request-date DATE [--type TYPE] [--caseworker NAME]\n"
	"                         [--child-ref REF] [--dob DATE]\n"
	"       ehcp case record  REF MILESTONE VALUE... [--expect-version N]\n"
	"       ehcp case correct REF MILESTONE VALUE... [--expect-version N]\n"
	"       ehcp case clear   REF MILESTONE [--expect-version N]\n"
	"       ehcp case exception REF CODE|none [--note TEXT]\n"
	"       ehcp case close   REF withdrawn|moved_away|other DATE\n"
	"       ehcp case show    REF [--as-of DATE] [--show-child]\n"
	"       ehcp case history REF [--show-child]\n"
	"\n"
	"TYPE: initial (default), reassessment, or transfer_in (a child who moved in\n"
	"during an assessment, s.24).\n"
	"MILESTONE is a tracker column (health_advice_requested DATE, draft_plan_date\n"
	"DATE, caseworker NAME, ...) or one of:\n"
	"  decision assess|refuse DATE      plan_decision issue|not_issue DATE\n"
	"  closed REASON DATE               exception CODE [NOTE]\n"
	"  draft DATE                       final DATE\n"
	"  mediation DATE                   appeal DATE (to the tribunal)\n"
	"  tribunal dismissed|assess|issue|other DATE   (assess, issue: the order\n"
	"      overturns a refusal or a decision not to issue, and its clock runs)\n"
	"Dates are YYYY-MM-DD or DD/MM/YYYY.  A change that would make the case\n"
	"inconsistent is refused with every problem named, and nothing changes.\n";

typedef struct {
	const char *request_date, *type, *caseworker, *child_ref, *dob, *note, *as_of;
	int expect_version;
	bool show_child;
} case_opts;

/* Parses options anywhere among the arguments; positionals are left in
 * argv[optind..]. */
static int parse_opts(int argc, char **argv, case_opts *o)
{
	static const struct option longopts[] = {
	    {"request-date", required_argument, NULL, 'r'},
	    {"type", required_argument, NULL, 't'},
	    {"caseworker", required_argument, NULL, 'w'},
	    {"child-ref", required_argument, NULL, 'c'},
	    {"dob", required_argument, NULL, 'b'},
	    {"note", required_argument, NULL, 'n'},
	    {"as-of", required_argument, NULL, 'a'},
	    {"expect-version", required_argument, NULL, 'v'},
	    {"show-child", no_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	int ch;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r': o->request_date = optarg; break;
		case 't': o->type = optarg; break;
		case 'w': o->caseworker = optarg; break;
		case 'c': o->child_ref = optarg; break;
		case 'b': o->dob = optarg; break;
		case 'n': o->note = optarg; break;
		case 'a': o->as_of = optarg; break;
		case 's': o->show_child = true; break;
		case 'v': {
			int rc = cli_parse_expect_version(&o->expect_version, optarg);
			if (rc)
				return rc;
			break;
		}
		case 'h': fputs(case_help, stdout); return -1;
		default: return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

static int case_add(ehcp_store *s, const char *ref, const case_opts *o)
{
	if (!o->request_date)
		return cli_usage("case add: --request-date is required");
	ehcp_case *c;
	int err = ehcp_case_new(&c);
	if (err < 0)
		return cli_report(err);
	struct {
		const char *field, *value;
	} set[] = {
	    {"case_ref", ref}, {"request_date", o->request_date}, {"request_type", o->type},
	    {"caseworker", o->caseworker}, {"child_ref", o->child_ref}, {"date_of_birth", o->dob},
	};
	for (size_t i = 0; i < sizeof set / sizeof set[0] && err == 0; i++)
		if (set[i].value)
			err = ehcp_case_set_field(c, set[i].field, set[i].value, strlen(set[i].value));
	if (err == 0)
		err = ehcp_case_create(NULL, s, c, NULL);
	ehcp_case_free(c);
	if (err < 0)
		return cli_report(err);
	printf("added case %s\n", ref);
	return EXIT_OK;
}

static int case_change(ehcp_store *s, const char *verb, const char *ref, int argc, char **argv, const case_opts *o)
{
	if (argc < 1)
		return cli_usage("case %s: which milestone?", verb);
	ehcp_milestone ms;
	if (ehcp_milestone_lookup(&ms, argv[0]) < 0)
		return cli_usage("case %s: %s", verb, ehcp_error_last());
	const ehcp_milestone *m = &ms;
	ehcp_change ch[2];
	size_t n = 0;
	ehcp_change_mode mode = strcmp(verb, "record") == 0    ? EHCP_CHANGE_RECORD
	                        : strcmp(verb, "correct") == 0 ? EHCP_CHANGE_CORRECT
	                                                       : EHCP_CHANGE_CLEAR;
	if (ehcp_milestone_changes(ch, &n, m, mode, (const char *const *)argv + 1, argc - 1) < 0)
		return cli_usage("%s", ehcp_error_last());
	ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;
	wo.expected_version = o->expect_version;
	int err = ehcp_case_apply(s, ref, ch, n, &wo);
	if (err < 0)
		return cli_report(err);
	printf("%s: %s %s\n", ref, mode == EHCP_CHANGE_CLEAR ? "cleared" : mode == EHCP_CHANGE_CORRECT ? "corrected" : "recorded", m->name);
	return EXIT_OK;
}

static int case_show(ehcp_store *s, const char *ref, const case_opts *o)
{
	ehcp_date on = ehcp_date_today();
	if (o->as_of) {
		int rc = cli_parse_date(&on, o->as_of, "--as-of");
		if (rc)
			return rc;
	}
	ehcp_case *c = NULL;
	int err = ehcp_case_lookup(&c, s, ref, on);
	ehcp_sink *out = NULL;
	if (err == 0 && (err = ehcp_sink_file(&out, stdout)) == 0)
		err = ehcp_case_format(out, c, o->show_child);
	ehcp_sink_free(out);
	ehcp_case_free(c);
	return err < 0 ? cli_report(err) : EXIT_OK;
}

static int case_history(ehcp_store *s, const char *ref, const case_opts *o)
{
	ehcp_history *h = NULL;
	int err = ehcp_case_history(&h, s, ref);
	ehcp_sink *out = NULL;
	if (err == 0 && (err = ehcp_sink_file(&out, stdout)) == 0)
		err = ehcp_history_format(out, h, o->show_child);
	ehcp_sink_free(out);
	ehcp_history_free(h);
	return err < 0 ? cli_report(err) : EXIT_OK;
}

int cmd_case(const cli *c, int argc, char **argv)
{
	case_opts o;
	int rc = parse_opts(argc, argv, &o);
	if (rc < 0)
		return EXIT_OK;
	if (rc)
		return rc;
	int npos = argc - optind;
	char **pos = argv + optind;
	if (npos < 2)
		return cli_usage("case needs an action and a case reference (see 'ehcp case --help')");
	const char *verb = pos[0], *ref = pos[1];
	static const char *const verbs[] = {"add", "record", "correct", "clear", "exception", "close", "show", "history"};
	bool known = false;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		known = known || strcmp(verb, verbs[i]) == 0;
	if (!known)
		return cli_usage("case: unknown action \"%s\"", verb);

	ehcp_store *s;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK)
		return rc;
	if (strcmp(verb, "add") == 0)
		rc = npos == 2 ? case_add(s, ref, &o) : cli_usage("case add takes one reference");
	else if (strcmp(verb, "show") == 0)
		rc = case_show(s, ref, &o);
	else if (strcmp(verb, "history") == 0)
		rc = case_history(s, ref, &o);
	else if (strcmp(verb, "exception") == 0) {
		if (npos != 3) {
			rc = cli_usage("case exception takes a code (or none)");
		} else {
			ehcp_exception e = EHCP_EXCEPTION_NONE;
			if (strcmp(pos[2], "none") != 0 && (ehcp_exception_parse(&e, pos[2]) < 0 || !ehcp_exception_valid_for_case(e))) {
				rc = cli_usage("case exception: \"%s\" is not one of %s, none", pos[2], ehcp_case_exception_list());
			} else {
				ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;
				wo.expected_version = o.expect_version;
				int err = ehcp_case_set_exception(s, ref, e, o.note, &wo);
				rc = err < 0 ? cli_report(err) : EXIT_OK;
				if (err == 0)
					printf("%s: exception %s\n", ref, e == EHCP_EXCEPTION_NONE ? "removed" : "recorded");
			}
		}
	} else if (strcmp(verb, "close") == 0) {
		ehcp_closed_reason r;
		ehcp_date d;
		if (npos != 4 || ehcp_closed_reason_parse(&r, pos[2]) < 0 || r == EHCP_CLOSED_NONE)
			rc = cli_usage("case close takes a reason (withdrawn, moved_away, other) and a date");
		else if ((rc = cli_parse_date(&d, pos[3], "case close")) == EXIT_OK) {
			ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;
			wo.expected_version = o.expect_version;
			int err = ehcp_case_close(s, ref, d, r, &wo);
			rc = err < 0 ? cli_report(err) : EXIT_OK;
			if (err == 0)
				printf("%s: closed\n", ref);
		}
	} else {
		rc = case_change(s, verb, ref, npos - 2, pos + 2, &o);
	}
	ehcp_store_free(s);
	return rc;
}
