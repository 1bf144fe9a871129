/* libFuzzer target: the tracker CSV as the importer reads it, everything
 * but the database: the RFC 4180 reader, the header, every field's parser
 * and the whole-case checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_internal.h"
#include "io/csv.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size == 0)
		return 0;
	FILE *f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	ehcp_csv *r = NULL;
	ehcp_case *c = NULL;
	ehcp_csv_new(&r, f);
	ehcp_case_new(&c);
	size_t n;
	const char *const *fields;
	const size_t *lens;
	int col[EHCP_CSV_FIELDS_MAX];
	size_t ncols = 0;
	if (ehcp_csv_next(r, &n, &fields, &lens) == 1) {
		for (size_t i = 0; i < n; i++) {
			char name[64];
			size_t l = lens[i] < sizeof name - 1 ? lens[i] : sizeof name - 1;
			memcpy(name, fields[i], l);
			name[l] = '\0';
			col[i] = ehcp_case_field_index(name);
		}
		ncols = n;
		while (ehcp_csv_next(r, &n, &fields, &lens) == 1) {
			ehcp_case_reset(c);
			for (size_t i = 0; i < n && i < ncols; i++)
				if (col[i] >= 0 && col[i] < EHCP_CASE_CSV_FIELDS)
					ehcp_case_set_field_at(c, col[i], fields[i], lens[i]);
			ehcp_problem p[8];
			ehcp_case_problems(p, 8, c, ehcp_date_from_ymd_unchecked(2030, 1, 1));
			char buf[EHCP_FIELD_TEXT_MAX];
			for (int k = 0; k < EHCP_CASE_CSV_FIELDS; k++)
				(void)ehcp_case_get_field_at(c, k, buf);
		}
	}
	ehcp_case_free(c);
	ehcp_csv_free(r);
	fclose(f);
	return 0;
}
