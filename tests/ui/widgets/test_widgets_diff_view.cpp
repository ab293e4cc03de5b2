#include "DiffView.h"
#include "RevealTimer.h"
#include "SecretDiff.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QTableWidget>
#include <QTest>

using namespace strongroom;
using namespace std::chrono_literals;

namespace {

SecretBytes bytes(const char* text) {
    return SecretBytes(std::string_view(text));
}

SecretValue kv(std::initializer_list<std::pair<const char*, const char*>> pairs) {
    std::vector<SecretField> fields;
    for (const auto& [key, value] : pairs) {
        fields.push_back({QString::fromUtf8(key), bytes(value), false});
    }
    return SecretValue::keyValue(std::move(fields));
}

// The table as the operator reads it, one "key|change|old|new" string per visible row.
QStringList visibleRows(const DiffView& view) {
    QStringList rows;
    const QTableWidget* table = view.table();
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->isRowHidden(row)) {
            continue;
        }
        QStringList cells;
        for (int column = 0; column < table->columnCount(); ++column) {
            cells << table->item(row, column)->text();
        }
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

const QString M = QStringLiteral("••••••••");

} // namespace

class TestDiffView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsEveryKeyMaskedWithChangeMarkers() {
        DiffView view(nullptr);
        view.show();
        view.setDiff(SecretDiff::between(kv({{"host", "db1"}, {"pass", "old"}, {"gone", "x"}}),
                                         kv({{"host", "db1"}, {"pass", "new"}, {"port", "5432"}})));
        QCOMPARE(visibleRows(view), (QStringList{
                                        "gone|- removed|" + M + "|",
                                        "host|= unchanged|" + M + "|" + M,
                                        "pass|~ changed|" + M + "|" + M,
                                        "port|+ added||" + M,
                                    }));
        QVERIFY(view.summaryLabel()->text().contains("1 added"));
        QVERIFY(view.summaryLabel()->text().contains("1 removed"));
        QVERIFY(view.summaryLabel()->text().contains("1 changed"));
        // Changed rows are tinted, unchanged ones are not.
        QVERIFY(view.table()->item(2, 0)->background().style() != Qt::NoBrush);
        QCOMPARE(view.table()->item(1, 0)->background().style(), Qt::NoBrush);
    }

    void revealShowsValuesAndTheTimerMasksThemAgain() {
        DiffView view(nullptr);
        view.revealTimer()->setTimeout(300ms);
        view.revealTimer()->maskTimer()->freeze(); // the test moves the clock
        view.show();
        view.setDiff(SecretDiff::between(kv({{"pass", "old-pw"}}), kv({{"pass", "new-pw"}})));
        QTest::mouseClick(view.revealToggle(), Qt::LeftButton);
        QVERIFY(view.revealToggle()->isChecked());
        QCOMPARE(visibleRows(view), QStringList{"pass|~ changed|old-pw|new-pw"});

        view.revealTimer()->maskTimer()->advance(299ms);
        QCOMPARE(visibleRows(view), QStringList{"pass|~ changed|old-pw|new-pw"});
        view.revealTimer()->maskTimer()->advance(1ms);
        QCOMPARE(visibleRows(view), QStringList{"pass|~ changed|" + M + "|" + M});
        QVERIFY(!view.revealToggle()->isChecked());
    }

    void hidingTheViewMasksValues() {
        DiffView view(nullptr);
        view.show();
        view.setDiff(SecretDiff::between(kv({{"a", "1"}}), kv({{"a", "2"}})));
        view.setRevealed(true);
        QCOMPARE(view.table()->item(0, DiffView::NewColumn)->text(), QStringLiteral("2"));
        view.hide();
        QCOMPARE(view.table()->item(0, DiffView::NewColumn)->text(), M);
    }

    void hideUnchangedKeepsOnlyChanges() {
        DiffView view(nullptr);
        view.show();
        view.setDiff(SecretDiff::between(kv({{"a", "1"}, {"b", "2"}, {"c", "3"}}),
                                         kv({{"a", "1"}, {"b", "9"}, {"c", "3"}})));
        QCOMPARE(visibleRows(view).size(), 3);
        QTest::mouseClick(view.hideUnchangedToggle(), Qt::LeftButton);
        QCOMPARE(visibleRows(view), QStringList{"b|~ changed|" + M + "|" + M});
        QTest::mouseClick(view.hideUnchangedToggle(), Qt::LeftButton);
        QCOMPARE(visibleRows(view).size(), 3);
    }

    void nestedJsonShowsDottedPaths() {
        std::vector<SecretField> before;
        before.push_back({"db", bytes(R"({"host":"a","port":5432})"), true});
        std::vector<SecretField> after;
        after.push_back({"db", bytes(R"({"host":"b","port":5432})"), true});
        DiffView view(nullptr);
        view.show();
        view.setDiff(SecretDiff::between(SecretValue::keyValue(std::move(before)),
                                         SecretValue::keyValue(std::move(after))));
        view.setRevealed(true);
        QCOMPARE(visibleRows(view),
                 (QStringList{"db.host|~ changed|a|b", "db.port|= unchanged|5432|5432"}));
    }

    void textValuesShowAsLineDiff() {
        DiffView view(nullptr);
        view.show();
        view.setDiff(SecretDiff::between(SecretValue::text(bytes("one\ntwo\nthree")),
                                         SecretValue::text(bytes("one\n2\nthree\nfour"))));
        view.setRevealed(true);
        QCOMPARE(view.table()->horizontalHeaderItem(DiffView::KeyColumn)->text(),
                 QStringLiteral("Line"));
        QCOMPARE(visibleRows(view), (QStringList{
                                        "1|= unchanged|one|one",
                                        "2|- removed|two|",
                                        "2|+ added||2",
                                        "3|= unchanged|three|three",
                                        "4|+ added||four",
                                    }));
    }

    void identicalValuesSayNoChanges() {
        DiffView view(nullptr);
        view.setDiff(SecretDiff::between(kv({{"a", "1"}}), kv({{"a", "1"}})));
        QCOMPARE(view.summaryLabel()->text(), QStringLiteral("No changes."));
    }

    void tintsWorkOnADarkPalette() {
        DiffView view(nullptr);
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::Base, QColor(20, 20, 20));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        view.setPalette(dark);
        view.setDiff(SecretDiff::between(kv({{"a", "1"}}), kv({{"a", "2"}})));
        const QColor tint = view.table()->item(0, 0)->background().color();
        // Still a dark background, so the light text stays readable.
        QVERIFY2(tint.lightness() < 90, qPrintable(tint.name()));
        QVERIFY(tint != QColor(20, 20, 20));
    }

    void clearDropsEverything() {
        DiffView view(nullptr);
        view.setDiff(SecretDiff::between(kv({{"a", "1"}}), kv({{"a", "2"}})));
        view.clear();
        QCOMPARE(view.table()->rowCount(), 0);
        QCOMPARE(view.summaryLabel()->text(), QString());
    }
};

QTEST_MAIN(TestDiffView)
#include "test_widgets_diff_view.moc"
