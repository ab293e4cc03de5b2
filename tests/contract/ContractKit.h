#pragma once

// Value helpers of the contract suite and its fixtures: the one field every contract secret
// holds, and readable answers (a failed call turns into its kind and message).
#include "Await.h"
#include "SecretBackend.h"

#include <QStringList>

namespace contract {

using namespace strongroom;

template <typename T> QString errorText(const Result<T>& result) {
    if (result.ok()) {
        return QStringLiteral("<ok>");
    }
    return BackendError::kindName(result.error().kind()) + QStringLiteral(": ") +
           result.error().message();
}

// The kind of a failed call ("not-found"), or "<ok>": one comparable value, so that a known gap
// (QEXPECT_FAIL) covers exactly one check.
template <typename T> QString kindOf(const Result<T>& result) {
    return result.ok() ? QStringLiteral("<ok>") : BackendError::kindName(result.error().kind());
}

// The one field every contract secret holds: "value" = `text`. A key/value map because every
// store keeps one (AWS as a JSON SecretString).
inline SecretValue textValue(const QString& text) {
    SecretValue value;
    const auto utf8 = text.toUtf8();
    value.setField(QStringLiteral("value"),
                   SecretBytes(utf8.constData(), std::size_t(utf8.size())));
    return value;
}

// The "value" field of a read, or what went wrong instead, so that a QCOMPARE against the
// expected text shows the store's answer.
inline QString textOf(const Result<SecretValue>& read) {
    if (!read.ok()) {
        return QStringLiteral("<error: %1>").arg(errorText(read));
    }
    const auto* field = read->field(QStringLiteral("value"));
    return field ? field->value.toDisplayString() : QStringLiteral("<no value field>");
}

inline QStringList idsOf(const QList<VersionInfo>& versions) {
    QStringList ids;
    for (const auto& info : versions) {
        ids << info.id;
    }
    return ids;
}

inline const VersionInfo* findVersion(const QList<VersionInfo>& versions, const QString& id) {
    for (const auto& info : versions) {
        if (info.id == id) {
            return &info;
        }
    }
    return nullptr;
}

// The ids of the versions carrying `mark`.
inline QStringList markedWith(const QList<VersionInfo>& versions, VersionMark mark) {
    QStringList ids;
    for (const auto& info : versions) {
        if (info.marks.testFlag(mark)) {
            ids << info.id;
        }
    }
    return ids;
}

inline QStringList pathsOf(const QList<Entry>& entries) {
    QStringList paths;
    for (const auto& entry : entries) {
        paths << entry.path;
    }
    return paths;
}

inline QStringList pathsOf(const QList<DeletedSecret>& deleted) {
    QStringList paths;
    for (const auto& secret : deleted) {
        paths << secret.path;
    }
    return paths;
}

} // namespace contract
