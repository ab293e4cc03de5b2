#include "CliHarness.h"
#include "MotoServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

// The generic verbs (delete-secret, deleted, restore, purge, rotation, rotate) against a real
// moto server, a store that has every one of them: the bin round trip, purge and forced delete
// behind the typed path, a recovery window outside AWS's 7..30 days refused before anything is
// sent, rotation shown, configured, run and cleared when stuck, and the audit words each writes.
// What moto holds is checked with moto's own API, not with the CLI under test.
class TestCliVerbsAws : public QObject {
    Q_OBJECT

private:
    static constexpr int Usage = 2;
    static constexpr int Conflict = 5;

    MotoServer m_moto;
    const QByteArray m_secretKey = QByteArrayLiteral("verbsSecretKey/K7MDENG+bPxRfiCYzEXAMPLE");
    const QString m_id = QStringLiteral("bin");

    static QString unique(const char* prefix) {
        return QStringLiteral("%1-%2").arg(QLatin1String(prefix),
                                           QUuid::createUuid().toString(QUuid::Id128).left(8));
    }
    static QJsonDocument json(const CliRun& run) { return QJsonDocument::fromJson(run.out); }
    static void expectOneLineError(const CliRun& run, int code) {
        QVERIFY2(run.exitCode == code, run.describe());
        QVERIFY2(run.out.isEmpty(), run.describe());
        QVERIFY2(run.errText().startsWith(QStringLiteral("strongroom-cli: ")), run.describe());
        QVERIFY2(run.errText().trimmed().count(QLatin1Char('\n')) == 0, run.describe());
    }

    // A harness with no AWS settings of the developer's, connected to moto as m_id; every later
    // run carries --connection m_id.
    void connect(CliHarness& cli) const {
        cli.setEnv(QStringLiteral("HOME"), cli.home());
        for (const char* name :
             {"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
              "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE"}) {
            cli.unsetEnv(QString::fromLatin1(name));
        }
        const CliRun connected = cli.run(
            {QStringLiteral("aws"), QStringLiteral("connect"), m_id, QStringLiteral("--region"),
             QStringLiteral("us-east-1"), QStringLiteral("--endpoint"), m_moto.address().toString(),
             QStringLiteral("--access-key-id"), QStringLiteral("AKIAVERBSEXAMPLE")},
            m_secretKey + '\n');
        QVERIFY2(connected.exitCode == 0, connected.describe());
        cli.setCommonArguments({QStringLiteral("--connection"), m_id});
    }
    void create(const QString& path, const QString& value) {
        const auto created = m_moto.secretsManager(
            QStringLiteral("CreateSecret"),
            {{QStringLiteral("Name"), path}, {QStringLiteral("SecretString"), value}});
        QVERIFY2(created.ok(), qPrintable(created.error()));
    }
    // DescribeSecret as moto answers it.
    MotoServer::Reply describe(const QString& path) {
        return m_moto.secretsManager(QStringLiteral("DescribeSecret"),
                                     {{QStringLiteral("SecretId"), path}});
    }
    bool gone(const QString& path) {
        const auto described = describe(path);
        return !described.ok() && described.raw.contains("ResourceNotFoundException");
    }
    bool inBin(const QString& path) {
        const auto described = describe(path);
        // moto answers "DeletedDate": null for a live secret, a timestamp for one in the bin.
        return described.ok() && described.body.value(QStringLiteral("DeletedDate")).isDouble();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_moto.start(), qPrintable(m_moto.lastError())); }

    void deleteIntoTheBinListAndRestore() {
        CliHarness cli;
        connect(cli);
        const QString prefix = unique("bin");
        const QString path = prefix + QStringLiteral("/app");
        create(path, QStringLiteral("{\"k\":\"v\"}"));

        // AWS keeps 7 to 30 days: 3 is refused by the CLI, before the service sees it.
        const CliRun tooShort = cli.run({QStringLiteral("delete-secret"), path,
                                         QStringLiteral("--recovery-days"), QStringLiteral("3")});
        expectOneLineError(tooShort, Usage);
        QVERIFY2(tooShort.errText().contains(QStringLiteral("7 to 30")), tooShort.describe());
        QVERIFY(!inBin(path));
        QVERIFY(cli.auditEntries(QStringLiteral("delete-secret")).isEmpty());

        const QDateTime before = QDateTime::currentDateTimeUtc();
        const CliRun deleted =
            cli.run({QStringLiteral("delete-secret"), path, QStringLiteral("--recovery-days"),
                     QStringLiteral("7"), QStringLiteral("--json")});
        QVERIFY2(deleted.exitCode == 0, deleted.describe());
        const QJsonObject answer = json(deleted).object();
        QCOMPARE(answer.value(QStringLiteral("action")).toString(),
                 QStringLiteral("delete-secret"));
        QCOMPARE(answer.value(QStringLiteral("path")).toString(), path);
        QCOMPARE(answer.value(QStringLiteral("recoverable")).toBool(), true);
        QCOMPARE(answer.value(QStringLiteral("recoveryDays")).toInt(), 7);
        const QDateTime purgeAt =
            QDateTime::fromString(answer.value(QStringLiteral("purgeAt")).toString(), Qt::ISODate);
        QVERIFY2(purgeAt.isValid(), deleted.describe());
        QVERIFY2(qAbs(before.addDays(7).secsTo(purgeAt)) < 3600, deleted.describe());
        QVERIFY(inBin(path));

        const CliRun listed = cli.run({QStringLiteral("deleted"), QStringLiteral("--prefix"),
                                       prefix, QStringLiteral("--json")});
        QVERIFY2(listed.exitCode == 0, listed.describe());
        const QJsonArray rows = json(listed).array();
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.at(0).toObject();
        QCOMPARE(row.value(QStringLiteral("path")).toString(), path);
        // The bin gives the date it goes for good (when it was deleted only if AWS says so apart).
        QCOMPARE(row.value(QStringLiteral("purgeAt")).toString(),
                 answer.value(QStringLiteral("purgeAt")).toString());
        // The alias answers exactly as the verb does.
        const CliRun aliased =
            cli.run({QStringLiteral("aws"), QStringLiteral("deleted"), QStringLiteral("--prefix"),
                     prefix, QStringLiteral("--json")});
        QCOMPARE(aliased.out, listed.out);

        QVERIFY(cli.run({QStringLiteral("get"), path, QStringLiteral("k")}).exitCode != 0);
        const CliRun restored = cli.run({QStringLiteral("restore"), path});
        QVERIFY2(restored.exitCode == 0, restored.describe());
        const CliRun got = cli.run({QStringLiteral("get"), path, QStringLiteral("k")});
        QVERIFY2(got.exitCode == 0, got.describe());
        QCOMPARE(got.out.trimmed(), QByteArray("v"));
        QVERIFY(!inBin(path));

        const auto deletes = cli.auditEntries(QStringLiteral("delete-secret"));
        QCOMPARE(deletes.size(), 1);
        QCOMPARE(deletes.first().value(QStringLiteral("connection")).toString(), m_id);
        QCOMPARE(deletes.first().value(QStringLiteral("path")).toString(), path);
        QCOMPARE(deletes.first().value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
        QVERIFY(deletes.first()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QStringLiteral("7 days")));
        const auto restores = cli.auditEntries(QStringLiteral("restore-secret"));
        QCOMPARE(restores.size(), 1);
        QCOMPARE(restores.first().value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
    }

    void purgeNeedsThePathTypedAgain() {
        CliHarness cli;
        connect(cli);
        const QString prefix = unique("purge");
        const QString path = prefix + QStringLiteral("/app");
        create(path, QStringLiteral("x"));
        // No option: the store's own default window (AWS: 30 days).
        const CliRun deleted =
            cli.run({QStringLiteral("delete-secret"), path, QStringLiteral("--json")});
        QVERIFY2(deleted.exitCode == 0, deleted.describe());
        QCOMPARE(json(deleted).object().value(QStringLiteral("recoveryDays")).toInt(), 30);
        QVERIFY(inBin(path));

        expectOneLineError(cli.run({QStringLiteral("purge"), path}), Usage);
        expectOneLineError(cli.run({QStringLiteral("purge"), path, QStringLiteral("--confirm"),
                                    QStringLiteral("app")}),
                           Usage);
        QVERIFY(inBin(path));
        QVERIFY(cli.auditEntries(QStringLiteral("purge-secret")).isEmpty());

        const CliRun purged =
            cli.run({QStringLiteral("purge"), path, QStringLiteral("--confirm"), path});
        QVERIFY2(purged.exitCode == 0, purged.describe());
        QVERIFY(gone(path));
        const CliRun empty = cli.run({QStringLiteral("deleted"), QStringLiteral("--prefix"), prefix,
                                      QStringLiteral("--json")});
        QVERIFY2(empty.exitCode == 0, empty.describe());
        QVERIFY(json(empty).array().isEmpty());
        const auto purges = cli.auditEntries(QStringLiteral("purge-secret"));
        QCOMPARE(purges.size(), 1);
        QCOMPARE(purges.first().value(QStringLiteral("path")).toString(), path);
        QCOMPARE(purges.first().value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
    }

    void forcedDeleteNeedsThePathTypedAgain() {
        CliHarness cli;
        connect(cli);
        const QString path = unique("force") + QStringLiteral("/app");
        create(path, QStringLiteral("x"));
        expectOneLineError(
            cli.run({QStringLiteral("delete-secret"), path, QStringLiteral("--force"),
                     QStringLiteral("--recovery-days"), QStringLiteral("7")}),
            Usage);
        expectOneLineError(
            cli.run({QStringLiteral("delete-secret"), path, QStringLiteral("--force")}), Usage);
        expectOneLineError(
            cli.run({QStringLiteral("delete-secret"), path, QStringLiteral("--force"),
                     QStringLiteral("--confirm"), QStringLiteral("someone/else")}),
            Usage);
        QVERIFY(describe(path).ok());
        QVERIFY(!inBin(path));

        const CliRun forced =
            cli.run({QStringLiteral("delete-secret"), path, QStringLiteral("--force"),
                     QStringLiteral("--confirm"), path, QStringLiteral("--json")});
        QVERIFY2(forced.exitCode == 0, forced.describe());
        QCOMPARE(json(forced).object().value(QStringLiteral("recoverable")).toBool(true), false);
        QVERIFY(gone(path));
        QVERIFY(cli.run({QStringLiteral("restore"), path}).exitCode != 0);
        const auto deletes = cli.auditEntries(QStringLiteral("delete-secret"));
        QCOMPARE(deletes.size(), 1);
        QVERIFY(deletes.first()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QStringLiteral("without recovery")));
    }

    void rotationShownConfiguredRunAndClearedWhenStuck() {
        CliHarness cli;
        connect(cli);
        const QString path = unique("rot") + QStringLiteral("/app");
        create(path, QStringLiteral("v1"));
        const QString first = describe(path)
                                  .body.value(QStringLiteral("VersionIdsToStages"))
                                  .toObject()
                                  .keys()
                                  .value(0);

        const CliRun idle = cli.run({QStringLiteral("rotation"), path, QStringLiteral("--json")});
        QVERIFY2(idle.exitCode == 0, idle.describe());
        QCOMPARE(json(idle).object().value(QStringLiteral("enabled")).toBool(true), false);
        QCOMPARE(json(idle).object().value(QStringLiteral("state")).toString(),
                 QStringLiteral("idle"));

        // Bad --set arguments and mixed modes are usage errors before anything opens.
        expectOneLineError(cli.run({QStringLiteral("rotation"), path, QStringLiteral("--set"),
                                    QStringLiteral("x")}),
                           Usage);
        expectOneLineError(cli.run({QStringLiteral("rotation"), path, QStringLiteral("--off"),
                                    QStringLiteral("--clear-stuck")}),
                           Usage);

        const CliRun configured =
            cli.run({QStringLiteral("rotation"), path, QStringLiteral("--set"),
                     QStringLiteral("automaticallyAfterDays=30")});
        QVERIFY2(configured.exitCode == 0, configured.describe());
        const auto rules = describe(path).body.value(QStringLiteral("RotationRules")).toObject();
        QCOMPARE(rules.value(QStringLiteral("AutomaticallyAfterDays")).toInt(), 30);

        const CliRun rotated = cli.run({QStringLiteral("rotate"), path, QStringLiteral("--json")});
        QVERIFY2(rotated.exitCode == 0, rotated.describe());
        const QString version = json(rotated).object().value(QStringLiteral("version")).toString();
        QVERIFY2(!version.isEmpty() && version != first, rotated.describe());
        QVERIFY(describe(path)
                    .body.value(QStringLiteral("VersionIdsToStages"))
                    .toObject()
                    .contains(version));

        // A rotation that stopped after createSecret: AWSPENDING on a version of its own.
        const auto pending = m_moto.secretsManager(
            QStringLiteral("PutSecretValue"),
            {{QStringLiteral("SecretId"), path},
             {QStringLiteral("SecretString"), QStringLiteral("v3")},
             {QStringLiteral("ClientRequestToken"),
              QUuid::createUuid().toString(QUuid::WithoutBraces)},
             {QStringLiteral("VersionStages"), QJsonArray{QStringLiteral("AWSPENDING")}}});
        QVERIFY2(pending.ok(), qPrintable(pending.error()));
        const QString stuck = pending.body.value(QStringLiteral("VersionId")).toString();
        const CliRun shown = cli.run({QStringLiteral("rotation"), path, QStringLiteral("--json")});
        QCOMPARE(json(shown).object().value(QStringLiteral("state")).toString(),
                 QStringLiteral("stuck"));
        QCOMPARE(json(shown).object().value(QStringLiteral("stuckVersion")).toString(), stuck);

        const CliRun wrongVersion =
            cli.run({QStringLiteral("rotation"), path, QStringLiteral("--clear-stuck"),
                     QStringLiteral("--version"), first});
        expectOneLineError(wrongVersion, Conflict);
        const CliRun cleared = cli.run({QStringLiteral("rotation"), path,
                                        QStringLiteral("--clear-stuck"), QStringLiteral("--json")});
        QVERIFY2(cleared.exitCode == 0, cleared.describe());
        QCOMPARE(json(cleared).object().value(QStringLiteral("version")).toString(), stuck);
        const QJsonArray stages = describe(path)
                                      .body.value(QStringLiteral("VersionIdsToStages"))
                                      .toObject()
                                      .value(stuck)
                                      .toArray();
        QVERIFY(!stages.contains(QStringLiteral("AWSPENDING")));
        // Nothing is stuck any more: a second clear changes nothing and says so.
        expectOneLineError(
            cli.run({QStringLiteral("rotation"), path, QStringLiteral("--clear-stuck")}), 1);

        for (const char* action :
             {"show-rotation", "configure-rotation", "rotate", "clear-stuck-rotation"}) {
            const auto entries = cli.auditEntries(QString::fromLatin1(action));
            QVERIFY2(!entries.isEmpty(), action);
            QCOMPARE(entries.first().value(QStringLiteral("path")).toString(), path);
            QCOMPARE(entries.first().value(QStringLiteral("result")).toString(),
                     QStringLiteral("ok"));
        }
        const auto rotations = cli.auditEntries(QStringLiteral("rotate"));
        QVERIFY(rotations.first().value(QStringLiteral("versions")).toArray().contains(version));
        const auto clears = cli.auditEntries(QStringLiteral("clear-stuck-rotation"));
        QCOMPARE(clears.size(), 1);
        QVERIFY(clears.first().value(QStringLiteral("versions")).toArray().contains(stuck));
    }

    void anAliasIsTheVerbUnderAnotherName() {
        CliHarness cli;
        connect(cli);
        const QString path = unique("alias") + QStringLiteral("/app");
        create(path, QStringLiteral("x"));
        QVERIFY(cli.run({QStringLiteral("aws"), QStringLiteral("delete"), path,
                         QStringLiteral("--recovery-days"), QStringLiteral("7")})
                    .exitCode == 0);
        const CliRun restored = cli.run(
            {QStringLiteral("aws"), QStringLiteral("restore"), path, QStringLiteral("--json")});
        QVERIFY2(restored.exitCode == 0, restored.describe());
        QCOMPARE(json(restored).object().value(QStringLiteral("action")).toString(),
                 QStringLiteral("restore-secret"));
        QCOMPARE(cli.auditEntries(QStringLiteral("delete-secret")).size(), 1);
        QCOMPARE(cli.auditEntries(QStringLiteral("restore-secret")).size(), 1);
        // It stays an AWS command: the local store is a usage error, as it always was.
        CliHarness local;
        expectOneLineError(local.run({QStringLiteral("aws"), QStringLiteral("restore"), path}),
                           Usage);
        const CliRun help =
            local.run({QStringLiteral("aws"), QStringLiteral("delete"), QStringLiteral("--help")});
        QVERIFY2(help.exitCode == 0 && help.outText().contains(QStringLiteral("--recovery-days")),
                 help.describe());
    }
};

QTEST_GUILESS_MAIN(TestCliVerbsAws)
#include "test_cli_verbs_aws.moc"
