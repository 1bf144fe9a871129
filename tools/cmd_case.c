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

/* A milestone as the command line names it, and the fields it sets. */
typedef struct {
	const char *name;
	const char *fields[2];  /* code field then date field, or one field */
} milestone;

static const milestone pairs[] = {
    {"decision", {"assessment_decision", "assessment_decision_date"}},
    {"plan_decision", {"plan_decision", "plan_decision_date"}},
    {"closed", {"closed_reason", "closed_date"}},
    {"exception", {"exception", "exception_note"}},
    {"draft", {"draft_plan_date", NULL}},
    {"final", {"final_plan_date", NULL}},
    {"mediation", {"mediation_date", NULL}},
    {"appeal", {"tribunal_appeal_date", NULL}},
    {"tribunal", {"tribunal_outcome", "tribunal_outcome_date"}},
};

static const milestone *find_milestone(const char *name, milestone *single)
{
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		if (strcmp(pairs[i].name, name) == 0)
			return &pairs[i];
	if (ehcp_case_field_index(name) < 0)
		return NULL;
	single->name = name;
	single->fields[0] = name;
	single->fields[1] = NULL;
	return single;
}

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
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > 1000000000)
				return cli_usage("--expect-version: \"%s\" is not a version number", optarg);
			o->expect_version = (int)v;
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
	milestone single;
	const milestone *m = find_milestone(argv[0], &single);
	if (!m)
		return cli_usage("case %s: unknown milestone \"%s\"", verb, argv[0]);
	ehcp_change ch[2];
	size_t n = 0;
	ehcp_change_mode mode = strcmp(verb, "record") == 0    ? EHCP_CHANGE_RECORD
	                        : strcmp(verb, "correct") == 0 ? EHCP_CHANGE_CORRECT
	                                                       : EHCP_CHANGE_CLEAR;
	bool pair = m->fields[1] != NULL;
	bool note_optional = strcmp(m->name, "exception") == 0;
	if (mode == EHCP_CHANGE_CLEAR) {
		if (argc != 1)
			return cli_usage("case clear takes a milestone and no value");
		ch[n++] = (ehcp_change){m->fields[0], NULL, EHCP_CHANGE_CLEAR};
		if (pair)
			ch[n++] = (ehcp_change){m->fields[1], NULL, EHCP_CHANGE_CLEAR};
	} else {
		int want = pair && !note_optional ? 3 : 2;
		if (argc != want && !(note_optional && argc == 3))
			return cli_usage("case %s %s takes %s", verb, m->name,
			                 pair && !note_optional ? "a code and a date" : note_optional ? "a code and an optional note" : "one value");
		ch[n++] = (ehcp_change){m->fields[0], argv[1], mode};
		if (pair)
			/* the note is set whatever was there, so that it goes with its exception */
			ch[n++] = (ehcp_change){m->fields[1], argc == 3 ? argv[2] : "", note_optional ? EHCP_CHANGE_SET : mode};
	}
	ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;
	wo.expected_version = o->expect_version;
	int err = ehcp_case_apply(s, ref, ch, n, &wo);
	if (err < 0)
		return cli_report(err);
	printf("%s: %s %s\n", ref, mode == EHCP_CHANGE_CLEAR ? "cleared" : mode == EHCP_CHANGE_CORRECT ? "corrected" : "recorded", m->name);
	return EXIT_OK;
}

static void print_date_line(const char *label, ehcp_date d, const char *extra)
{
	char buf[EHCP_DATE_LONG_LEN];
	if (d == EHCP_DATE_NONE)
		return;
	printf("    %-28s %s%s\n", label, ehcp_date_format_long(buf, d), extra ? extra : "");
}

static int case_show(ehcp_store *s, const char *ref, const case_opts *o)
{
	ehcp_date on = ehcp_date_today();
	if (o->as_of) {
		int rc = cli_parse_date(&on, o->as_of, "--as-of");
		if (rc)
			return rc;
	}
	ehcp_case *c;
	int err = ehcp_case_lookup(&c, s, ref, on);
	if (err < 0)
		return cli_report(err);
	char d1[EHCP_DATE_LONG_LEN], d2[EHCP_DATE_LONG_LEN], el[16];
	const ehcp_case_dates *cd = &c->dates;
	printf("Case %s (version %d)\n", c->case_ref, c->version);
	printf("  %s request received %s; caseworker %s\n", ehcp_request_type_name(cd->type),
	       ehcp_date_format_long(d1, cd->request), c->caseworker[0] ? c->caseworker : "(none)");
	if (o->show_child) {
		printf("  child %s, born %s\n", c->child_ref[0] ? c->child_ref : "(no reference)",
		       c->date_of_birth == EHCP_DATE_NONE ? "(not known)" : ehcp_date_format_long(d2, c->date_of_birth));
	}
	printf("  on %s: %s, %s since the request%s\n", ehcp_date_format_long(d1, on), ehcp_status_name(c->view.status),
	       ehcp_clock_format_elapsed(el, sizeof el, c->view.elapsed_days),
	       c->view.exception ? "; exception recorded" : "");
	if (c->view.next != EHCP_DEADLINE_COUNT)
		printf("  next deadline: %s, %s (%d days)\n", ehcp_deadline_label_for(c->view.next, cd->type),
		       ehcp_date_format_long(d2, c->view.next_due), c->view.next_due - on);

	printf("  Milestones\n");
	if (cd->decision != EHCP_ASSESS_NONE) {
		char extra[32];
		snprintf(extra, sizeof extra, " (%s)", ehcp_assess_decision_name(cd->decision));
		print_date_line(cd->type == EHCP_REQUEST_REASSESSMENT ? "decision whether to re-assess"
		                                                      : "decision whether to assess",
		                cd->decision_date, extra);
	}
	static const char *const bodies[] = {"health advice", "social care advice", "EP advice"};
	for (int b = 0; b < EHCP_ADVICE_COUNT; b++) {
		char label[64];
		snprintf(label, sizeof label, "%s requested", bodies[b]);
		print_date_line(label, cd->advice[b].requested, NULL);
		snprintf(label, sizeof label, "%s received", bodies[b]);
		print_date_line(label, cd->advice[b].received, NULL);
		if (cd->advice[b].exception != EHCP_EXCEPTION_NONE)
			printf("    %-28s %s\n", "  exception", ehcp_exception_name(cd->advice[b].exception));
	}
	if (cd->plan_decision != EHCP_PLAN_NONE) {
		char extra[32];
		snprintf(extra, sizeof extra, " (%s)", ehcp_plan_decision_name(cd->plan_decision));
		print_date_line("plan decision", cd->plan_decision_date, extra);
	}
	print_date_line("draft plan served", cd->draft, NULL);
	print_date_line("final plan issued", cd->final, NULL);
	if (cd->closed != EHCP_DATE_NONE) {
		char extra[32];
		snprintf(extra, sizeof extra, " (%s)", ehcp_closed_reason_name(cd->closed_reason));
		print_date_line("closed", cd->closed, extra);
	}
	print_date_line("mediation", cd->mediation, NULL);
	print_date_line("tribunal appeal registered", cd->tribunal_appeal, NULL);
	if (cd->tribunal_outcome != EHCP_TRIBUNAL_NONE) {
		char extra[32];
		snprintf(extra, sizeof extra, " (%s)", ehcp_tribunal_outcome_name(cd->tribunal_outcome));
		print_date_line("tribunal outcome", cd->tribunal_outcome_date, extra);
	}
	if (cd->exception != EHCP_EXCEPTION_NONE)
		printf("    %-28s %s%s%s\n", "exception", ehcp_exception_name(cd->exception),
		       c->exception_note ? ": " : "", c->exception_note ? c->exception_note : "");

	if (ehcp_clock_comment_period_cut_short(cd))
		printf("  warning: the final plan came %d days after the draft, before the family's 15 days to comment "
		       "had run\n",
		       cd->final - cd->draft);
	printf("  Deadlines\n");
	for (int k = 0; k < EHCP_DEADLINE_COUNT; k++) {
		const ehcp_deadline *d = &c->deadlines[k];
		if (!d->applies)
			continue;
		char state[96];
		if (d->met != EHCP_DATE_NONE)
			snprintf(state, sizeof state, "met %s (%s)", ehcp_date_format_long(d2, d->met),
			         d->met <= d->due ? "in time" : "late");
		else if (d->due < on)
			snprintf(state, sizeof state, "%s, %d days ago", d->hard ? "MISSED" : "passed", on - d->due);
		else
			snprintf(state, sizeof state, "in %d days", d->due - on);
		printf("    %-28s %-16s %s%s\n", ehcp_deadline_label_for((ehcp_deadline_kind)k, cd->type),
		       ehcp_date_format_long(d1, d->due), state, d->excused ? " [exception]" : "");
	}
	ehcp_case_free(c);
	return EXIT_OK;
}

static bool is_child_field(const char *f)
{
	return f && (strcmp(f, "child_ref") == 0 || strcmp(f, "date_of_birth") == 0);
}

static int case_history(ehcp_store *s, const char *ref, const case_opts *o)
{
	ehcp_history *h;
	int err = ehcp_case_history(&h, s, ref);
	if (err < 0)
		return cli_report(err);
	printf("%-27s %-20s %-9s %-28s %s\n", "when (UTC)", "who", "action", "field", "change");
	for (size_t i = 0; i < h->count; i++) {
		const ehcp_history_entry *e = &h->entries[i];
		char who[128];
		snprintf(who, sizeof who, "%s%s%s%s", e->app_user ? e->app_user : "", e->app_user ? " (" : "", e->db_role,
		         e->app_user ? ")" : "");
		if (!e->field) {
			printf("%-27s %-20s %-9s %-28s %s\n", e->at, who, e->action, "", o->show_child ? e->new_value : "(case created)");
			continue;
		}
		bool hide = is_child_field(e->field) && !o->show_child;
		printf("%-27s %-20s %-9s %-28s %s -> %s\n", e->at, who, e->action, e->field,
		       hide ? "(hidden)" : e->old_value ? e->old_value : "(none)", hide ? "(hidden)" : e->new_value ? e->new_value : "(none)");
	}
	ehcp_history_free(h);
	return EXIT_OK;
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
				rc = cli_usage("case exception: \"%s\" is not one of setting_closure, personal_circumstances, "
				               "absent_from_area, coronavirus, none", pos[2]);
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
