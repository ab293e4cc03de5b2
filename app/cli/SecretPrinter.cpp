#include "SecretPrinter.h"

#include <QByteArray>

#include <array>

namespace strongroom::cli {

namespace {

void appendPlain(SecretBytes& out, const QString& text) {
    const QByteArray utf8 = text.toUtf8();
    out.append({utf8.constData(), static_cast<std::size_t>(utf8.size())});
}

void appendMember(SecretBytes& out, const char* name, const QString& text) {
    SecretPrinter::appendJsonString(out, name);
    out.append(":");
    const QByteArray utf8 = text.toUtf8();
    SecretPrinter::appendJsonString(out, {utf8.constData(), static_cast<std::size_t>(utf8.size())});
    out.append(",");
}

} // namespace

SecretBytes SecretPrinter::asLines(const SecretValue& value) {
    SecretBytes out;
    if (value.format() != SecretValue::Format::KeyValue) {
        out.append(value.blob().view());
        return out;
    }
    for (const auto& field : value.fields()) {
        appendPlain(out, field.key);
        out.append("=");
        out.append(field.value.view());
        out.append("\n");
    }
    return out;
}

SecretBytes SecretPrinter::asJson(const SecretValue& value, const QString& connection,
                                  const QString& path, const QString& version) {
    SecretBytes out("{");
    appendMember(out, "connection", connection);
    appendMember(out, "path", path);
    appendMember(out, "version", version);
    appendMember(out, "format", formatName(value.format()));
    switch (value.format()) {
    case SecretValue::Format::KeyValue: {
        appendJsonString(out, "data");
        out.append(":");
        const SecretBytes data = value.serialize();
        out.append(data.view());
        break;
    }
    case SecretValue::Format::Text:
        appendJsonString(out, "text");
        out.append(":");
        appendJsonString(out, value.blob().view());
        break;
    case SecretValue::Format::Binary: {
        appendJsonString(out, "base64");
        out.append(":\"");
        QByteArray raw = value.blob().toByteArrayUnsafe();
        QByteArray encoded = raw.toBase64();
        wipe(raw);
        out.append({encoded.constData(), static_cast<std::size_t>(encoded.size())});
        wipe(encoded);
        out.append("\"");
        break;
    }
    }
    out.append("}\n");
    return out;
}

void SecretPrinter::appendJsonString(SecretBytes& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out.append("\"");
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        out.append(text.substr(runStart, i - runStart));
        std::array<char, 6> escape{'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\r':
            out.append("\\r");
            break;
        default:
            out.append({escape.data(), escape.size()});
        }
        runStart = i + 1;
    }
    out.append(text.substr(runStart));
    out.append("\"");
}

} // namespace strongroom::cli
