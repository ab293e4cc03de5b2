#include "DiffPrinter.h"

#include "SecretPrinter.h"

namespace strongroom::cli {

namespace {

void appendText(SecretBytes& out, const QString& text) {
    const QByteArray utf8 = text.toUtf8();
    out.append({utf8.constData(), static_cast<std::size_t>(utf8.size())});
}

void appendJsonText(SecretBytes& out, const QString& text) {
    const QByteArray utf8 = text.toUtf8();
    SecretPrinter::appendJsonString(out, {utf8.constData(), static_cast<std::size_t>(utf8.size())});
}

QString modeName(SecretDiff::Mode mode) {
    switch (mode) {
    case SecretDiff::Mode::Fields:
        return QStringLiteral("fields");
    case SecretDiff::Mode::Lines:
        return QStringLiteral("lines");
    case SecretDiff::Mode::Whole:
        return QStringLiteral("whole");
    }
    return {};
}

QString sign(DiffChange change) {
    switch (change) {
    case DiffChange::Added:
        return QStringLiteral("+");
    case DiffChange::Removed:
        return QStringLiteral("-");
    case DiffChange::Changed:
        return QStringLiteral("~");
    case DiffChange::Unchanged:
        return QStringLiteral(" ");
    }
    return {};
}

} // namespace

QString DiffPrinter::changeName(DiffChange change) {
    switch (change) {
    case DiffChange::Added:
        return QStringLiteral("added");
    case DiffChange::Removed:
        return QStringLiteral("removed");
    case DiffChange::Changed:
        return QStringLiteral("changed");
    case DiffChange::Unchanged:
        return QStringLiteral("unchanged");
    }
    return {};
}

QStringList DiffPrinter::keyLines(const SecretDiff& diff) {
    QStringList lines;
    switch (diff.mode()) {
    case SecretDiff::Mode::Fields:
        for (const auto& field : diff.fields()) {
            if (field.change != DiffChange::Unchanged) {
                lines << sign(field.change) + QLatin1Char(' ') + field.key;
            }
        }
        break;
    case SecretDiff::Mode::Lines:
        if (diff.hasChanges()) {
            lines << QStringLiteral("~ text: %1 line(s) added, %2 removed")
                         .arg(diff.count(DiffChange::Added))
                         .arg(diff.count(DiffChange::Removed));
        }
        break;
    case SecretDiff::Mode::Whole:
        if (diff.hasChanges()) {
            lines << (diff.formatChanged() ? QStringLiteral("~ value (format changed)")
                                           : QStringLiteral("~ value"));
        }
        break;
    }
    return lines;
}

SecretBytes DiffPrinter::withValues(const SecretDiff& diff) {
    SecretBytes out;
    if (diff.mode() == SecretDiff::Mode::Lines) {
        for (const auto& line : diff.lines()) {
            appendText(out, sign(line.change) + QLatin1Char(' '));
            out.append(line.line.view());
            out.append("\n");
        }
        return out;
    }
    if (diff.mode() == SecretDiff::Mode::Whole) {
        // The whole-value mode carries no bytes of its own; the key names say all it can.
        for (const auto& line : keyLines(diff)) {
            appendText(out, line + QLatin1Char('\n'));
        }
        return out;
    }
    for (const auto& field : diff.fields()) {
        switch (field.change) {
        case DiffChange::Unchanged:
            break;
        case DiffChange::Added:
            appendText(out, QStringLiteral("+ %1=").arg(field.key));
            out.append(field.after.view());
            out.append("\n");
            break;
        case DiffChange::Removed:
            appendText(out, QStringLiteral("- %1=").arg(field.key));
            out.append(field.before.view());
            out.append("\n");
            break;
        case DiffChange::Changed:
            appendText(out, QStringLiteral("~ %1\n  - ").arg(field.key));
            out.append(field.before.view());
            out.append("\n  + ");
            out.append(field.after.view());
            out.append("\n");
            break;
        }
    }
    return out;
}

SecretBytes DiffPrinter::asJson(const SecretDiff& diff, bool includeValues) {
    SecretBytes out("{\"mode\":");
    appendJsonText(out, modeName(diff.mode()));
    out.append(",\"changes\":[");
    bool first = true;
    auto begin = [&] {
        out.append(first ? "{" : ",{");
        first = false;
    };
    if (diff.mode() == SecretDiff::Mode::Fields) {
        for (const auto& field : diff.fields()) {
            if (field.change == DiffChange::Unchanged) {
                continue;
            }
            begin();
            out.append("\"key\":");
            appendJsonText(out, field.key);
            out.append(",\"change\":");
            appendJsonText(out, changeName(field.change));
            if (includeValues && field.change != DiffChange::Added) {
                out.append(",\"before\":");
                SecretPrinter::appendJsonString(out, field.before.view());
            }
            if (includeValues && field.change != DiffChange::Removed) {
                out.append(",\"after\":");
                SecretPrinter::appendJsonString(out, field.after.view());
            }
            out.append("}");
        }
    } else if (diff.mode() == SecretDiff::Mode::Lines) {
        for (const auto& line : diff.lines()) {
            if (line.change == DiffChange::Unchanged && !includeValues) {
                continue;
            }
            begin();
            out.append("\"change\":");
            appendJsonText(out, changeName(line.change));
            if (includeValues) {
                out.append(",\"line\":");
                SecretPrinter::appendJsonString(out, line.line.view());
            }
            out.append("}");
        }
    } else if (diff.hasChanges()) {
        begin();
        out.append("\"change\":\"changed\"}");
    }
    out.append("]}\n");
    return out;
}

} // namespace strongroom::cli
