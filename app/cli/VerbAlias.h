#pragma once

#include "StoreVerbCommand.h"

#include <memory>

namespace strongroom::cli {

// A store's older command kept as an alias of a generic verb (`aws restore` for `restore`), so
// scripts written for it keep working: it runs the verb itself, with the same options, output
// and audit entry, after `check` (e.g. that the connection is one of the store's). Listed in help
// as "(alias of <verb>)".
class VerbAlias : public CliCommand {
public:
    using ConnectionCheck = std::function<std::optional<int>(CliSession&)>;

    VerbAlias(QString name, std::unique_ptr<StoreVerbCommand> verb, ConnectionCheck check);

    QString name() const override { return m_name; }
    QString summary() const override;
    QCoro::Task<int> run(CliSession& session, QStringList arguments) override;

    // "(alias of <verb words>) <summary>"; the summary says what the alias adds, if anything.
    static QString aliasSummary(const QString& summary, const QString& verbWords);

private:
    QString m_name;
    std::unique_ptr<StoreVerbCommand> m_verb;
    ConnectionCheck m_check;
};

} // namespace strongroom::cli
