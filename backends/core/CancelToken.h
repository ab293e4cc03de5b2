#pragma once

#include <atomic>
#include <memory>

namespace strongroom {

// Shared flag a caller flips to stop long work (large listings, crawls). Cheap to copy; checked
// by the worker between pages or rows.
class CancelToken {
public:
    CancelToken()
        : m_flag(std::make_shared<std::atomic_bool>(false)) {}
    void cancel() const { m_flag->store(true); }
    bool isCancelled() const { return m_flag->load(); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

} // namespace strongroom
