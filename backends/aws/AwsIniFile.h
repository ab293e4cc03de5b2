#pragma once

#include "Result.h"
#include "SecretBytes.h"

#include <QList>
#include <QMap>
#include <QString>

namespace strongroom {

// One `[section]` of an AWS shared config or credentials file. Secret settings
// (aws_secret_access_key, aws_session_token) are kept apart, in SecretBytes.
struct AwsIniSection {
    QString header; // the text between the brackets, trimmed: "default", "profile prod"
    int line = 0;
    QMap<QString, QString> settings; // lower-case key -> value
    QMap<QString, int> lines;        // lower-case key -> line it was set on
    QMap<QString, SecretBytes> secrets;

    bool has(const QString& key) const { return settings.contains(key) || secrets.contains(key); }
};

// The INI dialect of ~/.aws/config and ~/.aws/credentials, as the AWS CLI reads it: `#` and `;`
// comment lines, `key = value` settings, indented lines as sub-settings of the setting above
// (e.g. `s3 =` blocks; kept out of the settings). Later sections with the same header add to
// and override earlier ones.
class AwsIniFile {
public:
    static bool isSecretKey(const QString& key);

    // Parses `text` and wipes it. Errors name the file and the line.
    static Result<AwsIniFile> parse(QByteArray& text, const QString& fileName);

    const QString& fileName() const { return m_fileName; }
    const QList<AwsIniSection>& sections() const { return m_sections; }

private:
    QString m_fileName;
    QList<AwsIniSection> m_sections;
};

} // namespace strongroom
