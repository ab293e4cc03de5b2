#pragma once

#include "StoreVerbCommand.h"

namespace strongroom::cli {

// `rotate <path> [--set key=value ...]`: starts a rotation now (RotationService::rotateNow) and
// prints the new version; with --set, configures the rotation first.
class RotateCommand : public StoreVerbCommand {
public:
    QString name() const override { return QStringLiteral("rotate"); }
    QString summary() const override;
    QCoro::Task<int> runAs(CliSession& session, QStringList arguments,
                           VerbInvocation invocation) override;
};

} // namespace strongroom::cli
