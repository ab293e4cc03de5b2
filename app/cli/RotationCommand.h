#pragma once

#include "StoreVerbCommand.h"

#include <QPointer>

namespace strongroom {
class Connection;
}

namespace strongroom::cli {

class CommandParser;
struct VerbConnection;

// `rotation <path> [--set key=value ... | --off | --clear-stuck [--version V]]`: how a secret
// rotates (RotationService::rotation), or configure it, turn it off, or clear a rotation that did
// not finish. Each mode needs its own capability of the store.
class RotationCommand : public StoreVerbCommand {
public:
    QString name() const override { return QStringLiteral("rotation"); }
    QString summary() const override;
    QCoro::Task<int> runAs(CliSession& session, QStringList arguments,
                           VerbInvocation invocation) override;

private:
    static QCoro::Task<int> show(CliSession& session, QPointer<Connection> connection,
                                 QString path);
    static QCoro::Task<int> configure(CliSession& session, QPointer<Connection> connection,
                                      QString path, QStringList settings);
    static QCoro::Task<int> turnOff(CliSession& session, QPointer<Connection> connection,
                                    QString path);
    static QCoro::Task<int> clearStuck(CliSession& session, QPointer<Connection> connection,
                                       QString path, QString expectedVersion);
};

} // namespace strongroom::cli
