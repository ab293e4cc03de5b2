#include "SecretValue.h"

#include "JsonWipe.h"

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>

#include <algorithm>

namespace strongroom {

namespace {

void sortFields(std::vector<SecretField>& fields) {
    std::sort(fields.begin(), fields.end(),
              [](const SecretField& a, const SecretField& b) { return a.key < b.key; });
}

} // namespace

SecretValue SecretValue::keyValue(std::vector<SecretField> fields) {
    SecretValue value;
    value.m_format = Format::KeyValue;
    value.m_fields = std::move(fields);
    sortFields(value.m_fields);
    return value;
}

SecretValue SecretValue::text(SecretBytes text, QString contentType) {
    SecretValue value;
    value.m_format = Format::Text;
    value.m_blob = std::move(text);
    value.m_contentType = std::move(contentType);
    return value;
}

SecretValue SecretValue::binary(SecretBytes bytes) {
    SecretValue value;
    value.m_format = Format::Binary;
    value.m_blob = std::move(bytes);
    return value;
}

SecretValue SecretValue::fromJsonOrText(SecretBytes bytes) {
    auto parsed = nlohmann::json::parse(bytes.view(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        wipeJson(parsed);
        return text(std::move(bytes));
    }
    std::vector<SecretField> fields;
    fields.reserve(parsed.size());
    for (auto& [key, child] : parsed.items()) {
        SecretField field;
        field.key = QString::fromStdString(key);
        if (child.is_string()) {
            const auto& str = child.get_ref<const std::string&>();
            field.value = SecretBytes(str);
        } else {
            std::string dumped = child.dump();
            field.value = SecretBytes(dumped);
            OPENSSL_cleanse(dumped.data(), dumped.size());
            field.json = true;
        }
        fields.push_back(std::move(field));
    }
    wipeJson(parsed);
    return keyValue(std::move(fields));
}

SecretBytes SecretValue::serialize() const {
    if (m_format != Format::KeyValue) {
        return m_blob;
    }
    nlohmann::json object = nlohmann::json::object();
    for (const auto& field : m_fields) {
        const std::string key = field.key.toStdString();
        if (field.json) {
            auto child = nlohmann::json::parse(field.value.view(), nullptr, false);
            object[key] = child.is_discarded() ? nlohmann::json(std::string(field.value.view()))
                                               : std::move(child);
        } else {
            object[key] = std::string(field.value.view());
        }
    }
    std::string dumped = object.dump();
    SecretBytes result(dumped);
    OPENSSL_cleanse(dumped.data(), dumped.size());
    wipeJson(object);
    return result;
}

std::optional<SecretValue> SecretValue::deserialize(Format format, const SecretBytes& bytes) {
    switch (format) {
    case Format::KeyValue: {
        SecretValue value = fromJsonOrText(bytes);
        if (value.format() != Format::KeyValue) {
            return std::nullopt;
        }
        return value;
    }
    case Format::Text:
        return text(bytes);
    case Format::Binary:
        return binary(bytes);
    }
    return std::nullopt;
}

const SecretField* SecretValue::field(const QString& key) const {
    auto it = std::find_if(m_fields.begin(), m_fields.end(),
                           [&](const SecretField& f) { return f.key == key; });
    return it == m_fields.end() ? nullptr : &*it;
}

void SecretValue::setField(const QString& key, SecretBytes value, bool json) {
    m_format = Format::KeyValue;
    for (auto& field : m_fields) {
        if (field.key == key) {
            field.value = std::move(value);
            field.json = json;
            return;
        }
    }
    m_fields.push_back({key, std::move(value), json});
    sortFields(m_fields);
}

bool SecretValue::removeField(const QString& key) {
    auto it = std::find_if(m_fields.begin(), m_fields.end(),
                           [&](const SecretField& f) { return f.key == key; });
    if (it == m_fields.end()) {
        return false;
    }
    m_fields.erase(it);
    return true;
}

bool operator==(const SecretValue& a, const SecretValue& b) {
    if (a.m_format != b.m_format || a.m_fields.size() != b.m_fields.size() ||
        !(a.m_blob == b.m_blob)) {
        return false;
    }
    for (std::size_t i = 0; i < a.m_fields.size(); ++i) {
        if (a.m_fields[i].key != b.m_fields[i].key || a.m_fields[i].json != b.m_fields[i].json ||
            !(a.m_fields[i].value == b.m_fields[i].value)) {
            return false;
        }
    }
    return true;
}

QString formatName(SecretValue::Format format) {
    switch (format) {
    case SecretValue::Format::KeyValue:
        return QStringLiteral("key-value");
    case SecretValue::Format::Text:
        return QStringLiteral("text");
    case SecretValue::Format::Binary:
        return QStringLiteral("binary");
    }
    return {};
}

} // namespace strongroom
