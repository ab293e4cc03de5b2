#include "UnsealCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SealTarget.h"
#include "UnsealCeremony.h"
#include "Workspace.h"

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
    const auto address = SealTarget::address(*endpoint);
    UnsealCeremony ceremony(*endpoint, address, session.workspace().auditLog(),
                            SealTarget::auditName(session, *endpoint));
    auto reading = ceremony.refresh();
    auto read = co_await std::move(reading);
    if (!read) {
        co_return out.fail(read.error(), QStringLiteral("unseal"));
    }
    if (parser.isSet(kReset)) {
        auto resetting = ceremony.reset();
        auto reset = co_await std::move(resetting);
        if (!reset) {
            co_return out.fail(reset.error(), QStringLiteral("unseal --reset"));
        }
        out.note(QStringLiteral("the shares given so far were discarded"));
    }
    const VaultSealStatus& status = *ceremony.node(0).status;
    if (!status.initialized) {
        co_return out.fail(
            ExitCode::Failure,
            QStringLiteral("%1 is not initialized (see: strongroom-cli init)").arg(address));
    }
    out.note(QStringLiteral("%1: %2").arg(address, SealTarget::describe(status)));
    QObject::connect(&ceremony, &UnsealCeremony::attemptChanged,
                     [&out](int, const QString& before, const QString& after) {
                         out.note(
                             QStringLiteral("someone else reset or restarted this unseal "
                                            "(nonce %1, was %2): the shares given before no "
                                            "longer count")
                                 .arg(after.isEmpty() ? QStringLiteral("none") : after, before));
                     });
    QObject::connect(&ceremony, &UnsealCeremony::shareApplied, [&out, &ceremony](int index) {
        const VaultSealStatus& now = *ceremony.node(index).status;
        out.line(QStringLiteral("%1 of %2 shares given%3")
                     .arg(now.sealed ? now.progress : now.threshold)
                     .arg(now.threshold)
                     .arg(now.sealed ? QString() : QStringLiteral(": unsealed")));
    });
    auto taking = ceremony.takeShares(SealTarget::shareSource(QStringLiteral("unseal share")),
                                      parser.isSet(kMigrate));
    auto taken = co_await std::move(taking);
    if (!taken) {
        co_return out.fail(taken.error(), QStringLiteral("unseal"));
    }
    const VaultSealStatus& last = *ceremony.node(0).status;
    if (last.sealed) {
        out.line(QStringLiteral("still sealed: %1 of %2 shares given")
                     .arg(last.progress)
                     .arg(last.threshold));
        co_return static_cast<int>(ExitCode::Unavailable);
    }
    out.line(QStringLiteral("%1 is unsealed").arg(address));
    co_return 0;
}

} // namespace strongroom::cli
