/* The board page: a range picked with a form, and the board (the same HTML as
 * `ehcp report board`) framed, with a link to open it alone and print it. */
#include "core/errors_internal.h"
#include "io/sink_internal.h"
#include "render/html.h"

int ehcp_page_board_format(ehcp_sink *out, const ehcp_page_options *given, const ehcp_page_query *q,
                           const char *board_src, const char *errors)
{
	HTML_PAGE_START(o, given, out, out, "board page");
	FILE *f = ehcp_sink_stream(out);
	html_begin(f, o, "Board report", "board");
	html_filters_begin(f, "/board", "Choose the months", errors);
	fputs("<div class=\"fields\">", f);
	html_input(f, &(html_field){"from", "From (month)", "For example 2026-04", ehcp_page_query_get(q, "from"), "text",
	                            NULL, 8},
	           errors, NULL, NULL);
	html_input(f, &(html_field){"to", "To (month)", "For example 2027-03", ehcp_page_query_get(q, "to"), "text", NULL, 8},
	           errors, NULL, NULL);
	html_input(f, &(html_field){"as-of", "As of", "Empty: today", ehcp_page_query_get(q, "as-of"), "text", NULL, 12},
	           errors, NULL, NULL);
	fputs("</div>", f);
	html_filters_end(f, "/board", "Show the board");
	if (board_src && !(errors && *errors)) {
		fputs("<p><a href=\"", f);
		html_esc(f, board_src);
		fputs("\">Open the board report on its own, to print it (A4)</a></p>\n<iframe class=\"board\" title=\"The board "
		      "report\" src=\"",
		      f);
		html_esc(f, board_src);
		fputs("\"></iframe>\n", f);
	}
	return html_end(out, "the board page");
}
