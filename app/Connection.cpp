#include "Connection.h"

namespace strongroom {

Connection::Connection(QString id, QString displayName, std::unique_ptr<SecretBackend> backend,
                       QObject* parent)
    : QObject(parent)
    , m_id(std::move(id))
    , m_displayName(std::move(displayName))
    , m_backend(std::move(backend)) {
    Q_ASSERT(m_backend);
    connect(m_backend.get(), &SecretBackend::stateChanged, this, &Connection::stateChanged);
}

Connection::~Connection() = default;

QString Connection::providerId() const {
    return m_backend->providerId();
}

ConnectionState Connection::state() const {
    return m_backend->state();
}

} // namespace strongroom
