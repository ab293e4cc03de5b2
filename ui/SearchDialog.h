#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace strongroom {

class ConnectionTreeModel;
class SecretSearch;
class Workspace;

// Search secrets by name across folders (Ctrl+Shift+F): crawls the chosen connection below a
// folder with a few listings in flight, shows matches as they come, progress, and a Stop
// button; folders already listed in the tree are not listed again. Quick open (Ctrl+K) only
// searches what is loaded; this goes and looks.
class SearchDialog : public QDialog {
    Q_OBJECT
public:
    SearchDialog(Workspace* workspace, ConnectionTreeModel* tree, QWidget* parent = nullptr);
    ~SearchDialog() override;

    // Preselects the connection and folder to search below (the tree's current selection).
    void setScope(const QString& connectionId, const QString& folder);

    QComboBox* connectionBox() const { return m_connection; }
    QLineEdit* folderField() const { return m_folder; }
    QLineEdit* queryField() const { return m_query; }
    QPushButton* searchButton() const { return m_search; }
    QListWidget* results() const { return m_results; }
    QLabel* statusLabel() const { return m_status; }
    SecretSearch* search() const { return m_searcher; }

Q_SIGNALS:
    void secretChosen(const QString& connectionId, const QString& path);

protected:
    void reject() override;

private:
    void fillConnections();
    void startOrStop();
    void showProgress(int done, int left);
    void finished(bool ok, const QString& message);
    void choose();

    Workspace* m_workspace;
    ConnectionTreeModel* m_tree;
    SecretSearch* m_searcher;
    QComboBox* m_connection;
    QLineEdit* m_folder;
    QLineEdit* m_query;
    QPushButton* m_search;
    QProgressBar* m_progress;
    QListWidget* m_results;
    QLabel* m_status;
    QString m_searchedConnection;
};

} // namespace strongroom
