#include "InitSecretStep.h"

#include "Clipboard.h"
#include "ErrorLabel.h"
#include "RevealTimer.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strongroom {

InitSecretStep::InitSecretStep(AppSettings* settings, Clipboard* clipboard, QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_field(new QLineEdit(this))
    , m_reveal(new QPushButton(tr("&Reveal"), this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_save(new QPushButton(tr("Save to &file…"), this))
    , m_message(new ErrorLabel(this))
    , m_revealTimer(new RevealTimer(settings, this))
    , m_clipboard(clipboard) {
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_field->setReadOnly(true);
    m_field->setEchoMode(QLineEdit::Password);
    m_field->setMinimumWidth(420);
    m_copy->setEnabled(clipboard != nullptr);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_reveal);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_field);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    m_revealTimer->attachButton(m_reveal, tr("&Reveal"), tr("&Hide"));
    connect(m_revealTimer, &RevealTimer::revealedChanged, this, [this](bool revealed) {
        m_field->setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        if (m_clipboard && !m_secret.isEmpty()) {
            m_clipboard->copy(m_secret);
        }
    });
    connect(m_save, &QPushButton::clicked, this, &InitSecretStep::askForFile);
}

InitSecretStep::~InitSecretStep() {
    wipe();
}

void InitSecretStep::present(const QString& title, SecretBytes secret) {
    m_revealTimer->mask();
    m_message->clearMessage();
    m_title->setText(title);
    m_secret = std::move(secret);
    m_field->setText(m_secret.toDisplayString());
    m_field->setCursorPosition(0);
}

void InitSecretStep::wipe() {
    m_revealTimer->mask();
    m_secret.clear();
    m_field->clear();
}

void InitSecretStep::hideEvent(QHideEvent* event) {
    m_revealTimer->mask();
    QWidget::hideEvent(event);
}

void InitSecretStep::askForFile() {
    // Not the static helper: that one runs a nested event loop.
    auto* chooser = new QFileDialog(this, tr("Save %1").arg(m_title->text()));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setObjectName(QStringLiteral("initSecretFileChooser"));
    chooser->setAcceptMode(QFileDialog::AcceptSave);
    chooser->setFileMode(QFileDialog::AnyFile);
    chooser->setOption(QFileDialog::DontUseNativeDialog);
    connect(chooser, &QFileDialog::fileSelected, this, &InitSecretStep::saveTo);
    chooser->open();
}

void InitSecretStep::saveTo(const QString& path) {
    if (path.isEmpty() || m_secret.isEmpty()) {
        return;
    }
    if (const QString problem = writeSecretFile(path, m_secret); !problem.isEmpty()) {
        m_message->showMessage(problem);
        return;
    }
    m_message->clearMessage();
    m_title->setToolTip(tr("Saved to %1").arg(path));
    Q_EMIT savedToFile(path);
}

QString InitSecretStep::writeSecretFile(const QString& path, const SecretBytes& secret) {
    const QByteArray native = QFile::encodeName(path);
    const int fd =
        ::open(native.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        return tr("Cannot create %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    }
    // An existing file keeps its mode on O_TRUNC: make it the owner's alone before writing.
    bool ok = ::fchmod(fd, 0600) == 0;
    std::size_t done = 0;
    while (ok && done < secret.size()) {
        const auto written = ::write(fd, secret.data() + done, secret.size() - done);
        ok = written > 0;
        done += ok ? std::size_t(written) : 0;
    }
    ok = ok && ::write(fd, "\n", 1) == 1 && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    return ok ? QString() : tr("Cannot write %1").arg(path);
}

} // namespace strongroom
