#pragma once

#include <QDateTime>
#include <QString>

namespace strongroom {

// How to delete a whole secret. With neither field set the store's own default applies: its
// default recovery window where it has a bin (AWS 30 days, Azure the vault's retention), or
// removal at once where it has none (Vault, the local store).
struct DeleteOptions {
    int recoveryDays = 0; // 0: the store's default window; else within DeletionRules' range
    bool force = false;   // delete now without recovery (Capability::PurgeSecret)
};

// What a store allows when a secret is deleted, so a generic dialog can offer the right choice.
struct DeletionRules {
    bool hasBin = false; // deleted secrets can be listed and restored (RecoverableDelete)
    bool windowChosenPerDelete = false; // the operator picks the recovery window (AWS)
    int minRecoveryDays = 0;
    int maxRecoveryDays = 0;
    int defaultRecoveryDays = 0;
    // Why there is no bin, or how the store sets its window ("the vault's retention period"),
    // shown by the delete dialog; empty when there is nothing to say.
    QString note;

    bool acceptsWindow(int days) const {
        return windowChosenPerDelete && days >= minRecoveryDays && days <= maxRecoveryDays;
    }
};

// A secret in the bin: deleted (or scheduled for deletion) but still restorable until `purgeAt`.
struct DeletedSecret {
    QString path;        // as the store lists it (the path restore/purge take)
    QDateTime deletedAt; // when it was deleted, when the store says
    QDateTime purgeAt;   // when it goes for good; invalid when the store does not say
};

} // namespace strongroom
