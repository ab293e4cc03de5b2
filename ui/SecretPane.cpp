#include "SecretPane.h"

#include "ActivityTab.h"
#include "Connection.h"
#include "DataTab.h"
#include "DiffTab.h"
#include "ErrorLabel.h"
#include "MetadataTab.h"
#include "SecretPresenter.h"
#include "VersionsTab.h"

#include <QLabel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace strongroom {

SecretPane::SecretPane(SecretPresenter* presenter, AppSettings* settings, Clipboard* clipboard,
                       QWidget* parent)
    : QWidget(parent)
    , m_presenter(presenter)
    , m_pages(new QStackedWidget(this))
    , m_title(new QLabel(this))
    , m_message(new ErrorLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_data(new DataTab(presenter, clipboard, this))
    , m_versions(new VersionsTab(presenter, this))
    , m_diff(new DiffTab(presenter, settings, this))
    , m_metadata(new MetadataTab(presenter, this))
    , m_activity(new ActivityTab(presenter, this)) {
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tabs->addTab(m_data, tr("&Data"));
    m_tabs->addTab(m_versions, tr("&Versions"));
    m_tabs->addTab(m_diff, tr("D&iff"));
    m_tabs->addTab(m_metadata, tr("&Metadata"));
    m_tabs->addTab(m_activity, tr("&Activity"));

    auto* hint = new QLabel(tr("Select a secret on the left, or press Ctrl+K to find one."), this);
    hint->setAlignment(Qt::AlignCenter);
    hint->setEnabled(false); // the palette's disabled text: a quiet hint in light and dark themes

    auto* secretPage = new QWidget(this);
    auto* secretLayout = new QVBoxLayout(secretPage);
    secretLayout->setContentsMargins(0, 0, 0, 0);
    secretLayout->addWidget(m_title);
    secretLayout->addWidget(m_message);
    secretLayout->addWidget(m_tabs, 1);
    m_pages->addWidget(hint);
    m_pages->addWidget(secretPage);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(presenter, &SecretPresenter::secretChanged, this, &SecretPane::secretChanged);
    connect(presenter, &SecretPresenter::errorOccurred, this, &SecretPane::showError);
    connect(m_versions, &VersionsTab::compareRequested, this, &SecretPane::compare);
    secretChanged();
}

void SecretPane::showError(const QString& message) {
    m_message->showMessage(message);
}

void SecretPane::clearError() {
    m_message->clearMessage();
}

void SecretPane::secretChanged() {
    clearError();
    const bool open = m_presenter->hasSecret();
    m_pages->setCurrentIndex(open ? 1 : 0);
    if (open) {
        m_title->setText(
            tr("%1  ·  %2").arg(m_presenter->ref().path, m_presenter->connection()->displayName()));
    } else {
        m_title->clear();
    }
}

void SecretPane::compare(const QString& before, const QString& after) {
    m_tabs->setCurrentWidget(m_diff);
    m_diff->compare(before, after);
}

} // namespace strongroom
