#pragma once

#include "CliCommand.h"

namespace strongroom::cli {

// `search <words...> [--under folder] [--concurrency n]`: every secret below a folder whose
// path contains all the words, crawling folders in parallel; matches print as they are found.
class SearchCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("search"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;
};

} // namespace strongroom::cli
