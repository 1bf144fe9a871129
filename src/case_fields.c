/* A case's fields by name: parsing and printing each as the tracker CSV
 * writes it, and checking the whole case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "case_internal.h"
#include "errors_internal.h"
#include "text.h"

const char *const ehcp_case_fields[] = {
    "case_ref", "child_ref", "date_of_birth", "caseworker", "request_type", "request_date",
    "assessment_decision", "assessment_decision_date",
    "health_advice_requested", "health_advice_received", "health_advice_exception",
    "social_care_advice_requested", "social_care_advice_received", "social_care_advice_exception",
    "ep_advice_requested", "ep_advice_received", "ep_advice_exception",
    "plan_decision", "plan_decision_date", "draft_plan_date", "final_plan_date",
    "exception", "closed_date", "closed_reason",
    "exception_note", NULL};

enum {
	F_CASE_REF, F_CHILD_REF, F_DOB, F_CASEWORKER, F_REQUEST_TYPE, F_REQUEST_DATE,
	F_DECISION, F_DECISION_DATE,
	F_ADVICE, /* requested, received, exception for each of three bodies: 8..16 */
	F_PLAN = F_ADVICE + 9, F_PLAN_DATE, F_DRAFT, F_FINAL,
	F_EXCEPTION, F_CLOSED, F_CLOSED_REASON,
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
	default:
		if (f >= F_ADVICE && f < F_ADVICE + 9 && (f - F_ADVICE) % 3 != 2) {
			ehcp_advice *a = &c->dates.advice[(f - F_ADVICE) / 3];
			return (f - F_ADVICE) % 3 == 0 ? &a->requested : &a->received;
		}
		return NULL;
	}
}

static int set_text(char *dst, size_t cap, const char *field, const char *v, size_t len, size_t max_chars)
{
	char why[96];
	if (ehcp_text_check(v, len, max_chars, why, sizeof why) < 0)
		return ehcp_fail(EHCP_EINVALID, "%s: %s", field, why);
	if (len >= cap)
		return ehcp_fail(EHCP_EINVALID, "%s: longer than %zu characters", field, max_chars);
	memcpy(dst, v, len);
	dst[len] = '\0';
	return 0;
}

static int bad_code(const char *field, const char *v, size_t len, const char *allowed)
{
	char shown[48];
	ehcp_text_shown(shown, sizeof shown, v, len);
	return ehcp_fail(EHCP_EINVALID, "%s: \"%s\" is not one of %s", field, shown, allowed);
}

/* Parse a code among `names`; 0 and the index, or -1. */
static int code_index(const char *v, size_t len, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == len && memcmp(v, names[i], len) == 0)
			return i;
	return -1;
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

	static const char *const types[] = {"initial", "reassessment", "transfer_in", NULL};
	static const char *const decisions[] = {"assess", "refuse", NULL};
	static const char *const plans[] = {"issue", "not_issue", NULL};
	static const char *const case_exc[] = {"setting_closure", "personal_circumstances", "absent_from_area", "coronavirus", NULL};
	static const char *const advice_exc[] = {"personal_circumstances", "absent_from_area", "missed_appointment", NULL};
	static const char *const reasons[] = {"withdrawn", "moved_away", "other", NULL};
	int i;

	switch (f) {
	case F_CASE_REF:
		if (len == 0)
			return ehcp_fail(EHCP_EINVALID, "case_ref: required");
		return set_text(c->case_ref, sizeof c->case_ref, field, v, len, EHCP_REF_MAX);
	case F_CHILD_REF:
		return set_text(c->child_ref, sizeof c->child_ref, field, v, len, EHCP_REF_MAX);
	case F_CASEWORKER:
		return set_text(c->caseworker, sizeof c->caseworker, field, v, len, EHCP_CASEWORKER_MAX);
	case F_REQUEST_TYPE:
		if (len == 0) {
			c->dates.type = EHCP_REQUEST_INITIAL;
			return 0;
		}
		if ((i = code_index(v, len, types)) < 0)
			return bad_code(field, v, len, "initial, reassessment, transfer_in");
		c->dates.type = (ehcp_request_type)i;
		return 0;
	case F_DECISION:
		if (len == 0) {
			c->dates.decision = EHCP_ASSESS_NONE;
			return 0;
		}
		if ((i = code_index(v, len, decisions)) < 0)
			return bad_code(field, v, len, "assess, refuse");
		c->dates.decision = (ehcp_assess_decision)(i + 1);
		return 0;
	case F_PLAN:
		if (len == 0) {
			c->dates.plan_decision = EHCP_PLAN_NONE;
			return 0;
		}
		if ((i = code_index(v, len, plans)) < 0)
			return bad_code(field, v, len, "issue, not_issue");
		c->dates.plan_decision = (ehcp_plan_decision)(i + 1);
		return 0;
	case F_EXCEPTION:
		if (len == 0) {
			c->dates.exception = EHCP_EXCEPTION_NONE;
			return 0;
		}
		if (code_index(v, len, case_exc) < 0)
			return bad_code(field, v, len, "setting_closure, personal_circumstances, absent_from_area, coronavirus");
		break;
	case F_CLOSED_REASON:
		if (len == 0) {
			c->dates.closed_reason = EHCP_CLOSED_NONE;
			return 0;
		}
		if ((i = code_index(v, len, reasons)) < 0)
			return bad_code(field, v, len, "withdrawn, moved_away, other");
		c->dates.closed_reason = (ehcp_closed_reason)(i + 1);
		return 0;
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
	default: /* an advice exception */
		if (len == 0) {
			c->dates.advice[(f - F_ADVICE) / 3].exception = EHCP_EXCEPTION_NONE;
			return 0;
		}
		if (code_index(v, len, advice_exc) < 0)
			return bad_code(field, v, len, "personal_circumstances, absent_from_area, missed_appointment");
		break;
	}
	/* Exceptions: one list of codes for both kinds. */
	char code[32];
	memcpy(code, v, len);
	code[len] = '\0';
	ehcp_exception e;
	ehcp_exception_parse(&e, code);
	if (f == F_EXCEPTION)
		c->dates.exception = e;
	else
		c->dates.advice[(f - F_ADVICE) / 3].exception = e;
	return 0;
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

ehcp_date ehcp_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return ehcp_date_from_ymd_unchecked(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
