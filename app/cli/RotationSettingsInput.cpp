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
        settings.insert(key, argument.mid(equals + 1));
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
