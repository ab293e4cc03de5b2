// The real-OpenBao fixture itself: it starts on a free loopback port, its seeding helpers do what
// they say (checked through the HTTP API, not through the code under test), it leaves no process
// behind, and a missing binary is a clear failure rather than a skip.
#include "OpenBaoServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

#include <cerrno>
#include <signal.h>

namespace {

bool processGone(qint64 pid) {
    return ::kill(pid_t(pid), 0) == -1 && errno == ESRCH;
}

QJsonObject data(const OpenBaoServer::Reply& reply) {
    return reply.body.value(QLatin1String("data")).toObject();
}

} // namespace

class OpenBaoServerTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void startsHealthyOnLoopbackWithItsOwnRootToken() {
        OpenBaoServer server;
        QVERIFY2(server.start(), qPrintable(server.lastError()));
        QCOMPARE(server.address().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(server.address().port() > 0);
        QVERIFY(server.rootToken().size() >= 20);
        QCOMPARE(server.api("GET", QStringLiteral("sys/health")).status, 200);
        const auto self = server.api("GET", QStringLiteral("auth/token/lookup-self"));
        QCOMPARE(self.status, 200);
        QVERIFY(data(self).value(QLatin1String("policies")).toArray().contains(QJsonValue("root")));
        const auto bogus =
            server.api("GET", QStringLiteral("auth/token/lookup-self"), {}, "s.not-a-token");
        QCOMPARE(bogus.status, 403);
        // Dev mode mounts KV v2 at secret/.
        const auto mounts = server.api("GET", QStringLiteral("sys/mounts/secret"));
        QCOMPARE(mounts.status, 200);
        QCOMPARE(data(mounts).value(QLatin1String("options")).toObject().value("version"),
                 QJsonValue("2"));
    }

    void twoServersRunSideBySideAndStopLeavesNoProcess() {
        qint64 first = 0;
        qint64 second = 0;
        {
            OpenBaoServer a;
            OpenBaoServer b;
            QVERIFY2(a.start(), qPrintable(a.lastError()));
            QVERIFY2(b.start(), qPrintable(b.lastError()));
            QVERIFY(a.address() != b.address());
            QVERIFY(a.rootToken() != b.rootToken());
            first = a.processId();
            second = b.processId();
            QVERIFY(first > 0 && second > 0);
            QVERIFY(!processGone(first));
            // Each server only knows its own root token.
            QCOMPARE(
                a.api("GET", QStringLiteral("auth/token/lookup-self"), {}, b.rootToken()).status,
                403);
            b.stop();
            QVERIFY(!b.isRunning());
            QVERIFY(processGone(second));
        }
        QVERIFY(processGone(first));
    }

    void aMissingBinaryFailsWithTheSetupAdvice() {
        const auto old = qgetenv("STRONGROOM_BAO");
        qputenv("STRONGROOM_BAO", "/nonexistent/bao");
        OpenBaoServer server;
        const bool started = server.start();
        qputenv("STRONGROOM_BAO", old);
        if (old.isEmpty()) {
            qunsetenv("STRONGROOM_BAO");
        }
        QVERIFY(!started);
        QVERIFY2(server.lastError().contains(QLatin1String("scripts/setup-deps test")),
                 qPrintable(server.lastError()));
        QVERIFY(server.lastError().contains(QLatin1String("/nonexistent/bao")));
    }

    void seedingHelpersDoWhatTheySay() {
        OpenBaoServer server;
        QVERIFY2(server.start(), qPrintable(server.lastError()));

        QVERIFY2(server.mountKv(QStringLiteral("kv1"), 1), qPrintable(server.lastError()));
        QVERIFY2(server.mountKv(QStringLiteral("kv2"), 2), qPrintable(server.lastError()));
        const auto mounts = data(server.api("GET", QStringLiteral("sys/mounts")));
        QCOMPARE(mounts.value("kv1/").toObject().value("options").toObject().value("version"),
                 QJsonValue("1"));
        QCOMPARE(mounts.value("kv2/").toObject().value("options").toObject().value("version"),
                 QJsonValue("2"));
        QVERIFY(!server.mountKv(QStringLiteral("kv3"), 3));

        QCOMPARE(server.putKv2(QStringLiteral("kv2"), QStringLiteral("app/db"), {{"u", "a"}}), 1);
        QCOMPARE(server.putKv2(QStringLiteral("kv2"), QStringLiteral("app/db"), {{"u", "b"}}), 2);
        const auto read = server.api("GET", QStringLiteral("kv2/data/app/db"));
        QCOMPARE(data(read).value("data").toObject().value("u"), QJsonValue("b"));
        QCOMPARE(server.putKv2(QStringLiteral("nomount"), QStringLiteral("x"), {{"u", "a"}}), 0);
        QVERIFY(!server.lastError().isEmpty());

        QVERIFY(server.writePolicy(QStringLiteral("reader"),
                                   QStringLiteral("path \"kv2/data/app/*\" { capabilities = "
                                                  "[\"read\"] }")));
        const auto token = server.createToken({QStringLiteral("reader")}, QStringLiteral("1h"));
        QVERIFY2(!token.isEmpty(), qPrintable(server.lastError()));
        QCOMPARE(server.api("GET", QStringLiteral("kv2/data/app/db"), {}, token).status, 200);
        QCOMPARE(server
                     .api("POST", QStringLiteral("kv2/data/app/db"),
                          {{"data", QJsonObject{{"u", "c"}}}}, token)
                     .status,
                 403);
        const auto self =
            data(server.api("GET", QStringLiteral("auth/token/lookup-self"), {}, token));
        QVERIFY(self.value("policies").toArray().contains(QJsonValue("reader")));
        QVERIFY(self.value("ttl").toInt() > 3500 && self.value("ttl").toInt() <= 3600);

        QVERIFY2(server.enableUserpass(QStringLiteral("alice"), QStringLiteral("pw-1"),
                                       {QStringLiteral("reader")}),
                 qPrintable(server.lastError()));
        // Enabling twice (a second user) reuses the mount.
        QVERIFY2(server.enableUserpass(QStringLiteral("bob"), QStringLiteral("pw-2"), {}),
                 qPrintable(server.lastError()));
        const auto login = server.api("POST", QStringLiteral("auth/userpass/login/alice"),
                                      {{"password", "pw-1"}}, "none");
        QCOMPARE(login.status, 200);
        QVERIFY(login.body.value("auth")
                    .toObject()
                    .value("policies")
                    .toArray()
                    .contains(QJsonValue("reader")));
        QCOMPARE(server
                     .api("POST", QStringLiteral("auth/userpass/login/alice"),
                          {{"password", "wrong"}}, "none")
                     .status,
                 400);

        const auto role = server.enableAppRole(QStringLiteral("ci"), {QStringLiteral("reader")});
        QVERIFY2(!role.isEmpty(), qPrintable(server.lastError()));
        const auto appLogin = server.api("POST", QStringLiteral("auth/approle/login"),
                                         {{"role_id", QString::fromLatin1(role.roleId)},
                                          {"secret_id", QString::fromLatin1(role.secretId)}},
                                         "none");
        QCOMPARE(appLogin.status, 200);
        QVERIFY(!appLogin.body.value("auth").toObject().value("client_token").toString().isEmpty());
    }

    void bulkSeedWritesEveryKeyOnce() {
        OpenBaoServer server;
        QVERIFY2(server.start(), qPrintable(server.lastError()));
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(server.bulkSeed(QStringLiteral("secret"), QStringLiteral("bulk"), 1000),
                 qPrintable(server.lastError()));
        qInfo("seeded 1000 secrets in %lld ms", clock.elapsed());
        const auto listed = server.api("LIST", QStringLiteral("secret/metadata/bulk/"));
        const auto keys = data(listed).value("keys").toArray();
        QCOMPARE(keys.size(), 1000);
        QCOMPARE(keys.first().toString(), OpenBaoServer::bulkKeyName(0));
        QCOMPARE(keys.last().toString(), OpenBaoServer::bulkKeyName(999));
        const auto one = server.api("GET", QStringLiteral("secret/data/bulk/key-00421"));
        QCOMPARE(data(one).value("data").toObject().value("value"), QJsonValue("421"));
        QCOMPARE(data(one).value("metadata").toObject().value("version"), QJsonValue(1));
        // A failing seed says so.
        QVERIFY(!server.bulkSeed(QStringLiteral("nomount"), QStringLiteral("x"), 10));
        QVERIFY(server.lastError().contains(QLatin1String("bulk seed")));
    }

    void sealAndUnseal() {
        OpenBaoServer server;
        QVERIFY2(server.start(), qPrintable(server.lastError()));
        QVERIFY2(server.seal(), qPrintable(server.lastError()));
        QCOMPARE(server.api("GET", QStringLiteral("sys/health")).status, 503);
        QVERIFY2(server.unseal(), qPrintable(server.lastError()));
        QCOMPARE(server.api("GET", QStringLiteral("sys/health")).status, 200);
    }
};

QTEST_GUILESS_MAIN(OpenBaoServerTest)
#include "test_openbao_server.moc"
