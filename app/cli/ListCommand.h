#pragma once

#include "CliCommand.h"
#include "Entry.h"
#include "Result.h"

#include <QList>

namespace strongroom {
class Connection;
class SecretService;
} // namespace strongroom

namespace strongroom::cli {

// `ls [folder] [-r]`: the folders and secrets in one folder, or below it with -r.
class ListCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("ls"); }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;

private:
    // Every page of `folder`, descending into sub-folders when `recursive`, in display order.
    static QCoro::Task<Status> collect(SecretService& secrets, Connection* connection,
                                       QString folder, bool recursive, QList<Entry>& entries);
};

} // namespace strongroom::cli
