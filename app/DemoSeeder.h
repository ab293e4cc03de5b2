#pragma once

#include "Connection.h"
#include "Result.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>

namespace strongroom {

class SecretService;

// Fills an empty store with a few obviously fake secrets that have history, so a first run has
// something to browse, diff and roll back: payments/stripe (3 versions), db/postgres/primary
// (4 versions, one soft-deleted) and ci/deploy-token (a text value, 2 versions). Every write goes
// through SecretService and is audited as "seed".
class DemoSeeder : public QObject {
    Q_OBJECT
public:
    explicit DemoSeeder(SecretService* secrets, QObject* parent = nullptr);

    // Seeds only when the store's root is empty. Resolves with true if it seeded.
    QCoro::Task<Result<bool>> seedIfEmpty(Connection* connection);

    static QString auditAction() { return QStringLiteral("seed"); }

private:
    QCoro::Task<Status> seed(Connection* connection);

    QPointer<SecretService> m_secrets;
};

} // namespace strongroom
