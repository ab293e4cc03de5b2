#include "DiffModel.h"
#include "SecretFieldsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace strongroom;

namespace {

SecretValue kv(std::initializer_list<std::pair<const char*, const char*>> fields) {
    SecretValue value;
    for (const auto& [key, text] : fields) {
        value.setField(QString::fromUtf8(key), SecretBytes(std::string_view(text)));
    }
    return value;
}

QString cell(const QAbstractItemModel& model, int row, int column) {
    return model.index(row, column).data().toString();
}

const QString masked = QStringLiteral("••••••");

} // namespace

class TestValueModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fieldsAreMaskedUntilRevealed() {
        SecretFieldsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setValue(kv({{"user", "admin"}, {"pass", "hunter2"}}));
        QCOMPARE(model.rowCount(), 2);
        // Sorted by key: pass, user.
        QCOMPARE(cell(model, 0, 0), QStringLiteral("pass"));
        QCOMPARE(cell(model, 1, 0), QStringLiteral("user"));
        QCOMPARE(cell(model, 0, 1), masked);
        QCOMPARE(cell(model, 1, 1), masked);

        model.setRevealTimeout(std::chrono::milliseconds(150));
        QSignalSpy changes(&model, &SecretFieldsModel::revealedChanged);
        model.reveal(0);
        QCOMPARE(cell(model, 0, 1), QStringLiteral("hunter2"));
        QCOMPARE(cell(model, 1, 1), masked); // only the row asked for
        QVERIFY(model.index(0, 0).data(SecretFieldsModel::RevealedRole).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, 0, 1), masked, 2000);
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.at(1).at(1).toBool(), false);
    }

    void clearDropsTheValue() {
        SecretFieldsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setValue(kv({{"token", "abc"}}));
        model.reveal(0);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.hasValue());
        QVERIFY(model.bytesAt(0) == nullptr);
        QVERIFY(!model.isRevealed(0));
    }

    void textAndBinaryAreOneRow() {
        SecretFieldsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setValue(SecretValue::text(SecretBytes(std::string_view("line one"))));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, 0), QStringLiteral("(text)"));
        model.reveal(0);
        QCOMPARE(cell(model, 0, 1), QStringLiteral("line one"));
        const char raw[] = {'\x01', '\xff'};
        model.setValue(SecretValue::binary(SecretBytes(raw, 2)));
        QCOMPARE(cell(model, 0, 1), masked); // a new value starts masked
        model.reveal(0);
        QCOMPARE(cell(model, 0, 1), QStringLiteral("01 ff"));
    }

    void diffRowsCarryKindsAndMaskedValues() {
        DiffModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setValues(kv({{"user", "a"}, {"pass", "old"}, {"gone", "x"}}),
                        kv({{"user", "a"}, {"pass", "new"}, {"host", "h"}}));
        QCOMPARE(model.rowCount(), 4);
        QStringList rows;
        for (int row = 0; row < model.rowCount(); ++row) {
            rows << cell(model, row, DiffModel::KeyColumn) + QLatin1Char(':') +
                        cell(model, row, DiffModel::ChangeColumn);
        }
        QCOMPARE(rows,
                 (QStringList{QStringLiteral("gone:removed"), QStringLiteral("host:added"),
                              QStringLiteral("pass:changed"), QStringLiteral("user:unchanged")}));
        // pass: both sides masked, then shown on reveal.
        QCOMPARE(cell(model, 2, DiffModel::OldColumn), masked);
        QCOMPARE(cell(model, 2, DiffModel::NewColumn), masked);
        model.reveal(2);
        QCOMPARE(cell(model, 2, DiffModel::OldColumn), QStringLiteral("old"));
        QCOMPARE(cell(model, 2, DiffModel::NewColumn), QStringLiteral("new"));
        // An added key has no old side, a removed key no new side.
        QCOMPARE(cell(model, 1, DiffModel::OldColumn), QString());
        QCOMPARE(cell(model, 0, DiffModel::NewColumn), QString());
        model.hideAll();
        QCOMPARE(cell(model, 2, DiffModel::NewColumn), masked);
    }

    void formatChangeIsOneWholeRow() {
        DiffModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setValues(kv({{"k", "v"}}),
                        SecretValue::text(SecretBytes(std::string_view("plain"))));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, DiffModel::ChangeColumn), QStringLiteral("changed"));
        model.reveal(0);
        QCOMPARE(cell(model, 0, DiffModel::NewColumn), QStringLiteral("plain"));
        QCOMPARE(cell(model, 0, DiffModel::OldColumn), QStringLiteral(R"({"k":"v"})"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestValueModels)
#include "test_value_models.moc"
