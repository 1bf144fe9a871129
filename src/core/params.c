/* Options by name, for the command line and the API alike. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/params.h"

int ehcp_param_days(int *out, const char *arg, const char *what, int max)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (!*arg || *end || v < 0 || v > max)
		return ehcp_fail(EHCP_EINVALID, "%s: \"%s\" is not a number of days", what, arg);
	*out = (int)v;
	return 0;
}

int ehcp_param_date(ehcp_date *out, const char *arg, const char *what)
{
	char why[160];
	if (ehcp_date_parse(out, arg, strlen(arg), why, sizeof why) < 0)
		return ehcp_fail(EHCP_EINVALID, "%s: %s", what, why);
	return 0;
}

int ehcp_param_month_or_date(ehcp_date *out, const char *arg, const char *what, bool end)
{
	if (strlen(arg) == 7 && arg[4] == '-') {
		if (ehcp_date_parse_month(end ? NULL : out, end ? out : NULL, arg, 7, NULL, 0) < 0)
			return ehcp_fail(EHCP_EINVALID, "%s: \"%s\" is not a month (YYYY-MM)", what, arg);
		return 0;
	}
	return ehcp_param_date(out, arg, what);
}

int ehcp_param_expect_version(int *out, const char *arg)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (!*arg || *end || v < 1 || v > 1000000000)
		return ehcp_fail(EHCP_EINVALID, "--expect-version: \"%s\" is not a version number", arg);
	*out = (int)v;
	return 0;
}

/* A flag is given bare: no value, or an empty one (?all or ?all=). */
static int flag(bool *out, const char *name, const char *value)
{
	if (value && *value)
		return ehcp_fail(EHCP_EINVALID, "--%s takes no value", name);
	*out = true;
	return 0;
}

/* The rest need a value. */
static const char *arg_of(const char *value)
{
	return value ? value : "";
}

static int by_caseworker_of(bool *by, const char *value)
{
	if (strcmp(arg_of(value), "caseworker") != 0)
		return ehcp_fail(EHCP_EINVALID, "--by: only 'caseworker' is known");
	*by = true;
	return 0;
}

/* A comma-separated list of names, each found by `find` (an index, or -1),
 * into a bit mask; `allowed` names them in the message. */
static int status_mask(unsigned *mask, const char *list, int (*find)(const char *), const char *allowed)
{
	*mask = 0;
	const char *p = list;
	do {
		size_t n = strcspn(p, ",");
		char tok[64];
		int found = -1;
		if (n < sizeof tok) {
			memcpy(tok, p, n);
			tok[n] = '\0';
			found = find(tok);
		}
		if (found < 0)
			return ehcp_fail(EHCP_EINVALID, "--status: \"%.*s\" is not one of %s", (int)n, p, allowed);
		*mask |= 1u << found;
		p += n;
	} while (*p++ == ',');
	return 0;
}

static int case_status(const char *s)
{
	ehcp_status st;
	return ehcp_status_parse(&st, s) < 0 ? -1 : (int)st;
}

int ehcp_caselist_option_set(ehcp_caselist_options *o, bool *by_caseworker, const char *name, const char *value)
{
	const char *v = arg_of(value);
	if (strcmp(name, "as-of") == 0)
		return ehcp_param_date(&o->as_of, v, "--as-of");
	if (strcmp(name, "all") == 0)
		return flag(&o->include_ended, name, value);
	if (strcmp(name, "caseworker") == 0) {
		o->caseworker = v;
		return 0;
	}
	if (strcmp(name, "status") == 0)
		return status_mask(&o->statuses, v, case_status, "overdue, nearing, on_track, done_in_time, done_late, ended");
	if (strcmp(name, "stage") == 0) {
		ehcp_stage st;
		if (ehcp_stage_parse(&st, v) < 0)
			return ehcp_fail(EHCP_EINVALID, "--stage: \"%s\" is not a stage (see 'ehcp cases --help')", v);
		o->stage = (int)st;
		return 0;
	}
	if (strcmp(name, "due-within") == 0)
		return ehcp_param_days(&o->due_within, v, "--due-within", 10000);
	if (strcmp(name, "nearing") == 0)
		return ehcp_param_days(&o->nearing_days, v, "--nearing", 10000);
	if (strcmp(name, "backlog") == 0)
		return flag(&o->backlog, name, value);
	if (strcmp(name, "received-from") == 0)
		return ehcp_param_date(&o->received_from, v, "--received-from");
	if (strcmp(name, "received-to") == 0)
		return ehcp_param_date(&o->received_to, v, "--received-to");
	if (strcmp(name, "by") == 0)
		return by_caseworker_of(by_caseworker, value);
	return ehcp_fail(EHCP_ENOTFOUND, "unknown option \"%s\"", name);
}

static int plan_status(const char *s)
{
	for (int st = EHCP_PLAN_ON_TRACK; st <= EHCP_PLAN_OVERDUE; st++)
		if (strcmp(s, ehcp_plan_status_name((ehcp_plan_status)st)) == 0)
			return st;
	return -1;
}

int ehcp_reviewlist_option_set(ehcp_reviewlist_options *o, bool *by_caseworker, const char *name, const char *value)
{
	const char *v = arg_of(value);
	if (strcmp(name, "as-of") == 0)
		return ehcp_param_date(&o->as_of, v, "--as-of");
	if (strcmp(name, "all") == 0)
		return flag(&o->include_on_track, name, value);
	if (strcmp(name, "within") == 0)
		return ehcp_param_days(&o->within_days, v, "--within", 10000);
	if (strcmp(name, "caseworker") == 0) {
		o->caseworker = v;
		return 0;
	}
	if (strcmp(name, "status") == 0)
		return status_mask(&o->statuses, v, plan_status, "overdue, nearing, on_track");
	if (strcmp(name, "due-within") == 0)
		return ehcp_param_days(&o->due_within, v, "--due-within", 10000);
	if (strcmp(name, "transfers") == 0)
		return flag(&o->transfers_only, name, value);
	if (strcmp(name, "kind") == 0) {
		for (int k = EHCP_TRANSFER_RECEPTION; k <= EHCP_TRANSFER_LOCAL; k++)
			if (strcmp(v, ehcp_transfer_kind_name((ehcp_transfer_kind)k)) == 0) {
				o->transfer_kind = (ehcp_transfer_kind)k;
				return 0;
			}
		return ehcp_fail(EHCP_EINVALID, "--kind: \"%s\" is not one of reception, secondary, post16, local", v);
	}
	if (strcmp(name, "year") == 0) {
		char *end;
		long y = strtol(v, &end, 10);
		if (!*v || *end || y < -5 || y > 20)
			return ehcp_fail(EHCP_EINVALID,
			                 "--year: \"%s\" is not a national curriculum year (Reception 0, Year 1 ...)", v);
		o->nc_year = (int)y;
		return 0;
	}
	if (strcmp(name, "show-child") == 0)
		return flag(&o->show_child, name, value);
	if (strcmp(name, "by") == 0)
		return by_caseworker_of(by_caseworker, value);
	return ehcp_fail(EHCP_ENOTFOUND, "unknown option \"%s\"", name);
}

int ehcp_reviewlist_options_check(const ehcp_reviewlist_options *o)
{
	if (o->transfer_kind != EHCP_TRANSFER_NONE && !o->transfers_only)
		return ehcp_fail(EHCP_EINVALID, "--kind: only with --transfers");
	return 0;
}

/* The last error again, after the option's name. */
static int prefixed(const char *what)
{
	char why[300];
	snprintf(why, sizeof why, "%s", ehcp_error_last());
	return ehcp_fail(EHCP_EINVALID, "%s: %s", what, why);
}

int ehcp_report_option_set(ehcp_report_options *o, const char *name, const char *value)
{
	const char *v = arg_of(value);
	if (strcmp(name, "from") == 0)
		return ehcp_param_month_or_date(&o->from, v, "--from", false);
	if (strcmp(name, "to") == 0)
		return ehcp_param_month_or_date(&o->to, v, "--to", true);
	if (strcmp(name, "year") == 0) {
		char *end;
		long y = strtol(v, &end, 10);
		if (!*v || *end || y < 1900 || y > 9999)
			return ehcp_fail(EHCP_EINVALID, "--year: \"%s\" is not a year", v);
		ehcp_date_year_bounds(&o->from, &o->to, (int)y);
		return 0;
	}
	if (strcmp(name, "by") == 0) {
		if (ehcp_report_period_parse(&o->by, v) < 0)
			return prefixed("--by");
		return 0;
	}
	if (strcmp(name, "as-of") == 0)
		return ehcp_param_date(&o->as_of, v, "--as-of");
	if (strcmp(name, "type") == 0) {
		ehcp_request_type t;
		if (strcmp(v, "new") == 0) {
			/* new plans, said outright: not the report's own default */
			o->types = (1u << EHCP_REQUEST_INITIAL) | (1u << EHCP_REQUEST_TRANSFER_IN);
			return 0;
		}
		if (!*v || ehcp_request_type_parse(&t, v) < 0)
			return ehcp_fail(EHCP_EINVALID, "--type: \"%s\" is not initial, reassessment, transfer_in or new", v);
		o->types = 1u << t;
		return 0;
	}
	if (strcmp(name, "from-body") == 0) {
		if (ehcp_advice_body_parse(&o->body, v) < 0)
			return prefixed("--from-body");
		return 0;
	}
	if (strcmp(name, "cases") == 0)
		return flag(&o->cases, name, value);
	return ehcp_fail(EHCP_ENOTFOUND, "unknown option \"%s\"", name);
}

int ehcp_report_options_check(ehcp_report_options *o, const char *measure)
{
	if (ehcp_report_measure_parse(&o->measure, measure) < 0)
		return ehcp_fail(EHCP_EINVALID, "report: \"%s\" is not a measure (see 'ehcp report --help')", measure);
	if (o->from == EHCP_DATE_NONE || o->to == EHCP_DATE_NONE)
		return ehcp_fail(EHCP_EINVALID, "report %s needs --from and --to%s", measure,
		                 o->measure == EHCP_REPORT_SEN2 ? " (or --year)" : "");
	if (o->from > o->to)
		return ehcp_fail(EHCP_EINVALID, "report: --to is before --from");
	return 0;
}
