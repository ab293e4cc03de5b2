#pragma once

#include <QWidget>

class QFormLayout;

namespace strongroom {

class SecretPresenter;

// The Metadata tab: the store-agnostic facts about the secret (versions kept, check-and-set,
// timestamps, custom metadata) plus whatever the store adds. Never a value.
class MetadataTab : public QWidget {
    Q_OBJECT
public:
    explicit MetadataTab(SecretPresenter* presenter, QWidget* parent = nullptr);

    // The label shown for `field` (tests read what the operator reads).
    QString valueOf(const QString& field) const;

private:
    void rebuild();
    void addRow(const QString& field, const QString& value);

    SecretPresenter* m_presenter;
    QFormLayout* m_form;
};

} // namespace strongroom
