// Local store at scale: seeds N secrets in one folder (default 100k), then measures what an
// operator feels: opening the store, first rows and full listing of the folder, reading one
// secret, and memory after listing. The reference is the same listing done by Python's sqlite3
// module straight on the file (no decryption, no paging, no Qt): the floor any SQLite-backed
// store can reach. Prints figures; asserts nothing.
#include "LocalStore.h"

#include <QCoreApplication>
#include <QCoroTask>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUuid>

#include <cstdio>

using namespace strongroom;

namespace {

long rssKib() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const auto& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toLong();
        }
    }
    return -1;
}

double ms(const QElapsedTimer& timer) {
    return double(timer.nsecsElapsed()) / 1e6;
}

LocalUnlock keychainKey(const SecretBytes& kek) {
    return {LocalKeyProtection::Keychain, kek};
}

QCoro::Task<int> seed(LocalStore& store, int count) {
    constexpr int InFlight = 64;
    int next = 0;
    while (next < count) {
        std::vector<QCoro::Task<Result<WriteResult>>> batch;
        for (int i = 0; i < InFlight && next < count; ++i, ++next) {
            SecretValue value;
            value.setField(QStringLiteral("user"), SecretBytes(std::string_view("svc")));
            value.setField(QStringLiteral("password"),
                           SecretBytes(QUuid::createUuid().toByteArray().toStdString()));
            batch.push_back(store.write(
                {SecretRef{QStringLiteral("bench/secret-%1").arg(next, 6, 10, QLatin1Char('0'))},
                 std::move(value), QString(), QString()}));
        }
        for (auto& task : batch) {
            auto result = co_await std::move(task);
            if (!result) {
                std::fprintf(stderr, "seed failed: %s\n", qPrintable(result.error().message()));
                co_return 1;
            }
        }
    }
    co_return 0;
}

QCoro::Task<int> run(int count) {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("bench.strongroom"));
    const SecretBytes kek = SecretBytes::random(32);
    {
        auto creating = LocalStore::create(file, keychainKey(kek));
        auto created = co_await std::move(creating);
        if (!created) {
            std::fprintf(stderr, "create failed: %s\n", qPrintable(created.error().message()));
            co_return 1;
        }
        QElapsedTimer seeding;
        seeding.start();
        if (co_await seed(*created.value(), count) != 0) {
            co_return 1;
        }
        std::printf("seed %d secrets: %.0f ms (%.0f writes/s, one fsync'd transaction each)\n",
                    count, ms(seeding), count / (ms(seeding) / 1000.0));
    }

    QElapsedTimer timer;
    timer.start();
    auto opening = LocalStore::open(file, keychainKey(kek));
    auto opened = co_await std::move(opening);
    if (!opened) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(opened.error().message()));
        co_return 1;
    }
    auto& store = *opened.value();
    const double openMs = ms(timer);
    auto listingRoot = store.list(QString(), PageRequest{}, CancelToken());
    auto root = co_await std::move(listingRoot);
    const double rootMs = ms(timer);
    std::printf("open store + list root: %.1f ms (open %.1f ms, %lld root entries)\n", rootMs,
                openMs, static_cast<long long>(root ? root->entries.size() : -1));

    timer.restart();
    double firstPageMs = -1;
    qsizetype listed = 0;
    PageRequest page{QString(), 1000};
    while (true) {
        auto listing = store.list(QStringLiteral("bench/"), page, CancelToken());
        auto result = co_await std::move(listing);
        if (!result) {
            std::fprintf(stderr, "list failed: %s\n", qPrintable(result.error().message()));
            co_return 1;
        }
        if (firstPageMs < 0) {
            firstPageMs = ms(timer);
        }
        listed += result->entries.size();
        if (result->isLast()) {
            break;
        }
        page.cursor = result->nextCursor;
    }
    const double fullMs = ms(timer);
    std::printf("list folder of %lld: first page %.1f ms, full listing %.1f ms\n",
                static_cast<long long>(listed), firstPageMs, fullMs);
    std::printf("RSS after listing: %.1f MiB\n", rssKib() / 1024.0);

    constexpr int Reads = 200;
    timer.restart();
    for (int i = 0; i < Reads; ++i) {
        // GCC 12 destroys temporaries inside a co_await expression twice: build the task first.
        auto reading = store.read(
            SecretRef{
                QStringLiteral("bench/secret-%1").arg((i * 7919) % count, 6, 10, QLatin1Char('0'))},
            QString());
        auto value = co_await std::move(reading);
        if (!value) {
            std::fprintf(stderr, "read failed: %s\n", qPrintable(value.error().message()));
            co_return 1;
        }
    }
    std::printf("read one secret (decrypt): %.3f ms average over %d\n", ms(timer) / Reads, Reads);

    QProcess reference;
    const QString script =
        QStringLiteral("import sqlite3,sys,time\n"
                       "t=time.perf_counter()\n"
                       "db=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro',uri=True)\n"
                       "rows=db.execute(\"SELECT name FROM secrets WHERE folder='bench/' ORDER BY "
                       "name\").fetchall()\n"
                       "print(len(rows), (time.perf_counter()-t)*1000)\n");
    reference.start(QStringLiteral("python3"), {QStringLiteral("-c"), script, file});
    reference.waitForFinished(120000); // a benchmark's own process, not application code
    const auto parts = QString::fromUtf8(reference.readAllStandardOutput()).split(QLatin1Char(' '));
    if (parts.size() == 2) {
        const double refMs = parts[1].toDouble();
        std::printf("reference (python3 sqlite3, same file, one query): %.1f ms for %s rows\n",
                    refMs, qPrintable(parts[0].trimmed()));
        std::printf("ratio strongroom/reference for the full listing: %.2fx\n", fullMs / refMs);
    } else {
        std::printf("reference unavailable: %s\n", reference.readAllStandardError().constData());
    }
    co_return 0;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 100000;
    int exitCode = 1;
    QCoro::connect(run(count), &app, [&](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    });
    app.exec();
    return exitCode;
}
