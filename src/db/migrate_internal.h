#ifndef EHCP_MIGRATE_INTERNAL_H
#define EHCP_MIGRATE_INTERNAL_H

#include <stddef.h>

#include <libpq-fe.h>

typedef struct ehcp_migration {
	const char *name;      /* "0001_schema.sql" */
	const char *checksum;  /* SHA-256 of the file, hex */
	const char *sql;
} ehcp_migration;

/* In name order; generated at build time from migrations/. */
extern const ehcp_migration ehcp_migrations[];
extern const size_t ehcp_migrations_count;

/* The SQL clock, generated from include/ehcp/rules.h and src/db/rules.sql.in:
 * applied (CREATE OR REPLACE) before the migrations whenever its checksum
 * differs from the one the database records. */
extern const ehcp_migration ehcp_rules_sql;

/* Applies the rules' SQL and the pending migrations in one transaction
 * under an advisory lock; *applied (may be NULL) says how many. */
int ehcp_migrate_apply(int *applied, PGconn *conn);
/* 0 if every migration and the rules are applied and unchanged;
 * EHCP_ESCHEMA naming what to run otherwise. */
int ehcp_migrate_check(PGconn *conn);
/* The number of migrations the library carries. */
int ehcp_migrate_count(void);

#endif
