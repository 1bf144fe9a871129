#ifndef EHCP_CLUSTER_H
#define EHCP_CLUSTER_H

/*
 * The embedded default: a private PostgreSQL cluster under a data directory
 * of ehcp's own, used when the user names no database.
 *
 * Layout of the home directory ($EHCP_HOME; by default ~/.local/share/ehcp,
 * or /var/lib/ehcp when run as root):
 *   data/            the cluster (initdb on first use)
 *   socket/          its Unix socket; the server listens on no TCP port
 *   postgresql.log   the server's log
 *   setup.log        what initdb and pg_ctl printed
 * initdb and pg_ctl are found through `pg_config --bindir`.  When run as
 * root, the server runs as the `postgres` system user (PostgreSQL refuses
 * to run as root).
 *
 * Strings handed back through char ** out-parameters belong to the caller,
 * who frees them with free().
 */

#include <stdbool.h>

#include "ehcp/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The home directory: `home` if not NULL, else $EHCP_HOME, else the default. */
EHCP_WARN_UNUSED int ehcp_cluster_home(char **out, const char *home);

/* True when the user named a database: a --db option (db_option not NULL
 * or empty), EHCP_DATABASE_URL, PGHOST, PGHOSTADDR, PGDATABASE or PGSERVICE. */
bool ehcp_cluster_database_named(const char *db_option);

/*
 * The conninfo to connect with: db_option, else EHCP_DATABASE_URL, else ""
 * (libpq's own PG* variables and service file) when a database is named by
 * the environment, else the embedded cluster's, started (and created) if
 * need be.  *embedded says which.
 */
EHCP_WARN_UNUSED int ehcp_cluster_resolve(char **conninfo, bool *embedded, const char *db_option);

/* Create the cluster if it does not exist, start it if it is not running,
 * create the `ehcp` database, and hand back its conninfo.  Safe to call
 * from several processes at once. */
EHCP_WARN_UNUSED int ehcp_cluster_start(char **conninfo, const char *home);

/* Stop the cluster if it is running (fast shutdown). */
EHCP_WARN_UNUSED int ehcp_cluster_stop(const char *home);

typedef enum ehcp_cluster_state {
	EHCP_CLUSTER_ABSENT = 0,  /* no cluster has been created */
	EHCP_CLUSTER_STOPPED,
	EHCP_CLUSTER_RUNNING
} ehcp_cluster_state;

EHCP_WARN_UNUSED int ehcp_cluster_status(ehcp_cluster_state *state, const char *home);

#ifdef __cplusplus
}
#endif

#endif
