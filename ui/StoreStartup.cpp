#include "StoreStartup.h"

#include "CredentialStore.h"
#include "DemoSeeder.h"
#include "StoreSetupDialog.h"
#include "UnlockDialog.h"
#include "Workspace.h"

#include <QWidget>

namespace strongroom {

StoreStartup::StoreStartup(Workspace* workspace, QWidget* window, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_window(window) {}

void StoreStartup::start(bool seedDemo) {
    m_seedDemo = seedDemo;
    probe();
}

QCoro::Task<> StoreStartup::probe() {
    QPointer<StoreStartup> self(this);
    auto probeTask = m_workspace->probeLocalStore();
    auto protection = co_await probeTask;
    if (!self) {
        co_return;
    }
    if (!protection.ok()) {
        if (protection.error().kind() == BackendError::Kind::NotFound) {
            showSetup();
        } else {
            Q_EMIT failed(protection.error().message());
        }
        co_return;
    }
    if (protection.value() == LocalKeyProtection::Passphrase) {
        showUnlock();
        co_return;
    }
    auto openTask = m_workspace->openLocalStore();
    auto opened = co_await openTask;
    if (!self) {
        co_return;
    }
    if (!opened.ok()) {
        Q_EMIT failed(opened.error().message());
        co_return;
    }
    finish(opened.value());
}

void StoreStartup::showSetup() {
    auto* dialog = new StoreSetupDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_workspace->credentials()->keychainMissing()) {
        dialog->setKeychainAvailable(false, CredentialStore::unavailableMessage());
    }
    connect(dialog, &StoreSetupDialog::createRequested, this,
            [this, dialog](LocalKeyProtection protection, const SecretBytes& passphrase) {
                create(dialog, protection, passphrase);
            });
    connect(dialog, &QDialog::rejected, this, &StoreStartup::abandoned);
    dialog->open();
}

void StoreStartup::showUnlock() {
    auto* dialog = new UnlockDialog(Workspace::localDisplayName(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UnlockDialog::unlockRequested, this,
            [this, dialog](const SecretBytes& passphrase) { open(dialog, passphrase); });
    connect(dialog, &QDialog::rejected, this, &StoreStartup::abandoned);
    dialog->open();
}

QCoro::Task<> StoreStartup::create(StoreSetupDialog* dialog, LocalKeyProtection protection,
                                   SecretBytes passphrase) {
    QPointer<StoreStartup> self(this);
    QPointer<StoreSetupDialog> guard(dialog);
    dialog->setBusy(true);
    auto createTask = m_workspace->createLocalStore(protection, std::move(passphrase));
    auto created = co_await createTask;
    if (!self) {
        co_return;
    }
    if (guard) {
        guard->setBusy(false);
    }
    if (!created.ok()) {
        if (guard) {
            guard->showError(created.error().message());
        }
        co_return;
    }
    if (guard) {
        guard->accept();
    }
    finish(created.value());
}

QCoro::Task<> StoreStartup::open(UnlockDialog* dialog, SecretBytes passphrase) {
    QPointer<StoreStartup> self(this);
    QPointer<UnlockDialog> guard(dialog);
    dialog->setBusy(true);
    auto openTask = m_workspace->openLocalStore(std::move(passphrase));
    auto opened = co_await openTask;
    if (!self) {
        co_return;
    }
    if (guard) {
        guard->setBusy(false);
    }
    if (!opened.ok()) {
        // A wrong passphrase is answered in the same dialog; the operator tries again.
        if (guard) {
            guard->showError(opened.error().message());
        }
        co_return;
    }
    if (guard) {
        guard->accept();
    }
    finish(opened.value());
}

QCoro::Task<> StoreStartup::finish(Connection* local) {
    QPointer<StoreStartup> self(this);
    QPointer<Connection> connection(local);
    if (m_seedDemo) {
        auto seedTask = m_workspace->demoSeeder()->seedIfEmpty(local);
        auto seeded = co_await seedTask;
        if (!self) {
            co_return;
        }
        if (!seeded.ok()) {
            Q_EMIT failed(seeded.error().message());
        }
    }
    if (connection) {
        Q_EMIT ready(connection);
    }
}

} // namespace strongroom
