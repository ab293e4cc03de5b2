#include "RotationDialog.h"

#include "DialogAnswers.h"
#include "ErrorLabel.h"
#include "OperatorWorkflow.h"
#include "RotationService.h"
#include "RotationSettingsEditor.h"
#include "SecretService.h"
#include "Workspace.h"

#include <QDialogButtonBox>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace strongroom {

namespace {
QString when(const QDateTime& time, const QString& otherwise) {
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : otherwise;
}

QString rotatedBy(const RotationInfo& rotation) {
    const QString name = rotation.rotatorName;
    switch (rotation.rotator) {
    case RotationInfo::Rotator::None:
        return RotationDialog::tr("nothing");
    case RotationInfo::Rotator::Function:
        return name.isEmpty() ? RotationDialog::tr("a function")
                              : RotationDialog::tr("the function %1").arg(name);
    case RotationInfo::Rotator::Notification:
        return name.isEmpty() ? RotationDialog::tr("a notification: the client adds the value")
                              : RotationDialog::tr("notifications to %1").arg(name);
    case RotationInfo::Rotator::DatabaseRole:
        return name.isEmpty() ? RotationDialog::tr("a database role")
                              : RotationDialog::tr("the database role %1").arg(name);
    case RotationInfo::Rotator::GeneratedValue:
        return RotationDialog::tr("a generated value");
    }
    return {};
}

QString stateText(RotationInfo::State state) {
    switch (state) {
    case RotationInfo::State::Idle:
        return RotationDialog::tr("idle");
    case RotationInfo::State::InProgress:
        return RotationDialog::tr("in progress");
    case RotationInfo::State::Stuck:
        return RotationDialog::tr("stuck");
    }
    return {};
}

QCoro::Task<Status> notOpen() {
    co_return BackendError(BackendError::Kind::InvalidInput,
                           RotationDialog::tr("the connection is not open"));
}

QCoro::Task<Result<QString>> notOpenValue() {
    co_return BackendError(BackendError::Kind::InvalidInput,
                           RotationDialog::tr("the connection is not open"));
}
} // namespace

RotationDialog::RotationDialog(Workspace* workspace, QString connectionId, QString path,
                               RotationSettingsEditor* form, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_connectionId(std::move(connectionId))
    , m_path(std::move(path))
    , m_steps(new OperatorWorkflow(this, this))
    , m_status(new QLabel(this))
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_clearStuck(new QPushButton(tr("&Clear stuck rotation…"), m_banner))
    , m_rotateNow(new QPushButton(tr("&Rotate now"), this))
    , m_result(new QLabel(this))
    , m_settingsGroup(new QGroupBox(tr("Settings"), this))
    , m_form(form)
    , m_save(new QPushButton(tr("Save &settings"), m_settingsGroup))
    , m_turnOff(new QPushButton(tr("&Turn off rotation…"), m_settingsGroup))
    , m_error(new ErrorLabel(this)) {
    setWindowTitle(tr("Rotation — %1").arg(m_path));
    auto* heading = new QLabel(tr("<b>Rotation of %1</b>").arg(m_path.toHtmlEscaped()), this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_status->setText(tr("Loading…"));

    // The banner stands out in any theme: the palette's highlight around it, bold text.
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setObjectName(QStringLiteral("stuckRotationBanner"));
    m_banner->setStyleSheet(
        QStringLiteral("#stuckRotationBanner { border: 2px solid palette(highlight); "
                       "border-radius: 4px; }"));
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::PlainText);
    QFont bold = m_bannerText->font();
    bold.setBold(true);
    m_bannerText->setFont(bold);
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_clearStuck);
    m_banner->setVisible(false);

    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* rotateRow = new QHBoxLayout;
    rotateRow->addWidget(m_rotateNow);
    rotateRow->addWidget(m_result, 1);

    m_save->setToolTip(tr("Save the schedule and who rotates, without rotating now"));
    auto* settingsLayout = new QVBoxLayout(m_settingsGroup);
    if (m_form) {
        m_form->setParent(m_settingsGroup);
        settingsLayout->addWidget(m_form);
        connect(m_form, &RotationSettingsEditor::edited, this, [this] { setBusy(m_busy); });
    }
    auto* settingsButtons = new QHBoxLayout;
    settingsButtons->addWidget(m_turnOff);
    settingsButtons->addStretch(1);
    settingsButtons->addWidget(m_save);
    settingsLayout->addLayout(settingsButtons);
    // A store without a settings form only shows and rotates.
    m_settingsGroup->setVisible(m_form != nullptr);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_status);
    layout->addWidget(m_banner);
    layout->addLayout(rotateRow);
    layout->addWidget(m_settingsGroup);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(600);

    connect(m_steps, &OperatorWorkflow::done, m_result, &QLabel::setText);
    connect(m_steps, &OperatorWorkflow::failed, m_error, &ErrorLabel::showMessage);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_rotateNow, &QPushButton::clicked, this, [this] { rotateNow(); });
    connect(m_clearStuck, &QPushButton::clicked, this, [this] { clearStuck(); });
    connect(m_save, &QPushButton::clicked, this, [this] { saveSettings(); });
    connect(m_turnOff, &QPushButton::clicked, this, [this] { turnOff(); });
    setBusy(true);
    refresh();
}

void RotationDialog::refresh() {
    load();
}

void RotationDialog::setBusy(bool busy) {
    m_busy = busy;
    const auto offer = [this, busy](QPushButton* button, Capability capability, bool extra) {
        button->setEnabled(!busy && m_loaded && m_capabilities.can(capability) && extra);
        button->setToolTip(m_loaded ? m_capabilities.whyNot(capability) : QString());
    };
    const bool enabled = m_rotation && m_rotation->enabled;
    offer(m_rotateNow, Capability::Rotate, true);
    offer(m_clearStuck, Capability::ClearStuckRotation, true);
    offer(m_save, Capability::ConfigureRotation, m_form && m_form->isComplete());
    offer(m_turnOff, Capability::ConfigureRotation, enabled);
    if (m_form) {
        m_form->setBusy(busy || !m_loaded || !m_capabilities.can(Capability::ConfigureRotation));
    }
}

void RotationDialog::display() {
    if (!m_rotation) {
        m_status->setText(m_capabilities.can(Capability::RotationStatus)
                              ? tr("Could not read how %1 rotates.").arg(m_path)
                              : tr("This store does not say how %1 rotates.").arg(m_path));
        m_banner->setVisible(false);
        return;
    }
    const RotationInfo& rotation = *m_rotation;
    m_status->setText(tr("Rotation: %1\nSchedule: %2\nRotated by: %3\nLast rotated: %4\n"
                         "Next rotation: %5\nState: %6")
                          .arg(rotation.enabled ? tr("enabled") : tr("disabled"),
                               rotation.schedule.isEmpty() ? tr("none") : rotation.schedule,
                               rotatedBy(rotation), when(rotation.lastRotated, tr("never")),
                               when(rotation.nextRotation, tr("none")), stateText(rotation.state)));
    const bool stuck = rotation.state == RotationInfo::State::Stuck;
    m_banner->setVisible(stuck);
    if (stuck) {
        m_bannerText->setText(
            tr("Rotation stuck: %1. The next rotation fails until this is cleared.")
                .arg(rotation.stuckReason.isEmpty() ? tr("a rotation did not finish")
                                                    : rotation.stuckReason));
    }
    if (m_form) {
        m_form->showSettings(rotation);
    }
    // The banner came after the dialog was sized: make room for it.
    if (const QSize wanted = sizeHint(); wanted.height() > height()) {
        resize(width(), wanted.height());
    }
}

QCoro::Task<> RotationDialog::load() {
    QPointer<RotationDialog> self(this);
    Connection* connection = m_workspace ? m_workspace->connection(m_connectionId) : nullptr;
    if (!connection) {
        m_status->setText(tr("The connection is not open."));
        co_return;
    }
    setBusy(true);
    const SecretRef ref{m_path};
    auto checking = m_workspace->secrets()->capabilities(connection, ref);
    auto capabilities = co_await std::move(checking);
    if (!self) {
        co_return;
    }
    connection = m_workspace ? m_workspace->connection(m_connectionId) : nullptr;
    if (!capabilities.ok() || !connection) {
        m_loaded = false;
        m_status->setText(tr("Could not check what this credential may do."));
        if (!capabilities.ok()) {
            m_error->showMessage(capabilities.error().message());
        }
        setBusy(false);
        co_return;
    }
    m_capabilities = capabilities.value();
    m_rotation.reset();
    if (m_capabilities.can(Capability::RotationStatus)) {
        auto describing = m_workspace->rotations()->rotation(connection, ref);
        auto described = co_await std::move(describing);
        if (!self) {
            co_return;
        }
        if (described.ok()) {
            m_rotation = described.value();
        } else {
            m_error->showMessage(described.error().message());
        }
    }
    m_loaded = true;
    display();
    setBusy(false);
}

QCoro::Task<bool> RotationDialog::afterCall(QCoro::Task<bool> calling) {
    QPointer<RotationDialog> self(this);
    m_error->clearMessage();
    setBusy(true);
    const bool changedStore = co_await std::move(calling);
    if (!self) {
        co_return false;
    }
    setBusy(false);
    if (!changedStore) {
        co_return false;
    }
    Q_EMIT changed(m_connectionId, m_path);
    auto loading = load();
    co_await std::move(loading);
    co_return true;
}

QCoro::Task<> RotationDialog::rotateNow() {
    QPointer<RotationDialog> self(this);
    if (m_busy) {
        co_return;
    }
    m_result->setText(tr("Rotating…"));
    auto after = afterCall(m_steps->confirmCallReportValue(
        noQuestionAsked(),
        [this] {
            Connection* open = m_workspace ? m_workspace->connection(m_connectionId) : nullptr;
            return open ? m_workspace->rotations()->rotateNow(open, SecretRef{m_path})
                        : notOpenValue();
        },
        [](const QString& version) {
            return version.isEmpty() ? tr("Rotation started")
                                     : tr("Rotation started: new version %1").arg(version);
        }));
    const bool rotated = co_await std::move(after);
    if (self && !rotated) {
        m_result->setText(tr("Rotation failed."));
    }
}

QCoro::Task<> RotationDialog::clearStuck() {
    if (m_busy || !m_rotation || m_rotation->state != RotationInfo::State::Stuck) {
        co_return;
    }
    const QString stuck = m_rotation->stuckVersion;
    auto after = afterCall(m_steps->confirmCallReport(
        confirmed(this, tr("Clear stuck rotation"),
                  tr("Clear the stuck rotation of %1?").arg(m_path), tr("Clear stuck rotation"),
                  stuck.isEmpty()
                      ? tr("Do this only when no rotation is running.")
                      : tr("Version %1 keeps its value but is no longer the rotation's next "
                           "one. Do this only when no rotation is running.")
                            .arg(stuck)),
        [this, stuck] {
            Connection* open = m_workspace ? m_workspace->connection(m_connectionId) : nullptr;
            return open ? m_workspace->rotations()->clearStuck(open, SecretRef{m_path}, stuck)
                        : notOpen();
        },
        stuck.isEmpty() ? tr("Stuck rotation cleared")
                        : tr("Stuck rotation cleared from version %1").arg(stuck)));
    co_await std::move(after);
}

QCoro::Task<> RotationDialog::saveSettings() {
    if (m_busy || !m_form) {
        co_return;
    }
    QString problem;
    const auto settings = m_form->settings(&problem);
    if (!settings) {
        m_error->showMessage(problem);
        co_return;
    }
    const QString summary = m_form->summary();
    auto after = afterCall(m_steps->confirmCallReport(
        noQuestionAsked(),
        [this, settings = *settings, summary] {
            Connection* open = m_workspace ? m_workspace->connection(m_connectionId) : nullptr;
            return open ? m_workspace->rotations()->configure(open, SecretRef{m_path}, settings,
                                                              summary)
                        : notOpen();
        },
        tr("Rotation settings saved")));
    co_await std::move(after);
}

QCoro::Task<> RotationDialog::turnOff() {
    if (m_busy) {
        co_return;
    }
    auto after = afterCall(m_steps->confirmCallReport(
        confirmed(this, tr("Turn off rotation"),
                  tr("Turn automatic rotation of %1 off?").arg(m_path), tr("Turn off rotation"),
                  tr("Who rotates and the schedule are kept; save the settings again to turn it "
                     "back on.")),
        [this] {
            Connection* open = m_workspace ? m_workspace->connection(m_connectionId) : nullptr;
            return open ? m_workspace->rotations()->disable(open, SecretRef{m_path}) : notOpen();
        },
        tr("Automatic rotation turned off")));
    co_await std::move(after);
}

} // namespace strongroom
