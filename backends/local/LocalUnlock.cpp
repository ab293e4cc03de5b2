#include "LocalUnlock.h"

namespace strongroom {

QString protectionName(LocalKeyProtection protection) {
    switch (protection) {
    case LocalKeyProtection::Keychain:
        return QStringLiteral("keychain");
    case LocalKeyProtection::Passphrase:
        return QStringLiteral("passphrase");
    }
    return {};
}

} // namespace strongroom
