/* libFuzzer target: the SEN2 persons file as `ehcp sen2` reads it, and
 * what is done with what it reads: every child joined to a request with a
 * plan, the checks, and the XML written to memory.  Whatever the file,
 * no crash, no leak, and a file that reads produces a return. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehcp/sen2.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size ? size : 1, "r");
	if (!f)
		return 0;
	ehcp_sen2_persons *p = NULL;
	int err = ehcp_sen2_persons_read(&p, f, "fuzz");
	fclose(f);
	if (err < 0)
		return 0;
	ehcp_sen2 *r = NULL;
	if (ehcp_sen2_new(&r, 2025) < 0)
		abort();
	ehcp_sen2_request q;
	memset(&q, 0, sizeof q);
	q.received = 20094;   /* 2025-01-06 */
	q.request_outcome = 'Y';
	q.request_outcome_date = q.received + 35;
	q.assessment = q.named_plan = q.active = true;
	q.assessment_outcome = 'Y';
	q.assessment_outcome_date = q.received + 98;
	q.plan_start = q.received + 133;
	q.tracker_birth = q.cease_date = q.review_meeting = q.last_review = EHCP_DATE_NONE;
	for (size_t i = 0; i < p->n; i++) {
		snprintf(q.case_ref, sizeof q.case_ref, "R%zu", i);
		if (ehcp_sen2_add(r, p->rows[i].child_ref, &q) < 0)
			abort();
	}
	ehcp_sen2_findings *fs = NULL;
	if (ehcp_sen2_check(&fs, r, p) < 0)
		abort();
	ehcp_sink *s = NULL;
	if (ehcp_sink_buffer(&s) < 0)
		abort();
	ehcp_sen2_options o = EHCP_SEN2_OPTIONS_INIT;
	snprintf(o.la, sizeof o.la, "123");
	o.year = 2025;
	err = ehcp_sen2_format(s, r, p, &o, NULL);
	if (p->n > 0 && err < 0)
		abort();   /* every child has its person: the return is written */
	if (ehcp_sen2_findings_format(s, fs) < 0)
		abort();
	ehcp_sink_free(s);
	ehcp_sen2_findings_free(fs);
	ehcp_sen2_free(r);
	ehcp_sen2_persons_free(p);
	return 0;
}
