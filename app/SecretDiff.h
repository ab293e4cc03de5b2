#pragma once

#include "SecretBytes.h"
#include "SecretValue.h"

#include <QString>

#include <vector>

namespace strongroom {

// What happened to one key, or one line, between two values.
enum class DiffChange { Added, Removed, Changed, Unchanged };

// One key of a key/value secret. Nested JSON objects are flattened to dotted paths ("db.host"),
// so a change deep inside a JSON field shows as that one path. `before` is empty for Added,
// `after` for Removed.
struct FieldDiff {
    QString key;
    DiffChange change = DiffChange::Unchanged;
    SecretBytes before;
    SecretBytes after;
};

// One line of a text secret: Added, Removed or Unchanged (a changed line is a removal followed by
// an addition, as in a unified diff).
struct LineDiff {
    DiffChange change = DiffChange::Unchanged;
    SecretBytes line;
};

// The difference between two values of a secret, for the Diff tab, conflict and rollback
// previews. Values stay in SecretBytes; nothing here is turned into QString.
class SecretDiff {
public:
    // Fields: both key/value. Lines: both text. Whole: binary, or the format changed, so the
    // value is compared as one opaque blob.
    enum class Mode { Fields, Lines, Whole };

    static SecretDiff between(const SecretValue& before, const SecretValue& after);

    Mode mode() const { return m_mode; }
    // Sorted by key (Fields mode).
    const std::vector<FieldDiff>& fields() const { return m_fields; }
    // In text order (Lines mode).
    const std::vector<LineDiff>& lines() const { return m_lines; }
    // Whole mode: Changed or Unchanged.
    DiffChange wholeChange() const { return m_whole; }
    bool formatChanged() const { return m_formatChanged; }
    bool hasChanges() const;
    // Counts per kind of change (keys in Fields mode, lines in Lines mode).
    int count(DiffChange change) const;

private:
    Mode m_mode = Mode::Whole;
    std::vector<FieldDiff> m_fields;
    std::vector<LineDiff> m_lines;
    DiffChange m_whole = DiffChange::Unchanged;
    bool m_formatChanged = false;
};

} // namespace strongroom
