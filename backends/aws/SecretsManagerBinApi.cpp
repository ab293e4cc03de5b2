#include "SecretsManagerBinApi.h"

#include "AwsSecretDescription.h"
#include "AwsTimestamp.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace strongroom::secretsmanager {

namespace {

using json = nlohmann::json;
using Kind = BackendError::Kind;

constexpr int listPageSize = 100;

QString tr(const char* text) {
    return QCoreApplication::translate("SecretsManagerBinApi", text);
}

BackendError invalidReply(const QString& why) {
    return BackendError(Kind::InvalidResponse, QStringLiteral("ListSecrets reply: %1").arg(why));
}

// ListSecrets' name filter takes a prefix, but only of these characters, and "!" negates it:
// any other prefix is matched here alone.
bool serverCanFilter(const QString& prefix) {
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9 :_@/+=.\\-]{1,512}$"));
    return allowed.match(prefix).hasMatch();
}

} // namespace

json deletedListParams(const QString& prefix, const QString& nextToken) {
    json params{{"IncludePlannedDeletion", true}, {"MaxResults", listPageSize}};
    if (serverCanFilter(prefix))
        params["Filters"] =
            json::array({json{{"Key", "name"}, {"Values", json::array({prefix.toStdString()})}}});
    if (!nextToken.isEmpty())
        params["NextToken"] = nextToken.toStdString();
    return params;
}

Result<QString> readDeletedPage(const json& reply, const QString& prefix,
                                QList<DeletedSecret>& out) {
    if (!reply.is_object())
        return invalidReply(tr("not a JSON object"));
    const auto list = reply.find("SecretList");
    if (list != reply.end() && !list->is_null()) {
        if (!list->is_array())
            return invalidReply(tr("SecretList is a JSON %1, expected a list")
                                    .arg(QString::fromLatin1(list->type_name())));
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json& entry = (*list)[i];
            auto described = AwsSecretDescription::fromJson(
                entry, QStringLiteral("ListSecrets entry %1").arg(i));
            if (!described)
                return described.error();
            if (!described->isScheduledForDeletion() || !described->name.startsWith(prefix))
                continue;
            DeletedSecret deleted;
            deleted.path = described->name;
            deleted.purgeAt = described->deletedDate;
            if (const auto given = entry.find("DeletionDate");
                given != entry.end() && !given->is_null()) {
                const auto when = awsTimestampFromJson(*given);
                if (!when)
                    return invalidReply(tr("entry %1 has an unreadable DeletionDate").arg(i));
                deleted.deletedAt = described->deletedDate;
                deleted.purgeAt = *when;
            }
            out.append(deleted);
        }
    }
    const auto next = reply.find("NextToken");
    if (next == reply.end() || next->is_null())
        return QString();
    if (!next->is_string())
        return invalidReply(tr("NextToken is a JSON %1, expected a string")
                                .arg(QString::fromLatin1(next->type_name())));
    return QString::fromStdString(next->get_ref<const std::string&>());
}

} // namespace strongroom::secretsmanager
