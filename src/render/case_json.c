/* A case with its deadlines and history as one JSON object (the API's
 * /api/cases/REF). */
#include <stdio.h>
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/case.h"
#include "io/sink_internal.h"
#include "render/table.h"

static void json_date(FILE *f, ehcp_date d)
{
	char buf[EHCP_DATE_ISO_LEN];
	if (d == EHCP_DATE_NONE)
		fputs("null", f);
	else
		fprintf(f, "\"%s\"", ehcp_date_format_iso(buf, d));
}

static void json_text_or_null(FILE *f, const char *s)
{
	if (s)
		ehcp_json_string(f, s);
	else
		fputs("null", f);
}

int ehcp_case_format_json(ehcp_sink *out, const ehcp_case *c, const ehcp_history *h)
{
	if (!out || !c)
		return ehcp_fail(EHCP_EINVALID, "no case to write, or nowhere to write it");
	FILE *f = ehcp_sink_stream(out);
	const ehcp_case_dates *cd = &c->dates;
	fputs("{\"case_ref\": ", f);
	ehcp_json_string(f, c->case_ref);
	fprintf(f, ", \"version\": %d, \"caseworker\": ", c->version);
	ehcp_json_string(f, c->caseworker);
	fputs(", \"request_type\": ", f);
	ehcp_json_string(f, ehcp_request_type_name(cd->type));
	fputs(", \"request_date\": ", f);
	json_date(f, cd->request);
	fputs(", \"as_of\": ", f);
	json_date(f, c->on);
	fputs(", \"stage\": ", f);
	ehcp_json_string(f, ehcp_stage_name(ehcp_clock_stage(cd, c->on)));
	fputs(", \"status\": ", f);
	ehcp_json_string(f, ehcp_status_name(c->view.status));
	fprintf(f, ", \"elapsed_days\": %d, \"exception\": %s,\n \"deadlines\": [", (int)c->view.elapsed_days,
	        c->view.exception ? "true" : "false");
	bool first = true;
	for (int k = 0; k < EHCP_DEADLINE_COUNT; k++) {
		const ehcp_deadline *d = &c->deadlines[k];
		if (!d->applies)
			continue;
		fputs(first ? "\n  {\"deadline\": " : ",\n  {\"deadline\": ", f);
		first = false;
		ehcp_json_string(f, ehcp_deadline_name((ehcp_deadline_kind)k));
		fputs(", \"label\": ", f);
		ehcp_json_string(f, ehcp_deadline_label((ehcp_deadline_kind)k));
		fputs(", \"due\": ", f);
		json_date(f, d->due);
		fputs(", \"met\": ", f);
		json_date(f, d->met);
		fprintf(f, ", \"statutory\": %s, \"excused\": %s", d->hard ? "true" : "false", d->excused ? "true" : "false");
		if (d->met == EHCP_DATE_NONE)
			fprintf(f, ", \"days_left\": %d}", (int)(d->due - c->on));
		else
			fputs(", \"days_left\": null}", f);
	}
	fputs("],\n \"history\": [", f);
	for (size_t i = 0; h && i < h->count; i++) {
		const ehcp_history_entry *e = &h->entries[i];
		/* As `case history` without --show-child: the creation's whole
		 * row and the child's fields are not shown. */
		bool hide = !e->field || ehcp_case_field_identifies_child(e->field);
		fputs(i ? ",\n  {\"at\": " : "\n  {\"at\": ", f);
		ehcp_json_string(f, e->at);
		fputs(", \"db_role\": ", f);
		json_text_or_null(f, e->db_role);
		fputs(", \"app_user\": ", f);
		json_text_or_null(f, e->app_user);
		fputs(", \"action\": ", f);
		json_text_or_null(f, e->action);
		fputs(", \"field\": ", f);
		json_text_or_null(f, e->field);
		fputs(", \"old_value\": ", f);
		json_text_or_null(f, hide ? NULL : e->old_value);
		fputs(", \"new_value\": ", f);
		json_text_or_null(f, hide ? NULL : e->new_value);
		fputc('}', f);
	}
	fputs("]}\n", f);
	return ehcp_sink_flush(out, "the case");
}
