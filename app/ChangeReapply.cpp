#include "ChangeReapply.h"

#include <set>

namespace strongroom {

namespace {

bool sameField(const SecretField* a, const SecretField* b) {
    if (!a || !b) {
        return a == b;
    }
    return a->json == b->json && a->value == b->value;
}

} // namespace

ChangeReapply ChangeReapply::onto(const SecretValue& base, const SecretValue& mine,
                                  const SecretValue& theirs) {
    using Format = SecretValue::Format;
    if (mine.format() != Format::KeyValue || theirs.format() != Format::KeyValue ||
        base.format() != Format::KeyValue) {
        return {mine, {}};
    }
    std::set<QString> keys;
    for (const auto* value : {&base, &mine}) {
        for (const auto& field : value->fields()) {
            keys.insert(field.key);
        }
    }
    ChangeReapply result{theirs, {}};
    for (const QString& key : keys) {
        const SecretField* was = base.field(key);
        const SecretField* now = mine.field(key);
        if (sameField(was, now)) {
            continue; // I did not touch this key: theirs stands
        }
        const SecretField* their = theirs.field(key);
        if (!sameField(was, their) && !sameField(now, their)) {
            result.overriddenKeys << key;
        }
        if (now) {
            result.merged.setField(key, now->value, now->json);
        } else {
            result.merged.removeField(key);
        }
    }
    return result;
}

} // namespace strongroom
