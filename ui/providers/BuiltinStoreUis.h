#pragma once

#include <QList>

class QObject;
class QWidget;

namespace strongroom {

class StoreUi;
class Workspace;

// The window parts of the stores this build knows, one per provider of
// ProviderRegistry::builtin(), owned by `parent`. BuiltinStoreUis.cpp is the one list.
QList<StoreUi*> makeBuiltinStoreUis(Workspace* workspace, QWidget* window, QObject* parent);

} // namespace strongroom
