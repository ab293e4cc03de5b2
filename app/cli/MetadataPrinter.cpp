#include "MetadataPrinter.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strongroom::cli {

namespace {
QString timeText(const QDateTime& time) {
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}
} // namespace

void MetadataPrinter::print(const CliOutput& output, const SecretRef& ref,
                            const SecretMetadata& metadata, bool json) {
    if (json) {
        QJsonObject custom;
        for (auto it = metadata.customMetadata.cbegin(); it != metadata.customMetadata.cend();
             ++it) {
            custom.insert(it.key(), it.value());
        }
        QJsonArray details;
        for (const auto& detail : metadata.details) {
            details.append(QJsonObject{{QStringLiteral("label"), detail.label},
                                       {QStringLiteral("value"), detail.value}});
        }
        output.writeJson(
            QJsonObject{{QStringLiteral("path"), ref.path},
                        {QStringLiteral("currentVersion"), metadata.currentVersion},
                        {QStringLiteral("oldestVersion"), metadata.oldestVersion},
                        {QStringLiteral("created"), timeText(metadata.created)},
                        {QStringLiteral("updated"), timeText(metadata.updated)},
                        {QStringLiteral("maxVersions"), metadata.maxVersions},
                        {QStringLiteral("casRequired"), metadata.casRequired},
                        {QStringLiteral("deleteVersionAfter"), metadata.deleteVersionAfter},
                        {QStringLiteral("custom"), custom},
                        {QStringLiteral("details"), details}});
        return;
    }
    auto row = [&](const QString& label, const QString& value) {
        output.line(QStringLiteral("%1 %2").arg(label + QLatin1Char(':'), -21).arg(value));
    };
    row(QStringLiteral("path"), ref.path);
    row(QStringLiteral("current version"), metadata.currentVersion);
    row(QStringLiteral("oldest version"), metadata.oldestVersion);
    row(QStringLiteral("created"), timeText(metadata.created));
    row(QStringLiteral("updated"), timeText(metadata.updated));
    row(QStringLiteral("max versions"), metadata.maxVersions == 0
                                            ? QStringLiteral("store default")
                                            : QString::number(metadata.maxVersions));
    row(QStringLiteral("cas required"),
        metadata.casRequired ? QStringLiteral("true") : QStringLiteral("false"));
    row(QStringLiteral("delete version after"), metadata.deleteVersionAfter.isEmpty()
                                                    ? QStringLiteral("never")
                                                    : metadata.deleteVersionAfter);
    for (auto it = metadata.customMetadata.cbegin(); it != metadata.customMetadata.cend(); ++it) {
        row(QStringLiteral("custom %1").arg(it.key()), it.value());
    }
    for (const auto& detail : metadata.details) {
        row(detail.label, detail.value);
    }
}

} // namespace strongroom::cli
