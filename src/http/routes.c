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
};

const size_t http_route_count = sizeof http_routes / sizeof http_routes[0];
