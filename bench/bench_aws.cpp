// AWS Secrets Manager at scale, against a real local moto server: seeds N secrets in the virtual
// folder bench/ (and 50 more in bench/sub/, so it holds a folder too), then prints what an
// operator feels (time to the first page and to the whole folder, through the backend and
// through the tree, the longest UI-thread stall, reading 200 values one after the other, RSS),
// each next to the same work done with boto3 (bench/aws_reference.py, timed inside its own
// process) as the reference. Prints figures; asserts nothing.
// Usage: STRONGROOM_SOURCE_DIR=<repo> bench_aws [--count N]
#include "BenchSupport.h"
#include "MotoServer.h"
#include "SecretsManagerBackend.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <cstdio>

using namespace strongroom;
using namespace strongroom::bench;

namespace {

constexpr int subfolderSecrets = 50;
constexpr int runs = 3;
const QString benchFolder = QStringLiteral("bench/");

QString secretName(int i) {
    return QStringLiteral("bench/app-%1").arg(i, 5, 10, QLatin1Char('0'));
}

// CreateSecret one by one: moto has no batch create.
bool seed(MotoServer& moto, int count) {
    QStringList names;
    for (int i = 0; i < count; ++i) {
        names << secretName(i);
    }
    for (int i = 0; i < subfolderSecrets; ++i) {
        names << QStringLiteral("bench/sub/item-%1").arg(i, 3, 10, QLatin1Char('0'));
    }
    for (const auto& name : names) {
        const auto reply = moto.secretsManager(
            QStringLiteral("CreateSecret"),
            {{"Name", name}, {"SecretString", QStringLiteral("value of ") + name}});
        if (!reply.ok()) {
            std::fprintf(stderr, "seeding %s failed: %s\n", qPrintable(name),
                         qPrintable(moto.lastError()));
            return false;
        }
    }
    return true;
}

double medianOf(const QJsonArray& values) {
    std::vector<double> out;
    for (const auto& value : values) {
        out.push_back(value.toDouble());
    }
    return median(out);
}

// Runs bench/aws_reference.py with the venv's Python (the one moto_server comes from), reading
// `names`; its JSON report, or an empty object on failure.
QJsonObject boto3Reference(const MotoServer& moto, const QStringList& names) {
    QProcess python;
    python.start(QFileInfo(MotoServer::binary()).absolutePath() + QStringLiteral("/python"),
                 {QStringLiteral(STRONGROOM_BENCH_DIR "/aws_reference.py"),
                  QStringLiteral("--endpoint"), moto.address().toString(),
                  QStringLiteral("--folder"), benchFolder, QStringLiteral("--runs"),
                  QString::number(runs), QStringLiteral("--first-rows"),
                  QString::number(PageRequest{}.limit)});
    python.write(names.join(u'\n').toUtf8());
    python.closeWriteChannel();
    python.waitForFinished(600'000);
    const auto report = QJsonDocument::fromJson(python.readAllStandardOutput());
    if (python.exitCode() != 0 || !report.isObject()) {
        std::fprintf(stderr, "boto3 reference failed: %s\n",
                     python.readAllStandardError().constData());
        return {};
    }
    return report.object();
}

// Reads `names` one after the other; the time taken, or a negative value on the first failure.
double readSequentially(SecretsManagerBackend& backend, const QStringList& names) {
    QElapsedTimer clock;
    clock.start();
    for (const auto& name : names) {
        auto value = await(backend.read(SecretRef{name}, QString()));
        if (!value) {
            std::fprintf(stderr, "read of %s failed: %s\n", qPrintable(name),
                         qPrintable(value.error().message()));
            return -1;
        }
    }
    return ms(clock.nsecsElapsed());
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures show as they come, even into a file
    int count = 5000;
    const auto arguments = app.arguments();
    const auto countAt = arguments.indexOf(QStringLiteral("--count"));
    if (countAt > 0 && countAt + 1 < arguments.size()) {
        count = arguments.at(countAt + 1).toInt();
    }
    if (count < 200) {
        std::fprintf(stderr, "usage: bench_aws [--count N], N >= 200\n");
        return 2;
    }
    MotoServer moto;
    if (!moto.start()) {
        std::fprintf(stderr, "cannot start moto_server: %s\n", qPrintable(moto.lastError()));
        return 1;
    }
    std::printf("bench_aws (%s build): local moto_server, %d secrets in %s + %d in %ssub/\n",
                STRONGROOM_BUILD_TYPE, count, qPrintable(benchFolder), subfolderSecrets,
                qPrintable(benchFolder));
    QElapsedTimer seeding;
    seeding.start();
    if (!seed(moto, count)) {
        return 1;
    }
    const double seedSeconds = ms(seeding.nsecsElapsed()) / 1000;
    std::printf("seeded %d secrets in %.1f s (%.0f CreateSecret/s, sequential)\n",
                count + subfolderSecrets, seedSeconds, (count + subfolderSecrets) / seedSeconds);
    const long startKib = rssKib();

    AwsEndpoint endpoint;
    endpoint.region = MotoServer::region();
    endpoint.secretsManagerUrl = moto.address();
    endpoint.stsUrl = moto.address();
    SecretsManagerBackend backend(endpoint);
    backend.setCredentials(
        {MotoServer::accessKeyId(), SecretBytes(MotoServer::secretAccessKey().toStdString()), {}});

    std::vector<double> firstPage;
    std::vector<double> full;
    BackendListing listed;
    for (int run = 0; run < runs; ++run) {
        listed = listInBackend(backend, benchFolder);
        if (!listed.ok) {
            return 1;
        }
        firstPage.push_back(listed.firstPageMs);
        full.push_back(listed.fullMs);
    }

    std::vector<double> treeFirst;
    std::vector<double> treeFull;
    double stall = 0;
    int treeRows = 0;
    for (int run = 0; run < runs; ++run) {
        ConnectionTreeModel model;
        const auto tree = listInModel(backend, benchFolder, model);
        treeFirst.push_back(tree.firstRowsMs);
        treeFull.push_back(tree.fullMs);
        stall = std::max(stall, tree.stallMs);
        treeRows = tree.rows;
    }

    QStringList readNames;
    for (int i = 0; i < 200; ++i) {
        readNames << secretName(i * (count / 200));
    }
    std::vector<double> reads;
    for (int run = 0; run < runs; ++run) {
        reads.push_back(readSequentially(backend, readNames));
        if (reads.back() < 0) {
            return 1;
        }
    }

    const auto reference = boto3Reference(moto, readNames);
    if (reference.isEmpty()) {
        return 1;
    }
    const double boto3List = medianOf(reference.value(QLatin1String("list_ms")).toArray());
    const double boto3First = medianOf(reference.value(QLatin1String("first_rows_ms")).toArray());
    const double boto3Read = medianOf(reference.value(QLatin1String("read_ms")).toArray());

    const int pageRows = PageRequest{}.limit;
    std::printf("list %s, backend only: first page (%d rows) %.0f ms, whole folder %.0f ms (%d "
                "rows in %d pages) | boto3 paginator: first %d secrets %.0f ms, whole folder "
                "%.0f ms (%d secrets in %d pages) | ratio first page %.2fx, whole folder %.2fx "
                "(median of %d)\n",
                qPrintable(benchFolder), pageRows, median(firstPage), median(full), listed.rows,
                listed.pages, pageRows, boto3First, boto3List,
                reference.value(QLatin1String("rows")).toInt(),
                reference.value(QLatin1String("pages")).toInt(), median(firstPage) / boto3First,
                median(full) / boto3List, runs);
    std::printf("list %s, through the tree model: first rows %.0f ms, whole folder %.0f ms (%d "
                "rows), longest UI stall %.1f ms | ratio to boto3 first %.2fx, whole folder "
                "%.2fx (median of %d)\n",
                qPrintable(benchFolder), median(treeFirst), median(treeFull), treeRows, stall,
                median(treeFirst) / boto3First, median(treeFull) / boto3List, runs);
    std::printf("read %lld current values one after the other: Strongroom %.0f ms (%.1f ms "
                "each) | boto3 get_secret_value: %.0f ms | ratio %.2fx (median of %d)\n",
                static_cast<long long>(readNames.size()), median(reads),
                median(reads) / double(readNames.size()), boto3Read, median(reads) / boto3Read,
                runs);

    ConnectionTreeModel kept;
    listInModel(backend, benchFolder, kept);
    std::printf("RSS: %.1f MiB before listing, %.1f MiB with %s loaded in the tree model\n",
                startKib / 1024.0, rssKib() / 1024.0, qPrintable(benchFolder));
    return 0;
}
