/* A case's fields by name: parsing and printing each as the tracker CSV
 * writes it, and checking the whole case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_internal.h"
#include "core/errors_internal.h"
#include "core/text.h"

const char *const ehcp_case_fields[] = {
    "case_ref", "child_ref", "date_of_birth", "caseworker", "request_type", "request_date",
    "assessment_decision", "assessment_decision_date",
    "health_advice_requested", "health_advice_received", "health_advice_exception",
    "social_care_advice_requested", "social_care_advice_received", "social_care_advice_exception",
    "ep_advice_requested", "ep_advice_received", "ep_advice_exception",
    "plan_decision", "plan_decision_date", "draft_plan_date", "final_plan_date",
    "exception", "closed_date", "closed_reason",
    "mediation_date", "tribunal_appeal_date", "tribunal_outcome", "tribunal_outcome_date",
    "exception_note", NULL};

enum {
	F_CASE_REF, F_CHILD_REF, F_DOB, F_CASEWORKER, F_REQUEST_TYPE, F_REQUEST_DATE,
	F_DECISION, F_DECISION_DATE,
	F_ADVICE, /* requested, received, exception for each of three bodies: 8..16 */
	F_PLAN = F_ADVICE + 9, F_PLAN_DATE, F_DRAFT, F_FINAL,
	F_EXCEPTION, F_CLOSED, F_CLOSED_REASON,
	F_MEDIATION, F_APPEAL, F_TRIBUNAL, F_TRIBUNAL_DATE,
	F_NOTE, F_COUNT
};

int ehcp_case_field_index(const char *name)
{
	for (int i = 0; ehcp_case_fields[i]; i++)
		if (strcmp(name, ehcp_case_fields[i]) == 0)
			return i;
	return -1;
}

int ehcp_case_new(ehcp_case **out)
{
	ehcp_case *c = calloc(1, sizeof *c);
	if (!c)
		return ehcp_fail(EHCP_ENOMEM, "out of memory");
	ehcp_case_dates init = EHCP_CASE_DATES_INIT;
	c->dates = init;
	c->date_of_birth = EHCP_DATE_NONE;
	*out = c;
	return 0;
}

void ehcp_case_free(ehcp_case *c)
{
	if (!c)
		return;
	free(c->exception_note);
	free(c);
}

static ehcp_date *date_slot(ehcp_case *c, int f)
{
	switch (f) {
	case F_DOB: return &c->date_of_birth;
	case F_REQUEST_DATE: return &c->dates.request;
	case F_DECISION_DATE: return &c->dates.decision_date;
	case F_PLAN_DATE: return &c->dates.plan_decision_date;
	case F_DRAFT: return &c->dates.draft;
	case F_FINAL: return &c->dates.final;
	case F_CLOSED: return &c->dates.closed;
	case F_MEDIATION: return &c->dates.mediation;
	case F_APPEAL: return &c->dates.tribunal_appeal;
	case F_TRIBUNAL_DATE: return &c->dates.tribunal_outcome_date;
	default:
		if (f >= F_ADVICE && f < F_ADVICE + 9 && (f - F_ADVICE) % 3 != 2) {
			ehcp_advice *a = &c->dates.advice[(f - F_ADVICE) / 3];
			return (f - F_ADVICE) % 3 == 0 ? &a->requested : &a->received;
		}
		return NULL;
	}
}

int ehcp_case_set_field(ehcp_case *c, const char *field, const char *v0, size_t len0)
{
	int f = ehcp_case_field_index(field);
	if (f < 0)
		return ehcp_fail(EHCP_EINVALID, "unknown field \"%s\"", field);
	return ehcp_case_set_field_at(c, f, v0, len0);
}

int ehcp_case_set_field_at(ehcp_case *c, int f, const char *v0, size_t len0)
{
	const char *field = ehcp_case_fields[f];
	/* Spreadsheet cells often carry stray spaces around a value. */
	const char *v = v0;
	size_t len = len0;
	ehcp_text_trim(&v, &len);

	ehcp_date *d = date_slot(c, f);
	if (d) {
		if (len == 0) {
			*d = EHCP_DATE_NONE;
			return 0;
		}
		char why[160];
		if (ehcp_date_parse(d, v, len, why, sizeof why) < 0)
			return ehcp_fail(EHCP_EINVALID, "%s: %s", field, why);
		return 0;
	}

	switch (f) {
	case F_CASE_REF:
		if (len == 0)
			return ehcp_fail(EHCP_EINVALID, "case_ref: required");
		return ehcp_text_set_field(c->case_ref, sizeof c->case_ref, field, v, len, EHCP_REF_MAX);
	case F_CHILD_REF:
		return ehcp_text_set_field(c->child_ref, sizeof c->child_ref, field, v, len, EHCP_REF_MAX);
	case F_CASEWORKER:
		return ehcp_text_set_field(c->caseworker, sizeof c->caseworker, field, v, len, EHCP_CASEWORKER_MAX);
	case F_NOTE: {
		char why[96];
		if (len > 0 && ehcp_text_check(v, len, EHCP_NOTE_MAX, why, sizeof why) < 0)
			return ehcp_fail(EHCP_EINVALID, "%s: %s", field, why);
		char *note = NULL;
		if (len > 0) {
			note = malloc(len + 1);
			if (!note)
				return ehcp_fail(EHCP_ENOMEM, "out of memory");
			memcpy(note, v, len);
			note[len] = '\0';
		}
		free(c->exception_note);
		c->exception_note = note;
		return 0;
	}
	default:
		break;
	}

	/* A code: parsed by the clock's own tables (an empty cell is none). */
	char code[32];
	size_t n = len < sizeof code ? len : sizeof code - 1; /* longer than any code: refused below */
	memcpy(code, v, n);
	code[n] = '\0';
	int rc = EHCP_EINVALID;
	const char *allowed = "";
	ehcp_exception e = EHCP_EXCEPTION_NONE;
	switch (f) {
	case F_REQUEST_TYPE:
		rc = ehcp_request_type_parse(&c->dates.type, code);
		allowed = ehcp_request_type_list();
		break;
	case F_DECISION:
		rc = ehcp_assess_decision_parse(&c->dates.decision, code);
		allowed = ehcp_assess_decision_list();
		break;
	case F_PLAN:
		rc = ehcp_plan_decision_parse(&c->dates.plan_decision, code);
		allowed = ehcp_plan_decision_list();
		break;
	case F_CLOSED_REASON:
		rc = ehcp_closed_reason_parse(&c->dates.closed_reason, code);
		allowed = ehcp_closed_reason_list();
		break;
	case F_TRIBUNAL:
		rc = ehcp_tribunal_outcome_parse(&c->dates.tribunal_outcome, code);
		allowed = ehcp_tribunal_outcome_list();
		break;
	case F_EXCEPTION:
		allowed = ehcp_case_exception_list();
		if ((rc = ehcp_exception_parse(&e, code)) == 0 && (e == EHCP_EXCEPTION_NONE || ehcp_exception_valid_for_case(e)))
			c->dates.exception = e;
		else
			rc = EHCP_EINVALID;
		break;
	default: /* an advice exception */
		allowed = ehcp_advice_exception_list();
		if ((rc = ehcp_exception_parse(&e, code)) == 0 && (e == EHCP_EXCEPTION_NONE || ehcp_exception_valid_for_advice(e)))
			c->dates.advice[(f - F_ADVICE) / 3].exception = e;
		else
			rc = EHCP_EINVALID;
		break;
	}
	return rc == 0 && n == len ? 0 : ehcp_text_bad_code(field, v, len, allowed);
}

const char *ehcp_case_get_field(const ehcp_case *c, const char *field, char *buf)
{
	int f = ehcp_case_field_index(field);
	buf[0] = '\0';
	return f < 0 ? buf : ehcp_case_get_field_at(c, f, buf);
}

const char *ehcp_case_get_field_at(const ehcp_case *c, int f, char *buf)
{
	buf[0] = '\0';
	ehcp_date *d = date_slot((ehcp_case *)c, f);
	if (d)
		return ehcp_date_format_iso(buf, *d);
	switch (f) {
	case F_CASE_REF: return c->case_ref;
	case F_CHILD_REF: return c->child_ref;
	case F_CASEWORKER: return c->caseworker;
	case F_REQUEST_TYPE: return ehcp_request_type_name(c->dates.type);
	case F_DECISION: return ehcp_assess_decision_name(c->dates.decision);
	case F_PLAN: return ehcp_plan_decision_name(c->dates.plan_decision);
	case F_EXCEPTION: return ehcp_exception_name(c->dates.exception);
	case F_CLOSED_REASON: return ehcp_closed_reason_name(c->dates.closed_reason);
	case F_TRIBUNAL: return ehcp_tribunal_outcome_name(c->dates.tribunal_outcome);
	case F_NOTE: return c->exception_note ? c->exception_note : "";
	default: return ehcp_exception_name(c->dates.advice[(f - F_ADVICE) / 3].exception);
	}
}

static void add_problem(ehcp_problem *out, size_t max, size_t *n, const char *field, const char *msg)
{
	if (*n < max) {
		out[*n].field = field;
		snprintf(out[*n].message, sizeof out[*n].message, "%s", msg);
	}
	(*n)++;
}

size_t ehcp_case_problems(ehcp_problem *out, size_t max, const ehcp_case *c, ehcp_date today)
{
	size_t n = 0;
	if (c->case_ref[0] == '\0')
		add_problem(out, max, &n, "case_ref", "case_ref is required");
	size_t clock = ehcp_clock_check(n < max ? out + n : out, n < max ? max - n : 0, &c->dates, today);
	n += clock;
	if (c->date_of_birth != EHCP_DATE_NONE && c->dates.request != EHCP_DATE_NONE &&
	    c->date_of_birth > c->dates.request)
		add_problem(out, max, &n, "date_of_birth", "date_of_birth is after request_date");
	if (c->exception_note && c->dates.exception == EHCP_EXCEPTION_NONE)
		add_problem(out, max, &n, "exception_note", "exception_note is recorded without an exception");
	return n;
}

int ehcp_case_validate(const ehcp_case *c, ehcp_date today)
{
	ehcp_problem p[32];
	size_t n = ehcp_case_problems(p, 32, c, today);
	for (size_t i = 0; i < n && i < 32; i++) {
		if (i == 0)
			ehcp_fail(EHCP_EINVALID, "%s", p[i].message);
		else
			ehcp_error_append("%s", p[i].message);
	}
	return n ? EHCP_EINVALID : 0;
}

void ehcp_case_reset(ehcp_case *c)
{
	free(c->exception_note);
	memset(c, 0, sizeof *c);
	ehcp_case_dates init = EHCP_CASE_DATES_INIT;
	c->dates = init;
	c->date_of_birth = EHCP_DATE_NONE;
}


bool ehcp_case_field_identifies_child(const char *f)
{
	return f && (strcmp(f, "child_ref") == 0 || strcmp(f, "date_of_birth") == 0);
}

static const ehcp_milestone milestones[] = {
    {"decision", {"assessment_decision", "assessment_decision_date"}, false},
    {"plan_decision", {"plan_decision", "plan_decision_date"}, false},
    {"closed", {"closed_reason", "closed_date"}, false},
    {"exception", {"exception", "exception_note"}, true},
    {"draft", {"draft_plan_date", NULL}, false},
    {"final", {"final_plan_date", NULL}, false},
    {"mediation", {"mediation_date", NULL}, false},
    {"appeal", {"tribunal_appeal_date", NULL}, false},
    {"tribunal", {"tribunal_outcome", "tribunal_outcome_date"}, false},
};

int ehcp_milestone_lookup(ehcp_milestone *out, const char *name)
{
	for (size_t i = 0; i < sizeof milestones / sizeof milestones[0]; i++)
		if (strcmp(milestones[i].name, name) == 0) {
			*out = milestones[i];
			return 0;
		}
	int f = ehcp_case_field_index(name);
	if (f < 0)
		return ehcp_fail(EHCP_EINVALID, "unknown milestone \"%s\"", name);
	*out = (ehcp_milestone){ehcp_case_fields[f], {ehcp_case_fields[f], NULL}, false};
	return 0;
}

int ehcp_milestone_changes(ehcp_change ch[2], size_t *n, const ehcp_milestone *m, ehcp_change_mode mode,
                           const char *const *values, int nvalues)
{
	const char *verb = mode == EHCP_CHANGE_RECORD ? "record" : mode == EHCP_CHANGE_CORRECT ? "correct" : "clear";
	bool pair = m->fields[1] != NULL;
	bool note_optional = m->second_optional;
	*n = 0;
	if (mode == EHCP_CHANGE_CLEAR) {
		if (nvalues != 0)
			return ehcp_fail(EHCP_EINVALID, "case clear takes a milestone and no value");
		ch[(*n)++] = (ehcp_change){m->fields[0], NULL, EHCP_CHANGE_CLEAR};
		if (pair)
			ch[(*n)++] = (ehcp_change){m->fields[1], NULL, EHCP_CHANGE_CLEAR};
		return 0;
	}
	int want = pair && !note_optional ? 2 : 1;
	if (nvalues != want && !(note_optional && nvalues == 2))
		return ehcp_fail(EHCP_EINVALID, "case %s %s takes %s", verb, m->name,
		                 pair && !note_optional ? "a code and a date"
		                 : note_optional        ? "a code and an optional note"
		                                        : "one value");
	ch[(*n)++] = (ehcp_change){m->fields[0], values[0], mode};
	if (pair)
		/* the note is set whatever was there, so that it goes with its exception */
		ch[(*n)++] = (ehcp_change){m->fields[1], nvalues == 2 ? values[1] : "", note_optional ? EHCP_CHANGE_SET : mode};
	return 0;
}
