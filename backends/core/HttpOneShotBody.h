#pragma once

#include <QByteArray>
#include <QIODevice>

namespace strongroom {

// A request body Qt can read once and never rewind. Qt's HTTP layer silently resends a request
// when a connection drops before the reply starts, whatever the method; for a request that is
// not safe to repeat, a body that cannot be rewound turns that resend into an error
// (ContentReSendError) instead of a second, unasked-for write.
class HttpOneShotBody : public QIODevice {
    Q_OBJECT
public:
    explicit HttpOneShotBody(QByteArray body, QObject* parent = nullptr);

    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 maxSize) override;

private:
    // Shares the caller's buffer, which the caller wipes once the exchange is over.
    QByteArray m_body;
    qint64 m_offset = 0;
};

} // namespace strongroom
