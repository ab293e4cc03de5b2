#pragma once

#include "SecretBytes.h"

#include <QString>

#include <optional>

namespace strongroom::cli {

// One `key=value` argument of `put`. The value is given inline, read from a file (`key=@file`)
// or from stdin (`key=-`); `key=@@text` is the escape for a literal value starting with '@'.
struct KeyValueArgument {
    enum class Source { Inline, File, Stdin };

    QString key;
    Source source = Source::Inline;
    SecretBytes value; // Inline only
    QString file;      // File only

    // Takes the value out of `argument` and wipes it. nullopt (with `error` set, never naming
    // the value) when it is not `key=...` with a non-empty key.
    static std::optional<KeyValueArgument> parse(QString& argument, QString& error);
};

} // namespace strongroom::cli
