#include "AwsConnector.h"

#include "AppSettings.h"
#include "AuditActions.h"
#include "AuditLog.h"
#include "AwsConnectorTracked.h"
#include "AwsKeychainKeys.h"
#include "AwsSignInChain.h"
#include "Connection.h"
#include "CredentialStore.h"
#include "SecretsManagerBackend.h"
#include "Workspace.h"

#include <QDir>
#include <QPointer>
#include <QTimer>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
const QString Ok = QStringLiteral("ok");

QString describe(const AwsSessionInfo& info) {
    return QStringLiteral("%1; identity %2; %3")
        .arg(info.source, info.identityArn,
             info.expires.isValid()
                 ? QStringLiteral("expires %1").arg(info.expires.toString(Qt::ISODate))
                 : QStringLiteral("long-lived keys"));
}

AwsSessionInfo sessionOf(const AwsSignedIn& signedIn) {
    return AwsSessionInfo{signedIn.identityArn, signedIn.source, signedIn.expires, signedIn.trace};
}

bool hasKeys(const AwsCredentials& keys) {
    return !keys.accessKeyId.isEmpty() || !keys.secretAccessKey.isEmpty();
}

} // namespace

AwsConnector::AwsConnector(Workspace* workspace, QObject* parent)
    : StoreConnector(workspace, QStringLiteral("aws"), parent) {
    Q_ASSERT(workspace);
    connect(workspace, &Workspace::connectionRemoved, this,
            [this](const QString& id) { untrack(id); });
    connect(workspace, &Workspace::locked, this, &AwsConnector::onLocked);
    connect(workspace, &Workspace::unlocked, this, &AwsConnector::onUnlocked);
}

AwsConnector::~AwsConnector() = default;

void AwsConnector::setCredentialSources(QProcessEnvironment environment, QString homeDir) {
    m_environment = std::move(environment);
    m_homeDir = std::move(homeDir);
}

std::optional<AwsConnectionSpec> AwsConnector::savedSpec(const QString& connectionId,
                                                         QString* error) const {
    if (auto it = m_tracked.constFind(connectionId); it != m_tracked.constEnd()) {
        return (*it)->spec;
    }
    const auto saved = savedSettings(connectionId, error);
    if (!saved) {
        return std::nullopt;
    }
    return AwsConnectionSpec::fromOptions(saved->id, saved->displayName, saved->options, error);
}

QCoro::Task<AwsSignInOutcome> AwsConnector::signInFor(AwsConnectionSpec spec, AwsSignIn signIn,
                                                      bool* needsMfa) {
    QPointer<AwsConnector> self(this);
    AwsSignInOutcome outcome;
    AwsCredentials keys = std::move(signIn.keys);
    if (spec.keySource == AwsConnectionSpec::KeySource::Keychain && !hasKeys(keys)) {
        auto reading = workspace()->credentials()->read(keychainKey(spec.id));
        auto stored = co_await std::move(reading);
        if (!self) {
            outcome.error = BackendError(Kind::Cancelled);
            co_return outcome;
        }
        if (stored) {
            auto unpacked = AwsKeychainKeys::unpack(stored.value());
            if (!unpacked) {
                outcome.error = unpacked.error();
                co_return outcome;
            }
            keys = std::move(unpacked.value());
        } else if (stored.error().kind() != Kind::NotFound) {
            outcome.error = stored.error();
            co_return outcome;
        }
    }
    const AwsSignInChain chain(m_environment.value_or(QProcessEnvironment::systemEnvironment()),
                               m_homeDir.isEmpty() ? QDir::homePath() : m_homeDir);
    auto plan = chain.plan(spec, keys);
    if (!plan) {
        outcome.error = plan.error();
        co_return outcome;
    }
    if (needsMfa) {
        *needsMfa = plan->needsMfa();
    }
    auto running = AwsSignInChain::run(std::move(plan.value()), signIn.mfaCode);
    outcome = co_await std::move(running);
    if (!self) {
        outcome.error = BackendError(Kind::Cancelled);
        co_return outcome;
    }
    for (const AwsRoleAttempt& attempt : std::as_const(outcome.attempts)) {
        auto auditing = audit(spec.id, actions::assumeRole(), attempt.result,
                              QStringLiteral("role %1; %2").arg(attempt.roleArn, attempt.detail));
        co_await std::move(auditing);
        if (!self) {
            outcome.error = BackendError(Kind::Cancelled);
            co_return outcome;
        }
    }
    co_return outcome;
}

QCoro::Task<Result<Connection*>> AwsConnector::connectNew(AwsConnectionSpec spec,
                                                          AwsSignIn signIn) {
    if (const QString problem = spec.validate(); !problem.isEmpty()) {
        co_return BackendError(Kind::InvalidInput, problem);
    }
    if (workspace()->connection(spec.id)) {
        co_return BackendError(Kind::InvalidInput,
                               QStringLiteral("connection '%1' is already open").arg(spec.id));
    }
    const bool keychain = spec.keySource == AwsConnectionSpec::KeySource::Keychain;
    if (keychain && (signIn.keys.accessKeyId.isEmpty() || signIn.keys.secretAccessKey.isEmpty())) {
        co_return BackendError(Kind::InvalidInput,
                               QStringLiteral("both the access key id and the secret access key "
                                              "are needed"));
    }
    if (!keychain && hasKeys(signIn.keys)) {
        co_return BackendError(Kind::InvalidInput,
                               QStringLiteral("typed keys are only kept for a keychain "
                                              "connection; this one reads the %1")
                                   .arg(AwsConnectionSpec::keySourceName(spec.keySource)));
    }
    auto opening = open(std::move(spec), std::move(signIn), actions::connect());
    co_return co_await std::move(opening);
}

QCoro::Task<Result<Connection*>> AwsConnector::reconnect(QString connectionId, AwsSignIn signIn) {
    if (auto* open = workspace()->connection(connectionId)) {
        if (!m_tracked.contains(connectionId)) {
            co_return BackendError(
                Kind::InvalidInput,
                QStringLiteral("connection '%1' is not an AWS connection").arg(connectionId));
        }
        if (open->state() == ConnectionState::Connected && !hasKeys(signIn.keys)) {
            co_return open;
        }
        QPointer<Connection> alive(open);
        auto renewing = renew(connectionId, std::move(signIn));
        auto renewed = co_await std::move(renewing);
        if (!renewed) {
            co_return renewed.error();
        }
        if (!alive) {
            co_return BackendError(Kind::Cancelled);
        }
        co_return alive.data();
    }
    QString problem;
    auto spec = savedSpec(connectionId, &problem);
    if (!spec) {
        co_return BackendError(problem.startsWith(QLatin1String("no ")) ? Kind::NotFound
                                                                        : Kind::InvalidInput,
                               problem);
    }
    auto opening = open(std::move(*spec), std::move(signIn), actions::reconnect());
    co_return co_await std::move(opening);
}

QCoro::Task<Result<Connection*>> AwsConnector::open(AwsConnectionSpec spec, AwsSignIn signIn,
                                                    QString action) {
    QPointer<AwsConnector> self(this);
    const QString id = spec.id;
    const bool storeKeys =
        spec.keySource == AwsConnectionSpec::KeySource::Keychain && hasKeys(signIn.keys);
    const AwsCredentials typed = signIn.keys;
    bool needsMfa = !spec.mfaSerial.isEmpty();
    auto signing = signInFor(spec, std::move(signIn), &needsMfa);
    auto outcome = co_await std::move(signing);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (outcome.error) {
        auto auditing = audit(id, action, BackendError::kindName(outcome.error->kind()),
                              outcome.error->detail());
        co_await std::move(auditing);
        co_return *outcome.error;
    }
    AwsSignedIn& signedIn = outcome.signedIn;
    auto backend = std::make_unique<SecretsManagerBackend>(signedIn.endpoint);
    backend->setCredentials(signedIn.credentials, signedIn.expires);
    // The keys work (GetCallerIdentity); this proves the Secrets Manager endpoint answers too.
    // A role allowed to read some secrets but not to list them is still a usable connection.
    auto checking = backend->check();
    auto checked = co_await std::move(checking);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!checked && checked.error().kind() != Kind::PermissionDenied) {
        const BackendError error(
            checked.error().kind(),
            QStringLiteral("Secrets Manager at %1: %2")
                .arg(signedIn.endpoint.urlFor(QByteArrayLiteral("secretsmanager")).toString(),
                     checked.error().detail()));
        auto auditing = audit(id, action, BackendError::kindName(error.kind()), error.detail());
        co_await std::move(auditing);
        co_return error;
    }
    if (storeKeys) {
        auto writing =
            workspace()->credentials()->write(keychainKey(id), AwsKeychainKeys::pack(typed));
        auto written = co_await std::move(writing);
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        if (!written) {
            co_return written.error();
        }
    }
    Connection* added =
        workspace()->addConnection(std::move(backend), id, spec.displayName, spec.toOptions());
    if (!added) {
        co_return BackendError(Kind::InvalidInput,
                               QStringLiteral("connection '%1' is already open").arg(id));
    }
    track(added, spec, needsMfa);
    const AwsSessionInfo info = sessionOf(signedIn);
    setSession(id, info);
    auto auditing = audit(id, action, Ok, describe(info));
    co_await std::move(auditing);
    co_return added;
}

QCoro::Task<Status> AwsConnector::renew(QString connectionId, AwsSignIn signIn) {
    QPointer<AwsConnector> self(this);
    auto tracked = m_tracked.value(connectionId);
    if (!tracked || !tracked->backend) {
        co_return BackendError(Kind::NotFound,
                               QStringLiteral("AWS connection '%1' is not open").arg(connectionId));
    }
    const QString action = actions::renew();
    const bool storeKeys =
        tracked->spec.keySource == AwsConnectionSpec::KeySource::Keychain && hasKeys(signIn.keys);
    const AwsCredentials typed = signIn.keys;
    bool needsMfa = tracked->needsMfa;
    auto signing = signInFor(tracked->spec, std::move(signIn), &needsMfa);
    auto outcome = co_await std::move(signing);
    if (!self || m_tracked.value(connectionId) != tracked || !tracked->backend) {
        co_return BackendError(Kind::Cancelled);
    }
    tracked->needsMfa = needsMfa;
    if (outcome.error) {
        auto auditing = audit(connectionId, action, BackendError::kindName(outcome.error->kind()),
                              outcome.error->detail());
        co_await std::move(auditing);
        co_return *outcome.error;
    }
    if (storeKeys) {
        auto writing = workspace()->credentials()->write(keychainKey(connectionId),
                                                         AwsKeychainKeys::pack(typed));
        auto written = co_await std::move(writing);
        if (!self || !tracked->backend) {
            co_return BackendError(Kind::Cancelled);
        }
        if (!written) {
            co_return written.error();
        }
    }
    tracked->backend->setCredentials(outcome.signedIn.credentials, outcome.signedIn.expires);
    const AwsSessionInfo info = sessionOf(outcome.signedIn);
    setSession(connectionId, info);
    auto auditing = audit(connectionId, action, Ok, describe(info));
    co_await std::move(auditing);
    co_return Done{};
}

} // namespace strongroom
