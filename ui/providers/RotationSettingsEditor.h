#pragma once

#include "SecretRotation.h"

#include <QWidget>

#include <optional>

namespace strongroom {

// What a store's rotation settings form is to the generic rotation dialog: it shows the settings
// the store reported (RotationInfo::settings, in the store's own keys), and turns what the
// operator typed into RotationSettings for RotationService::configure. The dialog owns Save and
// Turn off; the form only holds the fields (an AWS Lambda and schedule; GCP topics and a period;
// an Azure policy).
class RotationSettingsEditor : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual void showSettings(const RotationInfo& rotation) = 0;
    // The settings the form describes, or nullopt with `problem` in the operator's words.
    virtual std::optional<RotationSettings> settings(QString* problem) const = 0;
    // What saving changes, in the operator's words ("every 10 days, Lambda arn:…"), for the
    // audit detail and the confirmation. Never a secret.
    virtual QString summary() const = 0;
    // Whether there is enough in the fields to save at all (the dialog's Save follows it).
    virtual bool isComplete() const = 0;
    virtual void setBusy(bool busy) = 0;

Q_SIGNALS:
    // A field changed: the dialog re-reads isComplete().
    void edited();
};

} // namespace strongroom
