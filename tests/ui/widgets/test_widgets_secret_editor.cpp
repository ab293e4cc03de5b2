#include "DiffView.h"
#include "ErrorLabel.h"
#include "FieldRowsEditor.h"
#include "NewSecretDialog.h"
#include "Screenshot.h"
#include "SecretEditorDialog.h"
#include "SecretValueEditor.h"

#include <QApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace strongroom;

namespace {

SecretBytes bytes(const char* text) {
    return SecretBytes(std::string_view(text));
}

SecretValue userAndPass() {
    std::vector<SecretField> fields;
    fields.push_back({"user", bytes("app"), false});
    fields.push_back({"pass", bytes("hunter2"), false});
    return SecretValue::keyValue(std::move(fields));
}

QString fieldText(const SecretValue& value, const char* key) {
    const SecretField* field = value.field(QString::fromUtf8(key));
    return field ? field->value.toDisplayString() : QStringLiteral("<missing>");
}

void retype(QLineEdit* edit, const QString& text) {
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace

class TestSecretEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void valuesAreMaskedAndShowTogglesOneRow() {
        SecretEditorDialog dialog(nullptr, "app/db", "3", userAndPass());
        dialog.show();
        FieldRowsEditor* rows = dialog.editor()->rows();
        QCOMPARE(rows->rowCount(), 2);
        // Fields come sorted by key: pass, user.
        QCOMPARE(rows->keyEditor(0)->text(), QStringLiteral("pass"));
        QCOMPARE(rows->valueEditor(0)->echoMode(), QLineEdit::Password);
        QTest::mouseClick(rows->revealButton(0), Qt::LeftButton);
        QCOMPARE(rows->valueEditor(0)->echoMode(), QLineEdit::Normal);
        QCOMPARE(rows->valueEditor(1)->echoMode(), QLineEdit::Password);
    }

    void saveNeedsAReviewOfTheChange() {
        SecretEditorDialog dialog(nullptr, "app/db", "3", userAndPass());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.saveButton()->isEnabled());

        FieldRowsEditor* rows = dialog.editor()->rows();
        retype(rows->valueEditor(0), "correct-horse");
        QTest::mouseClick(rows->addButton(), Qt::LeftButton);
        QCOMPARE(rows->rowCount(), 3);
        QTest::keyClicks(rows->keyEditor(2), "port");
        QTest::keyClicks(rows->valueEditor(2), "5432");
        QVERIFY(!dialog.saveButton()->isEnabled());

        QTest::mouseClick(dialog.reviewButton(), Qt::LeftButton);
        QVERIFY(dialog.diffView()->isVisible());
        QTableWidget* table = dialog.diffView()->table();
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(0, DiffView::KeyColumn)->text(), QStringLiteral("pass"));
        QCOMPARE(table->item(0, DiffView::ChangeColumn)->text(), QStringLiteral("~ changed"));
        QCOMPARE(table->item(1, DiffView::KeyColumn)->text(), QStringLiteral("port"));
        QCOMPARE(table->item(1, DiffView::ChangeColumn)->text(), QStringLiteral("+ added"));
        QCOMPARE(table->item(2, DiffView::ChangeColumn)->text(), QStringLiteral("= unchanged"));
        QVERIFY(dialog.saveButton()->isEnabled());
        saveScreenshot(&dialog, "secret-editor-with-diff");

        // Editing after the review takes it back.
        QTest::keyClicks(rows->valueEditor(2), "0");
        QVERIFY(!dialog.saveButton()->isEnabled());
        QVERIFY(!dialog.diffView()->isVisible());

        QTest::mouseClick(dialog.reviewButton(), Qt::LeftButton);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const SecretValue& saved = dialog.editedValue();
        QCOMPARE(fieldText(saved, "pass"), QStringLiteral("correct-horse"));
        QCOMPARE(fieldText(saved, "port"), QStringLiteral("54320"));
        QCOMPARE(fieldText(saved, "user"), QStringLiteral("app"));
        QCOMPARE(dialog.baseVersion(), QStringLiteral("3"));
    }

    void reviewWithoutChangesKeepsSaveDisabled() {
        SecretEditorDialog dialog(nullptr, "app/db", "3", userAndPass());
        dialog.show();
        QTest::mouseClick(dialog.reviewButton(), Qt::LeftButton);
        QVERIFY(!dialog.saveButton()->isEnabled());
    }

    void removingAKeyShowsAsRemoved() {
        SecretEditorDialog dialog(nullptr, "app/db", "3", userAndPass());
        dialog.show();
        QTest::mouseClick(dialog.editor()->rows()->removeButton(1), Qt::LeftButton);
        QCOMPARE(dialog.editor()->rows()->rowCount(), 1);
        QTest::mouseClick(dialog.reviewButton(), Qt::LeftButton);
        QTableWidget* table = dialog.diffView()->table();
        QCOMPARE(table->item(1, DiffView::KeyColumn)->text(), QStringLiteral("user"));
        QCOMPARE(table->item(1, DiffView::ChangeColumn)->text(), QStringLiteral("- removed"));
        QVERIFY(dialog.editedValue().field("user") == nullptr);
    }

    void duplicateOrEmptyKeysAreRefused() {
        SecretEditorDialog dialog(nullptr, "app/db", "3", userAndPass());
        dialog.show();
        retype(dialog.editor()->rows()->keyEditor(0), "user");
        QTest::mouseClick(dialog.reviewButton(), Qt::LeftButton);
        QVERIFY(!dialog.saveButton()->isEnabled());
        QVERIFY(dialog.errorLabel()->isVisible());
        QVERIFY(dialog.errorLabel()->text().contains("twice"));

        retype(dialog.editor()->rows()->keyEditor(0), "");
        QTest::mouseClick(dialog.reviewButton(), Qt::LeftButton);
        QVERIFY(dialog.errorLabel()->text().contains("empty"));
        QVERIFY(!dialog.saveButton()->isEnabled());
    }

    void jsonModeRoundTripsAndRejectsNonObjects() {
        SecretEditorDialog dialog(nullptr, "app/db", "3", userAndPass());
        dialog.show();
        SecretValueEditor* editor = dialog.editor();
        QTest::mouseClick(editor->jsonChoice(), Qt::LeftButton);
        QCOMPARE(editor->mode(), SecretValueEditor::Mode::Json);
        QVERIFY(editor->rawEditor()->toPlainText().contains("\"user\": \"app\""));

        editor->rawEditor()->setPlainText(R"({"user": "app", "pass": "hunter2", "tls": true})");
        QTest::mouseClick(dialog.reviewButton(), Qt::LeftButton);
        QVERIFY(dialog.saveButton()->isEnabled());
        QCOMPARE(dialog.diffView()->table()->item(1, DiffView::KeyColumn)->text(),
                 QStringLiteral("tls"));
        QVERIFY(dialog.editedValue().field("tls")->json);

        editor->rawEditor()->setPlainText(R"(["not", "an", "object"])");
        QVERIFY(!dialog.saveButton()->isEnabled());
        QTest::mouseClick(editor->tableChoice(), Qt::LeftButton);
        QCOMPARE(editor->mode(), SecretValueEditor::Mode::Json); // refused, stays in JSON
        QVERIFY(dialog.errorLabel()->text().contains("object"));

        editor->rawEditor()->setPlainText(R"({"only": "one"})");
        QTest::mouseClick(editor->tableChoice(), Qt::LeftButton);
        QCOMPARE(editor->mode(), SecretValueEditor::Mode::Table);
        QCOMPARE(editor->rows()->rowCount(), 1);
        QCOMPARE(editor->rows()->keyEditor(0)->text(), QStringLiteral("only"));
    }

    void textSecretsAreEditedAsText() {
        SecretEditorDialog dialog(nullptr, "ci/token", "1", SecretValue::text(bytes("abc\n")));
        dialog.show();
        QCOMPARE(dialog.editor()->mode(), SecretValueEditor::Mode::Text);
        QVERIFY(!dialog.editor()->tableChoice()->isVisible());
        dialog.editor()->rawEditor()->setPlainText("abc\ndef\n");
        QTest::mouseClick(dialog.reviewButton(), Qt::LeftButton);
        QVERIFY(dialog.saveButton()->isEnabled());
        QCOMPARE(dialog.editedValue().format(), SecretValue::Format::Text);
        QCOMPARE(dialog.editedValue().blob().toDisplayString(), QStringLiteral("abc\ndef\n"));
    }

    void binarySecretsCannotBeReviewed() {
        SecretEditorDialog dialog(nullptr, "bin", "1", SecretValue::binary(bytes("\x01\x02")));
        dialog.show();
        QVERIFY(!dialog.reviewButton()->isEnabled());
        QVERIFY(!dialog.saveButton()->isEnabled());
    }

    void pathValidation_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << "app/db" << true;
        QTest::newRow("one segment") << "token" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("leading slash") << "/app/db" << false;
        QTest::newRow("trailing slash") << "app/" << false;
        QTest::newRow("double slash") << "app//db" << false;
        QTest::newRow("dot dot") << "app/../db" << false;
        QTest::newRow("padded segment") << "app/ db" << false;
        QTest::newRow("control char") << "app/d\tb" << false;
    }
    void pathValidation() {
        QFETCH(QString, path);
        QFETCH(bool, valid);
        QCOMPARE(NewSecretDialog::pathProblem(path).isEmpty(), valid);
    }

    void newSecretNeedsAValidPathAndKey() {
        NewSecretDialog dialog("app/");
        dialog.show();
        QVERIFY(!dialog.createButton()->isEnabled());
        QVERIFY(!dialog.errorLabel()->isVisible()); // a pre-filled folder is not an error yet

        QTest::keyClicks(dialog.pathField(), "db");
        QVERIFY(!dialog.createButton()->isEnabled()); // the first row has no key yet
        FieldRowsEditor* rows = dialog.editor()->rows();
        QTest::keyClicks(rows->keyEditor(0), "user");
        QTest::keyClicks(rows->valueEditor(0), "app");
        QVERIFY(dialog.createButton()->isEnabled());

        QTest::keyClicks(dialog.pathField(), "/");
        QVERIFY(!dialog.createButton()->isEnabled());
        QVERIFY(dialog.errorLabel()->isVisible());
        QTest::keyClick(dialog.pathField(), Qt::Key_Backspace);

        QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.path(), QStringLiteral("app/db"));
        QCOMPARE(fieldText(dialog.value(), "user"), QStringLiteral("app"));
    }

    void escapeCancels() {
        SecretEditorDialog dialog(nullptr, "app/db", "3", userAndPass());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.isVisible());
    }
};

QTEST_MAIN(TestSecretEditor)
#include "test_widgets_secret_editor.moc"
