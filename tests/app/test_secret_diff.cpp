#include "SecretDiff.h"

#include <QTest>

using namespace strongroom;

namespace {

SecretBytes bytes(const char* text) {
    return SecretBytes(std::string_view(text));
}
std::string str(const SecretBytes& b) {
    return std::string(b.view());
}

SecretValue kv(std::initializer_list<std::pair<const char*, const char*>> plain,
               std::initializer_list<std::pair<const char*, const char*>> json = {}) {
    std::vector<SecretField> fields;
    for (const auto& [key, value] : plain) {
        fields.push_back({QString::fromLatin1(key), bytes(value), false});
    }
    for (const auto& [key, value] : json) {
        fields.push_back({QString::fromLatin1(key), bytes(value), true});
    }
    return SecretValue::keyValue(std::move(fields));
}

} // namespace

class TestSecretDiff : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keyValueChangesSortedByKey() {
        const auto before = kv({{"user", "app"}, {"password", "old-pw"}, {"port", "5432"}});
        const auto after = kv({{"password", "new-pw"}, {"user", "app"}, {"host", "db1"}});
        const auto diff = SecretDiff::between(before, after);
        QCOMPARE(diff.mode(), SecretDiff::Mode::Fields);
        QVERIFY(diff.hasChanges());
        QCOMPARE(diff.fields().size(), std::size_t(4));
        QCOMPARE(diff.fields()[0].key, QStringLiteral("host"));
        QCOMPARE(diff.fields()[0].change, DiffChange::Added);
        QVERIFY(diff.fields()[0].before.isEmpty());
        QCOMPARE(str(diff.fields()[0].after), std::string("db1"));
        QCOMPARE(diff.fields()[1].key, QStringLiteral("password"));
        QCOMPARE(diff.fields()[1].change, DiffChange::Changed);
        QCOMPARE(str(diff.fields()[1].before), std::string("old-pw"));
        QCOMPARE(str(diff.fields()[1].after), std::string("new-pw"));
        QCOMPARE(diff.fields()[2].key, QStringLiteral("port"));
        QCOMPARE(diff.fields()[2].change, DiffChange::Removed);
        QCOMPARE(str(diff.fields()[2].before), std::string("5432"));
        QCOMPARE(diff.fields()[3].key, QStringLiteral("user"));
        QCOMPARE(diff.fields()[3].change, DiffChange::Unchanged);
        QCOMPARE(diff.count(DiffChange::Added), 1);
        QCOMPARE(diff.count(DiffChange::Changed), 1);
        QCOMPARE(diff.count(DiffChange::Removed), 1);
        QCOMPARE(diff.count(DiffChange::Unchanged), 1);
    }

    void identicalValuesHaveNoChanges() {
        const auto value = kv({{"a", "1"}, {"b", "2"}});
        const auto diff = SecretDiff::between(value, value);
        QVERIFY(!diff.hasChanges());
        QCOMPARE(diff.count(DiffChange::Unchanged), 2);
    }

    void nestedJsonIsFlattenedToDottedPaths() {
        const auto before =
            kv({{"name", "primary"}},
               {{"db", R"({"host":"10.0.0.1","port":5432,"tls":{"mode":"require"}})"}});
        const auto after =
            kv({{"name", "primary"}},
               {{"db", R"({"host":"10.0.0.2","port":5432,"tls":{"mode":"require","ca":"x"}})"}});
        const auto diff = SecretDiff::between(before, after);
        QCOMPARE(diff.mode(), SecretDiff::Mode::Fields);
        QStringList keys;
        QList<DiffChange> changes;
        for (const auto& field : diff.fields()) {
            keys << field.key;
            changes << field.change;
        }
        QCOMPARE(keys, (QStringList{"db.host", "db.port", "db.tls.ca", "db.tls.mode", "name"}));
        QCOMPARE(changes,
                 (QList<DiffChange>{DiffChange::Changed, DiffChange::Unchanged, DiffChange::Added,
                                    DiffChange::Unchanged, DiffChange::Unchanged}));
        QCOMPARE(str(diff.fields()[0].before), std::string("10.0.0.1"));
        QCOMPARE(str(diff.fields()[0].after), std::string("10.0.0.2"));
        QCOMPARE(str(diff.fields()[1].after), std::string("5432"));
    }

    void jsonArraysCompareAsOneValue() {
        const auto before = kv({}, {{"hosts", R"(["a","b"])"}});
        const auto after = kv({}, {{"hosts", R"(["a","c"])"}});
        const auto diff = SecretDiff::between(before, after);
        QCOMPARE(diff.fields().size(), std::size_t(1));
        QCOMPARE(diff.fields()[0].key, QStringLiteral("hosts"));
        QCOMPARE(diff.fields()[0].change, DiffChange::Changed);
        QCOMPARE(str(diff.fields()[0].after), std::string(R"(["a","c"])"));
    }

    void textIsDiffedLineByLine() {
        const auto before = SecretValue::text(bytes("line one\nline two\nline three\n"));
        const auto after = SecretValue::text(bytes("line one\nline 2\nline three\nline four"));
        const auto diff = SecretDiff::between(before, after);
        QCOMPARE(diff.mode(), SecretDiff::Mode::Lines);
        const std::vector<std::pair<DiffChange, std::string>> expected{
            {DiffChange::Unchanged, "line one"}, {DiffChange::Removed, "line two"},
            {DiffChange::Added, "line 2"},       {DiffChange::Unchanged, "line three"},
            {DiffChange::Added, "line four"},
        };
        QCOMPARE(diff.lines().size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(diff.lines()[i].change, expected[i].first);
            QCOMPARE(str(diff.lines()[i].line), expected[i].second);
        }
        QCOMPARE(diff.count(DiffChange::Added), 2);
        QCOMPARE(diff.count(DiffChange::Removed), 1);
    }

    void textFromEmptyIsAllAdded() {
        const auto diff =
            SecretDiff::between(SecretValue::text(bytes("")), SecretValue::text(bytes("a\nb")));
        QCOMPARE(diff.lines().size(), std::size_t(2));
        QCOMPARE(diff.count(DiffChange::Added), 2);
    }

    void binaryAndFormatChangesCompareWhole() {
        const auto a = SecretValue::binary(bytes("\x01\x02"));
        const auto b = SecretValue::binary(bytes("\x01\x03"));
        const auto binaryDiff = SecretDiff::between(a, b);
        QCOMPARE(binaryDiff.mode(), SecretDiff::Mode::Whole);
        QCOMPARE(binaryDiff.wholeChange(), DiffChange::Changed);
        QVERIFY(!binaryDiff.formatChanged());
        QCOMPARE(SecretDiff::between(a, a).wholeChange(), DiffChange::Unchanged);

        const auto formatDiff =
            SecretDiff::between(kv({{"k", "v"}}), SecretValue::text(bytes("v")));
        QCOMPARE(formatDiff.mode(), SecretDiff::Mode::Whole);
        QVERIFY(formatDiff.formatChanged());
        QVERIFY(formatDiff.hasChanges());
    }
};

QTEST_GUILESS_MAIN(TestSecretDiff)
#include "test_secret_diff.moc"
