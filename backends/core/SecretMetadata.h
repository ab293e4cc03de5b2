#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace strongroom {

// A labelled fact about a secret that only some stores have (AWS rotation Lambda, GCP
// replication, Azure content type...). Shown as-is in the Metadata tab; never a secret value.
struct MetadataDetail {
    QString label;
    QString value;
};

// Store-agnostic metadata of one secret.
struct SecretMetadata {
    QString currentVersion;
    QString oldestVersion;
    QDateTime created;
    QDateTime updated;
    int maxVersions = 0; // 0 = store default / unlimited
    bool casRequired = false;
    QString deleteVersionAfter;            // duration string, empty = never
    QMap<QString, QString> customMetadata; // Vault custom_metadata, AWS tags, GCP labels
    QList<MetadataDetail> details;
};

// Changes to the editable parts of metadata; unset optionals stay as they are.
struct MetadataUpdate {
    std::optional<int> maxVersions;
    std::optional<bool> casRequired;
    std::optional<QString> deleteVersionAfter;
    std::optional<QMap<QString, QString>> customMetadata;
};

} // namespace strongroom
