#include "VaultConnectionSpec.h"

#include "HttpUrlPolicy.h"

#include <QRegularExpression>
#include <QUrl>

namespace strongroom {

namespace {

namespace Key {
const QString address = QStringLiteral("address");
const QString nameSpace = QStringLiteral("namespace");
const QString caFile = QStringLiteral("caFile");
const QString clientCertFile = QStringLiteral("clientCertFile");
const QString clientKeyFile = QStringLiteral("clientKeyFile");
const QString method = QStringLiteral("authMethod");
const QString authMount = QStringLiteral("authMount");
const QString username = QStringLiteral("username");
const QString roleId = QStringLiteral("roleId");
const QString role = QStringLiteral("role");
const QString extraMounts = QStringLiteral("extraMounts");
const QString clusterNodes = QStringLiteral("clusterNodes");
} // namespace Key

void putIfSet(QVariantMap& options, const QString& key, const QString& value) {
    if (!value.isEmpty()) {
        options.insert(key, value);
    }
}

} // namespace

QString VaultConnectionSpec::mountEntry(const QString& path, int kvVersion) {
    return kvVersion == 1 || kvVersion == 2 ? QStringLiteral("kv%1:%2").arg(kvVersion).arg(path)
                                            : path;
}

std::pair<QString, int> VaultConnectionSpec::parseMountEntry(const QString& entry) {
    if (entry.startsWith(QLatin1String("kv1:")) || entry.startsWith(QLatin1String("kv2:"))) {
        return {entry.mid(4), entry.at(2).digitValue()};
    }
    return {entry, 0};
}

void VaultConnectionSpec::rememberMount(const QString& path, int kvVersion) {
    extraMounts.removeIf(
        [&](const QString& entry) { return parseMountEntry(entry).first == path; });
    extraMounts << mountEntry(path, kvVersion);
}

QVariantMap VaultConnectionSpec::toOptions() const {
    QVariantMap options;
    options.insert(Key::address, address);
    options.insert(Key::method, vaultAuthMethodId(method));
    putIfSet(options, Key::nameSpace, nameSpace);
    putIfSet(options, Key::caFile, caFile);
    putIfSet(options, Key::clientCertFile, clientCertFile);
    putIfSet(options, Key::clientKeyFile, clientKeyFile);
    putIfSet(options, Key::authMount, authMount);
    putIfSet(options, Key::username, username);
    putIfSet(options, Key::roleId, roleId);
    putIfSet(options, Key::role, role);
    if (!extraMounts.isEmpty()) {
        options.insert(Key::extraMounts, extraMounts);
    }
    if (!clusterNodes.isEmpty()) {
        options.insert(Key::clusterNodes, clusterNodes);
    }
    return options;
}

std::optional<VaultConnectionSpec> VaultConnectionSpec::fromOptions(const QString& id,
                                                                    const QString& displayName,
                                                                    const QVariantMap& options,
                                                                    QString* error) {
    VaultConnectionSpec spec;
    spec.id = id;
    spec.displayName = displayName;
    spec.address = options.value(Key::address).toString();
    spec.nameSpace = options.value(Key::nameSpace).toString();
    spec.caFile = options.value(Key::caFile).toString();
    spec.clientCertFile = options.value(Key::clientCertFile).toString();
    spec.clientKeyFile = options.value(Key::clientKeyFile).toString();
    const QString methodId = options.value(Key::method, QStringLiteral("token")).toString();
    const auto method = vaultAuthMethodFromId(methodId);
    if (!method) {
        if (error) {
            *error = QStringLiteral("unknown Vault auth method '%1'").arg(methodId);
        }
        return std::nullopt;
    }
    spec.method = *method;
    spec.authMount = options.value(Key::authMount).toString();
    spec.username = options.value(Key::username).toString();
    spec.roleId = options.value(Key::roleId).toString();
    spec.role = options.value(Key::role).toString();
    spec.extraMounts = options.value(Key::extraMounts).toStringList();
    spec.clusterNodes = options.value(Key::clusterNodes).toStringList();
    const QString problem = spec.validate();
    if (!problem.isEmpty()) {
        if (error) {
            *error = problem;
        }
        return std::nullopt;
    }
    return spec;
}

QString VaultConnectionSpec::validate() const {
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    if (!idPattern.match(id).hasMatch()) {
        return QStringLiteral("the connection id must be letters, digits, '.', '_' or '-' "
                              "(got '%1')")
            .arg(id);
    }
    if (address.trimmed().isEmpty()) {
        return QStringLiteral("the Vault address is missing");
    }
    const QUrl url(address.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return QStringLiteral("'%1' is not a usable address (e.g. https://vault.example.com:8200)")
            .arg(address);
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        return QStringLiteral("the address must not carry a user, query or fragment");
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http")) {
        if (!HttpUrlPolicy::isLoopbackHost(url.host())) {
            return QStringLiteral("the address must start with https:// (plain http:// is only "
                                  "accepted for this machine)");
        }
    } else if (scheme != QLatin1String("https")) {
        return QStringLiteral("the address must start with https://");
    }
    if (clientCertFile.isEmpty() != clientKeyFile.isEmpty()) {
        return QStringLiteral("a client certificate needs both the certificate and the key file");
    }
    if ((method == VaultAuthMethod::Userpass || method == VaultAuthMethod::Ldap) &&
        (username.isEmpty() || username.contains(QLatin1Char('/')))) {
        return QStringLiteral("%1 needs a user name (without '/')")
            .arg(vaultAuthMethodName(method));
    }
    if (method == VaultAuthMethod::AppRole && roleId.isEmpty()) {
        return QStringLiteral("AppRole needs a role_id");
    }
    return {};
}

} // namespace strongroom
