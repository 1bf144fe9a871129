/* GET /healthz: the database reachable and its schema current. */
#include "http/http.h"
#include "http/routes.h"

int http_healthz(http_request *req)
{
	ehcp_store *s = http_store(req);
	if (!s)
		return 0;
	int err = ehcp_store_check_schema(s);
	if (err < 0) {
		http_store_failed(req, err);
		http_reply_last_error(req, err);
		return 0;
	}
	static const char ok[] = "{\"status\": \"ok\"}\n";
	http_reply(req, 200, "application/json", ok, sizeof ok - 1);
	return 0;
}
