#pragma once

#include <QString>

namespace strongroom {

// One row of a folder listing: a sub-folder or a secret.
struct Entry {
    enum class Kind { Folder, Secret };

    Kind kind = Kind::Secret;
    QString name; // last segment, without trailing '/'
    QString path; // full path inside the store; folders end with '/'

    bool isFolder() const { return kind == Kind::Folder; }
    friend bool operator==(const Entry&, const Entry&) = default;
};

} // namespace strongroom
