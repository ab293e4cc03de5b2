#include "AwsSecretDescription.h"

#include "AwsTimestamp.h"

#include <QCoreApplication>

namespace strongroom {

namespace {

using json = nlohmann::json;

const QString awsCurrent = QStringLiteral("AWSCURRENT");
const QString awsPending = QStringLiteral("AWSPENDING");

constexpr long long maxRotationDays = 1000; // RotationRules.AutomaticallyAfterDays is 1..1000

QString tr(const char* text) {
    return QCoreApplication::translate("AwsSecretDescription", text);
}

QString typeName(const json& value) {
    return QString::fromLatin1(value.type_name());
}

// Reads the fields of one JSON object, remembering the first field with the wrong type. AWS
// leaves optional fields out, and moto sends them as null: both read as "not set".
class FieldReader {
public:
    FieldReader(const json& object, QString path)
        : m_object(object)
        , m_path(std::move(path)) {}

    std::optional<QString> problem() const { return m_problem; }

    // The value at `key`, or nullptr when absent or null.
    const json* find(const char* key) const {
        const auto found = m_object.find(key);
        if (found == m_object.end() || found->is_null())
            return nullptr;
        return &*found;
    }

    QString where(const char* key) const { return m_path + QString::fromLatin1(key); }

    void wrongType(const char* key, const json& value, const QString& expected) {
        fail(tr("%1 is a JSON %2, expected %3").arg(where(key), typeName(value), expected));
    }

    void fail(const QString& why) {
        if (!m_problem)
            m_problem = why;
    }

    void string(const char* key, QString& out) {
        const json* value = find(key);
        if (!value)
            return;
        if (!value->is_string())
            return wrongType(key, *value, tr("a string"));
        out = QString::fromStdString(value->get_ref<const std::string&>());
    }

    void boolean(const char* key, bool& out) {
        const json* value = find(key);
        if (!value)
            return;
        if (!value->is_boolean())
            return wrongType(key, *value, tr("true or false"));
        out = value->get<bool>();
    }

    // Epoch seconds, possibly fractional (1523477145.729), to a UTC date with milliseconds.
    void date(const char* key, QDateTime& out) {
        const json* value = find(key);
        if (!value)
            return;
        if (!value->is_number())
            return wrongType(key, *value, tr("a number of seconds since 1970"));
        const auto when = awsTimestampFromJson(*value);
        if (!when)
            return fail(tr("%1 is %2 seconds since 1970, which is not a date")
                            .arg(where(key), QString::fromStdString(value->dump())));
        out = *when;
    }

    void days(const char* key, int& out) {
        const json* value = find(key);
        if (!value)
            return;
        if (!value->is_number_integer())
            return wrongType(key, *value, tr("a whole number of days"));
        const bool inRange =
            value->is_number_unsigned()
                ? value->get<unsigned long long>() <=
                      static_cast<unsigned long long>(maxRotationDays)
                : value->get<long long>() >= 0 && value->get<long long>() <= maxRotationDays;
        if (!inRange)
            return fail(tr("%1 is %2 days, outside 0..%3")
                            .arg(where(key), QString::fromStdString(value->dump()))
                            .arg(maxRotationDays));
        out = static_cast<int>(value->get<long long>());
    }

    const json* object(const char* key) {
        const json* value = find(key);
        if (value && !value->is_object()) {
            wrongType(key, *value, tr("an object"));
            return nullptr;
        }
        return value;
    }

    const json* array(const char* key) {
        const json* value = find(key);
        if (value && !value->is_array()) {
            wrongType(key, *value, tr("a list"));
            return nullptr;
        }
        return value;
    }

private:
    const json& m_object;
    QString m_path;
    std::optional<QString> m_problem;
};

void readRotationRules(const json& rules, AwsRotationConfig& out, FieldReader& parent) {
    FieldReader reader(rules, QStringLiteral("RotationRules."));
    reader.days("AutomaticallyAfterDays", out.automaticallyAfterDays);
    reader.string("ScheduleExpression", out.scheduleExpression);
    reader.string("Duration", out.duration);
    if (const auto problem = reader.problem())
        parent.fail(*problem);
}

void readTags(const json& tags, QMap<QString, QString>& out, FieldReader& parent) {
    for (std::size_t i = 0; i < tags.size(); ++i) {
        const json& tag = tags[i];
        const QString path = QStringLiteral("Tags[%1]").arg(i);
        if (!tag.is_object())
            return parent.fail(tr("%1 is a JSON %2, expected an object").arg(path, typeName(tag)));
        FieldReader reader(tag, path + QLatin1Char('.'));
        QString key;
        QString value;
        reader.string("Key", key);
        reader.string("Value", value); // a tag may have an empty value
        if (const auto problem = reader.problem())
            return parent.fail(*problem);
        if (key.isEmpty())
            return parent.fail(tr("%1 has no Key").arg(path));
        out.insert(key, value);
    }
}

void readVersionStages(const json& versions, QMap<QString, QStringList>& out, FieldReader& parent) {
    for (const auto& [id, stages] : versions.items()) {
        const QString versionId = QString::fromStdString(id);
        const QString path = QStringLiteral("VersionIdsToStages[\"%1\"]").arg(versionId.left(64));
        if (versionId.isEmpty())
            return parent.fail(tr("VersionIdsToStages has an empty version id"));
        if (!stages.is_array())
            return parent.fail(tr("%1 is a JSON %2, expected a list").arg(path, typeName(stages)));
        QStringList labels;
        for (const json& stage : stages) {
            if (!stage.is_string())
                return parent.fail(
                    tr("%1 holds a JSON %2, expected label strings").arg(path, typeName(stage)));
            labels.append(QString::fromStdString(stage.get_ref<const std::string&>()));
        }
        out.insert(versionId, labels);
    }
}

} // namespace

QString AwsSecretDescription::currentVersion() const {
    return versionWithLabel(awsCurrent);
}

QString AwsSecretDescription::versionWithLabel(const QString& label) const {
    for (auto it = versionStages.cbegin(); it != versionStages.cend(); ++it) {
        if (it.value().contains(label))
            return it.key();
    }
    return {};
}

std::optional<QString> AwsSecretDescription::stuckPendingVersion() const {
    for (auto it = versionStages.cbegin(); it != versionStages.cend(); ++it) {
        if (it.value().contains(awsPending) && !it.value().contains(awsCurrent))
            return it.key();
    }
    return std::nullopt;
}

Result<AwsSecretDescription> AwsSecretDescription::fromJson(const nlohmann::json& reply) {
    return fromJson(reply, tr("DescribeSecret reply"));
}

Result<AwsSecretDescription> AwsSecretDescription::fromJson(const nlohmann::json& reply,
                                                            const QString& context) {
    const auto invalid = [&context](const QString& why) {
        return BackendError(BackendError::Kind::InvalidResponse,
                            QStringLiteral("%1: %2").arg(context, why));
    };
    if (!reply.is_object())
        return invalid(tr("got a JSON %1 where an object was expected").arg(typeName(reply)));

    AwsSecretDescription out;
    FieldReader reader(reply, QString());
    reader.string("ARN", out.arn);
    reader.string("Name", out.name);
    reader.string("Description", out.description);
    reader.string("KmsKeyId", out.kmsKeyId);
    reader.string("OwningService", out.owningService);
    reader.string("PrimaryRegion", out.primaryRegion);
    reader.date("CreatedDate", out.created);
    reader.date("LastChangedDate", out.lastChanged);
    reader.date("LastAccessedDate", out.lastAccessed);
    reader.date("DeletedDate", out.deletedDate);

    reader.boolean("RotationEnabled", out.rotation.enabled);
    reader.string("RotationLambdaARN", out.rotation.lambdaArn);
    reader.date("LastRotatedDate", out.rotation.lastRotated);
    reader.date("NextRotationDate", out.rotation.nextRotation);
    if (const json* rules = reader.object("RotationRules"))
        readRotationRules(*rules, out.rotation, reader);
    if (const json* tags = reader.array("Tags"))
        readTags(*tags, out.tags, reader);
    if (const json* versions = reader.object("VersionIdsToStages"))
        readVersionStages(*versions, out.versionStages, reader);

    if (const auto problem = reader.problem())
        return invalid(*problem);
    if (out.name.isEmpty())
        return invalid(tr("no Name"));
    return out;
}

} // namespace strongroom
