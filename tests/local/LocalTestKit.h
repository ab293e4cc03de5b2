#pragma once

#include "Await.h"
#include "LocalStore.h"

#include <QCoroTask>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <utility>

// Shared helpers of the local store suites.
namespace localtest {

using namespace strongroom;

// Cheap Argon2id costs so suites that create many stores stay fast; one test uses the defaults.
inline KdfParams fastKdf() {
    KdfParams params;
    params.iterations = 1;
    params.memoryKiB = 1024;
    return params;
}

inline LocalUnlock passphrase(const char* text) {
    return {LocalKeyProtection::Passphrase, SecretBytes(std::string_view(text))};
}

inline LocalUnlock keychainKey(const SecretBytes& key) {
    return {LocalKeyProtection::Keychain, key};
}

inline SecretValue kv(std::initializer_list<std::pair<const char*, const char*>> fields) {
    SecretValue value;
    for (const auto& [key, text] : fields) {
        value.setField(QString::fromUtf8(key), SecretBytes(std::string_view(text)));
    }
    return value;
}

inline std::unique_ptr<LocalStore> createStore(const QString& file,
                                               LocalUnlock unlock = passphrase("pass phrase")) {
    auto created = await(LocalStore::create(file, std::move(unlock), fastKdf()));
    return created ? std::move(created.value()) : nullptr;
}

inline std::unique_ptr<LocalStore> openStore(const QString& file,
                                             LocalUnlock unlock = passphrase("pass phrase")) {
    auto opened = await(LocalStore::open(file, std::move(unlock)));
    return opened ? std::move(opened.value()) : nullptr;
}

inline Result<WriteResult> put(LocalStore& store, const QString& path, SecretValue value,
                               const QString& expected) {
    return await(store.write(WriteRequest{SecretRef{path}, std::move(value), expected, {}}));
}

inline QString fieldOf(const Result<SecretValue>& value, const char* key) {
    if (!value) {
        return QStringLiteral("<error: %1>").arg(value.error().message());
    }
    const auto* field = value->field(QString::fromUtf8(key));
    return field ? field->value.toDisplayString() : QStringLiteral("<missing>");
}

inline QByteArray fileBytes(const QString& file) {
    QFile device(file);
    return device.open(QIODevice::ReadOnly) ? device.readAll() : QByteArray();
}

// Runs `edit` on a raw SQLite connection to the (closed) store file, to tamper with it the way
// an attacker with write access to the file could.
inline bool editFile(const QString& file, const std::function<bool(QSqlDatabase&)>& edit) {
    const QString name = QUuid::createUuid().toString();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        ok = db.open() && edit(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

inline bool execAll(QSqlDatabase& db, std::initializer_list<const char*> statements) {
    for (const char* sql : statements) {
        QSqlQuery query(db);
        if (!query.exec(QString::fromLatin1(sql))) {
            return false;
        }
    }
    return true;
}

} // namespace localtest
