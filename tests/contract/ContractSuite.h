#pragma once

#include "IsolatedHome.h"
#include "SecretBackend.h"
#include "StoreFixture.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>

#include <memory>

// The definition of "a store works": one suite written only against SecretBackend,
// Capabilities and DeletionRules, run once per store through that store's StoreFixture
// (contract_local, contract_openbao, contract_moto...).
//
// Every case that depends on a capability exercises it where the store claims it and reads the
// result back from the store; where the store does not claim it, the case calls it anyway and
// checks that it is refused as Unsupported and that nothing changed (capabilities fail closed).
//
// The cases live in several files by theme (listing, values, version states, deletion, rotation,
// access); the slot list below is the table of contents.
class ContractSuite : public QObject {
    Q_OBJECT
public:
    explicit ContractSuite(StoreFixture& fixture, QObject* parent = nullptr);
    ~ContractSuite() override;

    // The body of every contract_<store> main.
    static int run(StoreFixture& fixture, int argc, char** argv);

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    // ContractListing.cpp: what the store says of itself, and folders page by page.
    void claimsAreConsistent();
    void capabilitiesForNeverWidenTheStore();
    void listsInPagesFollowingTheCursor();
    void cancelledListingYieldsNoMoreRows();

    // ContractValues.cpp: reads, versions, the write guard, rollback.
    void readsTheCurrentValueAndOldVersions();
    void versionsAreOldestFirstWithTheCurrentMarked();
    void guardedWriteRefusesAStaleVersion();
    void rollbackMakesAnOlderValueCurrent();

    // ContractVersionStates.cpp: per-version delete, destroy, enable and labels.
    void deletedVersionsCanBeUndeleted();
    void destroyedVersionsAreGoneForGood();
    void disabledVersionsAreNotReadable();
    void labelsMoveGuardedByTheirVersion();

    // ContractDeletion.cpp: the whole secret, and the bin where there is one.
    void deletingASecretFollowsTheDeletionRules();
    void binnedSecretsCanBeRestored();
    void binnedSecretsCanBePurged();
    void forcedDeleteSkipsTheBin();
    void recoveryWindowOutsideTheRulesIsRefused();

    // ContractRotation.cpp
    void rotationIsDescribed();
    void rotateNowMakesANewCurrentVersion();
    void rotationCanBeConfiguredAndTurnedOff();
    void stuckRotationCanBeCleared();

    // ContractAccess.cpp: lock and narrower credentials.
    void lockDropsTheCredential();
    void capabilitiesFailClosedWhileLocked();
    void aCredentialThatMayNotWriteIsRefused();

private:
    strongroom::SecretBackend& backend() { return *m_backend; }
    bool claims(strongroom::Capability capability) const;
    // A secret path in this test's own folder.
    strongroom::SecretRef fresh(const char* name) const;

    // Writes each text as a new version of `ref`, each guarded by the one before (the first
    // creates the secret); the new version ids, fewer when a write failed (with a warning).
    QStringList putVersions(const strongroom::SecretRef& ref, const QStringList& texts);
    QString currentText(const strongroom::SecretRef& ref);
    QString textAt(const strongroom::SecretRef& ref, const QString& version);
    // The versions, or an empty list with a warning when the store refuses.
    QList<strongroom::VersionInfo> versionsOf(const strongroom::SecretRef& ref);
    // Everything a test can see of `ref` (current value, each version's marks and labels), to
    // prove that a refused call changed nothing.
    QString stateOf(const strongroom::SecretRef& ref);
    // Every entry of `folder`, page by page; `pages` counts them, `error` says why it stopped.
    QList<strongroom::Entry> listAll(const QString& folder, int limit, int* pages, QString* error);
    // The paths in the bin under this test's folder; `error` when the bin cannot be listed.
    QStringList binnedPaths(QString* error);
    // Marks the next check as expected to fail when the fixture names `gap` as known.
    bool expectGap(ContractGap gap);

    StoreFixture& m_fixture;
    std::unique_ptr<IsolatedHome> m_home;
    std::unique_ptr<strongroom::SecretBackend> m_backend;
    QString m_folder;
    QByteArray m_gapReason; // QEXPECT_FAIL keeps the pointer, so the text lives here
};
