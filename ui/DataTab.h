#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace strongroom {

class Clipboard;
class SecretPresenter;

// The Data tab: the masked key/value table with Reveal and Copy for the selected value (buttons,
// context menu, double-click reveals), and a JSON view of the same value. Values appear only
// after an explicit reveal and the JSON text is dropped whenever the tab hides or the model
// clears.
class DataTab : public QWidget {
    Q_OBJECT
public:
    DataTab(SecretPresenter* presenter, Clipboard* clipboard, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QPushButton* revealButton() const { return m_reveal; }
    QPushButton* copyButton() const { return m_copy; }
    QCheckBox* jsonToggle() const { return m_jsonToggle; }
    QPlainTextEdit* jsonView() const { return m_json; }

    void revealRow(int row);
    void copyRow(int row);

protected:
    void hideEvent(QHideEvent* event) override;

private:
    int selectedRow() const;
    void updateButtons();
    void updateFormat();
    void refreshJson();
    void clearJson();
    void showContextMenu(const QPoint& position);

    SecretPresenter* m_presenter;
    Clipboard* m_clipboard;
    QLabel* m_format;
    QStackedWidget* m_views;
    QTableView* m_table;
    QPlainTextEdit* m_json;
    QCheckBox* m_jsonToggle;
    QPushButton* m_reveal;
    QPushButton* m_copy;
};

} // namespace strongroom
