#pragma once

#include "VaultToken.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace strongroom::cli {

// How the CLI shows a Vault token's facts: policies, time left, renewable; never the token.
class VaultTokenReport {
public:
    static QStringList lines(const VaultTokenInfo& info);
    static QJsonObject toJson(const QString& connectionId,
                              const std::optional<VaultTokenInfo>& info);
    // "1h 2m 3s", "45s", "never".
    static QString duration(std::chrono::seconds seconds);
};

} // namespace strongroom::cli
