#pragma once

#include "AwsIniFile.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace strongroom {

// A profile as the AWS CLI sees it: the settings of its config-file section, overridden by those
// of its credentials-file section. Each setting remembers where it came from, for messages.
struct AwsProfile {
    QString name;
    QMap<QString, QString> settings;
    QMap<QString, SecretBytes> secrets;
    QMap<QString, QString> origins; // key -> "file, line N"
    QString origin;                 // where the profile's sections are: "file, line N; ..."

    bool has(const QString& key) const { return settings.contains(key) || secrets.contains(key); }
    QString value(const QString& key) const { return settings.value(key); }
};

// The profiles of the shared config and credentials files. In the config file a profile is
// `[profile NAME]` (and `[default]`); in the credentials file it is `[NAME]`. Sections that do
// not follow those rules are ignored, and said so in notes().
class AwsProfiles {
public:
    // Either file may be absent (empty path or missing file); a file that cannot be read or
    // parsed is an error naming the file (and the line).
    static Result<AwsProfiles> load(const QString& configPath, const QString& credentialsPath);
    static AwsProfiles fromFiles(const AwsIniFile* config, const AwsIniFile* credentials);

    bool contains(const QString& name) const { return m_profiles.contains(name); }
    const AwsProfile* find(const QString& name) const;
    QStringList names() const { return m_profiles.keys(); }
    const QStringList& notes() const { return m_notes; }
    const QStringList& filesRead() const { return m_filesRead; }

private:
    void merge(const AwsIniSection& section, const QString& name, const QString& fileName);

    QMap<QString, AwsProfile> m_profiles;
    QStringList m_notes;
    QStringList m_filesRead;
};

} // namespace strongroom
