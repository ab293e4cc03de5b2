#pragma once

#include "SecretDiff.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QTableWidget;

namespace strongroom {

class AppSettings;
class RevealTimer;

// Shows a SecretDiff as a table: key (or line) / change / old / new. Every change carries a text
// marker ("+ added", "- removed", "~ changed", "= unchanged"), with a subtle palette-derived
// background as a second cue. Values stay masked until "Reveal values" is ticked, and are masked
// again after AppSettings::revealSeconds or when the view hides.
class DiffView : public QWidget {
    Q_OBJECT
public:
    enum Column { KeyColumn, ChangeColumn, OldColumn, NewColumn, ColumnCount };

    explicit DiffView(AppSettings* settings, QWidget* parent = nullptr);

    void setDiff(const SecretDiff& diff);
    // Drops the diff and every value shown (lock, dialog closed).
    void clear();
    const SecretDiff& diff() const { return m_diff; }

    void setRevealed(bool revealed);
    bool isRevealed() const;
    void setHideUnchanged(bool hide);

    QTableWidget* table() const { return m_table; }
    QCheckBox* revealToggle() const { return m_revealToggle; }
    QCheckBox* hideUnchangedToggle() const { return m_hideUnchangedToggle; }
    QLabel* summaryLabel() const { return m_summary; }
    RevealTimer* revealTimer() const { return m_revealTimer; }

    // The words in the change column, also used by tests and other views.
    static QString marker(DiffChange change);
    static QString maskedValue();

protected:
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void addRow(const QString& key, DiffChange change, const SecretBytes* before,
                const SecretBytes* after);
    QString shown(const SecretBytes* value) const;
    void applyRowVisibility();
    void updateSummary();

    SecretDiff m_diff;
    bool m_hasDiff = false;
    QTableWidget* m_table = nullptr;
    QCheckBox* m_revealToggle = nullptr;
    QCheckBox* m_hideUnchangedToggle = nullptr;
    QLabel* m_summary = nullptr;
    RevealTimer* m_revealTimer = nullptr;
};

} // namespace strongroom
