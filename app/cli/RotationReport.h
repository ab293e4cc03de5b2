#pragma once

#include "SecretRotation.h"
#include "VersionInfo.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace strongroom::cli {

// How `rotation <path>` shows a RotationInfo: lines for a person, one JSON object for scripts.
// The versions' labels are shown too when the store has them, since a rotation moves them (a
// stuck rotation leaves one on a version of its own).
struct RotationReport {
    QString connectionId;
    QString path;
    RotationInfo rotation;
    QList<VersionInfo> versions; // empty when the store could not list them

    QStringList lines() const;
    // The shape documented in `rotation --help`.
    QJsonObject toJson() const;
};

} // namespace strongroom::cli
