#pragma once

#include <QCoroTask>

#include <optional>

// QCoro::waitFor (behind tests/support/Await.h) needs a default-constructible result, which
// Result<T> is not; this drives the task through an optional instead. Tests only.
template <typename T> QCoro::Task<std::optional<T>> asOptional(QCoro::Task<T> task) {
    co_return co_await std::move(task);
}

template <typename T> T awaitResult(QCoro::Task<T>&& task) {
    return std::move(*QCoro::waitFor(asOptional(std::move(task))));
}

inline void awaitResult(QCoro::Task<void>&& task) {
    QCoro::waitFor(std::move(task));
}
