#include "OpenBaoFixture.h"

#include "ContractKit.h"
#include "OpenBaoServer.h"
#include "VaultTestKit.h"

using namespace strongroom;

namespace {

const QString mount = QStringLiteral("secret");

// "secret/contract/t1/" -> "contract/t1/": the folder inside the KV mount.
QString insideMount(const QString& folder) {
    return folder.mid(mount.size() + 1);
}

} // namespace

OpenBaoFixture::OpenBaoFixture() = default;
OpenBaoFixture::~OpenBaoFixture() = default;

bool OpenBaoFixture::start(QString* why) {
    m_server = std::make_unique<OpenBaoServer>();
    if (!m_server->start()) {
        *why = m_server->lastError();
        return false;
    }
    return true;
}

void OpenBaoFixture::stop() {
    m_server.reset();
}

std::unique_ptr<SecretBackend> OpenBaoFixture::signIn(const QByteArray& token, QString* why) {
    auto backend = vaulttest::backendFor(*m_server, token);
    auto connected = await(backend->connectToServer());
    if (!connected.ok()) {
        *why = contract::errorText(connected);
        return nullptr;
    }
    return backend;
}

std::unique_ptr<SecretBackend> OpenBaoFixture::open(QString* why) {
    return signIn(m_server->rootToken(), why);
}

QString OpenBaoFixture::freshFolder() {
    return QStringLiteral("%1/contract/t%2/").arg(mount).arg(++m_folders);
}

QStringList OpenBaoFixture::seed(SecretBackend& backend, const QString& folder, int count,
                                 QString* why) {
    Q_UNUSED(backend);
    if (!m_server->bulkSeed(mount, insideMount(folder), count)) {
        *why = m_server->lastError();
        return {};
    }
    QStringList paths;
    for (int i = 0; i < count; ++i) {
        paths << folder + OpenBaoServer::bulkKeyName(i);
    }
    return paths;
}

QCoro::Task<Status> OpenBaoFixture::giveCredentialsBack(SecretBackend& backend) {
    auto* vault = qobject_cast<VaultBackend*>(&backend);
    if (!vault) {
        co_return BackendError(BackendError::Kind::InvalidInput,
                               QStringLiteral("not a backend this fixture opened"));
    }
    vault->session()->setToken(vaulttest::bytes(m_server->rootToken()));
    auto connecting = vault->connectToServer();
    auto connected = co_await std::move(connecting);
    if (!connected.ok()) {
        co_return connected.error();
    }
    co_return Done{};
}

std::unique_ptr<SecretBackend> OpenBaoFixture::openReadOnly(const QString& folder, QString* why) {
    const auto inside = insideMount(folder);
    const auto policy = QStringLiteral("contract-read-t%1").arg(m_folders);
    const auto hcl = QStringLiteral(R"(path "%1/data/%2*" { capabilities = ["read"] }
path "%1/metadata/%2*" { capabilities = ["read", "list"] })")
                         .arg(mount, inside);
    if (!m_server->writePolicy(policy, hcl)) {
        *why = m_server->lastError();
        return nullptr;
    }
    const auto token = m_server->createToken({policy}, QStringLiteral("1h"));
    if (token.isEmpty()) {
        *why = m_server->lastError();
        return nullptr;
    }
    return signIn(token, why);
}

QString OpenBaoFixture::knownGap(ContractGap gap) const {
    switch (gap) {
    case ContractGap::VersionOrder:
        return QStringLiteral("issue 11: VaultBackend::versions lists the newest version first");
    case ContractGap::MissingSecretVersions:
    case ContractGap::RotatedValue:
        return {};
    }
    return {};
}
