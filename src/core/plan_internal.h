#ifndef EHCP_PLAN_INTERNAL_H
#define EHCP_PLAN_INTERNAL_H

#include "ehcp/plan.h"

/* Fields by their index in ehcp_plan_fields / ehcp_review_fields, for
 * loops over every column (the import, the store's parameters). */
int ehcp_plan_set_field_at(ehcp_plan *p, int index, const char *value, size_t len);
const char *ehcp_plan_get_field_at(const ehcp_plan *p, int index, char *buf);
int ehcp_review_set_field_at(ehcp_review_dates *r, int index, const char *value, size_t len);
const char *ehcp_review_get_field_at(const ehcp_review_dates *r, int index, char *buf);

/* ehcp_plan_validate()'s problems one by one, each message to `each`
 * rather than into the last error, so that an import can give each to
 * the row it concerns; returns how many. */
size_t ehcp_plan_problems(const ehcp_plan *p, ehcp_date today, void (*each)(void *ctx, const char *msg), void *ctx);

/* Empties a plan for reuse (its reviews freed). */
void ehcp_plan_reset(ehcp_plan *p);

#endif
