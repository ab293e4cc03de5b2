#pragma once

#include "SecretBytes.h"

#include <QString>

#include <optional>
#include <vector>

namespace strongroom {

// One key of a key/value secret. `json` is true when the value is a nested JSON value (object,
// array, number, bool, null) kept as its compact JSON text rather than a plain string.
struct SecretField {
    QString key;
    SecretBytes value;
    bool json = false;
};

// The value of one version of a secret: a key/value map (Vault, local, JSON SecretStrings),
// plain text (AWS SecretString, Azure) or binary (AWS SecretBinary, GCP payloads).
class SecretValue {
public:
    enum class Format { KeyValue, Text, Binary };

    static SecretValue keyValue(std::vector<SecretField> fields);
    static SecretValue text(SecretBytes text, QString contentType = {});
    static SecretValue binary(SecretBytes bytes);

    // Parses `bytes` as a JSON object into a key/value value; anything else becomes Text.
    static SecretValue fromJsonOrText(SecretBytes bytes);
    // Compact JSON of a key/value value (string fields as strings, json fields inline), or the
    // raw bytes for text/binary. Used to send values to stores and to encrypt them locally.
    SecretBytes serialize() const;
    // Inverse of serialize() for a value of a known format.
    static std::optional<SecretValue> deserialize(Format format, const SecretBytes& bytes);

    Format format() const { return m_format; }
    const std::vector<SecretField>& fields() const { return m_fields; }
    const SecretField* field(const QString& key) const;
    const SecretBytes& blob() const { return m_blob; }
    const QString& contentType() const { return m_contentType; }
    bool isEmpty() const { return m_fields.empty() && m_blob.isEmpty(); }

    void setField(const QString& key, SecretBytes value, bool json = false);
    bool removeField(const QString& key);

    friend bool operator==(const SecretValue& a, const SecretValue& b);

private:
    Format m_format = Format::KeyValue;
    std::vector<SecretField> m_fields; // kept sorted by key
    SecretBytes m_blob;
    QString m_contentType;
};

QString formatName(SecretValue::Format format);

} // namespace strongroom
