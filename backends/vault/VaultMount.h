#pragma once

#include <QList>
#include <QString>

namespace strongroom {

// One secrets engine mount as Vault reports it ("secret/", type "kv", KV version 2).
struct VaultMount {
    QString path;      // with trailing '/'
    QString type;      // "kv", "cubbyhole", "database"...
    int kvVersion = 0; // 1 or 2 for KV mounts, 0 otherwise
    QString description;

    bool isKv() const { return kvVersion == 1 || kvVersion == 2; }
};

} // namespace strongroom
