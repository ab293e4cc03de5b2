#pragma once

#include <QString>

#include <functional>

class QMenu;
class QObject;
class QWidget;

namespace strongroom {

class Workspace;

// The question before a log out (or a log out that also forgets the connection): Cancel is the
// default; confirmed runs once the operator picks "Log out" / "Forget". The box deletes itself.
void confirmLogout(QWidget* window, QObject* context, const QString& objectName, bool forget,
                   const QString& text, const QString& informativeText,
                   std::function<void()> confirmed);

// "Open <name>" for each saved connection of providerId that is not open in the workspace; the
// action's data is the connection id, which open receives when it is triggered.
void addSavedConnectionActions(QMenu* menu, const Workspace* workspace, const QString& providerId,
                               QObject* context, std::function<void(const QString&)> open);

} // namespace strongroom
