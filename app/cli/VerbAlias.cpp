#include "VerbAlias.h"

namespace strongroom::cli {

VerbAlias::VerbAlias(QString name, std::unique_ptr<StoreVerbCommand> verb, ConnectionCheck check)
    : m_name(std::move(name))
    , m_verb(std::move(verb))
    , m_check(std::move(check)) {}

QString VerbAlias::summary() const {
    return aliasSummary({}, m_verb->name());
}

QString VerbAlias::aliasSummary(const QString& summary, const QString& verbWords) {
    const QString alias = QStringLiteral("(alias of %1)").arg(verbWords);
    return summary.isEmpty() ? alias : alias + QLatin1Char(' ') + summary;
}

QCoro::Task<int> VerbAlias::run(CliSession& session, QStringList arguments) {
    auto running = m_verb->runAs(session, std::move(arguments), VerbInvocation{m_name, m_check});
    co_return co_await std::move(running);
}

} // namespace strongroom::cli
