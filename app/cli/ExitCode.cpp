#include "ExitCode.h"

namespace strongroom::cli {

ExitCode exitCodeFor(BackendError::Kind kind) {
    using Kind = BackendError::Kind;
    switch (kind) {
    case Kind::NotFound:
        return ExitCode::NotFound;
    case Kind::PermissionDenied:
    case Kind::Unauthenticated:
        return ExitCode::PermissionDenied;
    case Kind::Conflict:
        return ExitCode::Conflict;
    case Kind::InvalidResponse:
        return ExitCode::StoreDamaged;
    case Kind::Sealed:
    case Kind::Throttled:
    case Kind::Network:
    case Kind::Tls:
        return ExitCode::Unavailable;
    case Kind::InvalidInput:
        return ExitCode::Usage;
    case Kind::Unsupported:
    case Kind::Cancelled:
        return ExitCode::Failure;
    }
    return ExitCode::Failure;
}

int toInt(ExitCode code) {
    return static_cast<int>(code);
}

QString exitCodeTable() {
    return QStringLiteral("Exit codes:\n"
                          "  0  success\n"
                          "  1  generic failure\n"
                          "  2  usage error (unknown command or option, missing or bad argument)\n"
                          "  3  not found (secret, version, folder or connection)\n"
                          "  4  permission denied or not authenticated (incl. wrong passphrase, "
                          "locked store)\n"
                          "  5  conflict: the secret changed since it was read; nothing was "
                          "written\n"
                          "  6  store damaged or invalid response\n"
                          "  7  network, TLS, sealed server or throttled\n"
                          "  8  audit log chain broken\n");
}

} // namespace strongroom::cli
