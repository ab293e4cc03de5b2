#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `aws cancel-rotation <path>` and `aws clear-pending <path> --version <id>`, kept for scripts:
// each runs the generic `rotation <path>` in one of its modes (--off, --clear-stuck --version).
class AwsRotationModeAlias : public CliCommand {
public:
    static AwsRotationModeAlias cancelRotation();
    static AwsRotationModeAlias clearPending();

    QString name() const override { return m_name; }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;

private:
    QString m_name;
    QString m_summary;
    QString m_description;
    QString m_mode;              // the generic verb's option: "--off", "--clear-stuck"
    bool m_needsVersion = false; // --version <id> is required (and passed on)
};

} // namespace strongroom::cli
