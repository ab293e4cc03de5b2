#pragma once

#include <QString>

class QPushButton;
class QWidget;

namespace strongroom {

class Workspace;

// "Prod EU" with prefix "aws" -> "aws-prod-eu": stable, readable keychain and settings keys.
// An empty slug becomes prefix + "-" + fallback.
QString connectionIdFromName(const QString& name, const QString& prefix, const QString& fallback);

// base, or base-2, base-3, ... : the first id no saved or open connection of the workspace uses.
QString unusedConnectionId(const Workspace* workspace, const QString& base);

// The connect dialogs' busy look: the button says "Connecting…" and the dialog shows a busy
// cursor while an attempt is in flight.
void showConnecting(QWidget* dialog, QPushButton* connectButton, bool busy);

} // namespace strongroom
