#pragma once

#include "ProviderDescription.h"

namespace strongroom {

// AWS Secrets Manager as the provider registry knows it.
ProviderDescription awsProvider();

} // namespace strongroom
