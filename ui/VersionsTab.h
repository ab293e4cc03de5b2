#pragma once

#include <QWidget>

class QPushButton;
class QTableView;

namespace strongroom {

class SecretPresenter;

// The Versions tab: the history with marks and labels. Selecting two rows and pressing Compare
// (or double-clicking one row, against the current version) opens their diff.
class VersionsTab : public QWidget {
    Q_OBJECT
public:
    explicit VersionsTab(SecretPresenter* presenter, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QPushButton* compareButton() const { return m_compare; }
    // Version ids of the selected rows, oldest first.
    QStringList selectedVersions() const;

Q_SIGNALS:
    void compareRequested(const QString& before, const QString& after);

private:
    void updateButtons();
    void requestCompare();

    SecretPresenter* m_presenter;
    QTableView* m_table;
    QPushButton* m_compare;
};

} // namespace strongroom
