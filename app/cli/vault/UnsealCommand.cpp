#include "UnsealCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SealTarget.h"
#include "VaultOperator.h"
#include "VaultSession.h"

namespace strongroom::cli {

namespace {
const QString kReset = QStringLiteral("reset");
const QString kMigrate = QStringLiteral("migrate");
} // namespace

QString UnsealCommand::summary() const {
    return QStringLiteral("Unseal a Vault/OpenBao node, one share at a time");
}

QCoro::Task<int> UnsealCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("--address URL [--reset]"),
                         QStringLiteral("Applies unseal shares until the node is unsealed: typed "
                                        "without echo at a terminal, or one per line on stdin. "
                                        "--reset first discards the shares given so far."));
    SealTarget::addOptions(parser);
    parser.addOption({kReset, QStringLiteral("Discard the shares given so far first.")});
    parser.addOption({kMigrate, QStringLiteral("Shares for a seal migration.")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    QString why;
    auto endpoint = SealTarget::endpoint(parser, &why);
    if (!endpoint) {
        co_return parser.usageError(out, why);
    }
    VaultSession vault(*endpoint);
    VaultOperator node(&vault);
    const auto address = vault.describe();
    auto reading = node.sealStatus();
    auto status = co_await std::move(reading);
    if (!status) {
        co_return out.fail(status.error(), QStringLiteral("unseal"));
    }
    if (parser.isSet(kReset)) {
        auto resetting = node.resetUnseal();
        auto reset = co_await std::move(resetting);
        auto auditing = SealTarget::audit(
            session, address, QStringLiteral("vault-unseal-reset"),
            reset ? QStringLiteral("ok") : BackendError::kindName(reset.error().kind()), {});
        co_await std::move(auditing);
        if (!reset) {
            co_return out.fail(reset.error(), QStringLiteral("unseal --reset"));
        }
        status = std::move(reset);
        out.note(QStringLiteral("the shares given so far were discarded"));
    }
    if (!status->initialized) {
        co_return out.fail(
            ExitCode::Failure,
            QStringLiteral("%1 is not initialized (see: strongroom-cli init)").arg(address));
    }
    out.note(QStringLiteral("%1: %2").arg(address, SealTarget::describe(status.value())));
    int given = 0;
    while (status->sealed) {
        auto asking = SealTarget::readShare(status->progress + 1, QStringLiteral("unseal share"));
        auto share = co_await std::move(asking);
        if (!share) {
            if (share.error().kind() == BackendError::Kind::NotFound) {
                break;
            }
            co_return out.fail(share.error(), QStringLiteral("unseal"));
        }
        auto applying = node.unseal(std::move(share.value()), parser.isSet(kMigrate));
        auto step = co_await std::move(applying);
        ++given;
        if (!step) {
            auto auditing = SealTarget::audit(session, address, QStringLiteral("vault-unseal"),
                                              BackendError::kindName(step.error().kind()),
                                              QStringLiteral("share %1 refused").arg(given));
            co_await std::move(auditing);
            co_return out.fail(step.error(), QStringLiteral("unseal"));
        }
        if (step->attemptRestarted) {
            out.note(QStringLiteral("someone else reset or restarted this unseal (nonce %1, was "
                                    "%2): the shares given before no longer count")
                         .arg(step->status.nonce, step->previousNonce));
        }
        status = std::move(step->status);
        out.line(QStringLiteral("%1 of %2 shares given%3")
                     .arg(status->sealed ? status->progress : status->threshold)
                     .arg(status->threshold)
                     .arg(status->sealed ? QString() : QStringLiteral(": unsealed")));
    }
    const auto detail =
        QStringLiteral("%1 shares given; %2").arg(given).arg(SealTarget::describe(status.value()));
    auto auditing = SealTarget::audit(session, address, QStringLiteral("vault-unseal"),
                                      QStringLiteral("ok"), detail);
    co_await std::move(auditing);
    if (status->sealed) {
        out.line(QStringLiteral("still sealed: %1 of %2 shares given")
                     .arg(status->progress)
                     .arg(status->threshold));
        co_return static_cast<int>(ExitCode::Unavailable);
    }
    out.line(QStringLiteral("%1 is unsealed").arg(address));
    co_return 0;
}

} // namespace strongroom::cli
