#include "ConnectionIds.h"

#include "Connection.h"
#include "Workspace.h"

#include <QCoreApplication>
#include <QPushButton>
#include <QRegularExpression>
#include <QStringList>

namespace strongroom {

QString connectionIdFromName(const QString& name, const QString& prefix, const QString& fallback) {
    QString slug = name.trimmed().toLower();
    slug.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    while (slug.startsWith(QLatin1Char('-'))) {
        slug.remove(0, 1);
    }
    while (slug.endsWith(QLatin1Char('-'))) {
        slug.chop(1);
    }
    return prefix + QLatin1Char('-') + (slug.isEmpty() ? fallback : slug);
}

QString unusedConnectionId(const Workspace* workspace, const QString& base) {
    QStringList taken;
    if (workspace) {
        for (const ConnectionSettings& saved : workspace->savedConnections()) {
            taken << saved.id;
        }
        for (Connection* open : workspace->connections()) {
            taken << open->id();
        }
    }
    QString id = base;
    for (int n = 2; taken.contains(id); ++n) {
        id = base + QLatin1Char('-') + QString::number(n);
    }
    return id;
}

void showConnecting(QWidget* dialog, QPushButton* connectButton, bool busy) {
    connectButton->setText(busy ? QCoreApplication::translate("ConnectDialog", "Connecting…")
                                : QCoreApplication::translate("ConnectDialog", "C&onnect"));
    if (busy) {
        dialog->setCursor(Qt::BusyCursor);
    } else {
        dialog->unsetCursor();
    }
}

} // namespace strongroom
