#pragma once

#include <QCoroTask>

#include <optional>

// Tests drive coroutines to completion with QCoro::waitFor (which spins an event loop). This is
// for tests only: application code never waits like this. QCoro::waitFor needs a
// default-constructible result, which Result<T> is not, so the value travels through an optional.
template <typename T> QCoro::Task<std::optional<T>> awaitAsOptional(QCoro::Task<T> task) {
    co_return co_await std::move(task);
}

template <typename T> T await(QCoro::Task<T>&& task) {
    return std::move(*QCoro::waitFor(awaitAsOptional(std::move(task))));
}

inline void await(QCoro::Task<void>&& task) {
    QCoro::waitFor(std::move(task));
}
