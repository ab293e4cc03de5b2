// libFuzzer target: arbitrary bytes as an AWS reply, through the JSON 1.1 error parser, the
// DescribeSecret reader (when the bytes are JSON) and the STS AssumeRole and GetCallerIdentity XML
// parsers. The first byte picks the HTTP status and whether the first line is also used as the
// x-amzn-ErrorType header. A parser may refuse the input but must never crash, hang, read out of
// bounds or leak; ASan and UBSan watch for those.
#include "AwsErrorReply.h"
#include "AwsSecretDescription.h"
#include "StsAssumeRoleReply.h"
#include "StsCallerIdentityReply.h"

#include <cstddef>
#include <cstdint>

using namespace strongroom;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const int statuses[] = {200, 400, 403, 404, 429, 500, 503, 302};
    const int status = size > 0 ? statuses[data[0] % 8] : 400;
    const bool headerFromFirstLine = size > 0 && (data[0] & 0x80) != 0;
    const QByteArray input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));

    QByteArray header;
    if (headerFromFirstLine)
        header = input.left(input.indexOf('\n') < 0 ? 64 : input.indexOf('\n'));
    const AwsErrorReply error = AwsErrorReply::fromJson(status, header, input);
    (void)error.toError().message();
    (void)error.isRetryable();

    const auto reply = nlohmann::json::parse(data, data + size, nullptr, false);
    if (!reply.is_discarded()) {
        const auto description = AwsSecretDescription::fromJson(reply);
        if (description) {
            (void)description->currentVersion();
            (void)description->stuckPendingVersion();
        } else {
            (void)description.error().message();
        }
    }

    const auto identity = StsCallerIdentityReply::parse(status, input);
    if (identity)
        (void)identity->size();
    else
        (void)identity.error().message();
    (void)StsCallerIdentityReply::error(status, input).isRetryable();

    QByteArray body = input;
    auto role = StsAssumeRoleReply::parse(status, body);
    if (role)
        (void)role->credentials.sessionToken.size();
    else
        (void)role.error().message();
    return 0;
}
