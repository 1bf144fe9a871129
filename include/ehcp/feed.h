#ifndef EHCP_FEED_H
#define EHCP_FEED_H

/*
 * Calendar feeds: a subscription URL (`/feeds/<token>.ics`) per caseworker
 * or for the whole team, which Outlook, Google and Apple Calendar fetch by
 * themselves.  The token is 256 random bits (getrandom(2)) written as
 * base64url, handed out once by ehcp_feed_add(); the store keeps only its
 * SHA-256, so a copy of the database opens no feed.  A feed is never
 * deleted, only revoked, so that the list says what was handed out.
 *
 * The feed tables are the store owner's only: these calls fail with the
 * database's permission error under ehcp_store_act_as() a reader or writer.
 */

#include <stddef.h>

#include "ehcp/common.h"
#include "ehcp/format.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A token's length, and the size of a buffer for it with its NUL. */
#define EHCP_FEED_TOKEN_LEN 43
#define EHCP_FEED_TOKEN_SIZE (EHCP_FEED_TOKEN_LEN + 1)

typedef struct ehcp_feed {
	long long id;
	char *caseworker;   /* whose deadlines; NULL: the whole team's */
	char *label;        /* a name for the list; NULL: none */
	long long created;  /* seconds since 1970-01-01 UTC */
	long long revoked;  /* when it was revoked; 0: it works */
} ehcp_feed;

typedef struct ehcp_feed_options {
	unsigned int version;
	const char *caseworker;  /* NULL: a team feed */
	const char *label;       /* NULL: none */
} ehcp_feed_options;

#define EHCP_FEED_OPTIONS_VERSION 1
#define EHCP_FEED_OPTIONS_INIT {EHCP_FEED_OPTIONS_VERSION, NULL, NULL}
EHCP_WARN_UNUSED int ehcp_feed_options_init(ehcp_feed_options *opts, unsigned int version);

/* A new feed (opts NULL: the team's, without a label).  token receives its
 * secret, which nothing can show again; *id (may be NULL) its number. */
EHCP_WARN_UNUSED int ehcp_feed_add(char token[EHCP_FEED_TOKEN_SIZE], long long *id, ehcp_store *s,
                                   const ehcp_feed_options *opts);

/* Every feed, oldest first, revoked ones too; no tokens. */
typedef struct ehcp_feeds {
	size_t count;
	ehcp_feed *feeds;
} ehcp_feeds;
EHCP_WARN_UNUSED int ehcp_feed_list(ehcp_feeds **out, ehcp_store *s);
void ehcp_feeds_free(ehcp_feeds *l);
/* The list as a table, CSV or JSON: id, whose ("(team)" for the team), label,
 * created and revoked (ISO 8601 UTC; "" while it works). */
EHCP_WARN_UNUSED int ehcp_feeds_format(ehcp_sink *out, const ehcp_feeds *l, const ehcp_format_options *opts);

/* Revokes a feed: EHCP_ENOTFOUND if there is no such feed still working. */
EHCP_WARN_UNUSED int ehcp_feed_revoke(ehcp_store *s, long long id);

/* The working feed a token opens.  Anything else -- a token never issued,
 * a revoked one, a string that is no token at all -- is EHCP_ENOTFOUND
 * with one and the same message.  The token is only ever hashed and the
 * hash looked up, so the time taken says nothing about how near a guess
 * was.  The caller frees *out with ehcp_feed_free(). */
EHCP_WARN_UNUSED int ehcp_feed_lookup(ehcp_feed **out, ehcp_store *s, const char *token);
void ehcp_feed_free(ehcp_feed *f);

#ifdef __cplusplus
}
#endif

#endif
