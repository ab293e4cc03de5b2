#pragma once

#include "Await.h"

#include <optional>

// QCoro::waitFor needs a default-constructible result and Result<T> deliberately has none, so
// the task's value travels through an optional.
template <typename T> QCoro::Task<std::optional<T>> intoOptional(QCoro::Task<T> task) {
    co_return co_await std::move(task);
}

template <typename T> T awaitResult(QCoro::Task<T>&& task) {
    return *await(intoOptional(std::move(task)));
}
