#include "SecretsManagerFolderListing.h"

#include <QRandomGenerator>

namespace strongroom {

std::optional<SecretsManagerFolderListing::Cursor>
SecretsManagerFolderListing::open(const QString& cursor) {
    if (cursor.isEmpty()) {
        const QString session = QString::number(QRandomGenerator::global()->generate64(), 36);
        m_shownFolders.insert(session, {});
        m_order.append(session);
        while (m_order.size() > maxSessions) {
            m_shownFolders.remove(m_order.takeFirst());
        }
        return Cursor{session, {}};
    }
    const auto dot = cursor.indexOf(QLatin1Char('.'));
    if (dot <= 0 || dot == cursor.size() - 1) {
        return std::nullopt;
    }
    Cursor out{cursor.left(dot), cursor.mid(dot + 1)};
    if (!m_shownFolders.contains(out.session)) {
        return std::nullopt;
    }
    return out;
}

QString SecretsManagerFolderListing::next(const Cursor& cursor, const QString& awsToken) {
    if (awsToken.isEmpty()) {
        m_shownFolders.remove(cursor.session);
        m_order.removeAll(cursor.session);
        return {};
    }
    return cursor.session + QLatin1Char('.') + awsToken;
}

QList<Entry> SecretsManagerFolderListing::fold(const Cursor& cursor, const QString& folder,
                                               const QStringList& names) {
    QList<Entry> entries;
    auto& shown = m_shownFolders[cursor.session];
    for (const auto& name : names) {
        if (!name.startsWith(folder) || name.size() == folder.size()) {
            continue;
        }
        const QString rest = name.mid(folder.size());
        const auto slash = rest.indexOf(QLatin1Char('/'));
        if (slash < 0) {
            entries.append({Entry::Kind::Secret, rest, name});
            continue;
        }
        if (slash == 0) {
            // "a//b": an empty segment is not a folder anyone can open; show the secret whole.
            entries.append({Entry::Kind::Secret, rest, name});
            continue;
        }
        const QString child = rest.left(slash);
        if (shown.contains(child)) {
            continue;
        }
        shown.insert(child);
        entries.append({Entry::Kind::Folder, child, folder + child + QLatin1Char('/')});
    }
    return entries;
}

void SecretsManagerFolderListing::clear() {
    m_shownFolders.clear();
    m_order.clear();
}

} // namespace strongroom
