#pragma once

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTabWidget;

namespace strongroom {

class ActivityTab;
class AppSettings;
class Clipboard;
class DataTab;
class DiffTab;
class ErrorLabel;
class MetadataTab;
class SecretPresenter;
class VersionsTab;

// The right side of the main window: the open secret's name, a message line for errors, and the
// Data / Versions / Diff / Metadata / Activity tabs. Shows a short hint while nothing is open.
class SecretPane : public QWidget {
    Q_OBJECT
public:
    SecretPane(SecretPresenter* presenter, AppSettings* settings, Clipboard* clipboard,
               QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    DataTab* dataTab() const { return m_data; }
    VersionsTab* versionsTab() const { return m_versions; }
    DiffTab* diffTab() const { return m_diff; }
    MetadataTab* metadataTab() const { return m_metadata; }
    ActivityTab* activityTab() const { return m_activity; }
    ErrorLabel* messageLine() const { return m_message; }
    QLabel* title() const { return m_title; }

    void showError(const QString& message);
    void clearError();

private:
    void secretChanged();
    void compare(const QString& before, const QString& after);

    SecretPresenter* m_presenter;
    QStackedWidget* m_pages;
    QLabel* m_title;
    ErrorLabel* m_message;
    QTabWidget* m_tabs;
    DataTab* m_data;
    VersionsTab* m_versions;
    DiffTab* m_diff;
    MetadataTab* m_metadata;
    ActivityTab* m_activity;
};

} // namespace strongroom
