#pragma once

#include "MovableTimer.h"
#include "SecretBytes.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

namespace strongroom {

class AppSettings;

// Puts secret values on the system clipboard the careful way: marked for clipboard managers as a
// password (so history tools skip it), cleared after AppSettings::clipboardClearSeconds, on lock
// and on quit - but only while the clipboard still holds our copy, so whatever the operator
// copied since is left alone. To recognise our copy we keep a salted hash, never the value.
class Clipboard : public QObject {
    Q_OBJECT
public:
    explicit Clipboard(AppSettings* settings, QObject* parent = nullptr);
    // Quitting clears our copy too.
    ~Clipboard() override;

    void copy(const SecretBytes& value);
    // True while the system clipboard holds the value of the last copy().
    bool holdsOurCopy() const;
    // Seconds until the automatic clear, 0 when none is pending.
    int secondsLeft() const { return m_secondsLeft; }
    // The once-a-second countdown (tests freeze and advance it).
    MovableTimer* countdownTimer() { return &m_ticker; }

    // MIME types clipboard managers look at to skip passwords (KDE Klipper, macOS pasteboard
    // managers, Windows clipboard history).
    static const char* const KdePasswordHint;
    static const char* const MacConcealedType;
    static const char* const WindowsExcludeFromMonitoring;

public Q_SLOTS:
    // For lock and quit: clears the clipboard now if it still holds our copy.
    void clearIfOurs();

Q_SIGNALS:
    // Every second while a clear is pending, then 0 once the clipboard was cleared or the
    // operator replaced our copy. For the status bar.
    void countdown(int secondsLeft);

private:
    void tick();
    void onClipboardChanged();
    void stopCountdown();
    QByteArray hashOf(const QByteArray& utf8) const;

    QPointer<AppSettings> m_settings;
    MovableTimer m_ticker;
    int m_secondsLeft = 0;
    SecretBytes m_salt;
    QByteArray m_copyHash; // empty when we have nothing on the clipboard
};

} // namespace strongroom
