#include "SealCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SealCeremony.h"
#include "SealTarget.h"
#include "TerminalPrompt.h"
#include "VaultSession.h"
#include "Workspace.h"

namespace strongroom::cli {

namespace {
const QString kTokenStdin = QStringLiteral("token-stdin");
const QString kYes = QStringLiteral("yes");
} // namespace

QString SealCommand::summary() const {
    return QStringLiteral("Seal a Vault/OpenBao node (needs a token and a confirmation)");
}

QCoro::Task<int> SealCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(),
                         QStringLiteral("--address URL [--cluster [--node URL]...] [--token-stdin] "
                                        "[--yes]"),
                         QStringLiteral("Seals the node: it serves nothing until unsealed with "
                                        "the shares. The token comes from the keychain of the "
                                        "saved Vault connection named by --connection, or from "
                                        "the first line of stdin with --token-stdin. At a "
                                        "terminal you type the address to confirm; elsewhere "
                                        "--yes is needed. With --cluster every node is sealed "
                                        "(those sys/ha-status lists and the --node ones), "
                                        "standbys first and the active node last."));
    SealTarget::addOptions(parser);
    SealTarget::addClusterOptions(parser);
    parser.addOption({kTokenStdin, QStringLiteral("Read the token from the first line of stdin.")});
    parser.addOption({kYes, QStringLiteral("Seal without asking (scripts).")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    QString why;
    auto endpoint = SealTarget::endpoint(parser, &why);
    if (!endpoint) {
        co_return parser.usageError(out, why);
    }
    auto fetching = SealTarget::token(session, parser.isSet(kTokenStdin));
    auto token = co_await std::move(fetching);
    if (!token) {
        co_return out.fail(token.error(), QStringLiteral("seal"));
    }
    if (token->isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("sealing needs a token: --connection "
                                                        "<saved vault connection> or "
                                                        "--token-stdin"));
    }
    VaultSession vault(*endpoint);
    vault.setToken(std::move(token.value()));
    const bool cluster = SealTarget::clusterWanted(parser);
    SealCeremony ceremony(
        &vault, cluster ? SealTarget::clusterNodes(session, parser) : QStringList(),
        session.workspace().auditLog(), SealTarget::auditName(session, *endpoint));
    const auto address = SealTarget::address(*endpoint);
    if (!parser.isSet(kYes)) {
        if (!TerminalPrompt::isInteractive()) {
            co_return parser.usageError(out, QStringLiteral("sealing needs --yes when not at a "
                                                            "terminal"));
        }
        auto asking =
            TerminalPrompt::ask(QStringLiteral("Seal %1%2? Type its address to confirm: ")
                                    .arg(SealTarget::clusterWanted(parser)
                                             ? QStringLiteral("every node of the cluster of ")
                                             : QString(),
                                         endpoint->address.toString()));
        auto typed = co_await std::move(asking);
        if (!typed || typed->trimmed() != endpoint->address.toString()) {
            co_return out.fail(ExitCode::Failure, QStringLiteral("not sealed: the confirmation "
                                                                 "did not match"));
        }
    }
    if (cluster) {
        auto sealingAll = sealCluster(session, ceremony);
        co_return co_await std::move(sealingAll);
    }
    auto sealing = ceremony.seal();
    auto sealed = co_await std::move(sealing);
    if (!sealed) {
        co_return out.fail(sealed.error(), QStringLiteral("seal"));
    }
    out.line(QStringLiteral("%1 is sealed").arg(address));
    co_return 0;
}

QCoro::Task<int> SealCommand::sealCluster(CliSession& session, SealCeremony& ceremony) {
    CliOutput& out = session.output();
    auto reading = ceremony.refresh();
    const auto report = co_await std::move(reading);
    if (!report.haError.isEmpty()) {
        out.note(report.haError);
    }
    auto sealing = ceremony.sealCluster();
    const auto outcomes = co_await std::move(sealing);
    std::optional<BackendError> firstError;
    for (const auto& outcome : outcomes) {
        if (outcome.skipped) {
            out.line(QStringLiteral("%1 was already sealed").arg(outcome.address));
            continue;
        }
        if (outcome.error) {
            firstError = firstError ? firstError : outcome.error;
            out.line(QStringLiteral("%1 was not sealed: %2")
                         .arg(outcome.address, outcome.error->message()));
        } else {
            out.line(QStringLiteral("%1 is sealed").arg(outcome.address));
        }
    }
    if (firstError) {
        co_return out.fail(*firstError, QStringLiteral("seal --cluster"));
    }
    co_return 0;
}

} // namespace strongroom::cli
