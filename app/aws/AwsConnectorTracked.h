#pragma once

// Private to AwsConnector's two source files: what it keeps about one open connection.

#include "AwsConnector.h"
#include "Connection.h"
#include "SecretsManagerBackend.h"

#include <QPointer>
#include <QTimer>

namespace strongroom {

struct AwsConnector::Tracked {
    QPointer<Connection> connection;
    QPointer<SecretsManagerBackend> backend;
    AwsConnectionSpec spec;
    std::optional<AwsSessionInfo> info;
    bool needsMfa = false; // the role chain asks for an MFA code at every sign-in
    bool refreshing = false;
    QTimer expiry; // fires when temporary credentials run out
};

} // namespace strongroom
