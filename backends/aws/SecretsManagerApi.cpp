#include "SecretsManagerApi.h"

#include "AwsTimestamp.h"
#include "JsonWipe.h"

#include <QCoreApplication>
#include <QLocale>

#include <openssl/crypto.h>

#include <algorithm>

namespace strongroom::secretsmanager {

namespace {

using json = nlohmann::json;
using Kind = BackendError::Kind;

QString tr(const char* text) {
    return QCoreApplication::translate("SecretsManagerApi", text);
}

BackendError invalid(const QString& operation, const QString& why) {
    return BackendError(Kind::InvalidResponse, tr("Secrets Manager %1: %2").arg(operation, why));
}

const json* member(const json& object, const char* key) {
    if (!object.is_object()) {
        return nullptr;
    }
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) {
        return nullptr;
    }
    return &*found;
}

QString text(const json& value) {
    return QString::fromStdString(value.get_ref<const std::string&>());
}

QString display(const QDateTime& when) {
    return when.isValid() ? when.toUTC().toString(Qt::ISODate) : QString();
}

} // namespace

QString nextToken(const json& reply) {
    const json* token = member(reply, "NextToken");
    return token && token->is_string() ? text(*token) : QString();
}

Result<SecretListPage> parseSecretList(const json& reply) {
    const auto operation = QStringLiteral("ListSecrets");
    SecretListPage page;
    page.nextToken = nextToken(reply);
    const json* list = member(reply, "SecretList");
    if (!list) {
        return page;
    }
    if (!list->is_array()) {
        return invalid(operation, tr("SecretList is not a list"));
    }
    for (const auto& entry : *list) {
        const json* name = member(entry, "Name");
        if (!name || !name->is_string() || name->get_ref<const std::string&>().empty()) {
            return invalid(operation, tr("an entry of SecretList has no Name"));
        }
        ListedSecret secret;
        secret.name = text(*name);
        secret.scheduledForDeletion = member(entry, "DeletedDate") != nullptr;
        page.secrets.append(secret);
    }
    return page;
}

Result<VersionListPage> parseVersionList(const json& reply) {
    const auto operation = QStringLiteral("ListSecretVersionIds");
    VersionListPage page;
    page.nextToken = nextToken(reply);
    const json* list = member(reply, "Versions");
    if (!list) {
        return page;
    }
    if (!list->is_array()) {
        return invalid(operation, tr("Versions is not a list"));
    }
    for (const auto& entry : *list) {
        const json* id = member(entry, "VersionId");
        if (!id || !id->is_string() || id->get_ref<const std::string&>().empty()) {
            return invalid(operation, tr("a version has no VersionId"));
        }
        VersionInfo version;
        version.id = text(*id);
        if (const json* created = member(entry, "CreatedDate")) {
            const auto when = awsTimestampFromJson(*created);
            if (!when) {
                return invalid(operation,
                               tr("version %1 has an unreadable CreatedDate").arg(version.id));
            }
            version.created = *when;
        }
        if (const json* stages = member(entry, "VersionStages")) {
            if (!stages->is_array()) {
                return invalid(operation, tr("VersionStages of %1 is not a list").arg(version.id));
            }
            for (const auto& stage : *stages) {
                if (!stage.is_string()) {
                    return invalid(operation,
                                   tr("a stage of version %1 is not a string").arg(version.id));
                }
                version.labels.append(text(stage));
            }
        }
        if (version.labels.contains(QLatin1String("AWSCURRENT"))) {
            version.marks |= VersionMark::Current;
        }
        if (version.labels.contains(QLatin1String("AWSPREVIOUS"))) {
            version.marks |= VersionMark::Previous;
        }
        if (version.labels.contains(QLatin1String("AWSPENDING"))) {
            version.marks |= VersionMark::Pending;
        }
        if (version.labels.isEmpty()) {
            version.marks |= VersionMark::Deprecated;
        }
        page.versions.append(version);
    }
    return page;
}

void sortNewestFirst(QList<VersionInfo>& versions) {
    std::stable_sort(versions.begin(), versions.end(),
                     [](const VersionInfo& a, const VersionInfo& b) {
                         if (a.created != b.created) {
                             return a.created > b.created;
                         }
                         return a.marks.testFlag(VersionMark::Current) &&
                                !b.marks.testFlag(VersionMark::Current);
                     });
}

Result<SecretValue> takeSecretValue(json& reply, const QString& name) {
    const auto operation = QStringLiteral("GetSecretValue");
    std::optional<SecretValue> value;
    std::optional<BackendError> error;
    if (json* secretString =
            reply.is_object() && reply.contains("SecretString") && !reply["SecretString"].is_null()
                ? &reply["SecretString"]
                : nullptr) {
        if (secretString->is_string()) {
            auto& raw = secretString->get_ref<std::string&>();
            value = SecretValue::fromJsonOrText(SecretBytes(raw.data(), raw.size()));
        } else {
            error = invalid(operation, tr("SecretString of %1 is not a string").arg(name));
        }
    } else if (const json* binary = member(reply, "SecretBinary")) {
        if (binary->is_string()) {
            const auto& raw = binary->get_ref<const std::string&>();
            QByteArray encoded(raw.data(), static_cast<qsizetype>(raw.size()));
            auto decoded =
                QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
            wipe(encoded);
            if (decoded) {
                value = SecretValue::binary(SecretBytes::takeFrom(*decoded));
            } else {
                error = invalid(operation, tr("SecretBinary of %1 is not base64").arg(name));
            }
        } else {
            error = invalid(operation, tr("SecretBinary of %1 is not a string").arg(name));
        }
    } else {
        error = BackendError(Kind::NotFound,
                             tr("this version of %1 has no value (a rotation that has not "
                                "stored one yet)")
                                 .arg(name));
    }
    wipeJson(reply);
    if (error) {
        return *error;
    }
    return std::move(*value);
}

void putSecretValue(json& params, const SecretValue& value) {
    SecretBytes bytes = value.serialize();
    if (value.format() == SecretValue::Format::Binary) {
        QByteArray raw = bytes.toByteArrayUnsafe();
        QByteArray encoded = raw.toBase64();
        params["SecretBinary"] = std::string(encoded.constData(), encoded.size());
        wipe(raw);
        wipe(encoded);
    } else {
        params["SecretString"] = std::string(bytes.view());
    }
}

SecretMetadata toMetadata(const AwsSecretDescription& description) {
    SecretMetadata metadata;
    metadata.currentVersion = description.currentVersion();
    metadata.created = description.created;
    metadata.updated = description.lastChanged;
    metadata.customMetadata = description.tags;
    auto add = [&metadata](const QString& label, const QString& value) {
        if (!value.isEmpty()) {
            metadata.details.append({label, value});
        }
    };
    add(tr("ARN"), description.arn);
    add(tr("Description"), description.description);
    add(tr("KMS key"), description.kmsKeyId.isEmpty() ? tr("aws/secretsmanager (AWS managed)")
                                                      : description.kmsKeyId);
    const auto& rotation = description.rotation;
    add(tr("Rotation"), rotation.enabled ? tr("enabled") : tr("disabled"));
    add(tr("Rotation Lambda"), rotation.lambdaArn);
    if (rotation.automaticallyAfterDays > 0) {
        add(tr("Rotation schedule"),
            QCoreApplication::translate("SecretsManagerApi", "every %n day(s)", nullptr,
                                        rotation.automaticallyAfterDays));
    } else {
        add(tr("Rotation schedule"), rotation.scheduleExpression);
    }
    add(tr("Rotation window"), rotation.duration);
    add(tr("Last rotated"), display(rotation.lastRotated));
    add(tr("Next rotation"), display(rotation.nextRotation));
    add(tr("Last accessed"), display(description.lastAccessed));
    if (description.isScheduledForDeletion()) {
        add(tr("Scheduled for deletion"), display(description.deletedDate));
    }
    add(tr("Owning service"), description.owningService);
    add(tr("Primary region"), description.primaryRegion);
    return metadata;
}

} // namespace strongroom::secretsmanager
