/* The JSON and CSV API: the same library calls, parameters and messages as
 * `ehcp cases`, `ehcp reviews`, `ehcp report`, `ehcp case show|history`
 * and `ehcp case record`, for a signed-in user, under the database role
 * of the user's role. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/account.h"
#include "ehcp/case.h"
#include "ehcp/caselist.h"
#include "ehcp/params.h"
#include "ehcp/report.h"
#include "ehcp/reviewlist.h"
#include "http/auth.h"
#include "http/http.h"
#include "http/parse.h"
#include "http/routes.h"

/* The signed-in user's session (auth.c's: the cookie, then the user's
 * role); false after answering 401 or 503. */
static bool signed_in(http_request *req, ehcp_store **out, ehcp_session *sess)
{
	if (http_session(req, sess) != 0)
		return false;
	*out = http_store(req);
	return true;
}

/* CSV when asked for (?format=csv, or Accept: text/csv), else JSON;
 * false after answering 400 for another format. */
static bool output_format(http_request *req, ehcp_format *fmt)
{
	const char *f = http_query(req, "format");
	if (f) {
		if (strcmp(f, "csv") != 0 && strcmp(f, "json") != 0) {
			char msg[160];
			snprintf(msg, sizeof msg, "--format: \"%.100s\" is not json or csv (the API's formats)", f);
			http_reply_error(req, MHD_HTTP_BAD_REQUEST, msg);
			return false;
		}
		*fmt = strcmp(f, "csv") == 0 ? EHCP_FORMAT_CSV : EHCP_FORMAT_JSON;
		return true;
	}
	const char *accept = http_header(req, "Accept");
	*fmt = accept && strstr(accept, "text/csv") ? EHCP_FORMAT_CSV : EHCP_FORMAT_JSON;
	return true;
}

/* What a renderer wrote to the sink, answered in its format; a CSV as a
 * download named `name`.csv. */
static void reply_sink(http_request *req, ehcp_sink *sink, ehcp_format fmt, const char *name)
{
	size_t len;
	const char *body = ehcp_sink_data(sink, &len);
	if (fmt == EHCP_FORMAT_CSV) {
		char cd[128];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s.csv\"", name);
		http_add_header(req, "Content-Disposition", cd);
		http_reply(req, MHD_HTTP_OK, "text/csv; charset=utf-8", body, len);
	} else {
		http_reply(req, MHD_HTTP_OK, "application/json; charset=utf-8", body, len);
	}
}

static void reply_failed(http_request *req, int err)
{
	http_store_failed(req, err);
	http_reply_last_error(req, err);
}

/* A query's options through the library's parser: 400 with its message. */
static bool options_ok(http_request *req, int err)
{
	if (err < 0) {
		http_reply_error(req, MHD_HTTP_BAD_REQUEST, ehcp_error_last());
		return false;
	}
	return true;
}

/* The list-like routes: each parameter (but format) to the library's
 * parser of the command's options, then what the command would print. */
typedef struct list_route {
	int (*set)(void *args, const char *key, const char *value);
	int (*check)(void *args, const char *rest);  /* the whole set; may be NULL */
	/* fetch and write; *name: the download's */
	int (*write)(ehcp_sink *out, ehcp_store *s, void *args, const ehcp_format_options *fo, const char **name);
} list_route;

typedef struct list_ctx {
	const list_route *r;
	void *args;
} list_ctx;

static int list_arg(void *ctx, const char *key, const char *value)
{
	list_ctx *l = ctx;
	return strcmp(key, "format") == 0 ? 0 : l->r->set(l->args, key, value);
}

/* rest: what follows the route's path (a report's measure). */
static int api_list(http_request *req, const list_route *r, void *args, const char *rest)
{
	ehcp_format_options fo = EHCP_FORMAT_OPTIONS_INIT;
	list_ctx l = {r, args};
	ehcp_store *s;
	ehcp_session sess;
	if (!output_format(req, &fo.format) || !options_ok(req, http_query_each(req, list_arg, &l)) ||
	    (r->check && !options_ok(req, r->check(args, rest))) || !signed_in(req, &s, &sess))
		return 0;
	ehcp_sink *sink = NULL;
	const char *name = "list";
	int err = ehcp_sink_buffer(&sink);
	if (err == 0)
		err = r->write(sink, s, args, &fo, &name);
	if (err < 0)
		reply_failed(req, err);
	else
		reply_sink(req, sink, fo.format, name);
	ehcp_sink_free(sink);
	return 0;
}

/* ---- /api/cases ---- */

typedef struct cases_args {
	ehcp_caselist_options o;
	bool by_caseworker;
} cases_args;

static int cases_set(void *args, const char *key, const char *value)
{
	cases_args *a = args;
	return ehcp_caselist_option_set(&a->o, &a->by_caseworker, key, value);
}

static int cases_write(ehcp_sink *out, ehcp_store *s, void *args, const ehcp_format_options *fo, const char **name)
{
	cases_args *a = args;
	if (a->o.as_of == EHCP_DATE_NONE)
		a->o.as_of = ehcp_date_today();
	int err;
	if (a->by_caseworker) {
		ehcp_caseload *l = NULL;
		if ((err = ehcp_caseload_get(&l, s, &a->o)) == 0)
			err = ehcp_caseload_format(out, l, fo);
		ehcp_caseload_free(l);
		*name = "caseloads";
	} else {
		ehcp_caselist *l = NULL;
		if ((err = ehcp_caselist_get(&l, s, &a->o)) == 0)
			err = ehcp_caselist_format(out, l, fo);
		ehcp_caselist_free(l);
		*name = "cases";
	}
	return err;
}

/* ---- /api/reviews ---- */

typedef struct reviews_args {
	ehcp_reviewlist_options o;
	bool by_caseworker;
} reviews_args;

static int reviews_set(void *args, const char *key, const char *value)
{
	reviews_args *a = args;
	return ehcp_reviewlist_option_set(&a->o, &a->by_caseworker, key, value);
}

static int reviews_check(void *args, const char *rest)
{
	(void)rest;
	return ehcp_reviewlist_options_check(&((reviews_args *)args)->o);
}

static int reviews_write(ehcp_sink *out, ehcp_store *s, void *args, const ehcp_format_options *fo, const char **name)
{
	reviews_args *a = args;
	if (a->o.as_of == EHCP_DATE_NONE)
		a->o.as_of = ehcp_date_today();
	int err;
	if (a->by_caseworker) {
		ehcp_reviewload *l = NULL;
		if ((err = ehcp_reviewload_get(&l, s, &a->o)) == 0)
			err = ehcp_reviewload_format(out, l, fo);
		ehcp_reviewload_free(l);
		*name = "reviewloads";
	} else {
		ehcp_reviewlist *l = NULL;
		if ((err = ehcp_reviewlist_get(&l, s, &a->o)) == 0)
			err = ehcp_reviewlist_format(out, l, fo);
		ehcp_reviewlist_free(l);
		*name = "reviews";
	}
	return err;
}

/* ---- /api/reports/MEASURE ---- */

typedef struct report_args {
	ehcp_report_options o;
	const char *measure;  /* as asked for */
} report_args;

static int report_set(void *args, const char *key, const char *value)
{
	return ehcp_report_option_set(&((report_args *)args)->o, key, value);
}

static int report_check(void *args, const char *measure)
{
	report_args *a = args;
	a->measure = measure;
	return ehcp_report_options_check(&a->o, measure);
}

static int report_write(ehcp_sink *out, ehcp_store *s, void *args, const ehcp_format_options *fo, const char **name)
{
	report_args *a = args;
	ehcp_report_options *o = &a->o;
	if (o->as_of == EHCP_DATE_NONE)
		o->as_of = ehcp_date_today();
	ehcp_report *r = NULL;
	int err = ehcp_report_run(&r, s, o);
	if (err == EHCP_EINVALID) {
		/* as the command says it */
		char why[400];
		snprintf(why, sizeof why, "%s", ehcp_error_last());
		return ehcp_fail(EHCP_EINVALID, "report %s: %s", a->measure, why);
	}
	if (err == 0)
		err = ehcp_report_format(out, r, fo);
	ehcp_report_free(r);
	*name = a->measure;
	return err;
}

static const list_route cases_route = {cases_set, NULL, cases_write};
static const list_route reviews_route = {reviews_set, reviews_check, reviews_write};
static const list_route report_route = {report_set, report_check, report_write};

/* ---- /api/cases/REF and /api/cases/REF/milestones ---- */

/* The milestone form's fields (each at most once), through the service's
 * own parser; false after answering 400. */
typedef struct form {
	ehcp_http_params p;
	const char *milestone, *mode, *value, *value2, *expect, *csrf;
} form;

static bool read_form(http_request *req, form *f)
{
	const char **fields[] = {&f->milestone, &f->mode, &f->value, &f->value2, &f->expect, &f->csrf};
	static const char *const names[] = {"milestone", "mode", "value", "value2", "expect-version", "csrf"};
	if (ehcp_http_form_parse(&f->p, req->body, req->body_len) < 0) {
		http_reply_error(req, MHD_HTTP_BAD_REQUEST,
		                 "the body is not a form (application/x-www-form-urlencoded: milestone, value, value2, "
		                 "expect-version, csrf)");
		return false;
	}
	for (int i = 0; i < 6; i++) {
		*fields[i] = NULL;
		if (ehcp_http_param_get(fields[i], &f->p, names[i]) == EHCP_EINVALID) {
			char msg[80];
			snprintf(msg, sizeof msg, "%s: given more than once", names[i]);
			http_reply_error(req, MHD_HTTP_BAD_REQUEST, msg);
			return false;
		}
	}
	return true;
}

static int api_milestone(http_request *req, const char *ref)
{
	form f;  /* about 8 KiB, on this worker's stack */
	ehcp_store *s;
	ehcp_session sess;
	/* The form's or the header's CSRF token must be the session's, so that
	 * another site cannot post with the user's cookie. */
	if (!read_form(req, &f) || !signed_in(req, &s, &sess) || http_csrf_required(req, &sess, f.csrf) != 0)
		return 0;
	ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;
	ehcp_milestone ms;
	ehcp_change ch[2];
	size_t n = 0;
	const char *values[2] = {f.value, f.value2};
	int nvalues = f.value ? (f.value2 ? 2 : 1) : 0;
	const char *mode = f.mode ? f.mode : "record";
	ehcp_change_mode m = strcmp(mode, "correct") == 0 ? EHCP_CHANGE_CORRECT
	                     : strcmp(mode, "clear") == 0 ? EHCP_CHANGE_CLEAR
	                                                  : EHCP_CHANGE_RECORD;
	int err;
	if (strcmp(mode, "record") != 0 && m == EHCP_CHANGE_RECORD)
		err = ehcp_fail(EHCP_EINVALID, "mode: \"%s\" is not record, correct or clear", mode);
	else if (!f.milestone)
		err = ehcp_fail(EHCP_EINVALID, "case %s: which milestone?", mode);
	else if ((err = ehcp_milestone_lookup(&ms, f.milestone)) == 0 &&
	         (err = ehcp_milestone_changes(ch, &n, &ms, m, values, nvalues)) == 0 && f.expect)
		err = ehcp_param_expect_version(&wo.expected_version, f.expect);
	if (err == 0)
		err = ehcp_case_apply(s, ref, ch, n, &wo);
	if (err < 0) {
		reply_failed(req, err);
		return 0;
	}
	/* The case as it is now, as GET answers it. */
	ehcp_case *c = NULL;
	ehcp_sink *sink = NULL;
	if ((err = ehcp_case_lookup(&c, s, ref, ehcp_date_today())) == 0 && (err = ehcp_sink_buffer(&sink)) == 0)
		err = ehcp_case_format_json(sink, c, NULL);
	ehcp_case_free(c);
	if (err < 0)
		reply_failed(req, err);
	else
		reply_sink(req, sink, EHCP_FORMAT_JSON, "case");
	ehcp_sink_free(sink);
	return 0;
}

static int case_arg(void *ctx, const char *key, const char *value)
{
	if (strcmp(key, "as-of") == 0)
		return ehcp_param_date(ctx, value ? value : "", "--as-of");
	return ehcp_fail(EHCP_EINVALID, "unknown option \"%s\"", key);
}

static int api_case(http_request *req)
{
	char ref[4 * EHCP_REF_MAX + 1];
	const char *rest = req->path + strlen("/api/cases/");
	const char *slash = strchr(rest, '/');
	size_t len = slash ? (size_t)(slash - rest) : strlen(rest);
	if (len == 0 || len >= sizeof ref) {
		http_reply_not_found(req);
		return 0;
	}
	memcpy(ref, rest, len);
	ref[len] = '\0';
	bool post = strcmp(req->method, "POST") == 0;
	if (slash && strcmp(slash, "/milestones") != 0) {
		http_reply_not_found(req);
		return 0;
	}
	if (post != (slash != NULL)) {
		http_reply_error(req, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed");
		return 0;
	}
	if (post)
		return api_milestone(req, ref);
	ehcp_date on = EHCP_DATE_NONE;
	ehcp_store *s;
	ehcp_session sess;
	if (!options_ok(req, http_query_each(req, case_arg, &on)) || !signed_in(req, &s, &sess))
		return 0;
	if (on == EHCP_DATE_NONE)
		on = ehcp_date_today();
	ehcp_case *c = NULL;
	ehcp_history *h = NULL;
	ehcp_sink *sink = NULL;
	int err = ehcp_case_lookup(&c, s, ref, on);
	if (err == 0 && (err = ehcp_case_history(&h, s, ref)) == 0 && (err = ehcp_sink_buffer(&sink)) == 0)
		err = ehcp_case_format_json(sink, c, h);
	ehcp_case_free(c);
	ehcp_history_free(h);
	if (err < 0)
		reply_failed(req, err);
	else
		reply_sink(req, sink, EHCP_FORMAT_JSON, "case");
	ehcp_sink_free(sink);
	return 0;
}

int http_api(http_request *req)
{
	const char *p = req->path;
	bool get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
	if (strcmp(p, "/api/cases") == 0 || strcmp(p, "/api/reviews") == 0 ||
	    (strncmp(p, "/api/reports/", 13) == 0 && p[13])) {
		if (!get) {
			http_reply_error(req, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed");
			return 0;
		}
		if (strcmp(p, "/api/cases") == 0) {
			cases_args a = {EHCP_CASELIST_OPTIONS_INIT, false};
			return api_list(req, &cases_route, &a, NULL);
		}
		if (strcmp(p, "/api/reviews") == 0) {
			reviews_args a = {EHCP_REVIEWLIST_OPTIONS_INIT, false};
			return api_list(req, &reviews_route, &a, NULL);
		}
		report_args a = {EHCP_REPORT_OPTIONS_INIT, NULL};
		return api_list(req, &report_route, &a, p + 13);
	}
	if (strncmp(p, "/api/cases/", 11) == 0 && p[11])
		return api_case(req);
	http_reply_not_found(req);
	return 0;
}
