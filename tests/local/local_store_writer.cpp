// Test helper for test_local_store_crash: opens a keychain-protected store and writes new
// versions of four secrets as fast as it can until it is killed. Prints "ready" once the first
// write committed. The 32-byte key comes hex-encoded in STRONGROOM_TEST_STORE_KEY.
#include "LocalTestKit.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMap>

#include <cstdio>

using namespace strongroom;
using namespace localtest;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: local_store_writer <store file>\n");
        return 1;
    }
    QByteArray keyBytes = QByteArray::fromHex(qgetenv("STRONGROOM_TEST_STORE_KEY"));
    auto store =
        openStore(QString::fromLocal8Bit(argv[1]), keychainKey(SecretBytes::takeFrom(keyBytes)));
    if (!store) {
        std::fprintf(stderr, "cannot open the store\n");
        return 2;
    }
    QMap<QString, qint64> latest;
    for (int s = 0; s < 4; ++s) {
        const QString path = QStringLiteral("crash/s%1").arg(s);
        auto metadata = await(store->metadata({path}));
        latest[path] = metadata ? metadata->currentVersion.toLongLong() : 0;
    }
    bool announced = false;
    for (qint64 i = 0;; ++i) {
        const QString path = QStringLiteral("crash/s%1").arg(i % 4);
        const qint64 next = latest[path] + 1;
        // 16 KiB values span several overflow pages, so a kill can land mid-value.
        const QByteArray blob = SecretBytes::random(8 * 1024).toByteArrayUnsafe().toHex();
        SecretValue value;
        value.setField(QStringLiteral("n"), SecretBytes(QByteArray::number(next).toStdString()));
        value.setField(QStringLiteral("blob"), SecretBytes(blob.toStdString()));
        value.setField(
            QStringLiteral("digest"),
            SecretBytes(
                QCryptographicHash::hash(blob, QCryptographicHash::Sha256).toHex().toStdString()));
        auto written = put(*store, path, std::move(value),
                           latest[path] == 0 ? QString() : QString::number(latest[path]));
        if (!written) {
            std::fprintf(stderr, "write failed: %s\n", qPrintable(written.error().message()));
            return 3;
        }
        latest[path] = next;
        if (!announced) {
            std::puts("ready");
            std::fflush(stdout);
            announced = true;
        }
    }
}
