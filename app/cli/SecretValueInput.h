#pragma once

#include "KeyValueArgument.h"
#include "Result.h"
#include "SecretValue.h"

#include <QCoroTask>
#include <QStringList>

#include <vector>

namespace strongroom::cli {

// Builds the value `put` writes: from key=value arguments (values inline, from @file or from
// stdin), a JSON object on stdin, or text on stdin. Input mistakes are InvalidInput errors whose
// message names keys, never values.
class SecretValueInput {
public:
    // Checks the key=value syntax (before anything is opened, so a typo is a usage error even
    // without a store). Wipes every argument it consumed.
    static Result<std::vector<KeyValueArgument>> parsePairs(QStringList& pairs);
    // Reads the values given as @file or '-' and builds the key/value secret.
    static QCoro::Task<Result<SecretValue>> fromPairs(std::vector<KeyValueArgument> pairs);
    static QCoro::Task<Result<SecretValue>> fromStdinJson();
    static QCoro::Task<Result<SecretValue>> fromStdinText();
};

} // namespace strongroom::cli
