#ifndef EHCP_H
#define EHCP_H

/* ehcp: the statutory clock and case store for EHC needs assessments.
 * Include this header for the whole public API. */

#include "ehcp/common.h"
#include "ehcp/errors.h"
#include "ehcp/date.h"
#include "ehcp/rules.h"
#include "ehcp/value.h"
#include "ehcp/sink.h"
#include "ehcp/format.h"
#include "ehcp/clock.h"
#include "ehcp/review.h"
#include "ehcp/plan.h"
#include "ehcp/cluster.h"
#include "ehcp/store.h"
#include "ehcp/case.h"
#include "ehcp/tracker.h"
#include "ehcp/demo.h"
#include "ehcp/caselist.h"
#include "ehcp/reviewlist.h"
#include "ehcp/report.h"
#include "ehcp/ical.h"
#include "ehcp/board.h"
#include "ehcp/config.h"
#include "ehcp/sen2.h"
#include "ehcp/params.h"
#include "ehcp/feed.h"
#include "ehcp/account.h"
#include "ehcp/page.h"

#endif
