#include "GetCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretPrinter.h"
#include "SecretService.h"

#include <QPointer>

#include <unistd.h>

namespace strongroom::cli {

QString GetCommand::summary() const {
    return QStringLiteral("Print a secret (key=value lines or --json), or one key's value");
}

QCoro::Task<int> GetCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<path> [key] [--version N]"),
                         QStringLiteral("Prints a secret's current value (or --version N) on "
                                        "stdout: key=value lines, the raw text of a text "
                                        "secret, or JSON with --json. With a key, prints only "
                                        "that value, exactly as stored. Each read is audited."));
    const QString versionOption = QStringLiteral("version");
    parser.addOption({versionOption,
                      QStringLiteral("Read version <id> instead of the current one."),
                      QStringLiteral("id")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 2)) {
        co_return *exit;
    }
    const SecretRef ref{SecretPath::secret(parser.positional().at(0))};
    if (ref.path.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("the secret path is empty"));
    }
    const QString key = parser.positional().value(1);
    auto opened = co_await session.openConnection();
    if (!opened) {
        co_return out.fail(opened.error());
    }
    QPointer<Connection> connection = opened.value();
    SecretService& secrets = session.secrets();
    QString version = parser.value(versionOption);
    if (version.isEmpty()) {
        // Pin the current version first, so the value printed and the version reported match.
        const auto metadata = co_await secrets.metadata(connection, ref);
        if (!metadata) {
            co_return out.fail(metadata.error(), ref.path);
        }
        version = metadata->currentVersion;
    }
    if (!connection) {
        co_return out.fail(ExitCode::Failure, QStringLiteral("the connection closed"));
    }
    const auto value = co_await secrets.read(connection, ref, version);
    if (!value) {
        co_return out.fail(value.error(), QStringLiteral("%1 version %2").arg(ref.path, version));
    }
    const bool json = session.options().json;
    if (key.isEmpty()) {
        const SecretBytes rendered =
            json ? SecretPrinter::asJson(value.value(), session.options().connection, ref.path,
                                         version)
                 : SecretPrinter::asLines(value.value());
        out.writeSecret(rendered.view());
        co_return 0;
    }
    const SecretField* field = value->field(key);
    if (value->format() != SecretValue::Format::KeyValue || field == nullptr) {
        co_return out.fail(
            ExitCode::NotFound,
            QStringLiteral("%1 version %2 has no key '%3'").arg(ref.path, version, key));
    }
    if (json) {
        const SecretValue single = SecretValue::keyValue({*field});
        out.writeSecret(
            SecretPrinter::asJson(single, session.options().connection, ref.path, version).view());
        co_return 0;
    }
    out.writeSecret(field->value.view());
    // Exactly the value for pipes and $(...); a newline only so a terminal prompt is not glued on.
    if (::isatty(STDOUT_FILENO) == 1) {
        out.writeSecret("\n");
    }
    co_return 0;
}

} // namespace strongroom::cli
