#include "SecretValue.h"

#include <QTest>

using namespace strongroom;

class TestSecretValue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonObjectBecomesSortedKeyValue() {
        auto value = SecretValue::fromJsonOrText(
            SecretBytes(std::string_view(R"({"user":"app","pass":"x","nested":{"a":1}})")));
        QCOMPARE(value.format(), SecretValue::Format::KeyValue);
        QCOMPARE(value.fields().size(), std::size_t(3));
        QCOMPARE(value.fields()[0].key, QStringLiteral("nested"));
        QVERIFY(value.fields()[0].json);
        QCOMPARE(value.fields()[0].value.toDisplayString(), QStringLiteral(R"({"a":1})"));
        QCOMPARE(value.field(QStringLiteral("user"))->value.toDisplayString(),
                 QStringLiteral("app"));
        QVERIFY(!value.field(QStringLiteral("user"))->json);
    }
    void nonObjectJsonIsText() {
        for (const char* raw : {"[1,2]", "\"str\"", "plain words", "", "{broken"}) {
            auto value = SecretValue::fromJsonOrText(SecretBytes(std::string_view(raw)));
            QCOMPARE(value.format(), SecretValue::Format::Text);
            QCOMPARE(value.blob().toDisplayString(), QString::fromUtf8(raw));
        }
    }
    void serializeRoundTrips() {
        SecretValue value;
        value.setField(QStringLiteral("b"), SecretBytes(std::string_view("two")));
        value.setField(QStringLiteral("a"), SecretBytes(std::string_view("[1,2]")), true);
        value.setField(QStringLiteral("quote"), SecretBytes(std::string_view("say \"hi\"\n")));
        const auto bytes = value.serialize();
        auto back = SecretValue::deserialize(SecretValue::Format::KeyValue, bytes);
        QVERIFY(back.has_value());
        QVERIFY(*back == value);
        QCOMPARE(back->fields()[0].key, QStringLiteral("a"));
    }
    void deserializeRejectsNonObjectForKeyValue() {
        QVERIFY(!SecretValue::deserialize(SecretValue::Format::KeyValue,
                                          SecretBytes(std::string_view("nope")))
                     .has_value());
    }
    void setFieldReplacesAndRemoveWorks() {
        SecretValue value;
        value.setField(QStringLiteral("k"), SecretBytes(std::string_view("1")));
        value.setField(QStringLiteral("k"), SecretBytes(std::string_view("2")));
        QCOMPARE(value.fields().size(), std::size_t(1));
        QCOMPARE(value.field(QStringLiteral("k"))->value.toDisplayString(), QStringLiteral("2"));
        QVERIFY(value.removeField(QStringLiteral("k")));
        QVERIFY(!value.removeField(QStringLiteral("k")));
        QVERIFY(value.isEmpty());
    }
    void binaryKeepsBytes() {
        const char raw[] = {'\0', '\x01', '\xff'};
        auto value = SecretValue::binary(SecretBytes(raw, 3));
        QCOMPARE(value.serialize().size(), std::size_t(3));
        QCOMPARE(value.format(), SecretValue::Format::Binary);
    }
};

QTEST_GUILESS_MAIN(TestSecretValue)
#include "test_secret_value.moc"
