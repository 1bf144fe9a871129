#ifndef EHCP_CASE_H
#define EHCP_CASE_H

/*
 * Requests for an EHC needs assessment in the case store: create one,
 * record, correct or clear its milestones, record an exception, close it,
 * fetch it with its deadlines and status, list cases, read its history.
 *
 * Fields are named as the tracker CSV names its columns
 * (shared/docs/tracker-csv.md), plus exception_note.  Every write runs in
 * one transaction, takes the case's row lock, applies the change, checks
 * the whole case with the clock's consistency checks and writes it back; a
 * refused change leaves the case as it was and the last error lists every
 * problem, one per line, each naming its field.  A write may name the
 * version it expects (as shown by ehcp_case_lookup); if the case changed
 * meanwhile it is refused with EHCP_ECONFLICT, never silently overwritten.
 *
 * Cases handed back through out-parameters belong to the caller, who frees
 * them with ehcp_case_free() (lists with ehcp_case_list_free(), histories
 * with ehcp_history_free()).
 */

#include <stddef.h>

#include "ehcp/clock.h"
#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/format.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Lengths in characters (UTF-8 may take up to 4 bytes each). */
#define EHCP_REF_MAX 100
#define EHCP_CASEWORKER_MAX 200
#define EHCP_NOTE_MAX 2000

typedef struct ehcp_case {
	char id[37];                               /* UUID, text form */
	char case_ref[4 * EHCP_REF_MAX + 1];
	char child_ref[4 * EHCP_REF_MAX + 1];      /* "" when not known */
	char caseworker[4 * EHCP_CASEWORKER_MAX + 1];
	ehcp_date date_of_birth;
	ehcp_case_dates dates;
	char *exception_note;                      /* NULL when none */
	int version;                               /* bumped by every change */
	/* Filled by ehcp_case_lookup() for its `on` date: */
	ehcp_date on;
	ehcp_deadline deadlines[EHCP_DEADLINE_COUNT];
	ehcp_clock_view view;
} ehcp_case;

/* A new, empty case (every date absent) for the caller to fill. */
EHCP_WARN_UNUSED int ehcp_case_new(ehcp_case **out);
void ehcp_case_free(ehcp_case *c);

/* ---- fields by name ---- */

/* The fields in tracker CSV order (NULL-terminated); exception_note last. */
extern const char *const ehcp_case_fields[];
/* Index of a field name, or -1. */
int ehcp_case_field_index(const char *name);
/* Number of fields that are tracker CSV columns (all but exception_note). */
#define EHCP_CASE_CSV_FIELDS 28

/* Fields that identify a child (child_ref, date_of_birth): shown only to
 * whoever asks for them. */
bool ehcp_case_field_identifies_child(const char *field);

/* A milestone as people name it and the fields it sets: "decision" sets
 * assessment_decision and assessment_decision_date, "final" sets
 * final_plan_date, and any field name sets that field. */
typedef struct ehcp_milestone {
	const char *name;
	const char *fields[2];   /* a code then its date, or one field (fields[1] NULL) */
	bool second_optional;    /* the exception's note may be left out */
} ehcp_milestone;
/* EHCP_EINVALID, naming it, for a milestone that is not one. */
EHCP_WARN_UNUSED int ehcp_milestone_lookup(ehcp_milestone *out, const char *name);

/* Set a field from its text ("" clears it).  EHCP_EINVALID with the reason,
 * naming the field, for a bad date, an unknown code or a bad text. */
EHCP_WARN_UNUSED int ehcp_case_set_field(ehcp_case *c, const char *field, const char *value, size_t len);
/* The field as text (dates ISO); "" when absent.  buf holds at least
 * EHCP_FIELD_TEXT_MAX bytes; the note may be longer and is returned as is. */
#define EHCP_FIELD_TEXT_MAX (4 * EHCP_CASEWORKER_MAX + 1)
const char *ehcp_case_get_field(const ehcp_case *c, const char *field, char *buf);

/* Every problem with the case as a whole (each line "field: reason"), in
 * the last error; 0 when it is consistent.  `today` rejects the future. */
EHCP_WARN_UNUSED int ehcp_case_validate(const ehcp_case *c, ehcp_date today);

/* ---- writes ---- */

typedef struct ehcp_write_options {
	unsigned int version;
	int expected_version;  /* 0: whatever the case's version is now */
	ehcp_date today;       /* EHCP_DATE_NONE: the machine's date */
} ehcp_write_options;

#define EHCP_WRITE_OPTIONS_VERSION 1
#define EHCP_WRITE_OPTIONS_INIT {EHCP_WRITE_OPTIONS_VERSION, 0, EHCP_DATE_NONE}
/* Fills *opts with the defaults; EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_write_options_init(ehcp_write_options *opts, unsigned int version);

/* Store a new case; its id is made here.  EHCP_ECONFLICT if case_ref
 * exists.  *out (may be NULL) receives the stored case. */
EHCP_WARN_UNUSED int ehcp_case_create(ehcp_case **out, ehcp_store *s, const ehcp_case *c, const ehcp_write_options *opts);

typedef enum ehcp_change_mode {
	EHCP_CHANGE_RECORD = 0,  /* the field must be empty */
	EHCP_CHANGE_CORRECT,     /* the field must have a value */
	EHCP_CHANGE_CLEAR,       /* remove the value */
	EHCP_CHANGE_SET          /* whatever was there */
} ehcp_change_mode;

typedef struct ehcp_change {
	const char *field;
	const char *value;       /* ignored for CLEAR */
	ehcp_change_mode mode;
} ehcp_change;

/* Apply several changes to one case at once (a decision and its date, say). */
EHCP_WARN_UNUSED int ehcp_case_apply(ehcp_store *s, const char *case_ref, const ehcp_change *changes, size_t n,
                    const ehcp_write_options *opts);

EHCP_WARN_UNUSED int ehcp_case_record(ehcp_store *s, const char *case_ref, const char *field, const char *value,
                     const ehcp_write_options *opts);
EHCP_WARN_UNUSED int ehcp_case_correct(ehcp_store *s, const char *case_ref, const char *field, const char *value,
                      const ehcp_write_options *opts);
EHCP_WARN_UNUSED int ehcp_case_clear(ehcp_store *s, const char *case_ref, const char *field, const ehcp_write_options *opts);
/* Record (or, with EHCP_EXCEPTION_NONE, remove) the case's exception and note. */
EHCP_WARN_UNUSED int ehcp_case_set_exception(ehcp_store *s, const char *case_ref, ehcp_exception e, const char *note,
                            const ehcp_write_options *opts);
/* End the request without a plan. */
EHCP_WARN_UNUSED int ehcp_case_close(ehcp_store *s, const char *case_ref, ehcp_date date, ehcp_closed_reason reason,
                    const ehcp_write_options *opts);

/* ---- reads ---- */

/* One case, with its deadlines and its status on `on`.  EHCP_ENOTFOUND if
 * there is no such case_ref. */
EHCP_WARN_UNUSED int ehcp_case_lookup(ehcp_case **out, ehcp_store *s, const char *case_ref, ehcp_date on);

typedef struct ehcp_case_filter {
	unsigned int version;
	const char *caseworker;   /* NULL: anyone */
	bool open_only;           /* no final plan, not ended */
	ehcp_date received_from;  /* request_date bounds, inclusive; NONE: open */
	ehcp_date received_to;
} ehcp_case_filter;

#define EHCP_CASE_FILTER_VERSION 1
#define EHCP_CASE_FILTER_INIT {EHCP_CASE_FILTER_VERSION, NULL, false, EHCP_DATE_NONE, EHCP_DATE_NONE}
/* Fills *f with the defaults (every case); EHCP_EINVALID for another version. */
EHCP_WARN_UNUSED int ehcp_case_filter_init(ehcp_case_filter *f, unsigned int version);

typedef struct ehcp_case_list {
	ehcp_date on;             /* the day the statuses are for */
	size_t count;
	ehcp_case **cases;
} ehcp_case_list;

/* Cases matching the filter, by case_ref, with status on `on`. */
EHCP_WARN_UNUSED int ehcp_case_list_get(ehcp_case_list **out, ehcp_store *s, const ehcp_case_filter *f, ehcp_date on);
void ehcp_case_list_free(ehcp_case_list *l);

typedef struct ehcp_history_entry {
	char at[40];          /* timestamp, ISO 8601 with offset */
	char *db_role;
	char *app_user;       /* NULL when none was given */
	char *action;         /* created, recorded, corrected, cleared */
	char *field;          /* NULL for created */
	char *old_value;      /* NULL when there was none */
	char *new_value;
} ehcp_history_entry;

typedef struct ehcp_history {
	size_t count;
	ehcp_history_entry *entries;
} ehcp_history;

/* The case's history, oldest first. */
EHCP_WARN_UNUSED int ehcp_case_history(ehcp_history **out, ehcp_store *s, const char *case_ref);
void ehcp_history_free(ehcp_history *h);

/* ---- for people ---- */

/* A case as `ehcp case show` prints it, on the day it was looked up for:
 * status, milestones, every deadline with days left, and the warning when
 * a final plan cut the family's 15 days short.  The child's reference and
 * date of birth only with show_child. */
EHCP_WARN_UNUSED int ehcp_case_format(ehcp_sink *out, const ehcp_case *c, bool show_child);
/* The history as a table; a child's details "(hidden)" unless show_child. */
EHCP_WARN_UNUSED int ehcp_history_format(ehcp_sink *out, const ehcp_history *h, bool show_child);
/* The case (as looked up, with its deadlines on its `on` day) and its
 * history (may be NULL) as one JSON object, for programs; the child's
 * details never (as `case show` and `case history` without --show-child). */
EHCP_WARN_UNUSED int ehcp_case_format_json(ehcp_sink *out, const ehcp_case *c, const ehcp_history *h);

/* The changes that `case record|correct|clear REF MILESTONE VALUE [VALUE2]`
 * makes (a code and its date, or one value; a note that may be left
 * out), into ch[0..*n); `values` are the VALUEs given (nvalues of them).
 * EHCP_EINVALID with the command's message ("case record decision takes
 * a code and a date") otherwise. */
EHCP_WARN_UNUSED int ehcp_milestone_changes(ehcp_change ch[2], size_t *n, const ehcp_milestone *m, ehcp_change_mode mode,
                                            const char *const *values, int nvalues);

#ifdef __cplusplus
}
#endif

#endif
