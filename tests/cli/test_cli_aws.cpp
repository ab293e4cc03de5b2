#include "CliHarness.h"
#include "MotoServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

// strongroom-cli's AWS commands against a real moto server: connect with keys from stdin (kept in
// the keyring of scripts/with-keyring), work on secrets through --connection, the rotation and
// deletion-window commands, and the clear one-line errors for bad input. moto accepts any key
// values and ignores MFA codes, so "wrong credentials" can only be tested as bad input: a
// missing key, a missing MFA code, keys that are not in the environment.
class TestCliAws : public QObject {
    Q_OBJECT

private:
    static constexpr int Usage = 2;
    static constexpr int NotFound = 3;
    static constexpr int Denied = 4;

    MotoServer m_moto;
    const QByteArray m_secretKey = QByteArrayLiteral("cliSecretKey/K7MDENG+bPxRfiCYzEXAMPLE");

    static QStringList args(std::initializer_list<QString> words) { return QStringList(words); }
    static QString unique(const char* prefix) {
        return QStringLiteral("%1-%2").arg(QLatin1String(prefix),
                                           QUuid::createUuid().toString(QUuid::Id128).left(8));
    }
    // HOME in the temporary directory (no ~/.aws of the developer) and no AWS_* variables.
    static void isolate(CliHarness& cli) {
        cli.setEnv(QStringLiteral("HOME"), cli.home());
        for (const char* name :
             {"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
              "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE",
              "AWS_SHARED_CREDENTIALS_FILE"}) {
            cli.unsetEnv(QString::fromLatin1(name));
        }
    }
    QStringList connectArgs(const QString& id) const {
        return args({QStringLiteral("aws"), QStringLiteral("connect"), id,
                     QStringLiteral("--region"), QStringLiteral("us-east-1"),
                     QStringLiteral("--endpoint"), m_moto.address().toString(),
                     QStringLiteral("--access-key-id"), QStringLiteral("AKIACLIEXAMPLE")});
    }
    CliRun connect(CliHarness& cli, const QString& id) const {
        return cli.run(connectArgs(id), m_secretKey + '\n');
    }
    static void expectOneLineError(const CliRun& run, int code) {
        QVERIFY2(run.exitCode == code, run.describe());
        QVERIFY2(run.out.isEmpty(), run.describe());
        QVERIFY2(run.errText().startsWith(QStringLiteral("strongroom-cli: ")), run.describe());
        QVERIFY2(run.errText().trimmed().count(QLatin1Char('\n')) == 0, run.describe());
    }
    static QJsonDocument json(const CliRun& run) { return QJsonDocument::fromJson(run.out); }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_moto.start(), qPrintable(m_moto.lastError())); }

    void connectAndWorkWithSecretsThroughTheConnection() {
        CliHarness cli;
        isolate(cli);
        const CliRun connected = connect(cli, QStringLiteral("prod"));
        QVERIFY2(connected.exitCode == 0, connected.describe());
        QVERIFY(connected.outText().contains(QStringLiteral("connected prod")));
        QVERIFY(connected.outText().contains(QStringLiteral("identity: arn:aws:")));

        const CliRun who = cli.run(args({QStringLiteral("aws"), QStringLiteral("whoami"),
                                         QStringLiteral("prod"), QStringLiteral("--json")}));
        QVERIFY2(who.exitCode == 0, who.describe());
        const QJsonObject identity = json(who).object();
        QVERIFY(identity.value(QStringLiteral("identity"))
                    .toString()
                    .startsWith(QStringLiteral("arn:aws:")));
        QCOMPARE(identity.value(QStringLiteral("source")).toString(),
                 QStringLiteral("keychain keys"));
        QVERIFY(identity.value(QStringLiteral("expires")).isNull());
        QVERIFY(!identity.value(QStringLiteral("trace")).toArray().isEmpty());

        const CliRun listed = cli.run(args({QStringLiteral("connections")}));
        QVERIFY2(listed.exitCode == 0, listed.describe());
        QVERIFY2(listed.outText().contains(QStringLiteral("prod")) &&
                     listed.outText().contains(QStringLiteral("aws")),
                 listed.describe());

        const QString path = unique("cli") + QStringLiteral("/db");
        const QStringList on{QStringLiteral("--connection"), QStringLiteral("prod")};
        for (const char* password : {"first", "second"}) {
            const CliRun put =
                cli.run(args({QStringLiteral("put"), path, QStringLiteral("user=svc"),
                              QStringLiteral("password=") + QLatin1String(password)}) +
                        on);
            QVERIFY2(put.exitCode == 0, put.describe());
        }
        const CliRun got =
            cli.run(args({QStringLiteral("get"), path, QStringLiteral("password")}) + on);
        QVERIFY2(got.exitCode == 0, got.describe());
        QCOMPARE(got.out.trimmed(), QByteArray("second"));

        const CliRun versions =
            cli.run(args({QStringLiteral("versions"), path, QStringLiteral("--json")}) + on);
        QVERIFY2(versions.exitCode == 0, versions.describe());
        const QJsonArray rows = json(versions).array();
        QCOMPARE(rows.size(), 2);
        // Roll back to the version that is not AWSCURRENT (the first value) by moving the label.
        QString first;
        for (const QJsonValue& row : rows) {
            const QJsonObject version = row.toObject();
            if (!version.value(QStringLiteral("labels"))
                     .toArray()
                     .contains(QStringLiteral("AWSCURRENT"))) {
                first = version.value(QStringLiteral("id")).toString();
            }
        }
        QVERIFY2(!first.isEmpty(), versions.out.constData());
        const CliRun rolled =
            cli.run(args({QStringLiteral("rollback"), path, first, QStringLiteral("--yes")}) + on);
        QVERIFY2(rolled.exitCode == 0, rolled.describe());
        const CliRun back =
            cli.run(args({QStringLiteral("get"), path, QStringLiteral("password")}) + on);
        QCOMPARE(back.out.trimmed(), QByteArray("first"));
        const auto described = m_moto.secretsManager(QStringLiteral("DescribeSecret"),
                                                     {{QStringLiteral("SecretId"), path}});
        QVERIFY(described.ok());
        QVERIFY(described.body.value(QStringLiteral("VersionIdsToStages"))
                    .toObject()
                    .value(first)
                    .toArray()
                    .contains(QStringLiteral("AWSCURRENT")));

        // Nothing secret on disk: not the secret key, not in the audit log.
        QVERIFY(!cli.allFileContents().contains(m_secretKey));
        QFile audit(cli.auditFile());
        QVERIFY(audit.open(QIODevice::ReadOnly));
        const QByteArray lines = audit.readAll();
        QVERIFY(lines.contains("\"connect\""));
        QVERIFY(lines.contains("\"reconnect\""));
        QVERIFY(!lines.contains(m_secretKey));

        const CliRun out = cli.run(
            args({QStringLiteral("aws"), QStringLiteral("logout"), QStringLiteral("prod")}));
        QVERIFY2(out.exitCode == 0, out.describe());
        const CliRun refused =
            cli.run(args({QStringLiteral("get"), path, QStringLiteral("password")}) + on);
        expectOneLineError(refused, Denied);
        QVERIFY2(refused.errText().contains(QStringLiteral("aws connect prod")),
                 refused.describe());
    }

    void rotationStateAndAStuckPendingLabel() {
        CliHarness cli;
        isolate(cli);
        QVERIFY2(connect(cli, QStringLiteral("rot")).exitCode == 0, "connect");
        const QString path = unique("rot") + QStringLiteral("/app");
        QVERIFY(m_moto
                    .secretsManager(QStringLiteral("CreateSecret"),
                                    {{QStringLiteral("Name"), path},
                                     {QStringLiteral("SecretString"), QStringLiteral("v1")}})
                    .ok());
        // A rotation that stopped after createSecret: AWSPENDING on a version of its own.
        const auto pending = m_moto.secretsManager(
            QStringLiteral("PutSecretValue"),
            {{QStringLiteral("SecretId"), path},
             {QStringLiteral("SecretString"), QStringLiteral("v2")},
             {QStringLiteral("ClientRequestToken"),
              QUuid::createUuid().toString(QUuid::WithoutBraces)},
             {QStringLiteral("VersionStages"), QJsonArray{QStringLiteral("AWSPENDING")}}});
        QVERIFY2(pending.ok(), qPrintable(pending.error()));
        const QString stuck = pending.body.value(QStringLiteral("VersionId")).toString();
        const QStringList on{QStringLiteral("--connection"), QStringLiteral("rot")};

        const CliRun shown =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("rotation"), path}) + on);
        QVERIFY2(shown.exitCode == 0, shown.describe());
        QVERIFY2(
            shown.outText().contains(QStringLiteral("stuck: AWSPENDING is on version ") + stuck),
            shown.describe());
        const CliRun asJson = cli.run(args({QStringLiteral("aws"), QStringLiteral("rotation"), path,
                                            QStringLiteral("--json")}) +
                                      on);
        QCOMPARE(json(asJson).object().value(QStringLiteral("stuckPendingVersion")).toString(),
                 stuck);

        const CliRun noVersion =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("clear-pending"), path}) + on);
        expectOneLineError(noVersion, Usage);
        const CliRun cleared = cli.run(args({QStringLiteral("aws"), QStringLiteral("clear-pending"),
                                             path, QStringLiteral("--version"), stuck}) +
                                       on);
        QVERIFY2(cleared.exitCode == 0, cleared.describe());
        const CliRun after =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("rotation"), path}) + on);
        QVERIFY2(!after.outText().contains(QStringLiteral("stuck")), after.describe());
        QVERIFY(after.outText().contains(stuck + QStringLiteral("  (deprecated)")));
        // The label is gone: clearing it again changes nothing and says why.
        const CliRun again = cli.run(args({QStringLiteral("aws"), QStringLiteral("clear-pending"),
                                           path, QStringLiteral("--version"), stuck}) +
                                     on);
        QVERIFY2(again.exitCode != 0, again.describe());

        // Rotate with a schedule (moto runs no Lambda: the new version becomes current at once).
        const CliRun rotated = cli.run(
            args({QStringLiteral("aws"), QStringLiteral("rotate"), path, QStringLiteral("--days"),
                  QStringLiteral("30"), QStringLiteral("--json")}) +
            on);
        QVERIFY2(rotated.exitCode == 0, rotated.describe());
        QVERIFY(!json(rotated).object().value(QStringLiteral("version")).toString().isEmpty());
        const CliRun scheduled =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("rotation"), path}) + on);
        QVERIFY2(scheduled.outText().contains(QStringLiteral("every 30 days")),
                 scheduled.describe());
        const CliRun both =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("rotate"), path,
                          QStringLiteral("--days"), QStringLiteral("3"),
                          QStringLiteral("--schedule"), QStringLiteral("rate(3 days)")}) +
                    on);
        expectOneLineError(both, Usage);

        const CliRun nothingToSet = cli.run(args({QStringLiteral("aws"), QStringLiteral("rotate"),
                                                  path, QStringLiteral("--no-immediately")}) +
                                            on);
        expectOneLineError(nothingToSet, Usage);
        // moto refuses CancelRotateSecret on a secret without a rotation Lambda: the command
        // passes the refusal on as one line and audits it (the admin suite covers success).
        const CliRun cancelled =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("cancel-rotation"), path}) + on);
        expectOneLineError(cancelled, cancelled.exitCode);
        QVERIFY2(cancelled.exitCode != 0, cancelled.describe());

        QFile audit(cli.auditFile());
        QVERIFY(audit.open(QIODevice::ReadOnly));
        const QByteArray lines = audit.readAll();
        QVERIFY(lines.contains("\"disable-rotation\""));
        QVERIFY(lines.contains("\"clear-stuck-rotation\""));
        QVERIFY(lines.contains("\"rotate\""));
        QVERIFY(lines.contains(stuck.toUtf8()));
    }

    void deletionWindowRestoreAndTypedForceDelete() {
        CliHarness cli;
        isolate(cli);
        QVERIFY2(connect(cli, QStringLiteral("del")).exitCode == 0, "connect");
        const QString prefix = unique("del");
        const QString path = prefix + QStringLiteral("/app");
        const QStringList on{QStringLiteral("--connection"), QStringLiteral("del")};
        QVERIFY(cli.run(args({QStringLiteral("put"), path, QStringLiteral("k=v")}) + on).exitCode ==
                0);

        const CliRun tooShort =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("delete"), path,
                          QStringLiteral("--recovery-days"), QStringLiteral("3")}) +
                    on);
        expectOneLineError(tooShort, Usage);
        const CliRun scheduled =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("delete"), path,
                          QStringLiteral("--recovery-days"), QStringLiteral("7")}) +
                    on);
        QVERIFY2(scheduled.exitCode == 0, scheduled.describe());
        QVERIFY(scheduled.outText().contains(QStringLiteral("scheduled for deletion")));
        const CliRun listed =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("deleted"),
                          QStringLiteral("--prefix"), prefix, QStringLiteral("--json")}) +
                    on);
        QVERIFY2(listed.exitCode == 0, listed.describe());
        const QJsonArray rows = json(listed).array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).toObject().value(QStringLiteral("name")).toString(), path);
        QVERIFY(cli.run(args({QStringLiteral("get"), path, QStringLiteral("k")}) + on).exitCode !=
                0);

        const CliRun restored =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("restore"), path}) + on);
        QVERIFY2(restored.exitCode == 0, restored.describe());
        const CliRun got = cli.run(args({QStringLiteral("get"), path, QStringLiteral("k")}) + on);
        QCOMPARE(got.out.trimmed(), QByteArray("v"));

        // Force needs the typed name: without it, or with another, nothing is deleted.
        const CliRun unconfirmed = cli.run(args({QStringLiteral("aws"), QStringLiteral("delete"),
                                                 path, QStringLiteral("--force")}) +
                                           on);
        expectOneLineError(unconfirmed, Usage);
        const CliRun wrong = cli.run(
            args({QStringLiteral("aws"), QStringLiteral("delete"), path, QStringLiteral("--force"),
                  QStringLiteral("--confirm"), QStringLiteral("app")}) +
            on);
        expectOneLineError(wrong, Usage);
        QVERIFY(m_moto
                    .secretsManager(QStringLiteral("DescribeSecret"),
                                    {{QStringLiteral("SecretId"), path}})
                    .ok());
        const CliRun forced =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("delete"), path,
                          QStringLiteral("--force"), QStringLiteral("--confirm"), path}) +
                    on);
        QVERIFY2(forced.exitCode == 0, forced.describe());
        const auto afterForce = m_moto.secretsManager(QStringLiteral("DescribeSecret"),
                                                      {{QStringLiteral("SecretId"), path}});
        QVERIFY2(!afterForce.ok() && afterForce.raw.contains("ResourceNotFoundException"),
                 afterForce.raw.constData());
        const CliRun gone =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("restore"), path}) + on);
        QVERIFY2(gone.exitCode != 0, gone.describe());

        QFile audit(cli.auditFile());
        QVERIFY(audit.open(QIODevice::ReadOnly));
        const QByteArray lines = audit.readAll();
        QVERIFY(lines.contains("\"delete-secret\""));
        QVERIFY(lines.contains("\"restore-secret\""));
        // The forced delete is a delete-secret too; its detail tells it apart.
        QVERIFY(lines.contains("without recovery"));
    }

    void badInputIsAOneLineErrorAndSavesNothing() {
        CliHarness cli;
        isolate(cli);
        // No key source, two key sources.
        expectOneLineError(
            cli.run(args({QStringLiteral("aws"), QStringLiteral("connect"), QStringLiteral("x"),
                          QStringLiteral("--region"), QStringLiteral("us-east-1")})),
            Usage);
        expectOneLineError(cli.run(args({QStringLiteral("aws"), QStringLiteral("connect"),
                                         QStringLiteral("x"), QStringLiteral("--env"),
                                         QStringLiteral("--profile"), QStringLiteral("p")})),
                           Usage);
        // No secret key on stdin.
        expectOneLineError(cli.run(connectArgs(QStringLiteral("x")), "\n"), Usage);
        // --env without the variables.
        const CliRun noEnv = cli.run(
            args({QStringLiteral("aws"), QStringLiteral("connect"), QStringLiteral("x"),
                  QStringLiteral("--env"), QStringLiteral("--region"), QStringLiteral("us-east-1"),
                  QStringLiteral("--endpoint"), m_moto.address().toString()}));
        expectOneLineError(noEnv, Usage);
        QVERIFY(noEnv.errText().contains(QStringLiteral("AWS_ACCESS_KEY_ID")));
        // Plain http to another machine.
        expectOneLineError(
            cli.run(args({QStringLiteral("aws"), QStringLiteral("connect"), QStringLiteral("x"),
                          QStringLiteral("--env"), QStringLiteral("--endpoint"),
                          QStringLiteral("http://example.com")})),
            Usage);
        // A role with MFA and no code, stdin not a terminal.
        const QStringList mfa = connectArgs(QStringLiteral("mfa")) +
                                args({QStringLiteral("--role-arn"),
                                      QStringLiteral("arn:aws:iam::123456789012:role/admin"),
                                      QStringLiteral("--mfa-serial"),
                                      QStringLiteral("arn:aws:iam::123456789012:mfa/op")});
        const CliRun noCode = cli.run(mfa, m_secretKey + '\n');
        expectOneLineError(noCode, Denied);
        QVERIFY2(noCode.errText().contains(QStringLiteral("MFA code needed")), noCode.describe());
        QVERIFY2(noCode.errText().contains(QStringLiteral("--mfa-code")), noCode.describe());
        const CliRun listed =
            cli.run(args({QStringLiteral("connections"), QStringLiteral("--json")}));
        QVERIFY2(listed.exitCode == 0, listed.describe());
        QVERIFY2(!listed.outText().contains(QStringLiteral("\"mfa\"")), listed.describe());
        const CliRun withCode =
            cli.run(mfa + args({QStringLiteral("--mfa-code"), QStringLiteral("482913")}),
                    m_secretKey + '\n');
        QVERIFY2(withCode.exitCode == 0, withCode.describe());
        QVERIFY(withCode.outText().contains(QStringLiteral("assumed-role/admin")));
        // Later commands need the code again (roles with MFA never reconnect silently).
        const CliRun whoNoCode =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("whoami"), QStringLiteral("mfa")}));
        expectOneLineError(whoNoCode, Denied);
        const CliRun who =
            cli.run(args({QStringLiteral("aws"), QStringLiteral("whoami"), QStringLiteral("mfa"),
                          QStringLiteral("--mfa-code"), QStringLiteral("482913")}));
        QVERIFY2(who.exitCode == 0, who.describe());
        QVERIFY(who.outText().contains(QStringLiteral("expires:")));
        QFile audit(cli.auditFile());
        QVERIFY(audit.open(QIODevice::ReadOnly));
        const QByteArray lines = audit.readAll();
        QVERIFY(!lines.contains("482913"));
        QVERIFY(!lines.contains(m_secretKey));
        // Not an AWS connection / unknown one.
        expectOneLineError(cli.run(args({QStringLiteral("aws"), QStringLiteral("rotation"),
                                         QStringLiteral("a/b")})),
                           Usage);
        expectOneLineError(cli.run(args({QStringLiteral("aws"), QStringLiteral("whoami"),
                                         QStringLiteral("nobody")})),
                           NotFound);
    }
};

QTEST_GUILESS_MAIN(TestCliAws)
#include "test_cli_aws.moc"
