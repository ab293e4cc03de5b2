#pragma once

#include "Result.h"

#include <QCoroTask>
#include <QString>

#include <functional>

namespace strongroom {
class AwsConnector;
class Connection;
} // namespace strongroom

namespace strongroom::cli {

class CliSession;

// The AWS Secrets Manager side of a CLI run: the session's AWS connector, how a saved AWS
// connection opens (the CliProvider's openConnection), and the MFA code a role may need.
class AwsCliSession {
public:
    static AwsConnector& connector(CliSession& session);

    // A saved AWS connection, signed in again from its keychain keys, the environment or its
    // profile; a role that needs MFA takes --mfa-code or asks at a terminal.
    static QCoro::Task<Result<Connection*>> open(CliSession& session, QString id);

    // Runs `attempt` with --mfa-code; when it fails for want of an MFA code and stdin is a
    // terminal, asks for the code and runs it once more.
    static QCoro::Task<Result<Connection*>>
    withMfaCode(CliSession& session, QString id,
                std::function<QCoro::Task<Result<Connection*>>(QString)> attempt);
};

} // namespace strongroom::cli
