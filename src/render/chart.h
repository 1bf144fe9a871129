#ifndef EHCP_CHART_H
#define EHCP_CHART_H

/* The board's two charts, as inline SVG figures with a text alternative,
 * and what the page shares with them. */

#include <stdbool.h>
#include <stdio.h>

#include "ehcp/board.h"

/* "Jul" or "Jul 2025". */
const char *ehcp_board_month_name(ehcp_date d, char *buf, size_t len, bool with_year);

/* England's 20-week rate, excluding exceptions, for a calendar year or the
 * latest before it ("" if none; *from_year the year it is for). */
const char *ehcp_board_england(int year, int *from_year);

/* A rate's percentage as text ("53.8"), "" when there is none. */
const char *ehcp_board_pct(char buf[32], const ehcp_board_rate *r);

/* The monthly 20-week rate beside the year to date and England. */
void ehcp_chart_rate(FILE *f, const ehcp_board *b, double target);
/* The backlog at each month's end, as bars. */
void ehcp_chart_backlog(FILE *f, const ehcp_board *b);

#endif
