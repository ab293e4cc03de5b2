#include "VersionInfo.h"

namespace strongroom {

QStringList markNames(VersionMarks marks) {
    static const std::pair<VersionMark, const char*> names[] = {
        {VersionMark::Current, "current"},           {VersionMark::Previous, "previous"},
        {VersionMark::Pending, "pending"},           {VersionMark::Deleted, "deleted"},
        {VersionMark::Destroyed, "destroyed"},       {VersionMark::Disabled, "disabled"},
        {VersionMark::Deprecated, "deprecated"},     {VersionMark::Expired, "expired"},
        {VersionMark::NotYetValid, "not-yet-valid"},
    };
    QStringList result;
    for (const auto& [mark, name] : names) {
        if (marks.testFlag(mark)) {
            result << QString::fromLatin1(name);
        }
    }
    return result;
}

} // namespace strongroom
