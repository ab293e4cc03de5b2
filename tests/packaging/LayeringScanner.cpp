#include "LayeringScanner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace {

const QRegularExpression& includePattern() {
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])"),
                                            QRegularExpression::MultilineOption);
    return pattern;
}

QStringList includesOf(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QString text = QString::fromUtf8(file.readAll());
    QStringList result;
    auto matches = includePattern().globalMatch(text);
    while (matches.hasNext()) {
        result.append(matches.next().captured(1));
    }
    return result;
}

QStringList sourcesBelow(const QString& folder) {
    QStringList result;
    QDirIterator it(folder,
                    {QStringLiteral("*.h"), QStringLiteral("*.hpp"), QStringLiteral("*.cpp")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        result.append(it.next());
    }
    result.sort();
    return result;
}

QStringList cmakeFilesBelow(const QString& folder) {
    QStringList result;
    QDirIterator it(folder, {QStringLiteral("CMakeLists.txt"), QStringLiteral("*.cmake")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        result.append(it.next());
    }
    result.sort();
    return result;
}

// QtGui classes that a non-UI layer has no business with (Qt 6 moved QAction etc. to QtGui).
const QSet<QString>& guiClassNames() {
    static const QSet<QString> names = {
        QStringLiteral("QApplication"),
        QStringLiteral("QGuiApplication"),
        QStringLiteral("QClipboard"),
        QStringLiteral("QPixmap"),
        QStringLiteral("QIcon"),
        QStringLiteral("QImage"),
        QStringLiteral("QPainter"),
        QStringLiteral("QColor"),
        QStringLiteral("QFont"),
        QStringLiteral("QFontMetrics"),
        QStringLiteral("QPalette"),
        QStringLiteral("QScreen"),
        QStringLiteral("QWindow"),
        QStringLiteral("QAction"),
        QStringLiteral("QKeySequence"),
        QStringLiteral("QShortcut"),
        QStringLiteral("QDesktopServices"),
        QStringLiteral("QStandardItemModel"),
        QStringLiteral("QValidator"),
        QStringLiteral("QCursor"),
        QStringLiteral("QDialog"),
        QStringLiteral("QMainWindow"),
        QStringLiteral("QMessageBox"),
        QStringLiteral("QFileDialog"),
        QStringLiteral("QMenu"),
        QStringLiteral("QToolBar"),
        QStringLiteral("QStatusBar"),
        QStringLiteral("QSystemTrayIcon"),
    };
    return names;
}

} // namespace

LayeringScanner::LayeringScanner(QString sourceRoot)
    : m_root(QDir::cleanPath(std::move(sourceRoot))) {}

bool LayeringScanner::isGuiHeader(const QString& include) {
    static const QRegularExpression widgetName(QStringLiteral(R"(^Q\w*Widget(\.h)?$)"));
    const QString lower = include.toLower();
    if (lower.startsWith(QLatin1String("qtwidgets")) || lower.startsWith(QLatin1String("qtgui")) ||
        lower.startsWith(QLatin1String("qtsvg"))) {
        return true;
    }
    const QString name = include.section(QLatin1Char('/'), -1);
    if (widgetName.match(name).hasMatch()) {
        return true;
    }
    QString className = name;
    if (className.endsWith(QLatin1String(".h"))) {
        className = className.toLower().chopped(2); // qpixmap.h style
        for (const QString& known : guiClassNames()) {
            if (known.toLower() == className) {
                return true;
            }
        }
        return false;
    }
    return guiClassNames().contains(className);
}

QString LayeringScanner::relative(const QString& path) const {
    return QDir(m_root).relativeFilePath(path);
}

void LayeringScanner::scanGuiFree(const QString& folder, QStringList& found) const {
    for (const QString& path : sourcesBelow(folder)) {
        for (const QString& include : includesOf(path)) {
            if (isGuiHeader(include)) {
                found.append(
                    QStringLiteral("%1 includes GUI header <%2>").arg(relative(path), include));
            }
        }
    }
    static const QRegularExpression guiTarget(QStringLiteral(R"(Qt[56]?::(Widgets|Gui|Svg)\b)"));
    for (const QString& path : cmakeFilesBelow(folder)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        const auto match = guiTarget.match(QString::fromUtf8(file.readAll()));
        if (match.hasMatch()) {
            found.append(QStringLiteral("%1 links %2").arg(relative(path), match.captured(0)));
        }
    }
}

void LayeringScanner::scanProviders(QStringList& found) const {
    const QDir backends(m_root + QStringLiteral("/backends"));
    QStringList providers = backends.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    providers.removeAll(QStringLiteral("core"));
    // Which provider folder each header name belongs to, to catch `#include "VaultApi.h"` through
    // an include path as well as `#include "../vault/VaultApi.h"`.
    QHash<QString, QString> headerOwner;
    for (const QString& provider : providers) {
        for (const QString& path : sourcesBelow(backends.filePath(provider))) {
            if (!path.endsWith(QLatin1String(".cpp"))) {
                headerOwner.insert(QFileInfo(path).fileName(), provider);
            }
        }
    }
    for (const QString& provider : providers) {
        for (const QString& path : sourcesBelow(backends.filePath(provider))) {
            for (const QString& include : includesOf(path)) {
                const QStringList parts = include.split(QLatin1Char('/'), Qt::SkipEmptyParts);
                QString owner;
                for (const QString& part : parts) {
                    if (part != provider && providers.contains(part)) {
                        owner = part;
                    }
                }
                if (owner.isEmpty() && parts.size() == 1) {
                    owner = headerOwner.value(parts.first());
                    const bool ownHeader =
                        QFileInfo::exists(QFileInfo(path).dir().filePath(parts.first())) ||
                        QFileInfo::exists(backends.filePath(provider) + QLatin1Char('/') +
                                          parts.first());
                    if (owner == provider || ownHeader) {
                        owner.clear();
                    }
                }
                if (!owner.isEmpty()) {
                    found.append(QStringLiteral("%1 includes \"%2\" from provider %3")
                                     .arg(relative(path), include, owner));
                }
            }
        }
    }
}

QStringList LayeringScanner::storeNames() const {
    QStringList stores = QDir(m_root + QStringLiteral("/backends"))
                             .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    stores.removeAll(QStringLiteral("core"));
    stores.removeAll(QStringLiteral("local"));
    return stores;
}

namespace {

// The path's folders below the layer ("app/cli/vault/X.cpp" -> app, cli, vault).
QStringList foldersOf(const QString& relativePath) {
    QStringList parts = relativePath.split(QLatin1Char('/'));
    parts.removeLast();
    return parts;
}

QString withoutLineComment(const QString& line) {
    const qsizetype comment = line.indexOf(QLatin1String("//"));
    return comment < 0 ? line : line.left(comment);
}

} // namespace

void LayeringScanner::scanGenericCode(QStringList& found) const {
    const QStringList stores = storeNames();
    // Headers and class names that belong to a store, from every layer's store folders.
    QHash<QString, QString> headerOwner;
    QHash<QString, QString> classOwner;
    static const QRegularExpression declared(
        QStringLiteral(R"(^\s*(?:class|struct)\s+(\w+)\s*(?:final\s*)?[:{])"),
        QRegularExpression::MultilineOption);
    for (const QString& layer : {QStringLiteral("backends"), QStringLiteral("app"),
                                 QStringLiteral("ui"), QStringLiteral("app/cli")}) {
        for (const QString& store : stores) {
            const QString folder = m_root + QLatin1Char('/') + layer + QLatin1Char('/') + store;
            for (const QString& path : sourcesBelow(folder)) {
                if (path.endsWith(QLatin1String(".cpp"))) {
                    continue;
                }
                headerOwner.insert(QFileInfo(path).fileName(), store);
                QFile file(path);
                if (!file.open(QIODevice::ReadOnly)) {
                    continue;
                }
                auto matches = declared.globalMatch(QString::fromUtf8(file.readAll()));
                while (matches.hasNext()) {
                    classOwner.insert(matches.next().captured(1), store);
                }
            }
        }
    }
    static const QRegularExpression word(QStringLiteral(R"(\b[A-Z]\w+\b)"));
    static const QRegularExpression branch(
        QStringLiteral(R"(providerId\(\)\s*[!=]=|[!=]=\s*[\w.>()-]*providerId\(\))"));
    for (const QString& layer : {QStringLiteral("app"), QStringLiteral("ui")}) {
        for (const QString& path : sourcesBelow(m_root + QLatin1Char('/') + layer)) {
            const QString name = relative(path);
            const QStringList folders = foldersOf(name);
            const bool storeFolder =
                std::any_of(folders.begin(), folders.end(),
                            [&](const QString& f) { return stores.contains(f); });
            if (storeFolder || folders.contains(QStringLiteral("providers")) ||
                QFileInfo(path).fileName() == QLatin1String("main.cpp")) {
                continue;
            }
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                continue;
            }
            const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
            for (qsizetype i = 0; i < lines.size(); ++i) {
                const QString code = withoutLineComment(lines.at(i));
                const auto include = includePattern().match(code);
                if (include.hasMatch()) {
                    const QString header = include.captured(1).section(QLatin1Char('/'), -1);
                    if (headerOwner.contains(header)) {
                        found.append(QStringLiteral("%1:%2 includes \"%3\" of store %4")
                                         .arg(name)
                                         .arg(i + 1)
                                         .arg(header, headerOwner.value(header)));
                    }
                    continue;
                }
                if (branch.match(code).hasMatch()) {
                    found.append(
                        QStringLiteral("%1:%2 branches on providerId()").arg(name).arg(i + 1));
                }
                auto words = word.globalMatch(code);
                while (words.hasNext()) {
                    const QString candidate = words.next().captured(0);
                    if (classOwner.contains(candidate)) {
                        found.append(QStringLiteral("%1:%2 names %3 of store %4")
                                         .arg(name)
                                         .arg(i + 1)
                                         .arg(candidate, classOwner.value(candidate)));
                        break;
                    }
                }
            }
        }
    }
}

QStringList LayeringScanner::violations() const {
    QStringList found;
    for (const QString& layer : {QStringLiteral("app"), QStringLiteral("backends")}) {
        const QString folder = m_root + QLatin1Char('/') + layer;
        if (QFileInfo::exists(folder)) {
            scanGuiFree(folder, found);
        }
    }
    scanProviders(found);
    scanGenericCode(found);
    return found;
}
