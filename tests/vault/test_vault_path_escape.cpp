// A path that tries to leave its mount never reaches the server. "secret/../../sys/mounts/secret"
// is what Qt would normalise into DELETE /v1/sys/mounts/secret (unmounting the engine); every
// spelling of it, percent-encoded or with an encoded separator, is refused by the backend with a
// clear message before any request — the mount table lookup included. A loopback server records
// whatever arrives: it must see nothing.
#include "Await.h"
#include "ScriptedHttpServer.h"
#include "VaultBackend.h"
#include "VaultSession.h"

#include <QTest>

using namespace strongroom;
using namespace std::chrono_literals;
using Kind = BackendError::Kind;

namespace {

enum class Operation {
    Read,
    Write,
    List,
    Versions,
    Metadata,
    DeleteVersions,
    Destroy,
    DeleteSecret,
    Capabilities
};

Status run(VaultBackend& backend, Operation operation, const QString& path) {
    const SecretRef ref{path};
    switch (operation) {
    case Operation::Read: {
        auto value = await(backend.read(ref, {}));
        return value ? Status(Done{}) : Status(value.error());
    }
    case Operation::Write: {
        WriteRequest request;
        request.ref = ref;
        std::vector<SecretField> fields;
        fields.push_back({QStringLiteral("k"), SecretBytes(std::string_view("x")), false});
        request.value = SecretValue::keyValue(std::move(fields));
        auto written = await(backend.write(request));
        return written ? Status(Done{}) : Status(written.error());
    }
    case Operation::List: {
        auto page = await(backend.list(path, {}, {}));
        return page ? Status(Done{}) : Status(page.error());
    }
    case Operation::Versions: {
        auto versions = await(backend.versions(ref));
        return versions ? Status(Done{}) : Status(versions.error());
    }
    case Operation::Metadata: {
        auto metadata = await(backend.metadata(ref));
        return metadata ? Status(Done{}) : Status(metadata.error());
    }
    case Operation::DeleteVersions:
        return await(backend.deleteVersions(ref, {QStringLiteral("1")}));
    case Operation::Destroy:
        return await(backend.destroyVersions(ref, {QStringLiteral("1")}));
    case Operation::DeleteSecret:
        return await(backend.deleteSecret(ref, {}));
    case Operation::Capabilities: {
        auto caps = await(backend.capabilitiesFor(ref));
        return caps ? Status(Done{}) : Status(caps.error());
    }
    }
    return Status(BackendError(Kind::Unsupported));
}

} // namespace

class VaultPathEscapeTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nothingIsSentForAPathThatLeavesItsMount_data() {
        QTest::addColumn<int>("operation");
        QTest::addColumn<QString>("path");
        const QStringList paths{
            QStringLiteral("secret/../../sys/mounts/secret"),
            QStringLiteral("secret/%2e%2e/%2E%2E/sys/mounts/secret"),
            QStringLiteral("secret/.%2e/sys/policy/root"),
            QStringLiteral("secret/app/./db"),
            QStringLiteral("secret/app%2f..%2fsys"),
            QStringLiteral("secret//sys"),
            QStringLiteral("secret\\..\\sys"),
        };
        const std::pair<Operation, const char*> operations[] = {
            {Operation::Read, "read"},
            {Operation::Write, "write"},
            {Operation::List, "list"},
            {Operation::Versions, "versions"},
            {Operation::Metadata, "metadata"},
            {Operation::DeleteVersions, "delete-versions"},
            {Operation::Destroy, "destroy"},
            {Operation::DeleteSecret, "delete-secret"},
            {Operation::Capabilities, "capabilities"},
        };
        for (const auto& [operation, name] : operations) {
            for (const QString& path : paths) {
                QString asked = path;
                if (operation == Operation::List) {
                    asked += QLatin1Char('/');
                }
                QTest::addRow("%s %s", name, qPrintable(asked))
                    << static_cast<int>(operation) << asked;
            }
        }
    }

    void nothingIsSentForAPathThatLeavesItsMount() {
        QFETCH(int, operation);
        QFETCH(QString, path);
        ScriptedHttpServer server;
        QVERIFY(server.start());
        VaultEndpoint endpoint;
        endpoint.address = server.url(QStringLiteral("/"));
        endpoint.http.requestTimeout = 5s;
        VaultBackend backend(endpoint);
        backend.session()->setToken(SecretBytes(std::string_view("s.token")));

        const Status result = run(backend, static_cast<Operation>(operation), path);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Kind::InvalidInput);
        QVERIFY2(result.error().message().contains(QLatin1String("nothing was sent")),
                 qPrintable(result.error().message()));
        QCOMPARE(server.requests().size(), 0);
        QCOMPARE(server.connectionCount(), 0);
    }

    // The guard does not get in the way of ordinary names that merely contain dots.
    void namesWithDotsStillReachTheServer() {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::reply(
            200, R"({"data":{"secret/":{"type":"kv","options":{"version":"2"}}}})"));
        server.enqueue(ScriptedHttpServer::reply(
            200, R"({"data":{"data":{"k":"v"},"metadata":{"version":1}}})"));
        VaultEndpoint endpoint;
        endpoint.address = server.url(QStringLiteral("/"));
        endpoint.http.requestTimeout = 5s;
        VaultBackend backend(endpoint);
        backend.session()->setToken(SecretBytes(std::string_view("s.token")));
        auto value = await(backend.read(SecretRef{QStringLiteral("secret/app..v2/.env")}, {}));
        QVERIFY2(value.ok(), qPrintable(value.ok() ? QString() : value.error().message()));
        QVERIFY(!server.requests().isEmpty());
        QCOMPARE(server.requests().last().target, QByteArray("/v1/secret/data/app..v2/.env"));
    }
};

QTEST_GUILESS_MAIN(VaultPathEscapeTest)
#include "test_vault_path_escape.moc"
