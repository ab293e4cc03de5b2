#pragma once

#include <QCoreApplication>
#include <QMetaObject>

#include <coroutine>

namespace strongroom {

// `co_await EventLoopTurn{};` lets the event loop run once (paint, input, other coroutines)
// before the coroutine continues. The resumption is a posted event, so it comes back as soon as
// what is already queued has run, without creating a timer per turn.
struct EventLoopTurn {
    bool await_ready() const noexcept { return QCoreApplication::instance() == nullptr; }
    void await_suspend(std::coroutine_handle<> handle) const {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [handle] { handle.resume(); }, Qt::QueuedConnection);
    }
    void await_resume() const noexcept {}
};

} // namespace strongroom
