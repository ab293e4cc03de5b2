#include "AppSettings.h"
#include "AuditLog.h"
#include "Await.h"
#include "CredentialStore.h"
#include "DemoSeeder.h"
#include "IsolatedHome.h"
#include "LocalStoreOpener.h"
#include "SecretService.h"
#include "Workspace.h"

#include <QTest>

using namespace strongroom;

namespace {

QByteArray raw(const SecretBytes& bytes) {
    return QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()));
}

// Every form a secret could take in a file: raw, hex, base64, and (for text) JSON-escaped.
QList<QByteArray> encodings(const QByteArray& secret) {
    QByteArray jsonEscaped = secret;
    jsonEscaped.replace("\n", "\\n");
    return {secret, secret.toHex(), secret.toBase64(), jsonEscaped};
}

} // namespace

// A whole session as the GUI would run it: create the local store with its key in the keychain,
// seed the demo secrets, write, read, reveal, copy; then read every file under the isolated HOME
// (settings, store, audit log) and look for any value or the key.
class TestSessionHygiene : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void noSecretOrKeyReachesAnyFile() {
        IsolatedHome home;
        qunsetenv("STRONGROOM_HOME");
        QList<QByteArray> secrets;
        {
            Workspace workspace;
            QVERIFY(workspace.paths().configFile().startsWith(home.path()));
            auto local = await(workspace.createLocalStore(LocalKeyProtection::Keychain));
            QVERIFY2(local.ok(), qPrintable(local.ok() ? QString() : local.error().message()));
            Connection* connection = local.value();
            auto seeded = await(workspace.demoSeeder()->seedIfEmpty(connection));
            QVERIFY(seeded.ok() && seeded.value());

            SecretService* service = workspace.secrets();
            const SecretRef ref{QStringLiteral("team/api")};
            const SecretBytes written(std::string_view("written-in-session-7c1e9b"));
            QVERIFY(
                await(service->write(connection,
                                     WriteRequest{ref,
                                                  SecretValue::keyValue(
                                                      {{QStringLiteral("token"), written, false}}),
                                                  {},
                                                  {}}))
                    .ok());
            await(service->recordAccess(connection, ref, QStringLiteral("reveal"),
                                        QStringLiteral("1")));
            await(service->recordAccess(connection, ref, QStringLiteral("copy"),
                                        QStringLiteral("1")));
            workspace.settings()->setClipboardClearSeconds(12);
            workspace.settings()->sync();

            // Collect what the store actually holds: every readable version of every secret.
            for (const QString& path :
                 {QStringLiteral("payments/stripe"), QStringLiteral("db/postgres/primary"),
                  QStringLiteral("ci/deploy-token"), ref.path}) {
                auto versions = await(service->versions(connection, SecretRef{path}));
                QVERIFY(versions.ok());
                for (const auto& version : versions.value()) {
                    if (!version.isReadable()) {
                        continue;
                    }
                    auto value = await(service->read(connection, SecretRef{path}, version.id));
                    QVERIFY(value.ok());
                    if (value->format() == SecretValue::Format::KeyValue) {
                        for (const auto& field : value->fields()) {
                            secrets << raw(field.value);
                        }
                    } else {
                        secrets << raw(value->blob());
                    }
                }
            }
            QVERIFY(secrets.contains(raw(written)));
            QVERIFY(secrets.size() >= 15);

            auto kek = await(workspace.credentials()->read(
                LocalStoreOpener::kekKey(workspace.paths().localStoreFile())));
            QVERIFY(kek.ok());
            secrets << raw(kek.value());

            const auto verified = await(workspace.auditLog()->verify());
            QVERIFY2(verified.ok(), qPrintable(verified.reason));
            QVERIFY(verified.lineCount >= 14);
        }
        const QByteArray everything = home.allFileContents();
        QVERIFY(everything.contains("\"action\":\"seed\"")); // the audit log was read too
        QVERIFY(everything.contains("clipboardClearSeconds"));
        for (const QByteArray& secret : secrets) {
            // Short non-secret fields ("5432", "app") would match by chance; skip them.
            if (secret.size() < 8) {
                continue;
            }
            for (const QByteArray& form : encodings(secret)) {
                QVERIFY2(!everything.contains(form),
                         qPrintable(
                             QStringLiteral("a secret of %1 bytes is on disk").arg(secret.size())));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSessionHygiene)
#include "test_session_hygiene.moc"
