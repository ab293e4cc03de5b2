#include "InitCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "InitializeCeremony.h"
#include "SealTarget.h"
#include "Workspace.h"

#include <QDir>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strongroom::cli {

namespace {

const QString kShares = QStringLiteral("shares");
const QString kThreshold = QStringLiteral("threshold");
const QString kShareDir = QStringLiteral("share-dir");
const QString kPgpKey = QStringLiteral("pgp-key");
const QString kRootPgpKey = QStringLiteral("root-token-pgp-key");

// One share to its own new file, readable by the owner only; never overwrites.
QString writeShareFile(const QString& path, const SecretBytes& share) {
    const auto native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return QStringLiteral("cannot create %1: %2")
            .arg(path, QString::fromLocal8Bit(strerror(errno)));
    }
    std::size_t done = 0;
    bool ok = true;
    while (ok && done < share.size()) {
        const auto written = ::write(fd, share.data() + done, share.size() - done);
        ok = written > 0;
        done += ok ? std::size_t(written) : 0;
    }
    ok = ok && ::write(fd, "\n", 1) == 1 && ::fsync(fd) == 0;
    ::close(fd);
    return ok ? QString() : QStringLiteral("cannot write %1").arg(path);
}

} // namespace

QString InitCommand::summary() const {
    return QStringLiteral("Initialize a Vault/OpenBao node and hand out its unseal shares");
}

QCoro::Task<int> InitCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(name(),
                         QStringLiteral("--address URL --shares N --threshold T [--share-dir DIR]"),
                         QStringLiteral("Initializes the node (sys/init). Each unseal share is "
                                        "printed once on stdout, or written to its own file "
                                        "(mode 0600) under --share-dir; the initial root token "
                                        "is printed on stdout. Nothing else keeps them."));
    SealTarget::addOptions(parser);
    parser.addOption({kShares, QStringLiteral("Number of unseal shares (default 5)."),
                      QStringLiteral("n"), QStringLiteral("5")});
    parser.addOption({kThreshold, QStringLiteral("Shares needed to unseal (default 3)."),
                      QStringLiteral("t"), QStringLiteral("3")});
    parser.addOption({kShareDir, QStringLiteral("Write share-N files (0600) here instead."),
                      QStringLiteral("dir")});
    parser.addOption({kPgpKey, QStringLiteral("A PGP public key per share (repeat, in order)."),
                      QStringLiteral("key")});
    parser.addOption({kRootPgpKey, QStringLiteral("A PGP public key for the root token."),
                      QStringLiteral("key")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    QString why;
    auto endpoint = SealTarget::endpoint(parser, &why);
    if (!endpoint) {
        co_return parser.usageError(out, why);
    }
    const auto shares = CommandParser::toCount(parser.value(kShares));
    const auto threshold = CommandParser::toCount(parser.value(kThreshold));
    if (!shares || !threshold || *shares < 1 || *threshold < 1 || *threshold > *shares) {
        co_return parser.usageError(out, QStringLiteral("--threshold must be between 1 and "
                                                        "--shares"));
    }
    const auto shareDir = parser.value(kShareDir);
    if (!shareDir.isEmpty()) {
        QDir().mkpath(shareDir);
        if (!QFileInfo(shareDir).isDir()) {
            co_return parser.usageError(
                out, QStringLiteral("--share-dir %1 is not a directory").arg(shareDir));
        }
        for (int i = 1; i <= *shares; ++i) {
            if (QFileInfo::exists(QDir(shareDir).filePath(QStringLiteral("share-%1").arg(i)))) {
                co_return parser.usageError(
                    out, QStringLiteral("%1 already holds share files; choose an empty directory")
                             .arg(shareDir));
            }
        }
    }
    InitializeCeremony ceremony(*endpoint, session.workspace().auditLog(),
                                SealTarget::auditName(session, *endpoint));
    const auto address = SealTarget::address(*endpoint);
    auto initializing = ceremony.initialize(
        {*shares, *threshold, parser.values(kPgpKey), parser.value(kRootPgpKey)});
    auto init = co_await std::move(initializing);
    if (!init) {
        co_return out.fail(init.error(), QStringLiteral("init"));
    }
    const int count = ceremony.shareCount();
    bool toFiles = !shareDir.isEmpty();
    while (ceremony.stage() == InitializeCeremony::Stage::HandingOut) {
        const int index = ceremony.handedOut() + 1;
        SecretBytes share = ceremony.takeShare();
        const auto path = QDir(shareDir).filePath(QStringLiteral("share-%1").arg(index));
        QString problem;
        if (toFiles && (problem = writeShareFile(path, share)).isEmpty()) {
            out.note(QStringLiteral("share %1 written to %2").arg(index).arg(path));
        } else {
            if (!problem.isEmpty()) {
                out.note(QStringLiteral("strongroom-cli: %1").arg(problem));
                out.note(QStringLiteral("the remaining shares are printed instead"));
                toFiles = false;
            }
            out.writeSecret(QStringLiteral("share %1: ").arg(index).toStdString());
            out.writeSecret(share.view());
            out.writeSecret("\n");
        }
        share.clear();
        ceremony.shareStored();
    }
    const SecretBytes rootToken = ceremony.handOverRootToken(QStringLiteral("printed on stdout"));
    out.writeSecret("root token: ");
    out.writeSecret(rootToken.view());
    out.writeSecret("\n");
    out.note(QStringLiteral("initialized %1 with %2 shares, threshold %3; it is sealed: unseal it "
                            "with %3 shares")
                 .arg(address)
                 .arg(count)
                 .arg(*threshold));
    co_return 0;
}

} // namespace strongroom::cli
