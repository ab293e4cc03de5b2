#pragma once

#include <QString>

namespace strongroom::cli {

// Paths as typed on the command line: a leading '/' is accepted (and dropped) because operators
// coming from Vault type it; folders always end with '/'.
class SecretPath {
public:
    static QString secret(const QString& typed);
    static QString folder(const QString& typed);
};

} // namespace strongroom::cli
