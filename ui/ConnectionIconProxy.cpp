#include "ConnectionIconProxy.h"

#include "ConnectionTreeModel.h"

#include <QApplication>
#include <QFile>
#include <QStyle>

namespace strongroom {

ConnectionIconProxy::ConnectionIconProxy(QObject* parent)
    : QIdentityProxyModel(parent) {}

QVariant ConnectionIconProxy::data(const QModelIndex& index, int role) const {
    if (role != Qt::DecorationRole) {
        return QIdentityProxyModel::data(index, role);
    }
    const QString name =
        QIdentityProxyModel::data(index, ConnectionTreeModel::IconNameRole).toString();
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
    if (name == QLatin1String("error")) {
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    }
    return style->standardIcon(QStyle::SP_BrowserReload);
}

} // namespace strongroom
