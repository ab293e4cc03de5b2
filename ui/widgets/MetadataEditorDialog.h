#pragma once

#include "SecretMetadata.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace strongroom {

// Edits the settings of one secret that are not its value: versions kept, whether writes must
// carry check-and-set, how long a version lives, and custom key/value metadata (Vault
// custom_metadata). Never shows a secret value. update() returns only what changed.
class MetadataEditorDialog : public QDialog {
    Q_OBJECT
public:
    MetadataEditorDialog(const QString& path, const SecretMetadata& current,
                         QWidget* parent = nullptr);

    // The changes, or nullopt with `problem` set when an input is not valid.
    std::optional<MetadataUpdate> update(QString* problem) const;

    QSpinBox* maxVersionsField() const { return m_maxVersions; }
    QCheckBox* casRequiredBox() const { return m_casRequired; }
    QLineEdit* deleteAfterField() const { return m_deleteAfter; }
    QTableWidget* customTable() const { return m_custom; }
    QPushButton* addRowButton() const { return m_addRow; }
    QPushButton* saveButton() const { return m_save; }

    // "30d" is not a Go duration; "720h", "1h30m", "45s" and "" (never) are.
    static bool isDuration(const QString& text);

private:
    void validate();
    void accept() override;

    SecretMetadata m_current;
    QSpinBox* m_maxVersions;
    QCheckBox* m_casRequired;
    QLineEdit* m_deleteAfter;
    QTableWidget* m_custom;
    QPushButton* m_addRow;
    QPushButton* m_removeRow;
    QLabel* m_problem;
    QPushButton* m_save;
};

} // namespace strongroom
