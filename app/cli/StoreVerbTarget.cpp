#include "StoreVerbTarget.h"

#include "CliSession.h"
#include "Connection.h"
#include "ProviderRegistry.h"

namespace strongroom::cli {

QCoro::Task<VerbConnection> StoreVerbTarget::open(CliSession& session, VerbInvocation invocation,
                                                  Capability needed) {
    VerbConnection target;
    if (invocation.checkConnection) {
        if (auto exit = invocation.checkConnection(session)) {
            target.exit = *exit;
            co_return target;
        }
    }
    auto opening = session.openConnection();
    auto opened = co_await std::move(opening);
    if (!opened) {
        target.exit = session.output().fail(opened.error());
        co_return target;
    }
    if (auto exit = refuseUnless(session.output(), *opened.value(), needed)) {
        target.exit = *exit;
        co_return target;
    }
    target.connection = opened.value();
    co_return target;
}

std::optional<int> StoreVerbTarget::refuseUnless(const CliOutput& out, const Connection& connection,
                                                 Capability capability, const QString& why) {
    // The store's own support, not this credential's: a refusal by the credential comes back from
    // the store when the action is tried.
    if (connection.backend()->storeCapabilities().can(capability)) {
        return std::nullopt;
    }
    return refuse(out, connection, capability, why);
}

int StoreVerbTarget::refuse(const CliOutput& out, const Connection& connection,
                            Capability capability, const QString& why) {
    QString line = QStringLiteral("%1 cannot %2 (connection '%3'): nothing was sent")
                       .arg(storeName(connection), capabilityName(capability), connection.id());
    // The store's own reason says what to do instead ("rotate database credentials with ...");
    // Capabilities' generic fallback would only repeat the line.
    QString reason = why;
    if (reason.isEmpty()) {
        reason = connection.backend()->storeCapabilities().whyNot(capability);
        if (reason == Capabilities().whyNot(capability)) {
            reason.clear();
        }
    }
    if (!reason.isEmpty()) {
        line += QStringLiteral("; ") + reason;
    }
    return out.fail(ExitCode::Failure, line);
}

QString StoreVerbTarget::storeName(const Connection& connection) {
    if (const auto* provider = ProviderRegistry::builtin().find(connection.providerId())) {
        return provider->displayName;
    }
    return connection.displayName();
}

QJsonObject StoreVerbTarget::json(const QString& connectionId, const QString& path,
                                  const QString& action, const QJsonObject& extra) {
    QJsonObject object{{QStringLiteral("connection"), connectionId},
                       {QStringLiteral("path"), path},
                       {QStringLiteral("action"), action},
                       {QStringLiteral("result"), QStringLiteral("ok")}};
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        object.insert(it.key(), it.value());
    }
    return object;
}

QJsonValue StoreVerbTarget::jsonTime(const QDateTime& time) {
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QString StoreVerbTarget::timeText(const QDateTime& time) {
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QStringLiteral("-");
}

} // namespace strongroom::cli
