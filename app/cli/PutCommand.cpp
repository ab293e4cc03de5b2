#include "PutCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "SecretPath.h"
#include "SecretService.h"
#include "SecretValueInput.h"

#include <QJsonObject>
#include <QPointer>
#include <QUuid>

namespace strongroom::cli {

QString PutCommand::summary() const {
    return QStringLiteral("Write a new version: key=value... | --stdin-json | --stdin-text "
                          "[--cas N]");
}

QCoro::Task<int> PutCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(
        name(), QStringLiteral("<path> (key=value... | --stdin-json | --stdin-text) [--cas N]"),
        QStringLiteral("Writes a new version of a secret, replacing all its keys. A value can be "
                       "inline (key=value; visible to other users in the process list, so "
                       "prefer the next two), read from a file (key=@file) or from stdin "
                       "(key=-); key=@@x stores the literal '@x'. --stdin-json reads a JSON "
                       "object, --stdin-text a text secret.\n"
                       "The write only succeeds if the secret is still at the version read just "
                       "before (or at --cas N; --cas 0: it must not exist yet): a concurrent "
                       "change gives exit code 5 and nothing is written."));
    const QString stdinJson = QStringLiteral("stdin-json");
    const QString stdinText = QStringLiteral("stdin-text");
    const QString cas = QStringLiteral("cas");
    parser.addOption({stdinJson, QStringLiteral("Read the value as a JSON object from stdin.")});
    parser.addOption({stdinText, QStringLiteral("Read the value as text from stdin.")});
    parser.addOption(
        {cas, QStringLiteral("Write only if the current version is <N>."), QStringLiteral("N")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    QStringList pairs = parser.positional();
    if (pairs.isEmpty()) {
        co_return parser.requirePositional(out, 1, -1).value_or(0);
    }
    const SecretRef ref{SecretPath::secret(pairs.takeFirst())};
    if (ref.path.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("the secret path is empty"));
    }
    const int sources = (pairs.isEmpty() ? 0 : 1) + (parser.isSet(stdinJson) ? 1 : 0) +
                        (parser.isSet(stdinText) ? 1 : 0);
    if (sources != 1) {
        co_return parser.usageError(out, QStringLiteral("give exactly one of key=value pairs, "
                                                        "--stdin-json or --stdin-text"));
    }
    auto pairsParsed = SecretValueInput::parsePairs(pairs);
    if (!pairsParsed) {
        co_return parser.usageError(out, pairsParsed.error().detail());
    }
    std::optional<QString> expected;
    if (parser.isSet(cas)) {
        const auto number = CommandParser::toCount(parser.value(cas));
        if (!number) {
            co_return parser.usageError(out, QStringLiteral("--cas needs a version number"));
        }
        expected = *number == 0 ? QString() : QString::number(*number);
    }
    // The store is opened first: --passphrase-fd 0 takes the first line of stdin, and the
    // value (key=-, --stdin-*) is the rest.
    auto opened = co_await session.openConnection();
    if (!opened) {
        co_return out.fail(opened.error());
    }
    QPointer<Connection> connection = opened.value();
    QCoro::Task<Result<SecretValue>> reading =
        parser.isSet(stdinJson)   ? SecretValueInput::fromStdinJson()
        : parser.isSet(stdinText) ? SecretValueInput::fromStdinText()
                                  : SecretValueInput::fromPairs(std::move(pairsParsed.value()));
    auto value = co_await reading;
    if (!value) {
        co_return out.fail(value.error());
    }
    SecretService& secrets = session.secrets();
    if (!expected) {
        // Read just before writing: whoever writes in between makes this write a conflict.
        const auto metadata = co_await secrets.metadata(connection, ref);
        if (metadata) {
            expected = metadata->currentVersion;
        } else if (metadata.error().kind() == BackendError::Kind::NotFound) {
            expected = QString();
        } else {
            co_return out.fail(metadata.error(), ref.path);
        }
    }
    if (!connection) {
        co_return out.fail(ExitCode::Failure, QStringLiteral("the connection closed"));
    }
    WriteRequest request{ref, std::move(value.value()), *expected,
                         QUuid::createUuid().toString(QUuid::WithoutBraces)};
    const auto written = co_await secrets.write(connection, std::move(request));
    if (!written) {
        if (written.error().kind() == BackendError::Kind::Conflict) {
            const QString now = written.error().currentVersion();
            co_return out.fail(
                ExitCode::Conflict,
                QStringLiteral("%1 changed: it is at version %2, not %3; nothing was written")
                    .arg(ref.path, now.isEmpty() ? QStringLiteral("(none)") : now,
                         expected->isEmpty() ? QStringLiteral("(none)") : *expected));
        }
        co_return out.fail(written.error(), ref.path);
    }
    if (session.options().json) {
        out.writeJson(QJsonObject{{QStringLiteral("path"), ref.path},
                                  {QStringLiteral("version"), written->newVersion}});
    } else {
        out.line(QStringLiteral("Wrote %1 version %2").arg(ref.path, written->newVersion));
    }
    co_return 0;
}

} // namespace strongroom::cli
