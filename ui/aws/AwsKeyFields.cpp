#include "AwsKeyFields.h"

#include "AwsCredentialResolver.h"
#include "AwsProfiles.h"
#include "SecretFieldText.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace strongroom {

using KeySource = AwsConnectionSpec::KeySource;

AwsKeyFields::AwsKeyFields(QWidget* parent)
    : QWidget(parent)
    , m_environment(QProcessEnvironment::systemEnvironment())
    , m_homeDir(QDir::homePath())
    , m_source(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_accessKeyId(new QLineEdit(this))
    , m_secretAccessKey(new QLineEdit(this))
    , m_profile(new QComboBox(this))
    , m_note(new QLabel(this)) {
    m_source->addItem(tr("Keys typed here (kept in the keychain)"),
                      AwsConnectionSpec::keySourceName(KeySource::Keychain));
    m_source->addItem(tr("Environment (AWS_ACCESS_KEY_ID…)"),
                      AwsConnectionSpec::keySourceName(KeySource::Environment));
    m_source->addItem(tr("Profile from ~/.aws"),
                      AwsConnectionSpec::keySourceName(KeySource::Profile));
    m_source->setAccessibleName(tr("Key source"));
    m_accessKeyId->setPlaceholderText(QStringLiteral("AKIA…"));
    m_accessKeyId->setAccessibleName(tr("Access key ID"));
    m_secretAccessKey->setEchoMode(QLineEdit::Password);
    m_secretAccessKey->setAccessibleName(tr("Secret access key"));
    m_profile->setEditable(true);
    m_profile->setAccessibleName(tr("Profile"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);

    auto* keysPage = new QWidget(m_pages);
    auto* keysForm = new QFormLayout(keysPage);
    keysForm->setContentsMargins(0, 0, 0, 0);
    keysForm->addRow(tr("Access &key ID:"), m_accessKeyId);
    keysForm->addRow(tr("S&ecret access key:"), m_secretAccessKey);
    auto* environmentPage = new QWidget(m_pages);
    auto* profilePage = new QWidget(m_pages);
    auto* profileForm = new QFormLayout(profilePage);
    profileForm->setContentsMargins(0, 0, 0, 0);
    profileForm->addRow(tr("&Profile:"), m_profile);
    m_pages->addWidget(keysPage);
    m_pages->addWidget(environmentPage);
    m_pages->addWidget(profilePage);

    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Keys from:"), m_source);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_pages);
    layout->addWidget(m_note);

    connect(m_source, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_pages->setCurrentIndex(index);
        // Only the chosen page takes room, so the dialog does not keep the others' height.
        for (int page = 0; page < m_pages->count(); ++page) {
            m_pages->widget(page)->setSizePolicy(QSizePolicy::Preferred,
                                                 page == index ? QSizePolicy::Preferred
                                                               : QSizePolicy::Ignored);
        }
        m_pages->adjustSize();
        updateNote();
        Q_EMIT changed();
    });
    for (QLineEdit* field : {m_accessKeyId, m_secretAccessKey}) {
        connect(field, &QLineEdit::textChanged, this, &AwsKeyFields::changed);
    }
    connect(m_profile, &QComboBox::currentTextChanged, this, [this] {
        updateNote();
        Q_EMIT changed();
    });
    reloadProfiles();
    m_pages->setCurrentIndex(0);
    environmentPage->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    profilePage->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    updateNote();
}

void AwsKeyFields::setCredentialSources(const QProcessEnvironment& environment,
                                        const QString& homeDir) {
    m_environment = environment;
    m_homeDir = homeDir;
    reloadProfiles();
    updateNote();
}

void AwsKeyFields::reloadProfiles() {
    const AwsCredentialResolver resolver(m_environment, m_homeDir);
    const QString typed = m_profile->currentText();
    m_profile->clear();
    auto profiles = AwsProfiles::load(resolver.configPath(), resolver.credentialsPath());
    if (profiles) {
        m_profile->addItems(profiles->names());
    }
    const QString wanted = typed.isEmpty() ? m_environment.value(QStringLiteral("AWS_PROFILE"),
                                                                 QStringLiteral("default"))
                                           : typed;
    const int index = m_profile->findText(wanted);
    if (index >= 0) {
        m_profile->setCurrentIndex(index);
    } else {
        m_profile->setEditText(wanted);
    }
    m_profile->setToolTip(
        profiles
            ? tr("Profiles of %1 and %2").arg(resolver.configPath(), resolver.credentialsPath())
            : profiles.error().message());
}

void AwsKeyFields::updateNote() {
    switch (keySource()) {
    case KeySource::Keychain:
        m_note->setText(tr("The keys are checked with sts:GetCallerIdentity, then kept in the "
                           "system keychain (never in a file)."));
        break;
    case KeySource::Environment: {
        const bool set = m_environment.contains(QStringLiteral("AWS_ACCESS_KEY_ID")) &&
                         m_environment.contains(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
        m_note->setText(set ? tr("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set; they are "
                                 "read again at every connect.")
                            : tr("AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set in "
                                 "Strongroom's environment."));
        break;
    }
    case KeySource::Profile: {
        const AwsCredentialResolver resolver(m_environment, m_homeDir);
        m_note->setText(m_profile->count() == 0
                            ? tr("No profile found in %1 or %2.")
                                  .arg(resolver.configPath(), resolver.credentialsPath())
                            : tr("Read again from the shared files at every connect; a profile's "
                                 "role_arn / source_profile / mfa_serial are followed."));
        break;
    }
    }
}

KeySource AwsKeyFields::keySource() const {
    return AwsConnectionSpec::parseKeySource(m_source->currentData().toString())
        .value_or(KeySource::Keychain);
}

void AwsKeyFields::setKeySource(KeySource source) {
    m_source->setCurrentIndex(m_source->findData(AwsConnectionSpec::keySourceName(source)));
}

QString AwsKeyFields::profile() const {
    return keySource() == KeySource::Profile ? m_profile->currentText().trimmed() : QString();
}

QString AwsKeyFields::missing() const {
    if (keySource() == KeySource::Keychain) {
        if (m_accessKeyId->text().trimmed().isEmpty()) {
            return tr("Enter the access key ID.");
        }
        if (m_secretAccessKey->text().isEmpty()) {
            return tr("Enter the secret access key.");
        }
    }
    if (keySource() == KeySource::Profile && m_profile->currentText().trimmed().isEmpty()) {
        return tr("Choose a profile.");
    }
    return {};
}

AwsCredentials AwsKeyFields::takeKeys() {
    AwsCredentials keys;
    if (keySource() == KeySource::Keychain) {
        keys.accessKeyId = m_accessKeyId->text().trimmed();
        keys.secretAccessKey = takeSecretText(m_secretAccessKey, true);
    }
    return keys;
}

void AwsKeyFields::setBusy(bool busy) {
    for (QWidget* field :
         std::initializer_list<QWidget*>{m_source, m_accessKeyId, m_secretAccessKey, m_profile}) {
        field->setEnabled(!busy);
    }
}

} // namespace strongroom
