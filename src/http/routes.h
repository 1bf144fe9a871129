#ifndef EHCP_HTTP_ROUTES_H
#define EHCP_HTTP_ROUTES_H

/*
 * The routes, one line each in routes.c.  "GET" also answers HEAD.  A
 * route with `prefix` matches any path that starts with its path and has
 * more after it (the handler reads the rest).  A path matched with the
 * wrong method is answered 405; one matched by nothing, 404.
 */

#include <stdbool.h>
#include <stddef.h>

#include "http/http.h"

typedef struct http_route {
	const char *method;
	const char *path;
	bool prefix;
	http_handler fn;
} http_route;

extern const http_route http_routes[];
extern const size_t http_route_count;

/* The handlers (health.c, feeds.c, api.c, auth.c). */
int http_healthz(http_request *req);
int http_feed(http_request *req);
int http_api(http_request *req);
int http_signin_form(http_request *req);
int http_signin(http_request *req);
int http_signout(http_request *req);
int http_session_info(http_request *req);
/* The web pages (pages.c). */
int http_page_home(http_request *req);
int http_page_css(http_request *req);
int http_page_cases(http_request *req);
int http_page_case(http_request *req);
int http_page_reviews(http_request *req);
int http_page_plan(http_request *req);
int http_page_reports(http_request *req);
int http_page_board(http_request *req);
int http_page_admin(http_request *req);
int http_page_me(http_request *req);

#endif
