#pragma once

#include "Result.h"
#include "SecretBytes.h"

#include <QCoroTask>

#include <functional>

namespace strongroom {

// Where a ceremony takes its unseal shares from when nobody types them into a window (the CLI: a
// terminal without echo, or stdin one per line). Given the 1-based number of the share asked
// for; NotFound means there are no more.
using ShareSource = std::function<QCoro::Task<Result<SecretBytes>>(int index)>;

} // namespace strongroom
