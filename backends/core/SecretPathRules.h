#pragma once

#include "BackendError.h"

#include <QString>

#include <optional>

namespace strongroom {

// Paths of stores where '/' means something on the wire (Vault/OpenBao, the local store): a path
// must not be able to step out of where it names. "secret/../../sys/mounts/secret" would be
// normalised by the HTTP stack into sys/mounts/secret, so deleting that "secret" would unmount
// the engine. Refused: "." and ".." segments, also percent-encoded ("%2e%2E", ".%2e"), an encoded
// separator ("%2f", "%5c"), a backslash, and empty segments ("a//b"). A folder's one trailing '/'
// and leading '/' (stripped by the store) are fine. InvalidInput with a plain message, or nothing.
std::optional<BackendError> pathEscapeProblem(const QString& path);

} // namespace strongroom
