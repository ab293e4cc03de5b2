#pragma once

#include "CancelToken.h"
#include "Result.h"
#include "VaultToken.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>

namespace strongroom {

class VaultOidcCallback;
class VaultSession;

// OIDC sign-in through the system browser: asks Vault for the provider's URL
// (auth/<mount>/oidc/auth_url with a loopback redirect_uri), hands it to the front end through
// browserLoginRequested(), waits for the browser to come back to the loopback callback, and
// trades the code for a token (auth/<mount>/oidc/callback). Gives up after the timeout (3 min by
// default) or cancel().
class VaultOidcLogin : public QObject {
    Q_OBJECT
public:
    explicit VaultOidcLogin(QObject* parent = nullptr);
    ~VaultOidcLogin() override;

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    static constexpr std::chrono::minutes defaultTimeout{3};

    // `mountPath` empty = "oidc"; `role` empty = the mount's default role.
    QCoro::Task<Result<VaultLogin>> login(VaultSession& session, QString mountPath, QString role,
                                          CancelToken cancel = {});
    // Stops waiting for the browser; login() resolves with Cancelled.
    void cancel();

Q_SIGNALS:
    // Open this in the system browser.
    void browserLoginRequested(const QUrl& url);

private:
    std::chrono::milliseconds m_timeout = defaultTimeout;
    QPointer<VaultOidcCallback> m_callback;
};

} // namespace strongroom
