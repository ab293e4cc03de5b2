#include "VaultParsers.h"

#include "JsonWipe.h"

#include <QTimeZone>

#include <algorithm>

namespace strongroom::vault {

namespace {

using Kind = BackendError::Kind;
using json = nlohmann::json;

BackendError malformed(const QString& what) {
    return BackendError(Kind::InvalidResponse, what);
}

QString str(const json& value) {
    return value.is_string() ? QString::fromStdString(value.get_ref<const std::string&>())
                             : QString();
}

// The object at `key`, or nullptr when missing or of another type.
const json* objectAt(const json& parent, const char* key) {
    if (!parent.is_object()) {
        return nullptr;
    }
    const auto found = parent.find(key);
    return found != parent.end() && found->is_object() ? &*found : nullptr;
}

json* objectAt(json& parent, const char* key) {
    if (!parent.is_object()) {
        return nullptr;
    }
    const auto found = parent.find(key);
    return found != parent.end() && found->is_object() ? &*found : nullptr;
}

QString stringAt(const json& parent, const char* key) {
    if (!parent.is_object()) {
        return {};
    }
    const auto found = parent.find(key);
    return found == parent.end() ? QString() : str(*found);
}

// Integers arrive as numbers, and from some endpoints as decimal strings.
std::optional<long long> integerAt(const json& parent, const char* key) {
    if (!parent.is_object()) {
        return std::nullopt;
    }
    const auto found = parent.find(key);
    if (found == parent.end()) {
        return std::nullopt;
    }
    if (found->is_number_integer()) {
        return found->get<long long>();
    }
    if (found->is_number_unsigned()) {
        const auto value = found->get<unsigned long long>();
        return value > static_cast<unsigned long long>(LLONG_MAX)
                   ? std::nullopt
                   : std::optional<long long>(static_cast<long long>(value));
    }
    if (found->is_string()) {
        bool ok = false;
        const auto value = str(*found).toLongLong(&ok);
        return ok ? std::optional<long long>(value) : std::nullopt;
    }
    return std::nullopt;
}

bool boolAt(const json& parent, const char* key) {
    if (!parent.is_object()) {
        return false;
    }
    const auto found = parent.find(key);
    return found != parent.end() && found->is_boolean() && found->get<bool>();
}

QStringList stringList(const json& value) {
    QStringList out;
    if (!value.is_array()) {
        return out;
    }
    for (const auto& item : value) {
        if (item.is_string()) {
            out << str(item);
        }
    }
    return out;
}

Result<SecretValue> valueFrom(const json& data) {
    if (!data.is_object()) {
        return malformed(QStringLiteral("the secret's data is not a JSON object"));
    }
    std::vector<SecretField> fields;
    fields.reserve(data.size());
    for (const auto& [key, child] : data.items()) {
        SecretField field;
        field.key = QString::fromStdString(key);
        if (child.is_string()) {
            field.value = SecretBytes(child.get_ref<const std::string&>());
        } else {
            std::string dumped = child.dump();
            field.value = SecretBytes(dumped);
            std::fill(dumped.begin(), dumped.end(), '\0');
            field.json = true;
        }
        fields.push_back(std::move(field));
    }
    return SecretValue::keyValue(std::move(fields));
}

// Seconds from a Vault duration that may be a number or a Go duration string ("768h", "0s").
QString durationText(const json& parent, const char* key) {
    if (!parent.is_object()) {
        return {};
    }
    const auto found = parent.find(key);
    if (found == parent.end()) {
        return {};
    }
    if (found->is_string()) {
        const auto text = str(*found);
        return text == QLatin1String("0s") || text == QLatin1String("0") ? QString() : text;
    }
    if (found->is_number_integer() && found->get<long long>() > 0) {
        return QStringLiteral("%1s").arg(found->get<long long>());
    }
    return {};
}

} // namespace

Result<nlohmann::json> parseBody(const SecretBytes& body, int status) {
    if (body.isEmpty()) {
        if (status == 204) {
            return json::object();
        }
        return malformed(QStringLiteral("the server sent an empty reply (HTTP %1)").arg(status));
    }
    auto parsed = json::parse(body.view(), nullptr, false);
    if (parsed.is_discarded()) {
        const auto start = body.view().substr(0, 64);
        const bool html = start.find('<') != std::string_view::npos;
        return malformed(html ? QStringLiteral("the server sent an HTML page instead of a Vault "
                                               "reply (HTTP %1); is the address a proxy or a "
                                               "login page?")
                                    .arg(status)
                              : QStringLiteral("the server's reply is not valid JSON (HTTP %1, "
                                               "%2 bytes; truncated?)")
                                    .arg(status)
                                    .arg(body.size()));
    }
    if (!parsed.is_object()) {
        return malformed(
            QStringLiteral("the server's reply is not a JSON object (HTTP %1)").arg(status));
    }
    return parsed;
}

QString errorText(const nlohmann::json& body) {
    if (!body.is_object()) {
        return {};
    }
    const auto found = body.find("errors");
    if (found == body.end() || !found->is_array()) {
        return {};
    }
    QStringList lines;
    for (const auto& item : *found) {
        if (!item.is_string()) {
            continue;
        }
        // "1 error occurred:\n\t* permission denied\n\n" -> "permission denied"
        for (auto line : str(item).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            line = line.trimmed();
            if (line.startsWith(QLatin1String("* "))) {
                line = line.mid(2);
            }
            if (line.isEmpty() || line.contains(QLatin1String("error occurred")) ||
                line.contains(QLatin1String("errors occurred"))) {
                continue;
            }
            lines << line;
        }
    }
    lines.removeDuplicates();
    return lines.join(QStringLiteral("; ")).left(400);
}

Result<QStringList> parseListKeys(const nlohmann::json& body) {
    const auto* data = objectAt(body, "data");
    if (!data) {
        return malformed(QStringLiteral("the LIST reply has no data object"));
    }
    const auto keys = data->find("keys");
    if (keys == data->end() || !keys->is_array()) {
        return malformed(QStringLiteral("the LIST reply has no keys array"));
    }
    QStringList out;
    out.reserve(static_cast<qsizetype>(keys->size()));
    for (const auto& key : *keys) {
        if (!key.is_string() || key.get_ref<const std::string&>().empty()) {
            return malformed(QStringLiteral("the LIST reply holds a key that is not a name"));
        }
        out << str(key);
    }
    return out;
}

Result<KvRead> parseKvV2Read(nlohmann::json& body) {
    auto* data = objectAt(body, "data");
    if (!data) {
        wipeJson(body);
        return malformed(QStringLiteral("the KV v2 reply has no data object"));
    }
    const auto* meta = objectAt(*data, "metadata");
    if (!meta) {
        wipeJson(body);
        return malformed(QStringLiteral("the KV v2 reply has no metadata; is this a KV v1 "
                                        "mount?"));
    }
    KvRead read;
    const auto version = integerAt(*meta, "version");
    if (!version) {
        wipeJson(body);
        return malformed(QStringLiteral("the KV v2 reply has no version number"));
    }
    read.version = QString::number(*version);
    read.created = parseTime(stringAt(*meta, "created_time").toStdString());
    read.deleted = parseTime(stringAt(*meta, "deletion_time").toStdString()).isValid();
    read.destroyed = boolAt(*meta, "destroyed");
    const auto payload = data->find("data");
    if (payload == data->end() || payload->is_null()) {
        read.value = SecretValue::keyValue({});
    } else {
        auto value = valueFrom(*payload);
        if (!value) {
            wipeJson(body);
            return value.error();
        }
        read.value = std::move(value.value());
    }
    wipeJson(body);
    return read;
}

Result<KvRead> parseKvV1Read(nlohmann::json& body) {
    const auto* data = objectAt(body, "data");
    if (!data) {
        wipeJson(body);
        return malformed(QStringLiteral("the KV reply has no data object"));
    }
    auto value = valueFrom(*data);
    wipeJson(body);
    if (!value) {
        return value.error();
    }
    KvRead read;
    read.value = std::move(value.value());
    return read;
}

Result<KvMetadata> parseKvMetadata(const nlohmann::json& body) {
    const auto* data = objectAt(body, "data");
    if (!data) {
        return malformed(QStringLiteral("the metadata reply has no data object"));
    }
    const auto current = integerAt(*data, "current_version");
    const auto* versions = objectAt(*data, "versions");
    if (!current || !versions) {
        return malformed(QStringLiteral("the metadata reply lacks current_version or versions"));
    }
    KvMetadata out;
    auto& meta = out.metadata;
    meta.currentVersion = QString::number(*current);
    if (const auto oldest = integerAt(*data, "oldest_version"); oldest && *oldest > 0) {
        meta.oldestVersion = QString::number(*oldest);
    }
    meta.created = parseTime(stringAt(*data, "created_time").toStdString());
    meta.updated = parseTime(stringAt(*data, "updated_time").toStdString());
    meta.maxVersions = static_cast<int>(std::clamp(integerAt(*data, "max_versions").value_or(0),
                                                   0LL, static_cast<long long>(INT_MAX)));
    meta.casRequired = boolAt(*data, "cas_required");
    meta.deleteVersionAfter = durationText(*data, "delete_version_after");
    if (const auto* custom = objectAt(*data, "custom_metadata")) {
        for (const auto& [key, value] : custom->items()) {
            meta.customMetadata.insert(QString::fromStdString(key), str(value));
        }
    }
    const auto now = QDateTime::currentDateTimeUtc();
    for (const auto& [key, entry] : versions->items()) {
        bool ok = false;
        const auto number = QString::fromStdString(key).toLongLong(&ok);
        if (!ok || !entry.is_object()) {
            return malformed(QStringLiteral("the metadata reply has a malformed version entry"));
        }
        VersionInfo info;
        info.id = QString::number(number);
        info.created = parseTime(stringAt(entry, "created_time").toStdString());
        info.deletedAt = parseTime(stringAt(entry, "deletion_time").toStdString());
        if (boolAt(entry, "destroyed")) {
            info.marks |= VersionMark::Destroyed;
        } else if (info.deletedAt.isValid() && info.deletedAt <= now) {
            info.marks |= VersionMark::Deleted;
        }
        if (number == *current) {
            info.marks |= VersionMark::Current;
        }
        out.versions.push_back(std::move(info));
    }
    std::sort(out.versions.begin(), out.versions.end(),
              [](const VersionInfo& a, const VersionInfo& b) {
                  return a.id.toLongLong() > b.id.toLongLong();
              });
    meta.details.push_back({QStringLiteral("Versions kept"), QString::number(out.versions.size())});
    return out;
}

namespace {

Result<VaultMount> mountFrom(const QString& path, const json& entry) {
    if (!entry.is_object()) {
        return malformed(QStringLiteral("the mount '%1' is not described by an object").arg(path));
    }
    VaultMount mount;
    mount.path = path.endsWith(QLatin1Char('/')) ? path : path + QLatin1Char('/');
    mount.type = stringAt(entry, "type");
    mount.description = stringAt(entry, "description");
    if (mount.type == QLatin1String("kv") || mount.type == QLatin1String("generic")) {
        mount.kvVersion = 1;
        if (const auto* options = objectAt(entry, "options")) {
            if (integerAt(*options, "version").value_or(1) == 2) {
                mount.kvVersion = 2;
            }
        }
    }
    return mount;
}

} // namespace

Result<QList<VaultMount>> parseMounts(const nlohmann::json& body) {
    // sys/internal/ui/mounts: data.secret; sys/mounts: data is the map (older: top level).
    const json* table = nullptr;
    if (const auto* data = objectAt(body, "data")) {
        table = objectAt(*data, "secret");
        if (!table) {
            table = data;
        }
    }
    if (!table) {
        return malformed(QStringLiteral("the mounts reply has no table of secret engines"));
    }
    QList<VaultMount> out;
    for (const auto& [key, entry] : table->items()) {
        if (!entry.is_object() || !entry.contains("type")) {
            continue; // sys/mounts also carries request_id and friends at this level
        }
        auto mount = mountFrom(QString::fromStdString(key), entry);
        if (!mount) {
            return mount.error();
        }
        out.push_back(std::move(mount.value()));
    }
    std::sort(out.begin(), out.end(),
              [](const VaultMount& a, const VaultMount& b) { return a.path < b.path; });
    return out;
}

Result<VaultMount> parseSingleMount(const nlohmann::json& body, const QString& path) {
    const auto* data = objectAt(body, "data");
    if (!data) {
        return malformed(QStringLiteral("the mount reply has no data object"));
    }
    auto mount =
        mountFrom(stringAt(*data, "path").isEmpty() ? path : stringAt(*data, "path"), *data);
    return mount;
}

Result<QHash<QString, QStringList>> parseCapabilities(const nlohmann::json& body,
                                                      const QStringList& paths) {
    const json* table = objectAt(body, "data");
    if (!table) {
        table = body.is_object() ? &body : nullptr;
    }
    if (!table) {
        return malformed(QStringLiteral("the capabilities reply is not an object"));
    }
    QHash<QString, QStringList> out;
    for (const auto& path : paths) {
        const auto found = table->find(path.toStdString());
        if (found == table->end() || !found->is_array()) {
            return malformed(
                QStringLiteral("the capabilities reply does not answer for '%1'").arg(path));
        }
        out.insert(path, stringList(*found));
    }
    return out;
}

Result<VaultLogin> parseLogin(nlohmann::json& body) {
    const auto* auth = objectAt(body, "auth");
    if (!auth) {
        wipeJson(body);
        return malformed(QStringLiteral("the login reply has no auth block"));
    }
    if (objectAt(*auth, "mfa_requirement")) {
        wipeJson(body);
        return BackendError(Kind::Unsupported,
                            QStringLiteral("this login requires Vault login MFA, which "
                                           "Strongroom does not support yet"));
    }
    const auto token = auth->find("client_token");
    if (token == auth->end() || !token->is_string() ||
        token->get_ref<const std::string&>().empty()) {
        wipeJson(body);
        return malformed(QStringLiteral("the login reply has no client token"));
    }
    VaultLogin login;
    login.clientToken = SecretBytes(token->get_ref<const std::string&>());
    login.accessor = stringAt(*auth, "accessor");
    login.policies = stringList(auth->contains("policies") ? auth->at("policies") : json());
    login.leaseDuration = std::chrono::seconds(integerAt(*auth, "lease_duration").value_or(0));
    login.renewable = boolAt(*auth, "renewable");
    wipeJson(body);
    return login;
}

Result<VaultTokenInfo> parseTokenInfo(nlohmann::json& body) {
    const auto* data = objectAt(body, "data");
    if (!data) {
        wipeJson(body);
        return malformed(QStringLiteral("the token lookup reply has no data object"));
    }
    VaultTokenInfo info;
    info.displayName = stringAt(*data, "display_name");
    info.accessor = stringAt(*data, "accessor");
    info.policies = stringList(data->contains("policies") ? data->at("policies") : json());
    info.ttl = std::chrono::seconds(integerAt(*data, "ttl").value_or(0));
    info.expireTime = parseTime(stringAt(*data, "expire_time").toStdString());
    info.renewable = boolAt(*data, "renewable");
    info.type = stringAt(*data, "type");
    wipeJson(body);
    return info;
}

QDateTime parseTime(const std::string& text) {
    if (text.empty() || text.rfind("0001-01-01", 0) == 0) {
        return {};
    }
    auto parsed = QDateTime::fromString(QString::fromStdString(text), Qt::ISODateWithMs);
    if (!parsed.isValid()) {
        // Nanosecond fractions are longer than Qt accepts: cut them to milliseconds.
        QString trimmed = QString::fromStdString(text);
        const auto dot = trimmed.indexOf(QLatin1Char('.'));
        if (dot > 0) {
            auto end = dot + 1;
            while (end < trimmed.size() && trimmed.at(end).isDigit()) {
                ++end;
            }
            trimmed = trimmed.left(std::min<qsizetype>(dot + 4, end)) + trimmed.mid(end);
            parsed = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
        }
    }
    return parsed.isValid() ? parsed.toUTC() : QDateTime();
}

} // namespace strongroom::vault
