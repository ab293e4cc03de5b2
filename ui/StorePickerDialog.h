#pragma once

#include <QDialog>
#include <QList>
#include <QPointer>

class QListWidget;
class QPushButton;

namespace strongroom {

class StoreUi;

// "Connect…": which kind of store to connect to. One row per store UI, with the icon, name and
// one-line summary the provider registry gives it; Enter, a double-click or Continue opens that
// store's connect dialog (storeChosen) and closes the picker.
class StorePickerDialog : public QDialog {
    Q_OBJECT
public:
    explicit StorePickerDialog(const QList<StoreUi*>& stores, QWidget* parent = nullptr);

    QListWidget* list() const { return m_list; }
    QPushButton* continueButton() const { return m_continue; }
    // The row of the store shown as `displayName`, -1 when none is.
    int rowOf(const QString& displayName) const;

Q_SIGNALS:
    void storeChosen(strongroom::StoreUi* store);

private:
    void chooseCurrent();

    QList<QPointer<StoreUi>> m_stores; // by row
    QListWidget* m_list;
    QPushButton* m_continue;
    bool m_chosen = false; // Enter reaches both the list and the default button
};

} // namespace strongroom
