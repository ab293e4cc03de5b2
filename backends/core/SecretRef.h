#pragma once

#include <QString>

namespace strongroom {

// Where a secret lives inside one store: the store's own full path (Vault "mount/path",
// AWS name, GCP "projects/P/secrets/S", Azure name, local "folder/name").
struct SecretRef {
    QString path;

    QString name() const {
        const auto slash = path.lastIndexOf(QLatin1Char('/'));
        return slash < 0 ? path : path.mid(slash + 1);
    }
    QString folder() const {
        const auto slash = path.lastIndexOf(QLatin1Char('/'));
        return slash < 0 ? QString() : path.left(slash + 1);
    }
    friend bool operator==(const SecretRef&, const SecretRef&) = default;
};

} // namespace strongroom
