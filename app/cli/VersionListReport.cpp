#include "VersionListReport.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strongroom::cli {

VersionListReport::VersionListReport(const CliOutput& output, bool json)
    : m_output(output)
    , m_json(json) {}

int VersionListReport::report(const Status& status, const SecretRef& ref,
                              const QStringList& versions, const QString& verb) const {
    const QString list = versions.join(QStringLiteral(", "));
    if (!status) {
        return m_output.fail(status.error(), QStringLiteral("%1 version %2").arg(ref.path, list));
    }
    if (m_json) {
        m_output.writeJson(
            QJsonObject{{QStringLiteral("path"), ref.path},
                        {QStringLiteral("action"), verb.toLower()},
                        {QStringLiteral("versions"), QJsonArray::fromStringList(versions)}});
    } else {
        m_output.line(QStringLiteral("%1 %2 version %3").arg(verb, ref.path, list));
    }
    return 0;
}

} // namespace strongroom::cli
