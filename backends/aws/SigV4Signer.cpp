#include "SigV4Signer.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <algorithm>
#include <map>
#include <utility>

namespace strongroom {

namespace {

QByteArray sha256Hex(const QByteArray& data) {
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray hmac(const QByteArray& key, const QByteArray& data) {
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256);
}

bool isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

} // namespace

SigV4Signer::SigV4Signer(QByteArray region, QByteArray service)
    : m_region(std::move(region))
    , m_service(std::move(service)) {}

QByteArray SigV4Signer::uriEncode(const QByteArray& bytes, bool keepSlash) {
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out.append(c);
        } else {
            out.append('%');
            out.append(hex[u >> 4]);
            out.append(hex[u & 0xF]);
        }
    }
    return out;
}

QByteArray SigV4Signer::canonicalPath(const QByteArray& path) const {
    if (path.isEmpty())
        return "/";
    if (m_s3)
        return path;
    // Non-S3 services sign the normalised path (RFC 3986 dot segments, no empty segments).
    QList<QByteArray> kept;
    for (const QByteArray& segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!kept.isEmpty())
                kept.removeLast();
            continue;
        }
        kept.append(segment);
    }
    QByteArray normal = "/" + kept.join('/');
    if (path.endsWith('/') && !kept.isEmpty())
        normal.append('/');
    return uriEncode(normal, true);
}

QByteArray SigV4Signer::canonicalQuery(const QByteArray& query) {
    if (query.isEmpty())
        return {};
    std::vector<std::pair<QByteArray, QByteArray>> pairs;
    for (const QByteArray& part : query.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        const QByteArray name = eq < 0 ? part : part.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : part.mid(eq + 1);
        pairs.emplace_back(uriEncode(QByteArray::fromPercentEncoding(name), false),
                           uriEncode(QByteArray::fromPercentEncoding(value), false));
    }
    std::sort(pairs.begin(), pairs.end());
    QByteArray out;
    for (const auto& [name, value] : pairs) {
        if (!out.isEmpty())
            out.append('&');
        out.append(name).append('=').append(value);
    }
    return out;
}

QByteArray SigV4Signer::trimValue(const QByteArray& value) {
    return value.simplified();
}

bool SigV4Signer::isUnsignableHeader(const QByteArray& lowerName) {
    // The list of @smithy/signature-v4 and the other SDKs: hop-by-hop headers and headers that
    // proxies and HTTP stacks add or rewrite after signing.
    static const QList<QByteArray> never = {
        "authorization", "cache-control",     "connection", "expect",     "from",
        "keep-alive",    "max-forwards",      "pragma",     "referer",    "te",
        "trailer",       "transfer-encoding", "upgrade",    "user-agent", "x-amzn-trace-id"};
    return never.contains(lowerName) || lowerName.startsWith("proxy-") ||
           lowerName.startsWith("sec-");
}

QByteArray SigV4Signer::canonicalRequest(const SigV4Request& request) const {
    // Headers with the same name are joined with commas in the order they were given.
    std::map<QByteArray, QByteArray> headers;
    for (const auto& [name, value] : request.headers) {
        const QByteArray lower = name.toLower();
        if (isUnsignableHeader(lower))
            continue;
        QByteArray& joined = headers[lower];
        if (!joined.isEmpty())
            joined.append(',');
        joined.append(trimValue(value));
    }
    QByteArray canonicalHeaders;
    QByteArray signedHeaders;
    for (const auto& [name, value] : headers) {
        canonicalHeaders.append(name).append(':').append(value).append('\n');
        if (!signedHeaders.isEmpty())
            signedHeaders.append(';');
        signedHeaders.append(name);
    }
    return request.method + '\n' + canonicalPath(request.path) + '\n' +
           canonicalQuery(request.query) + '\n' + canonicalHeaders + '\n' + signedHeaders + '\n' +
           sha256Hex(request.body);
}

SigV4Signature SigV4Signer::sign(const SigV4Request& request, const AwsCredentials& credentials,
                                 const QDateTime& timeUtc) const {
    const QByteArray amzDate =
        timeUtc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
    const QByteArray day = amzDate.left(8);
    const QByteArray scope = day + '/' + m_region + '/' + m_service + "/aws4_request";

    SigV4Signature out;
    if (credentials.sessionToken.isEmpty()) {
        out.canonicalRequest = canonicalRequest(request);
    } else {
        SigV4Request withToken = request;
        withToken.headers.removeIf([](const auto& header) {
            return header.first.compare(securityTokenHeader, Qt::CaseInsensitive) == 0;
        });
        withToken.headers.emplaceBack(securityTokenHeader,
                                      credentials.sessionToken.toByteArrayUnsafe());
        out.canonicalRequest = canonicalRequest(withToken);
        for (auto& header : withToken.headers)
            wipe(header.second);
        out.sendSecurityToken = true;
    }
    out.stringToSign =
        "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n' + sha256Hex(out.canonicalRequest);

    QByteArray key =
        "AWS4" + QByteArray(credentials.secretAccessKey.data(),
                            static_cast<qsizetype>(credentials.secretAccessKey.size()));
    QByteArray kDate = hmac(key, day);
    QByteArray kRegion = hmac(kDate, m_region);
    QByteArray kService = hmac(kRegion, m_service);
    QByteArray kSigning = hmac(kService, "aws4_request");
    const QByteArray signature = hmac(kSigning, out.stringToSign).toHex();
    for (QByteArray* secret : {&key, &kDate, &kRegion, &kService, &kSigning})
        secret->fill('\0');

    const qsizetype lastNewline = out.canonicalRequest.lastIndexOf('\n');
    const qsizetype signedStart = out.canonicalRequest.lastIndexOf('\n', lastNewline - 1) + 1;
    const QByteArray signedHeaders =
        out.canonicalRequest.mid(signedStart, lastNewline - signedStart);
    out.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId.toLatin1() + '/' +
                        scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    return out;
}

} // namespace strongroom
