#pragma once

#include <QCoroTask>

// Tests drive coroutines to completion with QCoro::waitFor (which spins an event loop). This is
// for tests only: application code never waits like this.
template <typename T> auto await(QCoro::Task<T>&& task) { return QCoro::waitFor(std::move(task)); }
