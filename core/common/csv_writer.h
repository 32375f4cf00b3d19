#pragma once

#include <QString>
#include <QStringList>

// Writes RFC 4180 CSV records. Cells that a spreadsheet would run as a formula (starting with
// '=', '+', '-', '@', TAB or CR) get a leading apostrophe, so an export opened in a spreadsheet
// cannot execute a value that came from a recipient list (OWASP "CSV injection").
namespace CsvWriter {

QString cell(const QString &value, bool neutralizeFormulas = true);
QString record(const QStringList &values, bool neutralizeFormulas = true); // ends with CRLF

} // namespace CsvWriter
