#include "VersionSealer.h"

#include "EnvelopeCipher.h"

namespace strongroom {

namespace {

std::optional<SecretValue::Format> formatFromName(const QString& name) {
    for (auto format :
         {SecretValue::Format::KeyValue, SecretValue::Format::Text, SecretValue::Format::Binary}) {
        if (formatName(format) == name) {
            return format;
        }
    }
    return std::nullopt;
}

} // namespace

VersionSealer::VersionSealer(const SecretBytes& dataKey, const QByteArray& storeId)
    : m_dataKey(dataKey)
    , m_storeId(storeId) {}

std::optional<BackendError> VersionSealer::seal(const QString& path, const SecretValue& value,
                                                VersionRow& row) const {
    row.format = formatName(value.format());
    row.contentType = value.format() == SecretValue::Format::Text ? value.contentType() : QString();
    const SecretBytes plain = value.serialize();
    auto sealed = EnvelopeCipher::seal(
        m_dataKey, plain.view(),
        EnvelopeCipher::valueContext(m_storeId, path, row.version, row.format, row.contentType));
    if (!sealed) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("encrypting the value failed"));
    }
    row.ciphertext = std::move(*sealed);
    return std::nullopt;
}

Result<SecretValue> VersionSealer::open(const QString& path, const VersionRow& row) const {
    const auto format = formatFromName(row.format);
    auto plain =
        format ? EnvelopeCipher::open(m_dataKey, row.ciphertext,
                                      EnvelopeCipher::valueContext(m_storeId, path, row.version,
                                                                   row.format, row.contentType))
               : std::nullopt;
    if (!plain) {
        return BackendError(BackendError::Kind::InvalidResponse,
                            QStringLiteral("the stored value of %1 version %2 failed its integrity "
                                           "check: it was altered, damaged or moved from another "
                                           "secret or version")
                                .arg(path)
                                .arg(row.version));
    }
    auto value = SecretValue::deserialize(*format, *plain);
    if (!value) {
        return BackendError(BackendError::Kind::InvalidResponse,
                            QStringLiteral("the value of %1 version %2 is not valid %3 data")
                                .arg(path)
                                .arg(row.version)
                                .arg(row.format));
    }
    if (*format == SecretValue::Format::Text && !row.contentType.isEmpty()) {
        return SecretValue::text(value->blob(), row.contentType);
    }
    return std::move(*value);
}

} // namespace strongroom
