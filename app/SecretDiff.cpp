#include "SecretDiff.h"

#include "JsonWipe.h"

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>

#include <algorithm>
#include <map>

namespace strongroom {

namespace {

// Flattened key -> value, ordered by key so the diff comes out sorted.
using FlatFields = std::map<QString, SecretBytes>;

SecretBytes fromString(std::string& text) {
    SecretBytes bytes(text);
    OPENSSL_cleanse(text.data(), text.size());
    return bytes;
}

void flattenJson(const nlohmann::json& node, const QString& prefix, FlatFields& out) {
    if (node.is_object() && !node.empty()) {
        for (const auto& [key, child] : node.items()) {
            flattenJson(child, prefix + QLatin1Char('.') + QString::fromStdString(key), out);
        }
        return;
    }
    std::string text = node.is_string() ? node.get<std::string>() : node.dump();
    out.insert_or_assign(prefix, fromString(text));
}

FlatFields flatten(const SecretValue& value) {
    FlatFields flat;
    for (const auto& field : value.fields()) {
        if (!field.json) {
            flat.insert_or_assign(field.key, field.value);
            continue;
        }
        auto parsed = nlohmann::json::parse(field.value.view(), nullptr, false);
        if (parsed.is_discarded() || !parsed.is_object() || parsed.empty()) {
            flat.insert_or_assign(field.key, field.value);
        } else {
            flattenJson(parsed, field.key, flat);
        }
        wipeJson(parsed);
    }
    return flat;
}

std::vector<FieldDiff> diffFields(const SecretValue& before, const SecretValue& after) {
    const FlatFields a = flatten(before);
    const FlatFields b = flatten(after);
    std::vector<FieldDiff> result;
    auto ia = a.begin();
    auto ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
            result.push_back({ia->first, DiffChange::Removed, ia->second, {}});
            ++ia;
        } else if (ia == a.end() || ib->first < ia->first) {
            result.push_back({ib->first, DiffChange::Added, {}, ib->second});
            ++ib;
        } else {
            const auto change =
                ia->second == ib->second ? DiffChange::Unchanged : DiffChange::Changed;
            result.push_back({ia->first, change, ia->second, ib->second});
            ++ia;
            ++ib;
        }
    }
    return result;
}

std::vector<SecretBytes> splitLines(const SecretBytes& text) {
    std::vector<SecretBytes> lines;
    const std::string_view all = text.view();
    if (all.empty()) {
        return lines;
    }
    std::size_t start = 0;
    while (start <= all.size()) {
        const std::size_t end = all.find('\n', start);
        if (end == std::string_view::npos) {
            if (start < all.size()) {
                lines.emplace_back(all.substr(start));
            }
            break;
        }
        lines.emplace_back(all.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// Longest common subsequence over the lines between the common head and tail. Secrets are small;
// a huge middle (a pasted file) is shown as removed-then-added rather than spending quadratic
// memory on it.
std::vector<LineDiff> diffLines(const SecretBytes& before, const SecretBytes& after) {
    const auto a = splitLines(before);
    const auto b = splitLines(after);
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) {
        ++head;
    }
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head &&
           a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
        ++tail;
    }
    const std::size_t n = a.size() - head - tail;
    const std::size_t m = b.size() - head - tail;
    constexpr std::size_t MaxTable = std::size_t(1) << 22;

    std::vector<LineDiff> result;
    for (std::size_t k = 0; k < head; ++k) {
        result.push_back({DiffChange::Unchanged, a[k]});
    }
    if ((n + 1) * (m + 1) > MaxTable) {
        for (std::size_t k = 0; k < n; ++k) {
            result.push_back({DiffChange::Removed, a[head + k]});
        }
        for (std::size_t k = 0; k < m; ++k) {
            result.push_back({DiffChange::Added, b[head + k]});
        }
    } else {
        std::vector<std::vector<int>> common(n + 1, std::vector<int>(m + 1, 0));
        for (std::size_t i = n; i-- > 0;) {
            for (std::size_t j = m; j-- > 0;) {
                common[i][j] = a[head + i] == b[head + j]
                                   ? common[i + 1][j + 1] + 1
                                   : std::max(common[i + 1][j], common[i][j + 1]);
            }
        }
        std::size_t i = 0;
        std::size_t j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[head + i] == b[head + j]) {
                result.push_back({DiffChange::Unchanged, a[head + i]});
                ++i;
                ++j;
            } else if (j < m && (i == n || common[i][j + 1] > common[i + 1][j])) {
                result.push_back({DiffChange::Added, b[head + j]});
                ++j;
            } else {
                result.push_back({DiffChange::Removed, a[head + i]});
                ++i;
            }
        }
    }
    for (std::size_t k = a.size() - tail; k < a.size(); ++k) {
        result.push_back({DiffChange::Unchanged, a[k]});
    }
    return result;
}

} // namespace

SecretDiff SecretDiff::between(const SecretValue& before, const SecretValue& after) {
    SecretDiff diff;
    diff.m_formatChanged = before.format() != after.format();
    if (!diff.m_formatChanged && before.format() == SecretValue::Format::KeyValue) {
        diff.m_mode = Mode::Fields;
        diff.m_fields = diffFields(before, after);
    } else if (!diff.m_formatChanged && before.format() == SecretValue::Format::Text) {
        diff.m_mode = Mode::Lines;
        diff.m_lines = diffLines(before.blob(), after.blob());
    } else {
        diff.m_mode = Mode::Whole;
        diff.m_whole = before == after ? DiffChange::Unchanged : DiffChange::Changed;
    }
    return diff;
}

bool SecretDiff::hasChanges() const {
    switch (m_mode) {
    case Mode::Fields:
        return std::any_of(m_fields.begin(), m_fields.end(),
                           [](const FieldDiff& f) { return f.change != DiffChange::Unchanged; });
    case Mode::Lines:
        return std::any_of(m_lines.begin(), m_lines.end(),
                           [](const LineDiff& l) { return l.change != DiffChange::Unchanged; });
    case Mode::Whole:
        return m_whole != DiffChange::Unchanged;
    }
    return false;
}

int SecretDiff::count(DiffChange change) const {
    switch (m_mode) {
    case Mode::Fields:
        return static_cast<int>(
            std::count_if(m_fields.begin(), m_fields.end(),
                          [&](const FieldDiff& f) { return f.change == change; }));
    case Mode::Lines:
        return static_cast<int>(std::count_if(
            m_lines.begin(), m_lines.end(), [&](const LineDiff& l) { return l.change == change; }));
    case Mode::Whole:
        return m_whole == change ? 1 : 0;
    }
    return 0;
}

} // namespace strongroom
