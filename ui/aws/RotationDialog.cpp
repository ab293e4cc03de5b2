#include "RotationDialog.h"

#include "AwsSecretOperations.h"
#include "DialogAnswers.h"
#include "ErrorLabel.h"
#include "RotationSettingsForm.h"

#include <QDialogButtonBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace strongroom {

namespace {
QString when(const QDateTime& time) {
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : RotationDialog::tr("never");
}

QString schedule(const AwsRotationConfig& config) {
    if (!config.scheduleExpression.isEmpty()) {
        return config.scheduleExpression;
    }
    if (config.automaticallyAfterDays > 0) {
        return RotationDialog::tr("every %1 days").arg(config.automaticallyAfterDays);
    }
    return RotationDialog::tr("none");
}
} // namespace

RotationDialog::RotationDialog(AwsSecretOperations* operations, const QString& secretName,
                               QWidget* parent)
    : QDialog(parent)
    , m_operations(operations)
    , m_name(secretName)
    , m_status(new QLabel(this))
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_clearPending(new QPushButton(tr("&Clear pending label…"), m_banner))
    , m_rotateNow(new QPushButton(tr("&Rotate now"), this))
    , m_result(new QLabel(this))
    , m_settings(new RotationSettingsForm(this))
    , m_error(new ErrorLabel(this)) {
    setWindowTitle(tr("Rotation — %1").arg(secretName));
    auto* heading = new QLabel(tr("<b>Rotation of %1</b>").arg(secretName.toHtmlEscaped()), this);
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
    bannerLayout->addWidget(m_clearPending);
    m_banner->setVisible(false);

    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* rotateRow = new QHBoxLayout;
    rotateRow->addWidget(m_rotateNow);
    rotateRow->addWidget(m_result, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_status);
    layout->addWidget(m_banner);
    layout->addLayout(rotateRow);
    layout->addWidget(m_settings);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(600);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_rotateNow, &QPushButton::clicked, this, [this] { rotateNow(); });
    connect(m_clearPending, &QPushButton::clicked, this, [this] { clearPending(); });
    connect(m_settings, &RotationSettingsForm::saveRequested, this, [this] { saveSettings(); });
    connect(m_settings, &RotationSettingsForm::disableRequested, this,
            [this] { disableRotation(); });
    setBusy(true);
    refresh();
}

void RotationDialog::refresh() {
    load();
}

void RotationDialog::setBusy(bool busy) {
    m_busy = busy;
    m_rotateNow->setEnabled(!busy && m_description.has_value());
    m_clearPending->setEnabled(!busy);
    m_settings->setBusy(busy || !m_description);
}

void RotationDialog::display(const AwsSecretDescription& description) {
    m_description = description;
    const AwsRotationConfig& rotation = description.rotation;
    m_status->setText(
        tr("Rotation: %1\nSchedule: %2%3\nLambda: %4\nLast rotated: %5\nNext rotation: %6")
            .arg(rotation.enabled ? tr("enabled") : tr("disabled"), schedule(rotation),
                 rotation.duration.isEmpty() ? QString()
                                             : tr(" (window %1)").arg(rotation.duration),
                 rotation.lambdaArn.isEmpty() ? tr("none") : rotation.lambdaArn,
                 when(rotation.lastRotated), when(rotation.nextRotation)));
    const auto stuck = description.stuckPendingVersion();
    m_banner->setVisible(stuck.has_value());
    if (stuck) {
        m_bannerText->setText(tr("Rotation stuck: AWSPENDING is on version %1 which is not "
                                 "AWSCURRENT. A rotation did not finish; the next one will fail "
                                 "until the label is cleared.")
                                  .arg(*stuck));
    }
    m_settings->showConfig(rotation);
}

QCoro::Task<> RotationDialog::load() {
    QPointer<RotationDialog> self(this);
    if (!m_operations) {
        co_return;
    }
    setBusy(true);
    auto describing = m_operations->describe(m_name);
    auto described = co_await std::move(describing);
    if (!self) {
        co_return;
    }
    if (described.ok()) {
        display(described.value());
    } else {
        m_status->setText(tr("Could not read the rotation settings."));
        m_error->showMessage(described.error().message());
    }
    setBusy(false);
}

QCoro::Task<> RotationDialog::changedThen(QString message) {
    QPointer<RotationDialog> self(this);
    m_result->setText(message);
    Q_EMIT changed(m_name);
    auto loading = load();
    co_await std::move(loading);
    if (self) {
        m_result->setText(message); // load() does not touch it, but keep it after a re-read
    }
}

QCoro::Task<> RotationDialog::rotateNow() {
    QPointer<RotationDialog> self(this);
    if (!m_operations || m_busy) {
        co_return;
    }
    m_error->clearMessage();
    m_result->setText(tr("Rotating…"));
    setBusy(true);
    auto rotating = m_operations->rotateNow(m_name);
    auto rotated = co_await std::move(rotating);
    if (!self) {
        co_return;
    }
    setBusy(false);
    if (!rotated.ok()) {
        m_result->setText(tr("Rotation failed."));
        m_error->showMessage(rotated.error().message());
        co_return;
    }
    auto after = changedThen(tr("Rotation started: new version %1").arg(rotated.value()));
    co_await std::move(after);
}

QCoro::Task<> RotationDialog::clearPending() {
    QPointer<RotationDialog> self(this);
    const auto stuck = m_description ? m_description->stuckPendingVersion() : std::nullopt;
    if (!m_operations || m_busy || !stuck) {
        co_return;
    }
    auto asking = confirmed(
        this, tr("Clear pending label"),
        tr("Remove AWSPENDING from version %1 of %2?").arg(*stuck, m_name), tr("Clear label"),
        tr("The version keeps its value; without a label it becomes deprecated. Do this only when "
           "no rotation is running."));
    const bool yes = co_await std::move(asking);
    if (!self || !yes || !m_operations) {
        co_return;
    }
    m_error->clearMessage();
    setBusy(true);
    auto clearing = m_operations->clearPending(m_name, *stuck);
    auto cleared = co_await std::move(clearing);
    if (!self) {
        co_return;
    }
    setBusy(false);
    if (!cleared.ok()) {
        m_error->showMessage(cleared.error().message());
        co_return;
    }
    auto after = changedThen(tr("AWSPENDING cleared from version %1").arg(*stuck));
    co_await std::move(after);
}

QCoro::Task<> RotationDialog::saveSettings() {
    QPointer<RotationDialog> self(this);
    QString problem;
    auto request = m_settings->request(&problem);
    if (!request) {
        m_error->showMessage(problem);
        co_return;
    }
    if (!m_operations || m_busy) {
        co_return;
    }
    m_error->clearMessage();
    setBusy(true);
    auto configuring = m_operations->configureRotation(m_name, *request);
    auto configured = co_await std::move(configuring);
    if (!self) {
        co_return;
    }
    setBusy(false);
    if (!configured.ok()) {
        m_error->showMessage(configured.error().message());
        co_return;
    }
    auto after = changedThen(tr("Rotation settings saved"));
    co_await std::move(after);
}

QCoro::Task<> RotationDialog::disableRotation() {
    QPointer<RotationDialog> self(this);
    auto asking =
        confirmed(this, tr("Disable rotation"),
                  tr("Turn automatic rotation of %1 off?").arg(m_name), tr("Disable rotation"),
                  tr("The Lambda and the schedule are kept; rotate now or save the "
                     "settings again to turn it back on."));
    const bool yes = co_await std::move(asking);
    if (!self || !yes || !m_operations || m_busy) {
        co_return;
    }
    m_error->clearMessage();
    setBusy(true);
    auto cancelling = m_operations->cancelRotation(m_name);
    auto cancelled = co_await std::move(cancelling);
    if (!self) {
        co_return;
    }
    setBusy(false);
    if (!cancelled.ok()) {
        m_error->showMessage(cancelled.error().message());
        co_return;
    }
    auto after = changedThen(tr("Automatic rotation disabled"));
    co_await std::move(after);
}

} // namespace strongroom
