#pragma once

#include "BackendError.h"
#include "Result.h"
#include "SecretBytes.h"
#include "SecretMetadata.h"
#include "SecretValue.h"
#include "VaultMount.h"
#include "VaultToken.h"
#include "VersionInfo.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace strongroom::vault {

// Pure parsing of Vault/OpenBao response bodies. Every function checks types and required
// fields and answers InvalidResponse with a plain message instead of trusting the server; the
// fuzz target drives these with arbitrary bytes. Bodies that carry secrets are wiped after use.

// The body as JSON; InvalidResponse naming what came instead (empty, HTML page, truncated...).
Result<nlohmann::json> parseBody(const SecretBytes& body, int status);
// The `errors` array of an error reply joined into one line (Vault wraps some in "1 error
// occurred:\n\t* ..."); empty when there is none.
QString errorText(const nlohmann::json& body);

// LIST reply: data.keys (folders end with '/').
Result<QStringList> parseListKeys(const nlohmann::json& body);

// KV v2 read (data.data + data.metadata), or a KV v1 read (data is the value). The value keeps
// nested JSON structurally (json fields); `body` is wiped.
struct KvRead {
    SecretValue value;
    QString version; // empty for KV v1
    QDateTime created;
    bool deleted = false;
    bool destroyed = false;
};
Result<KvRead> parseKvV2Read(nlohmann::json& body);
Result<KvRead> parseKvV1Read(nlohmann::json& body);

// KV v2 metadata: versions map with marks plus the editable settings.
struct KvMetadata {
    SecretMetadata metadata;
    QList<VersionInfo> versions; // newest first
};
Result<KvMetadata> parseKvMetadata(const nlohmann::json& body);

// sys/internal/ui/mounts (data.secret) or sys/mounts (data or top level): the secret engines.
Result<QList<VaultMount>> parseMounts(const nlohmann::json& body);
// sys/internal/ui/mounts/<path>: one mount, for KV version detection.
Result<VaultMount> parseSingleMount(const nlohmann::json& body, const QString& path);

// sys/capabilities-self: capabilities per requested path.
Result<QHash<QString, QStringList>> parseCapabilities(const nlohmann::json& body,
                                                      const QStringList& paths);

// auth/*/login: the auth block; `body` is wiped (it holds the token).
Result<VaultLogin> parseLogin(nlohmann::json& body);
// auth/token/lookup-self: the token's facts; `body` is wiped (data.id is the token itself).
Result<VaultTokenInfo> parseTokenInfo(nlohmann::json& body);

// Vault's RFC 3339 timestamps with nanoseconds; invalid for "" and the zero time.
QDateTime parseTime(const std::string& text);

} // namespace strongroom::vault
