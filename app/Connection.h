#pragma once

#include "SecretBackend.h"

#include <QObject>
#include <QString>

#include <memory>

namespace strongroom {

// One store the operator works with: a backend plus the name and id the UI and the audit log use.
// The connection owns its backend.
class Connection : public QObject {
    Q_OBJECT
public:
    Connection(QString id, QString displayName, std::unique_ptr<SecretBackend> backend,
               QObject* parent = nullptr);
    ~Connection() override;

    QString id() const { return m_id; }
    QString displayName() const { return m_displayName; }
    QString providerId() const;
    SecretBackend* backend() const { return m_backend.get(); }
    ConnectionState state() const;

Q_SIGNALS:
    void stateChanged(strongroom::ConnectionState state);

private:
    QString m_id;
    QString m_displayName;
    std::unique_ptr<SecretBackend> m_backend;
};

} // namespace strongroom
