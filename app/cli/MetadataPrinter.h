#pragma once

#include "CliOutput.h"
#include "SecretMetadata.h"
#include "SecretRef.h"

namespace strongroom::cli {

// `metadata` output: aligned "field: value" lines, or one JSON object.
class MetadataPrinter {
public:
    static void print(const CliOutput& output, const SecretRef& ref, const SecretMetadata& metadata,
                      bool json);
};

} // namespace strongroom::cli
