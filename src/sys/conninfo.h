#ifndef EHCP_CONNINFO_H
#define EHCP_CONNINFO_H

#include <libpq-fe.h>

/* A conninfo value quoted for libpq ('...' with \ and ' escaped); malloc'd. */
char *ehcp_conninfo_quote(const char *value);

/* Connects; on failure sets the last error to one line naming the
 * database (without its password) and returns NULL. */
PGconn *ehcp_connect(const char *conninfo);

#endif
