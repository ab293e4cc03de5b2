#include "CliHarness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Every secret command against a keychain-protected local store (the keyring comes from
// scripts/with-keyring). Expectations are computed from what the test itself wrote.
class TestCliSecrets : public QObject {
    Q_OBJECT

private:
    static constexpr int Usage = 2;
    static constexpr int NotFound = 3;
    static constexpr int Conflict = 5;

    static QStringList args(std::initializer_list<const char*> words) {
        QStringList list;
        for (const char* word : words) {
            list << QString::fromUtf8(word);
        }
        return list;
    }

    static QJsonDocument parseJson(const CliRun& run) {
        QJsonParseError error{};
        QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
        if (error.error != QJsonParseError::NoError) {
            qWarning("not JSON: %s", run.describe().constData());
        }
        return document;
    }

    // A keychain store; `path` written once per map in `versions`, in order.
    static void makeStore(CliHarness& cli) {
        const CliRun init = cli.run(args({"store", "init"}));
        QVERIFY2(init.exitCode == 0, init.describe());
    }
    static void put(CliHarness& cli, const QString& path, const QStringList& pairs) {
        const CliRun run = cli.run(QStringList{QStringLiteral("put"), path} + pairs);
        QVERIFY2(run.exitCode == 0, run.describe());
    }

private Q_SLOTS:
    void keychainStoreStatus() {
        CliHarness cli;
        makeStore(cli);
        const CliRun status = cli.run(args({"store", "status", "--json"}));
        QVERIFY2(status.exitCode == 0, status.describe());
        const QJsonObject object = parseJson(status).object();
        QCOMPARE(object.value(QStringLiteral("protection")).toString(), QStringLiteral("keychain"));
        QCOMPARE(object.value(QStringLiteral("state")).toString(), QStringLiteral("connected"));
        const CliRun connections = cli.run(args({"connections", "--json"}));
        QVERIFY2(connections.exitCode == 0, connections.describe());
        const QJsonArray rows = parseJson(connections).array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("local"));
        QCOMPARE(rows.at(0).toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("connected"));
    }

    void putGetRoundTrip() {
        CliHarness cli;
        makeStore(cli);
        const QByteArray fileValue = "line one\nline two with = and \"quotes\"\n";
        const QString valueFile = cli.writeFile(QStringLiteral("cert.pem"), fileValue);
        const CliRun put =
            cli.run({QStringLiteral("put"), QStringLiteral("/team/api"),
                     QStringLiteral("user=svc-api"), QStringLiteral("token=-"),
                     QStringLiteral("cert=@") + valueFile, QStringLiteral("at=@@home")},
                    "tok-91b2");
        QVERIFY2(put.exitCode == 0, put.describe());
        QVERIFY(put.err.isEmpty());

        CliRun get = cli.run(args({"get", "team/api", "token"}));
        QCOMPARE(get.out, QByteArray("tok-91b2"));
        get = cli.run(args({"get", "team/api", "cert"}));
        QCOMPARE(get.out, fileValue);
        get = cli.run(args({"get", "team/api", "at"}));
        QCOMPARE(get.out, QByteArray("@home"));

        const CliRun json = cli.run(args({"get", "team/api", "--json"}));
        QVERIFY2(json.exitCode == 0, json.describe());
        const QJsonObject object = parseJson(json).object();
        const QJsonObject data = object.value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("user")).toString(), QStringLiteral("svc-api"));
        QCOMPARE(data.value(QStringLiteral("cert")).toString().toUtf8(), fileValue);
        QCOMPARE(object.value(QStringLiteral("path")).toString(), QStringLiteral("team/api"));
        QCOMPARE(object.value(QStringLiteral("version")).toString(), QStringLiteral("1"));
        QVERIFY(json.err.isEmpty());

        // key=value lines: one per key, sorted, the way they were written.
        const CliRun lines = cli.run(args({"get", "team/api"}));
        QVERIFY(lines.outLines().contains(QStringLiteral("user=svc-api")));
        QVERIFY(lines.outLines().contains(QStringLiteral("token=tok-91b2")));
    }

    void stdinJsonAndText() {
        CliHarness cli;
        makeStore(cli);
        CliRun run = cli.run(args({"put", "cfg/json", "--stdin-json"}),
                             R"({"host":"db.internal","port":5432})");
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(cli.run(args({"get", "cfg/json", "host"})).out, QByteArray("db.internal"));
        QCOMPARE(cli.run(args({"get", "cfg/json", "port"})).out, QByteArray("5432"));

        run = cli.run(args({"put", "cfg/bad", "--stdin-json"}), "[1,2,3]");
        QCOMPARE(run.exitCode, Usage);
        QVERIFY(!run.err.contains("1,2,3"));

        const QByteArray text = "-----BEGIN KEY-----\nabc\n-----END KEY-----\n";
        run = cli.run(args({"put", "cfg/key", "--stdin-text"}), text);
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(cli.run(args({"get", "cfg/key"})).out, text);
    }

    void listing() {
        CliHarness cli;
        makeStore(cli);
        const QStringList paths{QStringLiteral("a/one"), QStringLiteral("a/b/two"),
                                QStringLiteral("top")};
        for (const QString& path : paths) {
            put(cli, path, {QStringLiteral("k=v")});
        }
        CliRun root = cli.run(args({"ls"}));
        QVERIFY2(root.exitCode == 0, root.describe());
        QCOMPARE(root.outLines(), (QStringList{QStringLiteral("a/"), QStringLiteral("top")}));

        CliRun recursive = cli.run(args({"ls", "-r", "--json"}));
        QVERIFY2(recursive.exitCode == 0, recursive.describe());
        QStringList secrets;
        for (const auto& entry : parseJson(recursive).array()) {
            if (entry.toObject().value(QStringLiteral("kind")).toString() ==
                QStringLiteral("secret")) {
                secrets << entry.toObject().value(QStringLiteral("path")).toString();
            }
        }
        QStringList expected = paths;
        expected.sort();
        secrets.sort();
        QCOMPARE(secrets, expected);

        const CliRun missing = cli.run(args({"ls", "nope"}));
        QCOMPARE(missing.exitCode, NotFound);

        const CliRun found = cli.run(args({"search", "B", "two"}));
        QVERIFY2(found.exitCode == 0, found.describe());
        QCOMPARE(found.outLines(), QStringList{QStringLiteral("a/b/two")});
        const CliRun under = cli.run(args({"search", "o", "--under", "a/b", "--json"}));
        QVERIFY2(under.exitCode == 0, under.describe());
        QCOMPARE(parseJson(under).array().size(), 1); // a/b/two; not a/one, not top
        const CliRun none = cli.run(args({"search", "absent"}));
        QCOMPARE(none.exitCode, NotFound);
        QVERIFY(none.out.isEmpty());
        const CliRun noWords = cli.run(args({"search"}));
        QCOMPARE(noWords.exitCode, 2);
    }

    void versionsAndDiff() {
        CliHarness cli;
        makeStore(cli);
        put(cli, QStringLiteral("svc"), {QStringLiteral("a=1"), QStringLiteral("b=2")});
        put(cli, QStringLiteral("svc"),
            {QStringLiteral("a=1"), QStringLiteral("b=3"), QStringLiteral("c=4")});
        put(cli, QStringLiteral("svc"), {QStringLiteral("c=4")});

        const CliRun versions = cli.run(args({"versions", "svc", "--json"}));
        QVERIFY2(versions.exitCode == 0, versions.describe());
        const QJsonArray rows = parseJson(versions).array();
        QCOMPARE(rows.size(), 3);
        int current = 0;
        for (const auto& row : rows) {
            const auto marks = row.toObject().value(QStringLiteral("marks")).toArray();
            if (marks.contains(QStringLiteral("current"))) {
                ++current;
                QCOMPARE(row.toObject().value(QStringLiteral("id")).toString(),
                         QStringLiteral("3"));
            }
        }
        QCOMPARE(current, 1);

        const CliRun diff = cli.run(args({"diff", "svc", "1", "2"}));
        QVERIFY2(diff.exitCode == 0, diff.describe());
        QStringList lines = diff.outLines();
        lines.sort();
        // 1 -> 2: b changed, c added, a unchanged (not listed).
        QCOMPARE(lines, (QStringList{QStringLiteral("+ c"), QStringLiteral("~ b")}));
        QVERIFY(!diff.out.contains('3'));

        const CliRun shown = cli.run(args({"diff", "svc", "2", "3", "--show-values"}));
        QVERIFY(shown.outLines().contains(QStringLiteral("- a=1")));
        QVERIFY(shown.outLines().contains(QStringLiteral("- b=3")));

        const CliRun json = cli.run(args({"diff", "svc", "1", "3", "--json"}));
        QVERIFY2(json.exitCode == 0, json.describe());
        QMap<QString, QString> changes;
        for (const auto& change :
             parseJson(json).object().value(QStringLiteral("changes")).toArray()) {
            changes.insert(change.toObject().value(QStringLiteral("key")).toString(),
                           change.toObject().value(QStringLiteral("change")).toString());
            QVERIFY(!change.toObject().contains(QStringLiteral("before")));
        }
        QCOMPARE(changes.value(QStringLiteral("a")), QStringLiteral("removed"));
        QCOMPARE(changes.value(QStringLiteral("b")), QStringLiteral("removed"));
        QCOMPARE(changes.value(QStringLiteral("c")), QStringLiteral("added"));

        QCOMPARE(cli.run(args({"versions", "no/such"})).exitCode, NotFound);
        QCOMPARE(cli.run(args({"get", "no/such"})).exitCode, NotFound);
        QCOMPARE(cli.run(args({"get", "svc", "nokey"})).exitCode, NotFound);
        QCOMPARE(cli.run(args({"get", "svc", "--version", "1", "b"})).out, QByteArray("2"));
    }

    void staleCasIsAConflictAndWritesNothing() {
        CliHarness cli;
        makeStore(cli);
        put(cli, QStringLiteral("svc"), {QStringLiteral("a=1")});
        put(cli, QStringLiteral("svc"), {QStringLiteral("a=2")});
        const CliRun stale = cli.run(args({"put", "svc", "a=lost-update-value", "--cas", "1"}));
        QVERIFY2(stale.exitCode == Conflict, stale.describe());
        QVERIFY(!stale.err.contains("lost-update-value"));
        QCOMPARE(cli.run(args({"get", "svc", "a"})).out, QByteArray("2"));
        QCOMPARE(parseJson(cli.run(args({"versions", "svc", "--json"}))).array().size(), 2);

        const CliRun exists = cli.run(args({"put", "svc", "a=3", "--cas", "0"}));
        QCOMPARE(exists.exitCode, Conflict);
        const CliRun fresh = cli.run(args({"put", "svc", "a=3", "--cas", "2"}));
        QVERIFY2(fresh.exitCode == 0, fresh.describe());
        QCOMPARE(cli.run(args({"get", "svc", "a"})).out, QByteArray("3"));
    }

    void rollbackNeedsYesWithoutTerminal() {
        CliHarness cli;
        makeStore(cli);
        put(cli, QStringLiteral("svc"), {QStringLiteral("a=old")});
        put(cli, QStringLiteral("svc"), {QStringLiteral("a=new"), QStringLiteral("b=x")});
        const CliRun refused = cli.run(args({"rollback", "svc", "1"}));
        QVERIFY2(refused.exitCode == Usage, refused.describe());
        // The preview was shown (keys only) and nothing was written.
        QVERIFY(refused.outLines().contains(QStringLiteral("~ a")));
        QVERIFY(refused.outLines().contains(QStringLiteral("- b")));
        QVERIFY(!refused.out.contains("old"));
        QCOMPARE(cli.run(args({"get", "svc", "a"})).out, QByteArray("new"));

        const CliRun done = cli.run(args({"rollback", "svc", "1", "--yes", "--json"}));
        QVERIFY2(done.exitCode == 0, done.describe());
        QCOMPARE(parseJson(done).object().value(QStringLiteral("version")).toString(),
                 QStringLiteral("3"));
        QCOMPARE(cli.run(args({"get", "svc", "a"})).out, QByteArray("old"));
        QCOMPARE(cli.run(args({"get", "svc", "b"})).exitCode, NotFound);
        QCOMPARE(cli.run(args({"rollback", "svc", "9", "--yes"})).exitCode, NotFound);
    }

    void deleteUndeleteDestroy() {
        CliHarness cli;
        makeStore(cli);
        put(cli, QStringLiteral("team/svc"), {QStringLiteral("a=1")});
        put(cli, QStringLiteral("team/svc"), {QStringLiteral("a=2")});

        CliRun run = cli.run(args({"delete", "team/svc"})); // the current version, 2
        QVERIFY2(run.exitCode == 0, run.describe());
        auto marksOf = [&](const QString& id) {
            for (const auto& row :
                 parseJson(cli.run(args({"versions", "team/svc", "--json"}))).array()) {
                if (row.toObject().value(QStringLiteral("id")).toString() == id) {
                    return row.toObject().value(QStringLiteral("marks")).toVariant().toStringList();
                }
            }
            return QStringList();
        };
        QVERIFY(marksOf(QStringLiteral("2")).contains(QStringLiteral("deleted")));
        QVERIFY(cli.run(args({"get", "team/svc", "--version", "2"})).exitCode != 0);

        run = cli.run(args({"undelete", "team/svc", "2"}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(!marksOf(QStringLiteral("2")).contains(QStringLiteral("deleted")));
        QCOMPARE(cli.run(args({"get", "team/svc", "a"})).out, QByteArray("2"));

        run = cli.run(args({"destroy", "team/svc", "1", "--confirm", "team/svc"}));
        QVERIFY2(run.exitCode == Usage, run.describe()); // the name is "svc", not the path
        run = cli.run(args({"destroy", "team/svc", "1"}));
        QVERIFY2(run.exitCode == Usage, run.describe()); // no terminal to ask
        QVERIFY(!marksOf(QStringLiteral("1")).contains(QStringLiteral("destroyed")));
        QCOMPARE(cli.run(args({"destroy", "team/nope", "1", "--confirm", "nope"})).exitCode,
                 NotFound);

        run = cli.run(args({"destroy", "team/svc", "1", "--confirm", "svc"}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(marksOf(QStringLiteral("1")).contains(QStringLiteral("destroyed")));
        QVERIFY(cli.run(args({"get", "team/svc", "--version", "1"})).exitCode != 0);
    }

    void metadataShowAndEdit() {
        CliHarness cli;
        makeStore(cli);
        put(cli, QStringLiteral("svc"), {QStringLiteral("a=1")});
        CliRun run = cli.run(
            args({"metadata", "svc", "--set-max-versions", "5", "--set-cas-required", "true",
                  "--set-custom", "owner=team-a", "--set-custom", "env=prod", "--json"}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QJsonObject object = parseJson(run).object();
        QCOMPARE(object.value(QStringLiteral("maxVersions")).toInt(), 5);
        QCOMPARE(object.value(QStringLiteral("casRequired")).toBool(), true);
        QCOMPARE(object.value(QStringLiteral("custom")).toObject().value(QStringLiteral("owner")),
                 QJsonValue(QStringLiteral("team-a")));

        run = cli.run(args({"metadata", "svc", "--set-custom", "owner=", "--json"}));
        object = parseJson(run).object();
        QVERIFY(
            !object.value(QStringLiteral("custom")).toObject().contains(QStringLiteral("owner")));
        QVERIFY(object.value(QStringLiteral("custom")).toObject().contains(QStringLiteral("env")));
        QCOMPARE(object.value(QStringLiteral("currentVersion")).toString(), QStringLiteral("1"));

        QCOMPARE(cli.run(args({"metadata", "svc", "--set-cas-required", "maybe"})).exitCode, Usage);
        QCOMPARE(cli.run(args({"metadata", "svc", "--set-custom", "novalue"})).exitCode, Usage);
        QCOMPARE(cli.run(args({"metadata", "nope"})).exitCode, NotFound);
    }

    void demoSeed() {
        CliHarness cli;
        makeStore(cli);
        CliRun run = cli.run(args({"demo", "seed", "--json"}));
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(parseJson(run).object().value(QStringLiteral("seeded")).toBool(), true);
        const CliRun listed = cli.run(args({"ls", "-r"}));
        QVERIFY(listed.outLines().size() >= 3);
        run = cli.run(args({"demo", "seed", "--json"}));
        QCOMPARE(parseJson(run).object().value(QStringLiteral("seeded")).toBool(true), false);
    }

    void valuesNeverOnStderrOrDisk() {
        CliHarness cli;
        makeStore(cli);
        const QByteArray marker = "zz-marker-value-6c0e";
        put(cli, QStringLiteral("svc"), {QStringLiteral("k=") + QString::fromUtf8(marker)});
        const QList<QStringList> commands{args({"get", "svc"}),
                                          args({"get", "svc", "--json"}),
                                          args({"versions", "svc"}),
                                          args({"metadata", "svc"}),
                                          args({"diff", "svc", "1", "1"}),
                                          args({"put", "svc", "k=x", "--cas", "7"}),
                                          args({"rollback", "svc", "1"}),
                                          args({"audit", "log"})};
        for (const QStringList& command : commands) {
            const CliRun run = cli.run(command);
            QVERIFY2(!run.err.contains(marker), run.describe());
        }
        QVERIFY(!cli.allFileContents().contains(marker));
    }
};

QTEST_GUILESS_MAIN(TestCliSecrets)
#include "test_cli_secrets.moc"
