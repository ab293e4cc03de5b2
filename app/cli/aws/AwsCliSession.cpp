#include "AwsCliSession.h"

#include "AwsConnector.h"
#include "AwsSignInChain.h"
#include "CliSession.h"
#include "TerminalPrompt.h"

namespace strongroom::cli {

namespace {
using Kind = BackendError::Kind;
const QString kAws = QStringLiteral("aws");
} // namespace

AwsConnector& AwsCliSession::connector(CliSession& session) {
    // The registry makes an AwsConnector for "aws" (app/aws/AwsProvider.cpp).
    auto* aws = qobject_cast<AwsConnector*>(session.connector(kAws));
    Q_ASSERT(aws);
    return *aws;
}

QCoro::Task<Result<Connection*>> AwsCliSession::open(CliSession& session, QString id) {
    AwsConnector& aws = connector(session);
    auto opening = withMfaCode(session, id, [&aws, id](QString code) {
        AwsSignIn signIn;
        signIn.mfaCode = std::move(code);
        return aws.reconnect(id, std::move(signIn));
    });
    auto opened = co_await std::move(opening);
    if (!opened && opened.error().kind() == Kind::Unauthenticated &&
        !AwsSignInChain::mfaSerialAskedFor(opened.error())) {
        co_return BackendError(Kind::Unauthenticated,
                               QStringLiteral("%1 (sign in again with: strongroom-cli aws "
                                              "connect %2 ...)")
                                   .arg(opened.error().detail(), id));
    }
    co_return opened;
}

QCoro::Task<Result<Connection*>>
AwsCliSession::withMfaCode(CliSession& session, QString id,
                           std::function<QCoro::Task<Result<Connection*>>(QString)> attempt) {
    const QString given = session.options().mfaCode;
    auto first = attempt(given);
    auto opened = co_await std::move(first);
    const bool wantsCode = !opened && AwsSignInChain::mfaSerialAskedFor(opened.error());
    if (!wantsCode || !given.isEmpty()) {
        co_return opened;
    }
    if (!TerminalPrompt::isInteractive()) {
        co_return BackendError(
            Kind::Unauthenticated,
            QStringLiteral("%1: give it with --mfa-code").arg(opened.error().detail()));
    }
    session.output().note(QStringLiteral("%1: %2").arg(id, opened.error().detail()));
    auto asking = TerminalPrompt::ask(QStringLiteral("MFA code: "));
    auto typed = co_await std::move(asking);
    if (!typed) {
        co_return typed.error();
    }
    auto second = attempt(typed->trimmed());
    co_return co_await std::move(second);
}

} // namespace strongroom::cli
