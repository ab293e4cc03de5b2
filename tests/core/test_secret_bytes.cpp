#include "SecretBytes.h"

#include <QTest>

using strongroom::SecretBytes;

class TestSecretBytes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void copiesAreIndependent() {
        SecretBytes a(std::string_view("hunter2"));
        SecretBytes b = a;
        a.clear();
        QVERIFY(a.isEmpty());
        QCOMPARE(b.toDisplayString(), QStringLiteral("hunter2"));
    }
    void moveLeavesSourceEmpty() {
        SecretBytes a(std::string_view("s3cr3t"));
        SecretBytes b = std::move(a);
        QCOMPARE(a.size(),
                 std::size_t(0)); // NOLINT(bugprone-use-after-move): asserting the contract
        QCOMPARE(b.toDisplayString(), QStringLiteral("s3cr3t"));
    }
    void takeFromWipesTheSource() {
        QByteArray source("token-value");
        const char* before = source.constData();
        Q_UNUSED(before);
        SecretBytes taken = SecretBytes::takeFrom(source);
        QVERIFY(source.isEmpty());
        QCOMPARE(taken.toDisplayString(), QStringLiteral("token-value"));

        QString text = QStringLiteral("päss");
        SecretBytes fromText = SecretBytes::takeFrom(text);
        QVERIFY(text.isEmpty());
        QCOMPARE(fromText.toDisplayString(), QStringLiteral("päss"));
    }
    void wipeOverwritesSharedBufferOnlyForThisCopy() {
        QByteArray original("abc");
        QByteArray shared = original; // implicitly shared
        strongroom::wipe(shared);
        QVERIFY(shared.isEmpty());
        QCOMPARE(original, QByteArray("abc"));
    }
    void equalityIsByContent() {
        QVERIFY(SecretBytes(std::string_view("a")) == SecretBytes(std::string_view("a")));
        QVERIFY(!(SecretBytes(std::string_view("a")) == SecretBytes(std::string_view("b"))));
        QVERIFY(!(SecretBytes(std::string_view("a")) == SecretBytes(std::string_view("ab"))));
        QVERIFY(SecretBytes() == SecretBytes());
    }
    void appendGrows() {
        SecretBytes a(std::string_view("ab"));
        a.append("cd");
        QCOMPARE(a.toDisplayString(), QStringLiteral("abcd"));
    }
    void randomHasRequestedSizeAndDiffers() {
        auto a = SecretBytes::random(32);
        auto b = SecretBytes::random(32);
        QCOMPARE(a.size(), std::size_t(32));
        QVERIFY(!(a == b));
    }
};

QTEST_GUILESS_MAIN(TestSecretBytes)
#include "test_secret_bytes.moc"
