#include "SecretBytes.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstring>
#include <stdexcept>

namespace strongroom {

SecretBytes::SecretBytes(const char* data, std::size_t size) {
    assign(data, size);
}

SecretBytes::SecretBytes(std::string_view text) {
    assign(text.data(), text.size());
}

SecretBytes::~SecretBytes() {
    clear();
}

SecretBytes::SecretBytes(const SecretBytes& other) {
    assign(other.data(), other.size());
}

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
    if (this != &other) {
        clear();
        assign(other.data(), other.size());
    }
    return *this;
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : m_data(std::move(other.m_data))
    , m_size(other.m_size) {
    other.m_size = 0;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
        clear();
        m_data = std::move(other.m_data);
        m_size = other.m_size;
        other.m_size = 0;
    }
    return *this;
}

SecretBytes SecretBytes::takeFrom(QByteArray& source) {
    SecretBytes result(source.constData(), static_cast<std::size_t>(source.size()));
    wipe(source);
    return result;
}

SecretBytes SecretBytes::takeFrom(QString& source) {
    QByteArray utf8 = source.toUtf8();
    wipe(source);
    return takeFrom(utf8);
}

SecretBytes SecretBytes::fromUtf8(const QString& text) {
    QByteArray utf8 = text.toUtf8();
    return takeFrom(utf8);
}

SecretBytes SecretBytes::random(std::size_t size) {
    SecretBytes result;
    result.m_data = std::make_unique<char[]>(size);
    result.m_size = size;
    if (size > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(result.m_data.get()),
                               static_cast<int>(size)) != 1) {
        throw std::runtime_error("the system random generator failed");
    }
    return result;
}

void SecretBytes::clear() {
    if (m_data) {
        OPENSSL_cleanse(m_data.get(), m_size);
        m_data.reset();
    }
    m_size = 0;
}

void SecretBytes::append(std::string_view more) {
    if (more.empty()) {
        return;
    }
    auto grown = std::make_unique<char[]>(m_size + more.size());
    if (m_size > 0) {
        std::memcpy(grown.get(), m_data.get(), m_size);
    }
    std::memcpy(grown.get() + m_size, more.data(), more.size());
    const std::size_t newSize = m_size + more.size();
    clear();
    m_data = std::move(grown);
    m_size = newSize;
}

QString SecretBytes::toDisplayString() const {
    return QString::fromUtf8(m_data.get(), static_cast<qsizetype>(m_size));
}

QByteArray SecretBytes::toByteArrayUnsafe() const {
    return QByteArray(m_data.get(), static_cast<qsizetype>(m_size));
}

bool SecretBytes::equals(const SecretBytes& other) const {
    if (m_size != other.m_size) {
        return false;
    }
    return m_size == 0 || CRYPTO_memcmp(m_data.get(), other.m_data.get(), m_size) == 0;
}

void SecretBytes::assign(const char* data, std::size_t size) {
    if (size == 0) {
        return;
    }
    m_data = std::make_unique<char[]>(size);
    std::memcpy(m_data.get(), data, size);
    m_size = size;
}

void wipe(QByteArray& bytes) {
    if (!bytes.isEmpty()) {
        bytes.detach();
        OPENSSL_cleanse(bytes.data(), static_cast<std::size_t>(bytes.size()));
    }
    bytes.clear();
}

void wipe(QString& text) {
    if (!text.isEmpty()) {
        text.detach();
        OPENSSL_cleanse(text.data(), static_cast<std::size_t>(text.size()) * sizeof(QChar));
    }
    text.clear();
}

} // namespace strongroom
