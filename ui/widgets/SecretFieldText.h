#pragma once

#include "SecretBytes.h"

class QLineEdit;

namespace strongroom {

// Takes what was typed into a secret field (a passphrase, a share, a token) into wiped memory and
// clears the field at once. `trimmed` drops surrounding blanks (shares and tokens pasted with a
// newline); passphrases are taken as typed. Qt's own copy inside the line edit cannot be wiped.
SecretBytes takeSecretText(QLineEdit* field, bool trimmed = false);

} // namespace strongroom
