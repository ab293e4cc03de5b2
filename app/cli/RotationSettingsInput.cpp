#include "RotationSettingsInput.h"

namespace strongroom::cli {

std::optional<RotationSettings> RotationSettingsInput::parse(const QStringList& arguments,
                                                             QString& error) {
    RotationSettings settings;
    for (const QString& argument : arguments) {
        const auto equals = argument.indexOf(QLatin1Char('='));
        const QString key = argument.left(equals).trimmed();
        if (equals <= 0 || key.isEmpty()) {
            error = QStringLiteral("--set needs key=value, not '%1'").arg(argument);
            return std::nullopt;
        }
        const QString text = argument.mid(equals + 1);
        bool number = false;
        const qlonglong value = text.toLongLong(&number);
        settings.insert(key, number ? QVariant(value) : QVariant(text));
    }
    return settings;
}

QString RotationSettingsInput::describe(const RotationSettings& settings) {
    QStringList parts;
    // QVariantMap iterates in key order.
    for (auto it = settings.begin(); it != settings.end(); ++it) {
        parts << QStringLiteral("%1=%2").arg(it.key(), it.value().toString());
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace strongroom::cli
