#include "AuditLog.h"
#include "AuditLogViewer.h"
#include "Await.h"
#include "ErrorLabel.h"
#include "IsolatedHome.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace strongroom;

namespace {

AuditRecord record(const char* path, const char* action, const char* result = "ok") {
    AuditRecord r;
    r.connection = QStringLiteral("local");
    r.path = QString::fromUtf8(path);
    r.action = QString::fromUtf8(action);
    r.versions = {QStringLiteral("1")};
    r.result = QString::fromUtf8(result);
    return r;
}

QStringList column(const QSortFilterProxyModel* model, int column) {
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row) {
        values << model->index(row, column).data().toString();
    }
    return values;
}

} // namespace

class TestAuditLogViewer : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<IsolatedHome> m_home;
    std::unique_ptr<AuditLog> m_log;

private Q_SLOTS:
    void init() {
        m_home = std::make_unique<IsolatedHome>();
        m_log = std::make_unique<AuditLog>(m_home->stateDir() + "/audit.jsonl");
        QVERIFY(await(m_log->append(record("app/db", "write"))).ok());
        QVERIFY(await(m_log->append(record("app/db", "reveal"))).ok());
        QVERIFY(await(m_log->append(record("ci/token", "rollback", "Conflict"))).ok());
    }
    void cleanup() {
        m_log.reset();
        m_home.reset();
    }

    void listsRecentEntriesNewestFirst() {
        AuditLogViewer viewer(m_log.get());
        viewer.show();
        QTRY_COMPARE(viewer.filteredEntries()->rowCount(), 3);
        QCOMPARE(column(viewer.filteredEntries(), AuditLogViewer::ActionColumn),
                 (QStringList{"rollback", "reveal", "write"}));
        QCOMPARE(column(viewer.filteredEntries(), AuditLogViewer::ResultColumn),
                 (QStringList{"Conflict", "ok", "ok"}));
        QCOMPARE(column(viewer.filteredEntries(), AuditLogViewer::ActorColumn).first(),
                 AuditLog::currentActor());
    }

    void filterNarrowsTheTable() {
        AuditLogViewer viewer(m_log.get());
        viewer.show();
        QTRY_COMPARE(viewer.filteredEntries()->rowCount(), 3);
        QTest::keyClicks(viewer.filterField(), "CI/TOK");
        QCOMPARE(column(viewer.filteredEntries(), AuditLogViewer::PathColumn),
                 QStringList{"ci/token"});
        viewer.filterField()->clear();
        QCOMPARE(viewer.filteredEntries()->rowCount(), 3);
    }

    void newEntriesAppearLive() {
        AuditLogViewer viewer(m_log.get());
        QTRY_COMPARE(viewer.filteredEntries()->rowCount(), 3);
        QVERIFY(await(m_log->append(record("app/new", "write"))).ok());
        QTRY_COMPARE(viewer.filteredEntries()->rowCount(), 4);
        QCOMPARE(column(viewer.filteredEntries(), AuditLogViewer::PathColumn).first(),
                 QStringLiteral("app/new"));
    }

    void verifyReportsAnIntactChain() {
        AuditLogViewer viewer(m_log.get());
        QSignalSpy verified(&viewer, &AuditLogViewer::verified);
        viewer.show();
        QTest::mouseClick(viewer.verifyButton(), Qt::LeftButton);
        QTRY_COMPARE(verified.count(), 1); // may finish at once
        QVERIFY(viewer.verificationLabel()->text().contains("intact"));
        QVERIFY(viewer.verificationLabel()->text().contains("3"));
        QVERIFY(viewer.verifyButton()->isEnabled());
    }

    void verifyReportsAnEditedLine() {
        // Change the action of line 2 behind the log's back.
        QFile file(m_log->filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray content = file.readAll();
        file.close();
        const qsizetype at = content.indexOf("\"reveal\"");
        QVERIFY(at > 0);
        content.replace(at, 8, "\"revea1\"");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();

        AuditLogViewer viewer(m_log.get());
        QSignalSpy verified(&viewer, &AuditLogViewer::verified);
        viewer.show();
        viewer.verifyChain();
        QTRY_COMPARE(verified.count(), 1); // may finish at once
        const auto result = verified.first().at(0).value<AuditVerification>();
        QVERIFY(!result.ok());
        auto* error = viewer.findChild<ErrorLabel*>();
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("line %1").arg(result.brokenLine)),
                 qPrintable(error->text()));
    }
};

QTEST_MAIN(TestAuditLogViewer)
#include "test_widgets_audit_log_viewer.moc"
