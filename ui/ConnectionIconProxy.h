#pragma once

#include <QHash>
#include <QIcon>
#include <QIdentityProxyModel>

namespace strongroom {

// Turns the tree model's icon names ("provider/vault", "folder", "secret", "loading", "error")
// into icons: the models stay free of QtGui, the view gets real decorations. Icons come from the
// application resources, with the style's standard icons when a resource is missing.
class ConnectionIconProxy : public QIdentityProxyModel {
    Q_OBJECT
public:
    explicit ConnectionIconProxy(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    static QIcon iconFor(const QString& name);

private:
    mutable QHash<QString, QIcon> m_cache;
};

} // namespace strongroom
