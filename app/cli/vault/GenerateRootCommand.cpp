#include "GenerateRootCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "CredentialStore.h"
#include "SealTarget.h"
#include "VaultOperator.h"
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
const QString kAction = QStringLiteral("vault-generate-root");
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
    VaultOperator node(&vault);
    const auto address = vault.describe();
    const auto audit = [&](QString result, QString detail) {
        return SealTarget::audit(session, address, kAction, std::move(result), std::move(detail));
    };

    auto detecting = node.detectGenerateRoot();
    auto family = co_await std::move(detecting);
    if (!family) {
        co_return out.fail(family.error(), QStringLiteral("generate-root"));
    }
    out.note(QStringLiteral("using %1: %2").arg(family->path, family->reason));
    if (parser.isSet(kCancel)) {
        auto cancelling = node.cancelGenerateRoot();
        auto cancelled = co_await std::move(cancelling);
        auto auditing = audit(cancelled ? QStringLiteral("ok")
                                        : BackendError::kindName(cancelled.error().kind()),
                              QStringLiteral("attempt cancelled"));
        co_await std::move(auditing);
        if (!cancelled) {
            co_return out.fail(cancelled.error(), QStringLiteral("generate-root --cancel"));
        }
        out.line(QStringLiteral("the generate-root attempt on %1 was cancelled").arg(address));
        co_return 0;
    }

    auto starting = node.startGenerateRoot();
    auto started = co_await std::move(starting);
    if (!started) {
        co_return out.fail(started.error(), QStringLiteral("generate-root"));
    }
    const auto nonce = started->nonce;
    out.note(QStringLiteral("attempt started, nonce %1 (custodians: check it is the one you "
                            "were told); %2 shares needed")
                 .arg(nonce)
                 .arg(started->required));
    SecretBytes rootToken;
    int progress = 0;
    while (rootToken.isEmpty()) {
        auto asking = SealTarget::readShare(progress + 1, QStringLiteral("unseal share"));
        auto share = co_await std::move(asking);
        if (!share) {
            // The one-time password lives only in this process: an unfinished attempt is useless.
            auto cancelling = node.cancelGenerateRoot();
            co_await std::move(cancelling);
            auto auditing = audit(QStringLiteral("Cancelled"),
                                  QStringLiteral("input ended after %1 shares").arg(progress));
            co_await std::move(auditing);
            co_return out.fail(ExitCode::Failure,
                               QStringLiteral("the shares ended after %1 of %2; the attempt was "
                                              "cancelled")
                                   .arg(progress)
                                   .arg(started->required));
        }
        auto updating = node.updateGenerateRoot(std::move(share.value()), nonce);
        auto step = co_await std::move(updating);
        if (!step) {
            auto auditing = audit(BackendError::kindName(step.error().kind()),
                                  QStringLiteral("share %1 refused").arg(progress + 1));
            co_await std::move(auditing);
            co_return out.fail(step.error(), QStringLiteral("generate-root"));
        }
        progress = step->status.progress;
        out.note(QStringLiteral("%1 of %2 shares given").arg(progress).arg(step->status.required));
        if (step->status.complete) {
            if (step->token.isEmpty()) {
                co_return out.fail(ExitCode::Failure,
                                   QStringLiteral("the token was encrypted to PGP key %1; "
                                                  "decrypt it with that key")
                                       .arg(step->status.pgpFingerprint));
            }
            rootToken = std::move(step->token);
        }
    }

    VaultSession check(*endpoint);
    check.setToken(rootToken);
    auto looking = check.lookupSelf();
    auto info = co_await std::move(looking);
    if (!info) {
        auto auditing = audit(BackendError::kindName(info.error().kind()),
                              QStringLiteral("new root token does not work"));
        co_await std::move(auditing);
        co_return out.fail(info.error(), QStringLiteral("checking the new root token"));
    }
    if (parser.isSet(kRevoke)) {
        auto revoking = check.revokeSelf();
        auto revoked = co_await std::move(revoking);
        auto auditing =
            audit(revoked ? QStringLiteral("ok") : BackendError::kindName(revoked.error().kind()),
                  QStringLiteral("new root token checked and revoked (%1)").arg(family->path));
        co_await std::move(auditing);
        if (!revoked) {
            co_return out.fail(revoked.error(), QStringLiteral("revoking the new root token"));
        }
        out.line(QStringLiteral("a new root token was made, worked (lookup-self) and is revoked"));
        co_return 0;
    }
    if (parser.isSet(kPrintToken)) {
        auto auditing = audit(QStringLiteral("ok"),
                              QStringLiteral("new root token printed (%1)").arg(family->path));
        co_await std::move(auditing);
        out.writeSecret(rootToken.view());
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
    auto storing = session.workspace().credentials()->write(
        keyName, rootToken, CredentialStore::Persistence::KeychainOnly);
    auto stored = co_await std::move(storing);
    if (!stored) {
        // A root token nobody can reach is a risk with no use: revoke it.
        auto revoking = check.revokeSelf();
        co_await std::move(revoking);
        auto auditing = audit(BackendError::kindName(stored.error().kind()),
                              QStringLiteral("keychain refused the new root token; revoked"));
        co_await std::move(auditing);
        co_return out.fail(stored.error(),
                           QStringLiteral("keeping the new root token (it was revoked; use "
                                          "--print-token to see it instead)"));
    }
    auto auditing =
        audit(QStringLiteral("ok"), QStringLiteral("new root token kept in the keychain as %1 (%2)")
                                        .arg(keyName, family->path));
    co_await std::move(auditing);
    out.line(QStringLiteral("a new root token is kept in the keychain as %1").arg(keyName));
    out.note(QStringLiteral("it does not expire: revoke it (auth/token/revoke-self) when the "
                            "work is done"));
    co_return 0;
}

} // namespace strongroom::cli
