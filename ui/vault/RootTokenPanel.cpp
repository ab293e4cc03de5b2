#include "RootTokenPanel.h"

#include "AppSettings.h"
#include "Clipboard.h"
#include "CredentialStore.h"
#include "NewRootToken.h"
#include "RevealTimer.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace strongroom {

namespace {

// What the masked field shows: a fixed string, so the token is not in the widget at all.
const QString kMasked = QStringLiteral("••••••••••••••••••••••••••");

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
            [this] { revoke(QStringLiteral("revoked by the operator")); });
    connect(m_keep, &QCheckBox::toggled, this, &RootTokenPanel::keepChanged);
    connect(m_store, &QPushButton::clicked, this, [this] { store(); });
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &RootTokenPanel::tick);
    updateButtons();
}

RootTokenPanel::~RootTokenPanel() {
    // The token's fate is NewRootToken's (it revokes one nobody kept); only the field goes here.
    QString shown = m_field->text();
    wipe(shown);
    m_field->clear();
}

void RootTokenPanel::setClipboard(Clipboard* clipboard) {
    m_clipboard = clipboard;
}

bool RootTokenPanel::holdsToken() const {
    return m_token && m_token->holdsToken();
}

bool RootTokenPanel::isKept() const {
    return m_keep->isChecked();
}

bool RootTokenPanel::isStored() const {
    return m_token && m_token->isStored();
}

bool RootTokenPanel::isRevoked() const {
    return m_token && m_token->isRevoked();
}

bool RootTokenPanel::needsRevocation() const {
    return m_token && m_token->needsRevocation();
}

QString RootTokenPanel::formatCountdown(int seconds) {
    return QStringLiteral("%1:%2")
        .arg(seconds / 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

void RootTokenPanel::hold(NewRootToken* token, QString keychainName) {
    m_token = token;
    m_keychainName = std::move(keychainName);
    {
        const QSignalBlocker quiet(m_keep);
        m_keep->setChecked(token->isKept());
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
        revoke(QStringLiteral("revoked when the countdown ended"));
    }
}

void RootTokenPanel::showToken(bool revealed) {
    QString shown = m_field->text();
    wipe(shown);
    if (!holdsToken()) {
        m_field->clear();
        return;
    }
    m_field->setText(revealed ? m_token->token().toDisplayString() : kMasked);
}

void RootTokenPanel::copy() {
    if (!holdsToken()) {
        return;
    }
    if (!m_clipboard) {
        m_clipboard = new Clipboard(m_settings, this);
    }
    m_clipboard->copy(m_token->token());
    m_message->setText(tr("Copied; the clipboard is cleared in %1 s if it still holds the token.")
                           .arg(m_clipboard->secondsLeft()));
}

void RootTokenPanel::keepChanged(bool kept) {
    if (m_token) {
        m_token->setKept(kept);
    }
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
    const bool live = holdsToken() && !isRevoked();
    m_reveal->setEnabled(live);
    m_copy->setEnabled(live);
    m_revoke->setEnabled(live && !m_busy);
    m_keep->setEnabled(live && !m_busy && !isStored());
    m_store->setEnabled(live && !m_busy && isKept() && !isStored() && m_credentials);
}

QCoro::Task<Status> RootTokenPanel::revoke(QString why) {
    QPointer<RootTokenPanel> self(this);
    if (!holdsToken() || isRevoked()) {
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
    auto revoking = m_token->revoke(std::move(why));
    auto revoked = co_await std::move(revoking);
    if (!self) {
        co_return revoked;
    }
    m_busy = false;
    if (!revoked) {
        m_countdown->setText(tr("Not revoked"));
        m_message->setText(tr("Could not revoke the token: %1. It still works: try Revoke now "
                              "again, or keep it.")
                               .arg(revoked.error().message()));
        updateButtons();
        co_return revoked;
    }
    release();
    m_countdown->setText(tr("Revoked"));
    m_message->setText(tr("The token is revoked: it no longer works, and it was wiped here."));
    co_return revoked;
}

void RootTokenPanel::release() {
    m_ticker->stop();
    m_revealTimer->mask();
    if (m_token) {
        m_token->release();
    }
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
    auto writing = m_token->store(m_credentials, name);
    auto written = co_await std::move(writing);
    if (!self) {
        co_return;
    }
    m_busy = false;
    m_message->setText(
        written ? tr("Stored in the keychain as %1. It does not expire: revoke it "
                     "(auth/token/revoke-self) when the work is done.")
                      .arg(name)
                : tr("The keychain refused the token: %1").arg(written.error().message()));
    updateButtons();
}

} // namespace strongroom
