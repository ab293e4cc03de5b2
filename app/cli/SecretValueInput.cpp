#include "SecretValueInput.h"

#include "InputReader.h"

#include <QSet>

#include <unistd.h>

namespace strongroom::cli {

namespace {
using Kind = BackendError::Kind;

BackendError invalid(const QString& message) {
    return BackendError(Kind::InvalidInput, message);
}
} // namespace

Result<std::vector<KeyValueArgument>> SecretValueInput::parsePairs(QStringList& pairs) {
    std::vector<KeyValueArgument> parsed;
    QString error;
    for (QString& pair : pairs) {
        auto argument = KeyValueArgument::parse(pair, error);
        if (!argument) {
            for (QString& rest : pairs) {
                wipe(rest);
            }
            return invalid(error);
        }
        parsed.push_back(std::move(*argument));
    }
    QSet<QString> keys;
    int fromStdin = 0;
    for (const auto& argument : parsed) {
        if (keys.contains(argument.key)) {
            return invalid(QStringLiteral("key '%1' is given twice").arg(argument.key));
        }
        keys.insert(argument.key);
        fromStdin += argument.source == KeyValueArgument::Source::Stdin ? 1 : 0;
    }
    if (fromStdin > 1) {
        return invalid(QStringLiteral("only one key can read its value from stdin ('key=-')"));
    }
    return parsed;
}

QCoro::Task<Result<SecretValue>> SecretValueInput::fromPairs(std::vector<KeyValueArgument> parsed) {
    std::vector<SecretField> fields;
    for (auto& argument : parsed) {
        SecretField field{argument.key, std::move(argument.value), false};
        if (argument.source != KeyValueArgument::Source::Inline) {
            QCoro::Task<Result<SecretBytes>> reading =
                argument.source == KeyValueArgument::Source::File
                    ? InputReader::readFile(argument.file)
                    : InputReader::readAll(STDIN_FILENO);
            auto read = co_await reading;
            if (!read) {
                co_return invalid(
                    QStringLiteral("key '%1': %2").arg(argument.key, read.error().detail()));
            }
            field.value = std::move(read.value());
        }
        fields.push_back(std::move(field));
    }
    co_return SecretValue::keyValue(std::move(fields));
}

QCoro::Task<Result<SecretValue>> SecretValueInput::fromStdinJson() {
    auto read = co_await InputReader::readAll(STDIN_FILENO);
    if (!read) {
        co_return read.error();
    }
    SecretValue value = SecretValue::fromJsonOrText(std::move(read.value()));
    if (value.format() != SecretValue::Format::KeyValue) {
        co_return invalid(QStringLiteral("--stdin-json: stdin is not a JSON object"));
    }
    co_return value;
}

QCoro::Task<Result<SecretValue>> SecretValueInput::fromStdinText() {
    auto read = co_await InputReader::readAll(STDIN_FILENO);
    if (!read) {
        co_return read.error();
    }
    co_return SecretValue::text(std::move(read.value()));
}

} // namespace strongroom::cli
