#include "ChangeReapply.h"

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

QString text(const SecretValue& value, const char* key) {
    const auto* field = value.field(QString::fromUtf8(key));
    return field ? field->value.toDisplayString() : QStringLiteral("<absent>");
}

} // namespace

class TestChangeReapply : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theirUntouchedKeysSurvive() {
        const auto base = kv({{"user", "app"}, {"pass", "p1"}, {"host", "db1"}});
        const auto mine = kv({{"user", "app"}, {"pass", "p2"}, {"host", "db1"}});
        const auto theirs =
            kv({{"user", "app"}, {"pass", "p1"}, {"host", "db2"}, {"port", "5432"}});
        const auto result = ChangeReapply::onto(base, mine, theirs);
        QCOMPARE(text(result.merged, "pass"), QStringLiteral("p2"));  // my change
        QCOMPARE(text(result.merged, "host"), QStringLiteral("db2")); // their change kept
        QCOMPARE(text(result.merged, "port"), QStringLiteral("5432"));
        QVERIFY(result.overriddenKeys.isEmpty());
    }
    void myAdditionsAndRemovalsApply() {
        const auto base = kv({{"a", "1"}, {"b", "2"}});
        const auto mine = kv({{"a", "1"}, {"c", "3"}});
        const auto theirs = kv({{"a", "9"}, {"b", "2"}});
        const auto result = ChangeReapply::onto(base, mine, theirs);
        QCOMPARE(text(result.merged, "a"), QStringLiteral("9"));
        QCOMPARE(text(result.merged, "b"), QStringLiteral("<absent>"));
        QCOMPARE(text(result.merged, "c"), QStringLiteral("3"));
        QCOMPARE(result.merged.fields().size(), std::size_t(2));
    }
    void bothChangedSameKeyMineWinsAndIsReported() {
        const auto base = kv({{"k", "0"}, {"same", "x"}});
        const auto mine = kv({{"k", "mine"}, {"same", "y"}});
        const auto theirs = kv({{"k", "theirs"}, {"same", "y"}});
        const auto result = ChangeReapply::onto(base, mine, theirs);
        QCOMPARE(text(result.merged, "k"), QStringLiteral("mine"));
        QCOMPARE(result.overriddenKeys, QStringList{QStringLiteral("k")}); // equal edits agree
    }
    void theyRemovedAKeyIChanged() {
        const auto base = kv({{"k", "0"}});
        const auto mine = kv({{"k", "1"}});
        const auto theirs = kv({});
        const auto result = ChangeReapply::onto(base, mine, theirs);
        QCOMPARE(text(result.merged, "k"), QStringLiteral("1"));
        QCOMPARE(result.overriddenKeys, QStringList{QStringLiteral("k")});
    }
    void textValuesReplaceWhole() {
        const auto base = SecretValue::text(SecretBytes(std::string_view("one")));
        const auto mine = SecretValue::text(SecretBytes(std::string_view("two")));
        const auto theirs = SecretValue::text(SecretBytes(std::string_view("three")));
        const auto result = ChangeReapply::onto(base, mine, theirs);
        QVERIFY(result.merged == mine);
    }
};

QTEST_GUILESS_MAIN(TestChangeReapply)
#include "test_change_reapply.moc"
