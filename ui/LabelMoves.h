#pragma once

#include "VersionInfo.h"

#include <QList>
#include <QString>

namespace strongroom {

// How the labels of a store that moves them (AWS staging labels) changed between two listings of
// one secret's versions, in the operator's words: "AWSCURRENT moved from A to B; AWSPREVIOUS now
// on A". The label that marks the current version comes first. Stores without labels (Vault, the
// local store) have nothing to say: describe() is then empty. Long ids (AWS's UUIDs) are
// shortened to their first 8 characters so the sentence fits the status bar.
class LabelMoves {
public:
    static QString describe(const QList<VersionInfo>& before, const QList<VersionInfo>& after);
    // "6f1c2a9e…" for a 36-character UUID; short ids (Vault's numbers) as they are.
    static QString shortId(const QString& versionId);
};

} // namespace strongroom
