/* The web pages' routes: each page behind sign-in, under the database role of
 * its user, through the same library calls and option parsers as the
 * commands; the renderers are ehcp/page.h's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/errors_internal.h"
#include "ehcp/ehcp.h"
#include "http/http.h"
#include "http/parse.h"
#include "http/routes.h"

/* A request's query or form as the renderers take it. */
typedef struct page_params {
	size_t count;
	ehcp_page_param items[EHCP_HTTP_PARAMS_MAX];
	ehcp_page_query q;
} page_params;

typedef struct page {
	http_request *req;
	ehcp_store *s;
	ehcp_session sess;
	ehcp_page_options o;
	page_params query;
	page_params form;       /* a POST's body */
	ehcp_http_params form_raw;
} page;

static void params_done(page_params *p)
{
	p->q.count = p->count;
	p->q.params = p->items;
}

static int collect(void *ctx, const char *key, const char *value)
{
	page_params *p = ctx;
	if (p->count == EHCP_HTTP_PARAMS_MAX)
		return 1;
	p->items[p->count++] = (ehcp_page_param){key, value ? value : ""};
	return 0;
}

/* ---- replies ---- */

/* What every page sends: nothing from another host, no framing by another
 * site, and never cached (the pages hold personal data). */
static void page_headers(http_request *req, bool board)
{
	http_add_header(req, "Content-Security-Policy",
	                board ? "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'self'"
	                      : "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
	                        "frame-src 'self'; frame-ancestors 'self'; base-uri 'none'");
	http_add_header(req, "X-Content-Type-Options", "nosniff");
	http_add_header(req, "Referrer-Policy", "same-origin");
	http_add_header(req, "Cache-Control", "no-store");
}

static int reply_sink(http_request *req, unsigned status, const char *type, ehcp_sink *sink, int err)
{
	if (err < 0) {
		ehcp_sink_free(sink);
		http_reply_last_error(req, err);
		return 0;
	}
	size_t len;
	const char *body = ehcp_sink_data(sink, &len);
	http_reply(req, status, type, body, len);
	ehcp_sink_free(sink);
	return 0;
}

#define HTML "text/html; charset=utf-8"

static int redirect(http_request *req, const char *location)
{
	http_add_header(req, "Location", location);
	http_add_header(req, "Cache-Control", "no-store");
	http_reply(req, 303, "text/plain; charset=utf-8", "See Other\n", 10);
	return 0;
}

/* A page of one message, with the status. */
static int reply_message(page *pg, unsigned status, const char *title, const char *message)
{
	ehcp_sink *sink = NULL;
	int err = ehcp_sink_buffer(&sink);
	if (err == 0)
		err = ehcp_page_message_format(sink, &pg->o, title, message);
	page_headers(pg->req, false);
	return reply_sink(pg->req, status, HTML, sink, err);
}

/* After a library call failed: the database's trouble as 503 (and a fresh
 * connection next time), anything else as its own status. */
static int reply_failure(page *pg, int err)
{
	http_store_failed(pg->req, err);
	char msg[512];
	snprintf(msg, sizeof msg, "%s", ehcp_error_last());
	if (err == EHCP_ENOTFOUND)
		return reply_message(pg, 404, "Not found", msg);
	if (err == EHCP_ECONNECT)
		return reply_message(pg, 503, "The database cannot be reached", msg);
	return reply_message(pg, 500, "Something went wrong", msg);
}

static unsigned status_of(int err)
{
	return err == EHCP_ECONFLICT ? 409 : err == EHCP_ENOTFOUND ? 404 : 400;
}

/* ---- signing in ---- */

/* The session behind the request's cookie: EHCP_ENOTFOUND for none (no
 * cookie, or one the accounts do not know, or ended). */
static int session_of(ehcp_session *out, http_request *req, ehcp_store *s)
{
	const char *cookie = http_header(req, "Cookie");
	ehcp_http_params c;
	const char *token = NULL;
	if (!cookie || ehcp_http_cookie_parse(&c, cookie, strlen(cookie)) < 0 ||
	    ehcp_http_param_get(&token, &c, HTTP_SESSION_COOKIE) < 0)
		return ehcp_fail(EHCP_ENOTFOUND, "not signed in");
	return ehcp_session_lookup(out, s, token);
}

/*
 * The session behind the request's cookie, then its database role for the
 * rest of the request.  Returns 0 to go on, 1 when it has answered (no
 * session: to the sign-in page, with this page as its next=, where the
 * sign-in then goes).  A POST must carry
 * the session's CSRF token.  `owner_first` runs before the role is taken
 * (reading the accounts' own tables, which only the owner may).
 */
static int page_begin(page *pg, http_request *req, bool post, int (*owner_first)(page *, void *), void *ctx)
{
	memset(pg, 0, sizeof *pg);
	pg->req = req;
	pg->o = (ehcp_page_options)EHCP_PAGE_OPTIONS_INIT;
	http_query_each(req, collect, &pg->query);
	params_done(&pg->query);
	if (!(pg->s = http_store(req)))
		return 1;
	int err = session_of(&pg->sess, req, pg->s);
	if (err == EHCP_ENOTFOUND) {
		/* back to this page after signing in (a GET's address; a POST's page) */
		char *next = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&next, &len);
		if (!f)
			return http_reply_error(req, 500, "out of memory"), 1;
		fputs(EHCP_PAGE_SIGNIN_PATH "?next=", f);
		ehcp_http_path_write(f, req->path);
		fclose(f);
		redirect(req, next);
		free(next);
		return 1;
	}
	if (err < 0)
		return reply_failure(pg, err), 1;
	pg->o.user = pg->sess.name;
	pg->o.role = pg->sess.role;
	pg->o.csrf = pg->sess.csrf;
	pg->o.caseworker = pg->sess.name;
	if (post) {
		const char *csrf = NULL;
		if (ehcp_http_form_parse(&pg->form_raw, req->body, req->body_len) < 0)
			return reply_message(pg, 400, "The form could not be read", ehcp_error_last()), 1;
		for (size_t i = 0; i < pg->form_raw.count; i++)
			pg->form.items[pg->form.count++] =
			    (ehcp_page_param){pg->form_raw.items[i].name, pg->form_raw.items[i].value};
		params_done(&pg->form);
		if (ehcp_http_param_get(&csrf, &pg->form_raw, "csrf") < 0 || !ehcp_csrf_check(&pg->sess, csrf))
			return reply_message(pg, 403, "The form has expired",
			                     "The form was not sent by this session: go back, reload the page and try again."),
			       1;
	}
	if (owner_first && owner_first(pg, ctx))
		return 1;
	if ((err = http_store_act_as(req, pg->sess.role, pg->sess.name)) < 0)
		return reply_failure(pg, err), 1;
	return 0;
}

static bool may_write(const page *pg)
{
	return pg->sess.role == EHCP_ROLE_WRITER || pg->sess.role == EHCP_ROLE_ADMIN;
}

/* ---- the lists ---- */

/* The problems with a page's options, one a line (the CLI's messages). */
typedef struct problems {
	size_t len;
	char text[2048];
} problems;

static void problem(problems *p)
{
	if (p->len + 2 >= sizeof p->text)
		return;
	int n = snprintf(p->text + p->len, sizeof p->text - p->len, "%s%s", p->len ? "\n" : "", ehcp_error_last());
	if (n > 0)
		p->len = p->len + (size_t)n < sizeof p->text ? p->len + (size_t)n : sizeof p->text - 1;
}

/* Names the page itself reads, not an option of the command. */
static bool page_own(const char *name)
{
	static const char *const own[] = {"sort", "dir", "format", "measure", "done", "csrf", NULL};
	for (const char *const *o = own; *o; o++)
		if (strcmp(name, *o) == 0)
			return true;
	return false;
}

typedef int (*option_set)(void *opts, bool *by, const char *name, const char *value);

/*
 * Every option of the query through the command's own parser: an empty
 * value is a field left blank, a ticked box ("1") a flag, the statuses
 * ticked one by one a list.  Unknown names are passed over.
 */
static void options_of(problems *probs, const ehcp_page_query *q, option_set set, void *opts, bool *by,
                       const char *const *flags)
{
	char statuses[256] = "";
	for (size_t i = 0; i < q->count; i++) {
		const char *name = q->params[i].name, *value = q->params[i].value;
		if (!*value || page_own(name))
			continue;
		if (strcmp(name, "status") == 0) {
			size_t n = strlen(statuses);
			snprintf(statuses + n, sizeof statuses - n, "%s%s", n ? "," : "", value);
			continue;
		}
		bool flag = false;
		for (const char *const *f = flags; *f; f++)
			flag |= strcmp(name, *f) == 0;
		int err = set(opts, by, name, flag && strcmp(value, "1") == 0 ? NULL : value);
		if (err == EHCP_EINVALID)
			problem(probs);
	}
	if (*statuses && set(opts, by, "status", statuses) == EHCP_EINVALID)
		problem(probs);
}

static int caselist_set(void *o, bool *by, const char *name, const char *value)
{
	return ehcp_caselist_option_set(o, by, name, value);
}

static int reviewlist_set(void *o, bool *by, const char *name, const char *value)
{
	return ehcp_reviewlist_option_set(o, by, name, value);
}

static bool wants_csv(const page *pg)
{
	const char *f = ehcp_page_query_get(&pg->query.q, "format");
	return f && strcmp(f, "csv") == 0;
}

static void csv_headers(http_request *req, const char *file)
{
	char disp[96];
	snprintf(disp, sizeof disp, "attachment; filename=\"%s.csv\"", file);
	http_add_header(req, "Content-Disposition", disp);
	http_add_header(req, "Cache-Control", "no-store");
	http_add_header(req, "X-Content-Type-Options", "nosniff");
}

#define CSV "text/csv; charset=utf-8"

/* The case list or the review list: what differs between their pages. */
typedef struct list_kind {
	const char *const *flags;  /* the options that are flags */
	option_set set;
	/* After the options: what only the whole set can tell (may be NULL). */
	int (*check)(void *opts);
	/* The list (or with `by`, the caseloads) as CSV; 0 or the error. */
	int (*csv)(ehcp_sink *sink, ehcp_store *s, const void *opts, bool by);
	/* The page; `opts` NULL when they were refused.  0 or the error. */
	int (*html)(ehcp_sink *sink, page *pg, const void *opts, const char *errors);
	const char *file, *load_file;
} list_kind;

static int case_csv(ehcp_sink *sink, ehcp_store *s, const void *opts, bool by)
{
	ehcp_format_options fo = EHCP_FORMAT_OPTIONS_INIT;
	fo.format = EHCP_FORMAT_CSV;
	ehcp_caselist *l = NULL;
	ehcp_caseload *load = NULL;
	int err = by ? ehcp_caseload_get(&load, s, opts) : ehcp_caselist_get(&l, s, opts);
	if (err == 0)
		err = by ? ehcp_caseload_format(sink, load, &fo) : ehcp_caselist_format(sink, l, &fo);
	ehcp_caselist_free(l);
	ehcp_caseload_free(load);
	return err;
}

static int case_html(ehcp_sink *sink, page *pg, const void *opts, const char *errors)
{
	ehcp_caselist *l = NULL;
	ehcp_caseload *load = NULL;
	int err = 0;
	/* the caseloads from the same rows: the cases are read once */
	if (opts && ((err = ehcp_caselist_get(&l, pg->s, opts)) < 0 || (err = ehcp_caseload_from_list(&load, l)) < 0)) {
		ehcp_caselist_free(l);
		return err;
	}
	ehcp_page_caselist p = {NULL, NULL, l, load, &pg->query.q, errors};
	err = ehcp_page_caselist_format(sink, &pg->o, &p);
	ehcp_caselist_free(l);
	ehcp_caseload_free(load);
	return err;
}

static int review_check(void *opts)
{
	ehcp_reviewlist_options *o = opts;
	/* never the child's details on a page, whatever the query asks */
	o->show_child = false;
	return ehcp_reviewlist_options_check(o);
}

static int review_csv(ehcp_sink *sink, ehcp_store *s, const void *opts, bool by)
{
	ehcp_format_options fo = EHCP_FORMAT_OPTIONS_INIT;
	fo.format = EHCP_FORMAT_CSV;
	ehcp_reviewlist *l = NULL;
	ehcp_reviewload *load = NULL;
	int err = by ? ehcp_reviewload_get(&load, s, opts) : ehcp_reviewlist_get(&l, s, opts);
	if (err == 0)
		err = by ? ehcp_reviewload_format(sink, load, &fo) : ehcp_reviewlist_format(sink, l, &fo);
	ehcp_reviewlist_free(l);
	ehcp_reviewload_free(load);
	return err;
}

static int review_html(ehcp_sink *sink, page *pg, const void *opts, const char *errors)
{
	ehcp_reviewlist *l = NULL;
	ehcp_reviewload *load = NULL;
	int err = 0;
	/* the caseloads count the plans on track too: a read of their own */
	if (opts && ((err = ehcp_reviewlist_get(&l, pg->s, opts)) < 0 || (err = ehcp_reviewload_get(&load, pg->s, opts)) < 0)) {
		ehcp_reviewlist_free(l);
		return err;
	}
	ehcp_page_reviewlist p = {NULL, NULL, l, load, &pg->query.q, errors};
	err = ehcp_page_reviewlist_format(sink, &pg->o, &p);
	ehcp_reviewlist_free(l);
	ehcp_reviewload_free(load);
	return err;
}

/* A list page: its options by the command's parser; CSV when asked for. */
static int list_page(http_request *req, const list_kind *k, void *opts, ehcp_date *as_of)
{
	page pg;
	if (page_begin(&pg, req, false, NULL, NULL))
		return 0;
	bool by = false;
	problems probs = {0, ""};
	options_of(&probs, &pg.query.q, k->set, opts, &by, k->flags);
	if (!probs.len && k->check && k->check(opts) < 0)
		problem(&probs);
	if (*as_of == EHCP_DATE_NONE)
		*as_of = ehcp_date_today();
	ehcp_sink *sink = NULL;
	int err = ehcp_sink_buffer(&sink);
	if (err == 0 && wants_csv(&pg) && !probs.len) {
		if ((err = k->csv(sink, pg.s, opts, by)) < 0) {
			ehcp_sink_free(sink);
			return reply_failure(&pg, err);
		}
		csv_headers(req, by ? k->load_file : k->file);
		return reply_sink(req, 200, CSV, sink, 0);
	}
	if (err == 0 && (err = k->html(sink, &pg, probs.len ? NULL : opts, probs.len ? probs.text : NULL)) < 0) {
		ehcp_sink_free(sink);
		return reply_failure(&pg, err);
	}
	page_headers(req, false);
	return reply_sink(req, probs.len ? 400 : 200, HTML, sink, err);
}

int http_page_cases(http_request *req)
{
	static const char *const flags[] = {"all", "backlog", NULL};
	static const list_kind k = {flags, caselist_set, NULL, case_csv, case_html, "cases", "caseloads"};
	ehcp_caselist_options o = EHCP_CASELIST_OPTIONS_INIT;
	return list_page(req, &k, &o, &o.as_of);
}

int http_page_reviews(http_request *req)
{
	static const char *const flags[] = {"all", "transfers", NULL};
	static const list_kind k = {flags, reviewlist_set, review_check, review_csv, review_html, "reviews",
	                            "review-caseloads"};
	ehcp_reviewlist_options o = EHCP_REVIEWLIST_OPTIONS_INIT;
	return list_page(req, &k, &o, &o.as_of);
}

/* ---- a case and a plan ---- */

/* The day a page is seen from: ?as-of, else today. */
static ehcp_date page_day(page *pg, problems *probs)
{
	const char *a = ehcp_page_query_get(&pg->query.q, "as-of");
	ehcp_date d = ehcp_date_today();
	if (a && *a && ehcp_param_date(&d, a, "--as-of") < 0) {
		problem(probs);
		d = ehcp_date_today();
	}
	return d;
}

/* "/cases/REF?done=NAME", REF encoded. */
static void done_location(char *buf, size_t len, const char *prefix, const char *ref, const char *done)
{
	size_t n = (size_t)snprintf(buf, len, "%s", prefix);
	for (const unsigned char *p = (const unsigned char *)ref; *p && n + 4 < len; p++)
		n += (size_t)snprintf(buf + n, len - n,
		                      (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		                              strchr("-._~", *p)
		                          ? "%c"
		                          : "%%%02X",
		                      *p);
	if (n < len)
		snprintf(buf + n, len - n, "?done=%s", done);
}

/* A POST's version field: the stale-edit check (`--expect-version`). */
static int version_of(int *out, page *pg, problems *probs)
{
	const char *v = ehcp_page_query_get(&pg->form.q, "version");
	*out = 0;
	if (v && *v && ehcp_param_expect_version(out, v) < 0) {
		problem(probs);
		return -1;
	}
	return 0;
}

/* A request or a plan: what differs between their pages. */
typedef struct record_kind {
	const char *prefix;   /* "/cases/" */
	const char *what;     /* "cases" */
	/* Makes the posted change (the version check in wo); 0 or the error. */
	int (*write)(page *pg, const char *ref, const ehcp_write_options *wo);
	/* Whether a milestone's name is one (for the notice after a save). */
	bool (*known)(const char *milestone);
	/* Looks the record up on `on` and writes its page; 0 or the error. */
	int (*show)(page *pg, ehcp_sink *sink, const char *ref, ehcp_date on, const ehcp_page_query *form,
	            const char *errors, const char *notice);
} record_kind;

static int case_write(page *pg, const char *ref, const ehcp_write_options *wo)
{
	ehcp_change ch[2];
	size_t n = 0;
	int err = ehcp_page_case_changes(ch, &n, &pg->form.q);
	return err < 0 ? err : ehcp_case_apply(pg->s, ref, ch, n, wo);
}

static bool case_known(const char *name)
{
	ehcp_milestone m;
	return ehcp_milestone_lookup(&m, name) == 0;
}

static int case_show(page *pg, ehcp_sink *sink, const char *ref, ehcp_date on, const ehcp_page_query *form,
                     const char *errors, const char *notice)
{
	ehcp_case *c = NULL;
	ehcp_history *h = NULL;
	int err;
	if ((err = ehcp_case_lookup(&c, pg->s, ref, on)) == 0 && (err = ehcp_case_history(&h, pg->s, ref)) == 0) {
		ehcp_page_case p = {c, h, form, errors, notice};
		err = ehcp_page_case_format(sink, &pg->o, &p);
	}
	ehcp_case_free(c);
	ehcp_history_free(h);
	return err;
}

static int plan_write(page *pg, const char *ref, const ehcp_write_options *wo)
{
	ehcp_change ch[2];
	size_t n = 0;
	bool review;
	ehcp_date meeting;
	int err = ehcp_page_plan_changes(ch, &n, &review, &meeting, &pg->form.q);
	if (err < 0)
		return err;
	/* as `ehcp plan record|correct` does it */
	return !review  ? ehcp_plan_apply(pg->s, ref, ch, n, wo)
	       : n == 0 ? ehcp_plan_review_add(pg->s, ref, meeting, NULL, 0, wo)
	                : ehcp_plan_review_apply(pg->s, ref, meeting, ch, n, wo);
}

static bool plan_known(const char *name)
{
	ehcp_plan_milestone m;
	return ehcp_plan_milestone_lookup(&m, name) == 0;
}

static int plan_show(page *pg, ehcp_sink *sink, const char *ref, ehcp_date on, const ehcp_page_query *form,
                     const char *errors, const char *notice)
{
	ehcp_plan *p = NULL;
	ehcp_history *h = NULL;
	int err;
	if ((err = ehcp_plan_lookup(&p, pg->s, ref, on)) == 0 && (err = ehcp_plan_history(&h, pg->s, ref)) == 0) {
		ehcp_page_plan pp = {p, h, form, errors, notice};
		err = ehcp_page_plan_format(sink, &pg->o, &pp);
	}
	ehcp_plan_free(p);
	ehcp_history_free(h);
	return err;
}

/*
 * GET: the record's page.  POST: the change, then (Post/Redirect/Get) the
 * page again with a notice; refused, the page with the form as it was
 * sent and the messages, answered 400 (409 for a stale edit).
 */
static int record_page(http_request *req, const record_kind *k)
{
	const bool post = strcmp(req->method, "POST") == 0;
	page pg;
	if (page_begin(&pg, req, post, NULL, NULL))
		return 0;
	const char *ref = req->path + strlen(k->prefix);
	problems probs = {0, ""};
	int status = 200, err = 0;
	if (post) {
		if (!may_write(&pg)) {
			char title[64], msg[128];
			snprintf(title, sizeof title, "You may not change %s", k->what);
			snprintf(msg, sizeof msg, "Your account may read the %s but not change them.", k->what);
			return reply_message(&pg, 403, title, msg);
		}
		ehcp_write_options wo = EHCP_WRITE_OPTIONS_INIT;
		if (version_of(&wo.expected_version, &pg, &probs) == 0) {
			if ((err = k->write(&pg, ref, &wo)) == 0) {
				char loc[4 * EHCP_REF_MAX * 3 + 64];
				done_location(loc, sizeof loc, k->prefix, ref, ehcp_page_query_get(&pg.form.q, "milestone"));
				return redirect(req, loc);
			}
			if (err == EHCP_ECONNECT || err == EHCP_ENOTFOUND)
				return reply_failure(&pg, err);
			problem(&probs);
		}
		status = status_of(err < 0 ? err : EHCP_EINVALID);
	}
	ehcp_date on = page_day(&pg, &probs);
	char notice[128] = "";
	const char *done = ehcp_page_query_get(&pg.query.q, "done");
	if (!post && done && k->known(done))
		snprintf(notice, sizeof notice, "Saved: %s", done);
	ehcp_sink *sink = NULL;
	if ((err = ehcp_sink_buffer(&sink)) == 0 &&
	    (err = k->show(&pg, sink, ref, on, post ? &pg.form.q : NULL, probs.len ? probs.text : NULL,
	                   *notice ? notice : NULL)) < 0) {
		ehcp_sink_free(sink);
		return reply_failure(&pg, err);
	}
	page_headers(req, false);
	return reply_sink(req, status, HTML, sink, err);
}

int http_page_case(http_request *req)
{
	static const record_kind k = {"/cases/", "cases", case_write, case_known, case_show};
	return record_page(req, &k);
}

int http_page_plan(http_request *req)
{
	static const record_kind k = {"/plans/", "plans", plan_write, plan_known, plan_show};
	return record_page(req, &k);
}

/* ---- reports and the board ---- */

static int report_set(void *o, bool *by, const char *name, const char *value)
{
	(void)by;
	return ehcp_report_option_set(o, name, value);
}

int http_page_reports(http_request *req)
{
	page pg;
	if (page_begin(&pg, req, false, NULL, NULL))
		return 0;
	const char *measure = strncmp(req->path, "/reports/", 9) == 0 ? req->path + 9
	                                                               : ehcp_page_query_get(&pg.query.q, "measure");
	static const char *const flags[] = {"cases", NULL};
	ehcp_report_options o = EHCP_REPORT_OPTIONS_INIT;
	problems probs = {0, ""};
	options_of(&probs, &pg.query.q, report_set, &o, NULL, flags);
	ehcp_report *r = NULL;
	int err = 0;
	if (measure && *measure && !probs.len && ehcp_report_options_check(&o, measure) < 0)
		problem(&probs);
	if (measure && *measure && !probs.len) {
		if (o.as_of == EHCP_DATE_NONE)
			o.as_of = ehcp_date_today();
		if ((err = ehcp_report_run(&r, pg.s, &o)) < 0) {
			if (err != EHCP_EINVALID)
				return reply_failure(&pg, err);
			problem(&probs);
		}
	}
	ehcp_sink *sink = NULL;
	if (r && wants_csv(&pg)) {
		ehcp_format_options fo = EHCP_FORMAT_OPTIONS_INIT;
		fo.format = EHCP_FORMAT_CSV;
		if ((err = ehcp_sink_buffer(&sink)) == 0)
			err = ehcp_report_format(sink, r, &fo);
		char file[64];
		snprintf(file, sizeof file, "%s%s", ehcp_report_measure_name(r->measure), r->cases ? "-cases" : "");
		ehcp_report_free(r);
		csv_headers(req, file);
		return reply_sink(req, 200, CSV, sink, err);
	}
	ehcp_page_report p = {r, &pg.query.q, probs.len ? probs.text : NULL};
	if ((err = ehcp_sink_buffer(&sink)) == 0)
		err = ehcp_page_report_format(sink, &pg.o, &p);
	ehcp_report_free(r);
	page_headers(req, false);
	return reply_sink(req, probs.len ? 400 : 200, HTML, sink, err);
}

/* The board's months from the query: from, to (YYYY-MM) and as-of. */
static void board_options(ehcp_board_options *bo, problems *probs, const ehcp_page_query *q)
{
	const char *from = ehcp_page_query_get(q, "from"), *to = ehcp_page_query_get(q, "to");
	const char *as_of = ehcp_page_query_get(q, "as-of");
	if (from && *from && ehcp_param_month_or_date(&bo->from, from, "--from", false) < 0)
		problem(probs);
	if (to && *to && ehcp_param_month_or_date(&bo->to, to, "--to", true) < 0)
		problem(probs);
	if (as_of && *as_of && ehcp_param_date(&bo->as_of, as_of, "--as-of") < 0)
		problem(probs);
}

int http_page_board(http_request *req)
{
	page pg;
	if (page_begin(&pg, req, false, NULL, NULL))
		return 0;
	ehcp_board_options bo = EHCP_BOARD_OPTIONS_INIT;
	problems probs = {0, ""};
	board_options(&bo, &probs, &pg.query.q);
	const bool view = strcmp(req->path, "/board/view") == 0;
	const bool asked = bo.from != EHCP_DATE_NONE || bo.to != EHCP_DATE_NONE;
	if (!probs.len && asked && (bo.from == EHCP_DATE_NONE || bo.to == EHCP_DATE_NONE)) {
		ehcp_fail(EHCP_EINVALID, "report board needs --from and --to");
		problem(&probs);
	}
	ehcp_sink *sink = NULL;
	int err;
	if (view) {
		if (probs.len || !asked)
			return reply_message(&pg, 400, "Which months?", probs.len ? probs.text : "The board needs from and to.");
		if (bo.as_of == EHCP_DATE_NONE)
			bo.as_of = ehcp_date_today();
		ehcp_board *b = NULL;
		if ((err = ehcp_board_fetch(&b, pg.s, &bo)) < 0) {
			if (err == EHCP_EINVALID)
				return reply_message(&pg, 400, "Which months?", ehcp_error_last());
			return reply_failure(&pg, err);
		}
		if ((err = ehcp_sink_buffer(&sink)) == 0)
			err = ehcp_board_format(sink, b, &bo);
		ehcp_board_free(b);
		page_headers(req, true);
		return reply_sink(req, 200, HTML, sink, err);
	}
	/* the frame's address: this page's own query, for the board alone */
	char *src = NULL;
	size_t len = 0;
	FILE *f = NULL;
	if (asked && !probs.len && (f = open_memstream(&src, &len))) {
		fputs("/board/view", f);
		static const char *const keep[] = {"from", "to", "as-of"};
		bool first = true;
		for (size_t k = 0; k < 3; k++) {
			const char *v = ehcp_page_query_get(&pg.query.q, keep[k]);
			if (!v || !*v)
				continue;
			fprintf(f, "%c%s=", first ? '?' : '&', keep[k]);
			first = false;
			for (const unsigned char *p = (const unsigned char *)v; *p; p++)
				fprintf(f, (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
				                   strchr("-._~", *p)
				               ? "%c"
				               : "%%%02X",
				        *p);
		}
		fclose(f);
	}
	if ((err = ehcp_sink_buffer(&sink)) == 0)
		err = ehcp_page_board_format(sink, &pg.o, &pg.query.q, src, probs.len ? probs.text : NULL);
	free(src);
	page_headers(req, false);
	return reply_sink(req, probs.len ? 400 : 200, HTML, sink, err);
}

/* ---- admin and my work ---- */

/* A feed's address as the subscriber's calendar asks for it. */
static void feed_url(char *buf, size_t len, const http_request *req, const char *token)
{
	const char *host = http_header(req, "Host");
	snprintf(buf, len, "%s://%s/feeds/%s.ics", req->tls ? "https" : "http", host ? host : "localhost", token);
}

typedef struct admin_state {
	ehcp_users *users;
	ehcp_feeds *feeds;
	char url[256];
	char notice[256];
	problems probs;
	int status;
} admin_state;

static const char *form_value(page *pg, const char *name)
{
	const char *v = ehcp_page_query_get(&pg->form.q, name);
	return v ? v : "";
}

/* An admin's change, and then the lists: all on the accounts' own tables,
 * as the owner (the admin's role is the owner's). */
static int admin_owner(page *pg, void *ctx)
{
	admin_state *st = ctx;
	if (pg->sess.role != EHCP_ROLE_ADMIN) {
		reply_message(pg, 403, "Only admins manage users and feeds", "Ask an admin to make the change.");
		return 1;
	}
	const char *action = strcmp(pg->req->method, "POST") == 0 ? form_value(pg, "action") : "";
	int err = 0;
	if (strcmp(action, "user_add") == 0) {
		ehcp_role role;
		if ((err = ehcp_role_parse(&role, form_value(pg, "role"))) == 0)
			err = ehcp_user_add(pg->s, form_value(pg, "name"), role, form_value(pg, "password"));
		if (err == 0)
			snprintf(st->notice, sizeof st->notice, "Added %s", form_value(pg, "name"));
	} else if (strcmp(action, "user_disable") == 0) {
		if ((err = ehcp_user_disable(pg->s, form_value(pg, "user"))) == 0)
			snprintf(st->notice, sizeof st->notice, "Disabled %s", form_value(pg, "user"));
	} else if (strcmp(action, "user_role") == 0) {
		ehcp_role role;
		const char *user = form_value(pg, "user");
		if ((err = ehcp_role_parse(&role, form_value(pg, "role"))) == 0 &&
		    (err = ehcp_user_set_role(pg->s, user, role)) == 0)
			snprintf(st->notice, sizeof st->notice, "%s is now %s %s", user, role == EHCP_ROLE_ADMIN ? "an" : "a",
			         ehcp_role_name(role));
	} else if (strcmp(action, "feed_add") == 0) {
		ehcp_feed_options fo = EHCP_FEED_OPTIONS_INIT;
		const char *cw = form_value(pg, "caseworker"), *label = form_value(pg, "label");
		fo.caseworker = *cw ? cw : NULL;
		fo.label = *label ? label : NULL;
		char token[EHCP_FEED_TOKEN_SIZE];
		long long id;
		if ((err = ehcp_feed_add(token, &id, pg->s, &fo)) == 0) {
			feed_url(st->url, sizeof st->url, pg->req, token);
			snprintf(st->notice, sizeof st->notice, "Made feed %lld", id);
		}
	} else if (strcmp(action, "feed_revoke") == 0) {
		char *end;
		long long id = strtoll(form_value(pg, "feed"), &end, 10);
		err = *end || id <= 0 ? ehcp_fail(EHCP_EINVALID, "feed: not a feed") : ehcp_feed_revoke(pg->s, id);
		if (err == 0)
			snprintf(st->notice, sizeof st->notice, "Revoked feed %lld", id);
	} else if (*action) {
		err = ehcp_fail(EHCP_EINVALID, "action: \"%s\" is not one this page knows", action);
	}
	if (err < 0) {
		if (err == EHCP_ECONNECT)
			return reply_failure(pg, err), 1;
		problem(&st->probs);
		st->status = status_of(err);
	}
	if ((err = ehcp_user_list(&st->users, pg->s)) < 0 || (err = ehcp_feed_list(&st->feeds, pg->s)) < 0)
		return reply_failure(pg, err), 1;
	return 0;
}

int http_page_admin(http_request *req)
{
	admin_state st;
	memset(&st, 0, sizeof st);
	st.status = 200;
	page pg;
	if (page_begin(&pg, req, strcmp(req->method, "POST") == 0, admin_owner, &st)) {
		ehcp_users_free(st.users);
		ehcp_feeds_free(st.feeds);
		return 0;
	}
	ehcp_page_admin a = {st.users, st.feeds, (long long)time(NULL), *st.url ? st.url : NULL,
	                     st.probs.len ? &pg.form.q : NULL, st.probs.len ? st.probs.text : NULL,
	                     *st.notice ? st.notice : NULL};
	ehcp_sink *sink = NULL;
	int err = ehcp_sink_buffer(&sink);
	if (err == 0)
		err = ehcp_page_admin_format(sink, &pg.o, &a);
	ehcp_users_free(st.users);
	ehcp_feeds_free(st.feeds);
	page_headers(req, false);
	return reply_sink(req, st.status, HTML, sink, err);
}

typedef struct me_state {
	ehcp_feeds *all;
	ehcp_feeds mine;
	char url[256];
	problems probs;
} me_state;

/* The user's own feeds (a caseworker's, by their name), and a new one. */
static int me_owner(page *pg, void *ctx)
{
	me_state *st = ctx;
	int err = 0;
	if (strcmp(pg->req->method, "POST") == 0) {
		if (strcmp(form_value(pg, "action"), "feed_add") != 0) {
			err = ehcp_fail(EHCP_EINVALID, "action: \"%s\" is not one this page knows", form_value(pg, "action"));
		} else {
			ehcp_feed_options fo = EHCP_FEED_OPTIONS_INIT;
			char label[128], token[EHCP_FEED_TOKEN_SIZE];
			long long id;
			snprintf(label, sizeof label, "%s's calendar", pg->sess.name);
			fo.caseworker = pg->sess.name;
			fo.label = label;
			if ((err = ehcp_feed_add(token, &id, pg->s, &fo)) == 0)
				feed_url(st->url, sizeof st->url, pg->req, token);
		}
		if (err < 0)
			problem(&st->probs);
	}
	if ((err = ehcp_feed_list(&st->all, pg->s)) < 0)
		return reply_failure(pg, err), 1;
	/* the list keeps its order; the user's own are moved to the front */
	size_t n = 0;
	for (size_t i = 0; i < st->all->count; i++) {
		const ehcp_feed *f = &st->all->feeds[i];
		if (f->caseworker && strcmp(f->caseworker, pg->sess.name) == 0) {
			ehcp_feed t = st->all->feeds[n];
			st->all->feeds[n++] = *f;
			st->all->feeds[i] = t;
		}
	}
	st->mine = (ehcp_feeds){n, st->all->feeds};
	return 0;
}

int http_page_me(http_request *req)
{
	me_state st;
	memset(&st, 0, sizeof st);
	page pg;
	if (page_begin(&pg, req, strcmp(req->method, "POST") == 0, me_owner, &st)) {
		ehcp_feeds_free(st.all);
		return 0;
	}
	ehcp_page_me me = {&st.mine, *st.url ? st.url : NULL, st.probs.len ? st.probs.text : NULL};
	ehcp_sink *sink = NULL;
	int err = ehcp_sink_buffer(&sink);
	if (err == 0)
		err = ehcp_page_me_format(sink, &pg.o, &me);
	ehcp_feeds_free(st.all);
	page_headers(req, false);
	return reply_sink(req, st.probs.len ? 400 : 200, HTML, sink, err);
}

/* ---- the rest ---- */

int http_page_home(http_request *req)
{
	return redirect(req, "/cases");
}

int http_page_css(http_request *req)
{
	size_t len;
	const char *css = ehcp_page_css(&len);
	/* the same bytes until the binary changes: an hour's cache is safe */
	http_add_header(req, "Cache-Control", "public, max-age=3600");
	http_add_header(req, "X-Content-Type-Options", "nosniff");
	http_reply(req, 200, "text/css; charset=utf-8", css, len);
	return 0;
}
