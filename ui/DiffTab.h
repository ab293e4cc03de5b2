#pragma once

#include <QWidget>

class QComboBox;
class QPushButton;

namespace strongroom {

class AppSettings;
class DiffView;
class SecretPresenter;

// The Diff tab: pick two versions ("before" and "after") and see what changed, values masked
// until revealed in the DiffView.
class DiffTab : public QWidget {
    Q_OBJECT
public:
    DiffTab(SecretPresenter* presenter, AppSettings* settings, QWidget* parent = nullptr);

    QComboBox* beforePicker() const { return m_before; }
    QComboBox* afterPicker() const { return m_after; }
    DiffView* diffView() const { return m_view; }

    // Sets both pickers and loads the diff.
    void compare(const QString& before, const QString& after);

private:
    void fillPickers();
    void pickersChanged();
    void showDiff();
    QString pickedVersion(const QComboBox* picker) const;
    void pick(QComboBox* picker, const QString& version);

    SecretPresenter* m_presenter;
    QComboBox* m_before;
    QComboBox* m_after;
    DiffView* m_view;
    bool m_filling = false;
};

} // namespace strongroom
