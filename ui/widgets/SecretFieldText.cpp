#include "SecretFieldText.h"

#include <QLineEdit>

namespace strongroom {

SecretBytes takeSecretText(QLineEdit* field, bool trimmed) {
    QString typed = trimmed ? field->text().trimmed() : field->text();
    field->clear();
    return SecretBytes::takeFrom(typed);
}

} // namespace strongroom
