#pragma once

#include "SecretBackend.h"

// A store that only lists: one folder "huge/" of `count` generated secrets, answered at once
// without a worker thread. Used where a real store would take minutes to fill (100k entries).
class ListingBackend : public strongroom::SecretBackend {
    Q_OBJECT
public:
    explicit ListingBackend(int count, QObject* parent = nullptr)
        : SecretBackend(parent)
        , m_count(count) {}

    int listCalls = 0;

    QString providerId() const override { return QStringLiteral("test"); }
    void lock() override {}
    strongroom::ConnectionState state() const override {
        return strongroom::ConnectionState::Connected;
    }
    strongroom::Capabilities storeCapabilities() const override {
        return strongroom::Capabilities(strongroom::Capability::List);
    }
    QCoro::Task<strongroom::Result<strongroom::Capabilities>>
    capabilitiesFor(strongroom::SecretRef) override {
        co_return storeCapabilities();
    }
    QCoro::Task<strongroom::Result<strongroom::ListPage>>
    list(QString folder, strongroom::PageRequest page, strongroom::CancelToken) override {
        ++listCalls;
        strongroom::ListPage result;
        if (folder.isEmpty()) {
            result.entries.append(
                {strongroom::Entry::Kind::Folder, QStringLiteral("huge"), QStringLiteral("huge/")});
            co_return result;
        }
        const int first = page.cursor.isEmpty() ? 0 : page.cursor.toInt();
        const int last = std::min(m_count, first + page.limit);
        result.entries.reserve(last - first);
        for (int i = first; i < last; ++i) {
            const QString name = QStringLiteral("s%1").arg(i, 6, 10, QLatin1Char('0'));
            result.entries.append({strongroom::Entry::Kind::Secret, name, folder + name});
        }
        if (last < m_count) {
            result.nextCursor = QString::number(last);
        }
        co_return result;
    }
    QCoro::Task<strongroom::Result<strongroom::SecretValue>> read(strongroom::SecretRef,
                                                                  QString) override {
        co_return unsupported();
    }
    QCoro::Task<strongroom::Result<QList<strongroom::VersionInfo>>>
    versions(strongroom::SecretRef) override {
        co_return unsupported();
    }
    QCoro::Task<strongroom::Result<strongroom::SecretMetadata>>
    metadata(strongroom::SecretRef) override {
        co_return unsupported();
    }
    QCoro::Task<strongroom::Result<strongroom::WriteResult>>
    write(strongroom::WriteRequest) override {
        co_return unsupported();
    }

private:
    static strongroom::BackendError unsupported() {
        return strongroom::BackendError(strongroom::BackendError::Kind::Unsupported);
    }
    int m_count;
};
