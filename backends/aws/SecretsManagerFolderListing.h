#pragma once

#include "Entry.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace strongroom {

// Virtual folders over the flat ListSecrets, one page at a time. A folder listing streams
// ListSecrets pages (name prefix filter) instead of reading every secret first, so the first
// page of a store with 100k secrets comes back after one or a few calls; the price is that the
// folders already shown must be remembered between pages. Each listing is a session whose id
// travels in the cursor ("<session>.<NextToken>") and keeps the set of folders it gave; at most
// `maxSessions` are kept (the oldest is dropped), and a cursor of a dropped session is refused
// rather than risk repeating folders.
class SecretsManagerFolderListing {
public:
    static constexpr int maxSessions = 32;

    struct Cursor {
        QString session;
        QString awsToken;
    };

    // Empty cursor: a new session. Nothing when the cursor is malformed or its session is gone.
    std::optional<Cursor> open(const QString& cursor);
    // The cursor for the next page, or empty (and the session closed) when `awsToken` is empty.
    QString next(const Cursor& cursor, const QString& awsToken);
    // The rows of `folder` for `names`: direct secrets, and the first segment of deeper names as
    // folders not yet given in this session. Names outside `folder` are ignored.
    QList<Entry> fold(const Cursor& cursor, const QString& folder, const QStringList& names);
    void clear();

private:
    QHash<QString, QSet<QString>> m_shownFolders;
    QStringList m_order; // oldest first
};

} // namespace strongroom
