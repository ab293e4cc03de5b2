#include "Await.h"
#include "Connection.h"
#include "CredentialStore.h"
#include "OpenBaoServer.h"
#include "VaultConnector.h"
#include "VaultOidcLogin.h"
#include "Workspace.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

using namespace strongroom;

#define VERIFY_OK(result)                                                                          \
    QVERIFY2((result).ok(), qPrintable((result).ok() ? QString() : (result).error().message()))

namespace {

// oidc-provider-mock (PyPI, installed into <repo>/.venv by scripts/setup-deps test): a real
// OpenID Connect provider with discovery, JWKS, RS256 ID tokens and the authorization code flow.
// Its authorize page is a form: POST sub=<user> to sign in, action=deny to refuse.
class OidcProvider {
public:
    ~OidcProvider() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    bool start(QString* why) {
        const QString path = qEnvironmentVariable("STRONGROOM_SOURCE_DIR") +
                             QStringLiteral("/.venv/bin/oidc-provider-mock");
        if (!QFileInfo(path).isExecutable()) {
            *why = QStringLiteral("no %1: run scripts/setup-deps test").arg(path);
            return false;
        }
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
        probe.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(path, {QStringLiteral("-p"), QString::number(m_port)});
        if (!m_process.waitForStarted(10000)) {
            *why = QStringLiteral("oidc-provider-mock did not start");
            return false;
        }
        QNetworkAccessManager nam;
        for (int i = 0; i < 100; ++i) {
            QNetworkReply* reply = nam.get(QNetworkRequest(
                issuer().resolved(QUrl(QStringLiteral("/.well-known/openid-configuration")))));
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(2000);
            const bool up = reply->error() == QNetworkReply::NoError;
            reply->deleteLater();
            if (up) {
                return true;
            }
            QTest::qWait(200);
        }
        *why = QStringLiteral("oidc-provider-mock never answered: ") +
               QString::fromUtf8(m_process.readAll().right(2000));
        return false;
    }
    QUrl issuer() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

// Plays the system browser: submits the provider's form, then follows its redirect to the
// loopback callback and keeps the page the app answered with.
class FakeBrowser : public QObject {
    Q_OBJECT
public:
    QByteArray form = QByteArrayLiteral("sub=alice");
    QByteArray landingPage;
    int landingStatus = 0;
    QUrl opened;

    void open(const QUrl& url) {
        opened = url;
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        QNetworkReply* reply = m_nam.post(request, form);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            const QUrl location = reply->header(QNetworkRequest::LocationHeader).toUrl();
            if (location.isEmpty()) {
                return;
            }
            QNetworkReply* landing = m_nam.get(QNetworkRequest(reply->url().resolved(location)));
            connect(landing, &QNetworkReply::finished, this, [this, landing] {
                landing->deleteLater();
                landingStatus =
                    landing->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                landingPage = landing->readAll();
            });
        });
    }

private:
    QNetworkAccessManager m_nam;
};

} // namespace

// OIDC sign-in end to end: OpenBao's oidc auth method against a real local OIDC provider, the
// system browser played by the test, the loopback callback and the token exchange.
class TestVaultOidc : public QObject {
    Q_OBJECT

private:
    OpenBaoServer m_server;
    OidcProvider m_provider;

    VaultConnectionSpec spec(const QString& id) const {
        VaultConnectionSpec spec;
        spec.id = id;
        spec.address = m_server.address().toString();
        spec.method = VaultAuthMethod::Oidc;
        spec.role = QStringLiteral("people");
        return spec;
    }
    static VaultCredentials oidc() {
        VaultCredentials credentials;
        credentials.method = VaultAuthMethod::Oidc;
        return credentials;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
        QString why;
        QVERIFY2(m_provider.start(&why), qPrintable(why));
        QVERIFY(m_server.writePolicy(
            QStringLiteral("kv-read"),
            QStringLiteral("path \"secret/*\" { capabilities = [\"read\", \"list\"] }\n"
                           "path \"sys/internal/ui/mounts\" { capabilities = [\"read\"] }\n")));
        auto enabled = m_server.api("POST", QStringLiteral("sys/auth/oidc"),
                                    QJsonObject{{QStringLiteral("type"), QStringLiteral("oidc")}});
        QVERIFY2(enabled.ok(), qPrintable(enabled.errors()));
        auto configured = m_server.api(
            "POST", QStringLiteral("auth/oidc/config"),
            QJsonObject{{QStringLiteral("oidc_discovery_url"), m_provider.issuer().toString()},
                        {QStringLiteral("oidc_client_id"), QStringLiteral("strongroom")},
                        {QStringLiteral("oidc_client_secret"), QStringLiteral("client-secret")},
                        {QStringLiteral("default_role"), QStringLiteral("people")}});
        QVERIFY2(configured.ok(), qPrintable(configured.errors()));
        // Loopback redirect URIs match on any port (RFC 8252 §7.3), so one entry serves the
        // free port the app picks.
        auto role = m_server.api(
            "POST", QStringLiteral("auth/oidc/role/people"),
            QJsonObject{{QStringLiteral("user_claim"), QStringLiteral("sub")},
                        {QStringLiteral("allowed_redirect_uris"),
                         QJsonArray{QStringLiteral("http://127.0.0.1:8250/oidc/callback")}},
                        {QStringLiteral("token_policies"), QJsonArray{QStringLiteral("kv-read")}},
                        {QStringLiteral("oidc_scopes"), QJsonArray{QStringLiteral("openid")}}});
        QVERIFY2(role.ok(), qPrintable(role.errors()));
    }

    void browserSignInGivesAToken() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        VaultConnector connector(&workspace);
        FakeBrowser browser;
        connect(&connector, &VaultConnector::browserLoginRequested, &browser, &FakeBrowser::open);
        auto connected = await(connector.connectNew(spec(QStringLiteral("sso")), oidc()));
        VERIFY_OK(connected);
        QCOMPARE(browser.opened.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(browser.opened.port(), m_provider.issuer().port());
        const QUrl redirect(
            QUrlQuery(browser.opened)
                .queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(redirect.path(), QStringLiteral("/oidc/callback"));
        QVERIFY(redirect.port() > 0);
        QCOMPARE(connected.value()->state(), ConnectionState::Connected);
        const auto info = connector.tokenInfo(QStringLiteral("sso"));
        QVERIFY(info && info->policies.contains(QStringLiteral("kv-read")));
        QTRY_COMPARE(browser.landingStatus, 200);
        QVERIFY(browser.landingPage.contains("You can close this tab"));
        // The token is the server's: it works against the API.
        auto token = await(
            workspace.credentials()->read(VaultConnector::keychainKey(QStringLiteral("sso"))));
        VERIFY_OK(token);
        QVERIFY(m_server
                    .api("GET", QStringLiteral("auth/token/lookup-self"), {},
                         QByteArray(token->data(), static_cast<qsizetype>(token->size())))
                    .ok());
        VERIFY_OK(await(connector.logout(QStringLiteral("sso"), true)));
    }

    void refusalAtTheProviderIsUnauthenticated() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        VaultConnector connector(&workspace);
        FakeBrowser browser;
        browser.form = QByteArrayLiteral("action=deny");
        connect(&connector, &VaultConnector::browserLoginRequested, &browser, &FakeBrowser::open);
        auto connected = await(connector.connectNew(spec(QStringLiteral("denied")), oidc()));
        QVERIFY(!connected.ok());
        QCOMPARE(connected.error().kind(), BackendError::Kind::Unauthenticated);
        QVERIFY2(connected.error().detail().contains(QStringLiteral("refused")),
                 qPrintable(connected.error().detail()));
        QVERIFY(!workspace.connection(QStringLiteral("denied")));
    }

    void noBrowserTimesOut() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        VaultConnector connector(&workspace);
        connector.setBrowserLoginTimeout(std::chrono::milliseconds(1500));
        QSignalSpy asked(&connector, &VaultConnector::browserLoginRequested);
        auto connected = await(connector.connectNew(spec(QStringLiteral("late")), oidc()));
        QVERIFY(!connected.ok());
        QCOMPARE(connected.error().kind(), BackendError::Kind::Cancelled);
        QCOMPARE(asked.count(), 1);
    }

    void cancelStopsWaiting() {
        QTemporaryDir dir;
        Workspace workspace(AppPaths::under(dir.path()));
        VaultConnector connector(&workspace);
        connect(&connector, &VaultConnector::browserLoginRequested, &connector, [&connector] {
            QTimer::singleShot(100, &connector, &VaultConnector::cancelBrowserLogin);
        });
        QElapsedTimer clock;
        clock.start();
        auto connected = await(connector.connectNew(spec(QStringLiteral("cancelled")), oidc()));
        QVERIFY(!connected.ok());
        QCOMPARE(connected.error().kind(), BackendError::Kind::Cancelled);
        QVERIFY(clock.elapsed() < 30000);
    }
};

QTEST_GUILESS_MAIN(TestVaultOidc)
#include "test_vault_oidc.moc"
