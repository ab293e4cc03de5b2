#include "VaultSession.h"

#include "JsonWipe.h"
#include "VaultParsers.h"

#include <QPointer>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;

HttpClientConfig vaultHttpConfig(HttpClientConfig config) {
    // A standby that cannot forward answers 307 to the active node, another host of the same
    // cluster that needs the same token.
    config.credentialsFollowRedirects = true;
    return config;
}

QString withServerText(const QString& text, const QString& fallback) {
    return text.isEmpty() ? fallback : text;
}

} // namespace

VaultSession::VaultSession(VaultEndpoint endpoint, QObject* parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_http(new HttpClient(vaultHttpConfig(m_endpoint.http), this)) {}

VaultSession::~VaultSession() = default;

QString VaultSession::describe() const {
    const auto address = m_endpoint.address.toString(QUrl::RemoveUserInfo);
    return m_endpoint.nameSpace.isEmpty()
               ? address
               : QStringLiteral("%1 (namespace %2)").arg(address, m_endpoint.nameSpace);
}

void VaultSession::setToken(SecretBytes token) {
    m_token = std::move(token);
}

HttpRequest VaultSession::toRequest(const VaultCall& call) const {
    HttpRequest request;
    request.method = call.method;
    QUrl url = m_endpoint.address;
    auto base = url.path();
    if (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    url.setPath(base + QStringLiteral("/v1/") + call.path);
    if (!call.query.isEmpty()) {
        url.setQuery(call.query);
    }
    request.url = url;
    request.idempotent = call.idempotent;
    request.body = call.body;
    request.setHeader("Accept", "application/json");
    request.setHeader("X-Vault-Request", "true");
    if (!m_endpoint.nameSpace.isEmpty()) {
        request.setHeader("X-Vault-Namespace", m_endpoint.nameSpace.toUtf8());
    }
    if (call.token) {
        request.setCredentialHeader("X-Vault-Token", *call.token);
    } else if (call.authenticated && hasToken()) {
        request.setCredentialHeader("X-Vault-Token", m_token);
    }
    return request;
}

QCoro::Task<Result<HttpResponse>> VaultSession::exchange(VaultCall call, CancelToken cancel) {
    if (call.authenticated && !call.token && !hasToken()) {
        co_return BackendError(Kind::Unauthenticated,
                               QStringLiteral("not logged in to %1").arg(describe()));
    }
    auto request = toRequest(call);
    auto sending = m_http->send(std::move(request), std::move(cancel));
    co_return co_await std::move(sending);
}

QCoro::Task<Result<nlohmann::json>> VaultSession::call(VaultCall call, CancelToken cancel) {
    QPointer<VaultSession> self(this);
    const bool authenticated = call.authenticated && !call.token;
    const bool isLookup = call.path == QLatin1String("auth/token/lookup-self");
    auto exchanging = exchange(std::move(call), std::move(cancel));
    auto exchanged = co_await std::move(exchanging);
    if (!exchanged) {
        co_return exchanged.error();
    }
    const auto& response = exchanged.value();
    if (!response.isSuccess()) {
        if (!self) {
            co_return errorFor(response);
        }
        auto explaining = explain(response, authenticated && !isLookup);
        co_return co_await std::move(explaining);
    }
    co_return vault::parseBody(response.body, response.status);
}

QCoro::Task<BackendError> VaultSession::explain(const HttpResponse& response, bool checkToken) {
    QPointer<VaultSession> self(this);
    auto error = errorFor(response);
    if (error.kind() == Kind::Sealed) {
        Q_EMIT sealed();
    }
    if (error.kind() != Kind::PermissionDenied || !hasToken()) {
        co_return error;
    }
    bool tokenGone = !checkToken;
    if (checkToken) {
        auto checking = exchange(VaultCall::get(QStringLiteral("auth/token/lookup-self")));
        auto check = co_await std::move(checking);
        if (!self) {
            co_return error;
        }
        tokenGone = check && (check->status == 403 || check->status == 401);
    }
    if (!tokenGone) {
        co_return error;
    }
    Q_EMIT tokenRejected();
    co_return BackendError(
        Kind::Unauthenticated,
        QStringLiteral("the token is expired or revoked; log in to %1 again").arg(describe()));
}

BackendError VaultSession::errorFor(const HttpResponse& response) {
    QString text;
    auto parsed = vault::parseBody(response.body, response.status);
    if (parsed) {
        text = vault::errorText(parsed.value());
        wipeJson(parsed.value());
    }
    const auto host = response.url.host();
    const auto detail = [&](const QString& fallback) {
        return QStringLiteral("%1 (HTTP %2 from %3)")
            .arg(withServerText(text, fallback))
            .arg(response.status)
            .arg(host);
    };
    switch (response.status) {
    case 400:
        return BackendError(Kind::InvalidInput, detail(QStringLiteral("the request was refused")));
    case 401:
        return BackendError(Kind::Unauthenticated, detail(QStringLiteral("not authenticated")));
    case 403:
        return BackendError(Kind::PermissionDenied, detail(QStringLiteral("permission denied")));
    case 404:
        return BackendError(Kind::NotFound, detail(QStringLiteral("nothing at this path")));
    case 405:
        return BackendError(Kind::Unsupported,
                            detail(QStringLiteral("the server does not allow this operation")));
    case 429: {
        auto error = errorFromStatus(response);
        return BackendError(Kind::Throttled,
                            detail(QStringLiteral("the node is a standby or a rate limit was "
                                                  "reached")))
            .withRetryAfter(error.retryAfter());
    }
    case 501:
        return BackendError(Kind::Unsupported,
                            detail(QStringLiteral("the server is not initialized")));
    case 503:
        if (text.contains(QLatin1String("sealed"), Qt::CaseInsensitive) || text.isEmpty()) {
            return BackendError(Kind::Sealed, detail(QStringLiteral("Vault is sealed")));
        }
        return BackendError(Kind::Throttled, detail(QStringLiteral("the server is unavailable")));
    default:
        break;
    }
    if (!parsed && response.status >= 400) {
        return BackendError(Kind::InvalidResponse, parsed.error().detail());
    }
    if (response.status >= 500) {
        return BackendError(Kind::Network, detail(QStringLiteral("the server failed")));
    }
    return BackendError(Kind::InvalidResponse, detail(QStringLiteral("unexpected reply")));
}

QCoro::Task<Result<VaultTokenInfo>> VaultSession::lookupSelf() {
    auto calling = call(VaultCall::get(QStringLiteral("auth/token/lookup-self")));
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    co_return vault::parseTokenInfo(reply.value());
}

QCoro::Task<Result<VaultTokenInfo>> VaultSession::renewSelf(std::chrono::seconds increment) {
    const auto body = increment.count() > 0
                          ? QStringLiteral("{\"increment\":\"%1s\"}").arg(increment.count())
                          : QStringLiteral("{}");
    auto request =
        VaultCall::post(QStringLiteral("auth/token/renew-self"), SecretBytes::fromUtf8(body));
    auto calling = call(std::move(request));
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    auto login = vault::parseLogin(reply.value());
    if (!login) {
        co_return login.error();
    }
    // The renewal answers with the auth block; lookup-self gives the full picture.
    auto looking = lookupSelf();
    co_return co_await std::move(looking);
}

QCoro::Task<Status> VaultSession::revokeSelf() {
    auto request = VaultCall::post(QStringLiteral("auth/token/revoke-self"), {});
    request.idempotent = false;
    auto calling = call(std::move(request));
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    co_return Done{};
}

} // namespace strongroom
