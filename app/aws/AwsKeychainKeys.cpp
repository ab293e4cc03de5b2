#include "AwsKeychainKeys.h"

#include <string_view>

namespace strongroom {

namespace {
constexpr std::string_view kMagic = "strongroom-aws-keys-v1";
}

SecretBytes AwsKeychainKeys::pack(const AwsCredentials& keys) {
    SecretBytes entry;
    entry.append(kMagic);
    entry.append("\n");
    const QByteArray id = keys.accessKeyId.toUtf8();
    entry.append(std::string_view(id.constData(), static_cast<std::size_t>(id.size())));
    entry.append("\n");
    entry.append(keys.secretAccessKey.view());
    entry.append("\n");
    entry.append(keys.sessionToken.view());
    return entry;
}

Result<AwsCredentials> AwsKeychainKeys::unpack(const SecretBytes& entry) {
    const BackendError damaged(BackendError::Kind::InvalidResponse,
                               QStringLiteral("the keychain entry for these AWS keys is not one "
                                              "Strongroom wrote; enter the keys again"));
    std::string_view rest = entry.view();
    std::string_view parts[4];
    for (int i = 0; i < 3; ++i) {
        const auto newline = rest.find('\n');
        if (newline == std::string_view::npos) {
            return damaged;
        }
        parts[i] = rest.substr(0, newline);
        rest.remove_prefix(newline + 1);
    }
    parts[3] = rest;
    if (parts[0] != kMagic || parts[1].empty() || parts[2].empty() ||
        parts[3].find('\n') != std::string_view::npos) {
        return damaged;
    }
    AwsCredentials keys;
    keys.accessKeyId = QString::fromUtf8(parts[1].data(), static_cast<qsizetype>(parts[1].size()));
    keys.secretAccessKey = SecretBytes(parts[2]);
    keys.sessionToken = SecretBytes(parts[3]);
    return keys;
}

} // namespace strongroom
