/* ehcp cases: the weekly case list for team leads. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

static const char cases_help[] =
	"Usage: ehcp cases [OPTIONS]\n"
	"Open requests as they stood on a date, most urgent first: weeks elapsed,\n"
	"stage, the deadline that matters now, days left (negative when late).\n"
	"  --as-of DATE            the day to look from (default today)\n"
	"  --all                   include ended requests (plans issued, refused, ...)\n"
	"  --caseworker NAME       one caseworker's cases\n"
	"  --status LIST           overdue, nearing, on_track (comma-separated)\n"
	"  --stage STAGE           awaiting_decision, assessing, awaiting_plan_decision,\n"
	"                          drafting, draft_served\n"
	"  --due-within DAYS       deadline within DAYS (late ones included)\n"
	"  --backlog               only requests past their final-plan deadline\n"
	"  --received-from DATE, --received-to DATE\n"
	"  --nearing DAYS          what counts as nearing (default 14)\n"
	"  --by caseworker         a caseload summary per caseworker instead\n"
	"  --format table|csv|json\n";

static int parse_statuses(unsigned *mask, char *list)
{
	*mask = 0;
	for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		ehcp_status s;
		if (ehcp_status_parse(&s, tok) < 0)
			return cli_usage("--status: \"%s\" is not one of overdue, nearing, on_track, done_in_time, done_late, ended", tok);
		*mask |= 1u << s;
	}
	return EXIT_OK;
}

static int print_list(ehcp_store *s, const ehcp_caselist_options *o, out_format fmt)
{
	ehcp_caselist *l;
	int err = ehcp_caselist_get(&l, s, o);
	if (err < 0)
		return cli_report(err);
	static const out_col cols[] = {
	    {"case_ref", "Case", COL_TEXT, false},
	    {"caseworker", "Caseworker", COL_TEXT, false},
	    {"request_date", "Received", COL_DATE, false},
	    {"elapsed", "Elapsed", COL_TEXT, false},
	    {"elapsed_days", "", COL_INT, true},
	    {"stage", "Stage", COL_TEXT, false},
	    {"deadline", "Deadline", COL_TEXT, false},
	    {"due_date", "Due", COL_DATE, false},
	    {"days_left", "Days left", COL_INT, false},
	    {"status", "Status", COL_TEXT, false},
	    {"exception", "Exception", COL_BOOL, false},
	};
	if (fmt == OUT_TABLE) {
		size_t overdue = 0, nearing = 0;
		for (size_t i = 0; i < l->count; i++) {
			overdue += l->rows[i].status == EHCP_STATUS_OVERDUE;
			nearing += l->rows[i].status == EHCP_STATUS_NEARING;
		}
		char d[EHCP_DATE_LONG_LEN];
		printf("%s as of %s: %zu (%zu overdue, %zu nearing)\n\n", o->include_ended ? "Requests" : "Open requests",
		       ehcp_date_format_long(d, l->as_of), l->count, overdue, nearing);
	}
	bool colour = out_colour_wanted(stdout);
	out *t = out_new(fmt, stdout, cols, sizeof cols / sizeof cols[0], colour);
	for (size_t i = 0; t && i < l->count; i++) {
		const ehcp_caselist_row *r = &l->rows[i];
		char req[EHCP_DATE_ISO_LEN], due[EHCP_DATE_ISO_LEN], el[16], eld[16], left[16];
		bool has_due = r->due_kind != EHCP_DEADLINE_COUNT;
		snprintf(eld, sizeof eld, "%d", r->elapsed_days);
		snprintf(left, sizeof left, "%d", r->days_left);
		const char *v[] = {r->case_ref, r->caseworker, ehcp_date_format_iso(req, r->request),
		                   ehcp_clock_format_elapsed(el, sizeof el, r->elapsed_days), eld,
		                   ehcp_stage_name(r->stage),
		                   !has_due ? "" : fmt == OUT_TABLE ? ehcp_deadline_label_for(r->due_kind, r->type) : ehcp_deadline_name(r->due_kind),
		                   has_due ? ehcp_date_format_iso(due, r->due) : "", has_due ? left : "",
		                   ehcp_status_name(r->status), r->exception ? "true" : "false"};
		out_row(t, v, r->status == EHCP_STATUS_OVERDUE ? "31" : r->status == EHCP_STATUS_NEARING ? "33" : NULL);
	}
	int rc = t && out_end(t) == 0 ? EXIT_OK : EXIT_FAILURE_;
	ehcp_caselist_free(l);
	return rc;
}

static int print_caseload(ehcp_store *s, const ehcp_caselist_options *o, out_format fmt)
{
	ehcp_caseload *l;
	int err = ehcp_caseload_get(&l, s, o);
	if (err < 0)
		return cli_report(err);
	static const out_col cols[] = {
	    {"caseworker", "Caseworker", COL_TEXT, false},
	    {"open", "Open", COL_INT, false},
	    {"overdue", "Overdue", COL_INT, false},
	    {"nearing", "Nearing", COL_INT, false},
	    {"oldest_weeks", "Oldest (weeks)", COL_INT, false},
	    {"oldest_days", "", COL_INT, true},
	};
	if (fmt == OUT_TABLE) {
		char d[EHCP_DATE_LONG_LEN];
		printf("Caseloads as of %s\n\n", ehcp_date_format_long(d, l->as_of));
	}
	out *t = out_new(fmt, stdout, cols, sizeof cols / sizeof cols[0], false);
	for (size_t i = 0; t && i < l->count; i++) {
		const ehcp_caseload_row *r = &l->rows[i];
		char a[16], b[16], c[16], w[16], d[16];
		snprintf(a, sizeof a, "%d", r->open);
		snprintf(b, sizeof b, "%d", r->overdue);
		snprintf(c, sizeof c, "%d", r->nearing);
		snprintf(w, sizeof w, "%d", r->oldest_days / 7);
		snprintf(d, sizeof d, "%d", r->oldest_days);
		const char *v[] = {r->caseworker[0] ? r->caseworker : (fmt == OUT_TABLE ? "(none)" : ""), a, b, c, w, d};
		out_row(t, v, NULL);
	}
	int rc = t && out_end(t) == 0 ? EXIT_OK : EXIT_FAILURE_;
	ehcp_caseload_free(l);
	return rc;
}

int cmd_cases(const cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"as-of", required_argument, NULL, 'a'},
	    {"all", no_argument, NULL, 'A'},
	    {"caseworker", required_argument, NULL, 'w'},
	    {"status", required_argument, NULL, 's'},
	    {"stage", required_argument, NULL, 'g'},
	    {"due-within", required_argument, NULL, 'd'},
	    {"backlog", no_argument, NULL, 'b'},
	    {"received-from", required_argument, NULL, 'f'},
	    {"received-to", required_argument, NULL, 't'},
	    {"nearing", required_argument, NULL, 'n'},
	    {"by", required_argument, NULL, 'B'},
	    {"format", required_argument, NULL, 'F'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	ehcp_caselist_options o = EHCP_CASELIST_OPTIONS_INIT;
	out_format fmt = OUT_TABLE;
	bool by_caseworker = false;
	int ch, rc;
	char *end;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a': if ((rc = cli_parse_date(&o.as_of, optarg, "--as-of"))) return rc; break;
		case 'A': o.include_ended = true; break;
		case 'w': o.caseworker = optarg; break;
		case 's': if ((rc = parse_statuses(&o.statuses, optarg))) return rc; break;
		case 'g': {
			ehcp_stage st;
			if (ehcp_stage_parse(&st, optarg) < 0)
				return cli_usage("--stage: \"%s\" is not a stage (see 'ehcp cases --help')", optarg);
			o.stage = (int)st;
			break;
		}
		case 'd':
		case 'n': {
			long v = strtol(optarg, &end, 10);
			if (*end || v < 0 || v > 10000)
				return cli_usage("%s: \"%s\" is not a number of days", ch == 'd' ? "--due-within" : "--nearing", optarg);
			if (ch == 'd')
				o.due_within = (int)v;
			else
				o.nearing_days = (int)v;
			break;
		}
		case 'b': o.backlog = true; break;
		case 'f': if ((rc = cli_parse_date(&o.received_from, optarg, "--received-from"))) return rc; break;
		case 't': if ((rc = cli_parse_date(&o.received_to, optarg, "--received-to"))) return rc; break;
		case 'B':
			if (strcmp(optarg, "caseworker") != 0)
				return cli_usage("--by: only 'caseworker' is known");
			by_caseworker = true;
			break;
		case 'F':
			if (out_parse_format(&fmt, optarg) < 0)
				return cli_usage("--format: \"%s\" is not table, csv or json", optarg);
			break;
		case 'h': fputs(cases_help, stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc != optind)
		return cli_usage("cases takes no arguments");
	if (o.as_of == EHCP_DATE_NONE)
		o.as_of = ehcp_date_today();
	ehcp_store *s;
	if ((rc = cli_open_store(&s, c, false)) != EXIT_OK)
		return rc;
	rc = by_caseworker ? print_caseload(s, &o, fmt) : print_list(s, &o, fmt);
	ehcp_store_free(s);
	return rc;
}
