#include "StoreInitCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "PassphraseSource.h"
#include "Workspace.h"

#include <QJsonObject>

namespace strongroom::cli {

QString StoreInitCommand::summary() const {
    return QStringLiteral("Create the local encrypted store (key in the OS keychain, or "
                          "--passphrase)");
}

QCoro::Task<int> StoreInitCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("[--passphrase]"),
                         QStringLiteral("Creates the local encrypted store. By default its key "
                                        "is kept in the OS keychain. With --passphrase the key "
                                        "is derived from a passphrase typed twice at the "
                                        "terminal (no echo), or read once from --passphrase-fd "
                                        "or --passphrase-file in scripts."));
    parser.addOption({QStringLiteral("passphrase"),
                      QStringLiteral("Protect the store with a passphrase instead of the OS "
                                     "keychain.")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 0, 0)) {
        co_return *exit;
    }
    Workspace& workspace = session.workspace();
    const QString file = workspace.paths().localStoreFile();
    const auto existing = co_await workspace.probeLocalStore();
    if (existing) {
        co_return out.fail(ExitCode::Failure,
                           QStringLiteral("a local store already exists at %1").arg(file));
    }
    if (existing.error().kind() != BackendError::Kind::NotFound) {
        co_return out.fail(existing.error(), file);
    }
    // A passphrase source on the command line means the operator wants a passphrase store.
    const bool usePassphrase =
        parser.isSet(QStringLiteral("passphrase")) || session.options().hasPassphraseSource();
    SecretBytes passphrase;
    if (usePassphrase) {
        PassphraseSource source(session.options());
        auto asking = source.forNewStore();
        auto typed = co_await std::move(asking);
        if (!typed) {
            co_return out.fail(typed.error());
        }
        passphrase = std::move(typed.value());
    }
    const auto protection =
        usePassphrase ? LocalKeyProtection::Passphrase : LocalKeyProtection::Keychain;
    const auto created = co_await workspace.createLocalStore(protection, std::move(passphrase));
    if (!created) {
        co_return out.fail(created.error(), QStringLiteral("cannot create the local store"));
    }
    const QString protectionName =
        usePassphrase ? QStringLiteral("passphrase") : QStringLiteral("keychain");
    if (session.options().json) {
        out.writeJson(QJsonObject{{QStringLiteral("file"), file},
                                  {QStringLiteral("protection"), protectionName}});
    } else {
        out.line(QStringLiteral("Created the local store at %1 (protected by %2)")
                     .arg(file, usePassphrase ? QStringLiteral("a passphrase")
                                              : QStringLiteral("the OS keychain")));
    }
    co_return 0;
}

} // namespace strongroom::cli
