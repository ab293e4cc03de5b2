#pragma once

#include <QDateTime>

#include <nlohmann/json.hpp>

#include <optional>

namespace strongroom {

// A date in an AWS JSON 1.1 reply: seconds since 1970 as a JSON number, possibly fractional
// (1523477145.729). Read to a UTC QDateTime with milliseconds; nothing for another JSON type, a
// negative number or one past the year 9999.
std::optional<QDateTime> awsTimestampFromJson(const nlohmann::json& value);

} // namespace strongroom
