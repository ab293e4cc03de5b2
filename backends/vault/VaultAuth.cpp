#include "VaultAuth.h"

#include "JsonWipe.h"
#include "VaultParsers.h"
#include "VaultSession.h"

#include <QPointer>

namespace strongroom::VaultAuth {

namespace {

using Kind = BackendError::Kind;

// A login body: {"k1":"v1","k2":"v2"} with every value escaped into wiped memory.
class LoginBody {
public:
    LoginBody& field(std::string_view name, std::string_view value) {
        m_body.append(m_body.isEmpty() ? "{" : ",");
        appendJsonString(m_body, name);
        m_body.append(":");
        appendJsonString(m_body, value);
        return *this;
    }
    SecretBytes take() {
        m_body.append(m_body.isEmpty() ? "{}" : "}");
        return std::move(m_body);
    }

private:
    SecretBytes m_body;
};

BackendError invalid(const QString& message) {
    return BackendError(Kind::InvalidInput, message);
}

// Refusals of a login endpoint mean "these credentials do not work", whatever status the method
// chose (userpass and AppRole answer 400, LDAP and JWT 400 or 403).
BackendError loginRefused(const HttpResponse& response) {
    auto error = VaultSession::errorFor(response);
    if (response.status == 400 || response.status == 401 || response.status == 403) {
        return BackendError(Kind::Unauthenticated, error.detail());
    }
    return error;
}

QCoro::Task<Result<VaultLogin>> exchangeLogin(VaultSession& session, QString path, SecretBytes body,
                                              CancelToken cancel) {
    auto call = VaultCall::post(std::move(path), std::move(body));
    call.authenticated = false;
    // A repeated login only mints a second token; harmless but wasteful, so no silent retry.
    call.idempotent = false;
    QPointer<VaultSession> alive(&session);
    auto exchanging = session.exchange(std::move(call), std::move(cancel));
    auto exchanged = co_await std::move(exchanging);
    if (!alive) {
        co_return BackendError(Kind::Cancelled, QStringLiteral("the connection closed"));
    }
    if (!exchanged) {
        co_return exchanged.error();
    }
    const auto& response = exchanged.value();
    if (!response.isSuccess()) {
        co_return loginRefused(response);
    }
    auto parsed = vault::parseBody(response.body, response.status);
    if (!parsed) {
        co_return parsed.error();
    }
    co_return vault::parseLogin(parsed.value());
}

QCoro::Task<Result<VaultLogin>> tokenLogin(VaultSession& session, SecretBytes token,
                                           CancelToken cancel) {
    auto call = VaultCall::get(QStringLiteral("auth/token/lookup-self"));
    call.authenticated = false;
    call.token = token;
    QPointer<VaultSession> alive(&session);
    auto exchanging = session.exchange(std::move(call), std::move(cancel));
    auto exchanged = co_await std::move(exchanging);
    if (!alive) {
        co_return BackendError(Kind::Cancelled, QStringLiteral("the connection closed"));
    }
    if (!exchanged) {
        co_return exchanged.error();
    }
    const auto& response = exchanged.value();
    if (!response.isSuccess()) {
        if (response.status == 403 || response.status == 401) {
            co_return BackendError(Kind::Unauthenticated,
                                   QStringLiteral("%1 does not accept this token (expired, "
                                                  "revoked or wrong)")
                                       .arg(session.describe()));
        }
        co_return VaultSession::errorFor(response);
    }
    auto parsed = vault::parseBody(response.body, response.status);
    if (!parsed) {
        co_return parsed.error();
    }
    auto info = vault::parseTokenInfo(parsed.value());
    if (!info) {
        co_return info.error();
    }
    VaultLogin login;
    login.clientToken = std::move(token);
    login.accessor = info->accessor;
    login.policies = info->policies;
    login.leaseDuration = info->ttl;
    login.renewable = info->renewable;
    co_return login;
}

bool usableName(const QString& name) {
    // The name becomes one path segment of the login URL.
    return !name.isEmpty() && !name.contains(QLatin1Char('/'));
}

} // namespace

void appendJsonString(SecretBytes& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out.append("\"");
    std::size_t plainFrom = 0;
    const auto flush = [&](std::size_t upTo) {
        if (upTo > plainFrom) {
            out.append(text.substr(plainFrom, upTo - plainFrom));
        }
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c != '"' && c != '\\' && c >= 0x20) {
            continue;
        }
        flush(i);
        plainFrom = i + 1;
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
            out.append(std::string_view(escaped, sizeof escaped));
        }
        }
    }
    flush(text.size());
    out.append("\"");
}

QString authPath(VaultAuthMethod method, const QString& mountPath) {
    QString mount = mountPath.trimmed();
    while (mount.startsWith(QLatin1Char('/'))) {
        mount.remove(0, 1);
    }
    if (mount.startsWith(QLatin1String("auth/"))) {
        mount.remove(0, 5);
    }
    while (mount.endsWith(QLatin1Char('/'))) {
        mount.chop(1);
    }
    if (mount.isEmpty()) {
        mount = vaultAuthMethodId(method);
    }
    return QStringLiteral("auth/%1/").arg(mount);
}

QCoro::Task<Result<VaultLogin>> login(VaultSession& session, VaultCredentials credentials,
                                      CancelToken cancel) {
    const auto method = credentials.method;
    if (method == VaultAuthMethod::Oidc) {
        co_return BackendError(Kind::Unsupported,
                               QStringLiteral("OIDC signs in through the browser"));
    }
    if (credentials.secret.isEmpty()) {
        co_return invalid(method == VaultAuthMethod::Token ? QStringLiteral("no token given")
                          : method == VaultAuthMethod::AppRole
                              ? QStringLiteral("no secret_id given")
                          : method == VaultAuthMethod::Jwt ? QStringLiteral("no JWT given")
                                                           : QStringLiteral("no password given"));
    }
    if (method == VaultAuthMethod::Token) {
        auto checking = tokenLogin(session, std::move(credentials.secret), std::move(cancel));
        co_return co_await std::move(checking);
    }
    const QString base = authPath(method, credentials.mountPath);
    QString path;
    LoginBody body;
    const auto secret = credentials.secret.view();
    switch (method) {
    case VaultAuthMethod::Userpass:
    case VaultAuthMethod::Ldap:
        if (!usableName(credentials.username)) {
            co_return invalid(QStringLiteral("a user name without '/' is needed"));
        }
        path = base + QStringLiteral("login/") + credentials.username;
        body.field("password", secret);
        break;
    case VaultAuthMethod::AppRole: {
        if (credentials.roleId.isEmpty()) {
            co_return invalid(QStringLiteral("an AppRole role_id is needed"));
        }
        const auto roleId = credentials.roleId.toStdString();
        path = base + QStringLiteral("login");
        body.field("role_id", roleId).field("secret_id", secret);
        break;
    }
    case VaultAuthMethod::Jwt: {
        path = base + QStringLiteral("login");
        const auto role = credentials.role.toStdString();
        if (!role.empty()) {
            body.field("role", role);
        }
        body.field("jwt", secret);
        break;
    }
    case VaultAuthMethod::Token:
    case VaultAuthMethod::Oidc:
        break;
    }
    credentials.secret.clear();
    auto exchanging = exchangeLogin(session, std::move(path), body.take(), std::move(cancel));
    co_return co_await std::move(exchanging);
}

} // namespace strongroom::VaultAuth
