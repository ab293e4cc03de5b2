#include "AwsProvider.h"

#include "AwsConnectionSpec.h"
#include "AwsConnector.h"

namespace strongroom {

ProviderDescription awsProvider() {
    ProviderDescription description;
    description.id = QStringLiteral("aws");
    description.displayName = QStringLiteral("AWS Secrets Manager");
    description.iconName = QStringLiteral("provider-aws");
    description.summary =
        QStringLiteral("Keys, profiles or a role with MFA; also moto, LocalStack");
    description.keychainPrefixes = {AwsConnector::keychainKey({})};
    description.makeConnector = [](Workspace* workspace, QObject* parent) -> StoreConnector* {
        return new AwsConnector(workspace, parent);
    };
    description.describeOptions = [](const QVariantMap& options) {
        const auto spec = AwsConnectionSpec::fromOptions({}, {}, options);
        if (!spec) {
            return QString();
        }
        QString text =
            spec->region.isEmpty() ? QStringLiteral("region from the profile") : spec->region;
        if (!spec->profile.isEmpty()) {
            text += QStringLiteral(", profile %1").arg(spec->profile);
        }
        if (!spec->endpointUrl.isEmpty()) {
            text += QStringLiteral(", %1").arg(spec->endpointUrl);
        }
        return text;
    };
    return description;
}

} // namespace strongroom
