#include "AwsRotationModeAlias.h"

#include "AwsConnectionCheck.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "RotationCommand.h"
#include "VerbAlias.h"

namespace strongroom::cli {

namespace {
const QString kVersion = QStringLiteral("version");
}

AwsRotationModeAlias AwsRotationModeAlias::cancelRotation() {
    AwsRotationModeAlias alias;
    alias.m_name = QStringLiteral("aws cancel-rotation");
    alias.m_summary = QStringLiteral("turns automatic rotation off");
    alias.m_description = QStringLiteral(
        "CancelRotateSecret: turns automatic rotation off. A rotation already under way may "
        "leave AWSPENDING on a version; see `rotation` and `rotation --clear-stuck`. The same as "
        "`rotation <path> --off`, with the same output and audit entry.");
    alias.m_mode = QStringLiteral("--off");
    return alias;
}

AwsRotationModeAlias AwsRotationModeAlias::clearPending() {
    AwsRotationModeAlias alias;
    alias.m_name = QStringLiteral("aws clear-pending");
    alias.m_summary = QStringLiteral("with --version <id>: removes a stuck AWSPENDING");
    alias.m_description = QStringLiteral(
        "Removes AWSPENDING from the version a failed rotation left it on, so the next rotation "
        "can start. Refused when that version is AWSCURRENT or the labels moved since `rotation` "
        "showed them. No value changes. The same as `rotation <path> --clear-stuck --version "
        "<id>`, with the same output and audit entries.");
    alias.m_mode = QStringLiteral("--clear-stuck");
    alias.m_needsVersion = true;
    return alias;
}

QString AwsRotationModeAlias::summary() const {
    return VerbAlias::aliasSummary(m_summary, QStringLiteral("rotation ") + m_mode);
}

QCoro::Task<int> AwsRotationModeAlias::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(m_name,
                         m_needsVersion ? QStringLiteral("--connection <id> <path> --version <id>")
                                        : QStringLiteral("--connection <id> <path>"),
                         m_description);
    if (m_needsVersion) {
        parser.addOption(
            {kVersion, QStringLiteral("The version holding AWSPENDING."), QStringLiteral("id")});
    }
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    // The generic verb parses these again; the global options are already in the session.
    QStringList forVerb{arguments.value(0), parser.positional().first(), m_mode};
    if (m_needsVersion) {
        const QString version = parser.value(kVersion).trimmed();
        if (version.isEmpty()) {
            co_return parser.usageError(out, QStringLiteral("--version is needed"));
        }
        forVerb << QStringLiteral("--version") << version;
    }
    RotationCommand rotation;
    auto running =
        rotation.runAs(session, forVerb, VerbInvocation{m_name, &AwsConnectionCheck::check});
    co_return co_await std::move(running);
}

} // namespace strongroom::cli
