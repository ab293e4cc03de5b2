#include "MetadataCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "MetadataPrinter.h"
#include "SecretPath.h"
#include "SecretService.h"

#include <QPointer>

namespace strongroom::cli {

QString MetadataCommand::summary() const {
    return QStringLiteral("Show or change a secret's metadata (max versions, cas, custom)");
}

QCoro::Task<int> MetadataCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(),
                         QStringLiteral("<path> [--set-max-versions N] [--set-cas-required "
                                        "true|false] [--set-custom k=v]..."),
                         QStringLiteral("Shows a secret's metadata, after applying any --set "
                                        "option. --set-custom merges into the custom metadata "
                                        "and may be repeated; 'k=' (empty value) removes k."));
    const QString maxVersions = QStringLiteral("set-max-versions");
    const QString casRequired = QStringLiteral("set-cas-required");
    const QString custom = QStringLiteral("set-custom");
    parser.addOption({maxVersions, QStringLiteral("Keep at most <N> versions (0: store default)."),
                      QStringLiteral("N")});
    parser.addOption({casRequired, QStringLiteral("Require check-and-set on every write."),
                      QStringLiteral("true|false")});
    parser.addOption(
        {custom, QStringLiteral("Set custom metadata <k> to <v>."), QStringLiteral("k=v")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const SecretRef ref{SecretPath::secret(parser.positional().at(0))};
    if (ref.path.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("the secret path is empty"));
    }
    MetadataUpdate update;
    if (parser.isSet(maxVersions)) {
        update.maxVersions = CommandParser::toCount(parser.value(maxVersions));
        if (!update.maxVersions) {
            co_return parser.usageError(out, QStringLiteral("--set-max-versions needs a number"));
        }
    }
    if (parser.isSet(casRequired)) {
        const QString flag = parser.value(casRequired).toLower();
        if (flag != QStringLiteral("true") && flag != QStringLiteral("false")) {
            co_return parser.usageError(out,
                                        QStringLiteral("--set-cas-required takes true or false"));
        }
        update.casRequired = flag == QStringLiteral("true");
    }
    QMap<QString, QString> customChanges;
    for (const QString& pair : parser.values(custom)) {
        const auto equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            co_return parser.usageError(out, QStringLiteral("--set-custom takes key=value"));
        }
        customChanges.insert(pair.left(equals), pair.mid(equals + 1));
    }
    auto opened = co_await session.openConnection();
    if (!opened) {
        co_return out.fail(opened.error());
    }
    QPointer<Connection> connection = opened.value();
    SecretService& secrets = session.secrets();
    auto metadata = co_await secrets.metadata(connection, ref);
    if (!metadata) {
        co_return out.fail(metadata.error(), ref.path);
    }
    const bool changing = update.maxVersions || update.casRequired || !customChanges.isEmpty();
    if (changing) {
        if (!customChanges.isEmpty()) {
            QMap<QString, QString> merged = metadata->customMetadata;
            for (auto it = customChanges.cbegin(); it != customChanges.cend(); ++it) {
                if (it.value().isEmpty()) {
                    merged.remove(it.key());
                } else {
                    merged.insert(it.key(), it.value());
                }
            }
            update.customMetadata = merged;
        }
        if (!connection) {
            co_return out.fail(ExitCode::Failure, QStringLiteral("the connection closed"));
        }
        const Status updated = co_await secrets.updateMetadata(connection, ref, update);
        if (!updated) {
            co_return out.fail(updated.error(), ref.path);
        }
        metadata = co_await secrets.metadata(connection, ref);
        if (!metadata) {
            co_return out.fail(metadata.error(), ref.path);
        }
    }
    MetadataPrinter::print(out, ref, metadata.value(), session.options().json);
    co_return 0;
}

} // namespace strongroom::cli
