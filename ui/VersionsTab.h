#pragma once

#include <QWidget>

class QAbstractButton;
class QAction;
class QHBoxLayout;
class QPushButton;
class QTableView;

namespace strongroom {

class SecretPresenter;

// The Versions tab: the history with marks and labels, whatever the store marks (deleted,
// destroyed, disabled, a pending destroy with its date, expiry, not before); a date column shows
// only when a version has that date. Selecting two rows and pressing Compare (or double-clicking
// one row, against the current version) opens their diff. The window adds its version actions
// (enable / disable) as buttons beside Compare.
class VersionsTab : public QWidget {
    Q_OBJECT
public:
    explicit VersionsTab(SecretPresenter* presenter, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QPushButton* compareButton() const { return m_compare; }
    // Version ids of the selected rows, oldest first.
    QStringList selectedVersions() const;
    // A button for `action` beside Compare; it follows the action (enabled, visible).
    QAbstractButton* addActionButton(QAction* action);

Q_SIGNALS:
    void compareRequested(const QString& before, const QString& after);

private:
    void updateButtons();
    void requestCompare();
    // Hides the date columns no version has a value in.
    void showUsedColumns();

    SecretPresenter* m_presenter;
    QTableView* m_table;
    QPushButton* m_compare;
    QHBoxLayout* m_bar;
};

} // namespace strongroom
