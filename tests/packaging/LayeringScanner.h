#pragma once

#include <QString>
#include <QStringList>

// Reads the source tree and reports every break of the layering rules: nothing under app/ or
// backends/ includes a Widgets or Gui header or links Qt6::Widgets/Gui, and no provider folder
// under backends/ includes another provider's header. Each violation names the file.
class LayeringScanner {
public:
    explicit LayeringScanner(QString sourceRoot);

    QStringList violations() const;

    // True for QtWidgets/QtGui headers (QWidget, QDialog, QPixmap, QtWidgets/..., Q*Widget...).
    static bool isGuiHeader(const QString& include);

private:
    void scanGuiFree(const QString& folder, QStringList& found) const;
    void scanProviders(QStringList& found) const;
    QString relative(const QString& path) const;

    QString m_root;
};
