#pragma once

#include "AwsSecretDescription.h"
#include "Result.h"
#include "SecretMetadata.h"
#include "SecretValue.h"
#include "VersionInfo.h"

#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

namespace strongroom::secretsmanager {

// The wire format of Secrets Manager as the backend needs it: request bodies and reply readers,
// pure and unit-testable. Readers never throw: a field of the wrong type is InvalidResponse.

// NextToken of a paged reply; absent, null and "" all mean "last page".
QString nextToken(const nlohmann::json& reply);

struct ListedSecret {
    QString name;
    bool scheduledForDeletion = false;
};
struct SecretListPage {
    QList<ListedSecret> secrets;
    QString nextToken;
};
Result<SecretListPage> parseSecretList(const nlohmann::json& reply);

struct VersionListPage {
    QList<VersionInfo> versions;
    QString nextToken;
};
// ListSecretVersionIds: staging labels to marks (AWSCURRENT Current, AWSPREVIOUS Previous,
// AWSPENDING Pending, none Deprecated); labels keep every stage, custom ones included.
Result<VersionListPage> parseVersionList(const nlohmann::json& reply);
// Newest first; equal dates keep the current version ahead.
void sortNewestFirst(QList<VersionInfo>& versions);

// GetSecretValue: SecretString that is a JSON object -> key/value, other strings -> text,
// SecretBinary (base64) -> binary. Wipes the secret strings in `reply`.
Result<SecretValue> takeSecretValue(nlohmann::json& reply, const QString& name);
// Puts `value` into `params` as SecretString (text, key/value JSON) or SecretBinary (base64).
void putSecretValue(nlohmann::json& params, const SecretValue& value);

// The Metadata tab of one secret: current version, dates, tags as custom metadata and the AWS
// facts (ARN, KMS key, rotation, deletion...) as detail rows.
SecretMetadata toMetadata(const AwsSecretDescription& description);

} // namespace strongroom::secretsmanager
