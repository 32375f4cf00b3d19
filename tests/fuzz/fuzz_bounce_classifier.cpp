// libFuzzer target: BounceClassifier::classify on arbitrary bytes must never crash, hang or
// leak (docs/product.md §4: the bounce mailbox is written to by anyone).
#include "feedback/bounce_classifier.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const BounceClassifier classifier;
    const FeedbackMessage m = classifier.classify(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    // Touch the result so nothing is optimized away.
    volatile qsizetype n = m.recipients.size() + m.returnedMessageIds.size();
    (void)n;
    return 0;
}
