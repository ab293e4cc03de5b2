#pragma once

#include "CancelToken.h"
#include "HttpClient.h"
#include "Result.h"
#include "SecretBytes.h"
#include "VaultCall.h"
#include "VaultEndpoint.h"
#include "VaultToken.h"

#include <QCoroTask>
#include <QObject>

#include <nlohmann/json.hpp>

namespace strongroom {

// The conversation with one Vault/OpenBao server: address, namespace, the token in use (kept in
// wiped memory) and the mapping of Vault's replies onto BackendError. HA standbys' 307 redirects
// are followed with the same method, body and token (HttpClient does it by hand).
class VaultSession : public QObject {
    Q_OBJECT
public:
    explicit VaultSession(VaultEndpoint endpoint, QObject* parent = nullptr);
    ~VaultSession() override;

    const VaultEndpoint& endpoint() const { return m_endpoint; }
    // A readable name for messages and the audit log: the address plus the namespace.
    QString describe() const;

    void setToken(SecretBytes token);
    bool hasToken() const { return !m_token.isEmpty(); }
    const SecretBytes& token() const { return m_token; }
    void clearToken() { m_token.clear(); }

    // The exchange as it happened (any status), for callers that read error bodies themselves.
    QCoro::Task<Result<HttpResponse>> exchange(VaultCall call, CancelToken cancel = {});
    // A 2xx reply parsed as JSON (204 gives an empty object), or the mapped error. A 403 on an
    // authenticated call is checked with lookup-self: a token the server no longer knows gives
    // Unauthenticated and tokenRejected(), a policy refusal stays PermissionDenied.
    QCoro::Task<Result<nlohmann::json>> call(VaultCall call, CancelToken cancel = {});

    // auth/token/lookup-self, renew-self (increment 0 = the token's own period), revoke-self.
    QCoro::Task<Result<VaultTokenInfo>> lookupSelf();
    QCoro::Task<Result<VaultTokenInfo>> renewSelf(std::chrono::seconds increment = {});
    QCoro::Task<Status> revokeSelf();

    // The error a non-2xx reply means, checking a 403 with lookup-self when `checkToken` (a
    // lookup-self that was itself refused means the token is gone).
    QCoro::Task<BackendError> explain(const HttpResponse& response, bool checkToken = true);

    // Vault's reply mapped onto the common error kinds, with the server's own message.
    static BackendError errorFor(const HttpResponse& response);

Q_SIGNALS:
    // The server no longer accepts the token (expired or revoked): log in again.
    void tokenRejected();
    // The server answered that it is sealed.
    void sealed();

private:
    HttpRequest toRequest(const VaultCall& call) const;

    VaultEndpoint m_endpoint;
    HttpClient* m_http;
    SecretBytes m_token;
};

} // namespace strongroom
