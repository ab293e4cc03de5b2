#pragma once

// Assertions of the contract suite: every check prints the store's own error when a call fails,
// so a red line says what the store answered.
#include "ContractKit.h"

#include <QTest>

// Fails the test with the store's message when `expression` (a Result) is an error. Evaluates
// its argument once: it is often the call under test itself.
#define VERIFY_OK(expression)                                                                      \
    do {                                                                                           \
        const auto& checked_ = (expression);                                                       \
        QVERIFY2(checked_.ok(), qPrintable(contract::errorText(checked_)));                        \
    } while (false)

// Fails the test unless `expression` is an error of `expectedKind`.
#define VERIFY_ERROR(expression, expectedKind)                                                     \
    do {                                                                                           \
        const auto& checked_ = (expression);                                                       \
        QVERIFY2(!checked_.ok(), "expected an error, the call succeeded");                         \
        QVERIFY2(checked_.error().kind() == (expectedKind),                                        \
                 qPrintable(QStringLiteral("expected %1, got %2")                                  \
                                .arg(strongroom::BackendError::kindName(expectedKind),             \
                                     contract::errorText(checked_))));                             \
    } while (false)

// Fails the test unless `expression` failed at all (any kind).
#define VERIFY_FAILS(expression)                                                                   \
    QVERIFY2(!(expression).ok(), "expected an error, the call succeeded")
