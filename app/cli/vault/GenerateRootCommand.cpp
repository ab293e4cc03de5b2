#include "GenerateRootCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "CredentialStore.h"
#include "GenerateRootCeremony.h"
#include "NewRootToken.h"
#include "SealTarget.h"
#include "VaultSession.h"
#include "Workspace.h"

#include <QDateTime>

namespace strongroom::cli {

namespace {
const QString kTokenStdin = QStringLiteral("token-stdin");
const QString kPrintToken = QStringLiteral("print-token");
const QString kKeychainName = QStringLiteral("keychain-name");
const QString kRevoke = QStringLiteral("revoke");
const QString kCancel = QStringLiteral("cancel");
} // namespace

QString GenerateRootCommand::summary() const {
    return QStringLiteral("Make a new root token from the unseal shares (break-glass)");
}

QCoro::Task<int> GenerateRootCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(
        name(), QStringLiteral("--address URL [--print-token | --revoke] [--cancel]"),
        QStringLiteral("Starts a generate-root attempt with a one-time password made here, takes "
                       "the unseal shares (typed without echo, or one per line on stdin) and "
                       "decodes the new root token in memory. The token is kept in the keychain "
                       "under a name that is printed, or printed with --print-token, or checked "
                       "and revoked at once with --revoke (a drill). The unauthenticated "
                       "sys/generate-root endpoints are used when the server allows them, else "
                       "OpenBao's sys/generate-root-token with a token from --connection or "
                       "--token-stdin (first line of stdin, before the shares)."));
    SealTarget::addOptions(parser);
    parser.addOption({kTokenStdin, QStringLiteral("Read a token from the first line of stdin.")});
    parser.addOption({kPrintToken, QStringLiteral("Print the new root token on stdout.")});
    parser.addOption({kKeychainName, QStringLiteral("Keychain entry for the new token."),
                      QStringLiteral("name")});
    parser.addOption({kRevoke, QStringLiteral("Check the new token works, then revoke it.")});
    parser.addOption({kCancel, QStringLiteral("Cancel the running attempt and stop.")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    QString why;
    auto endpoint = SealTarget::endpoint(parser, &why);
    if (!endpoint) {
        co_return parser.usageError(out, why);
    }
    if (parser.isSet(kPrintToken) && parser.isSet(kRevoke)) {
        co_return parser.usageError(out, QStringLiteral("--print-token and --revoke exclude "
                                                        "each other"));
    }
    auto fetching = SealTarget::token(session, parser.isSet(kTokenStdin));
    auto token = co_await std::move(fetching);
    if (!token) {
        co_return out.fail(token.error(), QStringLiteral("generate-root"));
    }
    VaultSession vault(*endpoint);
    if (!token->isEmpty()) {
        vault.setToken(std::move(token.value()));
    }
    GenerateRootCeremony ceremony(&vault, session.workspace().auditLog(),
                                  SealTarget::auditName(session, *endpoint));
    const auto address = SealTarget::address(*endpoint);

    auto detecting = ceremony.detect();
    auto family = co_await std::move(detecting);
    if (!family) {
        co_return out.fail(family.error(), QStringLiteral("generate-root"));
    }
    out.note(QStringLiteral("using %1: %2").arg(family->path, family->reason));
    if (parser.isSet(kCancel)) {
        auto cancelling = ceremony.cancel(QStringLiteral("generate-root --cancel"));
        auto cancelled = co_await std::move(cancelling);
        if (!cancelled) {
            co_return out.fail(cancelled.error(), QStringLiteral("generate-root --cancel"));
        }
        out.line(QStringLiteral("the generate-root attempt on %1 was cancelled").arg(address));
        co_return 0;
    }

    auto starting = ceremony.start();
    auto started = co_await std::move(starting);
    if (!started) {
        co_return out.fail(started.error(), QStringLiteral("generate-root"));
    }
    out.note(QStringLiteral("attempt started, nonce %1 (custodians: check it is the one you "
                            "were told); %2 shares needed")
                 .arg(started->nonce)
                 .arg(started->required));
    QObject::connect(&ceremony, &GenerateRootCeremony::progressed, [&out, &ceremony] {
        const GenerateRootStatus& now = ceremony.attempt();
        if (now.progress > 0) {
            out.note(QStringLiteral("%1 of %2 shares given").arg(now.progress).arg(now.required));
        }
    });
    auto taking = ceremony.takeShares(SealTarget::shareSource(QStringLiteral("unseal share")));
    auto taken = co_await std::move(taking);
    if (!taken) {
        co_return out.fail(taken.error(), QStringLiteral("generate-root"));
    }
    NewRootToken* rootToken = ceremony.newToken();
    if (!rootToken->holdsToken()) {
        co_return out.fail(ExitCode::Failure, QStringLiteral("the token was encrypted to PGP key "
                                                             "%1; decrypt it with that key")
                                                  .arg(ceremony.pgpFingerprint()));
    }
    auto checking = rootToken->check();
    auto works = co_await std::move(checking);
    if (!works) {
        co_return out.fail(works.error(), QStringLiteral("checking the new root token"));
    }
    if (parser.isSet(kRevoke)) {
        auto revoking = rootToken->revoke(
            QStringLiteral("checked and revoked (%1)").arg(ceremony.familyPath()));
        auto revoked = co_await std::move(revoking);
        if (!revoked) {
            co_return out.fail(revoked.error(), QStringLiteral("revoking the new root token"));
        }
        out.line(QStringLiteral("a new root token was made, worked (lookup-self) and is revoked"));
        co_return 0;
    }
    if (parser.isSet(kPrintToken)) {
        const SecretBytes printed = rootToken->handOver(
            QStringLiteral("printed on stdout (%1)").arg(ceremony.familyPath()));
        out.writeSecret(printed.view());
        out.writeSecret("\n");
        co_return 0;
    }
    auto keyName = parser.value(kKeychainName);
    if (keyName.isEmpty()) {
        keyName =
            QStringLiteral("vault-root-token:%1:%2-%3")
                .arg(endpoint->address.host())
                .arg(endpoint->address.port())
                .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss")));
    }
    auto storing = rootToken->store(session.workspace().credentials(), keyName);
    auto stored = co_await std::move(storing);
    if (!stored) {
        // A root token nobody can reach is a risk with no use: revoke it.
        auto revoking = rootToken->revoke(QStringLiteral("the keychain refused it"));
        co_await std::move(revoking);
        co_return out.fail(stored.error(),
                           QStringLiteral("keeping the new root token (it was revoked; use "
                                          "--print-token to see it instead)"));
    }
    rootToken->release(); // stored: nothing here needs it any more
    out.line(QStringLiteral("a new root token is kept in the keychain as %1").arg(keyName));
    out.note(QStringLiteral("it does not expire: revoke it (auth/token/revoke-self) when the "
                            "work is done"));
    co_return 0;
}

} // namespace strongroom::cli
