#pragma once

#include "BackendError.h"

#include <utility>
#include <variant>

namespace strongroom {

// Success marker for operations that return nothing.
struct Done {};

// Either a value or a BackendError. Backends return these from coroutines instead of throwing,
// so every caller has to look at the error path.
template <typename T> class Result {
public:
    Result(T value)
        : m_state(std::move(value)) {}
    Result(BackendError error)
        : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_state); }
    const T& value() const& { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const BackendError& error() const { return std::get<BackendError>(m_state); }

private:
    std::variant<T, BackendError> m_state;
};

using Status = Result<Done>;

} // namespace strongroom
