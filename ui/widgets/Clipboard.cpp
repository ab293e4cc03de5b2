#include "Clipboard.h"

#include "AppSettings.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QMimeData>

namespace strongroom {

const char* const Clipboard::KdePasswordHint = "x-kde-passwordManagerHint";
const char* const Clipboard::MacConcealedType = "application/x-nspasteboard-concealed-type";
const char* const Clipboard::WindowsExcludeFromMonitoring =
    "ExcludeClipboardContentFromMonitorProcessing";

Clipboard::Clipboard(AppSettings* settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings) {
    m_ticker.setInterval(std::chrono::seconds(1));
    m_ticker.setTimerType(Qt::CoarseTimer);
    connect(&m_ticker, &MovableTimer::timeout, this, &Clipboard::tick);
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this,
            &Clipboard::onClipboardChanged);
    connect(qApp, &QCoreApplication::aboutToQuit, this, &Clipboard::clearIfOurs);
}

Clipboard::~Clipboard() {
    // The application object may already be gone at static destruction; only touch the
    // clipboard while it exists.
    if (qApp != nullptr) {
        clearIfOurs();
    }
}

void Clipboard::copy(const SecretBytes& value) {
    // A fresh salt per copy: the hash we keep says nothing about the value on its own.
    m_salt = SecretBytes::random(16);
    QByteArray utf8 = value.toByteArrayUnsafe();
    m_copyHash = hashOf(utf8);

    auto* mime = new QMimeData;
    QString text = QString::fromUtf8(utf8);
    mime->setText(text);
    mime->setData(QString::fromLatin1(KdePasswordHint), QByteArrayLiteral("secret"));
    // macOS and Windows only look at whether these formats are present.
    mime->setData(QString::fromLatin1(MacConcealedType), QByteArrayLiteral("1"));
    mime->setData(QString::fromLatin1(WindowsExcludeFromMonitoring), QByteArrayLiteral("1"));
    wipe(text);
    wipe(utf8);

    QGuiApplication::clipboard()->setMimeData(mime, QClipboard::Clipboard);

    const int delay = m_settings ? m_settings->clipboardClearSeconds() : 0;
    if (delay > 0) {
        m_secondsLeft = delay;
        m_ticker.start();
        Q_EMIT countdown(m_secondsLeft);
    } else {
        stopCountdown();
    }
}

bool Clipboard::holdsOurCopy() const {
    if (m_copyHash.isEmpty()) {
        return false;
    }
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData(QClipboard::Clipboard);
    if (mime == nullptr || !mime->hasText()) {
        return false;
    }
    QString text = mime->text();
    QByteArray utf8 = text.toUtf8();
    const bool ours = hashOf(utf8) == m_copyHash;
    wipe(utf8);
    wipe(text);
    return ours;
}

void Clipboard::clearIfOurs() {
    if (holdsOurCopy()) {
        QGuiApplication::clipboard()->clear(QClipboard::Clipboard);
    }
    m_copyHash.clear();
    stopCountdown();
}

void Clipboard::tick() {
    --m_secondsLeft;
    if (m_secondsLeft <= 0) {
        clearIfOurs();
        return;
    }
    Q_EMIT countdown(m_secondsLeft);
}

void Clipboard::onClipboardChanged() {
    // Someone else's copy replaced ours: nothing left to clear, and the countdown would lie.
    if (m_ticker.isActive() && !holdsOurCopy()) {
        m_copyHash.clear();
        stopCountdown();
    }
}

void Clipboard::stopCountdown() {
    const bool wasCounting = m_ticker.isActive() || m_secondsLeft > 0;
    m_ticker.stop();
    m_secondsLeft = 0;
    if (wasCounting) {
        Q_EMIT countdown(0);
    }
}

QByteArray Clipboard::hashOf(const QByteArray& utf8) const {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView(m_salt.data(), qsizetype(m_salt.size())));
    hash.addData(utf8);
    return hash.result();
}

} // namespace strongroom
