#include "LabelMoves.h"

#include <QCoreApplication>
#include <QMap>
#include <QStringList>

#include <algorithm>

namespace strongroom {

namespace {
// label -> the version holding it (a label is on one version at a time).
QMap<QString, QString> holders(const QList<VersionInfo>& versions, QString* currentLabel) {
    QMap<QString, QString> labels;
    for (const VersionInfo& version : versions) {
        for (const QString& label : version.labels) {
            labels.insert(label, version.id);
            if (version.marks.testFlag(VersionMark::Current) && currentLabel->isEmpty()) {
                *currentLabel = label;
            }
        }
    }
    return labels;
}

QString tr(const char* text) {
    return QCoreApplication::translate("LabelMoves", text);
}
} // namespace

QString LabelMoves::shortId(const QString& versionId) {
    return versionId.size() > 12 ? versionId.left(8) + QStringLiteral("…") : versionId;
}

QString LabelMoves::describe(const QList<VersionInfo>& before, const QList<VersionInfo>& after) {
    QString currentLabel;
    const QMap<QString, QString> was = holders(before, &currentLabel);
    const QMap<QString, QString> is = holders(after, &currentLabel);
    QStringList labels = was.keys();
    for (const QString& label : is.keys()) {
        if (!labels.contains(label)) {
            labels << label;
        }
    }
    // The current label first, then the others in a stable order.
    std::stable_sort(labels.begin(), labels.end(), [&](const QString& a, const QString& b) {
        if ((a == currentLabel) != (b == currentLabel)) {
            return a == currentLabel;
        }
        return a < b;
    });
    QStringList moves;
    for (const QString& label : labels) {
        const QString from = shortId(was.value(label));
        const QString to = shortId(is.value(label));
        if (was.value(label) == is.value(label)) {
            continue;
        }
        if (to.isEmpty()) {
            moves << tr("%1 removed from %2").arg(label, from);
        } else if (label == currentLabel && !from.isEmpty()) {
            moves << tr("%1 moved from %2 to %3").arg(label, from, to);
        } else {
            moves << tr("%1 now on %2").arg(label, to);
        }
    }
    return moves.join(QStringLiteral("; "));
}

} // namespace strongroom
