#include "ContractSuite.h"

#include "ContractChecks.h"

#include <QCoreApplication>
#include <QTest>

using namespace strongroom;
using namespace contract;

ContractSuite::ContractSuite(StoreFixture& fixture, QObject* parent)
    : QObject(parent)
    , m_fixture(fixture) {}

ContractSuite::~ContractSuite() = default;

int ContractSuite::run(StoreFixture& fixture, int argc, char** argv) {
    QCoreApplication app(argc, argv);
    ContractSuite suite(fixture);
    return QTest::qExec(&suite, argc, argv);
}

void ContractSuite::initTestCase() {
    // No backend may read or write the developer's own settings, keychain files or caches.
    m_home = std::make_unique<IsolatedHome>();
    QString why;
    QVERIFY2(m_fixture.start(&why), qPrintable(m_fixture.storeName() + QStringLiteral(": ") + why));
}

void ContractSuite::init() {
    m_folder = m_fixture.freshFolder();
    QVERIFY(m_folder.endsWith(QLatin1Char('/')));
    QString why;
    m_backend = m_fixture.open(&why);
    QVERIFY2(m_backend, qPrintable(why));
    QCOMPARE(backend().state(), ConnectionState::Connected);
}

void ContractSuite::cleanup() {
    m_backend.reset();
}

void ContractSuite::cleanupTestCase() {
    m_fixture.stop();
    m_home.reset();
}

bool ContractSuite::claims(Capability capability) const {
    return m_backend->storeCapabilities().can(capability);
}

SecretRef ContractSuite::fresh(const char* name) const {
    return SecretRef{m_folder + QString::fromUtf8(name)};
}

QStringList ContractSuite::putVersions(const SecretRef& ref, const QStringList& texts) {
    QStringList ids;
    QString expected;
    for (const auto& text : texts) {
        auto written = await(backend().write(WriteRequest{ref, textValue(text), expected, {}}));
        if (!written.ok()) {
            qWarning("writing %s to %s failed: %s", qPrintable(text), qPrintable(ref.path),
                     qPrintable(errorText(written)));
            return ids;
        }
        expected = written->newVersion;
        ids << expected;
    }
    return ids;
}

QString ContractSuite::currentText(const SecretRef& ref) {
    return textOf(await(backend().read(ref, {})));
}

QString ContractSuite::textAt(const SecretRef& ref, const QString& version) {
    return textOf(await(backend().read(ref, version)));
}

QList<VersionInfo> ContractSuite::versionsOf(const SecretRef& ref) {
    auto listed = await(backend().versions(ref));
    if (!listed.ok()) {
        qWarning("versions of %s: %s", qPrintable(ref.path), qPrintable(errorText(listed)));
        return {};
    }
    return listed.value();
}

QString ContractSuite::stateOf(const SecretRef& ref) {
    QStringList parts{QStringLiteral("current: ") + currentText(ref)};
    auto listed = await(backend().versions(ref));
    if (!listed.ok()) {
        parts << QStringLiteral("versions: ") + errorText(listed);
        return parts.join(QStringLiteral("; "));
    }
    for (const auto& info : std::as_const(listed.value())) {
        QStringList labels = info.labels;
        labels.sort();
        parts << QStringLiteral("%1 [%2] {%3}")
                     .arg(info.id, markNames(info.marks).join(QLatin1Char(' ')),
                          labels.join(QLatin1Char(' ')));
    }
    return parts.join(QStringLiteral("; "));
}

QList<Entry> ContractSuite::listAll(const QString& folder, int limit, int* pages, QString* error) {
    QList<Entry> all;
    PageRequest request{QString(), limit};
    *pages = 0;
    // A store that hands out the same cursor forever must not hang the suite.
    for (int page = 0; page < 1000; ++page) {
        auto listed = await(backend().list(folder, request, CancelToken()));
        if (!listed.ok()) {
            *error = errorText(listed);
            return all;
        }
        ++*pages;
        all.append(listed->entries);
        if (listed->isLast()) {
            return all;
        }
        request.cursor = listed->nextCursor;
    }
    *error = QStringLiteral("still paging after 1000 pages");
    return all;
}

QStringList ContractSuite::binnedPaths(QString* error) {
    auto listed = await(backend().deletedSecrets(m_folder, CancelToken()));
    if (!listed.ok()) {
        *error = errorText(listed);
        return {};
    }
    auto paths = pathsOf(listed.value());
    paths.sort();
    return paths;
}

bool ContractSuite::expectGap(ContractGap gap) {
    const QString reason = m_fixture.knownGap(gap);
    if (reason.isEmpty()) {
        return false;
    }
    m_gapReason = (m_fixture.storeName() + QStringLiteral(", known gap: ") + reason).toUtf8();
    return QTest::qExpectFail("", m_gapReason.constData(), QTest::Continue, __FILE__, __LINE__);
}
