/*
 * The SEN2 return as XML (DfE's 2024 schema: no namespace, root Message;
 * our copy of what we emit is tests/data/sen2/SEN2_schema_2024_subset.xsd),
 * written with our own small escaping writer, and the checks' findings as
 * lines of text.  Elements come in the schema's order; an optional item
 * ehcp does not know is left out rather than written empty.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors_internal.h"
#include "ehcp/sen2.h"
#include "io/sink_internal.h"

typedef struct xw {
	FILE *f;
	int depth;
} xw;

static void indent(xw *w)
{
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->f);
}

/* Text as XML character data: the five characters XML reserves escaped. */
static void escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default: fputc(*s, f);
		}
	}
}

static void open_el(xw *w, const char *name)
{
	indent(w);
	fprintf(w->f, "<%s>\n", name);
	w->depth++;
}

static void close_el(xw *w, const char *name)
{
	w->depth--;
	indent(w);
	fprintf(w->f, "</%s>\n", name);
}

static void item(xw *w, const char *name, const char *value)
{
	indent(w);
	fprintf(w->f, "<%s>", name);
	escaped(w->f, value);
	fprintf(w->f, "</%s>\n", name);
}

/* An optional item: left out when empty. */
static void opt(xw *w, const char *name, const char *value)
{
	if (value && *value)
		item(w, name, value);
}

static void date_item(xw *w, const char *name, ehcp_date d)
{
	char buf[EHCP_DATE_ISO_LEN];
	if (d != EHCP_DATE_NONE)
		item(w, name, ehcp_date_format_iso(buf, d));
}

static void bool_item(xw *w, const char *name, bool v) { item(w, name, v ? "true" : "false"); }

static void code_item(xw *w, const char *name, char c)
{
	char buf[2] = {c, '\0'};
	if (c)
		item(w, name, buf);
}

/* PlanDetail (in NamedPlan) or PlacementDetail (in ActivePlans). */
static void placements(xw *w, const ehcp_sen2_person *p, bool active)
{
	const char *el = active ? "PlacementDetail" : "PlanDetail";
	for (int k = 0; k < 2; k++) {
		const ehcp_sen2_placement *pl = &p->placements[k];
		if (!pl->present)
			continue;
		open_el(w, el);
		opt(w, "URN", pl->urn);
		opt(w, "UKPRN", pl->ukprn);
		item(w, "SENSetting", pl->setting);
		opt(w, "SENSettingOther", pl->setting_other);
		item(w, "PlacementRank", k ? "2" : "1");
		if (active) {
			date_item(w, "EntryDate", pl->entry);
			date_item(w, "LeavingDate", pl->leaving);
		}
		bool_item(w, "SENunitIndicator", pl->sen_unit);
		bool_item(w, "ResourcedProvisionIndicator", pl->resourced_provision);
		if (active) {
			opt(w, "Res", pl->res);
			opt(w, "WBP", pl->wbp);
		}
		close_el(w, el);
	}
}

static void request(xw *w, const ehcp_sen2_request *q, const ehcp_sen2_person *p)
{
	const bool h = q->request_outcome == 'H';
	open_el(w, "Requests");
	date_item(w, "ReceivedDate", q->received);
	date_item(w, "RequestOutcomeDate", q->request_outcome_date);
	code_item(w, "RequestOutcome", q->request_outcome);
	if (!h) {
		bool_item(w, "RequestMediation", q->request_mediation);
		bool_item(w, "RequestTribunal", q->request_tribunal);
	}
	if (q->moved_away)
		opt(w, "Exported", p->exported_la);
	if (q->assessment) {
		open_el(w, "Assessment");
		code_item(w, "AssessmentOutcome", q->assessment_outcome);
		date_item(w, "AssessmentOutcomeDate", q->assessment_outcome_date);
		if (!h) {
			bool_item(w, "AssessmentMediation", q->assessment_mediation);
			bool_item(w, "AssessmentTribunal", q->assessment_tribunal);
			bool_item(w, "Week20", q->week20);
		}
		if (q->named_plan) {
			open_el(w, "NamedPlan");
			date_item(w, "StartDate", q->plan_start);
			placements(w, p, false);
			date_item(w, "CeaseDate", q->cease_date);
			if (q->cease_date != EHCP_DATE_NONE && q->cease_reason != EHCP_CEASE_NONE) {
				char reason[16];
				snprintf(reason, sizeof reason, "%d", (int)q->cease_reason);
				item(w, "CeaseReason", reason);
			}
			close_el(w, "NamedPlan");
		}
		close_el(w, "Assessment");
	}
	if (q->active) {
		open_el(w, "ActivePlans");
		if (q->transferred_in)
			opt(w, "TransferLA", p->transfer_la);
		placements(w, p, true);
		for (int k = 0; k < 2; k++) {
			if (!p->sen_need[k][0])
				continue;
			open_el(w, "SENneed");
			item(w, "SENtype", p->sen_need[k]);
			item(w, "SENtypeRank", k ? "2" : "1");
			close_el(w, "SENneed");
		}
		date_item(w, "ReviewMeeting", q->review_meeting);
		code_item(w, "ReviewOutcome", q->review_outcome);
		date_item(w, "LastReview", q->last_review);
		close_el(w, "ActivePlans");
	}
	close_el(w, "Requests");
}

static void person(xw *w, const ehcp_sen2_child *c, const ehcp_sen2_person *p)
{
	open_el(w, "Person");
	item(w, "Surname", p->surname);
	item(w, "Forename", p->forename);
	date_item(w, "PersonBirthDate", p->birth);
	item(w, "Sex", p->sex);
	item(w, "Ethnicity", p->ethnicity);
	item(w, "PostCode", p->postcode);
	opt(w, "UPN", p->upn);
	opt(w, "UniqueLearnerNumber", p->uln);
	opt(w, "UPNunknown", p->upn_unknown);
	for (size_t k = 0; k < c->nrequests; k++)
		request(w, &c->requests[k], p);
	close_el(w, "Person");
}

static bool la_code(const char *la)
{
	return la && strlen(la) == 3 && la[0] >= '0' && la[0] <= '9' && la[1] >= '0' && la[1] <= '9' && la[2] >= '0' &&
	       la[2] <= '9';
}

int ehcp_sen2_format(ehcp_sink *out, const ehcp_sen2 *r, const ehcp_sen2_persons *persons,
                     const ehcp_sen2_options *o, size_t *left_out)
{
	if (left_out)
		*left_out = 0;
	if (!out || !r || !persons)
		return ehcp_fail(EHCP_EINVALID, "the return needs a sink, its data and the persons");
	EHCP_OPTIONS_OR_DEFAULTS(ehcp_sen2_options, o, EHCP_SEN2_OPTIONS_INIT, EHCP_SEN2_OPTIONS_VERSION);
	if (!la_code(o->la))
		return ehcp_fail(EHCP_EINVALID, "the return needs the authority's three-digit LA code (--la, or 'ehcp config set la NNN')");
	if (o->spec != EHCP_SEN2_SPEC_2024)
		return ehcp_fail(EHCP_EINVALID, "only the 2024 SEN2 specification is supported");
	size_t missing = 0, written = 0;
	for (size_t i = 0; i < r->nchildren; i++)
		if (!ehcp_sen2_persons_find(persons, r->children[i].child_ref))
			missing++;
	if (missing && !o->allow_incomplete) {
		ehcp_fail(EHCP_EINVALID, "%zu child%s in the return %s no row in the persons file; nothing was written:", missing,
		          missing == 1 ? "" : "ren", missing == 1 ? "has" : "have");
		for (size_t i = 0; i < r->nchildren; i++)
			if (!ehcp_sen2_persons_find(persons, r->children[i].child_ref))
				ehcp_error_append("%s", r->children[i].child_ref);
		return EHCP_EINVALID;
	}
	if (r->nchildren == missing)
		return ehcp_fail(EHCP_EINVALID, "there is no child to return (the schema needs at least one Person)");
	xw w = {ehcp_sink_stream(out), 0};
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", w.f);
	open_el(&w, "Message");
	open_el(&w, "Header");
	open_el(&w, "CollectionDetails");
	item(&w, "Collection", "SEN2");
	char year[16];
	snprintf(year, sizeof year, "%d", r->year + 1);
	item(&w, "Year", year);
	date_item(&w, "ReferenceDate", r->reference_date);
	close_el(&w, "CollectionDetails");
	open_el(&w, "Source");
	item(&w, "SourceLevel", "L");
	item(&w, "LEA", o->la);
	item(&w, "SoftwareCode", "ehcp");
	item(&w, "Release", o->release && *o->release ? o->release : "unknown");
	/* Required by the schema, whose copy does not say what they mean; as
	 * DfE's own sample file gives them. */
	item(&w, "DMO", "Y");
	item(&w, "DCO", "Y");
	close_el(&w, "Source");
	close_el(&w, "Header");
	open_el(&w, "Persons");
	for (size_t i = 0; i < r->nchildren; i++) {
		const ehcp_sen2_person *p = ehcp_sen2_persons_find(persons, r->children[i].child_ref);
		if (!p)
			continue;
		person(&w, &r->children[i], p);
		written++;
	}
	close_el(&w, "Persons");
	close_el(&w, "Message");
	int err = ehcp_sink_flush(out, "the SEN2 return");
	if (err < 0)
		return err;
	if (left_out)
		*left_out = missing;
	return 0;
}

int ehcp_sen2_findings_format(ehcp_sink *out, const ehcp_sen2_findings *f)
{
	if (!out || !f)
		return ehcp_fail(EHCP_EINVALID, "the findings need a sink and themselves");
	FILE *s = ehcp_sink_stream(out);
	for (size_t i = 0; i < f->n; i++) {
		const ehcp_sen2_finding *x = &f->items[i];
		fprintf(s, "%s %s %s: %s\n", x->severity == EHCP_SEN2_ERROR ? "error" : "query", x->code, x->item, x->message);
	}
	fprintf(s, "%zu error%s, %zu quer%s\n", f->errors, f->errors == 1 ? "" : "s", f->queries,
	        f->queries == 1 ? "y" : "ies");
	return ehcp_sink_flush(out, "the SEN2 checks");
}
