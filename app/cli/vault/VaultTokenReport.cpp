#include "VaultTokenReport.h"

#include <QJsonArray>

namespace strongroom::cli {

QString VaultTokenReport::duration(std::chrono::seconds seconds) {
    const qint64 total = seconds.count();
    if (total <= 0) {
        return QStringLiteral("never");
    }
    QStringList parts;
    const qint64 hours = total / 3600;
    const qint64 minutes = (total % 3600) / 60;
    const qint64 rest = total % 60;
    if (hours > 0) {
        parts << QStringLiteral("%1h").arg(hours);
    }
    if (minutes > 0) {
        parts << QStringLiteral("%1m").arg(minutes);
    }
    if (rest > 0 || parts.isEmpty()) {
        parts << QStringLiteral("%1s").arg(rest);
    }
    return parts.join(QLatin1Char(' '));
}

QStringList VaultTokenReport::lines(const VaultTokenInfo& info) {
    QStringList lines;
    if (!info.displayName.isEmpty()) {
        lines << QStringLiteral("display name: %1").arg(info.displayName);
    }
    lines << QStringLiteral("policies: %1").arg(info.policies.join(QStringLiteral(", ")));
    if (info.expires()) {
        QString ttl = QStringLiteral("ttl: %1").arg(duration(info.ttl));
        if (info.expireTime.isValid()) {
            ttl += QStringLiteral(" (expires %1)").arg(info.expireTime.toString(Qt::ISODate));
        }
        lines << ttl;
    } else {
        lines << QStringLiteral("ttl: never expires");
    }
    lines << QStringLiteral("renewable: %1")
                 .arg(info.renewable ? QStringLiteral("yes") : QStringLiteral("no"));
    if (!info.type.isEmpty()) {
        lines << QStringLiteral("type: %1").arg(info.type);
    }
    return lines;
}

QJsonObject VaultTokenReport::toJson(const QString& connectionId,
                                     const std::optional<VaultTokenInfo>& info) {
    QJsonObject object{{QStringLiteral("connection"), connectionId}};
    if (!info) {
        return object;
    }
    object.insert(QStringLiteral("display_name"), info->displayName);
    object.insert(QStringLiteral("policies"), QJsonArray::fromStringList(info->policies));
    object.insert(QStringLiteral("ttl"), static_cast<qint64>(info->ttl.count()));
    object.insert(QStringLiteral("expire_time"),
                  info->expireTime.isValid() ? info->expireTime.toString(Qt::ISODate) : QString());
    object.insert(QStringLiteral("renewable"), info->renewable);
    object.insert(QStringLiteral("type"), info->type);
    return object;
}

} // namespace strongroom::cli
