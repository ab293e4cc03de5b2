#pragma once

#include "Result.h"
#include "SecretValue.h"

#include <QCoroTask>
#include <QStringList>

namespace strongroom::cli {

// Builds the value `put` writes: from key=value arguments (values inline, from @file or from
// stdin), a JSON object on stdin, or text on stdin. Input mistakes are InvalidInput errors whose
// message names keys, never values.
class SecretValueInput {
public:
    // Wipes every argument it consumed.
    static QCoro::Task<Result<SecretValue>> fromPairs(QStringList pairs);
    static QCoro::Task<Result<SecretValue>> fromStdinJson();
    static QCoro::Task<Result<SecretValue>> fromStdinText();
};

} // namespace strongroom::cli
