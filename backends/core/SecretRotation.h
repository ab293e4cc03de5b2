#pragma once

#include <QDateTime>
#include <QString>
#include <QVariantMap>

namespace strongroom {

// How one secret rotates, in the common vocabulary: whether rotation is on, on what schedule,
// who performs it, when it last ran and runs next, and whether one is under way or stuck.
struct RotationInfo {
    enum class State { Idle, InProgress, Stuck };
    enum class Rotator {
        None,          // nothing rotates it
        Function,      // a function the store calls (an AWS Lambda)
        Notification,  // the store only notifies (GCP Pub/Sub topics): the client adds a version
        DatabaseRole,  // a database secrets engine role
        GeneratedValue // the store or Strongroom generates the new value
    };

    bool enabled = false;
    QString schedule; // as the operator reads it: "every 30 days", "rate(10 days)", "cron(...)"
    QDateTime lastRotated;
    QDateTime nextRotation;
    State state = State::Idle;
    QString stuckReason; // why it is stuck ("AWSPENDING is on version 1f2e… that is not current")
    QString stuckVersion; // the version a stuck rotation left behind, for clearStuckRotation
    Rotator rotator = Rotator::None;
    QString rotatorName; // the Lambda ARN, topic names, role name
    // The store's own settings, for its rotation settings form (keys documented by the store's
    // backend); never a secret.
    QVariantMap settings;
};

// A rotation's settings as the store's settings form produced them (its own documented keys).
using RotationSettings = QVariantMap;

QString rotationStateName(RotationInfo::State state);
QString rotatorName(RotationInfo::Rotator rotator);

} // namespace strongroom
