#include "HttpOneShotBody.h"

#include <algorithm>
#include <cstring>

namespace strongroom {

HttpOneShotBody::HttpOneShotBody(QByteArray body, QObject* parent)
    : QIODevice(parent)
    , m_body(std::move(body)) {
    // Unbuffered: QIODevice's own read-ahead buffer would keep body bytes we never wipe.
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

qint64 HttpOneShotBody::bytesAvailable() const {
    return (m_body.size() - m_offset) + QIODevice::bytesAvailable();
}

qint64 HttpOneShotBody::readData(char* data, qint64 maxSize) {
    const qint64 count = std::min<qint64>(maxSize, m_body.size() - m_offset);
    if (count <= 0) {
        // Qt's upload reader only sees the end of a sequential device as -1.
        return -1;
    }
    std::memcpy(data, m_body.constData() + m_offset, static_cast<std::size_t>(count));
    m_offset += count;
    return count;
}

qint64 HttpOneShotBody::writeData(const char*, qint64) {
    return -1;
}

} // namespace strongroom
