/* Every route the server answers, in the order they are tried. */
#include "http/routes.h"

const http_route http_routes[] = {
    {"GET", "/healthz", false, http_healthz},
    {"GET", "/feeds/", true, http_feed},
    {"GET", "/api/", true, http_api},
    {"POST", "/api/", true, http_api},
    {"GET", "/signin", false, http_signin_form},
    {"POST", "/signin", false, http_signin},
    {"POST", "/signout", false, http_signout},
    {"GET", "/session", false, http_session_info},
    {"GET", "/", false, http_page_home},
    {"GET", "/assets/ehcp.css", false, http_page_css},
    {"GET", "/cases", false, http_page_cases},
    {"GET", "/cases/", true, http_page_case},
    {"POST", "/cases/", true, http_page_case},
    {"GET", "/reviews", false, http_page_reviews},
    {"GET", "/plans/", true, http_page_plan},
    {"POST", "/plans/", true, http_page_plan},
    {"GET", "/reports", false, http_page_reports},
    {"GET", "/reports/", true, http_page_reports},
    {"GET", "/board", false, http_page_board},
    {"GET", "/board/view", false, http_page_board},
    {"GET", "/admin", false, http_page_admin},
    {"POST", "/admin", false, http_page_admin},
    {"GET", "/me", false, http_page_me},
    {"POST", "/me", false, http_page_me},
};

const size_t http_route_count = sizeof http_routes / sizeof http_routes[0];
