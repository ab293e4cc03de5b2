#include "AwsSessionReport.h"

#include <QDateTime>
#include <QJsonArray>

namespace strongroom::cli {

QStringList AwsSessionReport::lines(const AwsSessionInfo& info, bool withTrace) {
    QStringList out;
    out << QStringLiteral("identity: %1").arg(info.identityArn);
    out << QStringLiteral("source:   %1").arg(info.source);
    if (info.expires.isValid()) {
        const qint64 left = QDateTime::currentDateTimeUtc().secsTo(info.expires);
        out << QStringLiteral("expires:  %1 (%2 min left)")
                   .arg(info.expires.toUTC().toString(Qt::ISODate))
                   .arg(std::max<qint64>(0, left) / 60);
    } else {
        out << QStringLiteral("expires:  never (long-lived keys)");
    }
    if (withTrace) {
        out << QStringLiteral("trace:");
        for (const QString& step : info.trace) {
            out << QStringLiteral("  %1").arg(step);
        }
    }
    return out;
}

QJsonObject AwsSessionReport::toJson(const QString& connectionId,
                                     const std::optional<AwsSessionInfo>& info,
                                     const std::optional<AwsConnectionSpec>& spec) {
    QJsonObject object{{QStringLiteral("id"), connectionId}};
    if (spec) {
        object.insert(QStringLiteral("keySource"),
                      AwsConnectionSpec::keySourceName(spec->keySource));
        if (!spec->region.isEmpty()) {
            object.insert(QStringLiteral("region"), spec->region);
        }
        if (!spec->roleArn.isEmpty()) {
            object.insert(QStringLiteral("roleArn"), spec->roleArn);
        }
    }
    if (info) {
        object.insert(QStringLiteral("identity"), info->identityArn);
        object.insert(QStringLiteral("source"), info->source);
        object.insert(QStringLiteral("expires"),
                      info->expires.isValid()
                          ? QJsonValue(info->expires.toUTC().toString(Qt::ISODate))
                          : QJsonValue());
        object.insert(QStringLiteral("trace"), QJsonArray::fromStringList(info->trace));
    }
    return object;
}

} // namespace strongroom::cli
