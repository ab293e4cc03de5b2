#pragma once

#include "LocalUnlock.h"
#include "SecretBytes.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>

class QWidget;

namespace strongroom {

class Connection;
class StoreSetupDialog;
class UnlockDialog;
class Workspace;

// Opens the local store when the console starts: first run shows StoreSetupDialog (keychain or
// passphrase), a passphrase store asks for its passphrase, a keychain store just opens. With
// --demo an empty store is seeded. Every step is a coroutine; dialogs are open(), not exec().
class StoreStartup : public QObject {
    Q_OBJECT
public:
    StoreStartup(Workspace* workspace, QWidget* window, QObject* parent = nullptr);

    void start(bool seedDemo);

Q_SIGNALS:
    void ready(strongroom::Connection* local);
    // The operator closed the first-run or unlock dialog: nothing to work on.
    void abandoned();
    void failed(const QString& message);

private:
    QCoro::Task<> probe();
    void showSetup();
    void showUnlock();
    QCoro::Task<> create(StoreSetupDialog* dialog, LocalKeyProtection protection,
                         SecretBytes passphrase);
    QCoro::Task<> open(UnlockDialog* dialog, SecretBytes passphrase);
    QCoro::Task<> finish(Connection* local);

    Workspace* m_workspace;
    QPointer<QWidget> m_window;
    bool m_seedDemo = false;
};

} // namespace strongroom
