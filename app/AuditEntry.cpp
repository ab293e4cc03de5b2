#include "AuditEntry.h"

#include <nlohmann/json.hpp>

namespace strongroom {

namespace {

using Json = nlohmann::ordered_json;

std::string utf8(const QString& text) {
    return text.toStdString();
}
QString qstr(const Json& value) {
    return QString::fromStdString(value.get<std::string>());
}

bool hasString(const Json& object, const char* key) {
    return object.contains(key) && object[key].is_string();
}

bool isSha256Hex(const QString& text) {
    if (text.size() != 64) {
        return false;
    }
    for (const QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              (c >= QLatin1Char('a') && c <= QLatin1Char('f')))) {
            return false;
        }
    }
    return true;
}

} // namespace

QString AuditEntry::genesis() {
    return QString(64, QLatin1Char('0'));
}

QByteArray AuditEntry::toJsonLine() const {
    Json object;
    // Insertion order is the on-disk field order: readable, and stable so hashes are reproducible.
    object["seq"] = seq;
    object["time"] = utf8(time.toUTC().toString(Qt::ISODateWithMs));
    object["actor"] = utf8(actor);
    object["connection"] = utf8(connection);
    object["path"] = utf8(path);
    object["action"] = utf8(action);
    Json ids = Json::array();
    for (const auto& version : versions) {
        ids.push_back(utf8(version));
    }
    object["versions"] = std::move(ids);
    object["result"] = utf8(result);
    object["detail"] = utf8(detail);
    object["prev"] = utf8(prev);
    const std::string dumped = object.dump(-1, ' ', false, Json::error_handler_t::replace);
    return QByteArray(dumped.data(), static_cast<qsizetype>(dumped.size()));
}

std::optional<AuditEntry> AuditEntry::fromJsonLine(const QByteArray& line) {
    const Json object = Json::parse(line.constBegin(), line.constEnd(), nullptr, false);
    if (object.is_discarded() || !object.is_object()) {
        return std::nullopt;
    }
    if (!object.contains("seq") || !object["seq"].is_number_integer()) {
        return std::nullopt;
    }
    for (const char* key :
         {"time", "actor", "connection", "path", "action", "result", "detail", "prev"}) {
        if (!hasString(object, key)) {
            return std::nullopt;
        }
    }
    if (!object.contains("versions") || !object["versions"].is_array()) {
        return std::nullopt;
    }
    AuditEntry entry;
    entry.seq = object["seq"].get<qint64>();
    entry.time = QDateTime::fromString(qstr(object["time"]), Qt::ISODateWithMs);
    entry.actor = qstr(object["actor"]);
    entry.connection = qstr(object["connection"]);
    entry.path = qstr(object["path"]);
    entry.action = qstr(object["action"]);
    for (const auto& id : object["versions"]) {
        if (!id.is_string()) {
            return std::nullopt;
        }
        entry.versions.append(qstr(id));
    }
    entry.result = qstr(object["result"]);
    entry.detail = qstr(object["detail"]);
    entry.prev = qstr(object["prev"]);
    if (!entry.time.isValid() || !isSha256Hex(entry.prev)) {
        return std::nullopt;
    }
    return entry;
}

} // namespace strongroom
