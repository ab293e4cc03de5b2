#pragma once

#include "Result.h"
#include "SecretBytes.h"
#include "SecretValue.h"
#include "VersionTable.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace strongroom {

// Turns a value into the ciphertext of one version row and back. The row's place (store, path,
// version) and its format are bound into the ciphertext, so a row moved or relabelled in the
// file fails to open instead of showing another secret's value.
class VersionSealer {
public:
    VersionSealer(const SecretBytes& dataKey, const QByteArray& storeId);

    // Fills format, content type and ciphertext of `row` (whose version is already set).
    std::optional<BackendError> seal(const QString& path, const SecretValue& value,
                                     VersionRow& row) const;
    Result<SecretValue> open(const QString& path, const VersionRow& row) const;

private:
    const SecretBytes& m_dataKey;
    QByteArray m_storeId;
};

} // namespace strongroom
