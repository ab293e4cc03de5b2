#include "OperatorWorkflow.h"

#include <QWidget>

namespace strongroom {

namespace {
QCoro::Task<Result<QString>> withoutValue(QCoro::Task<Status> calling) {
    const Status status = co_await std::move(calling);
    if (!status.ok()) {
        co_return status.error();
    }
    co_return QString();
}
} // namespace

OperatorWorkflow::OperatorWorkflow(QWidget* window, QObject* parent)
    : QObject(parent)
    , m_window(window) {}

QCoro::Task<bool> OperatorWorkflow::confirmCallReport(QCoro::Task<bool> asking,
                                                      std::function<QCoro::Task<Status>()> call,
                                                      QString success) {
    return confirmCallReportValue(
        std::move(asking), [call = std::move(call)] { return withoutValue(call()); },
        [success = std::move(success)](const QString&) { return success; });
}

QCoro::Task<bool>
OperatorWorkflow::confirmCallReportValue(QCoro::Task<bool> asking,
                                         std::function<QCoro::Task<Result<QString>>()> call,
                                         std::function<QString(const QString& value)> success) {
    QPointer<OperatorWorkflow> self(this);
    const bool yes = co_await std::move(asking);
    if (!self || !yes) {
        co_return false;
    }
    auto calling = call();
    const Result<QString> result = co_await std::move(calling);
    if (!self) {
        co_return false;
    }
    if (!result.ok()) {
        Q_EMIT failed(result.error().message());
        co_return false;
    }
    Q_EMIT done(success(result.value()));
    co_return true;
}

} // namespace strongroom
