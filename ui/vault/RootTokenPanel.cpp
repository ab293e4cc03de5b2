#include "RootTokenPanel.h"

#include "AppSettings.h"
#include "Clipboard.h"
#include "CredentialStore.h"
#include "RevealTimer.h"
#include "VaultSession.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace strongroom {

namespace {

// What the masked field shows: a fixed string, so the token is not in the widget at all.
const QString kMasked = QStringLiteral("••••••••••••••••••••••••••");

// The window went away with a token nobody chose to keep: revoke it on our own.
QCoro::Task<> revokeDetached(VaultEndpoint endpoint, SecretBytes token) {
    auto session = std::make_unique<VaultSession>(std::move(endpoint));
    session->setToken(std::move(token));
    auto revoking = session->revokeSelf();
    co_await std::move(revoking);
}

} // namespace

RootTokenPanel::RootTokenPanel(AppSettings* settings, CredentialStore* credentials, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_credentials(credentials)
    , m_revealTimer(new RevealTimer(settings, this))
    , m_field(new QLineEdit(this))
    , m_reveal(new QPushButton(tr("Reveal"), this))
    , m_copy(new QPushButton(tr("Copy"), this))
    , m_countdown(new QLabel(this))
    , m_revoke(new QPushButton(tr("Revoke now"), this))
    , m_keep(new QCheckBox(tr("Keep this token (do not revoke it)"), this))
    , m_store(new QPushButton(tr("Store in keychain"), this))
    , m_message(new QLabel(this))
    , m_ticker(new QTimer(this)) {
    m_field->setReadOnly(true);
    m_field->setAccessibleName(tr("New root token"));
    m_field->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_countdown->font();
    bold.setBold(true);
    m_countdown->setFont(bold);

    auto* intro = new QLabel(tr("A new root token was made and decoded here, in memory. It can do "
                                "anything on this server: use it for the emergency, then revoke "
                                "it."),
                             this);
    intro->setWordWrap(true);
    auto* tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_field, 1);
    tokenRow->addWidget(m_reveal);
    tokenRow->addWidget(m_copy);
    auto* actionRow = new QHBoxLayout;
    actionRow->addWidget(m_countdown, 1);
    actionRow->addWidget(m_revoke);
    auto* keepRow = new QHBoxLayout;
    keepRow->addWidget(m_keep, 1);
    keepRow->addWidget(m_store);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(intro);
    layout->addLayout(tokenRow);
    layout->addLayout(actionRow);
    layout->addLayout(keepRow);
    layout->addWidget(m_message);

    m_revealTimer->attachButton(m_reveal);
    connect(m_revealTimer, &RevealTimer::revealedChanged, this, &RootTokenPanel::showToken);
    connect(m_copy, &QPushButton::clicked, this, &RootTokenPanel::copy);
    connect(m_revoke, &QPushButton::clicked, this,
            [this] { revoke(tr("revoked by the operator")); });
    connect(m_keep, &QCheckBox::toggled, this, &RootTokenPanel::keepChanged);
    connect(m_store, &QPushButton::clicked, this, [this] { store(); });
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &RootTokenPanel::tick);
    updateButtons();
}

RootTokenPanel::~RootTokenPanel() {
    if (needsRevocation()) {
        revokeDetached(m_endpoint, std::move(m_token));
    }
    release();
}

void RootTokenPanel::setClipboard(Clipboard* clipboard) {
    m_clipboard = clipboard;
}

bool RootTokenPanel::isKept() const {
    return m_keep->isChecked();
}

QString RootTokenPanel::formatCountdown(int seconds) {
    return QStringLiteral("%1:%2")
        .arg(seconds / 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

void RootTokenPanel::hold(SecretBytes token, VaultEndpoint endpoint, QString keychainName) {
    m_token = std::move(token);
    m_endpoint = std::move(endpoint);
    m_keychainName = std::move(keychainName);
    m_revoked = false;
    m_stored = false;
    {
        const QSignalBlocker quiet(m_keep);
        m_keep->setChecked(false);
    }
    m_secondsLeft = static_cast<int>(m_lifetime.count());
    m_message->clear();
    showToken(false);
    showCountdown();
    m_ticker->start();
    updateButtons();
}

void RootTokenPanel::showCountdown() {
    m_countdown->setText(tr("Revoked automatically in %1").arg(formatCountdown(m_secondsLeft)));
}

void RootTokenPanel::tick() {
    if (!needsRevocation()) {
        m_ticker->stop();
        updateButtons();
        return;
    }
    m_secondsLeft = std::max(0, m_secondsLeft - 1);
    showCountdown();
    if (m_secondsLeft == 0 && !m_busy) {
        m_ticker->stop();
        revoke(tr("revoked when the countdown ended"));
    }
}

void RootTokenPanel::showToken(bool revealed) {
    QString shown = m_field->text();
    wipe(shown);
    if (!holdsToken()) {
        m_field->clear();
        return;
    }
    m_field->setText(revealed ? m_token.toDisplayString() : kMasked);
}

void RootTokenPanel::copy() {
    if (!holdsToken()) {
        return;
    }
    if (!m_clipboard) {
        m_clipboard = new Clipboard(m_settings, this);
    }
    m_clipboard->copy(m_token);
    m_message->setText(tr("Copied; the clipboard is cleared in %1 s if it still holds the token.")
                           .arg(m_clipboard->secondsLeft()));
}

void RootTokenPanel::keepChanged(bool kept) {
    if (kept) {
        m_ticker->stop();
        m_countdown->setText(tr("Kept: it does not expire"));
        m_message->setText(tr("This token will not be revoked. Store it in the keychain as %1, "
                              "or it is forgotten here when this window closes (it keeps "
                              "working on the server: revoke it when the work is done).")
                               .arg(m_keychainName));
    } else {
        m_message->clear();
        showCountdown();
        m_ticker->start();
    }
    updateButtons();
}

void RootTokenPanel::updateButtons() {
    const bool live = holdsToken() && !m_revoked;
    m_reveal->setEnabled(live);
    m_copy->setEnabled(live);
    m_revoke->setEnabled(live && !m_busy);
    m_keep->setEnabled(live && !m_busy && !m_stored);
    m_store->setEnabled(live && !m_busy && isKept() && !m_stored && m_credentials);
}

QCoro::Task<Status> RootTokenPanel::revoke(QString why) {
    QPointer<RootTokenPanel> self(this);
    if (!holdsToken() || m_revoked) {
        co_return Done{};
    }
    if (m_busy) {
        co_return BackendError(BackendError::Kind::Conflict,
                               QStringLiteral("the token is being revoked already"));
    }
    m_busy = true;
    m_ticker->stop();
    updateButtons();
    m_countdown->setText(tr("Revoking…"));
    auto session = std::make_unique<VaultSession>(m_endpoint);
    session->setToken(m_token);
    auto revoking = session->revokeSelf();
    auto revoked = co_await std::move(revoking);
    session.reset();
    if (!self) {
        co_return revoked;
    }
    m_busy = false;
    Q_EMIT stepTaken(QStringLiteral("generate-root-token-revoke"),
                     revoked ? QStringLiteral("ok")
                             : BackendError::kindName(revoked.error().kind()),
                     revoked ? why : tr("%1: %2").arg(why, revoked.error().detail()));
    if (!revoked) {
        m_countdown->setText(tr("Not revoked"));
        m_message->setText(tr("Could not revoke the token: %1. It still works: try Revoke now "
                              "again, or keep it.")
                               .arg(revoked.error().message()));
        updateButtons();
        co_return revoked;
    }
    m_revoked = true;
    release();
    m_countdown->setText(tr("Revoked"));
    m_message->setText(tr("The token is revoked: it no longer works, and it was wiped here."));
    co_return revoked;
}

void RootTokenPanel::release() {
    m_ticker->stop();
    m_revealTimer->mask();
    m_token.clear();
    showToken(false);
    updateButtons();
}

QCoro::Task<> RootTokenPanel::store() {
    QPointer<RootTokenPanel> self(this);
    if (!m_credentials || !holdsToken() || !isKept() || m_busy) {
        co_return;
    }
    m_busy = true;
    updateButtons();
    const QString name = m_keychainName;
    auto writing = m_credentials->write(name, m_token, CredentialStore::Persistence::KeychainOnly);
    auto written = co_await std::move(writing);
    if (!self) {
        co_return;
    }
    m_busy = false;
    m_stored = written.ok();
    Q_EMIT stepTaken(QStringLiteral("generate-root-token-keep"),
                     written ? QStringLiteral("ok")
                             : BackendError::kindName(written.error().kind()),
                     written ? tr("kept in the keychain as %1").arg(name)
                             : tr("the keychain refused it: %1").arg(written.error().detail()));
    m_message->setText(
        written ? tr("Stored in the keychain as %1. It does not expire: revoke it "
                     "(auth/token/revoke-self) when the work is done.")
                      .arg(name)
                : tr("The keychain refused the token: %1").arg(written.error().message()));
    updateButtons();
}

} // namespace strongroom
