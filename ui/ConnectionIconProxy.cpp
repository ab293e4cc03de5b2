#include "ConnectionIconProxy.h"

#include "ConnectionTreeModel.h"
#include "SecretBackend.h"

#include <QApplication>
#include <QFile>
#include <QStyle>

namespace strongroom {

ConnectionIconProxy::ConnectionIconProxy(QObject* parent)
    : QIdentityProxyModel(parent) {}

QVariant ConnectionIconProxy::data(const QModelIndex& index, int role) const {
    // A sealed server or a refused token is shown on the connection row itself, distinct from
    // a healthy one: the state's icon replaces the provider's, the tooltip says what to do.
    const QString state =
        QIdentityProxyModel::data(index, ConnectionTreeModel::StateRole).toString();
    const bool blocked = state == connectionStateName(ConnectionState::Sealed) ||
                         state == connectionStateName(ConnectionState::Expired);
    if (role == Qt::ToolTipRole && blocked) {
        const QString base = QIdentityProxyModel::data(index, role).toString();
        return state == connectionStateName(ConnectionState::Sealed)
                   ? tr("%1\nThe server is sealed: nothing can be read until it is unsealed.")
                         .arg(base)
                   : tr("%1\nThe token expired or was revoked: right-click › Log in again.")
                         .arg(base);
    }
    if (role != Qt::DecorationRole) {
        return QIdentityProxyModel::data(index, role);
    }
    const QString name =
        blocked ? QStringLiteral("state/") + state
                : QIdentityProxyModel::data(index, ConnectionTreeModel::IconNameRole).toString();
    if (name.isEmpty()) {
        return {};
    }
    auto it = m_cache.find(name);
    if (it == m_cache.end()) {
        it = m_cache.insert(name, iconFor(name));
    }
    return *it;
}

QIcon ConnectionIconProxy::iconFor(const QString& name) {
    for (const char* extension : {".svg", ".png"}) {
        // Resource names are flat: "provider/local" is bundled as "provider-local.svg".
        QString flat = name;
        flat.replace(QLatin1Char('/'), QLatin1Char('-'));
        const QString path = QStringLiteral(":/icons/") + flat + QLatin1String(extension);
        if (QFile::exists(path)) {
            return QIcon(path);
        }
    }
    QStyle* style = QApplication::style();
    if (name.startsWith(QLatin1String("provider/"))) {
        return style->standardIcon(QStyle::SP_DriveNetIcon);
    }
    if (name == QLatin1String("folder")) {
        return style->standardIcon(QStyle::SP_DirIcon);
    }
    if (name == QLatin1String("secret")) {
        return style->standardIcon(QStyle::SP_FileIcon);
    }
    if (name == QLatin1String("state/sealed")) {
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    }
    if (name == QLatin1String("error") || name.startsWith(QLatin1String("state/"))) {
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    }
    return style->standardIcon(QStyle::SP_BrowserReload);
}

} // namespace strongroom
