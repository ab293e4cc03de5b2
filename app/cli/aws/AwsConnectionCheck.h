#pragma once

#include <optional>

namespace strongroom::cli {

class CliSession;

// What the `aws …` aliases of the generic verbs check before they run one: --connection names
// an AWS connection, as it had to for the commands they replace. A usage error (2) for the local
// store or another store's connection; an unknown id is left to the opening (not found).
class AwsConnectionCheck {
public:
    static std::optional<int> check(CliSession& session);
};

} // namespace strongroom::cli
