#include "RotationReport.h"

#include "RotationSettingsInput.h"
#include "StoreVerbTarget.h"

#include <QJsonArray>

namespace strongroom::cli {

namespace {

bool anyLabels(const QList<VersionInfo>& versions) {
    for (const VersionInfo& version : versions) {
        if (!version.labels.isEmpty()) {
            return true;
        }
    }
    return false;
}

QString orDash(const QString& text) {
    return text.isEmpty() ? QStringLiteral("-") : text;
}

QJsonValue orNull(const QString& text) {
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

} // namespace

QStringList RotationReport::lines() const {
    const RotationInfo& r = rotation;
    QString rotator = rotatorName(r.rotator);
    if (!r.rotatorName.isEmpty()) {
        rotator += QStringLiteral(" ") + r.rotatorName;
    }
    QStringList out{
        QStringLiteral("secret:        %1").arg(path),
        QStringLiteral("rotation:      %1")
            .arg(r.enabled ? QStringLiteral("enabled") : QStringLiteral("disabled")),
        QStringLiteral("schedule:      %1").arg(orDash(r.schedule)),
        QStringLiteral("rotator:       %1").arg(rotator),
        QStringLiteral("last rotated:  %1").arg(StoreVerbTarget::timeText(r.lastRotated)),
        QStringLiteral("next rotation: %1").arg(StoreVerbTarget::timeText(r.nextRotation)),
        QStringLiteral("state:         %1").arg(rotationStateName(r.state)),
    };
    if (!r.settings.isEmpty()) {
        out << QStringLiteral("settings:      %1").arg(RotationSettingsInput::describe(r.settings));
    }
    if (anyLabels(versions)) {
        out << QStringLiteral("versions:");
        for (const VersionInfo& version : versions) {
            const QStringList marks = markNames(version.marks);
            const QString shown =
                !version.labels.isEmpty()
                    ? version.labels.join(QLatin1Char(','))
                    : QStringLiteral("(%1)").arg(marks.isEmpty() ? QStringLiteral("-")
                                                                 : marks.join(QLatin1Char(',')));
            out << QStringLiteral("  %1  %2").arg(version.id, shown);
        }
    }
    if (r.state == RotationInfo::State::Stuck) {
        QString stuck = QStringLiteral("stuck: %1").arg(orDash(r.stuckReason));
        if (!r.stuckVersion.isEmpty() && !r.stuckReason.contains(r.stuckVersion)) {
            stuck += QStringLiteral(" (version %1)").arg(r.stuckVersion);
        }
        out << stuck + QStringLiteral(" (clear it with: strongroom-cli rotation --connection %1 %2 "
                                      "--clear-stuck)")
                           .arg(connectionId, path);
    }
    return out;
}

QJsonObject RotationReport::toJson() const {
    const RotationInfo& r = rotation;
    QJsonObject labels;
    for (const VersionInfo& version : versions) {
        labels.insert(version.id, QJsonArray::fromStringList(version.labels));
    }
    const bool stuck = r.state == RotationInfo::State::Stuck;
    const QJsonValue stuckVersion = stuck ? orNull(r.stuckVersion) : QJsonValue();
    return QJsonObject{
        {QStringLiteral("connection"), connectionId},
        {QStringLiteral("path"), path},
        {QStringLiteral("enabled"), r.enabled},
        {QStringLiteral("schedule"), orNull(r.schedule)},
        {QStringLiteral("rotator"), rotatorName(r.rotator)},
        {QStringLiteral("rotatorName"), orNull(r.rotatorName)},
        {QStringLiteral("lastRotated"), StoreVerbTarget::jsonTime(r.lastRotated)},
        {QStringLiteral("nextRotation"), StoreVerbTarget::jsonTime(r.nextRotation)},
        {QStringLiteral("state"), rotationStateName(r.state)},
        {QStringLiteral("stuckReason"), stuck ? orNull(r.stuckReason) : QJsonValue()},
        {QStringLiteral("stuckVersion"), stuckVersion},
        // The same value under the name older scripts read (the AWS-only command gave it).
        {QStringLiteral("stuckPendingVersion"), stuckVersion},
        {QStringLiteral("settings"), QJsonObject::fromVariantMap(r.settings)},
        {QStringLiteral("versions"), labels},
    };
}

} // namespace strongroom::cli
