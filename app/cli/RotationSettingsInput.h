#pragma once

#include "SecretRotation.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace strongroom::cli {

// The `--set key=value` arguments of `rotation` and `rotate`: the store's own rotation settings
// keys (its backend documents them and checks them before anything is sent), passed through as
// text, so a new store's keys need no CLI change. Backends read numbers from text too.
class RotationSettingsInput {
public:
    static QString optionName() { return QStringLiteral("set"); }

    // nullopt, with `error` naming the bad argument, when one is not `key=value` with a key.
    static std::optional<RotationSettings> parse(const QStringList& arguments, QString& error);
    // "automaticallyAfterDays=30, lambdaArn=arn:…", sorted by key: the audit detail and the
    // summary line. Rotation settings are never secret (RotationInfo::settings).
    static QString describe(const RotationSettings& settings);
};

} // namespace strongroom::cli
