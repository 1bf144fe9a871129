#ifndef EHCP_RULES_H
#define EHCP_RULES_H

/*
 * Every statutory limit, in one place.  The C clock (src/core/clock.c) uses the
 * constants below; the build turns the same table into the SQL functions
 * the database runs (build-aux/gen_rules_sql.c writes one function per entry,
 * ehcp_days_<name>(), and the rest of the SQL clock in src/db/rules.sql.in
 * calls them), and tests/test_rules.c checks that each SQL function returns
 * the C value.  A limit written anywhere else is a bug.
 *
 * Each entry: NAME, name, days, the rule, what it times.  "Within N days
 * of D" means on or before D + N (shared/docs/statutory-clock.md).
 */

#define EHCP_RULE_LIMITS(X)                                                                        \
	X(DECISION, decision, 42, "reg 5(1)", "decision whether to assess, from the request")      \
	X(DECISION_REASSESSMENT, decision_reassessment, 15, "reg 25(1)",                           \
	  "decision whether to re-assess, from the request")                                       \
	X(ADVICE, advice, 42, "reg 8(1)", "advice, from the council's request for it")             \
	X(NOT_ISSUE, not_issue, 112, "reg 10(1)", "notice of a decision not to issue, from the request") \
	X(FINAL, final, 140, "reg 13(2)", "final plan, from the request")                          \
	X(FINAL_REASSESSMENT, final_reassessment, 98, "reg 27(2)",                                 \
	  "final plan, from the decision to re-assess")                                            \
	X(COMMENT, comment, 15, "reg 13(1)", "days the family has to comment on a draft, inclusive") \
	X(TRIBUNAL_ASSESS_NOTICE, tribunal_assess_notice, 14, "reg 44(2)(a)",                      \
	  "notice that the council will assess, from the tribunal's order")                        \
	X(TRIBUNAL_ASSESS_NOT_ISSUE, tribunal_assess_not_issue, 70, "reg 44(2)(b)",                \
	  "notice not to issue, from the tribunal's order to assess")                              \
	X(TRIBUNAL_ASSESS_FINAL, tribunal_assess_final, 98, "reg 44(2)(d)",                        \
	  "final plan, from the tribunal's order to assess")                                       \
	X(TRIBUNAL_ISSUE_DRAFT, tribunal_issue_draft, 35, "reg 44(2)(c)",                          \
	  "draft plan, from the tribunal's order to make a plan")                                  \
	X(TRIBUNAL_ISSUE_FINAL, tribunal_issue_final, 77, "reg 44(2)(c)",                          \
	  "final plan, from the tribunal's order to make a plan")                                  \
	X(YEAR_BAND, year_band, 364, "SEN2", "52 weeks: the \"over 52 weeks\" band")               \
	X(REVIEW_INVITATIONS, review_invitations, 14, "regs 20(3), 21(3)",                          \
	  "invitations to a review meeting, at least this long before it")                          \
	X(REVIEW_REPORT, review_report, 14, "regs 20(7), 21(7)", "report of a review meeting, from it") \
	X(REVIEW_DECISION, review_decision, 28, "regs 20, 21",                                     \
	  "decision to maintain, amend or cease, from the review meeting")                          \
	X(REVIEW_PROPOSALS, review_proposals, 28, "R (L, M, P) v Devon CC [2022] EWHC 493",        \
	  "proposed amendments, from the review meeting")                                           \
	X(REVIEW_AMENDED_FROM_PROPOSALS, review_amended_from_proposals, 56, "reg 22(3)",            \
	  "final amended plan, from the proposed amendments")                                       \
	X(REVIEW_AMENDED_FROM_MEETING, review_amended_from_meeting, 84, "reg 22(3)",                \
	  "final amended plan, at most this long after the review meeting")                         \
	X(TRANSFER_NOTICE, transfer_notice, 42, "reg 15(4)",                                        \
	  "telling the family a plan has transferred in, from the transfer")                        \
	X(NEARING_DEFAULT, nearing_default, 14, "local", "a deadline this close is \"nearing\"")

/* EHCP_DAYS_DECISION, EHCP_DAYS_FINAL, ... */
enum {
#define EHCP_RULE_ENUM_(NAME, name, days, rule, what) EHCP_DAYS_##NAME = days,
	EHCP_RULE_LIMITS(EHCP_RULE_ENUM_)
#undef EHCP_RULE_ENUM_
};

/*
 * The coronavirus window (SI 2020/471): a limit that fell due in, or ran
 * through, these days may carry the `coronavirus` exception.  As
 * year, month, day.
 */
#define EHCP_RULE_CORONAVIRUS_FROM 2020, 5, 1
#define EHCP_RULE_CORONAVIRUS_TO 2020, 9, 25

/*
 * Annual reviews and phase transfers (CFA s.44, regs 15, 18): limits that
 * are not a number of days.
 *  - a plan transferred in is reviewed by the later of its 12-month date and
 *    this many months after the transfer (reg 15(5));
 *  - a phase transfer's plan is amended before this day of the calendar
 *    year of the transfer (month, day: "before 15 February" is on or before
 *    14 February), or, into post-16, before the second;
 *  - a move between post-16 institutions at another time than the start of
 *    a school year has the plan amended at least this many months before
 *    the move (reg 18(2));
 *  - a school year starts on this day (month, day), and a child born in the
 *    school year that ends on 31 August of year Y starts Reception in the
 *    September of Y + EHCP_RULE_RECEPTION_AFTER.
 */
#define EHCP_RULE_TRANSFER_REVIEW_MONTHS 3
#define EHCP_RULE_PHASE_BEFORE 2, 15
#define EHCP_RULE_PHASE_BEFORE_POST16 3, 31
#define EHCP_RULE_POST16_MOVE_MONTHS 5
#define EHCP_RULE_SCHOOL_YEAR_START 9, 1
#define EHCP_RULE_RECEPTION_AFTER 4
/* The national transfers: into Reception, Year 6 to 7, Year 11 to 12. */
#define EHCP_RULE_YEAR_SECONDARY 7
#define EHCP_RULE_YEAR_POST16 12

#endif
