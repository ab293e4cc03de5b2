#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <memory>
#include <string_view>

class QDebug;

namespace strongroom {

// A buffer for secret material. Its memory is wiped with OPENSSL_cleanse whenever it is released
// (destruction, reassignment, clear). It deliberately has no stream or QDebug operator, so a value
// cannot end up in a log by accident. Convert to QString only at the last step of display.
class SecretBytes {
public:
    SecretBytes() = default;
    SecretBytes(const char* data, std::size_t size);
    explicit SecretBytes(std::string_view text);
    ~SecretBytes();

    SecretBytes(const SecretBytes& other);
    SecretBytes& operator=(const SecretBytes& other);
    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(SecretBytes&& other) noexcept;

    // Copies `source` and wipes it, for bytes that arrive in a QByteArray (network, files).
    static SecretBytes takeFrom(QByteArray& source);
    // Copies `source` (UTF-8) and wipes the QString's buffer.
    static SecretBytes takeFrom(QString& source);
    static SecretBytes fromUtf8(const QString& text);
    static SecretBytes random(std::size_t size);

    const char* data() const { return m_data.get(); }
    char* data() { return m_data.get(); }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    std::string_view view() const { return {m_data.get(), m_size}; }
    const unsigned char* bytes() const {
        return reinterpret_cast<const unsigned char*>(m_data.get());
    }

    void clear();
    void append(std::string_view more);

    // For display only: the caller owns clearing the widget that shows it.
    QString toDisplayString() const;
    // An unwiped copy; use only to hand the bytes to an API that needs QByteArray (e.g. a request
    // body), and wipe it with wipe() once sent.
    QByteArray toByteArrayUnsafe() const;

    // Constant-time comparison.
    bool equals(const SecretBytes& other) const;
    friend bool operator==(const SecretBytes& a, const SecretBytes& b) { return a.equals(b); }

private:
    void assign(const char* data, std::size_t size);

    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
};

// Wipes a QByteArray / QString in place (detaching first so shared copies are not touched).
void wipe(QByteArray& bytes);
void wipe(QString& text);

QDebug& operator<<(QDebug&, const SecretBytes&) = delete;

} // namespace strongroom
