#pragma once

#include "Result.h"
#include "SecretDeletion.h"

#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

namespace strongroom::secretsmanager {

// The wire format of the bin: secrets scheduled for deletion, as ListSecrets with
// IncludePlannedDeletion lists them. Pure; readers never throw.

// One page's request, names starting `prefix` only ("" for all).
nlohmann::json deletedListParams(const QString& prefix, const QString& nextToken);

// The secrets of one page that wait for deletion (only those starting `prefix`: the server
// cannot filter every prefix) appended to `out`, and the next page's token (empty on the last
// page: AWS leaves it out, moto sends null, some send "").
//
// When each goes for good: AWS documents DescribeSecret's DeletedDate as "the date the secret is
// scheduled for deletion" (moto 5.2.5 sends now + window there), so that is `purgeAt` unless a
// DeletionDate, which ListSecrets does not document, says otherwise; only then is DeletedDate
// the moment of deletion and `deletedAt` set.
Result<QString> readDeletedPage(const nlohmann::json& reply, const QString& prefix,
                                QList<DeletedSecret>& out);

} // namespace strongroom::secretsmanager
