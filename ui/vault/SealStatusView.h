#pragma once

#include "VaultSealStatus.h"

#include <QWidget>

class QFormLayout;
class QLabel;

namespace strongroom {

// The facts of sys/seal-status as a form: initialized, sealed, threshold and shares, unseal
// progress and nonce, version, storage, cluster. Nothing in it is secret.
class SealStatusView : public QWidget {
    Q_OBJECT
public:
    explicit SealStatusView(QWidget* parent = nullptr);

    void display(const VaultSealStatus& status);
    void showError(const QString& message);
    // "Sealed — 1 of 3 shares given", "Unsealed", "Not initialized".
    static QString summary(const VaultSealStatus& status);

    QLabel* stateLabel() const { return m_state; }
    QLabel* progressLabel() const { return m_progress; }
    QLabel* nonceLabel() const { return m_nonce; }

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
};

} // namespace strongroom
