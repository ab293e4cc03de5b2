#include "AwsTimestamp.h"

#include <QTimeZone>

#include <cmath>

namespace strongroom {

namespace {

// Epoch seconds of 9999-12-31T23:59:59Z: a later date is not a date AWS sends.
constexpr double latestEpochSeconds = 253402300799.0;

} // namespace

std::optional<QDateTime> awsTimestampFromJson(const nlohmann::json& value) {
    if (!value.is_number())
        return std::nullopt;
    const double seconds = value.get<double>();
    if (!std::isfinite(seconds) || seconds < 0 || seconds > latestEpochSeconds)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(std::llround(seconds * 1000.0), QTimeZone::utc());
}

} // namespace strongroom
