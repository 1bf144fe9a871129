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

#endif
