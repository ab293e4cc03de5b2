#pragma once

#include <QCoroTask>
#include <QDialog>

class QAction;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace strongroom {

class AppSettings;
class Clipboard;
class ErrorLabel;
class InitSecretStep;
class InitializeCeremony;
class SealStatusCheck;

// The init window over an InitializeCeremony. The node's seal status is read first: an
// initialized node is said to be so and nothing can be sent. The form takes the number of shares,
// the threshold and optional PGP keys (one per share, and one for the root token), checked by the
// server's rules before anything is sent. After init each custodian gets their share in turn
// ("Share 2 of 5"), masked until Reveal; "I have stored it" wipes it and moves on. Then the root
// token is kept in the keychain for the connection or discarded. Closing before the end asks first:
// what was not handed out is lost for good.
class InitDialog : public QDialog {
    Q_OBJECT
public:
    // The dialog owns `ceremony` from here on.
    InitDialog(InitializeCeremony* ceremony, const QString& nodeName, AppSettings* settings,
               Clipboard* clipboard, QWidget* parent = nullptr);
    ~InitDialog() override;

    // Menus: `action` is enabled once `probe` reports the node is not initialized; otherwise its
    // text says why not. The probe should die with the action (the menu).
    static QCoro::Task<> enableIfUninitialized(QAction* action, SealStatusCheck* probe);

    enum class Stage { Checking, Form, Initializing, Shares, RootToken, Done };
    Stage stage() const { return m_stage; }

    QLabel* statusLabel() const { return m_status; }
    QSpinBox* sharesField() const { return m_shares; }
    QSpinBox* thresholdField() const { return m_threshold; }
    QPlainTextEdit* pgpKeysField() const { return m_pgpKeys; }
    QLineEdit* rootPgpKeyField() const { return m_rootPgpKey; }
    QPushButton* initializeButton() const { return m_initialize; }
    ErrorLabel* formMessage() const { return m_formMessage; }
    InitSecretStep* shareStep() const { return m_shareStep; }
    QPushButton* storedButton() const { return m_stored; }
    InitSecretStep* tokenStep() const { return m_tokenStep; }
    QPushButton* keepButton() const { return m_keep; }
    QPushButton* discardButton() const { return m_discard; }
    QLabel* doneLabel() const { return m_done; }

    void reject() override;

private:
    QWidget* buildForm();
    QWidget* buildShares();
    QWidget* buildRootToken();
    QCoro::Task<> checkStatus();
    QCoro::Task<> initialize();
    QCoro::Task<> keepRootToken();
    void showShare();
    void shareStored();
    void discardRootToken();
    void finish(const QString& text);
    void setStage(Stage stage);

    InitializeCeremony* m_ceremony;
    QString m_name;
    Stage m_stage = Stage::Checking;
    QStackedWidget* m_pages;
    QLabel* m_status;
    QSpinBox* m_shares;
    QSpinBox* m_threshold;
    QPlainTextEdit* m_pgpKeys;
    QLineEdit* m_rootPgpKey;
    QPushButton* m_initialize;
    ErrorLabel* m_formMessage;
    QLabel* m_shareHint;
    InitSecretStep* m_shareStep;
    QPushButton* m_stored;
    InitSecretStep* m_tokenStep;
    QLabel* m_tokenHint;
    QPushButton* m_keep;
    QPushButton* m_discard;
    QLabel* m_done;
    QPushButton* m_close;
};

} // namespace strongroom
