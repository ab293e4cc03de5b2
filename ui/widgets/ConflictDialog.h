#pragma once

#include "SecretDiff.h"

#include <QDialog>

class QPushButton;

namespace strongroom {

class AppSettings;
class DiffView;

// "Someone else saved version N while you were editing": shows what the other writer changed
// (base -> theirs) next to what the operator changed (base -> mine), and lets the operator
// re-apply their change on top of the new version or discard it. Nothing is overwritten without
// this choice. Escape closes with choice() == Undecided (keep editing).
class ConflictDialog : public QDialog {
    Q_OBJECT
public:
    enum class Choice { Undecided, ReapplyMine, DiscardMine };
    Q_ENUM(Choice)

    ConflictDialog(AppSettings* settings, const QString& path, const QString& baseVersion,
                   const QString& theirVersion, const SecretDiff& theirChange,
                   const SecretDiff& myChange, QWidget* parent = nullptr);

    Choice choice() const { return m_choice; }

    DiffView* theirChangeView() const { return m_theirs; }
    DiffView* myChangeView() const { return m_mine; }
    QPushButton* reapplyButton() const { return m_reapplyButton; }
    QPushButton* discardButton() const { return m_discardButton; }

Q_SIGNALS:
    void chosen(strongroom::ConflictDialog::Choice choice);

protected:
    void hideEvent(QHideEvent* event) override;

private:
    void choose(Choice choice);

    Choice m_choice = Choice::Undecided;
    DiffView* m_theirs = nullptr;
    DiffView* m_mine = nullptr;
    QPushButton* m_reapplyButton = nullptr;
    QPushButton* m_discardButton = nullptr;
};

} // namespace strongroom
