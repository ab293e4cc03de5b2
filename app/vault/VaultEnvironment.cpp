#include "VaultEnvironment.h"

#include <QDir>
#include <QFile>

namespace strongroom {

namespace {

struct Found {
    QString value;
    QString source;
};

// BAO_<name> wins over VAULT_<name>, as the bao CLI reads it.
Found lookup(const QProcessEnvironment& environment, const QString& name) {
    for (const auto* prefix : {"BAO_", "VAULT_"}) {
        const QString variable = QString::fromLatin1(prefix) + name;
        const QString value = environment.value(variable).trimmed();
        if (!value.isEmpty()) {
            return {value, variable};
        }
    }
    return {};
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The token helper file, trimmed; empty when absent or blank.
SecretBytes readTokenFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QByteArray bytes = file.read(64 * 1024);
    qsizetype begin = 0;
    qsizetype end = bytes.size();
    while (begin < end && isSpace(bytes.at(begin))) {
        ++begin;
    }
    while (end > begin && isSpace(bytes.at(end - 1))) {
        --end;
    }
    SecretBytes token(bytes.constData() + begin, static_cast<std::size_t>(end - begin));
    wipe(bytes);
    return token;
}

} // namespace

QStringList VaultEnvironmentImport::describe() const {
    QStringList lines;
    if (!address.isEmpty()) {
        lines << QStringLiteral("address %1 (from %2)").arg(address, addressSource);
    }
    if (!nameSpace.isEmpty()) {
        lines << QStringLiteral("namespace %1 (from %2)").arg(nameSpace, namespaceSource);
    }
    if (!caFile.isEmpty()) {
        lines << QStringLiteral("CA file %1 (from %2)").arg(caFile, caFileSource);
    }
    if (!token.isEmpty()) {
        lines << QStringLiteral("a token (from %1; not shown)").arg(tokenSource);
    }
    return lines;
}

std::optional<VaultEnvironmentImport> readVaultEnvironment(const QProcessEnvironment& environment,
                                                           const QString& homeDir) {
    VaultEnvironmentImport found;
    const auto address = lookup(environment, QStringLiteral("ADDR"));
    found.address = address.value;
    found.addressSource = address.source;
    const auto nameSpace = lookup(environment, QStringLiteral("NAMESPACE"));
    found.nameSpace = nameSpace.value;
    found.namespaceSource = nameSpace.source;
    const auto caFile = lookup(environment, QStringLiteral("CACERT"));
    found.caFile = caFile.value;
    found.caFileSource = caFile.source;
    for (const auto* variable : {"BAO_TOKEN", "VAULT_TOKEN"}) {
        const QString name = QString::fromLatin1(variable);
        if (!environment.contains(name)) {
            continue;
        }
        QString value = environment.value(name).trimmed();
        if (!value.isEmpty()) {
            found.token = SecretBytes::takeFrom(value);
            found.tokenSource = name;
            break;
        }
    }
    if (found.token.isEmpty()) {
        const QString home = homeDir.isEmpty() ? QDir::homePath() : homeDir;
        for (const auto* file : {".bao-token", ".vault-token"}) {
            const QString path = QDir(home).filePath(QString::fromLatin1(file));
            auto token = readTokenFile(path);
            if (!token.isEmpty()) {
                found.token = std::move(token);
                found.tokenSource = path;
                break;
            }
        }
    }
    if (found.isEmpty() && found.nameSpace.isEmpty() && found.caFile.isEmpty()) {
        return std::nullopt;
    }
    return found;
}

} // namespace strongroom
