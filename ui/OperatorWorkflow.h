#pragma once

#include "Result.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace strongroom {

// The one confirm -> call -> report sequence of the window's operator workflows: wait for the
// operator's answer to a question already on screen (DialogAnswers), run the audited app/ call
// once they agreed, and say how it went in done() or failed(). Workflows derive from it; a dialog
// that reports in its own labels owns one and listens to its signals.
class OperatorWorkflow : public QObject {
    Q_OBJECT
public:
    explicit OperatorWorkflow(QWidget* window, QObject* parent = nullptr);

    // True when the call ran and succeeded; false when the operator declined, the call failed or
    // this workflow went away meanwhile.
    QCoro::Task<bool> confirmCallReport(QCoro::Task<bool> asking,
                                        std::function<QCoro::Task<Status>()> call, QString success);
    // For a call that answers a value (a rotation's new version): `success` says what it means.
    QCoro::Task<bool> confirmCallReportValue(QCoro::Task<bool> asking,
                                             std::function<QCoro::Task<Result<QString>>()> call,
                                             std::function<QString(const QString& value)> success);

Q_SIGNALS:
    void failed(const QString& message);
    void done(const QString& message);

protected:
    QWidget* window() const { return m_window; }

private:
    QPointer<QWidget> m_window;
};

} // namespace strongroom
