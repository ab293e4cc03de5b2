#include "LocalStoreWorker.h"

namespace strongroom {

LocalStoreWorker::LocalStoreWorker()
    : m_connection(std::make_unique<LocalStoreConnection>()) {
    m_pool.setMaxThreadCount(1);
    // The thread must never expire: the connection belongs to it.
    m_pool.setExpiryTimeout(-1);
}

LocalStoreWorker::~LocalStoreWorker() {
    LocalStoreConnection* connection = m_connection.get();
    m_pool.start([connection] { connection->close(); });
    m_pool.waitForDone();
}

} // namespace strongroom
