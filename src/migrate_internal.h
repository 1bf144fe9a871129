#ifndef EHCP_MIGRATE_INTERNAL_H
#define EHCP_MIGRATE_INTERNAL_H

#include <stddef.h>

typedef struct ehcp_migration {
	const char *name;      /* "0001_schema.sql" */
	const char *checksum;  /* SHA-256 of the file, hex */
	const char *sql;
} ehcp_migration;

/* In name order; generated at build time from migrations/. */
extern const ehcp_migration ehcp_migrations[];
extern const size_t ehcp_migrations_count;

/* The SQL clock, generated from include/ehcp/rules.h and src/rules.sql.in:
 * applied (CREATE OR REPLACE) before the migrations whenever its checksum
 * differs from the one the database records. */
extern const ehcp_migration ehcp_rules_sql;

#endif
