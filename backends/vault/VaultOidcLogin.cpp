#include "VaultOidcLogin.h"

#include "JsonWipe.h"
#include "VaultAuth.h"
#include "VaultOidcCallback.h"
#include "VaultParsers.h"
#include "VaultSession.h"

#include <QCoroSignal>
#include <QTimer>
#include <QUrlQuery>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;

// Login endpoints answer refusals with 400/403; they mean "this sign-in did not work".
BackendError refused(const HttpResponse& response) {
    auto error = VaultSession::errorFor(response);
    if (response.status == 400 || response.status == 401 || response.status == 403) {
        return BackendError(Kind::Unauthenticated, error.detail());
    }
    return error;
}

QCoro::Task<Result<nlohmann::json>> unauthenticated(VaultSession& session, VaultCall call,
                                                    CancelToken cancel) {
    call.authenticated = false;
    QPointer<VaultSession> alive(&session);
    auto exchanging = session.exchange(std::move(call), std::move(cancel));
    auto exchanged = co_await std::move(exchanging);
    if (!alive) {
        co_return BackendError(Kind::Cancelled, QStringLiteral("the connection closed"));
    }
    if (!exchanged) {
        co_return exchanged.error();
    }
    if (!exchanged->isSuccess()) {
        co_return refused(exchanged.value());
    }
    co_return vault::parseBody(exchanged->body, exchanged->status);
}

} // namespace

VaultOidcLogin::VaultOidcLogin(QObject* parent)
    : QObject(parent) {}

VaultOidcLogin::~VaultOidcLogin() = default;

void VaultOidcLogin::cancel() {
    if (m_callback) {
        m_callback->cancel();
    }
}

QCoro::Task<Result<VaultLogin>> VaultOidcLogin::login(VaultSession& session, QString mountPath,
                                                      QString role, CancelToken cancel) {
    QPointer<VaultOidcLogin> self(this);
    const QString base = VaultAuth::authPath(VaultAuthMethod::Oidc, mountPath);
    auto* callback = new VaultOidcCallback(this);
    m_callback = callback;
    if (!callback->listen(m_timeout)) {
        callback->deleteLater();
        co_return BackendError(Kind::Unsupported,
                               QStringLiteral("no loopback port could be opened for the browser "
                                              "to come back to"));
    }
    // Polls the caller's cancel flag while the browser is out.
    QTimer cancelWatch;
    cancelWatch.setInterval(200);
    QObject::connect(&cancelWatch, &QTimer::timeout, callback, [callback, cancel] {
        if (cancel.isCancelled()) {
            callback->cancel();
        }
    });
    cancelWatch.start();

    SecretBytes body("{");
    body.append("\"redirect_uri\":");
    VaultAuth::appendJsonString(body, callback->redirectUri().toString().toStdString());
    if (!role.isEmpty()) {
        body.append(",\"role\":");
        VaultAuth::appendJsonString(body, role.toStdString());
    }
    body.append("}");
    auto asking = unauthenticated(
        session, VaultCall::post(base + QStringLiteral("oidc/auth_url"), std::move(body)), cancel);
    auto asked = co_await std::move(asking);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!asked) {
        callback->deleteLater();
        co_return asked.error();
    }
    const auto* data = asked->is_object() && asked->contains("data") ? &asked->at("data") : nullptr;
    const QString authUrl =
        data && data->is_object() && data->contains("auth_url") && data->at("auth_url").is_string()
            ? QString::fromStdString(data->at("auth_url").get<std::string>())
            : QString();
    wipeJson(asked.value());
    const QUrl url(authUrl, QUrl::StrictMode);
    if (authUrl.isEmpty() || !url.isValid() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        callback->deleteLater();
        co_return BackendError(Kind::Unauthenticated,
                               QStringLiteral("%1 gave no usable sign-in URL (is %2 among the "
                                              "role's allowed_redirect_uris?)")
                                   .arg(session.describe(), callback->redirectUri().toString()));
    }
    const QString expectedState =
        QUrlQuery(url).queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    Q_EMIT browserLoginRequested(url);
    if (callback->outcome() == VaultOidcCallback::Outcome::Pending) {
        co_await qCoro(callback, &VaultOidcCallback::finished);
    }
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    callback->deleteLater();
    switch (callback->outcome()) {
    case VaultOidcCallback::Outcome::Received:
        break;
    case VaultOidcCallback::Outcome::ProviderError:
        co_return BackendError(Kind::Unauthenticated,
                               QStringLiteral("the identity provider refused the sign-in (%1)")
                                   .arg(callback->providerError()));
    case VaultOidcCallback::Outcome::TimedOut:
        co_return BackendError(Kind::Cancelled,
                               QStringLiteral("the browser sign-in did not come back in time"));
    case VaultOidcCallback::Outcome::Cancelled:
    case VaultOidcCallback::Outcome::Pending:
        co_return BackendError(Kind::Cancelled,
                               QStringLiteral("the browser sign-in was cancelled"));
    case VaultOidcCallback::Outcome::ListenFailed:
        co_return BackendError(Kind::Unsupported, QStringLiteral("no loopback callback"));
    }
    if (!expectedState.isEmpty() && callback->state() != expectedState) {
        co_return BackendError(Kind::Unauthenticated,
                               QStringLiteral("the browser came back from another sign-in "
                                              "(state mismatch)"));
    }
    auto call = VaultCall::get(base + QStringLiteral("oidc/callback"));
    call.query.addQueryItem(QStringLiteral("state"), callback->state());
    call.query.addQueryItem(QStringLiteral("code"), callback->code());
    call.idempotent = false;
    auto trading = unauthenticated(session, std::move(call), cancel);
    auto traded = co_await std::move(trading);
    if (!traded) {
        co_return traded.error();
    }
    co_return vault::parseLogin(traded.value());
}

} // namespace strongroom
