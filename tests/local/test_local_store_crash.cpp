#include "LocalTestKit.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace strongroom;
using namespace localtest;

class TestLocalStoreCrash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void survivesSigkillDuringWrites() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("crash.db"));
        const auto key = SecretBytes::random(32);
        QVERIFY(createStore(file, keychainKey(key)));
        const QString helper =
            QCoreApplication::applicationDirPath() + QStringLiteral("/local_store_writer");
        QVERIFY(QFile::exists(helper));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("STRONGROOM_TEST_STORE_KEY"),
                   QString::fromLatin1(key.toByteArrayUnsafe().toHex()));
        const int kills = 6;
        for (int run = 0; run < kills; ++run) {
            QProcess writer;
            writer.setProcessEnvironment(env);
            writer.start(helper, {file});
            QVERIFY(writer.waitForStarted());
            QVERIFY2(writer.waitForReadyRead(30000), writer.readAllStandardError().constData());
            QCOMPARE(writer.readLine().trimmed(), QByteArray("ready"));
            QTest::qWait(QRandomGenerator::global()->bounded(20, 300));
            writer.kill(); // SIGKILL: no destructors, no checkpoint, no clean close
            QVERIFY(writer.waitForFinished(10000));
            QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        }

        auto store = openStore(file, keychainKey(key));
        QVERIFY(store);
        int total = 0;
        for (int s = 0; s < 4; ++s) {
            const SecretRef ref{QStringLiteral("crash/s%1").arg(s)};
            auto versions = await(store->versions(ref));
            QVERIFY2(versions, qPrintable(ref.path));
            auto metadata = await(store->metadata(ref));
            QVERIFY(metadata);
            QCOMPARE(metadata->currentVersion, QString::number(versions->size()));
            for (int i = 0; i < versions->size(); ++i) {
                const auto& info = versions->at(i);
                QCOMPARE(info.id, QString::number(i + 1)); // contiguous from 1
                auto value = await(store->read(ref, info.id));
                QVERIFY2(value, qPrintable(value ? QString() : value.error().message()));
                QCOMPARE(fieldOf(value, "n"), info.id);
                const QByteArray blob = fieldOf(value, "blob").toLatin1();
                QCOMPARE(blob.size(), 16 * 1024);
                QCOMPARE(fieldOf(value, "digest").toLatin1(),
                         QCryptographicHash::hash(blob, QCryptographicHash::Sha256).toHex());
            }
            total += static_cast<int>(versions->size());
        }
        // Every run committed at least its first write before it was killed.
        QVERIFY2(total >= kills, qPrintable(QString::number(total)));
        qInfo("%d versions survived %d kills", total, kills);
    }
};

QTEST_GUILESS_MAIN(TestLocalStoreCrash)
#include "test_local_store_crash.moc"
