#pragma once

#include "delivery/delivery_queries.h"

#include <QMetaType>

// The core's value types that travel through queued signals between the store worker's thread
// and the GUI thread. Declared once, here, before any header uses them in a signal: a
// declaration after the first use would not compile.
Q_DECLARE_METATYPE(DeliverySummary)
Q_DECLARE_METATYPE(LogRow)
Q_DECLARE_METATYPE(LogFilter)

#include "feedback/feedback_queries.h"

Q_DECLARE_METATYPE(UnmatchedFeedback)
Q_DECLARE_METATYPE(FeedbackMailbox)
