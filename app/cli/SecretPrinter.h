#pragma once

#include "SecretBytes.h"
#include "SecretValue.h"

#include <QString>

#include <string_view>

namespace strongroom::cli {

// Renders a secret's value for stdout. Everything is assembled in SecretBytes, never in a
// QString or QJsonDocument, so the value is wiped as soon as it has been written.
class SecretPrinter {
public:
    // `key=value` lines for key/value secrets; the raw text or bytes for the other formats.
    static SecretBytes asLines(const SecretValue& value);
    // {"connection":..,"path":..,"version":..,"format":..,"data":{..}} for key/value secrets;
    // "text" for text, "base64" for binary.
    static SecretBytes asJson(const SecretValue& value, const QString& connection,
                              const QString& path, const QString& version);

    // Appends `text` as a quoted, escaped JSON string.
    static void appendJsonString(SecretBytes& out, std::string_view text);
};

} // namespace strongroom::cli
