#include "ConflictDialog.h"
#include "DiffView.h"
#include "ErrorLabel.h"
#include "RollbackDialog.h"
#include "Screenshot.h"
#include "TypedConfirmationDialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace strongroom;

namespace {

SecretValue kv(std::initializer_list<std::pair<const char*, const char*>> pairs) {
    std::vector<SecretField> fields;
    for (const auto& [key, value] : pairs) {
        fields.push_back({QString::fromUtf8(key), SecretBytes(std::string_view(value)), false});
    }
    return SecretValue::keyValue(std::move(fields));
}

VersionInfo version(const char* id, VersionMarks marks = {}) {
    VersionInfo info;
    info.id = QString::fromUtf8(id);
    info.marks = marks;
    return info;
}

QStringList keysAndChanges(const DiffView* view) {
    QStringList rows;
    for (int row = 0; row < view->table()->rowCount(); ++row) {
        rows << view->table()->item(row, DiffView::KeyColumn)->text() + QLatin1Char(' ') +
                    view->table()->item(row, DiffView::ChangeColumn)->text();
    }
    return rows;
}

} // namespace

class TestConfirmations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void typedConfirmationNeedsTheExactName() {
        TypedConfirmationDialog dialog("Destroy versions",
                                       "Versions 2 and 3 of app/db will be destroyed for good.",
                                       "app/db", "&Destroy versions");
        dialog.show();
        QVERIFY(!dialog.confirmButton()->isEnabled());
        QTest::keyClicks(dialog.nameField(), "app/DB");
        QVERIFY(!dialog.confirmButton()->isEnabled()); // case matters
        dialog.nameField()->clear();
        QTest::keyClicks(dialog.nameField(), "app/d");
        QVERIFY(!dialog.confirmButton()->isEnabled());
        // Enter does not confirm while the name is incomplete.
        QTest::keyClick(dialog.nameField(), Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        QTest::keyClicks(dialog.nameField(), "b");
        QVERIFY(dialog.confirmButton()->isEnabled());
        QTest::keyClicks(dialog.nameField(), " ");
        QVERIFY(!dialog.confirmButton()->isEnabled()); // a trailing space is not the name
        QTest::keyClick(dialog.nameField(), Qt::Key_Backspace);
        QTest::keyClick(dialog.nameField(), Qt::Key_Return); // now Enter confirms
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void typedConfirmationButtonConfirms() {
        TypedConfirmationDialog dialog("Destroy", "Gone for good.", "ci/token", "Destroy");
        dialog.show();
        QTest::keyClicks(dialog.nameField(), "ci/token");
        QTest::mouseClick(dialog.confirmButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void typedConfirmationEscapeCancels() {
        TypedConfirmationDialog dialog("Delete", "app/db will be deleted.", "app/db", "Delete");
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(dialog.nameField(), "app/db");
        QTest::keyClick(dialog.nameField(), Qt::Key_Escape);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void rollbackPreviewsTheChangeBeforeConfirm() {
        RollbackDialog dialog(nullptr, "app/db", version("1"));
        dialog.show();
        QVERIFY(dialog.windowTitle().contains("Roll back app/db to version 1"));
        QVERIFY(dialog.explanationLabel()->text().contains("new version"));
        QVERIFY(!dialog.confirmButton()->isEnabled()); // no preview yet

        RollbackPreview preview{"3", "1",
                                SecretDiff::between(kv({{"user", "app"}, {"pass", "v3"}}),
                                                    kv({{"user", "app"}, {"pass", "v1"}}))};
        dialog.setPreview(preview);
        QVERIFY(dialog.confirmButton()->isEnabled());
        QCOMPARE(keysAndChanges(dialog.diffView()),
                 (QStringList{"pass ~ changed", "user = unchanged"}));
        saveScreenshot(&dialog, "rollback-dialog");

        QTest::mouseClick(dialog.confirmButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.preview()->currentVersion, QStringLiteral("3"));
    }

    void rollbackToASameValueIsPointless() {
        RollbackDialog dialog(nullptr, "app/db", version("2"));
        dialog.setPreview({"3", "2", SecretDiff::between(kv({{"a", "1"}}), kv({{"a", "1"}}))});
        QVERIFY(!dialog.confirmButton()->isEnabled());
    }

    void rollbackToADeletedVersionExplainsUndelete() {
        RollbackDialog dialog(nullptr, "app/db", version("2", VersionMark::Deleted));
        dialog.show();
        QVERIFY(dialog.explanationLabel()->text().contains("Undelete"));
        dialog.setPreview({"3", "2", SecretDiff::between(kv({{"a", "1"}}), kv({{"a", "2"}}))});
        QVERIFY(!dialog.confirmButton()->isEnabled());
        QVERIFY(!dialog.diffView()->isVisible());
    }

    void rollbackToADestroyedVersionCannotBeConfirmed() {
        RollbackDialog dialog(nullptr, "app/db", version("2", VersionMark::Destroyed));
        dialog.show();
        QVERIFY(dialog.explanationLabel()->text().contains("cannot be restored"));
        QVERIFY(!dialog.confirmButton()->isEnabled());
        saveScreenshot(&dialog, "rollback-destroyed");
    }

    void rollbackPreviewErrorIsShown() {
        RollbackDialog dialog(nullptr, "app/db", version("1"));
        dialog.show();
        dialog.setPreviewError("Permission denied");
        QVERIFY(dialog.errorLabel()->isVisible());
        QVERIFY(dialog.errorLabel()->text().contains("Permission denied"));
        QVERIFY(!dialog.confirmButton()->isEnabled());
    }

    void conflictShowsBothChangesAndReturnsTheChoice_data() {
        QTest::addColumn<bool>("reapply");
        QTest::newRow("re-apply") << true;
        QTest::newRow("discard") << false;
    }
    void conflictShowsBothChangesAndReturnsTheChoice() {
        QFETCH(bool, reapply);
        const SecretValue base = kv({{"user", "app"}, {"pass", "v1"}});
        const SecretValue theirs = kv({{"user", "app"}, {"pass", "v2"}});
        const SecretValue mine = kv({{"user", "app"}, {"pass", "v1"}, {"port", "5432"}});
        ConflictDialog dialog(nullptr, "app/db", "1", "2", SecretDiff::between(base, theirs),
                              SecretDiff::between(base, mine));
        QSignalSpy chosen(&dialog, &ConflictDialog::chosen);
        dialog.show();
        QCOMPARE(keysAndChanges(dialog.theirChangeView()),
                 (QStringList{"pass ~ changed", "user = unchanged"}));
        QCOMPARE(keysAndChanges(dialog.myChangeView()),
                 (QStringList{"pass = unchanged", "port + added", "user = unchanged"}));
        if (reapply) {
            saveScreenshot(&dialog, "conflict-dialog");
        }

        QTest::mouseClick(reapply ? dialog.reapplyButton() : dialog.discardButton(),
                          Qt::LeftButton);
        const auto expected =
            reapply ? ConflictDialog::Choice::ReapplyMine : ConflictDialog::Choice::DiscardMine;
        QCOMPARE(dialog.choice(), expected);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.first().at(0).value<ConflictDialog::Choice>(), expected);
        QVERIFY(!dialog.isVisible());
    }

    void conflictEscapeLeavesItUndecided() {
        const SecretValue base = kv({{"a", "1"}});
        ConflictDialog dialog(nullptr, "app/db", "1", "2",
                              SecretDiff::between(base, kv({{"a", "2"}})),
                              SecretDiff::between(base, kv({{"a", "3"}})));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(dialog.choice(), ConflictDialog::Choice::Undecided);
    }
};

QTEST_MAIN(TestConfirmations)
#include "test_widgets_confirmations.moc"
