// The flows every store shares, driven through the real window against FakeStore connections
// that claim what a store may have (no server): the store picker of Connect…, the generic delete
// dialog (a recovery window, delete without recovery, a store without a bin), the bin (restore,
// purge behind the typed name), the rotation dialog (stuck banner, rotate now, a store's own
// settings form saved and turned off) and enabling / disabling versions with the marks any store
// may set. A store UI added by the test stands for the next store: its form and its credential
// text reach the window without a generic file knowing it.
#include "AppSettings.h"
#include "AuditActions.h"
#include "AuditLog.h"
#include "Await.h"
#include "AwsConnectDialog.h"
#include "ConnectionsPane.h"
#include "DeletedSecretsDialog.h"
#include "DeleteSecretDialog.h"
#include "ErrorLabel.h"
#include "FakeStore.h"
#include "IsolatedHome.h"
#include "MainWindow.h"
#include "ProviderRegistry.h"
#include "RotationDialog.h"
#include "RotationSettingsEditor.h"
#include "SecretPane.h"
#include "SecretPresenter.h"
#include "StoreConnector.h"
#include "StorePickerDialog.h"
#include "StoreUi.h"
#include "TypedConfirmationDialog.h"
#include "UiRows.h"
#include "UiWait.h"
#include "VaultConnectDialog.h"
#include "VersionsModel.h"
#include "VersionsTab.h"
#include "WarningLabel.h"
#include "Workspace.h"

#include <QAction>
#include <QDir>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>

using namespace strongroom;
using namespace strongroom::testing;

namespace {

const QString binId = QStringLiteral("bin-store");
const QString plainId = QStringLiteral("plain-store");
const QString rotatingId = QStringLiteral("rotating-store");
const QString versionsId = QStringLiteral("versions-store");
const QString nextStore = QStringLiteral("next-store");
const QString noBinNote = QStringLiteral("This store keeps no bin: a deleted secret is gone.");

void click(QWidget* widget) {
    QTest::mouseClick(widget, Qt::LeftButton);
}

// Radio buttons take clicks on their indicator and label, at the left of a wide row.
void clickIndicator(QWidget* radio) {
    QTest::mouseClick(radio, Qt::LeftButton, Qt::NoModifier, QPoint(6, radio->height() / 2));
}

void clickRow(QAbstractItemView* table, int row, Qt::KeyboardModifiers modifiers = {}) {
    const QRect cell = table->visualRect(table->model()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers, cell.center());
}

void typeInto(QSpinBox* box, const QString& text) {
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Tab);
}

QStringList labelTexts(QWidget* widget) {
    QStringList texts;
    for (const QLabel* label : widget->findChildren<QLabel*>()) {
        if (label->isVisible()) {
            texts << label->text();
        }
    }
    return texts;
}

// How the next store says "every N days": one spin box, the key its backend reads.
class IntervalForm : public RotationSettingsEditor {
    Q_OBJECT
public:
    explicit IntervalForm(QWidget* parent)
        : RotationSettingsEditor(parent)
        , days(new QSpinBox(this)) {
        days->setRange(1, 365);
        days->setSuffix(QStringLiteral(" days"));
        auto* layout = new QFormLayout(this);
        layout->addRow(QStringLiteral("Every:"), days);
        connect(days, &QSpinBox::valueChanged, this, &RotationSettingsEditor::edited);
    }
    void showSettings(const RotationInfo& rotation) override {
        days->setValue(
            rotation.settings.value(QStringLiteral("automaticallyAfterDays"), 30).toInt());
    }
    std::optional<RotationSettings> settings(QString*) const override {
        return RotationSettings{{QStringLiteral("automaticallyAfterDays"), days->value()}};
    }
    QString summary() const override { return QStringLiteral("every %1 days").arg(days->value()); }
    bool isComplete() const override { return true; }
    void setBusy(bool busy) override { days->setEnabled(!busy); }

    QSpinBox* days;
};

class NextConnector : public StoreConnector {
    Q_OBJECT
public:
    NextConnector(Workspace* workspace, QObject* parent)
        : StoreConnector(workspace, nextStore, parent) {}
    QCoro::Task<Result<Connection*>> reconnectSaved(QString) override {
        co_return BackendError(BackendError::Kind::Unsupported);
    }
    QCoro::Task<Status> logout(QString, bool) override { co_return Done{}; }
    std::optional<std::chrono::seconds> timeLeft(const QString&) const override {
        return std::chrono::minutes(5);
    }
    QString credentialStatus(const QString& id) const override {
        return workspace()->connection(id) ? QStringLiteral("Next key: 5 min left") : QString();
    }
};

class NextStoreUi : public StoreUi {
    Q_OBJECT
public:
    NextStoreUi(Workspace* workspace, QWidget* window)
        : StoreUi(nextStore, workspace, window)
        , m_connector(new NextConnector(workspace, this)) {
        followSignInRequests();
    }
    StoreConnector* connector() const override { return m_connector; }
    QDialog* openConnectDialog() override { return nullptr; }
    QCoro::Task<> reopen(QString) override { co_return; }
    void promptSignIn(const QString& id, const QString& reason) override {
        signInsAsked << id + QLatin1Char(':') + reason;
    }
    void addMenuActions(QMenu* menu, const QString&, const QString&) override {
        menu->addAction(QStringLiteral("Next store's own action"));
    }
    RotationSettingsEditor* makeRotationSettingsForm(QWidget* parent) override {
        return new IntervalForm(parent);
    }

    QStringList signInsAsked;

private:
    NextConnector* m_connector;
};

} // namespace

class TestStoreFlowsUi : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<IsolatedHome> m_home;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;
    QPointer<FakeStore> m_bin;
    QPointer<FakeStore> m_plain;
    QPointer<FakeStore> m_rotating;
    QPointer<FakeStore> m_versions;
    NextStoreUi* m_next = nullptr;

    SecretPresenter* presenter() const { return m_window->presenter(); }
    QTreeView* tree() const { return m_window->connectionsPane()->treeView(); }
    QTableView* versionsTable() const { return m_window->secretPane()->versionsTab()->table(); }
    QString statusMessage() const { return m_window->statusBar()->currentMessage(); }

    static void screenshot(QWidget* widget, const QString& name) {
        QString dir = qEnvironmentVariable("STRONGROOM_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            dir = qEnvironmentVariable("STRONGROOM_BINARY_DIR") + QStringLiteral("/screenshots");
        }
        QDir().mkpath(dir);
        QTest::qWait(150); // let pending layouts and paints settle
        QVERIFY(
            widget->grab().save(dir + QStringLiteral("/store-") + name + QStringLiteral(".png")));
    }

    FakeStore* add(const QString& id, const QString& name, const QString& provider) {
        auto store = std::make_unique<FakeStore>(provider);
        FakeStore* raw = store.get();
        m_workspace->addConnection(std::move(store), id, name);
        return raw;
    }

    void openSecret(const QString& id, const QString& path) {
        m_window->openSecret(id, path);
        WAIT_VERIFY(presenter()->ref().path == path && !presenter()->isBusy(), 15000);
    }

    QString marksOf(const QString& version) const {
        const int row = presenter()->versions()->rowOf(version);
        return presenter()->versions()->index(row, VersionsModel::MarksColumn).data().toString();
    }

    QStringList audited(const QString& action) {
        auto recent = await(m_workspace->auditLog()->recent(0));
        QStringList details;
        for (const AuditEntry& entry : recent.value()) {
            if (entry.action == action) {
                details << entry.path + QLatin1Char(' ') + entry.detail;
            }
        }
        return details;
    }

private Q_SLOTS:
    void initTestCase() {
        m_home = std::make_unique<IsolatedHome>();
        m_workspace = std::make_unique<Workspace>();
        m_workspace->settings()->setIdleLockMinutes(0);

        m_bin = add(binId, QStringLiteral("Bin store"), QStringLiteral("fake"));
        DeletionRules rules;
        rules.hasBin = true;
        rules.windowChosenPerDelete = true;
        rules.minRecoveryDays = 7;
        rules.maxRecoveryDays = 30;
        rules.defaultRecoveryDays = 30;
        m_bin->setDeletionRules(rules);
        m_bin->claim(CapabilitySet(Capability::RecoverableDelete) | Capability::ListDeleted |
                     Capability::RestoreSecret | Capability::PurgeSecret);
        for (const char* name : {"team/alpha", "team/beta", "team/gamma"}) {
            m_bin->put(QString::fromLatin1(name), {{QStringLiteral("k"), QStringLiteral("v")}});
        }

        m_plain = add(plainId, QStringLiteral("Plain store"), QStringLiteral("fake"));
        DeletionRules none;
        none.note = noBinNote;
        m_plain->setDeletionRules(none);
        m_plain->put(QStringLiteral("app/x"), {{QStringLiteral("k"), QStringLiteral("v")}});

        m_rotating = add(rotatingId, QStringLiteral("Next store"), nextStore);
        m_rotating->claim(CapabilitySet(Capability::RotationStatus) | Capability::Rotate |
                          Capability::ConfigureRotation | Capability::ClearStuckRotation);
        m_rotating->put(QStringLiteral("svc/api"),
                        {{QStringLiteral("token"), QStringLiteral("a")}});
        RotationInfo stuck;
        stuck.enabled = true;
        stuck.schedule = QStringLiteral("every 30 days");
        stuck.rotator = RotationInfo::Rotator::GeneratedValue;
        stuck.state = RotationInfo::State::Stuck;
        stuck.stuckVersion = QStringLiteral("1");
        stuck.stuckReason = QStringLiteral("the new value of version 1 was never confirmed");
        stuck.settings = {{QStringLiteral("automaticallyAfterDays"), 30}};
        m_rotating->setRotation(QStringLiteral("svc/api"), stuck);

        m_versions = add(versionsId, QStringLiteral("Versions store"), QStringLiteral("fake"));
        m_versions->claim(Capability::EnableVersion);
        for (const char* value : {"one", "two", "three"}) {
            m_versions->put(QStringLiteral("cfg/app"),
                            {{QStringLiteral("k"), QString::fromLatin1(value)}});
        }
        const QDateTime inAWeek = QDateTime::currentDateTimeUtc().addDays(7);
        m_versions->annotateVersion(QStringLiteral("cfg/app"), QStringLiteral("1"),
                                    [&](VersionInfo& info) { info.destroyAt = inAWeek; });
        m_versions->annotateVersion(QStringLiteral("cfg/app"), QStringLiteral("2"),
                                    [&](VersionInfo& info) {
                                        info.expires = inAWeek;
                                        info.marks |= VersionMark::Expired;
                                    });

        m_window = std::make_unique<MainWindow>(m_workspace.get());
        m_next = new NextStoreUi(m_workspace.get(), m_window.get());
        m_window->addStoreUi(m_next);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    // Connect… lists every store of the registry with its summary; Enter or a double-click
    // opens that store's own connect dialog.
    void storePickerOpensTheChosenStoresConnectDialog() {
        m_window->connectAction()->trigger();
        QPointer<StorePickerDialog> picker = waitForDialog<StorePickerDialog>();
        QVERIFY(picker);
        for (const ProviderDescription& provider : ProviderRegistry::builtin().all()) {
            const int row = picker->rowOf(provider.displayName);
            QVERIFY2(row >= 0, qPrintable(provider.displayName));
            QVERIFY(picker->list()->item(row)->text().contains(provider.summary));
            QVERIFY(!picker->list()->item(row)->icon().isNull());
        }
        QVERIFY(picker->rowOf(nextStore) >= 0); // a store UI the registry does not know yet
        screenshot(picker, QStringLiteral("picker"));
        QListWidget* list = picker->list();
        const QPoint aws =
            list->visualItemRect(list->item(picker->rowOf(QStringLiteral("AWS Secrets Manager"))))
                .center();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, aws);
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, aws);
        QPointer<AwsConnectDialog> awsDialog = waitForDialog<AwsConnectDialog>();
        QVERIFY(awsDialog);
        WAIT_VERIFY(!picker || !picker->isVisible(), 5000); // the picker closed itself
        awsDialog->reject();

        m_window->connectAction()->trigger();
        picker = waitForDialog<StorePickerDialog>();
        QVERIFY(picker);
        const int vault = picker->rowOf(QStringLiteral("Vault / OpenBao"));
        QTest::mouseClick(picker->list()->viewport(), Qt::LeftButton, Qt::NoModifier,
                          picker->list()->visualItemRect(picker->list()->item(vault)).center());
        QTest::keyClick(picker->list(), Qt::Key_Return);
        QPointer<VaultConnectDialog> vaultDialog = waitForDialog<VaultConnectDialog>();
        QVERIFY(vaultDialog);
        WAIT_VERIFY(!awsDialog || !awsDialog->isVisible(), 5000);
        QVERIFY(!waitForDialog<AwsConnectDialog>(300)); // Enter opened one dialog, Vault's
        vaultDialog->reject();
    }

    void deleteWithARecoveryWindowMovesTheSecretToTheBin() {
        openSecret(binId, QStringLiteral("team/alpha"));
        QVERIFY(m_window->deleteSecretAction()->isEnabled());
        m_window->deleteSecretAction()->trigger();
        QPointer<DeleteSecretDialog> choice = waitForDialog<DeleteSecretDialog>();
        QVERIFY(choice);
        QVERIFY(choice->binChoice()->isChecked());
        QCOMPARE(choice->recoveryDaysField()->value(), 30);  // the store's default
        QCOMPARE(choice->recoveryDaysField()->minimum(), 7); // the store's range
        QCOMPARE(choice->recoveryDaysField()->maximum(), 30);
        typeInto(choice->recoveryDaysField(), QStringLiteral("12"));
        QVERIFY(!choice->forceWarning()->isEnabled());
        click(choice->continueButton());
        QPointer<TypedConfirmationDialog> confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QVERIFY(labelTexts(confirm).join(QLatin1Char('\n')).contains(QStringLiteral("12 day")));
        QTest::keyClicks(confirm->nameField(), QStringLiteral("team/alpha"));
        QVERIFY(!confirm->confirmButton()->isEnabled()); // the name, not the path
        confirm->nameField()->clear();
        QTest::keyClicks(confirm->nameField(), QStringLiteral("alpha"));
        click(confirm->confirmButton());
        WAIT_VERIFY(m_bin->inBin(QStringLiteral("team/alpha")), 10000);
        QCOMPARE(m_bin->lastDeleteOptions()->recoveryDays, 12);
        QVERIFY(!m_bin->lastDeleteOptions()->force);
        WAIT_VERIFY(!presenter()->hasSecret(), 5000);
        QVERIFY(statusMessage().contains(QStringLiteral("to the bin")));
        WAIT_VERIFY(!childNames(tree(), viewIndex(tree(), binId, QStringLiteral("team/")))
                         .contains(QStringLiteral("alpha")),
                    10000);
        QCOMPARE(audited(actions::deleteSecret()),
                 QStringList{QStringLiteral("team/alpha recovery window 12 days")});
    }

    void deleteWithoutRecoveryIsALoudChoice() {
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(binId, QStringLiteral("team/beta")));
        QAction* remove = findAction(menu.get(), QStringLiteral("Delete secret…"));
        QVERIFY(remove);
        remove->trigger();
        QPointer<DeleteSecretDialog> choice = waitForDialog<DeleteSecretDialog>();
        QVERIFY(choice);
        QVERIFY(choice->forceChoice());
        clickIndicator(choice->forceChoice());
        QVERIFY(choice->forceChoice()->isChecked());
        QVERIFY(choice->forceWarning()->isEnabled());
        QVERIFY(!choice->recoveryDaysField()->isEnabled());
        QCOMPARE(choice->continueButton()->text().remove(QLatin1Char('&')),
                 QStringLiteral("Continue to delete for good…"));
        screenshot(choice, QStringLiteral("delete-without-recovery"));
        click(choice->continueButton());
        QPointer<TypedConfirmationDialog> confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QCOMPARE(confirm->windowTitle(), QStringLiteral("Delete secret for good"));
        QTest::keyClicks(confirm->nameField(), QStringLiteral("beta"));
        click(confirm->confirmButton());
        WAIT_VERIFY(!m_bin->contains(QStringLiteral("team/beta")), 10000);
        QVERIFY(!m_bin->inBin(QStringLiteral("team/beta")));
        QVERIFY(m_bin->lastDeleteOptions()->force);
        WAIT_VERIFY(statusMessage().contains(QStringLiteral("for good")), 5000);
    }

    // Nothing to choose on a store without a bin: the typed name, with the store's note.
    void aStoreWithoutABinSaysSoAndAsksOnlyForTheName() {
        openSecret(plainId, QStringLiteral("app/x"));
        m_window->deleteSecretAction()->trigger();
        QPointer<TypedConfirmationDialog> confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QVERIFY(!waitForDialog<DeleteSecretDialog>(200));
        QVERIFY2(labelTexts(confirm).join(QLatin1Char('\n')).contains(noBinNote),
                 qPrintable(labelTexts(confirm).join(QLatin1Char('|'))));
        QTest::keyClicks(confirm->nameField(), QStringLiteral("x"));
        click(confirm->confirmButton());
        WAIT_VERIFY(!m_plain->contains(QStringLiteral("app/x")), 10000);
        QVERIFY(!m_plain->inBin(QStringLiteral("app/x")));
        // And it offers no bin.
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(plainId, QString()));
        QVERIFY(!findAction(menu.get(), QStringLiteral("Deleted secrets…")));
    }

    void theBinRestoresAndPurgesBehindTheTypedName() {
        QVERIFY(await(m_bin->deleteSecret(SecretRef{QStringLiteral("team/gamma")}, {})).ok());
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(binId, QString()));
        QAction* open = findAction(menu.get(), QStringLiteral("Deleted secrets…"));
        QVERIFY(open);
        open->trigger();
        QPointer<DeletedSecretsDialog> bin = waitForDialog<DeletedSecretsDialog>();
        QVERIFY(bin);
        WAIT_VERIFY(bin->paths() ==
                        (QStringList{QStringLiteral("team/alpha"), QStringLiteral("team/gamma")}),
                    10000);
        QVERIFY(!bin->table()->isColumnHidden(DeletedSecretsDialog::DeletedColumn));
        QVERIFY(!bin->table()->item(0, DeletedSecretsDialog::PurgeColumn)->text().isEmpty());
        QVERIFY(!bin->restoreButton()->isEnabled() && !bin->purgeButton()->isEnabled());
        clickRow(bin->table(), 0);
        QVERIFY(bin->restoreButton()->isEnabled() && bin->purgeButton()->isEnabled());
        screenshot(bin, QStringLiteral("bin"));
        click(bin->restoreButton());
        QMessageBox* sure = waitForBox(QStringLiteral("Restore team/alpha"));
        QVERIFY(sure);
        QVERIFY(clickBoxButton(sure, QStringLiteral("Restore")));
        WAIT_VERIFY(bin->paths() == QStringList{QStringLiteral("team/gamma")} && !bin->isBusy(),
                    10000);
        QVERIFY(m_bin->contains(QStringLiteral("team/alpha")));
        WAIT_VERIFY(childNames(tree(), viewIndex(tree(), binId, QStringLiteral("team/")))
                        .contains(QStringLiteral("alpha")),
                    10000);

        clickRow(bin->table(), 0);
        click(bin->purgeButton());
        QPointer<TypedConfirmationDialog> confirm = waitForDialog<TypedConfirmationDialog>();
        QVERIFY(confirm);
        QVERIFY(confirm->warningLabel()->isVisible());
        QVERIFY(confirm->warningLabel()->text().contains(QStringLiteral("gone for good")));
        QTest::keyClicks(confirm->nameField(), QStringLiteral("gamm"));
        QVERIFY(!confirm->confirmButton()->isEnabled());
        QTest::keyClicks(confirm->nameField(), QStringLiteral("a"));
        QVERIFY(confirm->confirmButton()->isEnabled());
        screenshot(confirm, QStringLiteral("purge"));
        click(confirm->confirmButton());
        WAIT_VERIFY(bin->paths().isEmpty() && !bin->isBusy(), 10000);
        QVERIFY(!m_bin->inBin(QStringLiteral("team/gamma")));
        QVERIFY(bin->summaryLabel()->text().contains(QStringLiteral("Purged team/gamma")));
        QCOMPARE(audited(actions::restoreSecret()).size(), 1);
        QCOMPARE(audited(actions::purgeSecret()).size(), 1);
        bin->close();
    }

    void rotationClearsTheStuckOneRotatesAndSavesTheStoresSettings() {
        openSecret(rotatingId, QStringLiteral("svc/api"));
        WAIT_VERIFY(m_window->rotateAction()->isEnabled(), 5000);
        m_window->rotateAction()->trigger();
        QPointer<RotationDialog> dialog = waitForDialog<RotationDialog>();
        QVERIFY(dialog);
        WAIT_VERIFY(dialog->isLoaded() && !dialog->isBusy(), 10000);
        const QString status = dialog->statusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("Rotation: enabled")), qPrintable(status));
        QVERIFY(status.contains(QStringLiteral("every 30 days")));
        QVERIFY(status.contains(QStringLiteral("a generated value")));
        QVERIFY(dialog->stuckBanner()->isVisible());
        QVERIFY(dialog->stuckLabel()->text().contains(QStringLiteral("never confirmed")));
        auto* form = qobject_cast<IntervalForm*>(dialog->settingsForm());
        QVERIFY(form); // the next store's own form, from its StoreUi
        QCOMPARE(form->days->value(), 30);
        screenshot(dialog, QStringLiteral("rotation"));

        click(dialog->clearStuckButton());
        QMessageBox* sure = waitForBox(QStringLiteral("Clear the stuck rotation of svc/api"));
        QVERIFY(sure);
        QVERIFY(clickBoxButton(sure, QStringLiteral("Clear stuck rotation")));
        WAIT_VERIFY(!dialog->stuckBanner()->isVisible() && !dialog->isBusy(), 10000);
        QCOMPARE(m_rotating->rotationOf(QStringLiteral("svc/api"))->state,
                 RotationInfo::State::Idle);

        click(dialog->rotateNowButton());
        WAIT_VERIFY(dialog->resultLabel()->text() ==
                            QStringLiteral("Rotation started: new version 2") &&
                        !dialog->isBusy(),
                    10000);
        QCOMPARE(m_rotating->versionCount(QStringLiteral("svc/api")), 2);
        WAIT_VERIFY(presenter()->versions()->rowCount() == 2, 10000); // the window read it again

        typeInto(form->days, QStringLiteral("10"));
        click(dialog->saveButton());
        WAIT_VERIFY(dialog->resultLabel()->text() == QStringLiteral("Rotation settings saved") &&
                        !dialog->isBusy(),
                    10000);
        QCOMPARE(m_rotating->configuredRotations().last(),
                 (RotationSettings{{QStringLiteral("automaticallyAfterDays"), 10}}));
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("every 10 days")));

        click(dialog->turnOffButton());
        sure = waitForBox(QStringLiteral("Turn automatic rotation of svc/api off"));
        QVERIFY(sure);
        QVERIFY(clickBoxButton(sure, QStringLiteral("Turn off rotation")));
        WAIT_VERIFY(dialog->statusLabel()->text().contains(QStringLiteral("Rotation: disabled")) &&
                        !dialog->isBusy(),
                    10000);
        QVERIFY(!m_rotating->rotationOf(QStringLiteral("svc/api"))->enabled);
        QVERIFY(!dialog->turnOffButton()->isEnabled()); // nothing left to turn off
        dialog->close();
        for (const QString& action :
             {actions::showRotation(), actions::clearStuckRotation(), actions::rotate(),
              actions::configureRotation(), actions::disableRotation()}) {
            QVERIFY2(!audited(action).isEmpty(), qPrintable(action));
        }
        QVERIFY(audited(actions::configureRotation())
                    .contains(QStringLiteral("svc/api every 10 days")));
    }

    // A store without rotation: Rotation… is disabled and says why; no settings appear.
    void aStoreThatDoesNotRotateOffersNoRotation() {
        m_versions->deny(Capability::RotationStatus, QStringLiteral("this store does not rotate"));
        openSecret(versionsId, QStringLiteral("cfg/app"));
        QVERIFY(!m_window->rotateAction()->isEnabled());
        QVERIFY2(m_window->rotateAction()->toolTip().contains(QStringLiteral("does not rotate")),
                 qPrintable(m_window->rotateAction()->toolTip()));
        std::unique_ptr<QMenu> menu(
            m_window->connectionMenu(versionsId, QStringLiteral("cfg/app")));
        QVERIFY(!findAction(menu.get(), QStringLiteral("Rotation…")));
    }

    void versionsShowEveryMarkAndCanBeDisabledAndEnabled() {
        openSecret(versionsId, QStringLiteral("cfg/app"));
        m_window->secretPane()->tabs()->setCurrentWidget(m_window->secretPane()->versionsTab());
        QVERIFY(marksOf(QStringLiteral("1")).contains(QStringLiteral("destroy pending")));
        QVERIFY(marksOf(QStringLiteral("2")).contains(QStringLiteral("expired")));
        QVERIFY(!versionsTable()->isColumnHidden(VersionsModel::DestroyAtColumn));
        QVERIFY(!versionsTable()->isColumnHidden(VersionsModel::ExpiresColumn));
        QVERIFY(
            versionsTable()->isColumnHidden(VersionsModel::NotBeforeColumn)); // no version has one
        QVERIFY(!presenter()
                     ->versions()
                     ->index(presenter()->versions()->rowOf(QStringLiteral("1")),
                             VersionsModel::DestroyAtColumn)
                     .data()
                     .toString()
                     .isEmpty());
        QVERIFY(m_window->disableVersionsAction()->isVisible());

        clickRow(versionsTable(), presenter()->versions()->rowOf(QStringLiteral("2")));
        WAIT_VERIFY(m_window->disableVersionsAction()->isEnabled(), 5000);
        QVERIFY(!m_window->enableVersionsAction()->isEnabled()); // v2 is enabled already
        screenshot(m_window.get(), QStringLiteral("versions"));
        m_window->disableVersionsAction()->trigger();
        QMessageBox* sure = waitForBox(QStringLiteral("Disable version(s) 2 of cfg/app"));
        QVERIFY(sure);
        QVERIFY(clickBoxButton(sure, QStringLiteral("Disable")));
        WAIT_VERIFY(marksOf(QStringLiteral("2")).contains(QStringLiteral("disabled")), 10000);
        QVERIFY(!await(m_versions->read(SecretRef{QStringLiteral("cfg/app")}, QStringLiteral("2")))
                     .ok());

        WAIT_VERIFY(!presenter()->isBusy(), 10000);
        clickRow(versionsTable(), presenter()->versions()->rowOf(QStringLiteral("2")));
        WAIT_VERIFY(m_window->enableVersionsAction()->isEnabled(), 5000);
        QVERIFY(!m_window->disableVersionsAction()->isEnabled());
        m_window->enableVersionsAction()->trigger(); // no question: nothing is lost
        WAIT_VERIFY(!marksOf(QStringLiteral("2")).contains(QStringLiteral("disabled")), 10000);
        QCOMPARE(audited(actions::disableVersions()).size(), 1);
        QCOMPARE(audited(actions::enableVersions()).size(), 1);
    }

    void versionActionsHideOnAStoreWithoutThem() {
        m_bin->put(QStringLiteral("team/delta"), {{QStringLiteral("k"), QStringLiteral("v")}});
        openSecret(binId, QStringLiteral("team/delta"));
        QVERIFY(!m_window->enableVersionsAction()->isVisible());
        QVERIFY(!m_window->disableVersionsAction()->isVisible());
    }

    // The next store's parts reach the window through its StoreUi alone: its credential text in
    // the status bar, its row actions, and its sign-in prompt when its connector asks.
    void aNewStoreUiPlugsIn() {
        tree()->setCurrentIndex(viewIndex(tree(), rotatingId, QString()));
        WAIT_VERIFY(m_window->tokenStatus()->text() == QStringLiteral("Next key: 5 min left"),
                    5000);
        std::unique_ptr<QMenu> menu(m_window->connectionMenu(rotatingId, QString()));
        QVERIFY(findAction(menu.get(), QStringLiteral("Next store's own action")));
        std::unique_ptr<QMenu> other(m_window->connectionMenu(binId, QString()));
        QVERIFY(!findAction(other.get(), QStringLiteral("Next store's own action")));
        Q_EMIT m_next->connector()->loginNeeded(rotatingId, QStringLiteral("key expired"));
        QCOMPARE(m_next->signInsAsked, QStringList{rotatingId + QStringLiteral(":key expired")});
    }

    void cleanupTestCase() {
        m_window.reset();
        m_workspace.reset();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        m_home.reset();
    }
};

QTEST_MAIN(TestStoreFlowsUi)
#include "test_store_flows_ui.moc"
