#pragma once

#include <nlohmann/json.hpp>

namespace strongroom {

// Overwrites every string (keys excepted) inside a parsed JSON document before it is destroyed,
// so secret values parsed from a reply do not linger in freed heap memory.
void wipeJson(nlohmann::json& document);

} // namespace strongroom
