#include "LocalStoreFixture.h"

#include "ContractKit.h"
#include "LocalTestKit.h"

using namespace strongroom;

namespace {

const char* const passphrase = "contract pass phrase";

} // namespace

bool LocalStoreFixture::start(QString* why) {
    if (!m_dir.isValid()) {
        *why = QStringLiteral("cannot create a temp dir: %1").arg(m_dir.errorString());
        return false;
    }
    m_file = m_dir.filePath(QStringLiteral("contract.db"));
    auto created =
        await(LocalStore::create(m_file, localtest::passphrase(passphrase), localtest::fastKdf()));
    if (!created.ok()) {
        *why = contract::errorText(created);
        return false;
    }
    return true;
}

std::unique_ptr<SecretBackend> LocalStoreFixture::open(QString* why) {
    auto opened = await(LocalStore::open(m_file, localtest::passphrase(passphrase)));
    if (!opened.ok()) {
        *why = contract::errorText(opened);
        return nullptr;
    }
    return std::move(opened.value());
}

QString LocalStoreFixture::freshFolder() {
    return QStringLiteral("contract/t%1/").arg(++m_folders);
}

QStringList LocalStoreFixture::seed(SecretBackend& backend, const QString& folder, int count,
                                    QString* why) {
    QStringList paths;
    for (int i = 0; i < count; ++i) {
        const auto path = folder + QStringLiteral("key-%1").arg(i, 5, 10, QLatin1Char('0'));
        auto written = await(backend.write(
            WriteRequest{SecretRef{path}, contract::textValue(QString::number(i)), {}, {}}));
        if (!written.ok()) {
            *why = contract::errorText(written);
            return paths;
        }
        paths << path;
    }
    return paths;
}

QCoro::Task<Status> LocalStoreFixture::giveCredentialsBack(SecretBackend& backend) {
    auto* store = qobject_cast<LocalStore*>(&backend);
    if (!store) {
        co_return BackendError(BackendError::Kind::InvalidInput,
                               QStringLiteral("not a backend this fixture opened"));
    }
    auto unlocking = store->unlock(localtest::passphrase(passphrase));
    co_return co_await std::move(unlocking);
}
