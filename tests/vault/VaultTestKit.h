#pragma once

// What the suites that drive the real VaultBackend against a real OpenBao share: a backend for a
// server and a token, values built from plain pairs, and assertions that print the backend's
// error when a call fails.
#include "Await.h"
#include "OpenBaoServer.h"
#include "VaultBackend.h"

#include <QJsonDocument>
#include <QTest>

#include <initializer_list>
#include <memory>
#include <utility>

// Fails the test with the backend's message when `result` is an error.
#define VERIFY_OK(result)                                                                          \
    QVERIFY2((result).ok(), qPrintable((result).ok() ? QString() : (result).error().message()))

// Fails the test unless `result` is an error of `kind` (printing what it was instead).
#define VERIFY_ERROR(result, expectedKind)                                                         \
    do {                                                                                           \
        QVERIFY2(!(result).ok(), "expected an error, the call succeeded");                         \
        QVERIFY2((result).error().kind() == (expectedKind),                                        \
                 qPrintable(QStringLiteral("expected %1, got %2: %3")                              \
                                .arg(strongroom::BackendError::kindName(expectedKind),             \
                                     strongroom::BackendError::kindName((result).error().kind()),  \
                                     (result).error().message())));                                \
    } while (false)

namespace vaulttest {

using namespace strongroom;

inline VaultEndpoint endpointFor(const OpenBaoServer& server) {
    VaultEndpoint endpoint;
    endpoint.address = server.address();
    endpoint.http.baseBackoff = std::chrono::milliseconds(1);
    endpoint.http.maxBackoff = std::chrono::milliseconds(10);
    endpoint.http.requestTimeout = std::chrono::seconds(20);
    return endpoint;
}

inline std::unique_ptr<VaultBackend> backendFor(const OpenBaoServer& server,
                                                const QByteArray& token) {
    auto backend = std::make_unique<VaultBackend>(endpointFor(server));
    backend->session()->setToken(SecretBytes(token.constData(), std::size_t(token.size())));
    return backend;
}

inline SecretBytes bytes(const QByteArray& text) {
    return SecretBytes(text.constData(), std::size_t(text.size()));
}

inline SecretValue value(std::initializer_list<std::pair<const char*, const char*>> pairs) {
    std::vector<SecretField> fields;
    for (const auto& [key, text] : pairs) {
        fields.push_back({QString::fromUtf8(key), SecretBytes(std::string_view(text)), false});
    }
    return SecretValue::keyValue(std::move(fields));
}

// The text of one field, or "<missing>" so a comparison failure says what happened.
inline QString fieldText(const SecretValue& value, const QString& key) {
    const auto* field = value.field(key);
    return field ? QString::fromUtf8(field->value.view().data(), qsizetype(field->value.size()))
                 : QStringLiteral("<missing>");
}

inline const VersionInfo* findVersion(const QList<VersionInfo>& versions, const QString& id) {
    for (const auto& info : versions) {
        if (info.id == id) {
            return &info;
        }
    }
    return nullptr;
}

// The version's marks as words ("current deleted"), "<no such version>" when absent.
inline QString marksOf(const QList<VersionInfo>& versions, const QString& id) {
    const auto* info = findVersion(versions, id);
    return info ? markNames(info->marks).join(QLatin1Char(' '))
                : QStringLiteral("<no such version>");
}

// What the server itself holds at mount/data/path (through the root token, not the backend).
inline QJsonObject serverData(OpenBaoServer& server, const QString& mount, const QString& path) {
    return server.api("GET", mount + QStringLiteral("/data/") + path)
        .body.value(QLatin1String("data"))
        .toObject()
        .value(QLatin1String("data"))
        .toObject();
}

inline QJsonObject serverMetadata(OpenBaoServer& server, const QString& mount,
                                  const QString& path) {
    return server.api("GET", mount + QStringLiteral("/metadata/") + path)
        .body.value(QLatin1String("data"))
        .toObject();
}

} // namespace vaulttest
