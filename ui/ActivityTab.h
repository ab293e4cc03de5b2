#pragma once

#include <QWidget>

class QTableView;

namespace strongroom {

class SecretPresenter;

// The Activity tab: every audit-log entry about this secret, newest first, following the log
// live while the secret is open.
class ActivityTab : public QWidget {
    Q_OBJECT
public:
    explicit ActivityTab(SecretPresenter* presenter, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }

private:
    QTableView* m_table;
};

} // namespace strongroom
