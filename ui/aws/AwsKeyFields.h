#pragma once

#include "AwsConnectionSpec.h"
#include "AwsCredentials.h"

#include <QProcessEnvironment>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace strongroom {

// Where an AWS connection takes its keys from: typed here (kept in the keychain), the
// environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, read at every
// connect) or a profile of ~/.aws/config and ~/.aws/credentials (listed from the files).
class AwsKeyFields : public QWidget {
    Q_OBJECT
public:
    explicit AwsKeyFields(QWidget* parent = nullptr);

    // Where the environment and the shared files are read (tests use a fake home).
    void setCredentialSources(const QProcessEnvironment& environment, const QString& homeDir);
    void reloadProfiles();

    AwsConnectionSpec::KeySource keySource() const;
    void setKeySource(AwsConnectionSpec::KeySource source);
    QString profile() const;
    // What is missing before a connect can be tried, or empty.
    QString missing() const;
    // The typed keys, taken into wiped memory; the secret field is cleared.
    AwsCredentials takeKeys();
    void setBusy(bool busy);

    QComboBox* sourceBox() const { return m_source; }
    QLineEdit* accessKeyIdField() const { return m_accessKeyId; }
    QLineEdit* secretAccessKeyField() const { return m_secretAccessKey; }
    QComboBox* profileBox() const { return m_profile; }
    QLabel* sourceNote() const { return m_note; }

Q_SIGNALS:
    void changed();

private:
    void updateNote();

    QProcessEnvironment m_environment;
    QString m_homeDir;
    QComboBox* m_source;
    QStackedWidget* m_pages;
    QLineEdit* m_accessKeyId;
    QLineEdit* m_secretAccessKey;
    QComboBox* m_profile;
    QLabel* m_note;
};

} // namespace strongroom
