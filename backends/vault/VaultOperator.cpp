#include "VaultOperator.h"

#include "GenerateRootToken.h"
#include "JsonWipe.h"
#include "VaultOperatorParsers.h"
#include "VaultParsers.h"
#include "VaultSession.h"

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using json = nlohmann::json;

const QString unauthenticatedPath = QStringLiteral("sys/generate-root");
const QString authenticatedPath = QStringLiteral("sys/generate-root-token");

BackendError gone() {
    return BackendError(Kind::Cancelled, QStringLiteral("the connection was closed"));
}

// Appends `text` as a JSON string (quotes included) without leaving a copy outside SecretBytes.
void appendJsonString(SecretBytes& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out.append("\"");
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            const char escaped[2] = {'\\', c};
            out.append(std::string_view(escaped, 2));
        } else if (byte < 0x20) {
            const char escaped[6] = {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 0x0f]};
            out.append(std::string_view(escaped, 6));
        } else {
            out.append(std::string_view(&c, 1));
        }
    }
    out.append("\"");
}

// Operators paste shares with stray spaces or a trailing newline.
std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                             text.front() == '\r')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                             text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

VaultCall plainCall(QByteArray method, QString path, SecretBytes body, bool authenticated) {
    auto call = VaultCall::make(std::move(method), std::move(path));
    call.body = std::move(body);
    call.authenticated = authenticated;
    call.idempotent = call.method == "GET";
    return call;
}

} // namespace

VaultOperator::VaultOperator(VaultSession* session, QObject* parent)
    : QObject(parent)
    , m_session(session) {}

VaultOperator::~VaultOperator() = default;

QCoro::Task<Result<VaultSealStatus>> VaultOperator::sealStatus() {
    if (!m_session) {
        co_return gone();
    }
    QPointer<VaultOperator> self(this);
    auto calling = m_session->call(plainCall("GET", QStringLiteral("sys/seal-status"), {}, false));
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    auto status = vault::parseSealStatus(reply.value());
    if (status && self) {
        m_unsealNonce = status->nonce;
    }
    co_return status;
}

QString VaultOperator::initProblem(const VaultInitRequest& request) {
    // The rules of the server's seal configuration (SealConfig.Validate), checked before asking.
    if (request.shares < 1 || request.shares > 255) {
        return QStringLiteral("the number of shares must be between 1 and 255 (%1 asked)")
            .arg(request.shares);
    }
    if (request.threshold < 1 || request.threshold > request.shares) {
        return QStringLiteral("the threshold must be between 1 and the number of shares (%1 of "
                              "%2 asked)")
            .arg(request.threshold)
            .arg(request.shares);
    }
    if (request.shares > 1 && request.threshold < 2) {
        return QStringLiteral("with more than one share the threshold must be at least 2 (one "
                              "share alone would unseal)");
    }
    if (!request.pgpKeys.isEmpty() && request.pgpKeys.size() != request.shares) {
        return QStringLiteral("give one PGP key per share (%1 keys for %2 shares)")
            .arg(request.pgpKeys.size())
            .arg(request.shares);
    }
    return {};
}

QCoro::Task<Result<VaultInitResult>> VaultOperator::init(VaultInitRequest request) {
    if (!m_session) {
        co_return gone();
    }
    if (const QString problem = initProblem(request); !problem.isEmpty()) {
        co_return BackendError(Kind::InvalidInput, problem);
    }
    json body{{"secret_shares", request.shares}, {"secret_threshold", request.threshold}};
    if (!request.pgpKeys.isEmpty()) {
        auto keys = json::array();
        for (const auto& key : request.pgpKeys) {
            keys.push_back(key.toStdString());
        }
        body["pgp_keys"] = keys;
    }
    if (!request.rootTokenPgpKey.isEmpty()) {
        body["root_token_pgp_key"] = request.rootTokenPgpKey.toStdString();
    }
    auto call = plainCall("POST", QStringLiteral("sys/init"), SecretBytes(body.dump()), false);
    call.idempotent = false;
    auto calling = m_session->call(std::move(call));
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    co_return vault::parseInitResult(reply.value());
}

UnsealStep VaultOperator::track(VaultSealStatus status) {
    UnsealStep step;
    step.previousNonce = m_unsealNonce;
    // A nonce that is not the one we last saw, while shares were counting: another attempt.
    step.attemptRestarted =
        !m_unsealNonce.isEmpty() && !status.nonce.isEmpty() && status.nonce != m_unsealNonce;
    m_unsealNonce = status.nonce;
    step.status = std::move(status);
    return step;
}

QCoro::Task<Result<UnsealStep>> VaultOperator::submitUnseal(SecretBytes body) {
    if (!m_session) {
        co_return gone();
    }
    QPointer<VaultOperator> self(this);
    auto call = plainCall("POST", QStringLiteral("sys/unseal"), std::move(body), false);
    call.idempotent = false;
    auto calling = m_session->call(std::move(call));
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    auto status = vault::parseSealStatus(reply.value());
    if (!status) {
        co_return status.error();
    }
    if (!self) {
        co_return gone();
    }
    co_return track(std::move(status.value()));
}

QCoro::Task<Result<UnsealStep>> VaultOperator::unseal(SecretBytes key, bool migrate) {
    const auto share = trimmed(key.view());
    if (share.empty()) {
        co_return BackendError(Kind::InvalidInput, QStringLiteral("the unseal share is empty"));
    }
    SecretBytes body;
    body.append("{\"key\":");
    appendJsonString(body, share);
    body.append(migrate ? ",\"migrate\":true}" : "}");
    key.clear();
    auto submitting = submitUnseal(std::move(body));
    co_return co_await std::move(submitting);
}

QCoro::Task<Result<VaultSealStatus>> VaultOperator::resetUnseal() {
    auto submitting = submitUnseal(SecretBytes(std::string_view("{\"reset\":true}")));
    auto step = co_await std::move(submitting);
    if (!step) {
        co_return step.error();
    }
    co_return std::move(step->status);
}

QCoro::Task<Status> VaultOperator::seal() {
    if (!m_session) {
        co_return gone();
    }
    auto call = plainCall("POST", QStringLiteral("sys/seal"), {}, true);
    call.idempotent = true;
    auto calling = m_session->call(std::move(call));
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    co_return Done{};
}

QCoro::Task<Result<VaultLeader>> VaultOperator::leader() {
    if (!m_session) {
        co_return gone();
    }
    auto calling = m_session->call(plainCall("GET", QStringLiteral("sys/leader"), {}, false));
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    co_return vault::parseLeader(reply.value());
}

QCoro::Task<Result<VaultHaStatus>> VaultOperator::haStatus() {
    if (!m_session) {
        co_return gone();
    }
    if (!m_session->hasToken()) {
        co_return BackendError(Kind::Unauthenticated,
                               QStringLiteral("sys/ha-status needs a token: log in first"));
    }
    auto calling = m_session->call(plainCall("GET", QStringLiteral("sys/ha-status"), {}, true));
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    co_return vault::parseHaStatus(reply.value());
}

QCoro::Task<Result<GenerateRootEndpoint>> VaultOperator::detectGenerateRoot() {
    if (!m_session) {
        co_return gone();
    }
    QPointer<VaultOperator> self(this);
    QPointer<VaultSession> session = m_session;
    const auto attempt = QStringLiteral("/attempt");
    auto first = session->exchange(plainCall("GET", unauthenticatedPath + attempt, {}, false));
    auto open = co_await std::move(first);
    if (!open) {
        co_return open.error();
    }
    if (!self || !session) {
        co_return gone();
    }
    QString whyNotOpen;
    if (open->isSuccess()) {
        auto parsed = vault::parseBody(open->body, open->status);
        if (!parsed) {
            co_return parsed.error();
        }
        auto status = vault::parseGenerateRootStatus(parsed.value());
        if (!status) {
            co_return status.error();
        }
        GenerateRootEndpoint found;
        found.path = unauthenticatedPath;
        found.reason = QStringLiteral("the server answers the unauthenticated sys/generate-root "
                                      "endpoints (no token needed)");
        found.status = std::move(status.value());
        m_endpoint = found;
        co_return found;
    }
    whyNotOpen = VaultSession::errorFor(open.value()).detail();
    if (!session->hasToken()) {
        co_return BackendError(
            Kind::Unsupported,
            QStringLiteral("the unauthenticated sys/generate-root endpoints are unavailable (%1); "
                           "OpenBao 2.6+ offers sys/generate-root-token with a token, but none "
                           "was given")
                .arg(whyNotOpen));
    }
    auto second = session->exchange(plainCall("GET", authenticatedPath + attempt, {}, true));
    auto guarded = co_await std::move(second);
    if (!guarded) {
        co_return guarded.error();
    }
    if (!self || !session) {
        co_return gone();
    }
    if (!guarded->isSuccess()) {
        co_return BackendError(
            Kind::Unsupported,
            QStringLiteral("neither generate-root family is available: sys/generate-root: %1; "
                           "sys/generate-root-token: %2")
                .arg(whyNotOpen, VaultSession::errorFor(guarded.value()).detail()));
    }
    auto parsed = vault::parseBody(guarded->body, guarded->status);
    if (!parsed) {
        co_return parsed.error();
    }
    auto status = vault::parseGenerateRootStatus(parsed.value());
    if (!status) {
        co_return status.error();
    }
    GenerateRootEndpoint found;
    found.family = GenerateRootEndpoint::Family::Authenticated;
    found.path = authenticatedPath;
    found.reason = QStringLiteral("the unauthenticated sys/generate-root endpoints are "
                                  "unavailable (%1); using the authenticated "
                                  "sys/generate-root-token (OpenBao 2.6+) with the token given")
                       .arg(whyNotOpen);
    found.status = std::move(status.value());
    m_endpoint = found;
    co_return found;
}

void VaultOperator::useGenerateRootFamily(GenerateRootEndpoint::Family family) {
    GenerateRootEndpoint chosen;
    chosen.family = family;
    const bool authenticated = family == GenerateRootEndpoint::Family::Authenticated;
    chosen.path = authenticated ? authenticatedPath : unauthenticatedPath;
    chosen.reason = QStringLiteral("chosen by the operator");
    m_endpoint = chosen;
}

QCoro::Task<Result<GenerateRootEndpoint>> VaultOperator::ensureEndpoint() {
    if (m_endpoint) {
        // A copy on purpose: QCoro 0.8's return_value(U&&) moves from an lvalue it is given.
        GenerateRootEndpoint known = *m_endpoint;
        co_return known;
    }
    auto detecting = detectGenerateRoot();
    co_return co_await std::move(detecting);
}

QCoro::Task<Result<GenerateRootStatus>>
VaultOperator::generateRootCall(QByteArray method, QString leaf, SecretBytes body) {
    QPointer<VaultOperator> self(this);
    auto ensuring = ensureEndpoint();
    auto endpoint = co_await std::move(ensuring);
    if (!endpoint) {
        co_return endpoint.error();
    }
    if (!self || !m_session) {
        co_return gone();
    }
    const bool authenticated = endpoint->family == GenerateRootEndpoint::Family::Authenticated;
    auto call = plainCall(method, endpoint->path + leaf, std::move(body), authenticated);
    auto calling = m_session->call(std::move(call));
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    if (method == "DELETE") {
        wipeJson(reply.value());
        co_return GenerateRootStatus{};
    }
    co_return vault::parseGenerateRootStatus(reply.value());
}

QCoro::Task<Result<GenerateRootStatus>> VaultOperator::generateRootStatus() {
    auto calling = generateRootCall("GET", QStringLiteral("/attempt"), {});
    co_return co_await std::move(calling);
}

QCoro::Task<Result<GenerateRootStatus>> VaultOperator::startGenerateRoot() {
    QPointer<VaultOperator> self(this);
    auto reading = generateRootStatus();
    auto current = co_await std::move(reading);
    if (!current) {
        co_return current.error();
    }
    if (!self) {
        co_return gone();
    }
    if (current->started) {
        co_return BackendError(Kind::Conflict,
                               QStringLiteral("a generate-root attempt is already running (nonce "
                                              "%1, %2 of %3 shares); cancel it first")
                                   .arg(current->nonce)
                                   .arg(current->progress)
                                   .arg(current->required));
    }
    auto otp = current->otpLength > 0 ? vault::makeGenerateRootOtp(current->otpLength)
                                      : vault::makeLegacyGenerateRootOtp();
    if (otp.isEmpty()) {
        co_return BackendError(Kind::InvalidInput,
                               QStringLiteral("no random bytes for the one-time password"));
    }
    SecretBytes body;
    body.append("{\"otp\":");
    appendJsonString(body, otp.view());
    body.append("}");
    auto starting = generateRootCall("POST", QStringLiteral("/attempt"), std::move(body));
    auto started = co_await std::move(starting);
    if (!started) {
        co_return started.error();
    }
    if (!self) {
        co_return gone();
    }
    m_otp = std::move(otp);
    m_attemptNonce = started->nonce;
    started->serverOtp.clear();
    co_return started;
}

QCoro::Task<Result<GenerateRootStep>> VaultOperator::updateGenerateRoot(SecretBytes key,
                                                                        QString nonce) {
    QPointer<VaultOperator> self(this);
    const auto share = trimmed(key.view());
    if (share.empty()) {
        co_return BackendError(Kind::InvalidInput, QStringLiteral("the unseal share is empty"));
    }
    SecretBytes body;
    body.append("{\"key\":");
    appendJsonString(body, share);
    body.append(",\"nonce\":");
    appendJsonString(body, nonce.toStdString());
    body.append("}");
    key.clear();
    auto updating = generateRootCall("POST", QStringLiteral("/update"), std::move(body));
    auto updated = co_await std::move(updating);
    if (!self) {
        co_return gone();
    }
    if (!updated) {
        // A refused share may be a share for an attempt that is no longer there.
        auto reading = generateRootStatus();
        auto now = co_await std::move(reading);
        if (self && now && now->nonce != nonce) {
            const auto current = now->started ? now->nonce : QStringLiteral("none running");
            co_return BackendError(Kind::Conflict,
                                   QStringLiteral("the generate-root attempt changed (nonce %1, "
                                                  "expected %2): someone cancelled or restarted "
                                                  "it; start again. The server said: %3")
                                       .arg(current, nonce, updated.error().detail()));
        }
        co_return updated.error();
    }
    GenerateRootStep step;
    step.status = std::move(updated.value());
    if (!step.status.complete) {
        co_return step;
    }
    if (!step.status.pgpFingerprint.isEmpty()) {
        // PGP-encrypted token: only the key's holder can read it.
        co_return step;
    }
    if (m_otp.isEmpty()) {
        co_return BackendError(Kind::InvalidInput,
                               QStringLiteral("the attempt completed, but it was not started here: "
                                              "its one-time password is unknown"));
    }
    auto decoded = vault::decodeGenerateRootToken(step.status.encodedToken, m_otp);
    m_otp.clear();
    m_attemptNonce.clear();
    step.status.encodedToken.clear();
    if (!decoded) {
        co_return decoded.error();
    }
    step.token = std::move(decoded.value());
    co_return step;
}

QCoro::Task<Status> VaultOperator::cancelGenerateRoot() {
    QPointer<VaultOperator> self(this);
    auto cancelling = generateRootCall("DELETE", QStringLiteral("/attempt"), {});
    auto cancelled = co_await std::move(cancelling);
    if (self) {
        m_otp.clear();
        m_attemptNonce.clear();
    }
    if (!cancelled) {
        co_return cancelled.error();
    }
    co_return Done{};
}

} // namespace strongroom
