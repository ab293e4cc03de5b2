#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListView;

namespace strongroom {

class QuickOpenModel;

// Ctrl+K: type part of a path, pick a secret from every connection's loaded folders.
class QuickOpenDialog : public QDialog {
    Q_OBJECT
public:
    explicit QuickOpenDialog(QuickOpenModel* model, QWidget* parent = nullptr);

    QLineEdit* queryField() const { return m_query; }
    QListView* results() const { return m_results; }

Q_SIGNALS:
    void secretChosen(const QString& connectionId, const QString& path);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void queryChanged(const QString& text);
    void choose(const QModelIndex& index);

    QuickOpenModel* m_model;
    QLineEdit* m_query;
    QListView* m_results;
    QLabel* m_count;
};

} // namespace strongroom
