#include "DemoSeeder.h"

#include "SecretService.h"

#include <vector>

namespace strongroom {

namespace {

using Pairs = std::vector<std::pair<const char*, const char*>>;

struct DemoVersion {
    Pairs fields; // key/value (plain strings)
    Pairs jsonFields;
    const char* text = nullptr; // set for a text secret
};

DemoVersion keyValue(Pairs fields, Pairs jsonFields = {}) {
    return DemoVersion{std::move(fields), std::move(jsonFields), nullptr};
}

DemoVersion text(const char* value) {
    return DemoVersion{{}, {}, value};
}

struct DemoSecret {
    const char* path;
    std::vector<DemoVersion> versions;
    std::vector<int> deleteVersions; // 1-based positions to soft-delete afterwards
};

// Obviously fake values: ".invalid" hosts, FAKE/EXAMPLE markers, no real key formats.
std::vector<DemoSecret> demoSecrets() {
    return {
        {"payments/stripe",
         {
             keyValue({{"publishable_key", "pk_test_FAKE_EXAMPLE_0001"},
                       {"secret_key", "sk_test_FAKE_EXAMPLE_0001"}}),
             keyValue({{"publishable_key", "pk_test_FAKE_EXAMPLE_0001"},
                       {"secret_key", "sk_test_FAKE_EXAMPLE_0002"}}),
             keyValue({{"publishable_key", "pk_test_FAKE_EXAMPLE_0001"},
                       {"secret_key", "sk_test_FAKE_EXAMPLE_0003"},
                       {"webhook_secret", "whsec_FAKE_EXAMPLE_0003"}}),
         },
         {}},
        {"db/postgres/primary",
         {
             keyValue({{"host", "db-1.example.invalid"},
                       {"port", "5432"},
                       {"username", "app"},
                       {"password", "example-password-1"}}),
             keyValue({{"host", "db-1.example.invalid"},
                       {"port", "5432"},
                       {"username", "app"},
                       {"password", "example-password-2"}}),
             keyValue({{"host", "db-1.example.invalid"},
                       {"port", "5432"},
                       {"username", "app"},
                       {"password", "example-pasted-by-mistake"}}),
             keyValue(
                 {{"host", "db-2.example.invalid"},
                  {"port", "5432"},
                  {"username", "app"},
                  {"password", "example-password-4"}},
                 {{"options", R"({"sslmode":"require","pool":{"max":20,"idle_seconds":30}})"}}),
         },
         {3}},
        {"ci/deploy-token",
         {
             text("FAKE-DEPLOY-TOKEN-EXAMPLE-0001\nscope: deploy:staging\n"),
             text("FAKE-DEPLOY-TOKEN-EXAMPLE-0002\nscope: deploy:staging,deploy:prod\n"),
         },
         {}},
    };
}

SecretValue toValue(const DemoVersion& version) {
    if (version.text) {
        return SecretValue::text(SecretBytes(std::string_view(version.text)),
                                 QStringLiteral("text/plain"));
    }
    std::vector<SecretField> fields;
    for (const auto& [key, value] : version.fields) {
        fields.push_back({QString::fromLatin1(key), SecretBytes(std::string_view(value)), false});
    }
    for (const auto& [key, value] : version.jsonFields) {
        fields.push_back({QString::fromLatin1(key), SecretBytes(std::string_view(value)), true});
    }
    return SecretValue::keyValue(std::move(fields));
}

} // namespace

DemoSeeder::DemoSeeder(SecretService* secrets, QObject* parent)
    : QObject(parent)
    , m_secrets(secrets) {}

QCoro::Task<Result<bool>> DemoSeeder::seedIfEmpty(Connection* connection) {
    if (!connection || !m_secrets) {
        co_return BackendError(BackendError::Kind::InvalidInput, QStringLiteral("no connection"));
    }
    QPointer<DemoSeeder> self(this);
    QPointer<Connection> guard(connection);
    PageRequest firstEntry;
    firstEntry.limit = 1;
    // Named first: GCC 12 destroys temporaries inside a co_await expression twice.
    auto listing = m_secrets->list(connection, QString(), firstEntry, CancelToken());
    auto root = co_await std::move(listing);
    if (!root.ok()) {
        co_return root.error();
    }
    if (!root->entries.isEmpty()) {
        co_return false;
    }
    if (!self || !guard) {
        co_return BackendError(BackendError::Kind::Cancelled);
    }
    auto seeded = co_await self->seed(guard);
    if (!seeded.ok()) {
        co_return seeded.error();
    }
    co_return true;
}

QCoro::Task<Status> DemoSeeder::seed(Connection* connection) {
    QPointer<DemoSeeder> self(this);
    QPointer<Connection> guard(connection);
    const auto cancelled = BackendError(BackendError::Kind::Cancelled);
    for (const auto& secret : demoSecrets()) {
        const SecretRef ref{QString::fromLatin1(secret.path)};
        QStringList written;
        QString current;
        for (const auto& version : secret.versions) {
            if (!self || !self->m_secrets || !guard) {
                co_return cancelled;
            }
            WriteRequest request{ref, toValue(version), current, {}};
            auto writing = self->m_secrets->write(guard, std::move(request), auditAction());
            auto result = co_await std::move(writing);
            if (!result.ok()) {
                co_return result.error();
            }
            current = result->newVersion;
            written << current;
        }
        if (secret.deleteVersions.empty()) {
            continue;
        }
        QStringList toDelete;
        for (int position : secret.deleteVersions) {
            toDelete << written.at(position - 1);
        }
        if (!self || !self->m_secrets || !guard) {
            co_return cancelled;
        }
        auto deleting = self->m_secrets->deleteVersions(guard, ref, toDelete, auditAction());
        auto deleted = co_await std::move(deleting);
        if (!deleted.ok()) {
            co_return deleted.error();
        }
    }
    co_return Done{};
}

} // namespace strongroom
