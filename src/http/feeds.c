/* GET|HEAD /feeds/<token>.ics: a caseworker's or the team's calendar, the
 * same bytes as `ehcp ical` on today's date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ehcp/errors.h"
#include "ehcp/feed.h"
#include "ehcp/ical.h"
#include "http/http.h"
#include "http/routes.h"
#include "http/server_internal.h"
#include "sys/secret.h"

static int64_t now_seconds(void)
{
	return (int64_t)time(NULL);
}

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void http_date(char out[40], int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 40, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* Whether an If-None-Match list names etag ("*", or weakly: W/ ignored). */
static bool etag_matches(const char *inm, const char *etag)
{
	size_t elen = strlen(etag);
	const char *p = inm;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		size_t n = strcspn(p, ", \t");
		if (n == elen && strncmp(p, etag, n) == 0)
			return true;
		p += n;
	}
	return false;
}

/* A token that opens nothing: counted against the client's address, and
 * answered as a path that never existed. */
static int no_feed(http_request *req)
{
	http_ratelimit_fail(req->server->feed_limit, req->client, http_ratelimit_now());
	http_reply_not_found(req);
	return 0;
}

/* The answer, or 304 when the client has it already. */
static int answer(http_request *req, const http_feed_answer *a)
{
	char lastmod[40];
	http_date(lastmod, a->last_modified);
	http_add_header(req, "ETag", a->etag);
	http_add_header(req, "Last-Modified", lastmod);
	/* Private: the URL is a secret.  Five minutes, then a revalidation
	 * that a 304 answers while nothing has changed. */
	http_add_header(req, "Cache-Control", "private, max-age=300");
	const char *inm = http_header(req, "If-None-Match");
	const char *ims = http_header(req, "If-Modified-Since");
	bool fresh = false;
	if (inm)
		fresh = etag_matches(inm, a->etag);
	else if (ims) {
		struct tm tm = {0};
		const char *end = strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &tm);
		fresh = end && !*end && (int64_t)timegm(&tm) >= a->last_modified;
	}
	if (fresh)
		http_reply(req, 304, NULL, "", 0);
	else
		http_reply(req, 200, "text/calendar; charset=utf-8", a->body, a->len);
	return 0;
}

/* Fetches and renders the feed's calendar on `day`: 0, or a library code
 * (answered already). */
static int render(http_feed_answer *a, http_request *req, ehcp_store *s, const ehcp_feed *f, ehcp_date day)
{
	/* DTSTAMP: the start of the day the calendar is for, so that the same
	 * deadlines give the same bytes (and ETag) all day. */
	ehcp_ical_options o = EHCP_ICAL_OPTIONS_INIT;
	o.as_of = day;
	o.caseworker = f->caseworker;
	o.dtstamp = (int64_t)day * 86400;
	ehcp_case_list *cases = NULL;
	ehcp_ical_plans *plans = NULL;
	ehcp_sink *sink = NULL;
	int err;
	if ((err = ehcp_ical_fetch(&cases, s, &o)) == 0 && (err = ehcp_ical_fetch_plans(&plans, s, &o)) == 0 &&
	    (err = ehcp_sink_buffer(&sink)) == 0)
		err = ehcp_ical_format_all(sink, NULL, cases, plans, &o);
	ehcp_case_list_free(cases);
	ehcp_ical_plans_free(plans);
	uint8_t sum[32];
	const char *body = err == 0 ? ehcp_sink_data(sink, &a->len) : NULL;
	if (err == 0 && (err = ehcp_sha256(sum, body, a->len)) == 0 && !(a->body = malloc(a->len ? a->len : 1)))
		err = EHCP_ENOMEM;
	if (err < 0) {
		ehcp_sink_free(sink);
		http_store_failed(req, err);
		http_reply_last_error(req, err);
		return err;
	}
	memcpy(a->body, body, a->len);
	ehcp_sink_free(sink);
	/* 128 bits of the SHA-256 is plenty to tell two calendars apart. */
	a->etag[0] = '"';
	for (int i = 0; i < 16; i++)
		snprintf(a->etag + 1 + 2 * i, 3, "%02x", sum[i]);
	a->etag[33] = '"';
	a->etag[34] = '\0';
	a->last_modified = http_lastmod_get(req->server->feed_lastmod, f->id, a->etag, now_seconds());
	return 0;
}

int http_feed(http_request *req)
{
	ehcp_server *srv = req->server;
	if (http_ratelimit_blocked(srv->feed_limit, req->client, http_ratelimit_now())) {
		http_add_header(req, "Retry-After", "60");
		http_reply_error(req, 429, "too many failed attempts; try again later");
		return 0;
	}
	const char *tok = req->path + strlen("/feeds/");
	size_t n = strlen(tok);
	if (n < 5 || n - 4 > EHCP_FEED_TOKEN_LEN || strcmp(tok + n - 4, ".ics") != 0)
		return no_feed(req);
	char token[EHCP_FEED_TOKEN_SIZE];
	memcpy(token, tok, n - 4);
	token[n - 4] = '\0';
	uint8_t key[32];
	ehcp_date day = ehcp_date_today();
	if (ehcp_sha256(key, token, n - 4) < 0) {
		http_reply_error(req, 500, "cannot hash the token");
		return 0;
	}
	/* The token is looked up every time, cache or not: a revoked feed
	 * answers 404 at once, and none answers while the database is away.
	 * Only the calendar is kept (a few seconds): rendering it is the cost. */
	ehcp_store *s = http_store(req);
	if (!s)
		return 0;
	ehcp_feed *f = NULL;
	int err = ehcp_feed_lookup(&f, s, token);
	if (err == EHCP_ENOTFOUND)
		return no_feed(req);
	if (err < 0) {
		http_store_failed(req, err);
		http_reply_last_error(req, err);
		return 0;
	}
	const http_feed_answer *cached = http_feedcache_get(srv->feed_cache, key, day, now_ms());
	if (cached) {
		ehcp_feed_free(f);
		answer(req, cached);
		http_feedcache_release(srv->feed_cache, cached);
		return 0;
	}
	int64_t started = now_ms();
	http_feed_answer a = {0};
	err = render(&a, req, s, f, day);
	ehcp_feed_free(f);
	if (err < 0)
		return 0;
	http_feedcache_put(srv->feed_cache, key, day, started, &a);
	answer(req, &a);
	free(a.body);
	return 0;
}
