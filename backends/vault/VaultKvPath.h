#pragma once

#include "VaultMount.h"

#include <QString>

namespace strongroom {

// A path inside a KV mount, split into the mount and the rest, and the API paths KV v1/v2 use
// for it: "secret/app/db" on a v2 mount "secret/" reads from "secret/data/app/db".
class VaultKvPath {
public:
    VaultKvPath(VaultMount mount, QString relative)
        : m_mount(std::move(mount))
        , m_relative(std::move(relative)) {}

    const VaultMount& mount() const { return m_mount; }
    const QString& relative() const { return m_relative; }
    bool isV2() const { return m_mount.kvVersion == 2; }
    QString full() const { return m_mount.path + m_relative; }

    // KV v2 sub-APIs ("data", "metadata", "delete", "undelete", "destroy"); KV v1 has none.
    QString api(const QString& kind) const {
        return isV2() ? m_mount.path + kind + QLatin1Char('/') + m_relative : full();
    }
    QString data() const { return api(QStringLiteral("data")); }
    QString metadata() const { return api(QStringLiteral("metadata")); }

private:
    VaultMount m_mount;
    QString m_relative;
};

} // namespace strongroom
