#pragma once

#include "LocalStoreConnection.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>
#include <QThreadPool>

#include <memory>
#include <type_traits>

namespace strongroom {

// One dedicated thread that owns a store's SQLite connection. Every job runs there, in order, so
// the connection is only ever touched by the thread that opened it and the caller never blocks:
// it awaits the returned QFuture.
class LocalStoreWorker {
public:
    LocalStoreWorker();
    // Closes the connection on the worker thread and joins it. Jobs never hold the worker, so
    // this never runs on the worker thread itself; and every coroutine awaiting a job holds the
    // worker, so by the time the last holder lets go no job is in flight and the join only
    // waits for the close.
    ~LocalStoreWorker();
    LocalStoreWorker(const LocalStoreWorker&) = delete;
    LocalStoreWorker& operator=(const LocalStoreWorker&) = delete;

    template <typename Job>
    auto run(Job job) -> QFuture<std::invoke_result_t<Job&, LocalStoreConnection&>> {
        LocalStoreConnection* connection = m_connection.get();
        return QtConcurrent::run(
            &m_pool, [connection, job = std::move(job)]() mutable { return job(*connection); });
    }

private:
    QThreadPool m_pool;
    std::unique_ptr<LocalStoreConnection> m_connection;
};

} // namespace strongroom
