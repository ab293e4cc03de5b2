#include "ConnectionMenus.h"

#include "Workspace.h"

#include <QCoreApplication>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace strongroom {

namespace {
QString phrase(const char* source) {
    return QCoreApplication::translate("ConnectionMenus", source);
}
} // namespace

void confirmLogout(QWidget* window, QObject* context, const QString& objectName, bool forget,
                   const QString& text, const QString& informativeText,
                   std::function<void()> confirmed) {
    auto* box = new QMessageBox(window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Question);
    box->setObjectName(objectName);
    box->setWindowTitle(forget ? phrase("Forget connection") : phrase("Log out"));
    box->setText(text);
    box->setInformativeText(informativeText);
    QPushButton* confirm =
        box->addButton(forget ? phrase("&Forget") : phrase("&Log out"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::buttonClicked, context,
                     [confirm, confirmed = std::move(confirmed)](QAbstractButton* clicked) {
                         if (clicked == confirm) {
                             confirmed();
                         }
                     });
    box->open();
}

void addSavedConnectionActions(QMenu* menu, const Workspace* workspace, const QString& providerId,
                               QObject* context, std::function<void(const QString&)> open) {
    for (const ConnectionSettings& saved : workspace->savedConnections()) {
        if (saved.providerId != providerId || workspace->connection(saved.id)) {
            continue;
        }
        QAction* action = menu->addAction(phrase("Open %1").arg(saved.displayName));
        action->setData(saved.id);
        QObject::connect(action, &QAction::triggered, context, [open, id = saved.id] { open(id); });
    }
}

} // namespace strongroom
