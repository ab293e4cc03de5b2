#include "DiffCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "DiffPrinter.h"
#include "SecretPath.h"
#include "SecretService.h"

namespace strongroom::cli {

QString DiffCommand::summary() const {
    return QStringLiteral("Key-level differences between two versions (+ added, - removed, ~ "
                          "changed)");
}

QCoro::Task<int> DiffCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(), QStringLiteral("<path> <A> <B> [--show-values]"),
                         QStringLiteral("Compares version A with version B of a secret: '+ key' "
                                        "added in B, '- key' removed, '~ key' changed. Values "
                                        "are hidden unless --show-values. Audited as a "
                                        "compare."));
    const QString showValues = QStringLiteral("show-values");
    parser.addOption({showValues, QStringLiteral("Also print the values that differ.")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 3, 3)) {
        co_return *exit;
    }
    const SecretRef ref{SecretPath::secret(parser.positional().at(0))};
    if (ref.path.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("the secret path is empty"));
    }
    const QString before = parser.positional().at(1);
    const QString after = parser.positional().at(2);
    auto connection = co_await session.openConnection();
    if (!connection) {
        co_return out.fail(connection.error());
    }
    const auto diff =
        co_await session.secrets().compareVersions(connection.value(), ref, before, after);
    if (!diff) {
        co_return out.fail(diff.error(),
                           QStringLiteral("%1 versions %2 and %3").arg(ref.path, before, after));
    }
    const bool withValues = parser.isSet(showValues);
    if (session.options().json) {
        out.writeSecret(DiffPrinter::asJson(diff.value(), withValues).view());
    } else if (withValues) {
        out.writeSecret(DiffPrinter::withValues(diff.value()).view());
    } else {
        for (const QString& line : DiffPrinter::keyLines(diff.value())) {
            out.line(line);
        }
    }
    co_return 0;
}

} // namespace strongroom::cli
