#include "AwsIniFile.h"

#include <QCoreApplication>

namespace strongroom {

namespace {

BackendError malformed(const QString& fileName, int line, const QString& why) {
    return BackendError(BackendError::Kind::InvalidInput,
                        QCoreApplication::translate("AwsIniFile", "%1, line %2: %3")
                            .arg(fileName)
                            .arg(line)
                            .arg(why));
}

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

} // namespace

bool AwsIniFile::isSecretKey(const QString& key) {
    return key == QLatin1String("aws_secret_access_key") ||
           key == QLatin1String("aws_session_token") || key == QLatin1String("aws_security_token");
}

Result<AwsIniFile> AwsIniFile::parse(QByteArray& text, const QString& fileName) {
    AwsIniFile file;
    file.m_fileName = fileName;
    QList<QByteArray> lines = text.split('\n');
    wipe(text);
    struct Wiper {
        QList<QByteArray>& lines;
        ~Wiper() {
            for (QByteArray& line : lines)
                wipe(line);
        }
    } wiper{lines};

    AwsIniSection* section = nullptr;
    bool lastWasSetting = false;
    for (int i = 0; i < lines.size(); ++i) {
        const int number = i + 1;
        QByteArray& raw = lines[i];
        if (raw.endsWith('\r'))
            raw.chop(1);
        if (i == 0 && raw.startsWith("\xEF\xBB\xBF"))
            raw.remove(0, 3);
        QByteArray line = raw.trimmed();
        struct LineWiper {
            QByteArray& bytes;
            ~LineWiper() { wipe(bytes); }
        } lineWiper{line};
        if (line.isEmpty() || line.startsWith('#') || line.startsWith(';'))
            continue;
        if (isBlank(raw.at(0))) {
            // A sub-setting of the setting above (`s3 =` followed by indented lines).
            if (!lastWasSetting)
                return malformed(fileName, number,
                                 QCoreApplication::translate(
                                     "AwsIniFile", "an indented line that follows no setting"));
            continue;
        }
        if (line.startsWith('[')) {
            const qsizetype close = line.indexOf(']');
            const QByteArray rest = close < 0 ? QByteArray() : line.mid(close + 1).trimmed();
            if (close < 0 || !(rest.isEmpty() || rest.startsWith('#') || rest.startsWith(';')))
                return malformed(fileName, number,
                                 QCoreApplication::translate(
                                     "AwsIniFile", "a section header must look like [name]"));
            const QString header = QString::fromUtf8(line.mid(1, close - 1)).simplified();
            if (header.isEmpty())
                return malformed(fileName, number,
                                 QCoreApplication::translate("AwsIniFile", "an empty [] header"));
            section = nullptr;
            for (AwsIniSection& existing : file.m_sections)
                if (existing.header == header)
                    section = &existing;
            if (!section) {
                file.m_sections.append(AwsIniSection{header, number, {}, {}, {}});
                section = &file.m_sections.last();
            }
            lastWasSetting = false;
            continue;
        }
        const qsizetype eq = line.indexOf('=');
        if (eq < 0)
            return malformed(
                fileName, number,
                QCoreApplication::translate("AwsIniFile",
                                            "expected `key = value`, a [section] or a # comment"));
        const QString key = QString::fromUtf8(line.left(eq).trimmed()).toLower();
        if (key.isEmpty())
            return malformed(fileName, number,
                             QCoreApplication::translate("AwsIniFile", "a setting with no name"));
        if (!section)
            return malformed(
                fileName, number,
                QCoreApplication::translate("AwsIniFile", "setting %1 comes before any [section]")
                    .arg(key));
        QByteArray value = line.mid(eq + 1).trimmed();
        if (isSecretKey(key)) {
            section->secrets[key] = SecretBytes::takeFrom(value);
            section->settings.remove(key);
        } else {
            section->settings[key] = QString::fromUtf8(value);
        }
        section->lines[key] = number;
        lastWasSetting = true;
    }
    return file;
}

} // namespace strongroom
