#include "KeyValueArgument.h"

namespace strongroom::cli {

std::optional<KeyValueArgument> KeyValueArgument::parse(QString& argument, QString& error) {
    const auto equals = argument.indexOf(QLatin1Char('='));
    if (equals < 0) {
        // Only the position is named: without '=' the whole argument may well be a value.
        error = QStringLiteral("expected key=value, key=@file or key=- (an argument has no '=')");
        wipe(argument);
        return std::nullopt;
    }
    if (equals == 0) {
        error = QStringLiteral("expected key=value: the key before '=' is empty");
        wipe(argument);
        return std::nullopt;
    }
    KeyValueArgument parsed;
    parsed.key = argument.left(equals);
    QString rest = argument.mid(equals + 1);
    wipe(argument);
    if (rest == QStringLiteral("-")) {
        parsed.source = Source::Stdin;
    } else if (rest.startsWith(QStringLiteral("@@"))) {
        rest.remove(0, 1);
        parsed.value = SecretBytes::takeFrom(rest);
    } else if (rest.startsWith(QLatin1Char('@'))) {
        parsed.source = Source::File;
        parsed.file = rest.mid(1);
        if (parsed.file.isEmpty()) {
            error = QStringLiteral("key '%1': '@' must be followed by a file name").arg(parsed.key);
            return std::nullopt;
        }
    } else {
        parsed.value = SecretBytes::takeFrom(rest);
    }
    wipe(rest);
    return parsed;
}

} // namespace strongroom::cli
