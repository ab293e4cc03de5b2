#pragma once

#include "CliOutput.h"
#include "Result.h"
#include "SecretRef.h"

#include <QStringList>

namespace strongroom::cli {

// The common ending of delete, undelete and destroy: one line (or JSON object) naming the
// versions touched, or the one-line error with its exit code.
class VersionListReport {
public:
    VersionListReport(const CliOutput& output, bool json);

    int report(const Status& status, const SecretRef& ref, const QStringList& versions,
               const QString& verb) const;

private:
    const CliOutput& m_output;
    bool m_json;
};

} // namespace strongroom::cli
