#include "VaultOperatorParsers.h"

#include "JsonWipe.h"

#include <QDateTime>

#include <climits>
#include <optional>

namespace strongroom::vault {

namespace {

using Kind = BackendError::Kind;
using json = nlohmann::json;

BackendError malformed(const QString& what) {
    return BackendError(Kind::InvalidResponse, what);
}

// Reads optional fields, remembering the first one of the wrong type.
class FieldReader {
public:
    FieldReader(const json& object, QString where)
        : m_object(object)
        , m_where(std::move(where)) {}

    const json* find(const char* key) const {
        const auto found = m_object.find(key);
        return found == m_object.end() || found->is_null() ? nullptr : &*found;
    }

    QString text(const char* key) {
        const auto* value = find(key);
        if (!value) {
            return {};
        }
        if (!value->is_string()) {
            wrong(key, "a string");
            return {};
        }
        return QString::fromStdString(value->get_ref<const std::string&>());
    }

    bool flag(const char* key, bool required = false) {
        const auto* value = find(key);
        if (!value) {
            if (required) {
                missing(key);
            }
            return false;
        }
        if (!value->is_boolean()) {
            wrong(key, "true or false");
            return false;
        }
        return value->get<bool>();
    }

    int integer(const char* key, bool required = false) {
        const auto* value = find(key);
        if (!value) {
            if (required) {
                missing(key);
            }
            return 0;
        }
        if (!value->is_number_integer() || value->get<long long>() < 0 ||
            value->get<long long>() > INT_MAX) {
            wrong(key, "a small non-negative integer");
            return 0;
        }
        return static_cast<int>(value->get<long long>());
    }

    qint64 count(const char* key) {
        const auto* value = find(key);
        if (!value) {
            return -1;
        }
        if (!value->is_number_integer() || value->get<long long>() < 0) {
            wrong(key, "a non-negative integer");
            return -1;
        }
        return static_cast<qint64>(value->get<long long>());
    }

    // An RFC 3339 time; Go's zero time ("0001-01-01T00:00:00Z") means none.
    QDateTime time(const char* key) {
        const QString value = text(key);
        if (value.isEmpty()) {
            return {};
        }
        const QDateTime parsed = QDateTime::fromString(value, Qt::ISODateWithMs);
        if (!parsed.isValid()) {
            wrong(key, "an RFC 3339 time");
            return {};
        }
        return parsed.date().year() <= 1 ? QDateTime() : parsed;
    }

    SecretBytes secret(const char* key) {
        const auto* value = find(key);
        if (!value) {
            return {};
        }
        if (!value->is_string()) {
            wrong(key, "a string");
            return {};
        }
        return SecretBytes(std::string_view(value->get_ref<const std::string&>()));
    }

    const std::optional<BackendError>& error() const { return m_error; }

private:
    void wrong(const char* key, const char* expected) {
        if (!m_error) {
            m_error = malformed(QStringLiteral("the %1 reply has a malformed \"%2\" (expected %3)")
                                    .arg(m_where, QLatin1String(key), QLatin1String(expected)));
        }
    }
    void missing(const char* key) {
        if (!m_error) {
            m_error = malformed(
                QStringLiteral("the %1 reply has no \"%2\"").arg(m_where, QLatin1String(key)));
        }
    }

    const json& m_object;
    QString m_where;
    std::optional<BackendError> m_error;
};

Result<std::vector<SecretBytes>> secretList(const json& object, const char* key, bool required) {
    std::vector<SecretBytes> out;
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) {
        if (required) {
            return malformed(
                QStringLiteral("the init reply has no \"%1\"").arg(QLatin1String(key)));
        }
        return out;
    }
    if (!found->is_array()) {
        return malformed(
            QStringLiteral("the init reply's \"%1\" is not a list").arg(QLatin1String(key)));
    }
    for (const auto& item : *found) {
        if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
            return malformed(QStringLiteral("the init reply's \"%1\" holds a malformed share")
                                 .arg(QLatin1String(key)));
        }
        out.emplace_back(std::string_view(item.get_ref<const std::string&>()));
    }
    return out;
}

} // namespace

Result<VaultSealStatus> parseSealStatus(const json& body) {
    if (!body.is_object()) {
        return malformed(QStringLiteral("the seal status reply is not a JSON object"));
    }
    FieldReader read(body, QStringLiteral("seal status"));
    VaultSealStatus status;
    status.type = read.text("type");
    status.initialized = read.flag("initialized", true);
    status.sealed = read.flag("sealed", true);
    status.threshold = read.integer("t", true);
    status.shares = read.integer("n", true);
    status.progress = read.integer("progress", true);
    status.nonce = read.text("nonce");
    status.version = read.text("version");
    status.buildDate = read.text("build_date");
    status.migration = read.flag("migration");
    status.recoverySeal = read.flag("recovery_seal");
    status.clusterName = read.text("cluster_name");
    status.clusterId = read.text("cluster_id");
    status.storageType = read.text("storage_type");
    if (read.error()) {
        return *read.error();
    }
    if (status.initialized && (status.threshold > status.shares || status.threshold == 0)) {
        return malformed(QStringLiteral("the seal status reply has a threshold of %1 with %2 "
                                        "shares")
                             .arg(status.threshold)
                             .arg(status.shares));
    }
    return status;
}

Result<VaultInitResult> parseInitResult(json& body) {
    struct Wiper {
        json& body;
        ~Wiper() { wipeJson(body); }
    } wiper{body};
    if (!body.is_object()) {
        return malformed(QStringLiteral("the init reply is not a JSON object"));
    }
    auto keys = secretList(body, "keys", true);
    if (!keys) {
        return keys.error();
    }
    auto keysBase64 = secretList(body, "keys_base64", false);
    if (!keysBase64) {
        return keysBase64.error();
    }
    if (keys->empty()) {
        return malformed(QStringLiteral("the init reply has no unseal shares"));
    }
    if (!keysBase64->empty() && keysBase64->size() != keys->size()) {
        return malformed(QStringLiteral("the init reply's keys and keys_base64 differ in count"));
    }
    FieldReader read(body, QStringLiteral("init"));
    VaultInitResult result;
    result.rootToken = read.secret("root_token");
    if (read.error()) {
        return *read.error();
    }
    if (result.rootToken.isEmpty()) {
        return malformed(QStringLiteral("the init reply has no root token"));
    }
    result.keys = std::move(keys.value());
    result.keysBase64 = std::move(keysBase64.value());
    return result;
}

Result<GenerateRootStatus> parseGenerateRootStatus(json& body) {
    struct Wiper {
        json& body;
        ~Wiper() { wipeJson(body); }
    } wiper{body};
    if (!body.is_object()) {
        return malformed(QStringLiteral("the generate-root reply is not a JSON object"));
    }
    // The authenticated sys/generate-root-token/* wraps the fields in `data`.
    const json* fields = &body;
    const auto data = body.find("data");
    if (body.find("started") == body.end() && data != body.end() && data->is_object()) {
        fields = &*data;
    }
    FieldReader read(*fields, QStringLiteral("generate-root"));
    GenerateRootStatus status;
    status.started = read.flag("started", true);
    status.nonce = read.text("nonce");
    status.progress = read.integer("progress", true);
    status.required = read.integer("required", true);
    status.complete = read.flag("complete");
    status.otpLength = read.integer("otp_length");
    status.pgpFingerprint = read.text("pgp_fingerprint");
    status.encodedToken = read.secret("encoded_token");
    if (status.encodedToken.isEmpty()) {
        status.encodedToken = read.secret("encoded_root_token");
    }
    status.serverOtp = read.secret("otp");
    if (read.error()) {
        return *read.error();
    }
    if (status.complete && status.encodedToken.isEmpty()) {
        return malformed(QStringLiteral("the generate-root reply is complete without a token"));
    }
    return status;
}

Result<VaultLeader> parseLeader(const json& body) {
    if (!body.is_object()) {
        return malformed(QStringLiteral("the sys/leader reply is not a JSON object"));
    }
    FieldReader read(body, QStringLiteral("sys/leader"));
    VaultLeader leader;
    leader.haEnabled = read.flag("ha_enabled", true);
    leader.isSelf = read.flag("is_self");
    leader.leaderAddress = read.text("leader_address");
    leader.leaderClusterAddress = read.text("leader_cluster_address");
    leader.activeTime = read.time("active_time");
    leader.performanceStandby = read.flag("performance_standby");
    leader.raftCommittedIndex = read.count("raft_committed_index");
    leader.raftAppliedIndex = read.count("raft_applied_index");
    if (read.error()) {
        return *read.error();
    }
    if (leader.haEnabled && leader.isSelf && leader.leaderAddress.isEmpty()) {
        return malformed(QStringLiteral("the sys/leader reply names no leader address for the "
                                        "active node"));
    }
    return leader;
}

Result<VaultHaStatus> parseHaStatus(const json& body) {
    if (!body.is_object()) {
        return malformed(QStringLiteral("the sys/ha-status reply is not a JSON object"));
    }
    // The fields come inside `data`, and OpenBao repeats them at the top level.
    const auto data = body.find("data");
    const json* fields = data != body.end() && data->is_object() ? &*data : &body;
    const auto nodes = fields->find("nodes");
    if (nodes == fields->end() || nodes->is_null()) {
        return malformed(QStringLiteral("the sys/ha-status reply has no \"nodes\""));
    }
    if (!nodes->is_array()) {
        return malformed(QStringLiteral("the sys/ha-status reply's \"nodes\" is not a list"));
    }
    VaultHaStatus status;
    int active = 0;
    for (const auto& item : *nodes) {
        if (!item.is_object()) {
            return malformed(QStringLiteral("the sys/ha-status reply lists a node that is not an "
                                            "object"));
        }
        FieldReader read(item, QStringLiteral("sys/ha-status"));
        VaultHaNode node;
        node.hostname = read.text("hostname");
        node.apiAddress = read.text("api_address");
        node.clusterAddress = read.text("cluster_address");
        node.activeNode = read.flag("active_node", true);
        node.lastEcho = read.time("last_echo");
        node.version = read.text("version");
        node.upgradeVersion = read.text("upgrade_version");
        if (read.error()) {
            return *read.error();
        }
        if (node.apiAddress.isEmpty()) {
            return malformed(QStringLiteral("the sys/ha-status reply lists a node without an "
                                            "api_address"));
        }
        active += node.activeNode ? 1 : 0;
        status.nodes.append(std::move(node));
    }
    if (active > 1) {
        return malformed(
            QStringLiteral("the sys/ha-status reply names %1 active nodes").arg(active));
    }
    return status;
}

} // namespace strongroom::vault
