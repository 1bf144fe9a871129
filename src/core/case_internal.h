#ifndef EHCP_CASE_INTERNAL_H
#define EHCP_CASE_INTERNAL_H

#include "ehcp/case.h"

/* Every problem with a case as a whole (the clock's checks, and the date of
 * birth and note); writes at most max, returns how many there are. */
size_t ehcp_case_problems(ehcp_problem *out, size_t max, const ehcp_case *c, ehcp_date today);

/* ehcp_case_set_field and ehcp_case_get_field by the field's index in
 * ehcp_case_fields, for loops over every field (the import). */
int ehcp_case_set_field_at(ehcp_case *c, int index, const char *value, size_t len);
const char *ehcp_case_get_field_at(const ehcp_case *c, int index, char *buf);

/* Empties a case for reuse (the note freed). */
void ehcp_case_reset(ehcp_case *c);

#endif
