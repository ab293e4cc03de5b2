#pragma once

#include "Result.h"
#include "VaultHaStatus.h"
#include "VaultSealStatus.h"

#include <nlohmann/json.hpp>

namespace strongroom::vault {

// Pure parsing of the operator endpoints' replies. Wrong types or missing required fields give
// InvalidResponse. Bodies that carry secrets (init, generate-root) are wiped.

// sys/seal-status, sys/unseal.
Result<VaultSealStatus> parseSealStatus(const nlohmann::json& body);
// sys/init: keys, keys_base64, root_token; `body` is wiped.
Result<VaultInitResult> parseInitResult(nlohmann::json& body);
// sys/generate-root/* at the top level, or sys/generate-root-token/* inside `data`; `body` is
// wiped (encoded_token and otp are secret).
Result<GenerateRootStatus> parseGenerateRootStatus(nlohmann::json& body);
// sys/leader: ha_enabled is required; the rest only when HA is on.
Result<VaultLeader> parseLeader(const nlohmann::json& body);
// sys/ha-status: `nodes` (inside `data` or at the top level), each with api_address and
// active_node; at most one active node.
Result<VaultHaStatus> parseHaStatus(const nlohmann::json& body);

} // namespace strongroom::vault
