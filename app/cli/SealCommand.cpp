#include "SealCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SealTarget.h"
#include "TerminalPrompt.h"
#include "VaultOperator.h"
#include "VaultSession.h"

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
    CommandParser parser(name(), QStringLiteral("--address URL [--token-stdin] [--yes]"),
                         QStringLiteral("Seals the node: it serves nothing until unsealed with "
                                        "the shares. The token comes from the keychain of the "
                                        "saved Vault connection named by --connection, or from "
                                        "the first line of stdin with --token-stdin. At a "
                                        "terminal you type the address to confirm; elsewhere "
                                        "--yes is needed."));
    SealTarget::addOptions(parser);
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
    VaultOperator node(&vault);
    const auto address = vault.describe();
    if (!parser.isSet(kYes)) {
        if (!TerminalPrompt::isInteractive()) {
            co_return parser.usageError(out, QStringLiteral("sealing needs --yes when not at a "
                                                            "terminal"));
        }
        auto asking = TerminalPrompt::ask(QStringLiteral("Seal %1? Type its address to confirm: ")
                                              .arg(endpoint->address.toString()));
        auto typed = co_await std::move(asking);
        if (!typed || typed->trimmed() != endpoint->address.toString()) {
            co_return out.fail(ExitCode::Failure, QStringLiteral("not sealed: the confirmation "
                                                                 "did not match"));
        }
    }
    auto sealing = node.seal();
    auto sealed = co_await std::move(sealing);
    auto auditing = SealTarget::audit(
        session, address, QStringLiteral("vault-seal"),
        sealed ? QStringLiteral("ok") : BackendError::kindName(sealed.error().kind()), {});
    co_await std::move(auditing);
    if (!sealed) {
        co_return out.fail(sealed.error(), QStringLiteral("seal"));
    }
    out.line(QStringLiteral("%1 is sealed").arg(address));
    co_return 0;
}

} // namespace strongroom::cli
