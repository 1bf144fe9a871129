/* ehcp plan: add, record, correct, clear, cease, show, history. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char plan_help[] =
	"Usage: ehcp plan add REF --start DATE [--caseworker NAME] [--case-ref REF]\n"
	"                 [--child-ref REF] [--dob DATE] [--transferred-in DATE]\n"
	"                 [--year-offset N]\n"
	"       ehcp plan record  REF MILESTONE VALUE... [--meeting DATE]\n"
	"       ehcp plan correct REF MILESTONE VALUE... [--meeting DATE]\n"
	"       ehcp plan clear   REF MILESTONE [--meeting DATE]\n"
	"       ehcp plan cease   REF REASON DATE\n"
	"       ehcp plan show    REF [--as-of DATE] [--show-child]\n"
	"       ehcp plan history REF [--show-child]\n"
	"(record, correct, clear and cease also take --expect-version N.)\n"
	"\n"
	"MILESTONE is a plans.csv or reviews.csv column, or one of:\n"
	"  meeting DATE          a review meeting was held (it restarts the 12 months)\n"
	"  invitations DATE      report DATE\n"
	"  decision maintain|amend|cease DATE\n"
	"  proposals DATE        the proposed amendments were sent\n"
	"  amended DATE          the final amended plan was issued\n"
	"  transfer school|post16 DATE   the next phase transfer, where the local\n"
	"                        pattern differs from the national one\n"
	"A review's milestone goes to the latest review, or the one held on\n"
	"--meeting DATE.  REASON: max_age, needs_met, higher_education, employment,\n"
	"moved_la, no_engagement, left_england, deceased, other.  A plan transferred\n"
	"in from another council (reg 15) is reviewed by the later of its own date\n"
	"and 3 months after the transfer.  Dates are YYYY-MM-DD or DD/MM/YYYY; a\n"
	"change that would make the plan inconsistent is refused, every problem\n"
	"named, and nothing changes.\n";

typedef struct {
	const char *start, *caseworker, *case_ref, *child_ref, *dob, *transferred_in, *offset, *as_of, *meeting;
	int expect_version;
	bool show_child;
} plan_opts;

static int parse_opts(int argc, char **argv, plan_opts *o)
{
	static const struct option longopts[] = {
	    {"start", required_argument, NULL, 'S'},
	    {"caseworker", required_argument, NULL, 'w'},
	    {"case-ref", required_argument, NULL, 'r'},
	    {"child-ref", required_argument, NULL, 'c'},
	    {"dob", required_argument, NULL, 'b'},
	    {"transferred-in", required_argument, NULL, 't'},
	    {"year-offset", required_argument, NULL, 'y'},
	    {"as-of", required_argument, NULL, 'a'},
	    {"meeting", required_argument, NULL, 'm'},
	    {"expect-version", required_argument, NULL, 'v'},
	    {"show-child", no_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	int ch;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'S': o->start = optarg; break;
		case 'w': o->caseworker = optarg; break;
		case 'r': o->case_ref = optarg; break;
		case 'c': o->child_ref = optarg; break;
		case 'b': o->dob = optarg; break;
		case 't': o->transferred_in = optarg; break;
		case 'y': o->offset = optarg; break;
		case 'a': o->as_of = optarg; break;
		case 'm': o->meeting = optarg; break;
		case 's': o->show_child = true; break;
		case 'v': {
			int rc = cli_parse_expect_version(&o->expect_version, optarg);
			if (rc)
				return rc;
			break;
		}
		case 'h': fputs(plan_help, stdout); return -1;
		default: return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

static int plan_add(ehcp_store *s, const char *ref, const plan_opts *o)
{
	if (!o->start)
		return cli_usage("plan add: --start is required (the day the plan was first made)");
	ehcp_plan *p;
	int err = ehcp_plan_new(&p);
	if (err < 0)
		return cli_report(err);
	struct {
		const char *field, *value;
	} set[] = {
	    {"plan_ref", ref}, {"plan_start_date", o->start}, {"caseworker", o->caseworker},
	    {"case_ref", o->case_ref}, {"child_ref", o->child_ref}, {"date_of_birth", o->dob},
	    {"transferred_in_date", o->transferred_in}, {"year_group_offset", o->offset},
	};
	for (size_t i = 0; i < sizeof set / sizeof set[0] && err == 0; i++)
		if (set[i].value)
			err = ehcp_plan_set_field(p, set[i].field, set[i].value, strlen(set[i].value));
	if (err == 0)
		err = ehcp_plan_add(NULL, s, p, NULL);
	ehcp_plan_free(p);
	if (err < 0)
		return cli_report(err);
	printf("added plan %s\n", ref);
	return EXIT_OK;
}

static int plan_change(ehcp_store *s, const char *verb, const char *ref, int argc, char **argv, const plan_opts *o)
{
	if (argc < 1)
		return cli_usage("plan %s: which milestone?", verb);
	ehcp_plan_milestone m;
	if (ehcp_plan_milestone_lookup(&m, argv[0]) < 0)
		return cli_usage("plan %s: %s", verb, ehcp_error_last());
	ehcp_change_mode mode = strcmp(verb, "record") == 0    ? EHCP_CHANGE_RECORD
	                        : strcmp(verb, "correct") == 0 ? EHCP_CHANGE_CORRECT
	                                                       : EHCP_CHANGE_CLEAR;
	const bool pair = m.fields[1] != NULL;
	ehcp_change ch[2];
	size_t n = 0;
	if (mode == EHCP_CHANGE_CLEAR) {
		if (argc != 1)
			return cli_usage("plan clear takes a milestone and no value");
		ch[n++] = (ehcp_change){m.fields[0], NULL, mode};
		if (pair)
			ch[n++] = (ehcp_change){m.fields[1], NULL, mode};
	} else {
		if (argc != (pair ? 3 : 2))
			return cli_usage("plan %s %s takes %s", verb, m.name, pair ? "a code and a date" : "one value");
		ch[n++] = (ehcp_change){m.fields[0], argv[1], mode};
		if (pair)
			ch[n++] = (ehcp_change){m.fields[1], argv[2], mode};
	}
	if (!m.review && o->meeting)
		return cli_usage("plan %s %s: --meeting is for a review's milestones", verb, m.name);

	ehcp_date meeting = EHCP_DATE_NONE;
	int rc;
	if (o->meeting && (rc = cli_parse_date(&meeting, o->meeting, "--meeting")) != EXIT_OK)
		return rc;
	ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;
	wo.expected_version = o->expect_version;
	int err;
	if (!m.review) {
		err = ehcp_plan_apply(s, ref, ch, n, &wo);
	} else if (strcmp(m.fields[0], "meeting_date") == 0 && mode == EHCP_CHANGE_RECORD) {
		/* recording a meeting holds a new review */
		ehcp_date held;
		if (o->meeting)
			return cli_usage("plan record meeting DATE takes no --meeting");
		if ((rc = cli_parse_date(&held, argv[1], "meeting")) != EXIT_OK)
			return rc;
		err = ehcp_plan_review_add(s, ref, held, NULL, 0, &wo);
	} else if (strcmp(m.fields[0], "meeting_date") == 0 && mode == EHCP_CHANGE_CLEAR) {
		return cli_usage("plan clear meeting: a review is never removed; correct its date instead");
	} else {
		err = ehcp_plan_review_apply(s, ref, meeting, ch, n, &wo);
	}
	if (err < 0)
		return cli_report(err);
	printf("%s: %s %s\n", ref, mode == EHCP_CHANGE_CLEAR ? "cleared" : mode == EHCP_CHANGE_CORRECT ? "corrected" : "recorded",
	       m.name);
	return EXIT_OK;
}

static int plan_show(ehcp_store *s, const char *ref, const plan_opts *o)
{
	ehcp_date on = ehcp_date_today();
	int rc;
	if (o->as_of && (rc = cli_parse_date(&on, o->as_of, "--as-of")) != EXIT_OK)
		return rc;
	ehcp_plan *p = NULL;
	int err = ehcp_plan_lookup(&p, s, ref, on);
	ehcp_sink *out = NULL;
	if (err == 0 && (err = ehcp_sink_file(&out, stdout)) == 0)
		err = ehcp_plan_format(out, p, o->show_child);
	ehcp_sink_free(out);
	ehcp_plan_free(p);
	return err < 0 ? cli_report(err) : EXIT_OK;
}

static int plan_history(ehcp_store *s, const char *ref, const plan_opts *o)
{
	ehcp_history *h = NULL;
	int err = ehcp_plan_history(&h, s, ref);
	ehcp_sink *out = NULL;
	if (err == 0 && (err = ehcp_sink_file(&out, stdout)) == 0)
		err = ehcp_history_format(out, h, o->show_child);
	ehcp_sink_free(out);
	ehcp_history_free(h);
	return err < 0 ? cli_report(err) : EXIT_OK;
}

static int plan_cease(ehcp_store *s, const char *ref, int argc, char **argv, const plan_opts *o)
{
	ehcp_cease_reason r;
	ehcp_date d;
	if (argc != 2)
		return cli_usage("plan cease takes a reason and a date");
	if (ehcp_cease_reason_parse(&r, argv[0]) < 0)
		return cli_usage("plan cease: %s", ehcp_error_last());
	int rc = cli_parse_date(&d, argv[1], "plan cease");
	if (rc != EXIT_OK)
		return rc;
	ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;
	wo.expected_version = o->expect_version;
	int err = ehcp_plan_cease(s, ref, d, r, &wo);
	if (err < 0)
		return cli_report(err);
	printf("%s: ceased\n", ref);
	return EXIT_OK;
}

int cmd_plan(const cli *c, int argc, char **argv)
{
	plan_opts o;
	int rc = parse_opts(argc, argv, &o);
	if (rc < 0)
		return EXIT_OK;
	if (rc)
		return rc;
	int npos = argc - optind;
	char **pos = argv + optind;
	if (npos < 2)
		return cli_usage("plan needs an action and a plan reference (see 'ehcp plan --help')");
	const char *verb = pos[0], *ref = pos[1];
	static const char *const verbs[] = {"add", "record", "correct", "clear", "cease", "show", "history"};
	bool known = false;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		known = known || strcmp(verb, verbs[i]) == 0;
	if (!known)
		return cli_usage("plan: unknown action \"%s\"", verb);
	if ((strcmp(verb, "add") == 0 || strcmp(verb, "show") == 0 || strcmp(verb, "history") == 0) && npos != 2)
		return cli_usage("plan %s takes one reference", verb);

	ehcp_store *s;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK)
		return rc;
	if (strcmp(verb, "add") == 0)
		rc = plan_add(s, ref, &o);
	else if (strcmp(verb, "show") == 0)
		rc = plan_show(s, ref, &o);
	else if (strcmp(verb, "history") == 0)
		rc = plan_history(s, ref, &o);
	else if (strcmp(verb, "cease") == 0)
		rc = plan_cease(s, ref, npos - 2, pos + 2, &o);
	else
		rc = plan_change(s, verb, ref, npos - 2, pos + 2, &o);
	ehcp_store_free(s);
	return rc;
}
