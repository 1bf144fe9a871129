#ifndef EHCP_PLAN_INTERNAL_H
#define EHCP_PLAN_INTERNAL_H

#include "ehcp/plan.h"

/* Fields by their index in ehcp_plan_fields / ehcp_review_fields, for
 * loops over every column (the import, the store's parameters). */
int ehcp_plan_set_field_at(ehcp_plan *p, int index, const char *value, size_t len);
const char *ehcp_plan_get_field_at(const ehcp_plan *p, int index, char *buf);
int ehcp_review_set_field_at(ehcp_review_dates *r, int index, const char *value, size_t len);
const char *ehcp_review_get_field_at(const ehcp_review_dates *r, int index, char *buf);

/* Empties a plan for reuse (its reviews freed). */
void ehcp_plan_reset(ehcp_plan *p);

#endif
