#ifndef EHCP_STORE_H
#define EHCP_STORE_H

/*
 * A connection to the case store (a PostgreSQL database) and its schema.
 *
 * The schema is the SQL in migrations/, compiled into the library.
 * ehcp_store_migrate() applies what is pending, in one transaction, under an
 * advisory lock so that two processes starting at once are safe, and
 * records each file's name and checksum in ehcp_schema_migrations.  A
 * database whose recorded checksum differs from the library's file is
 * refused with the file named.
 *
 * Threads: a store is one connection and is used by one thread at a time;
 * a server opens one store per worker thread.  Everything a store hands
 * back (cases, lists, reports, boards) belongs to the caller and is plain
 * data, which any thread may read once it is fetched.
 */

#include <stdbool.h>

#include "ehcp/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ehcp_store ehcp_store;

typedef struct ehcp_store_options {
	unsigned int version;
	/* Who is making changes, recorded in each case's history beside the
	 * database role (for example the login name).  NULL: none. */
	const char *app_user;
	/* Apply pending migrations on open (what `ehcp init` does); otherwise
	 * the schema must already be current. */
	bool migrate;
} ehcp_store_options;

#define EHCP_STORE_OPTIONS_VERSION 1
#define EHCP_STORE_OPTIONS_INIT {EHCP_STORE_OPTIONS_VERSION, NULL, false}
/* Fills *opts with the defaults; EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_store_options_init(ehcp_store_options *opts, unsigned int version);

/* Connect and check (or apply) the schema.  The caller frees *out with
 * ehcp_store_free().  opts may be NULL for the defaults. */
EHCP_WARN_UNUSED int ehcp_store_open(ehcp_store **out, const char *conninfo, const ehcp_store_options *opts);
void ehcp_store_free(ehcp_store *store);

/* Apply pending migrations; *applied (may be NULL) says how many. */
EHCP_WARN_UNUSED int ehcp_store_migrate(int *applied, ehcp_store *store);

/* 0 if every migration the library has is applied and unchanged;
 * EHCP_ESCHEMA with what to run otherwise. */
EHCP_WARN_UNUSED int ehcp_store_check_schema(ehcp_store *store);

/* The number of migrations the library carries. */
int ehcp_store_migration_count(void);

#ifdef __cplusplus
}
#endif

#endif
