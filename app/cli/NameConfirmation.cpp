#include "NameConfirmation.h"

#include "CliOutput.h"
#include "CommandParser.h"
#include "TerminalPrompt.h"

namespace strongroom::cli {

void NameConfirmation::addOption(CommandParser& parser) {
    parser.addOption({optionName(),
                      QStringLiteral("The secret's full path, to confirm an action that cannot "
                                     "be undone."),
                      QStringLiteral("path")});
}

std::optional<int> NameConfirmation::requireSource(const CommandParser& parser,
                                                   const CliOutput& out, const QString& path) {
    if (parser.isSet(optionName()) || TerminalPrompt::isInteractive()) {
        return std::nullopt;
    }
    return parser.usageError(
        out, QStringLiteral("stdin is not a terminal: pass --confirm %1").arg(path));
}

QCoro::Task<std::optional<int>> NameConfirmation::confirm(const CommandParser& parser,
                                                          const CliOutput& out, QString path,
                                                          QString question, QString nothing) {
    QString typed = parser.value(optionName());
    if (!parser.isSet(optionName())) {
        auto asking = TerminalPrompt::ask(
            QStringLiteral("%1 Type the secret's path (%2) to confirm: ").arg(question, path));
        auto answer = co_await std::move(asking);
        if (!answer) {
            co_return out.fail(answer.error());
        }
        typed = answer->trimmed();
    }
    if (typed != path) {
        co_return parser.usageError(
            out, QStringLiteral("the confirmation does not match the secret's path '%1'; %2")
                     .arg(path, nothing));
    }
    co_return std::nullopt;
}

} // namespace strongroom::cli
