#include "EnvelopeCipher.h"
#include "KeyWrap.h"

#include <QTest>

using namespace strongroom;

namespace {

SecretBytes keyFromHex(const char* hex) {
    QByteArray raw = QByteArray::fromHex(hex);
    return SecretBytes::takeFrom(raw);
}

KdfParams cheapKdf(const char* salt) {
    KdfParams params;
    params.iterations = 1;
    params.memoryKiB = 1024;
    params.salt = QByteArray(salt);
    return params;
}

} // namespace

class TestEnvelopeCipher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // AES-256-GCM test case 16 of McGrew & Viega, "The Galois/Counter Mode of Operation":
    // proves the blob layout (nonce || ciphertext || tag) and the cipher against outside data.
    void opensPublishedTestVector() {
        const auto key =
            keyFromHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        const QByteArray sealed = QByteArray::fromHex(
            "cafebabefacedbaddecaf888"
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b0"
            "8b1056828838c5f61e6393ba7a0abcc9f662"
            "76fc6ece0f4e1768cddf8853bb2d551b");
        const QByteArray aad = QByteArray::fromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        auto plain = EnvelopeCipher::open(key, sealed, aad);
        QVERIFY(plain.has_value());
        QCOMPARE(plain->toByteArrayUnsafe().toHex(),
                 QByteArray("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                            "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"));
    }
    void sealsWithFreshNonceAndRoundTrips() {
        const auto key = SecretBytes::random(32);
        const QByteArray aad("context");
        auto first = EnvelopeCipher::seal(key, "the value", aad);
        auto second = EnvelopeCipher::seal(key, "the value", aad);
        QVERIFY(first && second);
        QCOMPARE(first->size(), 12 + 9 + 16);
        QVERIFY(first->left(12) != second->left(12));
        QVERIFY(*first != *second);
        QVERIFY(!first->contains("the value"));
        auto opened = EnvelopeCipher::open(key, *second, aad);
        QVERIFY(opened.has_value());
        QCOMPARE(opened->toDisplayString(), QStringLiteral("the value"));
    }
    void everyAlteredByteIsRejected() {
        const auto key = SecretBytes::random(32);
        const QByteArray aad("context");
        const QByteArray sealed = *EnvelopeCipher::seal(key, "0123456789", aad);
        for (qsizetype i = 0; i < sealed.size(); ++i) {
            QByteArray altered = sealed;
            altered[i] = static_cast<char>(altered[i] ^ 0x01);
            QVERIFY2(!EnvelopeCipher::open(key, altered, aad).has_value(),
                     qPrintable(QStringLiteral("byte %1").arg(i)));
        }
        QVERIFY(!EnvelopeCipher::open(key, sealed.left(sealed.size() - 1), aad).has_value());
        QVERIFY(!EnvelopeCipher::open(key, sealed.left(27), aad).has_value());
    }
    void wrongKeyOrContextIsRejected() {
        const auto key = SecretBytes::random(32);
        const QByteArray storeId(16, 'S');
        const auto context = [&](const char* path, qint64 version) {
            return EnvelopeCipher::valueContext(storeId, QString::fromLatin1(path), version,
                                                QStringLiteral("key-value"), QString());
        };
        const QByteArray sealed = *EnvelopeCipher::seal(key, "v", context("team/db", 3));
        QVERIFY(EnvelopeCipher::open(key, sealed, context("team/db", 3)).has_value());
        QVERIFY(!EnvelopeCipher::open(key, sealed, context("team/db", 4)).has_value());
        QVERIFY(!EnvelopeCipher::open(key, sealed, context("team/dc", 3)).has_value());
        QVERIFY(!EnvelopeCipher::open(SecretBytes::random(32), sealed, context("team/db", 3))
                     .has_value());
        const QByteArray otherStore = EnvelopeCipher::valueContext(
            QByteArray(16, 'T'), QStringLiteral("team/db"), 3, QStringLiteral("key-value"), {});
        QVERIFY(!EnvelopeCipher::open(key, sealed, otherStore).has_value());
        const QByteArray asText = EnvelopeCipher::valueContext(storeId, QStringLiteral("team/db"),
                                                               3, QStringLiteral("text"), {});
        QVERIFY(!EnvelopeCipher::open(key, sealed, asText).has_value());
    }
    void contextFieldsCannotBeShifted() {
        const QByteArray id(16, 'S');
        QVERIFY(
            EnvelopeCipher::valueContext(id, QStringLiteral("ab"), 1, QStringLiteral("c"), {}) !=
            EnvelopeCipher::valueContext(id, QStringLiteral("a"), 1, QStringLiteral("bc"), {}));
    }
    void rejectsKeysOfWrongSize() {
        QVERIFY(!EnvelopeCipher::seal(SecretBytes::random(16), "v", {}).has_value());
    }
    void kekDependsOnPassphraseAndSalt() {
        const SecretBytes pass(std::string_view("correct horse"));
        auto a = KeyWrap::deriveKek(pass, cheapKdf("saltsaltsaltsalt"));
        auto b = KeyWrap::deriveKek(pass, cheapKdf("saltsaltsaltsalt"));
        auto otherSalt = KeyWrap::deriveKek(pass, cheapKdf("SALTSALTSALTSALT"));
        auto otherPass = KeyWrap::deriveKek(SecretBytes(std::string_view("correct horsf")),
                                            cheapKdf("saltsaltsaltsalt"));
        QVERIFY(a && b && otherSalt && otherPass);
        QCOMPARE(a->size(), std::size_t(32));
        QVERIFY(a.value() == b.value());
        QVERIFY(!(a.value() == otherSalt.value()));
        QVERIFY(!(a.value() == otherPass.value()));
    }
    void kdfRejectsHostileParameters() {
        const SecretBytes pass(std::string_view("p"));
        KdfParams huge = cheapKdf("saltsaltsaltsalt");
        huge.memoryKiB = 64u * 1024 * 1024; // 64 GiB
        QVERIFY(!KeyWrap::deriveKek(pass, huge));
        KdfParams noSalt = cheapKdf("");
        QVERIFY(!KeyWrap::deriveKek(pass, noSalt));
        QVERIFY(!KeyWrap::deriveKek(SecretBytes(), cheapKdf("saltsaltsaltsalt")));
    }
    void wrapBindsKekAndStoreId() {
        const auto dataKey = SecretBytes::random(32);
        const auto kek = SecretBytes::random(32);
        const QByteArray storeId(16, 'A');
        auto wrapped = KeyWrap::wrap(dataKey, kek, storeId);
        QVERIFY(wrapped.has_value());
        QVERIFY(!wrapped->contains(dataKey.toByteArrayUnsafe()));
        auto back = KeyWrap::unwrap(*wrapped, kek, storeId);
        QVERIFY(back.has_value());
        QVERIFY(*back == dataKey);
        QVERIFY(!KeyWrap::unwrap(*wrapped, SecretBytes::random(32), storeId).has_value());
        QVERIFY(!KeyWrap::unwrap(*wrapped, kek, QByteArray(16, 'B')).has_value());
    }
};

QTEST_GUILESS_MAIN(TestEnvelopeCipher)
#include "test_envelope_cipher.moc"
