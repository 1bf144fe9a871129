#ifndef EHCP_SEN2_H
#define EHCP_SEN2_H

/*
 * The SEN2 return: the person-level XML a council sends to DfE through
 * COLLECT (schema: tests/data/sen2/SEN2_schema_2024_subset.xsd, after DfE's
 * 2024 schema).  ehcp holds the requests, assessments, plans and reviews;
 * the person items (names, sex, ethnicity, postcode, UPN) and, where the
 * council has them, placements and needs come from a persons file the
 * council exports from its own system, which is read, joined in memory and
 * never written to the database or a log.
 *
 *   ehcp_sen2_fetch()          what the return needs per child, from the store
 *   ehcp_sen2_persons_read()   the persons CSV (columns: README, "SEN2")
 *   ehcp_sen2_check()          the checks COLLECT would otherwise query
 *   ehcp_sen2_format()         the XML, to a sink
 *
 * The return covers one calendar year (`year`, as `ehcp report sen2
 * --year`) seen as it stood on its last day: milestones after 31 December
 * are not in it.  DfE names a return by the year it is collected in, the
 * next one: the Header's Year is year + 1 and its ReferenceDate DfE's
 * census day in that January (DfE's 2024 sample: Year 2024, reference date
 * 2024-01-18, requests of 2023).  Everything handed back is plain data the
 * caller frees with its *_free(); person data is wiped when freed.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ehcp/case.h"
#include "ehcp/common.h"
#include "ehcp/date.h"
#include "ehcp/plan.h"
#include "ehcp/sink.h"
#include "ehcp/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The specifications the return can follow.  Only 2024's is published
 * where this project could read and cite it. */
typedef enum ehcp_sen2_spec { EHCP_SEN2_SPEC_2024 = 2024 } ehcp_sen2_spec;

typedef struct ehcp_sen2_options {
	unsigned int version;
	int year;                  /* the calendar year covered; required */
	char la[4];                /* the authority's three-digit code; required to format */
	ehcp_sen2_spec spec;
	bool allow_incomplete;     /* format without the children who have no person row */
	const char *release;       /* the Header's Release: the program's version (NULL: the library's) */
} ehcp_sen2_options;

#define EHCP_SEN2_OPTIONS_VERSION 1
#define EHCP_SEN2_OPTIONS_INIT {EHCP_SEN2_OPTIONS_VERSION, 0, "", EHCP_SEN2_SPEC_2024, false, NULL}

EHCP_WARN_UNUSED int ehcp_sen2_options_init(ehcp_sen2_options *opts, unsigned int version);

/* "2024"; EHCP_EINVALID for a specification not supported. */
EHCP_WARN_UNUSED int ehcp_sen2_spec_parse(ehcp_sen2_spec *out, const char *s);

/* One Requests element: a request, or (outcome 'H') a plan whose request
 * is not in the return.  Codes are SEN2's: outcomes Y N A W H, review
 * outcome A C M, '\0' when absent. */
typedef struct ehcp_sen2_request {
	char case_ref[4 * EHCP_REF_MAX + 1];   /* "" for an 'H' plan */
	char plan_ref[4 * EHCP_REF_MAX + 1];   /* "" when no plan */
	ehcp_date tracker_birth;               /* the tracker's or register's date of birth */
	ehcp_date received;                    /* ReceivedDate (NONE for 'H') */
	char request_outcome;
	ehcp_date request_outcome_date;
	bool request_mediation, request_tribunal;
	bool moved_away;                       /* ended as the child moved away: Exported */
	bool assessment;                       /* has an Assessment */
	char assessment_outcome;
	ehcp_date assessment_outcome_date;
	bool assessment_mediation, assessment_tribunal;
	bool week20;                           /* an exception applies */
	bool named_plan;                       /* has a NamedPlan */
	ehcp_date plan_start, cease_date;
	ehcp_cease_reason cease_reason;
	bool active;                           /* has ActivePlans: maintained on the last day */
	bool transferred_in;                   /* reg 15: TransferLA */
	ehcp_date review_meeting;              /* the last review meeting in the year */
	char review_outcome;                   /* its decision, if made */
	ehcp_date last_review;                 /* the last review meeting ever */
} ehcp_sen2_request;

typedef struct ehcp_sen2_child {
	char child_ref[4 * EHCP_REF_MAX + 1];
	size_t nrequests;
	ehcp_sen2_request *requests;           /* by received date, then case_ref; 'H' last */
} ehcp_sen2_child;

typedef struct ehcp_sen2 {
	int year;
	ehcp_date from, to;                    /* 1 January and 31 December of year */
	ehcp_date reference_date;              /* DfE's census day of the next January */
	size_t nchildren;
	ehcp_sen2_child *children;             /* by child_ref (bytewise) */
	/* Requests and plans in the return's scope with no child_ref, which
	 * cannot be returned (case_ref or plan_ref each). */
	size_t nunreferenced;
	char **unreferenced;
} ehcp_sen2;

/* Reads what the return needs: every initial or transfer_in request
 * received by the year's end and not ended before it began (a
 * re-assessment is not an SEN2 request; SEN2 counts new plans, as
 * `ehcp report sen2` does), and every plan maintained on its last day or
 * ceased in it.  opts->year is required. */
EHCP_WARN_UNUSED int ehcp_sen2_fetch(ehcp_sen2 **out, ehcp_store *s, const ehcp_sen2_options *opts);
void ehcp_sen2_free(ehcp_sen2 *r);

/* A new, empty return for `year`, for the caller (a test) to fill with
 * ehcp_sen2_add(). */
EHCP_WARN_UNUSED int ehcp_sen2_new(ehcp_sen2 **out, int year);
/* Adds a request to the child (made if new), keeping the orders above. */
EHCP_WARN_UNUSED int ehcp_sen2_add(ehcp_sen2 *r, const char *child_ref, const ehcp_sen2_request *req);

/* DfE's census day for a collection year: the third Thursday of January
 * (2024-01-18, 2025-01-16). */
ehcp_date ehcp_sen2_reference_date(int collection_year);

/* ---- the persons file ---- */

typedef struct ehcp_sen2_placement {
	bool present;                          /* any of its columns given */
	char urn[16], ukprn[16];
	char setting[8];                       /* SENSetting: OLA EHE EYP OPA OTH NEET NIEC NIEO */
	char setting_other[401];
	bool sen_unit, resourced_provision;
	ehcp_date entry, leaving;              /* EntryDate, LeavingDate (NONE when absent) */
	char res[4], wbp[4];                   /* Res A B; WBP A T S; "" absent */
} ehcp_sen2_placement;

typedef struct ehcp_sen2_person {
	char child_ref[4 * EHCP_REF_MAX + 1];
	char surname[401], forename[401];
	ehcp_date birth;
	char sex[8];                           /* M F U */
	char ethnicity[8];
	char postcode[16];
	char upn[16], uln[16], upn_unknown[8];
	char exported_la[8], transfer_la[8];
	ehcp_sen2_placement placements[2];     /* ranks 1 and 2 */
	char sen_need[2][8];                   /* SENtype ranks 1 and 2; "" absent */
	uint64_t line;                         /* where it was in the file */
} ehcp_sen2_person;

typedef struct ehcp_sen2_persons {
	size_t n;
	ehcp_sen2_person *rows;                /* by child_ref (bytewise) */
} ehcp_sen2_persons;

/* Reads a persons CSV (RFC 4180, a header row, columns in any order).  A
 * file with an unknown or missing required column, an empty child_ref or
 * one given twice, a date that is not one, a value too long for its item
 * or with a control character is refused: EHCP_EINVALID with every bad
 * row in the last error, by line and column, never the value itself.
 * Whether a value is valid for its code list or pattern is a check
 * (ehcp_sen2_check), so that one run names every problem.  `name` names
 * the file in messages. */
EHCP_WARN_UNUSED int ehcp_sen2_persons_read(ehcp_sen2_persons **out, FILE *in, const char *name);
void ehcp_sen2_persons_free(ehcp_sen2_persons *p);
const ehcp_sen2_person *ehcp_sen2_persons_find(const ehcp_sen2_persons *p, const char *child_ref);

/* The persons file's columns, in the order the README lists them
 * (NULL-terminated). */
extern const char *const ehcp_sen2_person_columns[];

/* ---- checks ---- */

typedef enum ehcp_sen2_severity { EHCP_SEN2_ERROR = 0, EHCP_SEN2_QUERY } ehcp_sen2_severity;

typedef struct ehcp_sen2_finding {
	char code[8];                          /* "R02", ... (README, "SEN2") */
	ehcp_sen2_severity severity;
	char child_ref[4 * EHCP_REF_MAX + 1];  /* "" for a request with none */
	char item[32];                         /* the SEN2 item, "RequestOutcomeDate" */
	char message[512];                     /* naming the child, the request and the item */
} ehcp_sen2_finding;

typedef struct ehcp_sen2_findings {
	size_t n, errors, queries;
	size_t missing;                        /* children with no person row */
	ehcp_sen2_finding *items;              /* by child_ref, then as found */
} ehcp_sen2_findings;

/* Every check on the return joined with the persons (which may be NULL:
 * then only the return's own checks, and no child is missing).  Pure:
 * no store, no clock but the return's own dates. */
EHCP_WARN_UNUSED int ehcp_sen2_check(ehcp_sen2_findings **out, const ehcp_sen2 *r, const ehcp_sen2_persons *p);
void ehcp_sen2_findings_free(ehcp_sen2_findings *f);

/* One line per finding: "error R02 CHILD-1 RequestOutcomeDate: ...". */
EHCP_WARN_UNUSED int ehcp_sen2_findings_format(ehcp_sink *out, const ehcp_sen2_findings *f);

/* The check a person item must pass, as the persons file and the checks
 * apply it: 0, or EHCP_EINVALID with why (no value in it) in the last error.
 * `item` is the persons file's column name. */
EHCP_WARN_UNUSED int ehcp_sen2_item_check(const char *item, const char *value);

/* ---- the XML ---- */

/* Writes the return.  Refused (EHCP_EINVALID, nothing written) when a
 * child has no person row, naming each, unless opts->allow_incomplete,
 * when those children are left out and *left_out (may be NULL) says how
 * many; and when nothing is left to return or the LA code is not three
 * digits.  Run ehcp_sen2_check() first: this writes what it is given. */
EHCP_WARN_UNUSED int ehcp_sen2_format(ehcp_sink *out, const ehcp_sen2 *r, const ehcp_sen2_persons *p,
                                      const ehcp_sen2_options *opts, size_t *left_out);

#ifdef __cplusplus
}
#endif

#endif
