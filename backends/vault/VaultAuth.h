#pragma once

#include "CancelToken.h"
#include "Result.h"
#include "VaultCredentials.h"
#include "VaultToken.h"

#include <QCoroTask>
#include <QString>

namespace strongroom {

class VaultSession;

// Signing in to Vault/OpenBao: turns credentials into a token. Login bodies carry the secret, so
// they are built in SecretBytes and sent without the session's token. The session itself is not
// changed (the caller decides when the new token replaces the old one) and no session signal is
// raised: a refused login says nothing about the token currently in use.
namespace VaultAuth {

// Token (checked with lookup-self), userpass, LDAP, AppRole and JWT. Wrong credentials give
// Unauthenticated with the server's own message. OIDC needs a browser: use VaultOidcLogin.
QCoro::Task<Result<VaultLogin>> login(VaultSession& session, VaultCredentials credentials,
                                      CancelToken cancel = {});

// "auth/<mount>/" for the credentials' mount, or the method's default path.
QString authPath(VaultAuthMethod method, const QString& mountPath);

// `{"name":"<escaped text>",...}` pieces for login bodies, escaped per RFC 8259.
void appendJsonString(SecretBytes& out, std::string_view text);

} // namespace VaultAuth

} // namespace strongroom
