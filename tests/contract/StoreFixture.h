#pragma once

#include "SecretBackend.h"

#include <QCoroTask>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// A contract check a store (or the peer it is tested against) is known to fail today. The
// fixture says why and names the issue that fixes it; the suite marks the check QEXPECT_FAIL,
// so it shows in every run as XFAIL and turns into a failure (XPASS) the day it is fixed and
// the entry must go.
enum class ContractGap {
    VersionOrder,          // versions() lists the oldest version first
    MissingSecretVersions, // versions() of a secret that does not exist is NotFound
    RotatedValue,          // after rotateNow() the current value can be read
};

// What the contract suite needs from one store and cannot learn from SecretBackend itself:
// how to start its server, sign a backend in, make room for a test, seed many secrets quickly
// and hand the credential back after lock(). A new store joins the suite with one fixture (and
// three CMake lines in tests/contract/CMakeLists.txt); the suite itself never names a store.
//
// Version ids stay opaque: the suite only compares the ids the store gave it.
class StoreFixture {
public:
    virtual ~StoreFixture() = default;

    // A short name for messages: "local", "openbao", "moto".
    virtual QString storeName() const = 0;

    // Once per run (initTestCase): starts the store's server, when it has one. False with the
    // reason in `why` (a missing server binary fails, never skips).
    virtual bool start(QString* why) = 0;
    virtual void stop() {}

    // A backend signed in (state Connected) with a credential that may do everything the store
    // supports. Null with the reason in `why`.
    virtual std::unique_ptr<strongroom::SecretBackend> open(QString* why) = 0;

    // A folder ("a/b/", ending in '/') no other test of this run uses and that is empty.
    virtual QString freshFolder() = 0;

    // Creates `count` secrets directly in `folder` as fast as the store allows (behind the
    // backend's back where the peer has its own API), and returns their full paths.
    virtual QStringList seed(strongroom::SecretBackend& backend, const QString& folder, int count,
                             QString* why) = 0;

    // Gives `backend` back the credential lock() dropped, as its connector would after the
    // operator signs in again; afterwards it is Connected.
    virtual QCoro::Task<strongroom::Status>
    giveCredentialsBack(strongroom::SecretBackend& backend) = 0;

    // A backend whose credential may list and read what is under `folder` but not write there;
    // null when the store has no narrower credential (whoever holds the local store's key may
    // do everything) or its peer does not enforce one.
    virtual std::unique_ptr<strongroom::SecretBackend> openReadOnly(const QString& folder,
                                                                    QString* why) {
        Q_UNUSED(folder);
        Q_UNUSED(why);
        return nullptr;
    }

    // Settings configureRotation() accepts for `ref` on this store (its own documented keys),
    // after preparing the peer (an AWS Lambda). They must turn rotation on without rotating at
    // once. nullopt with the reason when the store cannot be configured here.
    virtual std::optional<strongroom::RotationSettings>
    rotationSettings(const strongroom::SecretRef& ref, QString* why) {
        Q_UNUSED(ref);
        *why = QStringLiteral("the fixture gives no rotation settings");
        return std::nullopt;
    }

    // Leaves a rotation of `ref` unfinished on the peer, as a rotation that failed half-way
    // would, and returns the version it left behind. Empty with the reason when it cannot.
    virtual QString makeRotationStuck(const strongroom::SecretRef& ref, QString* why) {
        Q_UNUSED(ref);
        *why = QStringLiteral("the fixture cannot leave a rotation stuck");
        return {};
    }

    // Why this store fails `gap` today ("issue 11: ..."), empty when it does not.
    virtual QString knownGap(ContractGap gap) const {
        Q_UNUSED(gap);
        return {};
    }
};
