#include "AwsProfiles.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <optional>

namespace strongroom {

namespace {

QString where(const QString& fileName, int line) {
    return QCoreApplication::translate("AwsProfiles", "%1, line %2").arg(fileName).arg(line);
}

Result<std::optional<AwsIniFile>> readFile(const QString& path) {
    if (path.isEmpty() || !QFileInfo::exists(path))
        return std::optional<AwsIniFile>();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return BackendError(BackendError::Kind::InvalidInput,
                            QCoreApplication::translate("AwsProfiles", "cannot read %1: %2")
                                .arg(path, file.errorString()));
    QByteArray text = file.readAll();
    auto parsed = AwsIniFile::parse(text, path);
    if (!parsed)
        return parsed.error();
    return std::optional<AwsIniFile>(std::move(parsed).value());
}

} // namespace

const AwsProfile* AwsProfiles::find(const QString& name) const {
    const auto it = m_profiles.constFind(name);
    return it == m_profiles.constEnd() ? nullptr : &it.value();
}

void AwsProfiles::merge(const AwsIniSection& section, const QString& name,
                        const QString& fileName) {
    AwsProfile& profile = m_profiles[name];
    profile.name = name;
    const QString at = where(fileName, section.line);
    profile.origin = profile.origin.isEmpty() ? at : profile.origin + QStringLiteral("; ") + at;
    for (auto it = section.settings.begin(); it != section.settings.end(); ++it) {
        profile.settings[it.key()] = it.value();
        profile.secrets.remove(it.key());
        profile.origins[it.key()] = where(fileName, section.lines.value(it.key()));
    }
    for (auto it = section.secrets.begin(); it != section.secrets.end(); ++it) {
        profile.secrets[it.key()] = it.value();
        profile.settings.remove(it.key());
        profile.origins[it.key()] = where(fileName, section.lines.value(it.key()));
    }
}

AwsProfiles AwsProfiles::fromFiles(const AwsIniFile* config, const AwsIniFile* credentials) {
    AwsProfiles out;
    if (config) {
        out.m_filesRead.append(config->fileName());
        const QLatin1String prefix("profile ");
        // [profile default] wins over [default] when a config file has both, as in the CLI.
        bool prefixedDefault = false;
        for (const AwsIniSection& section : config->sections())
            prefixedDefault |= section.header == QLatin1String("profile default");
        for (const AwsIniSection& section : config->sections()) {
            if (section.header.startsWith(prefix)) {
                const QString name = section.header.mid(prefix.size()).trimmed();
                if (!name.isEmpty())
                    out.merge(section, name, config->fileName());
            } else if (section.header == QLatin1String("default")) {
                if (prefixedDefault)
                    out.m_notes.append(
                        QCoreApplication::translate(
                            "AwsProfiles", "%1: [default] ignored, [profile default] is used")
                            .arg(where(config->fileName(), section.line)));
                else
                    out.merge(section, section.header, config->fileName());
            } else if (!section.header.startsWith(QLatin1String("sso-session ")) &&
                       !section.header.startsWith(QLatin1String("services "))) {
                out.m_notes.append(
                    QCoreApplication::translate("AwsProfiles",
                                                "%1: [%2] ignored: in the config file a "
                                                "profile is written [profile %2]")
                        .arg(where(config->fileName(), section.line), section.header));
            }
        }
    }
    if (credentials) {
        out.m_filesRead.append(credentials->fileName());
        for (const AwsIniSection& section : credentials->sections()) {
            if (section.header.startsWith(QLatin1String("profile "))) {
                out.m_notes.append(QCoreApplication::translate(
                                       "AwsProfiles", "%1: [%2] ignored: in the credentials file "
                                                      "a profile is written [%3]")
                                       .arg(where(credentials->fileName(), section.line),
                                            section.header, section.header.mid(8).trimmed()));
                continue;
            }
            out.merge(section, section.header, credentials->fileName());
        }
    }
    return out;
}

Result<AwsProfiles> AwsProfiles::load(const QString& configPath, const QString& credentialsPath) {
    auto config = readFile(configPath);
    if (!config)
        return config.error();
    auto credentials = readFile(credentialsPath);
    if (!credentials)
        return credentials.error();
    const auto& c = config.value();
    const auto& k = credentials.value();
    return fromFiles(c ? &*c : nullptr, k ? &*k : nullptr);
}

} // namespace strongroom
