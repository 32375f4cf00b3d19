#pragma once

#include <QList>
#include <QString>

// The versioned schema: migration N (1-based) brings a database from version N-1 to N.
// A migration is never edited once released; changes come as a new one.
namespace Schema {
const QList<QStringList> &migrations();
} // namespace Schema
