/* The layout every page shares, the sign-in page and a page of one message. */
#include <string.h>

#include "core/errors_internal.h"
#include "io/sink_internal.h"
#include "render/html.h"

/* From the build (build-aux/gen_embed.py over src/render/page.css). */
extern const char ehcp_page_css_data[];
extern const size_t ehcp_page_css_size;

const char *ehcp_page_css(size_t *len)
{
	if (len)
		*len = ehcp_page_css_size;
	return ehcp_page_css_data;
}

int ehcp_page_options_init(ehcp_page_options *opts, unsigned int version)
{
	EHCP_OPTIONS_INIT_BODY(opts, version, EHCP_PAGE_OPTIONS_VERSION, EHCP_PAGE_OPTIONS_INIT, "ehcp_page_options");
}

int html_options(const ehcp_page_options **o, const ehcp_page_options *given, ehcp_page_options *defaults)
{
	*defaults = (ehcp_page_options)EHCP_PAGE_OPTIONS_INIT;
	*o = given ? given : defaults;
	return ehcp_check_version((*o)->version, EHCP_PAGE_OPTIONS_VERSION, "ehcp_page_options");
}

bool html_may_write(const ehcp_page_options *o)
{
	return o->user && (o->role == EHCP_ROLE_WRITER || o->role == EHCP_ROLE_ADMIN);
}

void html_begin(FILE *f, const ehcp_page_options *o, const char *title, const char *current)
{
	static const struct {
		const char *key, *href, *label;
		bool admin;
	} nav[] = {
	    {"cases", "/cases", "Case list", false},   {"reviews", "/reviews", "Review list", false},
	    {"me", "/me", "My work and calendar", false}, {"reports", "/reports", "Reports", false},
	    {"board", "/board", "Board report", false}, {"admin", "/admin", "Users and feeds", true},
	};
	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
	      f);
	html_esc(f, title);
	fputs(" - EHC plan deadlines</title><link rel=\"stylesheet\" href=\"", f);
	html_esc(f, o->assets ? o->assets : EHCP_PAGE_ASSETS);
	fputs(EHCP_PAGE_CSS_NAME "\"></head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n"
	      "<header class=\"site-header\"><div class=\"width\"><a class=\"service\" href=\"/\">EHC plan deadlines</a>",
	      f);
	if (o->user) {
		fputs("<div class=\"account\"><span>Signed in as <strong>", f);
		html_esc(f, o->user);
		fprintf(f, "</strong> (%s)</span><form method=\"post\" action=\"" EHCP_PAGE_SIGNOUT_PATH "\">", ehcp_role_name(o->role));
		html_csrf(f, o);
		fputs("<button class=\"button button-secondary\" type=\"submit\">Sign out</button></form></div>", f);
	}
	fputs("</div></header>\n", f);
	if (o->user) {
		fputs("<nav class=\"site-nav\" aria-label=\"Main\"><div class=\"width\"><ul>", f);
		for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
			if (nav[i].admin && o->role != EHCP_ROLE_ADMIN)
				continue;
			const bool here = current && strcmp(current, nav[i].key) == 0;
			fprintf(f, "<li><a href=\"%s\"%s>%s</a></li>", nav[i].href, here ? " aria-current=\"page\"" : "",
			        nav[i].label);
		}
		fputs("</ul></div></nav>\n", f);
	}
	fputs("<main id=\"main\" class=\"width\" tabindex=\"-1\">\n<h1>", f);
	html_esc(f, title);
	fputs("</h1>\n", f);
}

int html_end(ehcp_sink *out, const char *what)
{
	FILE *f = ehcp_sink_stream(out);
	fputs("</main>\n<footer class=\"site-footer\"><div class=\"width\"><p>Deadlines follow the SEND Regulations 2014 "
	      "and the SEND Code of Practice. Made by ehcp.</p></div></footer>\n</body></html>\n",
	      f);
	return ehcp_sink_flush(out, what);
}

int ehcp_page_signin_format(ehcp_sink *out, const ehcp_page_options *given, const char *errors, const char *next)
{
	HTML_PAGE_START(o, given, out, out, "sign-in page");
	/* nobody is signed in on this page, whatever the options say */
	ehcp_page_options anon = *o;
	anon.user = NULL;
	FILE *f = ehcp_sink_stream(out);
	html_begin(f, &anon, "Sign in", NULL);
	html_error_summary(f, errors, NULL, NULL);
	fputs("<form method=\"post\" action=\"" EHCP_PAGE_SIGNIN_PATH "\" novalidate>", f);
	html_csrf(f, o);
	if (next && *next) {
		fputs("<input type=\"hidden\" name=\"next\" value=\"", f);
		html_esc(f, next);
		fputs("\">", f);
	}
	html_input(f, &(html_field){"name", "User name", NULL, NULL, "text", "username", 30}, errors, NULL, NULL);
	html_input(f, &(html_field){"password", "Password", NULL, NULL, "password", "current-password", 30}, errors, NULL,
	           NULL);
	fputs("<button class=\"button\" type=\"submit\">Sign in</button></form>\n", f);
	return html_end(out, "the sign-in page");
}

int ehcp_page_message_format(ehcp_sink *out, const ehcp_page_options *given, const char *title, const char *message)
{
	HTML_PAGE_START(o, given, out, title, "message");
	FILE *f = ehcp_sink_stream(out);
	html_begin(f, o, title, NULL);
	fputs("<p>", f);
	html_esc(f, message);
	fputs("</p>\n", f);
	return html_end(out, "the page");
}
