#pragma once

#include <QString>
#include <QStringList>

// Reads the source tree and reports every break of the layering rules: nothing under app/ or
// backends/ includes a Widgets or Gui header or links Qt6::Widgets/Gui, no provider folder
// under backends/ includes another provider's header, and generic code in app/ and ui/ never
// names a store: it includes no header of a store's folder, names no class declared there and
// does not branch on providerId(). Store folders are the folders named like a backends/ provider
// (backends/vault -> app/vault, ui/vault, app/cli/vault); the `providers/` registries (the one
// list of stores) and the executables' main.cpp may name stores. The local store is the
// workspace's own embedded store, not a registry provider, so it does not count as one here.
// Each violation names the file (and the line for generic code).
class LayeringScanner {
public:
    explicit LayeringScanner(QString sourceRoot);

    QStringList violations() const;

    // True for QtWidgets/QtGui headers (QWidget, QDialog, QPixmap, QtWidgets/..., Q*Widget...).
    static bool isGuiHeader(const QString& include);

private:
    void scanGuiFree(const QString& folder, QStringList& found) const;
    void scanProviders(QStringList& found) const;
    void scanGenericCode(QStringList& found) const;
    QStringList storeNames() const;
    QString relative(const QString& path) const;

    QString m_root;
};
