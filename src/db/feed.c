/* Calendar feeds: tokens handed out once, kept as their SHA-256. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "db/service_sql.h"
#include "db/store_internal.h"
#include "ehcp/feed.h"
#include "sys/secret.h"

_Static_assert(EHCP_FEED_TOKEN_LEN == EHCP_TOKEN_LEN, "a feed's token is a token");

int ehcp_feed_options_init(ehcp_feed_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_FEED_OPTIONS_VERSION, EHCP_FEED_OPTIONS_INIT, "ehcp_feed_options");
}

int ehcp_feed_add(char token[EHCP_FEED_TOKEN_SIZE], long long *id, ehcp_store *s, const ehcp_feed_options *opts)
{
	if (!token || !s)
		return ehcp_fail(EHCP_EINVALID, "a feed needs a store and somewhere to put its token");
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_feed_options, opts, EHCP_FEED_OPTIONS_INIT, EHCP_FEED_OPTIONS_VERSION);
	if (opts->caseworker && !*opts->caseworker)
		return ehcp_fail(EHCP_EINVALID, "a caseworker's feed needs the caseworker's name");
	char hash[EHCP_SHA256_HEX];
	int err = ehcp_token_new(token);
	if (err == 0)
		err = ehcp_sha256_hex(hash, token);
	if (err < 0)
		return err;
	const char *params[3] = {hash, opts->caseworker, opts->label && *opts->label ? opts->label : NULL};
	PGresult *res = ehcp_sql(s->conn, "cannot add the feed", FEED_ADD_SQL, 3, params, PGRES_TUPLES_OK);
	if (!res) {
		memset(token, 0, EHCP_FEED_TOKEN_SIZE);
		return EHCP_EDB;
	}
	if (id)
		*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}

static char *dup_or_null(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : strdup(PQgetvalue(res, row, col));
}

/* A row of FEED_COLUMNS; 0 or EHCP_ENOMEM. */
static int feed_read(ehcp_feed *f, const PGresult *res, int row)
{
	f->id = strtoll(PQgetvalue(res, row, 0), NULL, 10);
	f->caseworker = dup_or_null(res, row, 1);
	f->label = dup_or_null(res, row, 2);
	f->created = strtoll(PQgetvalue(res, row, 3), NULL, 10);
	f->revoked = strtoll(PQgetvalue(res, row, 4), NULL, 10);
	if ((!PQgetisnull(res, row, 1) && !f->caseworker) || (!PQgetisnull(res, row, 2) && !f->label))
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	return 0;
}

static void feed_clear(ehcp_feed *f)
{
	free(f->caseworker);
	free(f->label);
}

int ehcp_feed_list(ehcp_feeds **out, ehcp_store *s)
{
	if (!out || !s)
		return ehcp_fail(EHCP_EINVALID, "a feed list needs a store and somewhere to go");
	*out = NULL;
	PGresult *res = ehcp_sql(s->conn, "cannot list the feeds", FEED_LIST_SQL, 0, NULL, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	int n = PQntuples(res);
	ehcp_feeds *l = calloc(1, sizeof *l);
	if (l && n > 0)
		l->feeds = calloc((size_t)n, sizeof *l->feeds);
	int err = !l || (n > 0 && !l->feeds) ? ehcp_fail(EHCP_ENOMEM, "out of memory") : 0;
	for (int i = 0; i < n && err == 0; i++) {
		l->count++;
		err = feed_read(&l->feeds[i], res, i);
	}
	PQclear(res);
	if (err < 0) {
		ehcp_feeds_free(l);
		return err;
	}
	*out = l;
	return 0;
}

void ehcp_feeds_free(ehcp_feeds *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++)
		feed_clear(&l->feeds[i]);
	free(l->feeds);
	free(l);
}

int ehcp_feed_revoke(ehcp_store *s, long long id)
{
	if (!s)
		return ehcp_fail(EHCP_EINVALID, "no store to revoke a feed in");
	char num[32];
	snprintf(num, sizeof num, "%lld", id);
	const char *params[1] = {num};
	PGresult *res = ehcp_sql(s->conn, "cannot revoke the feed", FEED_REVOKE_SQL, 1, params, PGRES_COMMAND_OK);
	if (!res)
		return EHCP_EDB;
	bool done = strcmp(PQcmdTuples(res), "1") == 0;
	PQclear(res);
	return done ? 0 : ehcp_fail(EHCP_ENOTFOUND, "no feed %lld that still works", id);
}

int ehcp_feed_lookup(ehcp_feed **out, ehcp_store *s, const char *token)
{
	if (!out || !s)
		return ehcp_fail(EHCP_EINVALID, "a feed lookup needs a store and somewhere to go");
	*out = NULL;
	static const char none[] = "no such feed";
	char hash[EHCP_SHA256_HEX];
	int err = ehcp_token_hash(hash, token, none);
	if (err < 0)
		return err;
	const char *params[1] = {hash};
	PGresult *res = ehcp_sql(s->conn, "cannot look the feed up", FEED_LOOKUP_SQL, 1, params, PGRES_TUPLES_OK);
	if (!res)
		return EHCP_EDB;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return ehcp_fail(EHCP_ENOTFOUND, "%s", none);
	}
	ehcp_feed *f = calloc(1, sizeof *f);
	err = f ? feed_read(f, res, 0) : ehcp_fail(EHCP_ENOMEM, "out of memory");
	PQclear(res);
	if (err < 0) {
		ehcp_feed_free(f);
		return err;
	}
	*out = f;
	return 0;
}

void ehcp_feed_free(ehcp_feed *f)
{
	if (!f)
		return;
	feed_clear(f);
	free(f);
}
