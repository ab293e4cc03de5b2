#pragma once

#include "AwsConnector.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace strongroom::cli {

// What `aws connect` and `aws whoami` print about a session: identity, where the keys came
// from, expiry and the credential chain's trace. Never a key or a token.
class AwsSessionReport {
public:
    static QStringList lines(const AwsSessionInfo& info, bool withTrace);
    static QJsonObject toJson(const QString& connectionId,
                              const std::optional<AwsSessionInfo>& info,
                              const std::optional<AwsConnectionSpec>& spec);
};

} // namespace strongroom::cli
