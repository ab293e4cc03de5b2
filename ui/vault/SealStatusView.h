#pragma once

#include "VaultHaStatus.h"
#include "VaultSealStatus.h"

#include <QWidget>

class QFormLayout;
class QLabel;

namespace strongroom {

// The facts of sys/seal-status as a form: initialized, sealed, threshold and shares, unseal
// progress and nonce, version, storage, cluster; and from sys/leader the HA mode (active or
// standby) and the leader's address. Nothing in it is secret.
class SealStatusView : public QWidget {
    Q_OBJECT
public:
    explicit SealStatusView(QWidget* parent = nullptr);

    void display(const VaultSealStatus& status);
    void showError(const QString& message);
    // sys/leader of the same node; `why` when it could not be read (a sealed node cannot say).
    void displayLeader(const VaultLeader& leader);
    void showLeaderUnknown(const QString& why);
    // "HA enabled — active", "HA enabled — standby", "HA disabled".
    static QString haSummary(const VaultLeader& leader);
    // "Sealed — 1 of 3 shares given", "Unsealed", "Not initialized".
    static QString summary(const VaultSealStatus& status);

    QLabel* stateLabel() const { return m_state; }
    QLabel* progressLabel() const { return m_progress; }
    QLabel* nonceLabel() const { return m_nonce; }
    QLabel* haLabel() const { return m_ha; }
    QLabel* leaderLabel() const { return m_leader; }

private:
    QLabel* row(QFormLayout* form, const QString& name);

    QLabel* m_state;
    QLabel* m_thresholds;
    QLabel* m_progress;
    QLabel* m_nonce;
    QLabel* m_version;
    QLabel* m_storage;
    QLabel* m_cluster;
    QLabel* m_seal;
    QLabel* m_ha;
    QLabel* m_leader;
};

} // namespace strongroom
